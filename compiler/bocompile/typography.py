"""Typography as data: where a typed space must not break a line, and the
one apostrophe of a language, from the [typography] table of
templates/lang/<lang>.toml.

The sources keep what the author typed; the rules apply to what bocompile
writes. `typeset` only turns one character into another (a plain space into
the no-break space, an apostrophe into the chosen one): it never adds or
removes a character, so it is idempotent and safe to apply to text that
carries markers (template slots).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bocompile.model.walk import rewrite_text

if TYPE_CHECKING:
    from bocompile.compose.edition import Edition
    from bocompile.model import Division


@dataclass(frozen=True)
class Typography:
    """One language's rules; the empty default changes nothing."""

    apostrophe: str = ""  # every ' or ’ between two letters becomes this
    space: str = "\u00a0"  # what a protected space becomes
    before: tuple[str, ...] = ()  # a space before these does not break ("texte :")
    after: tuple[str, ...] = ()  # a space after these does not break ("n° 1", "« texte")
    day_endings: tuple[str, ...] = ()  # a day (1-31) with one of these endings before a month name
    months: tuple[str, ...] = ()  # the month names (from Babel)


def typeset(text: str, rules: Typography) -> str:
    """`text` with the protected spaces and the apostrophe of `rules`."""
    if not text:
        return text
    digits = _DIGIT.search(text) is not None
    spaces = [
        match.start(1) for pattern, dated in _spaces(rules) if digits or not dated for match in pattern.finditer(text)
    ]
    quotes = (
        [match.start() for match in _APOSTROPHE.finditer(text)]
        if rules.apostrophe and ("'" in text or "’" in text)
        else []
    )
    if not spaces and not quotes:
        return text
    chars = list(text)
    for index in spaces:
        chars[index] = rules.space
    for index in quotes:
        chars[index] = rules.apostrophe
    return "".join(chars)


def typeset_editions(
    editions: list[Edition], langs: Iterable[str] | None = None, *, blocks: bool = True
) -> list[Edition]:
    """Each edition typeset (_typeset) in `langs` (all its languages if
    None: a build of one language leaves the other as it is); a division
    several editions share (the base text and the consolidated one share all
    an amendment left alone) is typeset once for all of them. Not `blocks`:
    all but the text under the headings, which no template takes (what
    `check` proves)."""
    done: dict[int, dict] = {}
    chosen = None if langs is None else frozenset(langs)
    return [_typeset(edition, done.setdefault(id(edition.languages), {}), chosen, blocks) for edition in editions]


def _typeset(
    edition: Edition, shared: dict[int, tuple[Division, Division]], langs: frozenset[str] | None, blocks: bool
) -> Edition:
    """Every text an edition's writers will show, typeset in its language:
    the model (sources, amendments, generated blocks, annexes), the title,
    running header and title-page lines,
    the titles of cited amendments and the facts of agreement.toml (title,
    parties, functions and honorifics, places of signing). `shared`: each
    division typeset so far with these languages, by id."""
    rules = {
        code: language.typography for code, language in edition.languages.items() if langs is None or code in langs
    }

    def one(words: str, lang: str | None) -> str:
        return typeset(words, rules[lang]) if lang in rules else words

    alone = next(iter(rules)) if len(rules) == 1 else None  # a build of one language enters only its text

    def text(node):
        return rewrite_text(node, one, alone)

    def body(node):
        return text(node) if blocks else node

    def words(values: dict) -> dict:
        return {lang: one(value, lang) for lang, value in values.items()}

    def parties(signers: tuple) -> tuple:
        return tuple(
            replace(
                party,
                name=words(party.name),
                signatories=tuple(
                    replace(s, function=words(s.function), title=words(s.title)) for s in party.signatories
                ),
            )
            for party in signers
        )

    config, signing = edition.config, edition.signing
    return replace(
        edition,
        agreement=replace(
            edition.agreement, parts=tuple(_division(part, shared, text, body) for part in edition.agreement.parts)
        ),
        preamble=body(edition.preamble),
        annexes=tuple(replace(annex, title=words(annex.title), blocks=body(annex.blocks)) for annex in edition.annexes),
        title=words(edition.title),
        header=words(edition.header),
        front={lang: tuple(one(line, lang) for line in lines) for lang, lines in edition.front.items()},
        cited={lang: {nr: one(title, lang) for nr, title in titles.items()} for lang, titles in edition.cited.items()},
        config=replace(
            config,
            title=words(config.title),
            signing_place=words(config.signing_place),
            parties=parties(config.parties),
        ),
        signing=signing and replace(signing, place=words(signing.place), parties=parties(signing.parties)),
    )


def _division(node: Division, shared: dict[int, tuple[Division, Division]], text: Callable, body: Callable) -> Division:
    """`node` typeset: its title and heading texts with `text`, its blocks
    with `body`, each child in turn (a module function: heap.settled)."""
    hit = shared.get(id(node))  # it holds the node too, so its id stays its own
    if hit is not None:
        return hit[1]
    children = tuple(_division(child, shared, text, body) for child in node.children)
    shell = replace(text(replace(node, children=(), blocks=())), blocks=body(node.blocks))
    kept = shell.title is node.title and shell.blocks is node.blocks
    if kept and all(new is old for new, old in zip(children, node.children, strict=True)):
        typeset_node = node
    else:
        typeset_node = replace(shell, children=children)
    shared[id(node)] = (node, typeset_node)
    return typeset_node


_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
_DIGIT = re.compile(r"\d")


@functools.cache
def _spaces(rules: Typography) -> tuple[tuple[re.Pattern, bool], ...]:
    """One pattern per rule, group 1 the space to protect; with each, whether
    it needs a digit (a date), so that text without one skips it."""
    patterns = []
    if rules.before:
        patterns.append((f"( )(?:{'|'.join(_token(t, 'before') for t in rules.before)})", False))
    if rules.after:  # each token looked for behind the space, so the engine stops only at spaces
        behind = "|".join(f"(?<={_token(t, 'after')} )" for t in rules.after)
        patterns.append((f"( )(?:{behind})", False))
    if rules.day_endings and rules.months:
        endings = "|".join(re.escape(e) for e in sorted(rules.day_endings, key=len, reverse=True))
        months = "|".join(re.escape(m) for m in rules.months)
        patterns.append((rf"(?<![\w.,/])(?:[12]\d|3[01]|[1-9])(?:{endings})( )(?i:{months})(?!\w)", True))
    return tuple((re.compile(pattern), dated) for pattern, dated in patterns)


def _token(token: str, side: str) -> str:
    """A token that is a word ("art.", "EUR") must stand as a word of its own."""
    escaped = re.escape(token)
    if side == "before" and token[-1:].isalnum():
        return escaped + r"(?!\w)"
    if side == "after" and token[:1].isalnum():
        return r"(?<!\w)" + escaped
    return escaped
