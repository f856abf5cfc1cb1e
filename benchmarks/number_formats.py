"""How many public test numbers does parcel-doctor recognise? Prints figures; asserts nothing.

Runs every `valid` and `invalid` test number of the open tracking_number_data project's
courier specifications (couriers/*.json, numbers no one here wrote) through
`analyse_number`, the path behind `track` and `diagnose`, and counts:

- valid numbers recognised as valid with the right carrier as the first (most specific)
  candidate, and as any candidate;
- invalid numbers not called valid (rejected as not valid, or "format not known"), and
  not called valid for the carrier whose spec lists them (the spec's own meaning).

Run: .venv/bin/python benchmarks/number_formats.py PATH/TO/tracking_number_data/couriers
(a checkout of github.com/jkeen/tracking_number_data; nothing is downloaded here).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from parcel_doctor.diagnosis.diagnose import analyse_number
from parcel_doctor.knowledge import loader as knowledge

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("couriers", type=Path, help="the couriers/ folder of tracking_number_data")
    args = parser.parse_args()
    kb = knowledge.load()
    first = anywhere = total_valid = rejected = not_theirs = total_invalid = 0
    misses: Counter[str] = Counter()
    for path in sorted(args.couriers.glob("*.json")):
        spec = json.loads(path.read_text())
        code = spec["courier_code"]
        for fmt in spec["tracking_numbers"]:
            want = CARRIERS.get(f"{code}/{fmt.get('id')}", CARRIERS.get(code))
            for number in fmt["test_numbers"]["valid"]:
                total_valid += 1
                found = analyse_number(kb, number, None)
                carriers = [_carrier(found.format, found.carrier)]
                carriers += [_carrier(c.format, c.carrier) for c in found.candidates]
                if found.valid and carriers[0] == want:
                    first += 1
                if found.valid and want in carriers:
                    anywhere += 1
                else:
                    misses[f"{code}: {number.strip()} -> {found.format}"] += 1
            for number in fmt["test_numbers"].get("invalid", []):
                total_invalid += 1
                found = analyse_number(kb, number, None)
                carriers = [_carrier(c.format, c.carrier) for c in found.candidates]
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


def _carrier(fmt: str, carrier: str | None) -> str | None:
    return "s10" if fmt == "s10" else carrier


if __name__ == "__main__":
    main()
