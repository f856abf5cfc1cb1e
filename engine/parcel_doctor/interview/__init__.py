"""The guided interview: ask a seller only what the rules still need.

Modules with one job each: `state` (the answers and what a reply does), `why` (what an
answer changes, in the seller's words), `prompts` (how a question is shown: terminal
menus or one line per reply), `conversation` (the question loop), `saving` (answers
files that `--answers FILE --save FILE` continues).
"""
