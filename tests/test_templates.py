"""Templates: the packaged defaults, a project's overrides, and where errors point."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from docx2python import docx2python
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from bocompile.diagnostics import SourceError
from bocompile.language import load_language
from bocompile.project import Project
from bocompile.template_files import defaults
from bocompile.typography import Typography, typeset
from test_check import errors, run

REPO = Path(__file__).resolve().parent.parent
DEFAULT_NL = Path(str(defaults()["lang/nl.toml"]))


@pytest.fixture
def bare(tmp_path) -> Path:
    """The bundled sources with no templates/ folder at all."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "sources", root / "sources")
    return root


def override(root: Path, text: str) -> Path:
    path = root / "templates/lang/nl.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_in(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def nl_text(root: Path) -> str:
    out = root / "out"
    result = run("-C", str(root), "build", "--lang", "nl", "--format", "docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    with docx2python(out / "base/nl.docx") as document:
        return document.text.replace("\u00a0", " ")


def test_a_project_without_templates_builds_with_the_packaged_defaults(bare):
    assert run("-C", str(bare), "check").returncode == 0
    text = nl_text(bare)
    assert "Artikel 8 – Consolidatie van de verbintenissen" in text
    assert "Opgemaakt te Brussel op 28 februari 2019" in text


def test_one_overridden_key_changes_that_wording_only(bare):
    override(bare, '[signature]\ndone = "Gedaan te {{ place }} op {{ date }}."\n')
    text = nl_text(bare)
    assert "Gedaan te Brussel op 28 februari 2019." in text
    assert "Opgemaakt te" not in text
    assert "Artikel 8 – Consolidatie van de verbintenissen" in text  # the rest is the default's


def test_an_error_in_an_override_names_the_project_file_and_line(bare):
    path = override(bare, '# our wording\n[label]\narticle = "Artikel {{ n + 1 }}"\n')
    result = run("-C", str(bare), "check")
    assert result.returncode == 1
    assert errors(result)[0].startswith(
        f"templates/lang/nl.toml:{line_in(path, 'article')}: error: template 'label.article' cannot be rendered"
    )


def test_a_misshapen_key_in_an_override_is_reported_at_its_line(bare):
    path = override(bare, '[label]\narticle = "Art. {{ n }}"\n\n[signature]\ndone.x = "y"\n')
    result = run("-C", str(bare), "check")
    assert result.returncode == 1
    assert errors(result) == [
        f"templates/lang/nl.toml:{line_in(path, 'done.x')}: error: 'signature.done' must be one template "
        "(a text), as in the default wording",
    ]


def test_diagnostics_name_the_file_each_key_came_from(bare):
    override(bare, '\n[page]\nheader = "{{ titel }}"\n')
    language = load_language(Project(bare), "nl")
    with pytest.raises(SourceError) as project_key:
        language.render("page.header")
    assert str(project_key.value.diagnostics[0].loc) == "templates/lang/nl.toml:3"
    with pytest.raises(SourceError) as default_key:
        language.render("label.article")  # no n given: the default template fails
    label_line = line_in(DEFAULT_NL, 'article = "Artikel')
    assert str(default_key.value.diagnostics[0].loc) == f"{DEFAULT_NL}:{label_line}"


def test_a_language_without_any_wording_says_how_to_start_one(bare):
    with pytest.raises(SourceError) as error:
        load_language(Project(bare), "de")
    assert str(error.value).startswith(
        "templates/lang/de.toml:1: error: no wording for language 'de': create templates/lang/de.toml"
    )


def test_a_project_reference_docx_that_is_no_word_document_is_a_clear_error(bare):
    own = bare / "templates/docx/reference.docx"
    own.parent.mkdir(parents=True)
    own.write_text("not a document")
    result = run("-C", str(bare), "check")
    assert result.returncode == 1
    assert errors(result)[0].startswith(
        "templates/docx/reference.docx: error: templates/docx/reference.docx is not a zip archive (a .docx is one)"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab }%#-\n\r\t{é'\"\\"), max_size=12))
def test_every_wording_renders_as_jinja_renders_it(source):
    """Wordings without template syntax skip Jinja: they must read the same."""
    language = dataclasses.replace(
        load_language(Project.open(REPO), "nl"), strings={"label": {"x": source}}, typography=Typography()
    )
    try:
        expected = SandboxedEnvironment(undefined=StrictUndefined).from_string(source).render()
    except TemplateError:
        with pytest.raises(SourceError):
            language.render("label.x")
        return
    assert language.render("label.x") == typeset(expected, Typography())


#: slots as wordings write them, and what only Jinja reads: constants, an unset name, whitespace control
SLOTS = ["{{ n }}", "{{n}}", "{{  kind }}", "{{ none }}", "{{ true }}", "{{ missing }}", "{{- n }}"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from("ab }%#-\n\r\t{é'\"\\"), max_size=4),
            st.sampled_from(SLOTS),
        ),
        max_size=6,
    ),
    st.one_of(st.integers(), st.text(alphabet="ab{} \n", max_size=3), st.booleans(), st.none()),
)
@example(["Artikel ", "{{ n }}"], "7/1")
@example(["{{ n }}", "\n"], 1)  # Jinja drops one newline at the end
@example(["{{ n }}", "{{ kind }}", "\n\n"], None)
def test_every_wording_with_values_renders_as_jinja_renders_it(pieces, value):
    """Wordings of words and {{ name }} slots alone skip Jinja's machinery: they must read the same."""
    source = "".join(pieces)
    values = {"n": value, "kind": "article"}
    language = dataclasses.replace(
        load_language(Project.open(REPO), "nl"), strings={"label": {"x": source}}, typography=Typography()
    )
    try:
        expected = SandboxedEnvironment(undefined=StrictUndefined).from_string(source).render(**values)
    except TemplateError:
        with pytest.raises(SourceError):
            language.render("label.x", **values)
        return
    assert language.render("label.x", **values) == typeset(expected, Typography())
