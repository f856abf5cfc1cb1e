"""The templates of the facts checked against the facts they name.

Advice `text` and `urls` are filled with the facts of the diagnosis
(`parcel_doctor.templates`): `{destination.postal_operator|fallback}` needs a fact kind
`destination` with a field `postal_operator`, or the advice silently shows its fallback
for every shipment. Question `text` and `help` may name only what is known before any
rule runs: the answers (`shipment`) and the time limits (`limits`).
"""

from __future__ import annotations

from parcel_doctor.knowledge.rule_checks import FactKinds
from parcel_doctor.knowledge.schema import TABLES
from parcel_doctor.knowledge.tables import Written
from parcel_doctor.rules.vocabulary import CONCLUSION_KINDS
from parcel_doctor.templates import PLACEHOLDER, placeholders
from parcel_doctor.text import did_you_mean
from parcel_doctor.toml_source import Problem

# Names a template may use besides fact kinds: the tracking number and the due date.
PLAIN = ("number", "due")


def check_templates(kinds: FactKinds, written: dict[str, Written], problems: list[Problem]) -> None:
    derived = {k: f for k, f in kinds.items() if k not in CONCLUSION_KINDS}
    derived.pop("tracking_number", None)  # not a fact of the diagnosis context
    asked: FactKinds = {k: kinds[k] for k in ("shipment", "limits") if k in kinds}
    for table, keys, names in (
        ("advice", ("text", "text_due_today", "text_due_latest", "text_domestic", "urls"), derived),
        ("messages", ("subject", "text"), derived),
        ("questions", ("text", "help"), asked),
    ):
        if table not in written:
            continue
        plain = PLAIN if table != "questions" else ()
        for index, entry in written[table].entries:
            # a message's `when` (the only table with one) names facts like its text; one
            # that is no table is the schema check's to report
            when = entry.get("when")
            for path, value in (when if isinstance(when, dict) else {}).items():
                message = when_problem(str(path), value, names)
                if message:
                    problems.append(
                        Problem(
                            str(written[table].source.path),
                            written[table].line(TABLES[table], index, "when"),
                            f"{TABLES[table].array}.when",
                            message,
                        )
                    )
            for key in keys:
                values = entry.get(key)
                texts = values if isinstance(values, list) else [values]
                for text in texts:
                    if not isinstance(text, str):
                        continue
                    message = template_problem(text, names, plain)
                    if message:
                        problems.append(
                            Problem(
                                str(written[table].source.path),
                                written[table].line(TABLES[table], index, key),
                                f"{TABLES[table].array}.{key}",
                                message,
                            )
                        )


def template_problem(text: str, names: FactKinds, plain: tuple[str, ...]) -> str | None:
    """What is wrong with one template, or None."""
    loose = PLACEHOLDER.sub("", text)
    if "{" in loose or "}" in loose:
        return "a `{` or `}` that is not a placeholder; write {fact.field|what to say if unknown}"
    for name, field in placeholders(text):
        if name in plain:
            if field is not None:
                return f"{{{name}.{field}}}: {name} has no fields; write {{{name}}}"
            continue
        if name not in names:
            known = sorted([*names, *plain])
            hint = did_you_mean(name, known)
            return f"{{{name}...}}: no fact {name!r}{hint}; facts: {', '.join(known)}"
        if field is None:
            return f"{{{name}}} names a fact, not a field; write {{{name}.FIELD}}"
        if field not in names[name]:
            fields = sorted(names[name])
            return f"{{{name}.{field}}}: {name} has no field {field!r}{did_you_mean(field, fields)}"
    return None


def when_problem(path: str, value: object, names: FactKinds) -> str | None:
    """What is wrong with one `when` condition ("fact.field" = value), or None: the
    field must be one a rule concludes, and the value one it can have."""
    if "." not in path:
        return f'{path!r} names no field; write "fact.field" = value'
    problem = template_problem(f"{{{path}}}", names, ())
    if problem:
        return problem
    name, field = path.split(".", 1)
    values = names[name][field]
    if values is not None and value not in values:
        shown = sorted(map(str, values))
        hint = did_you_mean(str(value), shown)
        return f"{path} is never {value!r}{hint}; it can be: {', '.join(shown)}"
    return None
