"""`::: replace-words KEY [count=N]`: exact words replaced in every language
("worden de woorden "X" vervangen door de woorden "Y"")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bocompile.amend import tree
from bocompile.amend.marks import bracket_words
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.nodes import Localized, Text, localized
from bocompile.model.walk import rewrite
from bocompile.operations.registry import KEY, OperationKind, register

WORDS = re.compile(r"^(old|new):\s?(.*)$")


@dataclass(frozen=True)
class ReplaceWords:
    target: str
    lid: int | None  # only in this lid (block) of the target, from 1; None: all of it
    old: Localized[str] = localized()
    new: Localized[str] = localized()
    #: per language: how many times the words occur (None: every occurrence,
    #: at least one); languages may differ, a translation need not repeat words alike
    count: Localized[int | None] = localized()
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> ReplaceWords | None:
    lines = (
        node.children[0].children[0].content.splitlines()
        if len(node.children) == 1 and node.children[0].type == "paragraph"
        else []
    )
    pairs = {m.group(1): m.group(2) for m in map(WORDS.match, lines) if m}
    if len(lines) != 2 or set(pairs) != {"old", "new"} or not pairs["old"]:
        reader.error(loc[reader.lang], "replace-words holds two lines: 'old: <words>' and 'new: <words>'")
        return None
    count = int(groups["count"]) if groups["count"] else None
    return ReplaceWords(
        groups["target"],
        int(groups["lid"]) if groups["lid"] else None,
        {reader.lang: pairs["old"]},
        {reader.lang: pairs["new"]},
        {reader.lang: count},
        loc,
    )


def _apply(agreement, op: ReplaceWords, change):
    whole = tree.live(agreement, op.target).blocks
    start, end = (op.lid - 1, op.lid) if op.lid else (0, len(whole))
    if end > len(whole):
        raise AmendmentError(f"'{op.target}' has {len(whole)} lid(s); there is no lid {op.lid}")
    blocks = whole[start:end]
    for lang, old in op.old.items():
        found = 0

        def swap(node, code, lang=lang, old=old):
            nonlocal found
            if code != lang or not isinstance(node, Text):
                return node
            found += node.value.count(old)
            return bracket_words(node.value, old, op.new[lang], change) if old in node.value else node

        blocks = rewrite(blocks, swap)
        if found == 0:
            raise AmendmentError(f"the words \"{old}\" do not occur in '{op.target}' in {lang}", lang)
        if op.count[lang] is not None and found != op.count[lang]:
            raise AmendmentError(
                f"the words \"{old}\" occur {found} times in '{op.target}' in {lang}, not {op.count[lang]}", lang
            )
    return tree.update(
        agreement,
        op.target,
        lambda d: tree.noted(replace(d, blocks=whole[:start] + blocks + whole[end:]), "modified", change),
    )


def _word(f, op: ReplaceWords, family: str):
    """ "worden de woorden "X" vervangen door de woorden "Y"", "het woord" for one
    word, "opgeheven" when nothing replaces them."""
    return (
        f.amending(
            op,
            f.say(
                family,
                "replace_words",
                lambda lang: dict(
                    old=f.quote(lang, op.old[lang], "old"),
                    new=f.quote(lang, op.new[lang], "new") if op.new[lang] else "",
                    single_old=len(op.old[lang].split()) == 1,
                    single_new=len(op.new[lang].split()) == 1,
                    **f.cite(lang, op.target, op.lid),
                ),
            ),
        ),
    )


KIND = register(
    OperationKind(
        name="replace-words",
        type=ReplaceWords,
        noun="replace-words operation",
        syntax=rf"(?P<target>{KEY})(?: lid (?P<lid>\d+))?(?: count=(?P<count>\d+))?",
        usage="replace-words KEY [lid N] [count=N]",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: op.target,
        action=lambda op: "modified",
        word=_word,
        formulas=("replace_words",),
        textual=lambda f, op: ("substitution", (Destination(f.path(op.target), lid=op.lid),)),
    )
)
