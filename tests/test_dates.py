"""Dates out of the agreement's life: a consolidation date the agreement never
had is a usage error; an amendment dated outside it is a source error at its
line of agreement.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_check import errors, replace_in, run


@pytest.mark.parametrize("as_of", ["2018-01-01", "2019-02-27", "2022-01-01"])
def test_as_of_outside_the_agreement_is_a_usage_error_naming_the_valid_dates(tmp_path, as_of):
    result = run("--consolidate", "--as-of", as_of, "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert (
        f"Error: --as-of {as_of} is outside the agreement: a consolidated text exists from its "
        "signing (2019-02-28) to the end of its period (2021-12-31); give a date in that range" in result.stderr
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("as_of", ["2019-02-28", "2021-12-31"])
def test_the_first_and_last_day_of_the_agreement_are_valid(tmp_path, as_of):
    result = run("--consolidate", "--as-of", as_of, "--format", "akn", "--lang", "nl", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "consolidated/nl.akn.xml").is_file()


def line_in(config: Path, amendment: str, key: str) -> int:
    """The line of `key` in the [[amendments]] entry of `amendment`."""
    lines = config.read_text().splitlines()
    start = lines.index(f'id = "{amendment}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith(f"{key} =")) + 1


def check_errors(project: Path) -> list[str]:
    result = run("check", "-C", str(project))
    assert result.returncode == 1
    return errors(result)


def test_in_force_before_signed_is_an_error_at_its_line(project_copy):
    config = project_copy / "sources/agreement.toml"
    replace_in(config, "in_force = 2020-11-01", "in_force = 2020-10-01")
    assert check_errors(project_copy) == [
        f"sources/agreement.toml:{line_in(config, 'wijziging-2', 'in_force')}: error: amendment nr. 2 enters "
        "into force on 2020-10-01, before it is signed on 2020-10-15; correct in_force or signed"
    ]


def test_signed_before_the_agreement_is_an_error_at_its_line(project_copy):
    config = project_copy / "sources/agreement.toml"
    replace_in(config, "signed = 2019-12-10", "signed = 2019-01-15")
    assert check_errors(project_copy) == [
        f"sources/agreement.toml:{line_in(config, 'wijziging-1', 'signed')}: error: amendment nr. 1 is signed "
        "on 2019-01-15, before the agreement itself (2019-02-28); correct signed or [signing] date"
    ]


@pytest.mark.parametrize("signed, in_force", [("2019-01-15", "2019-02-01"), ("2021-12-20", "2022-01-01")])
def test_in_force_outside_the_agreements_life_is_an_error_at_its_line(project_copy, signed, in_force):
    config = project_copy / "sources/agreement.toml"
    replace_in(config, "signed = 2021-02-15\nin_force = 2021-03-01", f"signed = {signed}\nin_force = {in_force}")
    line = line_in(config, "wijziging-3", "in_force")
    assert (
        f"sources/agreement.toml:{line}: error: amendment nr. 3 enters into force on {in_force}, outside "
        "the agreement's life; give a date from its signing (2019-02-28) to the end of its period "
        "(2021-12-31)" in check_errors(project_copy)
    )
