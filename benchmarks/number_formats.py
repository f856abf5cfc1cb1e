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
  test/carriers/*.js: the `validTrackingNumbers` and `invalidTrackingNumbers` arrays);
- the shipit library's carrier-guessing tests (github.com/sailrish/shipit,
  test/guessCarrier.coffee: `expect(guessCarrier 'N').to.include 'carrier'`, or
  `.to.not.include`, valid or not for that carrier);
- the shipment-tracker library's tracker tests (github.com/sauladam/shipment-tracker,
  tests/Trackers/*Test.php: the real numbers each carrier's tracker is run with; all valid);
- the karrio shipping library's tracking tests (github.com/karrioapi/karrio,
  modules/connectors/<carrier>/tests/<carrier>/test_tracking.py: the `tracking_number`
  values of the carriers' sample responses; all valid, some illustrative);
- the geartrack tracker's tests (github.com/hdnpt/geartrack, test/*.test.js: the ids of
  the tests that expect an answer, real parcels of Cainiao, Correos, CTT, DHL, PostNL,
  China Post, Yanwen and other posts; all valid);
- the olist/correios library's tests (github.com/olist/correios,
  tests/test_posting_models.py: the Brazilian post's tracking codes its TrackingCode
  accepts, valid, and refuses, invalid);
- any plain list of real numbers of known carriers (`--valid-list FILE CARRIERS`: one number
  a line, all valid, CARRIERS the carrier ids any of which is right, joined by `|`), such
  as the Japan Post numbers of github.com/nayutaya/packtrack's fixtures.

Run: .venv/bin/python benchmarks/number_formats.py PATH/tracking_number_data/couriers
     .venv/bin/python benchmarks/number_formats.py --bloodhound PATH/bloodhound/test/carriers
     .venv/bin/python benchmarks/number_formats.py --shipit PATH/shipit/test/guessCarrier.coffee
     .venv/bin/python benchmarks/number_formats.py --shipment-tracker PATH/tests/Trackers
     .venv/bin/python benchmarks/number_formats.py --karrio PATH/karrio/modules/connectors
     .venv/bin/python benchmarks/number_formats.py --geartrack PATH/geartrack/test
     .venv/bin/python benchmarks/number_formats.py --olist-correios PATH/test_posting_models.py
     .venv/bin/python benchmarks/number_formats.py --valid-list jp.txt "yamato|japan-post" --to JP
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

# shipit carrier name -> carrier id. A1 International and UPS Mail Innovations have no
# carrier record: their numbers count as misses unless another listed carrier is read.
SHIPIT = {
    "a1intl": "a1-international",
    "amazon": "amazon-logistics",
    "dhlgm": "dhl-ecommerce",
    "fedex": "fedex",
    "lasership": "ontrac",
    "ontrac": "ontrac",
    "ups": "ups",
    "upsmi": "ups-mail-innovations",
    "usps": "usps",
}

# shipment-tracker test file -> carrier id; the postal trackers (Austrian, Swiss and US
# posts) are run with German S10 numbers, right when read as S10.
SHIPMENT_TRACKER = {
    "DHLExpressTest": "dhl-express",
    "DHLTest": "deutsche-post",
    "FedexTest": "fedex",
    "GLSTest": "gls",
    "PostATTest": "s10",
    "PostCHTest": "s10",
    "UPSTest": "ups",
    "USPSTest": "s10",
}

# karrio connector -> carrier id (connectors for carriers with no record are left out).
KARRIO = {
    "asendia": "asendia",
    "australiapost": "australia-post",
    "bpost": "bpost",
    "canadapost": "canada-post",
    "dhl_express": "dhl-express",
    "dhl_parcel_de": "deutsche-post",
    "dhl_universal": "dhl-express",
    "dpd": "dpd",
    "fedex": "fedex",
    "gls": "gls",
    "landmark": "landmark-global",
    "laposte": "la-poste",
    "mydhl": "dhl-express",
    "purolator": "purolator",
    "usps": "usps",
    "usps_international": "usps",
}

# geartrack test file -> carrier ids any of which is right (s10: a postal number read as
# S10). Files of carriers with no record (Correos Express, MRW, Sky56, Winit, Pitney
# Bowes, CJ, Adicional, Expresso24, PanAsia) and 17track's mixed file are left out.
GEARTRACK = {
    "cainiao": "cainiao|s10",
    "correosES": "correos|s10",
    "correosOld": "correos|s10",
    "ctt": "s10",
    "dhl": "dhl-express",
    "ips": "s10",
    "malasyaPos": "s10",
    "postNL": "postnl|s10",
    "singpost": "s10",
    "track24": "china-post|s10",
    "trackChinaPost": "china-post|s10",
    "yanwen": "yanwen|s10",
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


def shipit(tests: Path) -> Iterator[Case]:
    """One case per number and claim; a number two carriers' checks both accept (a FedEx
    SmartPost number is also USPS's) is right first when either is first."""
    claims: dict[tuple[str, bool], list[str]] = {}
    pattern = r"guessCarrier\s+'([^']*)'\)\.to\.(not\.)?include\s+'([a-z0-9]+)'"
    for number, negated, name in re.findall(pattern, tests.read_text()):
        claims.setdefault((number, not negated), []).append(SHIPIT.get(name, name))
    for (number, valid), wanted in claims.items():
        yield "shipit", number, "|".join(dict.fromkeys(wanted)), valid


def shipment_tracker(tests: Path) -> Iterator[Case]:
    for name, want in SHIPMENT_TRACKER.items():
        source = (tests / f"{name}.php").read_text()
        for number in dict.fromkeys(re.findall(r"->track\('([^']+)'", source)):
            yield name, number, want, True


def karrio(connectors: Path) -> Iterator[Case]:
    for name, want in KARRIO.items():
        source = (connectors / name / "tests" / name / "test_tracking.py").read_text()
        numbers = re.findall(r'"tracking_number"\s*:\s*"([^"]+)"', source)
        for number in dict.fromkeys(numbers):
            yield name, number, want, True


def geartrack(tests: Path) -> Iterator[Case]:
    """The ids of the tests that expect a tracking answer (real parcels the trackers
    found); tests of ids not found or refused say nothing about the format and are left
    out."""
    for name, want in GEARTRACK.items():
        source = (tests / f"{name}.test.js").read_text()
        for block in re.split(r"\btest\(", source)[1:]:
            title = re.match(r"\s*['\"]([^'\"]*)", block)
            if title is None or re.search(r"not found|fail|remove|invalid", title.group(1)):
                continue
            found = re.search(r"\bid = ['\"]([^'\"]+)", block)
            if found:
                yield name, found.group(1), want, True


def olist_correios(tests: Path) -> Iterator[Case]:
    """The Brazilian post's tracking codes in olist/correios's posting-model tests: those
    its TrackingCode accepts as given, and those its check-digit test completes (valid),
    and those it refuses (invalid)."""
    source = tests.read_text()

    def arguments(function: str) -> str:
        body = source[: source.index(f"def {function}(")]
        return re.sub(r"#[^\n]*", "", body[body.rindex("parametrize(") :])

    for number in re.findall(
        r'"([A-Za-z]{2}[0-9]{9}[A-Za-z]{2})"', arguments("test_tracking_code_constructor")
    ):
        yield "olist-correios", number, "correios|s10", True
    for head, tail, digit in re.findall(
        r'\("(\w{10}) (\w{2})", (\d)\)', arguments("test_tracking_code_digit_calculator")
    ):
        yield "olist-correios", f"{head}{digit}{tail}", "correios|s10", True
    for number in re.findall(r'"([^"]+)"', arguments("test_fail_invalid_tracking_code"))[1:]:
        yield "olist-correios", number, "correios|s10", False  # the first: the argument name


def valid_list(path: Path, carriers: str) -> Iterator[Case]:
    for line in path.read_text().splitlines():
        if line.strip():
            yield path.name, line.strip(), carriers, True


def count(kb: KnowledgeBase, cases: Iterator[Case], destination: str | None = None) -> None:
    first = anywhere = candidate = total_valid = rejected = not_theirs = total_invalid = 0
    misses: Counter[str] = Counter()
    for code, number, want, valid in cases:
        found = analyse_number(kb, number, destination)
        wanted = want.split("|")
        carriers = [_carrier(kb, c.format, c.carrier, c.origin, wanted) for c in found.candidates]
        if valid:
            total_valid += 1
            first += bool(found.valid) and carriers[:1] != [] and carriers[0] in wanted
            if found.valid is not False and any(w in carriers for w in wanted):
                candidate += 1
            if found.valid and any(w in carriers for w in wanted):
                anywhere += 1
                if carriers[0] not in wanted:  # valid, the right carrier a later candidate
                    misses[f"{code}: {number.strip()} -> {found.format} first"] += 1
            else:
                misses[f"{code}: {number.strip()} -> {found.format}"] += 1
            continue
        total_invalid += 1
        if not found.valid:
            rejected += 1
        else:
            shown = ", ".join(c.format for c in found.candidates)
            misses[f"{code} (invalid): {number.strip()} fits {shown}"] += 1
        if not (found.valid and any(w in carriers for w in wanted)):
            not_theirs += 1
    print(f"valid numbers recognised, right carrier first: {first}/{total_valid}")
    print(f"valid numbers recognised, right carrier among candidates: {anywhere}/{total_valid}")
    print(
        "valid numbers valid or not confirmed (never 'not valid'), right carrier among "
        f"candidates: {candidate}/{total_valid}"
    )
    print(f"invalid numbers not called valid: {rejected}/{total_invalid}")
    print(f"invalid numbers not called valid for their own carrier: {not_theirs}/{total_invalid}")
    for miss in sorted(misses):
        print(f"  miss: {miss}")


def _carrier(
    kb: KnowledgeBase, fmt: str, carrier: str | None, origin: str | None, wanted: list[str]
) -> str | None:
    """The carrier a candidate names; an S10 number is the issuing country's postal
    operator's (USPS for US), or "s10" where a list names no postal operator."""
    if fmt == "s10":
        for want in wanted:
            record = kb.carriers.get(want)
            if record and record["kind"] == "postal-operator" and origin in record["countries"]:
                return want
        return "s10"
    return carrier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("couriers", type=Path, nargs="?", help="tracking_number_data couriers/")
    parser.add_argument("--bloodhound", type=Path, help="bloodhound's test/carriers/ folder")
    parser.add_argument("--shipit", type=Path, help="shipit's test/guessCarrier.coffee")
    parser.add_argument(
        "--shipment-tracker", type=Path, help="shipment-tracker's tests/Trackers/ folder"
    )
    parser.add_argument("--karrio", type=Path, help="karrio's modules/connectors/ folder")
    parser.add_argument("--geartrack", type=Path, help="geartrack's test/ folder")
    parser.add_argument(
        "--olist-correios", type=Path, help="olist/correios's tests/test_posting_models.py"
    )
    parser.add_argument(
        "--valid-list",
        nargs=2,
        action="append",
        default=[],
        metavar=("FILE", "CARRIERS"),
        help="a file of valid numbers, one a line, and the carrier ids (a|b) any of which is right",
    )
    parser.add_argument(
        "--to", metavar="CODE", help="the destination country given with every number"
    )
    args = parser.parse_args()
    readers = {
        "tracking_number_data": (args.couriers, tracking_number_data),
        "bloodhound": (args.bloodhound, bloodhound),
        "shipit": (args.shipit, shipit),
        "shipment-tracker": (args.shipment_tracker, shipment_tracker),
        "karrio": (args.karrio, karrio),
        "geartrack": (args.geartrack, geartrack),
        "olist-correios": (args.olist_correios, olist_correios),
    }
    runs = [(f"{name} ({path})", reader(path)) for name, (path, reader) in readers.items() if path]
    runs += [(f"{path} ({ids})", valid_list(Path(path), ids)) for path, ids in args.valid_list]
    if not runs:
        parser.error("give tracking_number_data's couriers/ folder and/or a test set option")
    kb = knowledge.load()
    for title, cases in runs:
        print(f"{title}{f', to {args.to}' if args.to else ''}:")
        count(kb, cases, args.to)


if __name__ == "__main__":
    main()
