"""LibreOffice, driven over UNO: lays out DOCX files and exports PDF/A-2b.

Run by a Python that has the `uno` module (Debian's /usr/bin/python3 with
python3-uno, or LibreOffice's own Python on Windows), never imported by
bocompile: the compiler's Python usually cannot load UNO. One process
serves a whole build, so LibreOffice starts once.

    python3 uno_worker.py SOFFICE PROFILE_DIR

Requests on stdin, one JSON object a line: {"docx": path, "pdf": path}.
The worker reads the page of every heading (bookmarks "k_..."), writes it
into the table of contents (the text of bookmark "p_..." of the same
heading), reads the pages again until they hold still, and exports the PDF.
Each answer on stdout, one JSON line: {"pages": {bookmark: page}} or
{"error": message}. The first line is {"ready": true} once LibreOffice
answers. The profile directory is private, so parallel builds and a user's
own LibreOffice never share one.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

#: PDF export options: PDF/A-2b (fonts embedded), tagged for screen readers,
#: headings as the outline, links kept.
PDF_OPTIONS = {
    "SelectPdfVersion": 2,
    "UseTaggedPDF": True,
    "ExportBookmarks": True,
    "ExportLinksRelativeFsys": False,
    "ExportNotes": False,
    "UseLosslessCompression": True,
}
CONNECT_SECONDS = 60
HEADING_BOOKMARK = "k_"
PAGE_BOOKMARK = "p_"
#: layouts tried before the table of contents must have settled
LAYOUTS = 3


def props(**values):
    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def start(soffice: str, profile: Path):
    pipe = f"bocompile{os.getpid()}"
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"LibreOffice did not start (exit code {office.poll()})") from None
            time.sleep(0.1)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return office, desktop


def heading_pages(document, names=None) -> dict:
    """The page on which each heading's bookmark (or each of `names`) stands, as laid out."""
    cursor = document.getCurrentController().getViewCursor()
    bookmarks = document.getBookmarks()
    pages = {}
    for name in names or bookmarks.getElementNames():
        if name.startswith(HEADING_BOOKMARK):
            cursor.gotoRange(bookmarks.getByName(name).getAnchor().getStart(), False)
            pages[name] = cursor.getPage()
    return pages


def body_holds(document, pages: dict) -> bool:
    """Whether the body still starts where it did. The contents end with a
    page break, so when the first heading has not moved, no heading has."""
    first = min(pages, key=lambda name: pages[name])
    return heading_pages(document, [first]) == {first: pages[first]}


def number_contents(document, pages: dict) -> bool:
    """Write each heading's page into its contents line; True if any changed."""
    bookmarks = document.getBookmarks()
    changed = False
    document.lockControllers()  # one layout after all changes, not one per change
    try:
        for name in bookmarks.getElementNames():
            heading = HEADING_BOOKMARK + name[len(PAGE_BOOKMARK) :]
            if name.startswith(PAGE_BOOKMARK):
                if heading not in pages:
                    raise LookupError(f"the contents line {name} has no heading {heading}")
                anchor = bookmarks.getByName(name).getAnchor()
                if anchor.getString() != str(pages[heading]):
                    anchor.setString(str(pages[heading]))
                    changed = True
    finally:
        document.unlockControllers()
    return changed


def serve(desktop, request: dict) -> dict:
    document = desktop.loadComponentFromURL(Path(request["docx"]).as_uri(), "_blank", 0, props(Hidden=True))
    if document is None:
        return {"error": "LibreOffice could not open the DOCX"}
    try:
        pages = heading_pages(document)
        for _ in range(LAYOUTS):
            if not number_contents(document, pages) or body_holds(document, pages):
                break
            pages = heading_pages(document)
        else:
            return {"error": f"the table of contents did not settle after {LAYOUTS} layouts"}
        data = uno.Any("[]com.sun.star.beans.PropertyValue", props(**PDF_OPTIONS))
        document.storeToURL(Path(request["pdf"]).as_uri(), props(FilterName="writer_pdf_Export", FilterData=data))
        return {"pages": pages}
    finally:
        document.close(True)


def main() -> None:
    soffice, profile = sys.argv[1], Path(sys.argv[2])
    office, desktop = start(soffice, profile)
    try:
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            try:
                answer = serve(desktop, json.loads(line))
            except Exception as exc:  # reported to bocompile, which names the file
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
