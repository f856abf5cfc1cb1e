"""durable_rules' C core, driven directly: the one module that calls it.

durable_rules 2.0.28 (the pinned version) is a C extension, `durable_rules_engine`,
under a Python layer (`durable.engine`: a `Host` with two timer threads, `Closure`,
`Promise`, and an `update_state` round trip after every action). parcel-doctor needs
none of that layer: it asserts facts, runs the actions the rules activate one at a
time, and deletes the session. This module wraps the five C calls it uses:

- `create_ruleset(name, json)` -> handle: compiles the rules (Rete network). Fails with
  `Could not create ruleset, error code: 108` when more than 256 beta nodes hang off one
  alpha node (`BETA_LIST_LENGTH`); the compiler splits shared patterns to stay below
  it (`inference.network`, which models every limit of the network).
- `assert_facts(handle, json_list)` -> (code, state offset): each fact runs through the
  network in order. The code is 0 when every fact was taken, 1 (`NOT_HANDLED`) when
  some fact passed no rule's constant tests and was refused, 2 (`OBSERVED`) when some
  fact was identical to one already in the session; the other facts are taken either
  way. The first fact of a session id creates the session.
- `start_action_for_state(handle, offset)` -> (state json, messages json) or None: the
  next activation of that session, as `{"rule name": {"label": fact, ...}}`.
- `complete_and_start_action(handle, offset)` -> messages json or None: retires the
  running activation and starts the next one; facts asserted in between (the firing's
  conclusions) are matched before it, as they would be inside a durable_rules action.
- `delete_state(handle, sid)`: frees the session. 2.0.28 frees two pointers of the
  session's action context that it sets only when an action starts: on a session
  where no action ever started they are uninitialised, and freeing them can abort the
  process (`free(): invalid size`). `Session.close` guards against that: a session in
  which no action started first runs `GUARD_RULE`, which every ruleset made here has.

Two more limits of 2.0.28 to know before adding tests to every pattern: reference tests
(`$label.field`) are never shared between rules (their string-pool offsets differ),
and `handleAlpha` keeps the patterns a fact still has to visit on a 64-entry stack,
failing with error 303 when too many hang off one pattern (`inference.network` bounds
it; `facts check` reports it).

Facts carry no `sid`: every fact goes to session "0", the default, and an `Engine`
runs one shipment at a time (it holds a lock).

A fact's identity. 2.0.28 stores a session's facts by a 32-bit FNV-1a hash of their
`id` (`storeMessage`), and takes a fact whose hash is already there for the same fact:
it refuses it (`OBSERVED`), whatever its fields. A fact sent without an `id` gets one
made from its fields (a 64-bit FNV-1a hash, written in decimal and cut to 19 digits),
so two different facts are one whenever those 32-bit hashes meet: for n facts in a
session, with a chance of about n * n / 2**33. A diagnosis sends about 24 facts: one
session in 15 million with a session per shipment, one in 14,000 with 32 shipments in a
session; in one such, a Canada Post `origin` fact made a DHL Express `carrier` fact of
a later shipment "already observed", and that shipment lost its courier service
(tests/inference/test_durable_core.py has a pair of such facts).
So a `Session` gives every different fact it is sent an `id` of its own, 0, 1, 2, ...
in the order it first sees it (the guard fact of `close`: `FACT_IDS`): the 32-bit hashes
of those ids are all different, and differ from the session's own state fact's, "sid-0"
(the test checks every one), so no two different facts of a session can be taken for
one, and an identical fact (the same text) gets the same id and is refused as before.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import Any

import durable_rules_engine as core
import msgspec

NOT_HANDLED = 1
OBSERVED = 2
FACT_IDS = 1 << 16  # different facts a session can take (see the module docstring)
GUARD_RULE = "session_guard__"
_GUARD_FACT = f'[{{"id":{FACT_IDS},"kind":"{GUARD_RULE}"}}]'  # the id after the others
_GUARD_PATTERN = {"m": {"kind": GUARD_RULE}}
Error = core.error  # what the C core raises for anything but a refused or known fact
# Facts and activations cross to and from the C core as JSON text, about 16 times a
# diagnosis each way: with msgspec instead of the stdlib's json (and its compact text,
# quicker for the C core to parse), `Engine.infer` took 617 instead of 1,047 us.
_encoder = msgspec.json.Encoder()
_decode = msgspec.json.Decoder().decode
_decode_unread = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]]).decode


def encode_facts(facts: list[dict[str, Any]]) -> str:
    """Facts as the C core takes them: a JSON list (compact, UTF-8 text as is)."""
    return _encoder.encode(facts).decode()


def with_guard(definition: Mapping[str, Any]) -> dict[str, Any]:
    """The definition as the C core gets it: with `GUARD_RULE` (see `Session.close`)."""
    return {**definition, GUARD_RULE: {"all": [_GUARD_PATTERN]}}


def _as_sent(text: msgspec.Raw) -> dict[str, Any]:
    """A matched fact as it was sent: without the `id` its session gave it."""
    fact: dict[str, Any] = _decode(text)
    del fact["id"]
    return fact


class Ruleset:
    """One compiled ruleset in the C core. `definition` is durable_rules' JSON form
    (rule name -> {"all": [...]}), without actions: the caller runs them."""

    def __init__(self, name: str, definition: Mapping[str, Any]) -> None:
        full = json.dumps(with_guard(definition), ensure_ascii=False)
        self.handle: int = core.create_ruleset(name, full)

    def session(self) -> Session:
        return Session(self.handle)


class Session:
    """The working memory of one session (sid "0") and the activations it has to run.

    Use `assert_facts` to add facts and `activations` to run what they activate;
    `close` deletes the session (always call it, e.g. in `finally`)."""

    __slots__ = ("_handle", "_ids", "_offset", "_started")

    def __init__(self, handle: int) -> None:
        self._handle = handle
        self._offset: int | None = None
        self._started = False
        self._ids: dict[bytes, bytes] = {}  # a fact's text -> its text with its id

    def assert_facts(self, facts: list[dict[str, Any]]) -> int:
        """Assert facts in order; 0, or `NOT_HANDLED` / `OBSERVED` if some were not taken
        (`OBSERVED`: a fact identical to one sent before; see the module docstring)."""
        code, offset = core.assert_facts(self._handle, self._identified(facts))
        self._offset = offset
        return int(code)

    def _identified(self, facts: list[dict[str, Any]]) -> str:
        """The facts as a JSON list, each with the `id` of its text in this session."""
        ids, sent = self._ids, []
        for fact in facts:
            text = _encoder.encode(fact)
            found = ids.get(text)
            if found is None:
                if "id" in fact or text == b"{}":
                    raise ValueError(f"a fact needs fields and no `id` of its own: {fact}")
                if len(ids) == FACT_IDS:
                    raise Error(f"more than {FACT_IDS:,} different facts in one session")
                found = ids[text] = b'{"id":%d,%b' % (len(ids), text[1:])
            sent.append(found)
        return (b"[%b]" % b",".join(sent)).decode()

    def activations(
        self, labels: Mapping[str, Collection[str]] | None = None
    ) -> Iterator[tuple[str, dict[str, dict[str, Any]]]]:
        """Each activation in durable_rules' order: the rule's name and the facts it
        matched by label. Assert a firing's conclusions before taking the next one: the
        next activation is chosen only then.

        `labels`: for each rule, the labels whose facts the caller reads; the other
        matched facts (a phase fact, two thirds of an activation's text) are skipped
        unread. None: every matched fact. Each fact is as it was sent (no `id`)."""
        if self._offset is None:
            return
        started = core.start_action_for_state(self._handle, self._offset)
        if started is None:
            return
        self._started = True
        messages: str | None = started[1]
        while messages is not None:
            for name, unread in _decode_unread(messages).items():
                read = unread if labels is None else labels[name]
                yield name, {label: _as_sent(unread[label]) for label in read}
                break
            messages = core.complete_and_start_action(self._handle, self._offset)

    def close(self) -> None:
        """Delete the session (see the module docstring for the guard)."""
        if self._offset is None:
            return
        if not self._started:
            core.assert_facts(self._handle, _GUARD_FACT)
            for _ in self.activations():
                pass
        core.delete_state(self._handle, None)
        self._offset = None
