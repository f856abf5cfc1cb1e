"""The counts over a run, honest about what was concluded and what was not."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from parcel_doctor.batch.outcome import RowOutcome
from parcel_doctor.batch.reading import Row

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences) shown as `\\xNN`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class Summary:
    """Counts over a run; `by_situation` counts each concluded row's most pressing situation.

    A row is counted as concluded only when the rules reached a situation; a row whose
    last tracking event is unknown and whose steps ask for it "needs a tracking look-up"
    (it may also be concluded)."""

    today: dt.date
    rows: int = 0
    concluded: int = 0
    lookup: int = 0
    errors: int = 0
    act_now: int = 0
    repeated: int = 0  # rows of an order already diagnosed on an earlier line
    not_shipped: int = 0  # orders the platform says are not shipped yet: not diagnosed
    no_parcel: int = 0  # lines the platform says have nothing to post: not diagnosed
    blank: int = 0
    trailer: list[tuple[int, str]] = field(default_factory=list)
    by_situation: Counter[str] = field(default_factory=Counter)
    first_errors: list[str] = field(default_factory=list)  # at most 5, for the summary
    reused: int = 0  # diagnoses whose rule session was reused (identical answers)
    sessions: int = 0  # rule sessions run
    read_as: list[str] = field(default_factory=list)

    def add(self, row: Row, outcome: RowOutcome) -> None:
        self.rows += 1
        if outcome.error:
            self.errors += 1
            if len(self.first_errors) < 5:
                where = "" if outcome.error.startswith(("line ", "row ")) else f"line {row.line}: "
                self.first_errors.append(where + outcome.error)
            return
        if outcome.not_shipped or outcome.no_parcel:
            self.not_shipped += outcome.not_shipped
            self.no_parcel += outcome.no_parcel
            return
        self.lookup += outcome.lookup
        if outcome.concluded:
            self.concluded += 1
            self.by_situation[outcome.situation or "(none)"] += 1
            self.act_now += outcome.act_now

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def lines(self) -> list[str]:
        plural = "" if self.rows == 1 else "s"
        out = [
            f"{self.rows} row{plural}: {self.concluded} with a conclusion, "
            f"{self.lookup} need a tracking look-up, {self.errors} with errors; "
            f"{self.act_now} need action today ({self.today.isoformat()})."
        ]
        out += self.read_as
        skipped = []
        if self.trailer:
            lines = ", ".join(str(n) for n, _ in self.trailer)
            shown = "; ".join(repr(t) for _, t in self.trailer[:2])
            skipped.append(
                f"{len(self.trailer)} trailer line(s) that are not orders (line {lines}: {shown})"
            )
        if self.blank:
            skipped.append(f"{self.blank} empty line(s)")
        if skipped:
            out.append("Skipped: " + "; ".join(skipped) + ".")
        if self.not_shipped:
            out.append(
                f"{self.not_shipped} row(s) are orders not shipped yet (the export says so): "
                "not diagnosed, see their notes."
            )
        if self.no_parcel:
            out.append(
                f"{self.no_parcel} row(s) hold nothing to post (the export says so: a digital "
                "item, a sale with no shipping, an order the platform shipped from its own "
                "stock): not diagnosed, see their notes."
            )
        if self.repeated:
            out.append(
                f"{self.repeated} row(s) are more lines of an order above and repeat its result."
            )
        if self.reused:
            total = self.reused + self.sessions
            share = 100 * self.reused / total
            out.append(
                f"Identical answers: {self.reused} of {total} diagnosed rows took the result "
                f"of an earlier row with the same answers ({_percent(share)})."
            )
        if self.by_situation:
            out.append("Most pressing situation per row with a conclusion:")
            width = max(len(s) for s in self.by_situation)
            for situation, count in sorted(self.by_situation.items(), key=lambda x: (-x[1], x[0])):
                out.append(f"  {situation:<{width}}  {count}")
        if self.first_errors:
            more = f" (first 5 of {self.errors}; see the error column)" if self.errors > 5 else ""
            out.append(f"Errors{more}:")
            out += [f"  {e}" for e in self.first_errors]
        return [printable(line) for line in out]


def _percent(share: float) -> str:
    """A share in whole percent, never "0 %" or "100 %" for a part."""
    if 0 < share < 1:
        return "under 1 %"
    if 99 < share < 100:
        return "over 99 %"
    return f"{share:.0f} %"
