"""A tracking number read with the knowledge base's tables: what the diagnosis and the
history reader (`parcel_doctor.events.read`) both ask of a number, here so that neither
imports the other."""

from __future__ import annotations

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.tracking.numbers import NumberAnalysis, analyse


def analyse_number(
    kb: KnowledgeBase, number: str, destination: str | None, carrier: str | None = None
) -> NumberAnalysis:
    """The number read with what the shipment says besides it: the destination and the
    carrier the seller names (`tracking.numbers.analyse`)."""
    return analyse(
        number,
        countries=kb.countries,
        carriers=kb.carriers,
        s10_indicators=kb.s10_indicators,
        formats=kb.number_formats,
        indicator_ranges=kb.indicator_ranges.values(),
        destination=destination,
        carrier=carrier,
    )
