"""Golden tests vary one base story answer by answer: the diagnosis of a variant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from parcel_doctor.diagnosis.diagnose import Diagnosis, diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase


def diagnose_variant(
    kb: KnowledgeBase, base: Mapping[str, object], changes: Mapping[str, object], today: dt.date
) -> Diagnosis:
    """The diagnosis of `base` with `changes` over it; a change to None drops that answer
    (the seller does not say it)."""
    answers = {key: value for key, value in {**base, **changes}.items() if value is not None}
    return diagnose(kb, answers, today)
