"""A consumer of the Akoma Ntoso can apply the amendments itself.

Each instrument's activeModifications, applied with lxml to the agreement
as signed (insert, replace, repeal the elements its destinations name, put
its quoted words and structures in place), give the same text as the
consolidated AKN on each amendment's date: the instruments say in XML what
they change, not only in words.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from lxml import etree

from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.inputs import history_of
from bocompile.compose.instrument import instrument_editions
from bocompile.compose.signed import base_edition
from bocompile.load import load
from bocompile.project import Project
from bocompile.write.akn import document
from test_akn import NS, schema_errors

REPO = Path(__file__).resolve().parent.parent
A = f"{{{NS['a']}}}"


def by_eid(root, eid: str):
    [found] = root.xpath("//*[@eId=$eid]", eid=eid)
    return found


def unquoted(element):
    """A quoted element as it stands in the agreement: the ids it has there."""
    element = copy.deepcopy(element)
    for node in element.iter():
        for name in ("eId", "wId"):
            if node.get(name):
                node.set(name, node.get(name).split("__qstr_", 1)[1].split("__", 1)[1])
    return element


def replace_words(element, old: str, new: str) -> None:
    for node in element.iter():
        if node.text:
            node.text = node.text.replace(old, new)
        if node is not element and node.tail:
            node.tail = node.tail.replace(old, new)


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def apply(agreement, instrument) -> None:
    """Every textualMod of `instrument` applied to `agreement`, in order."""
    for mod in instrument.iterfind(".//a:activeModifications/a:textualMod", NS):
        places = [(d.get("href").rpartition("~")[2], d.get("pos")) for d in mod.findall("a:destination", NS)]
        old = [by_eid(instrument, o.get("href")[1:]) for o in mod.findall("a:old", NS)]
        new = [by_eid(instrument, n.get("href")[1:]) for n in mod.findall("a:new", NS)]
        if mod.get("type") == "repeal":
            for eid, _ in places:
                by_eid(agreement, eid).set("status", "removed")
        elif new and new[0].tag == f"{A}quotedStructure":
            [(eid, pos)] = places
            _put(by_eid(agreement, eid), [unquoted(child) for child in new[0]], pos)
        else:  # words, each pair in its destination
            for (eid, _), before, after in zip(places, old, new, strict=True):
                replace_words(by_eid(agreement, eid), words(before), words(after))


def _put(target, elements: list, pos: str | None) -> None:
    if pos == "after":
        for element in reversed(elements):
            target.addnext(element)
    elif pos == "before":
        for element in elements:
            target.addprevious(element)
    elif pos == "end":
        first = elements[0].find("a:content/a:blockList", NS)
        here = target.find("a:content/a:blockList", NS)
        if first is not None and here is not None:  # points that continue the lid's list
            here.extend(first.findall("a:item", NS))
            elements = elements[1:]
            for element in reversed(elements):
                target.addnext(element)
        else:
            target.extend(elements)
    else:  # a substitution
        for element in elements:
            target.addprevious(element)
        target.getparent().remove(target)


def body_text(root) -> str:
    """The text of the body as a reader sees it: without the provisions
    repealed (their place is all that remains), without Justel brackets."""
    body = copy.deepcopy(root.find("a:act/a:body", NS))
    for element in body.xpath(".//*[@status='removed'] | .//a:span[starts-with(@class, 'justel')]", namespaces=NS):
        tail = element.tail or ""
        previous, parent = element.getprevious(), element.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(element)
    return words(body)


def removed(root) -> list[str]:
    return root.xpath("//a:body//*[@status='removed']/@eId", namespaces=NS)


def project(name: str, tmp_path_factory) -> Project:
    if name == "bundled":
        return Project.open(REPO)
    root = tmp_path_factory.mktemp("mini") / "project"
    shutil.copytree(REPO / "tests/fixtures/mini/sources", root / "sources")
    shutil.copytree(REPO / "templates", root / "templates")
    return Project.open(root)


@pytest.mark.parametrize("name", ["bundled", "mini"])
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_applying_each_instruments_modifications_gives_the_consolidated_text(name, lang, tmp_path_factory):
    loaded = load(project(name, tmp_path_factory))
    states = history_of(loaded)
    agreement = document(base_edition(loaded, states=states), lang)
    for edition in instrument_editions(loaded, states=states):
        instrument = document(edition, lang)
        assert schema_errors(instrument) == []
        assert instrument.findall(".//a:body//a:mod", NS), "every instrument words its changes as <mod>s"
        apply(agreement, instrument)
        date = edition.amendments[0].info.in_force
        consolidated = document(consolidated_edition(loaded, date, states=states), lang)
        assert removed(agreement) == removed(consolidated), date
        assert body_text(agreement) == body_text(consolidated), date


def test_the_instruments_quote_words_and_structures(tmp_path_factory):
    """Word replacements carry <quotedText> old and new; new provisions a
    <quotedStructure> with the ids they take in the agreement."""
    loaded = load(project("bundled", tmp_path_factory))
    second = document(instrument_editions(loaded)[1], "nl")
    mod = second.find(".//a:activeModifications/a:textualMod[@type='substitution']", NS)
    assert [words(by_eid(second, r.get("href")[1:])) for r in mod.findall("a:old", NS) + mod.findall("a:new", NS)] == [
        "aandachtig op te volgen",
        "aandachtig en aan de hand van meetbare indicatoren op te volgen",
    ]
    inserted = by_eid(second, second.find(".//a:textualMod[@type='insertion']/a:new", NS).get("href")[1:])
    assert inserted.tag == f"{A}quotedStructure"
    assert unquoted(inserted[0]).get("eId") == "art_7-1"
    assert etree.QName(inserted.getparent()).localname == "mod"
