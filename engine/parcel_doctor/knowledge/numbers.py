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
        indicator_ranges=kb.indicator_ranges,
        destination=destination,
        carrier=carrier,
    )


def not_the_carriers(kb: KnowledgeBase, analysis: NumberAnalysis, carrier: str) -> str | None:
    """What to say when the carrier the seller names cannot have issued the number: it
    fits none of that carrier's formats on record, and is not an S10 number named with a
    post (every post carries S10 items): "RR123456785CN fits none of the number
    formats on record for UPS". None when it fits, or when nothing on record says what the carrier's
    numbers look like. `track` says it; `diagnose` gives a step of its own for it."""
    named = kb.carriers.get(carrier)
    post = named is not None and named.get("kind") == "postal-operator"
    own = any(f.get("carrier") == carrier for f in kb.number_formats.values())
    if named is None or not analysis.number or analysis.format == "unknown" or not (own or post):
        return None
    fits = {c.carrier for c in analysis.candidates} | {analysis.carrier}
    if carrier in fits or (post and analysis.format == "s10"):
        return None
    return (
        f"{analysis.number} fits none of the number formats on record for {named['name']}: "
        f"it reads as {kb.number_formats[analysis.format]['name']}. If {named['name']} "
        "carried the parcel, its own number is on its receipt."
    )
