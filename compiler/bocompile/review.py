"""`bocompile diff`: the documents to review a change before signing it.

Between two texts of the agreement (diff/points.py), for every language:
the redline (`nl.docx`: the new text with tracked changes), the synoptic
table (`synoptic-nl.docx`) and the same changes as a page (`nl.html`, with
<ins> and <del>), written to output/diff/<from>_<to>/, which is replaced
whole and only once every file is ready (output.publish_folder).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bocompile.compose.comparison import comparison
from bocompile.diff.views import merged_tree
from bocompile.load import load
from bocompile.model import Agreement
from bocompile.output import check_destination, publish_folder
from bocompile.project import Project
from bocompile.write.docx.redline import write_redline
from bocompile.write.docx.synoptic import write_synoptic
from bocompile.write.docx.tracked import count
from bocompile.write.html import write_html


def review(
    project: Project, out: Path, start: str | None = None, end: str | None = None
) -> list[tuple[Path, int | None]]:
    """Write the comparison of `start` and `end`: each file written, with the
    number of tracked changes of a redline (None for a synoptic table)."""
    check_destination(project, out)
    compared = comparison(load(project), start, end)
    files: dict[str, bytes] = {}
    merged_edition = replace(compared.edition, agreement=Agreement(merged_tree(compared.divisions)))
    changes: dict[str, int] = {}
    for lang in compared.edition.config.languages:
        files[f"{lang}.docx"] = write_redline(compared, lang)
        changes[f"{lang}.docx"] = count(files[f"{lang}.docx"])
        files[f"synoptic-{lang}.docx"] = write_synoptic(compared, lang)
        files[f"{lang}.html"] = write_html(merged_edition, (lang,))[f"{lang}.html"]
    written = publish_folder(out, compared.name, {f"{compared.name}/{name}": data for name, data in files.items()})
    return [(path, changes.get(path.name)) for path in written]
