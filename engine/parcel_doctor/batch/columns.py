"""Which column feeds which answer: a preset, the headings of columns.toml, `--map`.

The result is a `Plan`: for each answer key the columns to read (best first), and what
the preset says about the file (date order, trailer lines, the shop's own service
names, status words). Ambiguity is refused rather than guessed, before any row is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.batch.presets import Preset, detect, heading_key, presets
from parcel_doctor.diagnosis.answers import (
    AnswerError,
    Checked,
    as_said,
    normalise_answers,
    parse_assignments,
    stretch_of,
)
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.text import did_you_mean

IDS = ("situation", "situations", "advice", "act_by")
WORDS = (
    "situation_title",
    "first_step",
    "first_step_by",
    "first_step_link",
    "corrected_number",
    "missing",
)
ALWAYS = ("note", "error")
COLUMN_SETS = {"ids": IDS + ALWAYS, "words": WORDS + ALWAYS, "all": IDS + WORDS + ALWAYS}
ADDED = IDS + WORDS + ALWAYS
"""Every column a batch can add (`--columns` picks a set); input columns of these names
are replaced on a re-run."""


UNPLACED_SHOWN = 10
"""How many headings no answer was read from the summary names when no preset fits."""


class BatchInputError(ValueError):
    """Input the batch cannot use at all (exit 2): the message says what and where."""


@dataclass(frozen=True)
class Reading:
    """A plan's columns as each row reads them, for one knowledge base: the positions
    read, and per answer key its question, the question's kind and its columns
    (position, path into a JSON cell, heading as said). `reached`: the `last_event_on`
    columns whose date is the day of a stage (the preset's `stage_dates`: Sendcloud's
    delivered_at), position -> stage. `year_from`: the column (position, heading) whose
    date, with its year, comes before the row's dates written without one (the preset's
    `year_from`). `verdicts` is `batch.cells`' memo of what a cell as written gives (one
    file's: it lives and dies with the plan)."""

    kb: KnowledgeBase
    mapped: frozenset[int]
    keys: tuple[tuple[str, Any, str, tuple[tuple[int, tuple[str, ...], str], ...]], ...]
    reached: dict[int, str] = field(default_factory=dict)
    year_from: tuple[int, str] | None = None
    verdicts: dict[Any, Any] = field(default_factory=dict, compare=False)


@dataclass
class Plan:
    """How to read the rows of one file."""

    header: list[str]
    keys: dict[str, list[int]]  # answer key -> column positions, best first
    preset: Preset | None = None
    date_order: str | None = None  # dmy | mdy | ymd
    date_format: str | None = None  # a strptime pattern, from --date-format
    ignored: dict[int, str] = field(default_factory=dict)  # position -> why it is not read
    # the preset's `shop_service` columns (positions): a cell naming a carrier's product
    # whole gives the carrier and the service where no column does (`cells.row_input`)
    service_names: list[int] = field(default_factory=list)
    closest: Preset | None = None  # no preset fits: the nearest one, for the summary
    tied: list[Preset] = field(default_factory=list)  # equally good fits: none is guessed
    # answer key -> for each of its positions, the keys to follow inside a JSON object
    # there (a preset's `track_info.latest_status.status`); () reads the cell itself
    paths: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # keys read by their headings whose columns.toml entry is `soft`
    soft_headings: frozenset[str] = frozenset()
    # `--set`: answers for every row that leaves them empty (checked and normalised)
    defaults: Checked = field(default_factory=Checked)
    _reading: Reading | None = field(default=None, repr=False, compare=False)

    def reading(self, kb: KnowledgeBase) -> Reading:
        """What every row is read with, worked out once per file (not per row) and
        knowledge base."""
        if self._reading is None or self._reading.kb is not kb:
            self._reading = Reading(
                kb,
                frozenset(p for positions in self.keys.values() for p in positions),
                tuple(
                    (
                        key,
                        kb.questions[key],
                        kb.questions[key]["kind"],
                        tuple((p, path, self.heading(p, path)) for p, path in self.where(key)),
                    )
                    for key in self.keys
                ),
                self.reached(),
                self.year_column(),
            )
        return self._reading

    def reached(self) -> dict[int, str]:
        """The `last_event_on` columns whose date says the stage too (position -> stage)."""
        if self.preset is None or "last_event_on" not in self.keys:
            return {}
        dated = {p: self.preset.stage_dated(self.header[p]) for p in self.keys["last_event_on"]}
        return {p: stage for p, stage in dated.items() if stage is not None}

    def year_column(self) -> tuple[int, str] | None:
        """The preset's `year_from` column (position, heading), when the file has it."""
        if self.preset is None or self.preset.year_from is None:
            return None
        position = _find(self.header, self.preset.year_from)
        return None if position is None else (position, self.header[position])

    def where(self, key: str) -> list[tuple[int, tuple[str, ...]]]:
        """The key's columns, best first, each with the path to follow inside its cell."""
        positions = self.keys[key]
        return list(zip(positions, self.paths.get(key) or [()] * len(positions), strict=True))

    def heading(self, position: int, path: tuple[str, ...] = ()) -> str:
        """A column's heading as the summary and the notes name it (`track_info.latest_event`)."""
        return ".".join((self.header[position], *path))

    @property
    def soft(self) -> frozenset[str]:
        """The keys whose unusable values are noted and left unknown, not row errors."""
        return self.preset.soft if self.preset else self.soft_headings

    @property
    def trailer(self) -> tuple[re.Pattern[str], ...]:
        return self.preset.trailer if self.preset else ()

    @property
    def group(self) -> int | None:
        """The column whose repeated value marks more rows of the same order."""
        if self.preset is None or self.preset.group_by is None:
            return None
        return _find(self.header, self.preset.group_by)

    def describe(self) -> list[str]:
        """What was read from where, in words, for the summary."""
        lines = []
        if self.preset is not None:
            lines.append(f"Read as preset {self.preset.id} ({self.preset.name}).")
            lacks = ", ".join(repr(m) for m in self.preset.missing(self.header))
            if lacks:  # only --preset picks a preset the header does not fit
                lines.append(
                    f"The file lacks the preset's {lacks}: it may be another export; "
                    "headings the preset does not name pass through unread (--map reads one)."
                )
        elif self.tied:
            lines.append(
                f"The header fits several presets equally ({_ids(self.tied)}): none is "
                "guessed; columns read by their headings. Choose one with --preset."
            )
        elif self.closest is not None:
            lines.append(
                f"No preset fits; the closest is {_closest(self.closest, self.header)}. "
                "Columns read by their headings."
            )
        else:
            lines.append("No preset fits, none shares a heading: columns read by their headings.")
        used = "; ".join(
            f"{key} <- {' or '.join(repr(self.heading(p, path)) for p, path in self.where(key))}"
            for key in self.keys
        )
        lines.append(f"Columns: {used}.")
        status = " or ".join(
            repr(self.heading(p, path))
            for p, path in (self.where("last_event") if "last_event" in self.keys else [])
        )
        for position, stage in self.reached().items():
            unless = (
                f", unless {status} says anything else (then that is kept, the date noted)"
                if status
                else ""
            )
            lines.append(
                f"A date in {self.header[position]!r} is the day of the stage {stage}: "
                f"the row's last event is then {stage}, on that day{unless}."
            )
        to_hub = (self.preset.to_hub or {}) if self.preset else {}
        hub = {
            self.header[p]: w for h, w in to_hub.items() if (p := _find(self.header, h)) is not None
        }
        if hub:
            said = sorted({word for words in hub.values() for word in words.exact})
            lines.append(
                "A line marked as posted to the platform's hub in the country it is sent "
                f"from ({' or '.join(map(repr, hub))}: {', '.join(said) or 'the preset says'}) "
                "is diagnosed as a domestic parcel to that country."
            )
        year = self.year_column()
        if year is not None:
            lines.append(
                "A date written without a year is read as the first such day on or after "
                f"the row's {year[1]!r}."
            )
        if self.defaults:
            given = ", ".join(f"{key} = {as_said(self.defaults, key)}" for key in self.defaults)
            lines.append(f"For every row that leaves it empty (--set): {given}.")
        if self.preset is None:
            read = {p for positions in self.keys.values() for p in positions}
            other = [h for i, h in enumerate(self.header) if i not in read and h.strip()]
            if other:
                shown = ", ".join(repr(h) for h in other[:UNPLACED_SHOWN])
                more = (
                    f" and {len(other) - UNPLACED_SHOWN} more"
                    if len(other) > UNPLACED_SHOWN
                    else ""
                )
                lines.append(
                    f"Passed through, no answer read from them: {shown}{more} "
                    "(--map COLUMN=KEY reads one)."
                )
        if self.service_names:
            named = ", ".join(
                f"{self.header[p]!r} (the shop's own service names)" for p in self.service_names
            )
            lines.append(
                f"Read only where a name is a carrier's product (facts/carriers.toml "
                f"[[product]]: 'Royal Mail 2nd Class'), for the carrier and the service no "
                f"column gives: {named}."
            )
        if self.ignored:
            lines.append(
                "Not read: "
                + "; ".join(f"{self.header[p]!r} ({why})" for p, why in self.ignored.items())
                + "."
            )
        return lines


def _find(header: Sequence[str], heading: str) -> int | None:
    exact = [i for i, h in enumerate(header) if h == heading]
    folded = [i for i, h in enumerate(header) if heading_key(h) == heading_key(heading)]
    found = exact or folded
    return found[0] if found else None


def _find_path(header: Sequence[str], heading: str) -> tuple[int, tuple[str, ...]] | None:
    """A preset heading's column, and the path inside it: `track_info.latest_status.status`
    is the column `track_info` (a JSON object in JSON Lines) followed down its keys, when
    no column has the whole dotted name."""
    position = _find(header, heading)
    if position is not None:
        return position, ()
    top, *path = heading.split(".")
    position = _find(header, top) if path else None
    return (position, tuple(path)) if position is not None else None


def heading_index(kb: KnowledgeBase) -> dict[str, tuple[str, int]]:
    """Folded heading -> (answer key, rank): the key's own name (rank 0) beats an alias."""
    index: dict[str, tuple[str, int]] = {}
    for key in kb.questions:
        index[heading_key(key)] = (key, 0)
    for key, entry in kb.columns.items():
        for alias in entry["aliases"]:
            index.setdefault(heading_key(alias), (key, 1))
    return index


def parse_maps(kb: KnowledgeBase, assignments: Sequence[str]) -> list[tuple[str, str]]:
    """`--map COLUMN=KEY` pairs (an empty KEY leaves the column unmapped); checked keys."""
    pairs: list[tuple[str, str]] = []
    for text in assignments:
        column, sep, key = text.rpartition("=")
        key = key.strip()
        if not sep or not column.strip():
            raise BatchInputError(f"--map {text!r}: write it as COLUMN=KEY")
        if key and key not in kb.questions:
            hint = did_you_mean(key, kb.questions, sentence=True)
            raise BatchInputError(
                f"--map {text!r}: {key!r} is not an answer key.{hint} "
                f"Keys: {', '.join(kb.questions)}"
            )
        pairs.append((column, key))
    return pairs


def choose_preset(kb: KnowledgeBase, header: Sequence[str], wanted: str | None) -> Plan:
    """The plan's preset: `--preset ID`, else the one the header identifies, else none."""
    known = presets(kb)
    if wanted is not None:
        chosen = next((p for p in known if p.id == wanted), None)
        if chosen is None:
            hint = _platform_hint(wanted, known) or did_you_mean(
                wanted, [p.id for p in known], sentence=True
            )
            raise BatchInputError(
                f"--preset {wanted!r} is not a preset.{hint} "
                f"Presets: {', '.join(p.id for p in known)} (batch --list-presets)"
            )
        return Plan(list(header), {}, chosen)
    found = detect(known, header)
    return Plan(list(header), {}, found.picked, closest=found.closest, tied=found.tied)


def _platform_hint(wanted: str, known: Sequence[Preset]) -> str:
    """For `--preset ebay`, the hint " Did you mean 'ebay-orders' or 'ebay-de-orders'?":
    the presets whose id begins with the words given (case, spaces and hyphens ignored);
    "" when none does."""
    given = heading_key(wanted)
    ids = [
        p.id
        for p in known
        if given and any(heading_key("".join(p.id.split("-")[:n])) == given for n in (1, 2))
    ]
    if not ids:
        return ""
    named = " or ".join(repr(i) for i in ids)
    return f" Did you mean {named}?"


def _closest(preset: Preset, header: Sequence[str]) -> str:
    """The nearest preset in words: what of it the header has, what it lacks."""
    shared = ", ".join(repr(h) for h in preset.shared(header))
    missing = ", ".join(repr(m) for m in preset.missing(header))
    return f"{preset.id} ({preset.name}): the file has its {shared} but not {missing}"


def _ids(chosen: Sequence[Preset]) -> str:
    return ", ".join(p.id for p in chosen)


def map_columns(
    kb: KnowledgeBase,
    header: Sequence[str],
    assignments: Sequence[str] = (),
    preset: str | None = None,
) -> Plan:
    """The plan for a header: the preset's columns (or the headings of columns.toml),
    then `--map`, which always wins. `BatchInputError` when nothing can be read."""
    plan = choose_preset(kb, header, preset)
    maps = parse_maps(kb, assignments)
    chosen: dict[int, str] = {}  # position -> key ("" = leave unmapped), from --map
    for column, key in maps:
        found = [i for i, h in enumerate(header) if h == column] or [
            i for i, h in enumerate(header) if heading_key(h) == heading_key(column)
        ]
        if not found:
            raise BatchInputError(
                f"--map {column}={key}: the input has no column {column!r}; "
                f"its columns: {', '.join(repr(h) for h in header)}"
            )
        if len(found) > 1:
            raise BatchInputError(f"--map {column}={key}: several columns are named {column!r}")
        if key and key in chosen.values():
            other = header[next(p for p, k in chosen.items() if k == key)]
            raise BatchInputError(f"--map: both {other!r} and {column!r} are mapped to {key}")
        chosen[found[0]] = key
    keys: dict[str, list[int]] = {}
    if plan.preset is not None:
        plan.date_order = plan.preset.date_order
        for key, headings in plan.preset.columns.items():
            places = [f for h in headings if (f := _find_path(header, h)) is not None]
            places = [f for f in dict.fromkeys(places) if f[0] not in chosen]
            if places:
                keys[key] = [position for position, _ in places]
                if any(path for _, path in places):
                    plan.paths[key] = [path for _, path in places]
        for heading in plan.preset.shop_service:
            position = _find(header, heading)
            if position is not None and position not in chosen:
                plan.service_names.append(position)
    else:
        keys = _by_headings(kb, header, chosen)
        plan.soft_headings = frozenset(
            key for key in keys if key in kb.columns and kb.columns[key].get("soft") is True
        )
    for position, key in chosen.items():
        if key:
            keys[key] = [position]
            plan.paths.pop(key, None)
        plan.ignored.pop(position, None)
    plan.keys = {k: keys[k] for k in kb.questions if k in keys}
    if not plan.keys:
        raise BatchInputError(_nothing_to_read(kb, plan))
    return plan


def _by_headings(
    kb: KnowledgeBase, header: Sequence[str], chosen: dict[int, str]
) -> dict[str, list[int]]:
    """Columns named as an answer key or an alias of columns.toml; two for one key refused."""
    index = heading_index(kb)
    taken = {k for k in chosen.values() if k}
    candidates: dict[str, list[tuple[int, int]]] = {}
    for position, heading in enumerate(header):
        hit = index.get(heading_key(heading))
        if position in chosen or hit is None or hit[0] in taken:
            continue
        candidates.setdefault(hit[0], []).append((hit[1], position))
    keys: dict[str, list[int]] = {}
    for key, found_at in candidates.items():
        best = min(rank for rank, _ in found_at)
        positions = [p for rank, p in found_at if rank == best]
        if len(positions) > 1:
            names = " and ".join(repr(header[p]) for p in positions)
            raise BatchInputError(
                f"columns {names} would both give {key}; choose one with "
                f"--map {header[positions[0]]!r}={key} (the others then pass through)"
            )
        keys[key] = positions
    return keys


def _looks_like_data(header: Sequence[str]) -> str | None:
    """What makes a header line look like a row of data: most of its filled cells hold a
    digit (dates, amounts, ids), or one holds an e-mail address. Headings seldom do."""
    filled = [h for h in header if h.strip()]
    digits = [h for h in filled if any(c.isdigit() for c in h)]
    mail = next((h for h in filled if "@" in h and "." in h.split("@")[-1]), None)
    if len(filled) >= 3 and 2 * len(digits) > len(filled):
        return f"{len(digits)} of its {len(filled)} filled cells hold digits"
    if mail is not None:
        return f"{mail!r} is an e-mail address"
    return None


def _nothing_to_read(kb: KnowledgeBase, plan: Plan) -> str:
    columns = ", ".join(repr(h) for h in plan.header) or "none"
    message = f"no column is an answer key or a known heading (columns: {columns})"
    data = _looks_like_data(plan.header)
    if data:
        message += (
            f"; the first line looks like a row of orders, not headings ({data}): the "
            "export's heading line may be missing; export the file again with its headings"
        )
    lost = next((h for h in plan.header if "\ufffd" in h), None)
    if lost is not None:
        message += (
            f"; its headings hold the replacement character where letters were ({lost!r}): "
            "a program read the export in the wrong encoding and saved it so, and the "
            "letters are lost; give the export as the platform wrote it"
        )
    if plan.tied:
        message += f"; the header fits several presets equally ({_ids(plan.tied)})"
    elif plan.closest is not None:
        message += f"; the closest preset is {_closest(plan.closest, plan.header)}"
    return (
        f"{message}; choose a preset with --preset (batch --list-presets) or map "
        f"columns with --map COLUMN=KEY, keys: {', '.join(kb.questions)}"
    )


def every_row_answers(kb: KnowledgeBase, pairs: list[str], today: dt.date) -> Checked:
    """`--set KEY=VALUE`: answers for every row that leaves them empty (an export with no
    origin column, all posted in one country: `origin=DE`), checked as `diagnose --set`
    checks them; `BatchInputError` naming each fault. A tracking number is each row's
    own, never the file's. A date that names a stretch of days keeps its words (`said`),
    read in each row as a date cell's are."""
    try:
        given = parse_assignments(pairs)
        if "tracking_number" in given:
            raise AnswerError({"tracking_number": "is each row's own: map its column instead"})
        stretches = {k: str(v) for k, v in given.items() if stretch_of(v, today) is not None}
        return Checked(normalise_answers(kb, given, today), said=stretches)
    except AnswerError as error:
        faults = "; ".join(
            message if key == "--set" else f"{key}: {message}"
            for key, message in error.errors.items()
        )
        raise BatchInputError(f"--set: {faults}") from None
