"""The words of the rule language (`rules/README.md`): the keys of a rule, the tests a
condition can make, the conclusions it can draw, and the fact kinds the engine itself
provides. The parser, the checks, the graph and the compiler all read them from here.
"""

from __future__ import annotations

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
}
RULE_KEYS = ("id", "title", "explanation", "source", "when", "unless", "then")
THEN_KEYS = ("situation", "advice", "ask", "due", "fact")
CONCLUSION_KINDS = ("situation", "advice", "question")
BASE_KINDS = ("shipment", "tracking_number", "limits")
