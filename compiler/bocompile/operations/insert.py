"""`::: insert NEWKEY after|before|in KEY`: a new division, numbered 7/1
between its neighbours (never a shift of the others)."""

from __future__ import annotations

from dataclasses import dataclass

from bocompile.amend import tree
from bocompile.amend.marks import bracket_division
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.hierarchy import CONTAINS, a
from bocompile.model.nodes import Division, Localized, localized, nodes
from bocompile.operations.registry import KEY, OperationKind, register


@dataclass(frozen=True)
class Insert:
    """A new division after/before `anchor`, or at the end ("in") of it."""

    key: str
    position: str  # "after" | "before" | "in"
    anchor: str
    content: tuple[Division, ...] = nodes()
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> Insert:
    return Insert(groups["key"], groups["position"], groups["anchor"], reader.new_text(node, groups["key"]), loc)


def _apply(agreement, op: Insert, change):
    if tree.find(agreement, op.key) is not None:
        raise AmendmentError(f"key '{op.key}' is already used; a new provision needs a new key")
    # beside a repealed provision is fine: it keeps its place and number, the new one takes the next
    anchor = tree.live(agreement, op.anchor) if op.position == "in" else tree.find(agreement, op.anchor)
    if anchor is None:
        raise AmendmentError(f"'{op.anchor}' does not exist at this point; use the key of a part, section or article")
    kind = op.content[0].kind
    if op.position == "in" and kind not in CONTAINS[anchor.kind]:
        raise AmendmentError(
            f"{a(kind)} cannot stand in {anchor.kind} '{op.anchor}'; insert it after or before a provision of its kind"
        )
    new = tree.noted(bracket_division(op.content[0], change), "inserted", change)
    return tree.insert(agreement, new, op.position, op.anchor)


def _word(f, op: Insert, family: str):
    kind = op.content[0].kind
    formula = f.say(
        family,
        "insert",
        lambda lang: {
            "kind": f.t(lang, f"cite.{kind}.word"),
            "e": f.t(lang, f"cite.{kind}.e"),
            "within": f.within(lang, op.key),
            "n": f.number(lang, kind, op.key),
        },
    )
    return (f.amending(op, formula, f.quoted(tree.find(f.step.after, op.key))),)


def _word_run(f, ops: tuple[Insert, ...], family: str):
    """ "In de bestuursovereenkomst worden de artikelen 30 tot 32 ingevoegd, luidende:"."""
    kind = ops[0].content[0].kind
    heading = f.say(
        family,
        "insert_run",
        lambda lang: {
            "kinds": f.t(lang, f"cite.{kind}.words"),
            "e": f.t(lang, f"cite.{kind}.e"),
            "count": len(ops),
            "within": f.within(lang, ops[0].key),
            "first": f.number(lang, kind, ops[0].key),
            "last": f.number(lang, kind, ops[-1].key),
        },
    )
    return (f.amending(ops[0], heading, f.quoted_many([tree.find(f.step.after, op.key) for op in ops])),)


def _textual(f, op: Insert):
    """Beside its anchor, or at the end of it ("in")."""
    return "insertion", (Destination(f.path(op.anchor), pos="end" if op.position == "in" else op.position),)


KIND = register(
    OperationKind(
        name="insert",
        type=Insert,
        noun="insert operation",
        syntax=rf"(?P<key>{KEY}) (?P<position>after|before|in) (?P<anchor>{KEY})",
        usage="insert NEWKEY after|before|in KEY",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: op.key,
        action=lambda op: "inserted",
        word=_word,
        word_run=_word_run,
        formulas=("insert", "insert_run"),
        textual=_textual,
    )
)
