"""Values of agreement.toml that become file or folder names are slugs,
checked where they are read (with the line), so none can lead a build out
of the project or collide with another on a case-insensitive disk; and
TOML that would crash the parser is an error at its line."""

from __future__ import annotations

import pytest

from hostile import line_of, refused, replace_in

CONFIG = "sources/agreement.toml"


@pytest.mark.parametrize("ident", ["../../../outside/x", "{{7*7}}", "wijziging 1", "", "a" * 101, "é"])
def test_an_amendment_id_that_is_not_a_slug(built, ident):
    config = built / CONFIG
    replace_in(config, 'id = "wijziging-1"', f'id = "{ident}"')
    line = line_of(config, f'id = "{ident}"')
    found = refused(built)
    assert (
        f"{CONFIG}:{line}: error: amendment id {ident!r} names files and "
        'folders: write it in lower-case letters, digits and hyphens, at most 100 (e.g. "wijziging-2")' in found
    )
    assert not (built.parent / "outside").exists()


def test_two_amendment_ids_that_differ_only_in_case(built):
    config = built / CONFIG
    replace_in(config, 'id = "wijziging-2"', 'id = "Wijziging-1"')
    for lang in ("nl", "fr"):
        (built / f"sources/{lang}/amendments/wijziging-2.md").rename(
            built / f"sources/{lang}/amendments/Wijziging-1.md"
        )
    line = line_of(config, 'id = "Wijziging-1"')
    assert (
        f"{CONFIG}:{line}: error: amendment id 'Wijziging-1' names files "
        "and folders: write it in lower-case letters, digits and hyphens, at most 100 (e.g. "
        '"wijziging-2")' in refused(built)
    )


@pytest.mark.parametrize("number", [0, -1])
def test_an_amendment_number_below_one(built, number):
    config = built / CONFIG
    replace_in(config, "number = 2", f"number = {number}")
    assert (
        f"{CONFIG}:{line_of(config, f'number = {number}')}: error: amendment number {number} must be "
        "1 or more" in refused(built)
    )


@pytest.mark.parametrize("entry", ["../nl/definities.md", "Definities.md", "definities", "a" * 300 + ".md"])
def test_a_files_entry_that_is_not_a_file_name(built, entry):
    config = built / CONFIG
    replace_in(config, '"definities.md"', f'"{entry}"')
    assert (
        f"{CONFIG}:{line_of(config, 'files =')}: error: files entry {entry!r} must be a file name such as "
        '"definities.md": lower-case letters, digits and hyphens (at most 100), then .md' in refused(built)
    )


def test_a_file_listed_twice(built):
    config = built / CONFIG
    replace_in(config, '"definities.md"', '"definities.md", "definities.md"')
    assert refused(built) == [
        f"{CONFIG}:{line_of(config, 'files =')}: error: files lists definities.md twice; list each part file once"
    ]


def test_the_agreement_id_is_a_slug(built):
    config = built / CONFIG
    replace_in(config, 'id = "kanselarij-2019-2021"', 'id = "../{{7*7}}"')
    line = line_of(config, 'id = "../')
    assert refused(built) == [
        f"{CONFIG}:{line}: error: id '../{{{{7*7}}}}' must be lower-case letters, digits and hyphens (at most 100)"
    ]


@pytest.mark.parametrize("rel", [CONFIG, "templates/lang/nl.toml"])
def test_values_nested_past_the_limit(built, rel):
    path = built / rel
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("["))  # before the first table
    lines.insert(at, "diep = " + "[" * 3000 + "]" * 3000)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert refused(built) == [f"{rel}:{at + 1}: error: values are nested more than 100 levels deep; flatten them"]


@pytest.mark.parametrize("rel, old", [(CONFIG, 'nl = "Bestuursovereenkomst'), ("templates/lang/fr.toml", "locale = ")])
@pytest.mark.parametrize("char", ["\x00", "\u202e"])
def test_control_characters_in_toml(built, rel, old, char):
    path = built / rel
    line = line_of(path, old)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index(old) + len(old)  # 1-based
    replace_in(path, old, old[:-1] + char + old[-1:])
    found = refused(built)
    assert len(found) == 1 and found[0].startswith(f"{rel}:{line}:{column}: error: "), found


def test_an_unknown_locale_in_a_language_file(built):
    path = built / "templates/lang/fr.toml"
    replace_in(path, 'locale = "fr_BE"', 'locale = "xx_YY"')
    assert refused(built) == [
        f"templates/lang/fr.toml:{line_of(path, 'locale =')}: error: locale 'xx_YY' is "
        'not a locale Babel knows; write one such as "nl_BE"'
    ]
