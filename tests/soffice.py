"""LibreOffice as a user runs it: `soffice --convert-to pdf`, in a private profile
so that parallel runs and the user's own LibreOffice never meet."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or ""  # "": missing, the tests that need it are skipped


def convert_to_pdf(paths: list[Path], out: Path) -> None:
    """Each DOCX of `paths` as out/<name>.pdf, laid out by LibreOffice alone."""
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
