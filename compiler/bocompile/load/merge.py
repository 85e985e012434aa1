"""Merge the language trees into one bilingual model, proving parity.

Each language is read on its own. Merging walks all trees together and
unites their `Localized` values; wherever the shapes differ (a missing
article, a paragraph too many, a list item short, a reference to another
key) it reports the difference with `file:line` on both sides.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping
from dataclasses import fields

from bocompile.diagnostics import Loc, Report
from bocompile.model import Division, Footnote, Reference, Text, walk
from bocompile.model.nodes import NOUNS
from bocompile.operations import kinds


class Merger:
    def __init__(self, languages: tuple[str, ...], report: Report):
        self.languages, self.report = languages, report
        self.ref = languages[0]
        self.within: list[str] = []  # enclosing divisions, for messages

    def divisions(self, trees: Mapping[str, tuple[Division, ...]], where: Mapping[str, Loc]) -> tuple[Division, ...]:
        """Align divisions by key in every language against the reference."""
        ref = trees[self.ref]
        matched = {d.key: {self.ref: d} for d in ref}
        for lang in self.languages[1:]:
            other = trees[lang]
            self._align_keys(ref, other, lang, where)
            by_key = {d.key: d for d in other}
            for key, group in matched.items():
                if key in by_key:
                    group[lang] = by_key[key]
        merged = []
        for division in ref:
            group = matched[division.key]
            if len(group) == len(self.languages):
                merged.append(self.node(group, self._here(group)))
        return tuple(merged)

    def _align_keys(self, ref, other, lang, where) -> None:
        a, b = [d.key for d in ref], [d.key for d in other]
        if a == b:
            return
        in_b = set(b)
        in_a = set(a)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            near = other[j1 - 1].loc[lang] if j1 else where[lang]
            for d in ref[i1:i2]:
                if d.key in in_b:
                    o = next(x for x in other if x.key == d.key)
                    self.report.error(
                        o.loc[lang],
                        f"{d.kind} '{d.key}' is in another place in {lang} "
                        f"than in {self.ref} ({d.loc[self.ref]}); same order in every language",
                    )
                else:
                    self.report.error(
                        near, f"{d.kind} '{d.key}' ({d.loc[self.ref]}) is missing in {lang}; expected after this line"
                    )
            for o in other[j1:j2]:
                if o.key not in in_a:
                    anchor = ref[i1 - 1].loc[self.ref] if i1 else where[self.ref]
                    self.report.error(
                        o.loc[lang],
                        f"{o.kind} '{o.key}' is not in {self.ref} "
                        f"(expected near {anchor}); keys must be the same in every language",
                    )

    # -- generic node merge -----------------------------------------------------

    def node(self, group: Mapping[str, object], where: Mapping[str, Loc]):
        ref = group[self.ref]
        if isinstance(ref, Division):
            self.within.append(f"{ref.kind} '{ref.key}'")
            try:
                return self._fields(group, where, ref)
            finally:
                self.within.pop()
        return self._fields(group, where, ref)

    def _fields(self, group, where, ref):
        values = {}
        here = self._here(group) or where
        for name, holds, align in _merged(type(ref)):
            by_lang = {lang: getattr(n, name) for lang, n in group.items()}
            first = by_lang[self.ref]
            if holds in ("text", "localized"):
                values[name] = {lang: v[lang] for lang, v in by_lang.items()}
                if name == "src":  # a figure's image: each language its own, or none in all
                    self._same_presence(values[name], here, ref)
                elif holds == "text":
                    self._inline_shape(values[name], here, ref)
            elif align == "key":
                values[name] = self.divisions(by_lang, here)
            elif align == "shape":
                values[name] = self.blocks(by_lang, here, ref)
            elif holds == "nodes":
                values[name] = self.sequence(by_lang, here, ref, name)
            else:
                if any(v != first for v in by_lang.values()):
                    self._differs(here, f"{self._describe(ref)}: {name} differs", by_lang)
                values[name] = first
        return type(ref)(**values)

    def sequence(self, by_lang, where, owner, name: str) -> tuple:
        lengths = {lang: len(v) for lang, v in by_lang.items()}
        if len(set(lengths.values())) > 1:
            self._differs(
                where,
                f"{self._describe(owner)} has a different number of {name}",
                {lang: f"{n} {name}" for lang, n in lengths.items()},
            )
            return by_lang[self.ref]
        out = []
        for index, first in enumerate(by_lang[self.ref]):
            group = {lang: v[index] for lang, v in by_lang.items()}
            kinds = {lang: type(n) for lang, n in group.items()}
            if len(set(kinds.values())) > 1:
                here = self._here(group) or where
                self._differs(
                    here,
                    f"{self._describe(owner)}: item {index + 1} differs",
                    {lang: self._describe(n) for lang, n in group.items()},
                )
                continue
            if isinstance(first, tuple):
                out.append(self.sequence(group, where, owner, "cells"))
            else:
                out.append(self.node(group, where))
        return tuple(out)

    def blocks(self, by_lang, where, owner) -> tuple:
        """Blocks align by shape; a difference names the first block that differs."""
        sig = {lang: [self._signature(b) for b in blocks] for lang, blocks in by_lang.items()}
        ref_blocks = by_lang[self.ref]
        ok = True
        for lang in self.languages[1:]:
            other = by_lang[lang]
            if sig[lang] == sig[self.ref]:
                continue
            ok = False
            opcodes = difflib.SequenceMatcher(None, sig[self.ref], sig[lang], autojunk=False).get_opcodes()
            tag, i1, i2, j1, j2 = next(op for op in opcodes if op[0] != "equal")
            ref_at = ref_blocks[i1].loc[self.ref] if i1 < len(ref_blocks) else where[self.ref]
            other_at = other[j1].loc[lang] if j1 < len(other) else where[lang]
            what = self._describe(owner)
            if tag == "delete":
                message = f"{what}: {self.ref} has {self._a(sig[self.ref][i1])} at {ref_at} that {lang} lacks"
            elif tag == "insert":
                message = f"{what}: {lang} has {self._a(sig[lang][j1])} that {self.ref} lacks (near {ref_at})"
            else:
                message = (
                    f"{what}: {self.ref} has {self._a(sig[self.ref][i1])} at {ref_at} "
                    f"where {lang} has {self._a(sig[lang][j1])}"
                )
            counts = f" ({len(ref_blocks)} blocks in {self.ref}, {len(other)} in {lang})"
            self.report.error(other_at, message + counts)
        if not ok:
            return ref_blocks
        return tuple(self.node({lang: b[i] for lang, b in by_lang.items()}, where) for i in range(len(ref_blocks)))

    # -- helpers ------------------------------------------------------------------

    def _inline_shape(self, text: Mapping[str, tuple], where, owner) -> None:
        shapes = {lang: _shape(inlines) for lang, inlines in text.items()}
        if len(set(shapes.values())) == 1:  # the same: nothing to show
            return
        shown = {lang: _show(shape) for lang, shape in shapes.items()}
        if len(set(shown.values())) > 1:
            self._differs(where, f"{self._describe(owner)} has different references or footnotes", shown)

    def _same_presence(self, values: Mapping[str, object], where, owner) -> None:
        shown = {lang: "an image" if value is not None else "a placeholder ()" for lang, value in values.items()}
        if len(set(shown.values())) > 1:
            self._differs(
                where, f"{self._describe(owner)} is an image in one language and a placeholder in another", shown
            )

    def _differs(self, where, message: str, by_lang: Mapping) -> None:
        """One error, at the first language that departs from the reference,
        naming every side."""
        sides = "; ".join(f"{lang}: {value} at {where[lang]}" for lang, value in by_lang.items())
        odd = next(lang for lang in self.languages[1:] if by_lang[lang] != by_lang[self.ref])
        self.report.error(where[odd], f"{message} ({sides})")

    @staticmethod
    def _here(group):
        try:
            return {lang: n.loc[lang] for lang, n in group.items()}
        except AttributeError:
            return None

    @staticmethod
    def _signature(block) -> str:
        name = _noun(block)
        extra = (
            getattr(block, "style", None)
            or getattr(block, "level", None)
            or (getattr(block, "key", None) if name == "data table" else None)
        )
        return f"{name} ({extra})" if extra else name

    @staticmethod
    def _a(signature: str) -> str:
        return ("an " if signature[0] in "aeiou" else "a ") + signature

    def _describe(self, node) -> str:
        if isinstance(node, str):
            return node
        if isinstance(node, Division):
            return f"{node.kind} '{node.key}'"
        noun = _noun(node)
        return f"{noun} in {self.within[-1]}" if self.within else noun


@functools.cache
def _merged(kind: type) -> tuple[tuple[str, str | None, str | None], ...]:
    """(name, what it holds, how it aligns) of each field of a node type."""
    return tuple((f.name, f.metadata.get("holds"), f.metadata.get("align")) for f in fields(kind))


def _noun(node) -> str:
    operation = next((kind for kind in kinds() if kind.type is type(node)), None)
    return operation.noun if operation else NOUNS.get(type(node), type(node).__name__)


def _shape(inlines) -> tuple:
    """What must match across languages inside text: references and notes."""
    if all(type(node) is Text for node in inlines):  # words alone, as most text is
        return ()
    return tuple(
        ("ref", node.key) if isinstance(node, Reference) else ("note", (len(node.paragraphs), node.mark))
        for node, _ in walk(inlines, prune=(Footnote,))
        if isinstance(node, (Reference, Footnote))
    )


def _show(shape) -> str:
    if not shape:
        return "none"
    return ", ".join(
        f"[[{v}]]" if k == "ref" else f"a footnote marked {v[1]}" if v[1] else "a footnote" for k, v in shape
    )
