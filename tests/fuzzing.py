"""Fuzzing as a habit: what the readers and whole projects are fed.

Inputs are built from the pieces of the source format (so that the parser
goes deep) mixed with arbitrary text and bytes. `make fuzz` runs the fuzz
tests for FUZZ_SECONDS (default 300); the regular suite for a few seconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from hypothesis import strategies as st

#: seconds the whole fuzz run may take (make fuzz sets it; the suite runs short)
SECONDS = float(os.environ.get("FUZZ_SECONDS", "6"))

MARKDOWN = [
    "# Deel {#deel}",
    "# Tweede deel {#deel-2}",
    "## Afdeling {#afdeling}",
    "### Artikel {#artikel}",
    "### Ander artikel {#ander}",
    "### Zonder sleutel",
    "#### Sub",
    "##### Subsub",
    "###### Te diep",
    "Gewone tekst.",
    "*nadruk*",
    "**sterk**",
    "_x_",
    "[koppeling](https://www.belgium.be)",
    "[[artikel]]",
    "[[ander]]",
    "[[",
    "]]",
    "[[Niet Goed]]",
    "[^n]",
    "[^n]: Een noot.",
    "[^m]: Andere.",
    "1) punt;",
    "   1) subpunt;",
    "      1) te diep",
    "1. genummerd",
    "3. drie",
    "- opsomming",
    "  - genest",
    "* ster",
    "> citaat",
    "    code",
    "```",
    "~~~",
    "::: table",
    "::: data budget-fod",
    "- - cel",
    "  - cel",
    "- stub: Begroting",
    "- beleidsorganen: Beleid",
    ":::",
    "::::",
    "![Figuur]()",
    "![Figuur](images/x.png)",
    "![Figuur](../../etc/passwd)",
    "<b>html</b>",
    "`code`",
    "\\",
    "---",
    "| a | b |",
    "{#sleutel}",
    "a) zelf",
    "1° zelf",
    "&amp;",
    "&#0;",
    "\u00a0",
    "é",
    "\u200b",
]
OPERATIONS = [
    "::: replace artikel",
    "::: replace artikel paragraph 1",
    "::: replace artikel paragraph 0",
    "::: insert nieuw after artikel",
    "::: insert nieuw before ander",
    "::: insert nieuw in deel",
    "::: repeal artikel",
    "::: replace-words artikel",
    "::: replace-words artikel count=2",
    "old: tekst",
    "new: woorden",
    "old:",
    "::: append artikel",
    "::: set-cell budget-fod beleidsorganen 2019 = 5",
    "::: set-cell budget-fod total 2019 = x",
    "::: reinstate artikel",
    "::: onbekend artikel",
    "::: repeal",
    "### Nieuw {#nieuw}",
    "### Artikel {#artikel}",
]
SEPARATORS = ["\n", "\n\n", "\n\n", " ", "", "\r\n", "\r", "\t", "\n   "]


def pieces(vocabulary: list[str]) -> st.SearchStrategy[str]:
    """Text made of format pieces, arbitrary bits and line breaks."""
    piece = st.one_of(st.sampled_from(vocabulary), st.sampled_from(vocabulary), st.text(max_size=6))
    return st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=40).map(
        lambda parts: "".join(p + s for p, s in parts)
    )


markdown = pieces(MARKDOWN)
amendment = pieces(OPERATIONS + MARKDOWN)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a few edits: lines dropped, doubled or swapped, characters
    or format pieces inserted, the end cut off."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap", "insert", "piece", "cut"]))
        if edit == "drop":
            del lines[at : at + draw(st.integers(1, 3))]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.text(min_size=1, max_size=4)) + lines[at][column:]
        elif edit == "piece":
            lines.insert(at, draw(st.sampled_from(MARKDOWN + OPERATIONS + ["[x]", "key = 1", "[[y]]", "a,b"])))
        else:
            lines = lines[:at]
    return "\n".join(lines)


def for_a_while(test: Callable[[], None], share: float) -> int:
    """Run the hypothesis `test` again and again for `share` of SECONDS
    (at least once); returns how many rounds ran."""
    end = time.monotonic() + SECONDS * share
    rounds = 0
    while rounds == 0 or time.monotonic() < end:
        test()
        rounds += 1
    return rounds
