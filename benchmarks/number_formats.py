"""How many public test numbers does parcel-doctor recognise? Prints figures; asserts nothing.

Runs public test numbers no one here wrote through `analyse_number`, the path behind
`track` and `diagnose`, and counts:

- valid numbers recognised as valid with the right carrier as the first (most specific)
  candidate, and as any candidate;
- invalid numbers not called valid (rejected as not valid, or "format not known"), and
  not called valid for the carrier whose list gives them (the list's own meaning).

Two sets, each read from a checkout (nothing is downloaded here):

- the tracking_number_data project's courier specifications (github.com/jkeen/tracking_number_data,
  couriers/*.json: `valid` and `invalid` numbers per format);
- the bloodhound package-tracking library's tests (github.com/mediocre/bloodhound,
  test/carriers/*.js: the `validTrackingNumbers` and `invalidTrackingNumbers` arrays).

Run: .venv/bin/python benchmarks/number_formats.py PATH/tracking_number_data/couriers
     .venv/bin/python benchmarks/number_formats.py --bloodhound PATH/bloodhound/test/carriers
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from parcel_doctor.diagnosis.diagnose import analyse_number
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.knowledge.loader import KnowledgeBase

# tracking_number_data courier code (or courier/format id) -> carrier id in carriers.toml.
CARRIERS = {
    "amazon": "amazon-logistics",
    "canada_post": "canada-post",
    "canpar": "canpar",
    "dhl": "dhl-express",
    "dhl/dhl_ecommerce": "dhl-ecommerce",
    "dhl/dhl_ecommerce_14": "dhl-ecommerce",
    "dpd": "dpd",
    "fedex": "fedex",
    "gofo": "gofo",
    "landmark": "landmark-global",
    "lasership": "ontrac",
    "old_dominion": "old-dominion",
    "ontrac": "ontrac",
    "purolator": "purolator",
    "s10": "s10",  # a postal number: right when it is read as S10
    "speedee": "spee-dee",
    "ups": "ups",
    "usps": "usps",
    "yodel": "yodel",
    "yunexpress": "yunexpress",
}

# bloodhound test file -> carrier id ("dhl" and "dhlEcommerceSolutions" are DHL eCommerce).
BLOODHOUND = {
    "amazon": "amazon-logistics",
    "dhl": "dhl-ecommerce",
    "dhlEcommerceSolutions": "dhl-ecommerce",
    "fedEx": "fedex",
    "gofo": "gofo",
    "ups": "ups",
    "usps": "usps",
}

Case = tuple[str, str, str, bool]
"""(list, number, carrier id the list gives it, whether the list calls it valid)"""


def tracking_number_data(couriers: Path) -> Iterator[Case]:
    for path in sorted(couriers.glob("*.json")):
        spec = json.loads(path.read_text())
        code = spec["courier_code"]
        for fmt in spec["tracking_numbers"]:
            want = CARRIERS.get(f"{code}/{fmt.get('id')}", CARRIERS.get(code, code))
            for number in fmt["test_numbers"]["valid"]:
                yield code, number, want, True
            for number in fmt["test_numbers"].get("invalid", []):
                yield code, number, want, False


def bloodhound(tests: Path) -> Iterator[Case]:
    for name, want in BLOODHOUND.items():
        source = (tests / f"{name}.js").read_text()
        for array, valid in (("validTrackingNumbers", True), ("invalidTrackingNumbers", False)):
            found = re.search(array + r"\s*=\s*\[(.*?)\];", source, re.S)
            body = re.sub(r"//[^\n]*", "", found.group(1)) if found else ""
            for number in re.findall(r"'([^']*)'", body):
                if number.strip():  # the empty string is an input error, not a number
                    yield name, number, want, valid


def count(kb: KnowledgeBase, cases: Iterator[Case]) -> None:
    first = anywhere = total_valid = rejected = not_theirs = total_invalid = 0
    misses: Counter[str] = Counter()
    for code, number, want, valid in cases:
        found = analyse_number(kb, number, None)
        carriers = [_carrier(c.format, c.carrier, c.origin, want) for c in found.candidates]
        if valid:
            total_valid += 1
            first += bool(found.valid) and carriers[:1] == [want]
            if found.valid and want in carriers:
                anywhere += 1
            else:
                misses[f"{code}: {number.strip()} -> {found.format}"] += 1
            continue
        total_invalid += 1
        if not found.valid:
            rejected += 1
        else:
            shown = ", ".join(c.format for c in found.candidates)
            misses[f"{code} (invalid): {number.strip()} fits {shown}"] += 1
        if not (found.valid and want in carriers):
            not_theirs += 1
    print(f"valid numbers recognised, right carrier first: {first}/{total_valid}")
    print(f"valid numbers recognised, right carrier among candidates: {anywhere}/{total_valid}")
    print(f"invalid numbers not called valid: {rejected}/{total_invalid}")
    print(f"invalid numbers not called valid for their own carrier: {not_theirs}/{total_invalid}")
    for miss in sorted(misses):
        print(f"  miss: {miss}")


def _carrier(fmt: str, carrier: str | None, origin: str | None, want: str) -> str | None:
    """The carrier a candidate names; an S10 number is the issuing post's (USPS for US)."""
    if fmt == "s10":
        return "usps" if want == "usps" and origin == "US" else "s10"
    return carrier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("couriers", type=Path, nargs="?", help="tracking_number_data couriers/")
    parser.add_argument("--bloodhound", type=Path, help="bloodhound's test/carriers/ folder")
    args = parser.parse_args()
    if args.couriers is None and args.bloodhound is None:
        parser.error("give tracking_number_data's couriers/ folder, --bloodhound, or both")
    kb = knowledge.load()
    if args.couriers is not None:
        print(f"tracking_number_data ({args.couriers}):")
        count(kb, tracking_number_data(args.couriers))
    if args.bloodhound is not None:
        print(f"bloodhound ({args.bloodhound}):")
        count(kb, bloodhound(args.bloodhound))


if __name__ == "__main__":
    main()
