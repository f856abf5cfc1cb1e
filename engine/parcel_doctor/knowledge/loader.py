"""The one loader and validator of the knowledge base (`facts/` and `rules/`).

Everything the engine, the interview, the batch runner and the trainers' commands know
comes through `load()`, so every user of the knowledge sees the same checked data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.knowledge.join_costs import check_join_costs
from parcel_doctor.knowledge.names import SUGGESTIONS_KEPT, CountryNames
from parcel_doctor.knowledge.rule_checks import check_rules, fact_kinds
from parcel_doctor.knowledge.schema import TABLES
from parcel_doctor.knowledge.shipped import shipped_dir
from parcel_doctor.knowledge.tables import read_tables
from parcel_doctor.knowledge.template_checks import check_templates
from parcel_doctor.rules.checks import unique_rules
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import Rule
from parcel_doctor.rules.parser import parse_rule_files
from parcel_doctor.text import close_names, fold
from parcel_doctor.toml_source import Problem

# A facts entry: a typed, immutable record (knowledge/records.py), read as a mapping.
Record = Mapping[str, Any]


class KnowledgeError(Exception):
    """The knowledge base has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the knowledge base has {len(problems)} problem(s):\n{lines}")
        self.problems = problems


class UnknownName(LookupError):
    """A country or carrier the knowledge base does not know; carries the closest names."""

    def __init__(
        self,
        what: str,
        given: str,
        suggestions: list[str],
        shared: bool = False,
        hint: str = "",
    ) -> None:
        if shared:  # a name several go by ("DHL"): which one cannot be told from it alone
            listed = ", ".join(suggestions)
            message = f"{given!r} names several {what}s: {listed}; give one of them."
        else:
            hint = hint or (f"Did you mean: {', '.join(suggestions)}?" if suggestions else "")
            message = f"unknown {what} {given!r}." + (f" {hint}" if hint else "")
        super().__init__(message)
        self.given = given
        self.suggestions = suggestions


@dataclass
class KnowledgeBase:
    """The checked facts and rules: tables keyed by id, plus the compiled-ready rules."""

    facts_dir: Path
    rules_dir: Path
    tables: dict[str, dict[str, Record]] = field(default_factory=dict)
    # The tables without ids (`disruptions`, `duty_changes`), by table name, as lists.
    lists: dict[str, list[Record]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    graph: RuleGraph = field(default_factory=lambda: RuleGraph.build(()))
    # Ids written in the facts files, by table, including entries left out for a
    # problem: a rule or entry naming one is not reported as naming an unknown id.
    declared: dict[str, set[str]] = field(default_factory=dict)
    _country_names: CountryNames | None = None
    _carrier_names: dict[str, str] | None = None
    _shared_names: dict[str, Record] | None = None
    _products: dict[str, Record] | None = None
    _posts: dict[str, list[str]] | None = None
    _drawn_choices: dict[str, tuple[object, int, list[Record]]] = field(default_factory=dict)
    _carrier_suggestions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def countries(self) -> dict[str, Record]:
        return self.tables["countries"]

    @property
    def carriers(self) -> dict[str, Record]:
        return self.tables["carriers"]

    @property
    def number_formats(self) -> dict[str, Record]:
        """Tracking-number formats (`facts/number_formats.toml`; empty if absent, the same
        table every time: the compiled formats are cached by its identity)."""
        return self.tables.setdefault("number_formats", {})

    @property
    def indicator_ranges(self) -> dict[str, Record]:
        """S10 service-indicator ranges, keyed by their first indicator (empty if absent,
        the same table every time, as `number_formats`)."""
        return self.tables.setdefault("indicator_ranges", {})

    @property
    def services(self) -> dict[str, Record]:
        return self.tables["services"]

    @property
    def s10_indicators(self) -> dict[str, Record]:
        return self.tables["s10_indicators"]

    @property
    def stages(self) -> dict[str, Record]:
        return self.tables["stages"]

    @property
    def situations(self) -> dict[str, Record]:
        return self.tables["situations"]

    @property
    def advice(self) -> dict[str, Record]:
        return self.tables["advice"]

    @property
    def questions(self) -> dict[str, Record]:
        return self.tables["questions"]

    @property
    def columns(self) -> dict[str, Record]:
        """Spreadsheet headings per answer key (`facts/columns.toml`; empty if absent)."""
        return self.tables.get("columns", {})

    def records(self, table: str) -> list[Record]:
        """Every record of a table, keyed or not (disruptions have no ids)."""
        spec = TABLES.get(table)  # an unknown or unread table has none (facts check says so)
        if spec is None:
            return []
        if spec.key is None:
            return self.lists.get(table, [])
        return list(self.tables.get(table, {}).values())

    def about_country(self, code: str) -> dict[str, list[Record]]:
        """Every record of another table that names the country (as its country, origin,
        destination or one of its countries), by table: its holding periods, customs
        payment, collection practice, windows, disruptions, carriers ..."""
        found: dict[str, list[Record]] = {}
        for table in TABLES:
            if table == "countries":
                continue
            for record in self.records(table):
                named = (record.get(f) for f in ("country", "destination", "origin", "countries"))
                if any(v == code or (isinstance(v, (list, tuple)) and code in v) for v in named):
                    found.setdefault(table, []).append(record)
        return found

    @property
    def country_names(self) -> CountryNames:
        """The country-name look-up (`knowledge/names.py`), its indexes built on first use."""
        if self._country_names is None:
            self._country_names = CountryNames(self.countries, self.tables.get("country_names", {}))
        return self._country_names

    def find_country(self, given: str) -> str:
        """The ISO code for a code or a name as written; `UnknownName` with suggestions."""
        if given.strip().upper() in self.countries:
            return given.strip().upper()
        code = self.country_names.find(given)
        if code is not None:
            return code
        names = [f"{self.countries[c]['name']} ({c})" for c in self.country_names.suggest(given)]
        raise UnknownName("country", given, names)

    def shared_carrier_name(self, given: str) -> Record | None:
        """The `[[carrier_name]]` entry when `given` is a name several carriers go by
        ("DHL"), in any case; None otherwise. Which carrier it means depends on the
        parcel (`diagnosis.answers.meant_carrier`)."""
        index = self._shared_names
        if index is None:
            index = {fold(n): e for n, e in self.tables.get("carrier_names", {}).items()}
            self._shared_names = index
        return index.get(fold(given))

    def product_named(self, given: str) -> Record | None:
        """The `[[product]]` (carriers.toml) a shop's service name names whole, in any
        case and spacing ("royal mail 2nd class"); None otherwise."""
        index = self._products
        if index is None:
            index = {fold(n): p for p in self.lists.get("products", []) for n in p["names"]}
            self._products = index
        return index.get(fold(given))

    def posted_in(self, shared: Record, origin: str) -> str | None:
        """The carrier a shared name (`shared_carrier_name`) means for a parcel posted in
        `origin`: the entry's `by_origin`, else the one post among its carriers whose
        `home` that country is (a post takes parcels in its own country only: "Correos"
        posted in Mexico is Correos de México); None when neither says."""
        written = shared.get("by_origin", {})
        if origin in written:
            return str(written[origin])
        homes = [c for c in shared["carriers"] if self.carriers[c].get("home") == origin]
        return homes[0] if len(homes) == 1 else None

    @property
    def _carrier_index(self) -> dict[str, str]:
        """Carrier ids by their folded ids, names and aliases, built once (rebuilding it
        per call was most of a batch row's cost)."""
        if self._carrier_names is None:
            index = {fold(cid): cid for cid in self.carriers}
            index.update({fold(c["name"]): cid for cid, c in self.carriers.items()})
            for cid, carrier in self.carriers.items():
                for alias in carrier.get("aliases", []):
                    index.setdefault(fold(alias), cid)
            self._carrier_names = index
        return self._carrier_names

    def carrier_opening(self, title: str) -> str | None:
        """The carrier a shop's own service title opens with ("J&T (Long Distance)",
        "Canada Post Expedited Parcel"): the longest run of its first words that is one
        carrier's id, name or alias, in any case and spacing. None when no run is, or the
        longest that names anything is a name several carriers go by ("DHL Express ..." is
        DHL Express's; "DHL Standard" is not read: which DHL depends on the parcel)."""
        words = fold(title).split()
        for n in range(len(words), 0, -1):
            head = " ".join(words[:n])
            if self.shared_carrier_name(head) is not None:
                return None
            if head in self._carrier_index:
                return self._carrier_index[head]
        return None

    def find_carrier(self, given: str) -> str:
        """The carrier id for an id or name in any case; `UnknownName` with suggestions
        (for a name several carriers go by, those carriers). An id always names its
        carrier here (`carriers show correos`); an answer reads a shared name first
        (`diagnosis.answers`), so "Correos" from Mexico is Correos de México."""
        folded = fold(given)
        found = self._carrier_index.get(folded)
        if found is not None and fold(found) == folded:  # an id names its carrier
            return found
        shared = self.shared_carrier_name(given)
        if shared is not None:
            raise UnknownName("carrier", given, list(shared["carriers"]), shared=True)
        if found is not None:
            return found
        service = self._service_named(folded)
        if service is not None:  # "EMS": what was bought, not who carries it (review12 K-R6)
            raise UnknownName(
                "carrier",
                given,
                [],
                hint=f"{given!r} is the service {service['name']!r} ({service['id']}), not a "
                "carrier: give it as the service and, as the carrier, the post or company "
                "the parcel was handed to.",
            )
        posts = self._national_posts().get(folded)
        if posts:  # a post countries.toml names but no carrier record (review14 K-R21)
            where = " or ".join(f"{self.countries[c]['common_name']} ({c})" for c in posts)
            raise UnknownName(
                "carrier",
                given,
                [],
                hint=f"{given!r} is the national post of {where}, not a carrier on record: "
                "leave the carrier out and give that country as the origin; the post's pages "
                "on record for it are used.",
            )
        close = self._carrier_suggestions.get(folded)
        if close is None:  # difflib over every name: once per text an export repeats
            if len(self._carrier_suggestions) >= SUGGESTIONS_KEPT:
                self._carrier_suggestions.clear()
            index = self._carrier_index
            close = sorted({index[c] for c in close_names(folded, index)})
            self._carrier_suggestions[folded] = close
        raise UnknownName("carrier", given, list(close))

    def national_post(self, given: str) -> str | None:
        """The country whose national post `given` names (countries.toml's
        `postal_operator`) when it is one country's and no carrier record's, else None."""
        posts = self._national_posts().get(fold(given))
        return posts[0] if posts and len(posts) == 1 else None

    def _national_posts(self) -> dict[str, list[str]]:
        """Folded `postal_operator` name -> the countries whose post it is (countries.toml),
        built once."""
        if self._posts is None:
            self._posts = {}
            for code, country in self.countries.items():
                if (name := country["postal_operator"]) != "unknown":
                    self._posts.setdefault(fold(name), []).append(code)
        return self._posts

    def _service_named(self, folded: str) -> Record | None:
        """The service class whose id or name (without its bracket) is `folded`."""
        for service in self.tables["services"].values():
            names = (service["id"], service["name"].split(" (")[0])
            if folded in (fold(name) for name in names):
                return service
        return None

    def choices(self, question: Record) -> list[Record]:
        """The choices of a choice question, inline or drawn from a facts table."""
        source = question.get("choices_from")
        if source not in ("stages", "services"):
            return list(question.get("choice", []))
        table = self.tables[source]
        built = self._drawn_choices.get(source)
        if built is not None and built[0] is table and built[1] == len(table):
            return list(built[2])  # built once per table: every answer check reads them
        drawn: list[Record]
        if source == "stages":
            drawn = [
                {"value": sid, "label": s["title"], "wording": s["wording"]}
                for sid, s in table.items()
            ]
        else:
            drawn = [{"value": sid, "label": s["name"]} for sid, s in table.items()]
            drawn.append({"value": "unknown", "label": "I don't know"})
        self._drawn_choices[source] = (table, len(table), drawn)
        return list(drawn)

    def answer_values(self) -> dict[tuple[str, str], frozenset[str]]:
        """For each choice question, the only values its answer (a `shipment` field) can
        hold: answers are checked against the choices before any rule sees them."""
        return {
            ("shipment", qid): frozenset(
                c["value"] for c in self.choices(q) if isinstance(c.get("value"), str)
            )
            for qid, q in self.questions.items()
            if q.get("kind") == "choice"
        }


def default_dirs(facts: Path | None, rules: Path | None) -> tuple[Path, Path]:
    return facts or shipped_dir("facts"), rules or shipped_dir("rules")


_CACHE: dict[tuple[Path, Path], KnowledgeBase] = {}


def load(facts_dir: Path | None = None, rules_dir: Path | None = None) -> KnowledgeBase:
    """The checked knowledge base, loaded once per process; `KnowledgeError` if broken."""
    facts_dir, rules_dir = default_dirs(facts_dir, rules_dir)
    cache_key = (facts_dir.resolve(), rules_dir.resolve())
    if cache_key not in _CACHE:
        kb, problems = check(facts_dir, rules_dir)
        if problems:
            raise KnowledgeError(problems)
        _CACHE[cache_key] = kb
    return _CACHE[cache_key]


def check(facts_dir: Path, rules_dir: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Load everything and return the knowledge base with *every* problem found."""
    problems: list[Problem] = []
    kb = KnowledgeBase(facts_dir, rules_dir)
    for label, folder in (("facts", facts_dir), ("rules", rules_dir)):
        if not folder.is_dir():
            problems.append(Problem(str(folder), None, "", f"the {label} folder does not exist"))
    if problems:
        return kb, problems
    written = read_tables(kb, facts_dir, problems)
    files = parse_rule_files(rules_dir, problems)
    kb.rules = unique_rules(files.rules, problems)
    if kb.tables.get("questions") is None or kb.tables.get("situations") is None:
        return kb, problems
    kinds = fact_kinds(kb, kb.rules)
    check_rules(kb, kb.rules, kinds, files.intended, written, problems)
    check_templates(kinds, written, problems)
    check_join_costs(kb, kb.rules, problems)
    kb.graph = RuleGraph.build(kb.rules)
    if kb.graph.cycle:
        first = kb.graph.rule(kb.graph.cycle[0])
        problems.append(
            Problem(
                first.file,
                first.line_of("unless"),
                f"rule {first.id}: unless",
                "rules negate each other's conclusions in a cycle, so no order "
                f"makes them sound: {', '.join(kb.graph.cycle)}",
            )
        )
    return kb, problems
