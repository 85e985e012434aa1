"""Property: whatever a translator writes around the inline codes comes back
from the sources exactly (in the form Markdown gives it), through the real
export, import and reader, on a copy of the mini fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from bocompile.diagnostics import Loc
from bocompile.load import load
from bocompile.model import Emphasis, LineBreak, Link, Reference, Strong, Text, plain_text
from bocompile.project import Project
from bocompile.read.markdown import WRITTEN_POINT
from bocompile.translate.units import canonical
from bocompile.translate.xliff.codes import join
from bocompile.translate.xliff.export import export
from bocompile.translate.xliff.importer import import_xliff
from bocompile.translate.xliff.markdown import normal
from bocompile.translate.xliff.segments import exchange

REPO = Path(__file__).resolve().parent.parent
X = "{urn:oasis:names:tc:xliff:document:2.0}"
#: where a reference of the expected text stands: nowhere, canonical() compares no locations
NOWHERE = Loc("", 0)
#: letters, accents, spaces (a no-break one too) and every character Markdown gives a meaning; the
#: source format reads "[^x]" as a footnote and "[[" as a reference, even escaped
ANY = st.text(st.sampled_from(list("abzAZéçà 09 \u00a0.,;:!?()'\"*_[]\\<>&#`{}-+=~|/^")), max_size=10).filter(
    lambda text: "[^" not in text and "[[" not in text
)
WORD = st.text(st.sampled_from(list("abcxyzéàç")), min_size=1, max_size=5)
#: a code's own text: any characters, between letters (an emphasis around spaces is no emphasis)
INNER = st.tuples(WORD, ANY, WORD).map("".join) | WORD


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mini") / "project"
    shutil.copytree(REPO / "tests/fixtures/mini/sources", root / "sources")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def code(kind: str, inner: str = ""):
    """(the XLIFF element, the model inline it stands for)."""
    element = etree.Element(f"{X}{'pc' if kind in ('i1', 'b1', 'a1') else 'ph'}", id=kind)
    element.text = inner or None
    text = (Text(inner),)
    model = {
        "i1": lambda: Emphasis(text),
        "b1": lambda: Strong(text),
        "br1": LineBreak,
        "a1": lambda: Link("https://www.belgium.be", text),
        "r1": lambda: Reference("slot", NOWHERE),
        "r2": lambda: Reference("algemeen", NOWHERE),
    }[kind]()
    return element, model


@st.composite
def translations(draw, required: tuple[str, ...], optional: tuple[str, ...]):
    """Text and codes: optional codes or not, in any order; the required ones
    (references) each once, in their order, anywhere among them."""
    kinds = list(draw(st.permutations([k for k in optional if draw(st.booleans())])))
    places = sorted(draw(st.lists(st.integers(0, len(kinds)), min_size=len(required), max_size=len(required))))
    for offset, (place, kind) in enumerate(zip(places, required, strict=True)):
        kinds.insert(place + offset, kind)
    pieces = []
    for kind in kinds:
        pieces.append(("text", draw(ANY)))
        pieces.append((kind, draw(INNER) if kind in ("i1", "b1", "a1") else ""))
    pieces.append(("text", draw(ANY)))
    return pieces


def translate(root: Path, unit_id: str, pieces, tmp: Path):
    """Export, put `pieces` in the unit's target, import; returns (expected,
    written). A target of nothing but spaces and breaks is no translation."""
    document = etree.fromstring(export(load(Project.open(root)), "fr"))
    target = document.find(f".//{X}unit[@id='{unit_id}']/{X}segment/{X}target")
    for child in list(target):
        target.remove(child)
    target.text, expected = None, []
    for kind, value in pieces:
        if kind == "text":
            if len(target):
                target[-1].tail = (target[-1].tail or "") + " " + value + " "
            else:
                target.text = (target.text or "") + " " + value + " "
            expected.append(Text(" " + value + " "))
        else:
            element, model = code(kind, value)
            target.append(element)
            expected.append(model)
    assume(normal(join(expected)))
    # the source format reads a lid that starts "a) " or "1° " as a hand-written point, and refuses it
    assume(not WRITTEN_POINT.match(plain_text(join(expected))))
    path = tmp / "x.xlf"
    path.write_bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
    import_xliff(Project.open(root), path, str(path))
    written = next(x for x in exchange(load(Project.open(root)), "fr") if x.id == unit_id).segments[0].target
    return normal(join(expected)), written


def same(a, b) -> bool:
    return canonical(a, "", True) == canonical(b, "", True)


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(pieces=translations(required=(), optional=("i1", "b1", "br1", "a1")))
def test_random_text_around_formatting_codes_round_trips(mini, tmp_path_factory, pieces):
    expected, written = translate(mini, "draagwijdte-p1", pieces, tmp_path_factory.mktemp("x"))
    assert same(written, expected), (written, expected)


@SETTINGS
@given(pieces=translations(required=("r1", "r2"), optional=("i1", "br1")))
def test_random_text_around_references_and_formatting_round_trips(mini, tmp_path_factory, pieces):
    expected, written = translate(mini, "draagwijdte-p2", pieces, tmp_path_factory.mktemp("x"))
    assert same(written, expected), (written, expected)
