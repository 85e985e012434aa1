"""What LibreOffice makes of DOCX files, through its UNO bridge.

Run with the system Python that has python3-uno (Debian: /usr/bin/python3),
against a LibreOffice listening on a pipe (tests/conftest.py starts one):

    /usr/bin/python3 tests/libreoffice_uno.py PIPE OUTDIR FILE.docx ...

For each file it prints, as JSON: the tracked changes LibreOffice sees
(their number and types), the PDF it exported to OUTDIR, and the DOCX it
saved there once it had accepted every change.

    /usr/bin/python3 tests/libreoffice_uno.py PIPE --quit

ends that LibreOffice as a user's "Quit" does: it then removes the pipes it
made in /tmp, which a killed LibreOffice leaves behind.
"""

import json
import pathlib
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

ATTEMPTS = 150  # LibreOffice takes a few seconds to start listening


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for attempt in range(ATTEMPTS):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(0.2)


def inspect(ctx, desktop, path, outdir):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(path)), "_blank", 0, (prop("Hidden", True),))
    try:
        types = []
        enum = doc.getRedlines().createEnumeration()
        while enum.hasMoreElements():
            types.append(enum.nextElement().RedlineType)
        pdf, accepted = outdir / (path.stem + ".pdf"), outdir / (path.stem + "-accepted.docx")
        doc.storeToURL(uno.systemPathToFileUrl(str(pdf)), (prop("FilterName", "writer_pdf_Export"),))
        helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        helper.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, ())
        left = doc.getRedlines().getCount()
        doc.storeToURL(uno.systemPathToFileUrl(str(accepted)), (prop("FilterName", "MS Word 2007 XML"),))
        return {"redlines": len(types), "types": types, "pdf": str(pdf), "accepted": str(accepted), "left": left}
    finally:
        doc.close(True)


def main():
    pipe, outdir, *files = sys.argv[1:]
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    if outdir == "--quit":
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with LibreOffice, sometimes before the call returns
            pass
        return
    result = {path: inspect(ctx, desktop, pathlib.Path(path), pathlib.Path(outdir)) for path in files}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
