"""Random answer sets through the rules: count reports that contradict themselves. Asserts nothing.

Each answer set is drawn at random from the knowledge's own vocabulary (every country,
carrier, service, stage, notice, recipient answer, return reason), with a posting date
5-200 days before a fixed today and the last event 0-10 days after posting. A report is
counted under each check it breaks:

- reship-beside-hold: "Decide: reship or refund" beside a step that says not to reship yet
  (a missent item being forwarded, a disruption holding it);
- customs-at-origin: the destination's customs asked about an item whose newest event is in
  the origin country (label created, accepted, none);
- lost-no-inquiry: a registered/tracked/EMS postal item between two countries, recipient has
  nothing, posted 150+ days ago, with no inquiry step at all (file-inquiry,
  inquiry-window-closing, or the post's own shorter EMS window passed) although its window
  is running;
- courier-no-claim: an express courier's parcel, recipient has nothing, not delivered, not
  coming back, posted 20+ days ago, with no claim step (dated, undated or window passed).

Run: .venv/bin/python benchmarks/contradictions.py [--n 3000] [--seed 5] [--show 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections import Counter

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

TODAY = dt.date(2026, 11, 20)
HOLDS = {"wait-for-rerouting", "hold-reship-during-disruption"}
INQUIRY = {
    "file-inquiry",
    "inquiry-window-closing",
    "past-inquiry-window",
    "ems-inquiry-window-passed",
}
CLAIMS = {
    "courier-claim-deadline",
    "courier-claim-window-passed",
    "courier-claim-from-scheduled-delivery",
}
AT_ORIGIN = {"label-created", "accepted", "none"}


def answer_set(kb: loader.KnowledgeBase, rnd: random.Random) -> dict[str, object]:
    countries = sorted(kb.tables["countries"])
    answers: dict[str, object] = {
        "origin": rnd.choice(countries),
        "destination": rnd.choice(countries),
        "carrier": rnd.choice(sorted(kb.tables["carriers"])),
    }
    values = kb.answer_values()
    for key in ("service", "last_event", "recipient_says", "customs_notice", "return_reason"):
        if rnd.random() < 0.85:
            answers[key] = rnd.choice(sorted(values["shipment", key]))
    shipped = TODAY - dt.timedelta(days=rnd.randint(5, 200))
    answers["shipped_on"] = shipped
    answers["last_event_on"] = min(TODAY, shipped + dt.timedelta(days=rnd.randint(0, 10)))
    return answers


def broken(kb: loader.KnowledgeBase, answers: dict[str, object]) -> list[str]:
    report = diagnose(kb, answers, TODAY)
    advice = {a.id for a in report.advice}
    situations = {s.id for s in report.situations}
    found = []
    if "decide-reship-or-refund" in advice and advice & HOLDS:
        found.append("reship-beside-hold")
    if "contact-customs" in advice and answers.get("last_event") in AT_ORIGIN:
        found.append("customs-at-origin")
    days = (TODAY - answers["shipped_on"]).days  # type: ignore[operator]
    service = kb.tables["carriers"][answers["carrier"]].service_class  # type: ignore[index]
    if answers.get("service", "unknown") != "unknown":
        service = answers["service"]
    pending = answers.get("recipient_says") == "not-received" and not situations & {
        "delivered",
        "returning-to-sender",
    }
    if (
        pending
        and days >= 150
        and service in {"registered-post", "tracked-post", "ems"}
        and answers["origin"] != answers["destination"]
        and not advice & INQUIRY
    ):
        found.append("lost-no-inquiry")
    if (
        pending
        and days >= 20
        and service == "express-courier"
        and answers.get("last_event") not in {"delivered", "returning"}
        and not advice & CLAIMS
    ):
        found.append("courier-no-claim")
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=0, help="examples printed per check")
    args = parser.parse_args()
    kb = loader.load()
    rnd = random.Random(args.seed)
    counts: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for _ in range(args.n):
        answers = answer_set(kb, rnd)
        for check in broken(kb, answers):
            counts[check] += 1
            if shown[check] < args.show:
                shown[check] += 1
                print(check, {k: str(v) for k, v in answers.items()})
    print(f"{args.n} answer sets, seed {args.seed}, today {TODAY}")
    for check in ("reship-beside-hold", "customs-at-origin", "lost-no-inquiry", "courier-no-claim"):
        print(f"  {check}: {counts[check]}")


if __name__ == "__main__":
    main()
