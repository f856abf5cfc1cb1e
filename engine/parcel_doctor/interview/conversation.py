"""The conversation: ask what the rules still need, one question at a time.

The rules decide what to ask (`then.ask`, surfaced as `Diagnosis.missing`, most
important first); `run_interview` only loops: diagnose, put the first missing question
not yet answered or skipped, act on the reply, until nothing is missing or the seller
quits. When questions were skipped, it offers them again before the report, since their
answers would sharpen it.
"""

from __future__ import annotations

from parcel_doctor.diagnosis.diagnose import Diagnosis
from parcel_doctor.interview import paste
from parcel_doctor.interview.prompts import Option, Prompt, Prompter
from parcel_doctor.interview.state import Interview

INTRO = (
    "Answer each question. At any prompt: `?` says what your answer changes, `skip` if "
    "you don't know, `back` undoes the previous answer, `quit` stops and shows what is known."
)
_AGAIN = Prompt(
    "answer-skipped",
    "Answer the skipped questions now?",
    "yes-no",
    options=(Option("yes", "Yes, ask them again"), Option("no", "No, show the report")),
    commands=False,
)


def run_interview(interview: Interview, prompter: Prompter) -> Diagnosis:
    """Ask until the rules need nothing more (or the seller quits); the final diagnosis.

    Ctrl-C and end of input propagate (KeyboardInterrupt, EOFError), except at the
    offer to answer skipped questions, where end of input means no: the caller decides
    what to save and how to exit.
    """
    introduced = False
    while True:
        result = interview.diagnosis()
        qid = interview.next_question(result)
        if qid is None:
            if not _answer_skipped(interview, result, prompter):
                return result
            continue
        if not introduced:
            prompter.tell(INTRO)
            introduced = True
        prompt = interview.prompt(qid)
        if qid == "last_event":  # or paste the tracking page (interview/paste.py)
            prompt = paste.with_offer(prompt)
        while True:
            reply = prompter.ask(prompt)
            if paste.wants_paste(prompt, reply):
                if paste.take_history(interview, prompter):
                    break
                continue
            outcome = interview.reply(prompt, reply)
            if outcome.message:
                prompter.tell(outcome.message, outcome.kind)
            if outcome.quit:
                return result
            if outcome.moved:
                break
            if prompt.options and outcome.kind == "error":
                prompt = prompt.asked_again(outcome.suggested)


def _answer_skipped(interview: Interview, result: Diagnosis, prompter: Prompter) -> bool:
    """Offer the skipped questions the rules still ask; True if the seller takes it."""
    skipped = [q for q in result.missing if q in interview.skipped]
    if not skipped:
        return False
    texts = [interview.kb.questions[q]["text"] for q in skipped]
    prompter.tell("These answers would sharpen the diagnosis:\n" + "\n".join(texts), "note")
    try:
        reply = prompter.ask(_AGAIN).strip().lower()
    except EOFError:
        return False
    if reply not in ("1", "y", "yes"):
        return False
    interview.skipped -= set(skipped)
    return True
