"""The join-cost estimate of facts looked up in a table by `where` (`knowledge.join_costs`):
one look-up returns the records that agree on its fields, so a session holds at most the
largest such group, not the whole table. Counting the whole table made `facts check` refuse
the shipped disruption rules once facts/disruptions.toml reached 70 entries (each new stop,
to any country, raised every route's estimate), and the README's example rule at 61."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.join_costs import _most_records
from parcel_doctor.rules.model import Ref


def test_a_lookup_by_destination_counts_one_destinations_records(kb):
    where = {"destination": Ref("shipment", "destination"), "origin": "*"}
    per_destination = Counter(
        r["destination"] for r in kb.records("disruptions") if r["origin"] == "*"
    )
    assert _most_records(kb, "disruptions", where) == max(per_destination.values())
    assert _most_records(kb, "disruptions", where) < len(kb.records("disruptions"))


def test_many_more_disruptions_on_other_routes_still_pass_facts_check(kb_copy):
    facts, rules = kb_copy
    path: Path = facts / "disruptions.toml"
    codes = [c for c in loader.load().countries if c not in ("US", "CA", "*")][:40]
    extra = "".join(
        f'\n[[disruption]]\nkind = "stop"\noperator = "Test post {code}"\ncarriers = []\n'
        f'origin = "{code}"\ndestination = "*"\nservices = ["registered-post"]\n'
        f'from = 2020-01-01\nuntil = 2020-01-31\nwhat = "test"\nsources = ["test"]\n'
        for code in codes
    )
    path.write_text(path.read_text() + extra)
    _, problems = loader.check(facts, rules)
    assert problems == [], problems
