"""The words of the rule language (`rules/README.md`): the keys of a rule, the tests a
condition can make, the conclusions it can draw, and the fact kinds and names the engine
itself provides or reserves. The parser, the checks, the graph and the compiler all
read them from here.
"""

from __future__ import annotations

import re

OPERATORS = {
    "is": "equals",
    "not": "differs from",
    "in": "is one of",
    "not_in": "is none of",
    "more_than": "is more than",
    "at_least": "is at least",
    "less_than": "is less than",
    "at_most": "is at most",
    "known": "is known",
    "before": "is before",
    "on_or_before": "is on or before",
    "after": "is after",
    "on_or_after": "is on or after",
}
# Date tests compare two dates through the day counts every date field has
# (`days_since_FIELD`): an earlier date has more days since it.
DATE_TESTS = {
    "before": "more_than",
    "on_or_before": "at_least",
    "after": "less_than",
    "on_or_after": "at_most",
}
TODAY = "today"  # the value a date test compares with today's date
RULE_KEYS = ("id", "title", "explanation", "source", "when", "unless", "unless_situation", "then")
THEN_KEYS = ("situation", "advice", "ask", "due", "fact")
CONCLUSION_KINDS = ("situation", "advice", "question")
BASE_KINDS = ("shipment", "tracking_number", "limits")
# The kind of the facts that open each layer (see inference.compiler).
PHASE_KIND = "phase"

# Names trainers write that durable_rules reserves, and the names the engine uses for
# them: a record's `id` is its `key`, its `kind` its `type`.
ENGINE_NAMES = {"id": "key", "kind": "type"}
# Names no rule may test or write: durable_rules' session id, and the engine's own
# (generated labels and rule names contain `__`).
RESERVED_FIELDS = ("sid",)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
