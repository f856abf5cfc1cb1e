"""Issue 14's "done when", measured: a seller pastes the real tracking history of an
AliExpress/Cainiao, China Post, USPS, Royal Mail or Correios parcel into the interview and
gets the same diagnosis as if they had answered the menu questions right.

"Right" is the hand label every real history carries (tests/data/events: histories.toml,
heldout3.toml, heldout4.toml, heldout5.toml; written before the parser ran on it): the
newest stage, its date and the posting date. Both runs get the same other answers (the
interview's, with every other question skipped and the recipient saying it has not
arrived), so the only difference is whether the history was read as the seller would have answered.
heldout5.toml and heldout6.toml, measured once and published, are development sets like
heldout3/4 and are used here too (one USPS history; a Royal Mail and a Correios history),
and so are named_histories.toml (a Royal Mail and a China Post history, held out the same
way in the eighth session) and heldout7.toml (two Correios histories, measured once and
published in the eighth session) and heldout8.toml (a Cainiao history, measured once and
published in the ninth session). named_histories2.toml (tenth session: eight more real whole
histories, labelled by hand and landed before anything ran on them) is measured once and
published like them, and so is named_histories3.toml (eleventh session: five more, four USPS
and one Correios).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomllib
from parcel_doctor.diagnosis.diagnose import Diagnosis, diagnose
from parcel_doctor.interview.conversation import run_interview
from parcel_doctor.interview.prompts import Prompt
from parcel_doctor.interview.state import Interview
from parcel_doctor.knowledge.loader import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data" / "events"
SETS = (
    "histories.toml",
    "heldout3.toml",
    "heldout4.toml",
    "heldout5.toml",
    "heldout6.toml",
    "named_histories.toml",
    "heldout7.toml",
    "heldout8.toml",
    "named_histories2.toml",
    "named_histories3.toml",
)
# The carriers the issue names, as the labelled histories' `carrier` field names them.
FAMILIES = {
    "AliExpress/Cainiao": ("cainiao", "aliexpress"),
    "China Post": ("china post",),
    "USPS": ("usps",),
    "Royal Mail": ("royal mail",),
    "Correios": ("correios",),
}
READ = ("last_event", "last_event_on", "shipped_on")
# Measured when this test was written (main 5b1fd0e): 19 of 23. Measured again in the
# sixth session (main 1d3b94f) after four held-out histories were added to histories.toml,
# labelled before this ran on them (two Cainiao, two China Post): 25 of 27 (all four new
# ones agree). With heldout5.toml's one USPS history once heldout5 was published (review4,
# main 702ae9a): 26 of 28. Seventh session (events): 27 of 28, China EMS's "Posting" alone now
# read as the acceptance (heldout3's china-ems-domestic-leg-2017). With heldout6.toml's two
# (a Royal Mail and a Correios history), measured once at heldout6's measurement
# (2026-11-26 12:19 UTC, main 665c78a): 27 of 30 (heldout6's two differ, README says why).
# With named_histories.toml's two (a Royal Mail and a China Post history, eighth session,
# labelled by hand and committed before this ran on them), measured once (2026-11-26
# 13:27 UTC, main 88599f7): 28 of 32 (the Royal Mail one agrees; nothing is read from the
# China Post table, whose dates are written 20130507 1042). Eighth session (events): 30 of
# 32, the heldout6 Royal Mail reply's events of one instant ordered by their stages, its
# Correios unit after the status read as its place; 31 of 32 once eight-digit dates with
# a four-digit time (China Post's table, 20130507 1042) are read. With heldout7.toml's two
# Correios histories (eighth session, labelled by hand and committed before this ran on
# them), measured once at heldout7's measurement (2026-11-26 14:52 UTC, main b065836):
# 33 of 34 (both agree; the one left is histories.toml's correios-rastreiobot-23).
# With heldout8.toml's one Cainiao history (ninth session, labelled by hand and landed
# before this ran on it), measured once at heldout8's measurement (2026-11-26 17:41 UTC,
# main 6ef4d9f): 34 of 35 (it agrees).
# With named_histories2.toml's eight (tenth session: Cainiao 1, USPS 3, China Post 1,
# Correios 3; labelled by hand and landed (2c4ddd7, 6ccf254) before this ran on them),
# measured once after the session's last events landing (2026-11-26 19:59:59-20:00:03
# UTC, main 4f6832b): 41 of 43 (7 of the 8 agree; the domestic China Post history, Wuxi
# to Suzhou 2019, labelled accepted, is read as in the destination network from its
# newest line, an arrival at the destination city's transfer centre: arguable).
# With named_histories3.toml's five (eleventh session: USPS 4, Correios 1; labelled by hand
# and landed (9a97db9) before this ran on them), measured once after the session's last
# events landing (2026-11-26 22:36:50-22:36:59 UTC, main 964c51f): 46 of 48 (all five agree,
# every reading equal to its label; the two that differ are the same as before).
# A better reader raises it; lowering it needs a reason in the commit.
AGREE_AT_LEAST = 46


def _family(carrier: str) -> str | None:
    said = carrier.lower()
    return next((f for f, words in FAMILIES.items() if any(w in said for w in words)), None)


def _histories() -> list[tuple[str, str, dict[str, Any], str]]:
    """(set, family, label, text) for every labelled history of the named carriers."""
    out = []
    for name in SETS:
        with (DATA / name).open("rb") as handle:
            for entry in tomllib.load(handle)["history"]:
                family = _family(entry["carrier"])
                if family is None:
                    continue
                text = entry.get("text") or (DATA / "histories" / f"{entry['id']}.txt").read_text(
                    encoding="utf-8"
                )
                out.append((name, family, entry, text))
    return out


class Seller:
    """Picks "paste" at the stage question, pastes the history line by line, confirms;
    says the parcel has not arrived; skips every other question."""

    def __init__(self, text: str) -> None:
        self.lines = [line for line in text.splitlines() if line.strip()]
        self.pasted = False
        self.told: list[str] = []

    def ask(self, prompt: Prompt) -> str:
        if prompt.qid == "last_event" and not self.pasted:
            self.pasted = True
            return "paste"
        if prompt.qid == "tracking_history":
            if prompt.kind == "yes-no":
                return "yes"
            return self.lines.pop(0) if self.lines else ""
        if prompt.qid == "recipient_says":
            return "not-received"
        return "skip"

    def tell(self, message: str, kind: str = "info") -> None:
        self.told.append(message)


def _shape(result: Diagnosis) -> tuple[list[str], list[str]]:
    return [s.id for s in result.situations], [a.id for a in result.advice]


def _both(kb: KnowledgeBase, label: dict[str, Any], text: str) -> tuple[Any, Any, Interview]:
    today: dt.date = label["today"]
    session = Interview(kb, today, {})
    seller = Seller(text)
    try:
        pasted = run_interview(session, seller)
    except EOFError:  # the offer to answer skipped questions: no
        pasted = session.diagnosis()
    menu = {k: v for k, v in session.answers.items() if k not in READ}
    menu.update({k: label[k] for k in READ if k in label})
    # the labels were written before customs-released split off customs: a release read
    # from the page is what the seller picks from today's menu
    read = session.answers.get("last_event")
    if _refines(kb, read, menu.get("last_event")):
        menu["last_event"] = read
    return _shape(pasted), _shape(diagnose(kb, menu, today)), session


def _refines(kb: KnowledgeBase, stage: Any, label: Any) -> bool:
    """Whether `stage` is one split off the label's (facts/stages.toml `refines`)."""
    return stage in kb.stages and kb.stages[stage].get("refines") == label


HISTORIES = _histories()


def test_every_named_carrier_has_a_labelled_history() -> None:
    """Every carrier the issue names has at least one real whole history; Royal Mail has two
    (heldout6.toml's app reply, its event times all set to one instant by its author, and
    named_histories.toml's reply with distinct times: README)."""
    families = {family for _, family, _, _ in HISTORIES}
    assert families == set(FAMILIES)
    assert len(HISTORIES) >= 48


def test_pasted_real_histories_give_the_menu_diagnosis(kb: KnowledgeBase) -> None:
    agree, differ = 0, []
    for name, family, label, text in HISTORIES:
        pasted, menu, session = _both(kb, label, text)
        if pasted == menu:
            agree += 1
        else:
            read = {k: session.answers.get(k) for k in READ}
            differ.append(f"{name} {label['id']} ({family}): read {read}")
    assert agree >= AGREE_AT_LEAST, "\n".join(differ)


@pytest.mark.parametrize(
    "history_id",
    [
        "correios-postmon-170",
        "usps-karrio",
        "cainiao-aliexpress-israel-2023",
        "china-post-russia-microsystem-2018",
        "royal-mail-digitalgenius-2024",
    ],
)
def test_a_history_read_right_takes_every_reading_from_the_paste(
    kb: KnowledgeBase, history_id: str
) -> None:
    """The agreement above is not the other answers doing the work: these histories'
    readings all come from the paste, and equal the labels."""
    _, _, label, text = next(h for h in HISTORIES if h[2]["id"] == history_id)
    pasted, menu, session = _both(kb, label, text)
    assert pasted == menu
    for key in READ:
        read = session.answers.get(key)
        assert read == label.get(key) or _refines(kb, read, label.get(key))
        assert any(key in reply for reply in session.history)
