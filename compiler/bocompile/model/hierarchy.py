"""What may contain what: the one statement of the agreement's structure.

Parts hold sections and articles, sections hold articles, articles hold
numbered paragraphs (§). Among siblings, a deeper kind never follows a
shallower one (the articles of a part come before its sections): that is
what the headings of a source file can say, since a heading closes every
deeper division above it. An article has either no paragraphs or only
paragraphs: no loose text beside them. The reader, the language merge and
the amendment engine all ask this module.
"""

from __future__ import annotations

from collections.abc import Iterable

from bocompile.model.nodes import Agreement, Division
from bocompile.model.walk import walk_divisions

#: division kind -> the kinds that may stand directly inside it (None: the agreement)
CONTAINS: dict[str | None, tuple[str, ...]] = {
    None: ("part",),
    "part": ("section", "article"),
    "section": ("article",),
    "article": ("paragraph",),
    "paragraph": (),
}
#: depth of each kind: a heading of depth d closes every division of depth >= d
DEPTH = {"part": 1, "section": 2, "article": 3, "paragraph": 4}
#: kinds numbered through the whole agreement (the others restart in their parent)
THROUGHOUT = ("article",)
#: kinds that divide an article: numbered inside it, headed by their number at
#: the start of their first lid ("§ 1."), their Justel notes at the article's end
SUBDIVISIONS = ("paragraph",)
#: kinds that hold either text or children, never both
EITHER = ("article",)


def a(kind: str) -> str:
    """ "an article", "a part": a kind in running text."""
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def parents(kind: str) -> tuple[str | None, ...]:
    """The kinds that may hold `kind` (None: the agreement itself)."""
    return tuple(parent for parent, kinds in CONTAINS.items() if kind in kinds)


def siblings_problem(parent: Division | None, children: Iterable[Division]) -> str | None:
    """Why `children` cannot stand in `parent` (None: the agreement), or None."""
    where = f"{parent.kind} '{parent.key}'" if parent else "the agreement"
    allowed = CONTAINS[parent.kind if parent else None]
    previous: Division | None = None
    for child in children:
        if child.kind not in allowed:
            return (
                f"{a(child.kind)} ('{child.key}') cannot stand in {where}; "
                f"it holds {' and '.join(k + 's' for k in allowed) or 'no divisions'}"
            )
        if parent is not None and parent.kind in EITHER and parent.blocks:
            return (
                f"{where} has text of its own and {a(child.kind)} ('{child.key}'); an article has "
                f"either no {child.kind}s or only {child.kind}s: put its text in its {child.kind}s"
            )
        if previous is not None and DEPTH[child.kind] > DEPTH[previous.kind]:
            return (
                f"{child.kind} '{child.key}' cannot follow {previous.kind} '{previous.key}' in "
                f"{where}: its {child.kind}s come before its {previous.kind}s; place the "
                f"{previous.kind} after the last {child.kind}"
            )
        previous = child
    return None


def misplaced(agreement: Agreement) -> str | None:
    """The first structural fault of `agreement`, or None when well formed."""
    return first_problem([(None, agreement.parts)] + [(d, d.children) for d in walk_divisions(agreement.parts)])


def first_problem(groups: Iterable[tuple[Division | None, tuple[Division, ...]]]) -> str | None:
    """The first fault among (parent, children) groups, in their order."""
    return next(filter(None, (siblings_problem(parent, children) for parent, children in groups)), None)
