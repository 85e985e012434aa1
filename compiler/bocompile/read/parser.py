"""The markdown-it-py parser configured for the source format.

CommonMark plus footnotes, `:::` containers for tables and data tables, and
an inline rule for `[[key]]` cross-references. Raw HTML stays enabled only
so that the reader can report it instead of passing it through.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from bocompile.operations import names
from bocompile.read.wellformed import record_definitions

#: markdown-it stops reading at this nesting (its CommonMark preset: 20);
#: read/wellformed.py reports nesting long before it is reached
MAX_NESTING = 100
XREF = re.compile(r"\[\[([^\[\]\n]*)\]\]")


def _xref_rule(state: StateInline, silent: bool) -> bool:
    match = XREF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("xref", "", 0)
        token.meta = {"key": match.group(1).strip(), "offset": state.pos}
    state.pos = match.end()
    return True


def parser() -> MarkdownIt:
    """The parser for the operations registered now (one container each)."""
    return _parser(names())


@functools.cache
def _parser(actions: tuple[str, ...]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": False, "typographer": False, "maxNesting": MAX_NESTING})
    md.use(footnote_plugin)
    md.core.ruler.after("block", "definitions", record_definitions)
    md.use(container_plugin, name="table")
    md.use(container_plugin, name="data")
    for action in actions:
        md.use(container_plugin, name=action)
    md.inline.ruler.before("link", "xref", _xref_rule)
    return md
