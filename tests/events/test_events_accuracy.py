"""Accuracy of the event classifier and the history parser on real tracking text.

The labelled set is `tests/data/events/` (see its README). Run this file as a script to
print the tables the README shows:

    .venv/bin/python tests/events/test_events_accuracy.py [--misses] [--misses-of heldout4.toml]
    .venv/bin/python tests/events/test_events_accuracy.py --readme

(`--misses` lists what lines.toml's tuning set and histories get wrong; `--misses-of NAME`
every line and history of that file read otherwise than labelled; `--readme` puts every
table in its place in README.md, the table under the same header row: tables kept as
measured once carry a header of their own.)

The tests hold the figures measured when the set was built, so wording changes that
make the classifier worse fail the build; "wrong" (a stage named that is not the
label) is what matters most: a seller would get the wrong advice.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parents[1] / "data" / "events"


def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    with (DATA / "lines.toml").open("rb") as handle:
        sources = tomllib.load(handle)["source"]
    with (DATA / "histories.toml").open("rb") as handle:
        histories = tomllib.load(handle)["history"]
    return sources, histories


def _as_labelled(kb: Any, stage: str | None, label: str | None) -> str | None:
    """`stage` as the labels name it: a stage that `refines` the label's (facts/stages.toml;
    customs-released, split off customs in session 9, after every labelled set was written
    with a release labelled `customs`) is the label's reading."""
    refined = kb.stages[stage].get("refines") if stage in kb.stages else None
    return label if refined is not None and refined == label else stage


def line_results(kb: Any, name: str = "lines.toml") -> list[dict[str, Any]]:
    """Each labelled line of `name` (lines.toml, or wording.toml: the second check set,
    status lists of other carriers and aggregators) with the stage read from it."""
    from parcel_doctor.events.read import read_line

    with (DATA / name).open("rb") as handle:
        sources = tomllib.load(handle)["source"]
    out = []
    for source in sources:
        for lang, label, text in source["lines"]:
            stage = _as_labelled(kb, read_line(kb, text).stage, label)
            verdict = (
                "right"
                if stage == (None if label == "neutral" else label)
                else "cannot tell"
                if stage is None
                else "wrong"
            )
            out.append(
                {
                    "source": source["id"],
                    "carrier": source["carrier"],
                    "held_out": source.get("held_out", False),
                    "lang": lang,
                    "label": label,
                    "text": text,
                    "stage": stage,
                    "verdict": verdict,
                }
            )
    return out


def history_results(kb: Any, name: str = "histories.toml") -> list[dict[str, Any]]:
    """Each labelled history with what the parser read from it: histories.toml (text in
    histories/<id>.txt), or heldout3.toml to heldout8.toml (text inline)."""
    from parcel_doctor.events.read import read_history

    with (DATA / name).open("rb") as handle:
        histories = tomllib.load(handle).get("history", [])
    out = []
    for entry in histories:
        if "text" in entry:
            text = entry["text"]
        else:
            text = (DATA / "histories" / f"{entry['id']}.txt").read_text(encoding="utf-8")
        history = read_history(kb, text, entry["today"])
        got = {k: history.answers.get(k) for k in ("last_event", "last_event_on", "shipped_on")}
        want = {k: entry.get(k) for k in ("last_event", "last_event_on", "shipped_on")}
        got["last_event"] = _as_labelled(kb, got["last_event"], want["last_event"])
        out.append({"entry": entry, "got": got, "want": want, "history": history})
    return out


def _share(counts: Counter[str]) -> str:
    total = sum(counts.values())
    if not total:
        return "-"
    return (
        f"{total} | {100 * counts['right'] / total:.1f} % | "
        f"{100 * counts['cannot tell'] / total:.1f} % | {100 * counts['wrong'] / total:.1f} %"
    )


def _by(results: list[dict[str, Any]], key: str) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        if r["label"] != "neutral":
            counts[r[key]][r["verdict"]] += 1
    return counts


def tables(kb: Any) -> str:
    results = line_results(kb)
    second = line_results(kb, "wording.toml")
    unseen = line_results(kb, "unseen.toml")
    lists = line_results(kb, "status_lists.toml")
    third = line_results(kb, "heldout3.toml")
    fourth = line_results(kb, "heldout4.toml")
    fifth = line_results(kb, "heldout5.toml")
    sixth = line_results(kb, "heldout6.toml")
    seventh = line_results(kb, "heldout7.toml")
    eighth = line_results(kb, "heldout8.toml")
    ninth = line_results(kb, "heldout9.toml")
    tenth = line_results(kb, "heldout10.toml")
    eleventh = line_results(kb, "heldout11.toml")
    twelfth = line_results(kb, "heldout12.toml")
    thirteenth = line_results(kb, "heldout13.toml")
    fourteenth = line_results(kb, "heldout14.toml")
    fifteenth = line_results(kb, "heldout15.toml")
    sixteenth = line_results(kb, "heldout16.toml")
    seventeenth = line_results(kb, "heldout17.toml")
    eighteenth = line_results(kb, "heldout18.toml")
    lines = ["| lines | n | right | cannot tell | wrong |", "|---|---:|---:|---:|---:|"]
    for name, part in (
        ("all (stage lines)", [r for r in results if r["label"] != "neutral"]),
        ("tuning set", [r for r in results if r["label"] != "neutral" and not r["held_out"]]),
        ("held out", [r for r in results if r["label"] != "neutral" and r["held_out"]]),
        ("neutral lines (right = cannot tell)", [r for r in results if r["label"] == "neutral"]),
        ("second check set (wording.toml)", [r for r in second if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in second if r["label"] == "neutral"]),
        ("status lists the wording was checked on", [r for r in lists if r["label"] != "neutral"]),
        ("their neutral lines", [r for r in lists if r["label"] == "neutral"]),
        ("unseen set (unseen.toml)", [r for r in unseen if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in unseen if r["label"] == "neutral"]),
        ("third held-out set (heldout3.toml)", [r for r in third if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in third if r["label"] == "neutral"]),
        ("fourth held-out set (heldout4.toml)", [r for r in fourth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in fourth if r["label"] == "neutral"]),
        ("fifth held-out set (heldout5.toml)", [r for r in fifth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in fifth if r["label"] == "neutral"]),
        ("sixth held-out set (heldout6.toml)", [r for r in sixth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in sixth if r["label"] == "neutral"]),
        ("seventh held-out set (heldout7.toml)", [r for r in seventh if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in seventh if r["label"] == "neutral"]),
        ("eighth held-out set (heldout8.toml)", [r for r in eighth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in eighth if r["label"] == "neutral"]),
        ("ninth held-out set (heldout9.toml)", [r for r in ninth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in ninth if r["label"] == "neutral"]),
        ("tenth held-out set (heldout10.toml)", [r for r in tenth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in tenth if r["label"] == "neutral"]),
        (
            "eleventh held-out set (heldout11.toml)",
            [r for r in eleventh if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in eleventh if r["label"] == "neutral"]),
        ("twelfth held-out set (heldout12.toml)", [r for r in twelfth if r["label"] != "neutral"]),
        ("its neutral lines", [r for r in twelfth if r["label"] == "neutral"]),
        (
            "thirteenth held-out set (heldout13.toml)",
            [r for r in thirteenth if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in thirteenth if r["label"] == "neutral"]),
        (
            "fourteenth held-out set (heldout14.toml)",
            [r for r in fourteenth if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in fourteenth if r["label"] == "neutral"]),
        (
            "fifteenth held-out set (heldout15.toml)",
            [r for r in fifteenth if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in fifteenth if r["label"] == "neutral"]),
        (
            "sixteenth held-out set (heldout16.toml)",
            [r for r in sixteenth if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in sixteenth if r["label"] == "neutral"]),
        (
            "seventeenth held-out set (heldout17.toml)",
            [r for r in seventeenth if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in seventeenth if r["label"] == "neutral"]),
        (
            "eighteenth held-out set (heldout18.toml)",
            [r for r in eighteenth if r["label"] != "neutral"],
        ),
        ("its neutral lines", [r for r in eighteenth if r["label"] == "neutral"]),
    ):
        lines.append(f"| {name} | {_share(Counter(r['verdict'] for r in part))} |")
    held = [r for r in results if r["held_out"]]
    for key, title in (("lang", "language"), ("label", "stage")):
        everything, held_by, unseen_by = _by(results, key), _by(held, key), _by(unseen, key)
        lines += [
            "",
            f"| {title} | lines.toml: n | right | cannot tell | wrong "
            "| its held out: n | right | cannot tell | wrong "
            "| unseen.toml: n | right | cannot tell | wrong |",
            "|---|" + "---:|" * 12,
        ]
        for name in sorted({*everything, *unseen_by}):
            cells = [_share(part.get(name, Counter())) for part in (everything, held_by, unseen_by)]
            lines.append(
                f"| {name} | "
                + " | ".join(c if c != "-" else "0 | - | - | -" for c in cells)
                + " |"
            )
    for held_name, held_results in (
        ("heldout3.toml", third),
        ("heldout4.toml", fourth),
        ("heldout5.toml", fifth),
        ("heldout6.toml", sixth),
        ("heldout7.toml", seventh),
        ("heldout8.toml", eighth),
        ("heldout9.toml", ninth),
        ("heldout10.toml", tenth),
        ("heldout11.toml", eleventh),
        ("heldout12.toml", twelfth),
        ("heldout13.toml", thirteenth),
        ("heldout14.toml", fourteenth),
        ("heldout15.toml", fifteenth),
        ("heldout16.toml", sixteenth),
        ("heldout17.toml", seventeenth),
        ("heldout18.toml", eighteenth),
    ):
        keys = [("lang", "language"), ("label", "stage")]
        if held_name not in ("heldout3.toml", "heldout4.toml", "heldout5.toml"):
            keys.append(("carrier", "carrier"))
        for key, title in keys:
            held_by = _by(held_results, key)
            lines += [
                "",
                f"| {title} | {held_name}: n | right | cannot tell | wrong |",
                "|---|---:|---:|---:|---:|",
            ]
            lines += [f"| {name} | {_share(held_by[name])} |" for name in sorted(held_by)]
    histories = history_results(kb)
    third_histories = history_results(kb, "heldout3.toml")
    fourth_histories = history_results(kb, "heldout4.toml")
    fifth_histories = history_results(kb, "heldout5.toml")
    sixth_histories = history_results(kb, "heldout6.toml")
    seventh_histories = history_results(kb, "heldout7.toml")
    eighth_histories = history_results(kb, "heldout8.toml")
    ninth_histories = history_results(kb, "heldout9.toml")
    tenth_histories = history_results(kb, "heldout10.toml")
    eleventh_histories = history_results(kb, "heldout11.toml")
    twelfth_histories = history_results(kb, "heldout12.toml")
    fourteenth_histories = history_results(kb, "heldout14.toml")
    fifteenth_histories = history_results(kb, "heldout15.toml")
    sixteenth_histories = history_results(kb, "heldout16.toml")
    seventeenth_histories = history_results(kb, "heldout17.toml")
    eighteenth_histories = history_results(kb, "heldout18.toml")
    lines += [
        "",
        "| histories | n | last_event | last_event_on | shipped_on |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, part in (
        ("all", histories),
        ("tuning set", [h for h in histories if not h["entry"]["held_out"]]),
        ("held out", [h for h in histories if h["entry"]["held_out"]]),
        ("third held-out set (heldout3.toml)", third_histories),
        ("fourth held-out set (heldout4.toml)", fourth_histories),
        ("fifth held-out set (heldout5.toml)", fifth_histories),
        ("sixth held-out set (heldout6.toml)", sixth_histories),
        ("seventh held-out set (heldout7.toml)", seventh_histories),
        ("eighth held-out set (heldout8.toml)", eighth_histories),
        ("ninth held-out set (heldout9.toml)", ninth_histories),
        ("tenth held-out set (heldout10.toml)", tenth_histories),
        ("eleventh held-out set (heldout11.toml)", eleventh_histories),
        ("twelfth held-out set (heldout12.toml)", twelfth_histories),
        ("fourteenth held-out set (heldout14.toml)", fourteenth_histories),
        ("fifteenth held-out set (heldout15.toml)", fifteenth_histories),
        ("sixteenth held-out set (heldout16.toml)", sixteenth_histories),
        ("seventeenth held-out set (heldout17.toml)", seventeenth_histories),
        ("eighteenth held-out set (heldout18.toml)", eighteenth_histories),
    ):
        cells = [
            f"{sum(h['got'][k] == h['want'][k] for h in part)}/{len(part)}"
            for k in ("last_event", "last_event_on", "shipped_on")
        ]
        lines.append(f"| {name} | {len(part)} | {' | '.join(cells)} |")
    return "\n".join(lines)


README = DATA.parents[2] / "README.md"


def with_tables(readme: str, printed: str) -> tuple[str, list[str]]:
    """`readme` with each of the `printed` tables in place of the README table under the
    same header row, and the header rows it has no table under (none, or several)."""
    lines = readme.split("\n")
    missing = []
    for table in printed.split("\n\n"):
        rows = table.split("\n")
        at = [i for i, line in enumerate(lines) if line == rows[0]]
        if len(at) != 1:
            missing.append(rows[0])
            continue
        end = at[0]
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        lines[at[0] : end] = rows
    return "\n".join(lines), missing


# ----------------------------------------------------------------------------- tests


def test_the_labelled_set_is_as_described() -> None:
    sources, histories = load()
    lines = [line for s in sources for line in s["lines"]]
    assert len(lines) >= 300 and len(histories) >= 30
    assert len({s["carrier"] for s in sources}) >= 15
    assert {lang for lang, _, _ in lines} >= {"en", "zh", "de", "fr", "es", "pt", "ja"}
    assert all(s["url"].startswith(("https://", "http://")) for s in sources)
    for entry in histories:
        assert (DATA / "histories" / f"{entry['id']}.txt").is_file()
        assert isinstance(entry["today"], dt.date)


if __name__ == "__main__":
    from parcel_doctor.knowledge.loader import load as load_kb

    kb = load_kb()
    print(tables(kb))
    if "--readme" in sys.argv:
        text, missing = with_tables(README.read_text(encoding="utf-8"), tables(kb))
        README.write_text(text, encoding="utf-8")
        print("README.md: tables regenerated", *(f"no place for {h}" for h in missing), sep="\n")
    if "--misses" in sys.argv:
        for r in line_results(kb):
            if r["verdict"] != "right" and not r["held_out"]:
                shown = f"{r['stage']!s:24} {r['lang']} {r['text'][:70]}"
                print(f"{r['verdict']:11} {r['label']:24} -> {shown}")
        for h in history_results(kb):
            if h["got"] != h["want"] and not h["entry"]["held_out"]:
                print(h["entry"]["id"], "got", h["got"], "want", h["want"])
    if "--misses-of" in sys.argv:
        name = sys.argv[sys.argv.index("--misses-of") + 1]
        for r in line_results(kb, name):
            if r["verdict"] != "right":
                shown = f"{r['stage']!s:24} {r['lang']} {r['source']}: {r['text'][:90]}"
                print(f"{r['verdict']:11} {r['label']:24} -> {shown}")
        for h in history_results(kb, name):
            if h["got"] != h["want"]:
                print(h["entry"]["id"], "got", h["got"], "want", h["want"])


def _rates(results: list[dict[str, Any]]) -> tuple[float, float]:
    counts = Counter(r["verdict"] for r in results)
    total = sum(counts.values())
    return counts["right"] / total, counts["wrong"] / total


def test_every_table_has_one_place_in_the_readme(kb: Any) -> None:
    """`--readme` can keep every table the script prints current (EV-21f): each header row
    stands once in README.md, the tables kept as measured once under headers of their own."""
    assert with_tables(README.read_text(encoding="utf-8"), tables(kb))[1] == []


def test_tables_replace_the_readme_tables_under_their_headers() -> None:
    readme = "intro\n\n| a | n |\n|---|\n| x | 1 |\n| y | 2 |\n\ntext\n\n| b | n |\n|---|"
    printed = "| a | n |\n|---|\n| x | 3 |\n\n| c | n |\n|---|"
    text, missing = with_tables(readme, printed)
    assert text == "intro\n\n| a | n |\n|---|\n| x | 3 |\n\ntext\n\n| b | n |\n|---|"
    assert missing == ["| c | n |"]


def test_line_accuracy_holds(kb: Any) -> None:
    """The figures in the README, measured when the set was built: a wording change that
    names more stages wrongly, on tuned or on held-out text, fails here."""
    results = [r for r in line_results(kb) if r["label"] != "neutral"]
    tuned_right, tuned_wrong = _rates([r for r in results if not r["held_out"]])
    held_right, held_wrong = _rates([r for r in results if r["held_out"]])
    assert tuned_right >= 0.95 and tuned_wrong <= 0.01
    # 63.8 % right before the third session's wording, 69.5 % after (73 of 105), 70.5 %
    # and 4 wrong (3.8 %) after the fourth session's (74 of 105); 81 of 105 at the start of
    # the twenty-second session, 84 after its places read by the way the line takes them
    # (made knowing this part's misses: no clean step); 85 and 1 wrong after the twenty-third
    # session's awaited events (the same)
    assert held_right >= 0.80 and held_wrong <= 0.04
    neutral = [r for r in line_results(kb) if r["label"] == "neutral"]
    assert all(r["stage"] is None for r in neutral)


def _texts(name: str) -> list[str]:
    with (DATA / name).open("rb") as handle:
        return [text for s in tomllib.load(handle)["source"] for _, _, text in s["lines"]]


def test_the_unseen_set_is_as_described() -> None:
    """unseen.toml: at least 100 real lines, every language, its own sources, and no text
    the wording was tuned or checked on (lines.toml, wording.toml)."""
    with (DATA / "unseen.toml").open("rb") as handle:
        sources = tomllib.load(handle)["source"]
    lines = [line for s in sources for line in s["lines"]]
    assert len(lines) >= 100 and len({s["carrier"] for s in sources}) >= 15
    assert {lang for lang, _, _ in lines} >= {"en", "zh", "de", "fr", "es", "pt", "ja"}
    assert all(s["url"].startswith("https://") for s in sources)
    folded = {" ".join(text.casefold().split()) for _, _, text in lines}
    assert len(folded) == len(lines)
    earlier = {
        " ".join(t.casefold().split()) for n in ("lines.toml", "wording.toml") for t in _texts(n)
    }
    assert not folded & earlier
    urls = {s["url"] for s in sources}
    for name in ("lines.toml", "wording.toml"):
        with (DATA / name).open("rb") as handle:
            assert not urls & {s["url"] for s in tomllib.load(handle)["source"]}


LANGUAGES = {"en", "zh", "de", "fr", "es", "pt", "ja"}


def _fold(text: str) -> str:
    """Case, width and spaces folded, a final full stop dropped: the comparison the third
    held-out set was de-duplicated with."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(" .。!")


# Stages added after the held-out sets were labelled (customs-released, session 9: until
# then a release by import customs was labelled `customs`, as each set's conventions say).
LABELLED_BEFORE = frozenset({"customs-released"})


def _assert_held_out_form(
    kb: Any,
    name: str,
    *,
    languages: set[str],
    at_least: tuple[int, int],
    other_texts: tuple[str, ...],
    other_addresses: tuple[str, ...],
    absent: frozenset[str] = frozenset(),
    present: frozenset[str] = frozenset(LANGUAGES),
    carriers: int = 15,
    history_lines: int = 3,
) -> None:
    """The form of a held-out set (never its accuracy): addresses, `carriers` carriers at
    least, stage ids, languages (every one of `present` among its lines), dates, every
    stage among its lines (but the `absent` ones the set says it could not find), histories
    of `history_lines` events at least, and no text shared with `other_texts` nor source
    address with `other_addresses` (their sources and histories)."""
    with (DATA / name).open("rb") as handle:
        data = tomllib.load(handle)
    stages = {record["id"] for record in kb.records("stages")}
    sources, histories = data["source"], data.get("history", [])
    assert len({s["id"] for s in sources}) == len(sources)
    for source in sources:
        assert source["url"].startswith(("https://", "http://")), source["id"]
        assert source["carrier"].strip() and source["lines"], source["id"]
        for lang, label, text in source["lines"]:
            assert lang in languages and text.strip(), (source["id"], text)
            assert label in stages | {"neutral"}, (source["id"], label)
    lines = [line for s in sources for line in s["lines"]]
    assert len(lines) >= at_least[0] and len(histories) >= at_least[1]
    assert {lang for lang, _, _ in lines} >= present
    assert {label for _, label, _ in lines} == (stages - absent - LABELLED_BEFORE) | {"neutral"}
    assert len({s["carrier"] for s in sources} | {h["carrier"] for h in histories}) >= carriers
    folded = {_fold(text) for _, _, text in lines}
    assert len(folded) == len(lines)
    assert not folded & {_fold(t) for other in other_texts for t in _texts(other)}
    used_urls = set()
    for other in other_addresses:
        with (DATA / other).open("rb") as handle:
            records = tomllib.load(handle)
        used_urls |= {r["url"] for r in records.get("source", []) + records.get("history", [])}
    assert not used_urls & {s["url"] for s in sources}
    assert len({h["id"] for h in histories}) == len(histories)
    for entry in histories:
        assert entry["url"].startswith("https://") and entry["url"] not in used_urls
        assert entry["lang"] in languages and entry["carrier"].strip()
        assert entry["last_event"] in stages, entry["id"]
        assert isinstance(entry["today"], dt.date) and isinstance(entry["last_event_on"], dt.date)
        assert entry["last_event_on"] <= entry["today"], entry["id"]
        shipped = entry.get("shipped_on")
        assert shipped is None or shipped <= entry["last_event_on"], entry["id"]
        assert len(entry["text"].strip().splitlines()) >= history_lines, entry["id"]


def test_the_third_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout3.toml (README): real lines and whole histories, each with its source,
    labelled by hand before the classifier ran on them and measured once; no text or
    source address shared with the sets the wording was tuned or checked on."""
    _assert_held_out_form(
        kb,
        "heldout3.toml",
        languages=LANGUAGES,
        at_least=(250, 10),
        other_texts=("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml"),
        other_addresses=("lines.toml", "wording.toml", "status_lists.toml"),
    )


@pytest.mark.parametrize(
    ("name", "languages", "histories", "absent", "lines"),
    [
        ("heldout4.toml", {"nl", "pl"}, 15, frozenset(), 300),
        ("heldout5.toml", {"ko", "id"}, 15, frozenset(), 300),
        ("heldout6.toml", {"ko", "pl"}, 8, frozenset(), 300),
        (
            "heldout7.toml",
            {"uk", "ru", "fi", "it", "nl"},
            16,
            frozenset({"handed-to-local-carrier"}),
            300,
        ),
        ("heldout8.toml", {"cs", "sk"}, 8, frozenset(), 200),
    ],
)
def test_a_later_held_out_set_is_well_formed(
    kb: Any,
    name: str,
    languages: set[str],
    histories: int,
    absent: frozenset[str],
    lines: int,
) -> None:
    """heldout4.toml, heldout5.toml and heldout6.toml (README): held-out sets made like the
    third, committed before the classifier ran on them and measured once; no text and no
    source address shared with any set before them (histories included). Lines are kept in
    the language the carrier prints them (Dutch and Polish; Korean and Indonesian; Korean
    and Polish). heldout6 holds fewer whole histories (8): few real ones were found.
    heldout7 (Ukrainian, Russian, Finnish, Italian, Dutch lines too) has no line naming
    handed-to-local-carrier: none was found in an unused source that could only be read
    that way; its sources also exclude named_histories.toml's. heldout8 (Czech and Slovak
    lines too) holds fewer lines (at least 200) and whole histories (8): unused sources
    held little not already in an earlier set, least of all in Spanish, Portuguese and
    Japanese."""
    earlier = (
        "heldout3.toml",
        "heldout4.toml",
        "heldout5.toml",
        "heldout6.toml",
        "heldout7.toml",
        "heldout8.toml",
    )
    others = (
        "lines.toml",
        "wording.toml",
        "unseen.toml",
        "status_lists.toml",
        *earlier[: earlier.index(name)],
    )
    _assert_held_out_form(
        kb,
        name,
        languages=LANGUAGES | languages,
        at_least=(lines, histories),
        other_texts=others,
        other_addresses=(*others, "histories.toml", "named_histories.toml"),
        absent=absent,
    )


# The whole histories' files: a held-out set shares no source address with them either.
HISTORY_FILES = (
    "histories.toml",
    "named_histories.toml",
    "named_histories2.toml",
    "named_histories3.toml",
)


def test_the_ninth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout9.toml (README): a thin ninth held-out set made like the others (twelfth
    session), committed before the classifier ran on it: at least 63 lines and 11 whole
    histories, no text and no source address shared with any earlier set (histories and
    the named histories included). Unused sources held no Portuguese or Japanese line
    and no line naming handed-to-local-carrier, returning, missent or none (no such
    parcel)."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 9))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout9.toml",
        languages=LANGUAGES,
        at_least=(63, 11),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset({"handed-to-local-carrier", "returning", "missent", "none"}),
        present=frozenset({"en", "zh", "fr", "de", "es"}),
    )


def test_the_tenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout10.toml (README): a tenth held-out set (fifteenth session), committed before
    the classifier ran on it: at least 150 lines and 2 whole histories from 14 carriers no
    block of facts/stages.toml cites, in the languages they print them (Russian, Thai,
    Vietnamese, Ukrainian, Persian and Arabic besides English and Chinese); no text and
    no source address shared with any earlier set. Domestic couriers mostly: no line
    names arrived-destination, handed-to-local-carrier or missent."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 10))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout10.toml",
        languages=LANGUAGES | {"ru", "th", "vi", "uk", "fa", "ar"},
        at_least=(150, 2),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset({"arrived-destination", "handed-to-local-carrier", "missent"}),
        present=frozenset({"en", "zh", "ru", "th", "vi", "uk", "fa", "ar"}),
        carriers=14,
    )


def test_the_eleventh_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout11.toml (README): an eleventh held-out set (sixteenth session), committed
    before the classifier ran on it: at least 101 lines (13 Italian ones added after the
    first measurement, committed before their own) and 1 whole history from 14 carriers and
    tracking services no block of facts/stages.toml cites, in the languages they print them
    (Turkish, Swedish, Indonesian, Italian besides English and Spanish); no text and no
    source address shared with any earlier set. No line names handed-to-local-carrier."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 11))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout11.toml",
        languages=LANGUAGES | {"tr", "sv", "id", "it"},
        at_least=(101, 1),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset({"handed-to-local-carrier"}),
        present=frozenset({"en", "es", "tr", "sv", "id", "it"}),
        carriers=14,
    )


def test_the_twelfth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout12.toml (README): a twelfth held-out set (seventeenth session), committed
    before the classifier ran on it: at least 55 lines and 1 whole history from 5 carriers
    no block of facts/stages.toml cites (Omniva, Econt, FAN Courier, Postis, Purolator), in
    English, Bulgarian and Romanian; no text and no source address shared with any earlier
    set. No line names no-events, handed-to-local-carrier, awaiting-pickup or missent."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 12))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout12.toml",
        languages=LANGUAGES | {"bg", "ro"},
        at_least=(55, 1),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset({"none", "handed-to-local-carrier", "awaiting-pickup", "missent"}),
        present=frozenset({"en", "bg", "ro"}),
        carriers=5,
    )


def test_the_thirteenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout13.toml (README): a thirteenth held-out set (eighteenth session), committed
    before the classifier ran on it: at least 187 lines from sources no block of
    facts/stages.toml cites (Packeta, Jadlog, the tracking service Gluey), in English, Czech
    and Portuguese, no whole history; no text and no source address shared with any earlier
    set. No line names no-events, handed-to-local-carrier or in-destination-network."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 13))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout13.toml",
        languages=LANGUAGES | {"cs"},
        at_least=(187, 0),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset({"none", "handed-to-local-carrier", "in-destination-network"}),
        present=frozenset({"en", "cs", "pt"}),
        carriers=3,
    )


def test_the_fourteenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout14.toml (README): a fourteenth held-out set (nineteenth session), committed
    before the classifier ran on it: at least 44 lines and 5 whole histories from carriers
    whose wording no block of facts/stages.toml cites (Aramex, Ninja Van, an Indian courier
    through ClickPost), in English; no text and no source address shared with any earlier
    set. No line names no-events, export, arrived-destination, in-destination-network,
    exception or missent."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 14))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout14.toml",
        languages=LANGUAGES,
        at_least=(44, 5),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset(
            {
                "none",
                "export",
                "arrived-destination",
                "in-destination-network",
                "exception",
                "missent",
            }
        ),
        present=frozenset({"en"}),
        carriers=3,
        history_lines=1,  # a waybill created and nothing since: its whole page is one line
    )


def test_the_fifteenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout15.toml (README): a fifteenth held-out set (twentieth session), committed
    before the classifier ran on it: at least 101 lines and 7 whole histories from 11
    carriers whose wording no block of facts/stages.toml cites (Matkahuolto, GOFO Express,
    ORLEN Paczka, Planzer, Shopee Xpress, Dynalogic, Ampère, Slovak Parcel Service, Apple
    Express, Better Trucks, Courex), in English, Dutch, Slovak, Italian, Vietnamese, Polish,
    German, French, Thai and Portuguese; no text and no source address shared with any
    earlier set. No line names arrived-destination, customs, handed-to-local-carrier,
    missent or exception."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, 15))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        "heldout15.toml",
        languages=LANGUAGES | {"nl", "sk", "it", "vi", "pl", "th"},
        at_least=(101, 7),
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        absent=frozenset(
            {"arrived-destination", "customs", "handed-to-local-carrier", "missent", "exception"}
        ),
        present=frozenset({"en", "nl", "sk", "it", "vi", "pl", "de", "fr", "th", "pt"}),
        carriers=11,
    )


def _assert_numbered_set_form(kb: Any, number: int, **form: Any) -> None:
    """The form of heldout<number>.toml (`_assert_held_out_form`), against every set before it:
    lines.toml, wording.toml, unseen.toml, status_lists.toml and heldout3 to heldout<number - 1>
    (their texts and source addresses), and the named histories' addresses."""
    earlier = tuple(f"heldout{n}.toml" for n in range(3, number))
    others = ("lines.toml", "wording.toml", "unseen.toml", "status_lists.toml", *earlier)
    _assert_held_out_form(
        kb,
        f"heldout{number}.toml",
        other_texts=others,
        other_addresses=(*others, *HISTORY_FILES),
        **form,
    )


# The stages no line of heldout16 or heldout17 names (domestic couriers' texts: nothing of a
# border or a hand-over, and none of their few texts of a pick-up point or a missort was kept).
DOMESTIC_ONLY = frozenset(
    {
        "export",
        "arrived-destination",
        "customs",
        "handed-to-local-carrier",
        "awaiting-pickup",
        "missent",
    }
)


def test_the_sixteenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout16.toml (README): a sixteenth held-out set (twenty-first session), committed
    before the classifier ran on it: at least 31 lines and 2 whole histories from 5 carriers
    whose wording no block of facts/stages.toml cites (Kolay Gelsin, HepsiJet, Xpressbees
    through Shiprocket, Shiprocket, Trunkrs), in Turkish and English; no text and no source
    address shared with any earlier set. Domestic couriers: no line names export,
    arrived-destination, customs, handed-to-local-carrier, awaiting-pickup or missent."""
    _assert_numbered_set_form(
        kb,
        16,
        languages=LANGUAGES | {"tr"},
        at_least=(31, 2),
        absent=DOMESTIC_ONLY,
        present=frozenset({"tr", "en"}),
        carriers=5,
    )


def test_the_seventeenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout17.toml (README): a seventeenth held-out set (twenty-second session), committed
    before the classifier ran on it: at least 72 lines and 6 whole histories from 11 carriers
    whose wording no block of facts/stages.toml cites (Yalidine, NOEST, Chilexpress, JD
    Logistics, City-Link Express, GDEX, ABX Express, The Professional Couriers, Loggi, DX,
    Fukuyama Transporting), in French, English, Chinese, Spanish and Portuguese; no text and no
    source address shared with any earlier set. Domestic couriers: no line names none, export,
    arrived-destination, customs, handed-to-local-carrier, awaiting-pickup, missent or
    exception."""
    _assert_numbered_set_form(
        kb,
        17,
        languages=LANGUAGES,
        at_least=(72, 6),
        absent=DOMESTIC_ONLY | {"none", "exception"},
        present=frozenset({"fr", "en", "zh", "es", "pt"}),
        carriers=11,
    )


def test_the_eighteenth_held_out_set_is_well_formed(kb: Any) -> None:
    """heldout18.toml (README): an eighteenth held-out set (twenty-third session), committed
    before the classifier ran on it: at least 81 lines and 3 whole histories from 8 carriers
    whose wording no block of facts/stages.toml cites (Dansk Distribution, DB Schenker,
    Youssel Transport, Woop, Total Express, DTDC, Ekart, Skynet), in English, French, German
    and Portuguese (no Japanese, Chinese or Spanish line found); no text and no source address
    shared with any earlier set. Domestic carriers: no line names none, export,
    arrived-destination, customs, handed-to-local-carrier or missent."""
    _assert_numbered_set_form(
        kb,
        18,
        languages=LANGUAGES,
        at_least=(81, 3),
        absent=(DOMESTIC_ONLY - {"awaiting-pickup"}) | {"none"},
        present=frozenset({"en", "fr", "de", "pt"}),
        carriers=8,
    )


# Floors of the held-out sets, each measured once and, its misses then published, a
# development set since: a change that reads one worse fails here, one that reads it better
# does not. (set, stage lines right at least, wrong at most, neutral lines named at most,
# histories with the right last event / its date / posting date at least). The figures
# measured once, and the later ones with what moved them, are in the README and
# tests/data/events/README.md.
HELD_OUT_FLOORS = [
    # measured once 159 right / 19 wrong / 10 neutral; development set since session 5;
    # session 11's wording for the development sets' "cannot tell" kinds: 278 right
    ("heldout3.toml", 278, 3, 2, (17, 17, 16)),
    # measured once 2026-11-26 06:49 (main 9042ddf): 135 right, 22 wrong, 12 neutral,
    # histories 10/12/11 of 15; session 10's PostNL lines (a shared source): 191 right;
    # session 11's wording for the development sets' "cannot tell" kinds: 209 right
    # session 12 (review12's items, heldout9's kinds): 215 right, 5 wrong
    # session 13 (review13's, USPS's and Cainiao's wording): 218 right, 4 wrong, 3 neutral
    ("heldout4.toml", 218, 4, 3, (15, 15, 15)),
    # measured once 08:53 (main 1ec5353): 90 right, 12 wrong, 6 neutral, histories 15/19/10;
    # session 11 (its own sources' wording): 181 right, histories 20/21/17
    # session 12: 182 right, 1 wrong, 5 neutral named
    # session 15 (misspelt words: Rincos' "DELIVERD"): 183 right, histories 21/21/17
    # session 21 (a pick-up point is a place: "picked-up at the Hermes ParcelShop"): 184
    # session 22 (the sender as where the parcel goes, EV-21a/e): 185 right, 0 wrong
    ("heldout5.toml", 185, 0, 5, (21, 21, 17)),
    # measured once 12:19 (main 665c78a): 180 right, 27 wrong, 4 neutral, histories 7/9/8;
    # session 11 (its own sources' wording): 262 right
    # session 12: 266 right, 6 wrong
    # session 17 (a country's name read as a country's: "Departure from Poland"): 267 right
    # session 21 (a pick-up point is a place, not after "to": "Parcel dispatched to be
    # collected by pickup point" no longer reads awaiting-pickup): 5 wrong
    # session 22 (a place by the way the line takes it: the destination country headed for is
    # the export's): 268 right
    ("heldout6.toml", 268, 5, 4, (9, 9, 8)),
    # measured once 14:52 (main b065836): 104 right, 10 wrong, 5 neutral, histories 10/14/10
    # session 11 (its own sources' wording): 177 right
    # session 12: 178 right, 2 wrong
    # session 13 (Delhivery's routing note): 4 neutral named, histories' last event 15
    # session 16 (newer events after a label prove the acceptance): posting dates 13
    # session 17 (a country's name read as a country's: "Departed Hong Kong Airport"): 179
    # session 23 (a line that begins with the return's wording and names nothing else is the
    # return's step, seen in the held-out sets' misses: no clean step): 180 right
    ("heldout7.toml", 180, 2, 4, (15, 16, 13)),
    # measured once 17:41 (main 6ef4d9f): 113 right, 15 wrong, 2 neutral, histories 6/8/6;
    # session 10's status lists (several of its own sources): 168 right, 3 wrong, 8/8/8;
    # session 11 (its own sources' wording): 172 right
    # session 12: 173 right; session 13 (Cainiao's departure hub): 174
    ("heldout8.toml", 174, 3, 2, (8, 8, 8)),
    # measured once 2026-11-27 00:56 (main 7e6175e): 22 right, 27 cannot tell, 2 wrong,
    # no neutral line named, histories 11/11/7 (a thin set: 51 stage lines)
    # session 12 (its misses handed over: tuned): 33 right, histories 11/11/8
    # session 15 (misspelt words: China EMS's "not delivred successfully"): 34 right
    ("heldout9.toml", 34, 2, 0, (11, 11, 8)),
    # measured once 2026-11-27 09:42 (branch wording at d0aceee = main cd2a85f and the
    # set): 17 right, 107 cannot tell, 3 wrong of 127 stage lines, no neutral line
    # named, histories 1/1/0 of 2 (most lines are in languages the wording had none of:
    # Vietnamese, Thai, Persian, Arabic, Ukrainian)
    # session 15 (Russian and Vietnamese wording from other carriers' sources): 20 right
    # session 16 (its misses read for general causes: "failed" negates): 2 wrong
    # session 18 (Nova Poshta's own statuses, the set's carrier: no clean step): 26 right
    # session 20 (GHTK's Vietnamese statuses, another courier's; the set's Vietnamese lines
    # seen first): 32 right; 31 after review20 E-R48 ("Đã giao hàng" as the whole first clause
    # only: "Đã giao hàng cho khách thành công" in brackets reads nothing again)
    # session 23 (a line that begins with the return's wording and names nothing else is the
    # return's step, seen in the held-out sets' misses: no clean step): 32 right
    ("heldout10.toml", 32, 2, 0, (1, 1, 0)),
    # measured once 2026-11-27 12:30 (main be6a3db and the set): 34 right, 37 cannot tell,
    # 6 wrong of 77 stage lines, no neutral line named, the one history 0/1/0 (a thin set
    # from carriers no block cites: Turkish, Swedish, Indonesian, Latin American Spanish,
    # tracking services' English)
    # session 16 (Swedish and Turkish wording from other sources: UPS Sweden's pages,
    # Turkish pages on courier messages): 35 right (Aras "Teslim Edildi")
    # 13 Italian lines added (12:48, main be6a3db and the branch's wording), measured once:
    # 1 right, 10 cannot tell, 0 wrong of 11; the set 36 right, 46 cannot tell, 6 wrong of 88
    # session 16's Italian wording (Sendcloud's glossary, Poste Italiane's terms): 38 right
    # session 18 (Pos Laju's "Received by Sender" a return): 39 right
    # session 21 (PTT's and MNG Kargo's Turkish status lists: a Yurtiçi Kargo return): 40 right
    # session 21 (a place in phrases read together is not one left: "delivered or collected
    # from a pickup point"): 41 right, 5 wrong
    # session 22 (the sender as where the parcel goes, EV-21a/e: "ENTREGADO A REMITENTE"):
    # 43 right, 4 wrong
    ("heldout11.toml", 43, 4, 0, (0, 1, 0)),
    # measured once 2026-11-27 15:47 (branch wording at a6368df: main eec1c08, the session's
    # Polish and Ukrainian wording from other sources, and the set): 12 right, 26 cannot
    # tell, 1 wrong of 39 stage lines, 1 neutral line named, the history 1/1/1 (a thin set
    # from carriers no block cites: Omniva, Econt, FAN Courier, Postis, Purolator)
    # session 19 (Romanian couriers' texts, FAN Courier's among them: no clean step): 14 right
    # session 20 (Speedy's Bulgarian operation names; the set's Bulgarian lines seen first): 15
    ("heldout12.toml", 15, 1, 1, (1, 1, 1)),
    # measured once 2026-11-27 19:00 (branch wording at b0f36b8: main bcb4186, the session's
    # Nova Poshta and Česká pošta wording from other sources, and the set): 86 right, 55
    # cannot tell, 13 wrong of 154 stage lines, 2 neutral lines named, no history (Packeta,
    # Jadlog and the tracking service Gluey, whose explanations are 167 of its 187 lines)
    # session 18 (a delivery to a drop-off location waits for pick-up): 87 right, 12 wrong
    # session 21 (a pick-up point is a place: "picked up from a parcel locker"): 89 right
    # session 21, later (a negation stops at a conjunction: "but failed and the RTS process";
    # "to pickup" heads for the place): 90 right, 10 wrong
    # session 23 (a line that begins with the return's wording and names nothing else is the
    # return's step, seen in the held-out sets' misses: no clean step): 91 right
    ("heldout13.toml", 91, 10, 2, (0, 0, 0)),
    # measured once 2026-11-27 21:57 (branch wording at 362423b: main 6c4f2e4, the session's
    # Romanian and Persian wording from other sources, and the set): 15 right, 16 cannot
    # tell, 1 wrong of 32 stage lines, no neutral line named, histories 4/5/5 of 5 (a thin
    # English set: Aramex, Ninja Van, an Indian courier through ClickPost)
    # session 19, events' 7133b68 (a delivery round that names the return is the return's):
    # its one wrong line, Ninja Van's "On Vehicle for Delivery (RTS)", reads returning: 16 right,
    # 0 wrong (not a clean step: the change was made knowing the line)
    ("heldout14.toml", 16, 0, 0, (4, 5, 5)),
    # measured once 2026-11-28 00:50 (branch wording at 5e1ab6b: main 9ab21dd, the session's
    # Speedy wording and the set): 34 right, 33 cannot tell, 8 wrong of 75 stage lines, no
    # neutral line named, histories 6/7/2 of 7 (11 carriers, Shopee Xpress 46 of 101 lines)
    # session 20, events (a place headed for: "travelling to the pickup point"; "soon" a word
    # of the future; "out for delivery to sender" the return's): 35 right, 5 wrong, from the
    # mechanisms of its wrong lines as wording reported them (not a clean step)
    # session 21 (a line that begins with the return is the return's step: "Return Attempt
    # Started", from DHL's and UPS's return statuses): 36 right
    # later ("will be taken next to the pickup point"; "as soon as it is ready for collection"
    # a condition): 3 wrong (made knowing its wrong lines: no clean step)
    ("heldout15.toml", 36, 3, 0, (6, 7, 2)),
    # measured once 2026-11-28 04:00 (branch wording at 38e4f5a: main 7387c4b and the set): 7
    # right, 22 cannot tell, 0 wrong of 29 stage lines, no neutral line named, histories 1/2/0
    # of 2 (a thin set: Turkish couriers Kolay Gelsin and HepsiJet, 21 of its stage lines)
    # session 21, wording's Turkish block (PTT's and MNG Kargo's own lists, other carriers, but
    # written by the helper who built the set: no clean step): 9 right
    ("heldout16.toml", 9, 0, 0, (1, 2, 0)),
    # measured once 18 right / 0 wrong of 56 stage lines, 1 of 16 neutral lines named,
    # histories 4/6/3 (session 22, wording: Yalidine and NOEST in French, 34 of its stage lines)
    ("heldout17.toml", 18, 0, 1, (4, 6, 3)),
    # measured once 18 right / 2 wrong of 68 stage lines, no neutral line named, histories
    # 2/3/1 (session 23, wording: no Japanese, Chinese or Spanish line found)
    ("heldout18.toml", 18, 2, 0, (2, 3, 1)),
]


@pytest.mark.parametrize(
    ("name", "right", "wrong", "neutral", "histories"),
    HELD_OUT_FLOORS,
    ids=[floor[0] for floor in HELD_OUT_FLOORS],
)
def test_a_held_out_set_reads_no_worse_than_its_floors(
    kb: Any, name: str, right: int, wrong: int, neutral: int, histories: tuple[int, int, int]
) -> None:
    """A measured set reads no worse than its figures: at least `right` stage lines right,
    at most `wrong` wrong and `neutral` neutral lines named, and at least `histories`
    histories with the right last event, last event's date and posting date."""
    results = line_results(kb, name)
    verdicts = Counter(r["verdict"] for r in results if r["label"] != "neutral")
    assert verdicts["right"] >= right and verdicts["wrong"] <= wrong
    assert sum(r["stage"] is not None for r in results if r["label"] == "neutral") <= neutral
    found = history_results(kb, name)
    for key, floor in zip(("last_event", "last_event_on", "shipped_on"), histories, strict=True):
        assert sum(h["got"][key] == h["want"][key] for h in found) >= floor, key


def test_unseen_set_accuracy_holds(kb: Any) -> None:
    """Measured once when the set was written (README): 41 of 75 stage lines right, 6
    wrong; 21 of 25 neutral lines "cannot tell". Its misses were then written down (the
    third session's note), so since the fourth session it is a development set: the
    matcher's reading of page structure (places, sentences, headings, future wording)
    took it to 43 right, 3 wrong, and its pick-up-point and courier wording to 47 right, 1
    wrong; 23 neutral lines "cannot tell". The fifth session's published lists (Japanese
    carriers, notification e-mails, Canada Post in French, Correos, Correios, Chinese
    order steps) took it to 70 right, 0 wrong; the sixth session's date fields
    ("配達完了日" before a colon) to no neutral line named."""
    results = line_results(kb, "unseen.toml")
    stage_lines = [r for r in results if r["label"] != "neutral"]
    verdicts = Counter(r["verdict"] for r in stage_lines)
    assert verdicts["right"] >= 70 and verdicts["wrong"] == 0
    neutral = [r for r in results if r["label"] == "neutral"]
    assert sum(r["stage"] is not None for r in neutral) == 0


def test_status_lists_hold(kb: Any) -> None:
    """status_lists.toml: the carriers' status lists the third session's wording was
    written and checked against (tuned, a regression check): 231 of 245 right, 3 wrong
    (judgement calls: a refused damaged parcel, a Colissimo deposit), 1 neutral named."""
    results = line_results(kb, "status_lists.toml")
    stage_lines = [r for r in results if r["label"] != "neutral"]
    verdicts = Counter(r["verdict"] for r in stage_lines)
    assert len(stage_lines) >= 240 and verdicts["right"] >= 231 and verdicts["wrong"] <= 3
    assert sum(r["stage"] is not None for r in results if r["label"] == "neutral") <= 1


def test_second_check_set_accuracy_holds(kb: Any) -> None:
    """wording.toml: the status lists added after the first tuning (README figures)."""
    results = line_results(kb, "wording.toml")
    stage_lines = [r for r in results if r["label"] != "neutral"]
    assert len(stage_lines) >= 110
    right, wrong = _rates(stage_lines)
    assert right >= 0.98 and wrong == 0
    assert all(r["stage"] is None for r in results if r["label"] == "neutral")


def test_history_accuracy_holds(kb: Any) -> None:
    results = history_results(kb)
    assert all(h["got"]["last_event_on"] == h["want"]["last_event_on"] for h in results)
    assert sum(h["got"]["last_event"] == h["want"]["last_event"] for h in results) >= 29
    assert sum(h["got"]["shipped_on"] == h["want"]["shipped_on"] for h in results) >= 23
