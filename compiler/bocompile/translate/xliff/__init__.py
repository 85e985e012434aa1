"""XLIFF 2.1 round trip with CAT tools (SDL Trados, memoQ).

`export` writes one XLIFF file for the reference language and one target:
a <file> per Markdown file, a <unit> per title or block (its id is the
unit id of translate.units), a <segment> per text inside it, footnotes as
sub-flow units; inline markup as protected inline codes (codes.py).
`import_xliff` writes changed targets back into sources/<target>/*.md,
touching only the lines of the texts that differ (sources.py).

Written with lxml rather than translate-toolkit: its XLIFF 2 store keeps
inline codes as strings, while the round trip needs each code's id and
kind, the source line of every element for diagnostics, and a parser that
refuses DTDs outright.
"""

#: the XLIFF 2.x core namespace (2.1 keeps 2.0's)
NS = "urn:oasis:names:tc:xliff:document:2.0"
VERSION = "2.1"
#: note categories bocompile writes and reads back
FILE_HASH = "bocompile:sha256"
LOCATION = "location"


def q(tag: str) -> str:
    """An element name in the XLIFF namespace."""
    return f"{{{NS}}}{tag}"
