"""Generate templates/docx/reference.docx: styles, list numbering, page setup.

Every DOCX bocompile writes starts from this file. The writer refers to
styles only by their ids and to list formats by their abstractNum names
("point", "letter", "number", "bullet"), so both are fixed here. Change the
look here and rerun, rather than saving the file from Word, which renames
ids, adds rsids and drops what it does not use:

    .venv/bin/python tools/make_reference_docx.py

The result is byte-identical from run to run.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from bocompile.write.docx.package import saved

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx" / "reference.docx"

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
ACCENT = "1F3864"  # dark navy for part and section headings
TEXT_WIDTH = 9070  # A4 (11906) minus 2 x 1418 margins, in twips
LIST_STEP = 425  # indentation per list level, in twips (0.75 cm)

# Page: A4 portrait, 2.5 cm margins; header and footer 1.25 cm from the edge.
SECTION = """
<w:sectPr {ns}>
  <w:pgSz w:w="11906" w:h="16838"/>
  <w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"
           w:header="709" w:footer="709" w:gutter="0"/>
  <w:cols w:space="708"/>
  <w:docGrid w:linePitch="360"/>
</w:sectPr>
"""

DEFAULTS = f"""
<w:docDefaults>
  <w:rPrDefault><w:rPr>
    <w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
    <w:sz w:val="22"/><w:szCs w:val="22"/>
    <w:lang w:val="nl-BE" w:eastAsia="en-US" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr>
    <w:widowControl/>
    <w:spacing w:after="120" w:line="264" w:lineRule="auto"/>
  </w:pPr></w:pPrDefault>
</w:docDefaults>
"""

# (type, id, name, basedOn, pPr, rPr); names are Word's built-in names where
# one exists, so Word and LibreOffice recognise headings, TOC levels and notes.
# Pagination: every paragraph has widow/orphan control (docDefaults);
# headings and captions keep with the next paragraph; headings, titles,
# contents lines, captions and signatures are never hyphenated (body text
# is, in the language of its run: settings autoHyphenation).
STYLES = [
    ("paragraph", "Normal", "Normal", None, "", ""),
    ("character", "DefaultParagraphFont", "Default Paragraph Font", None, "", ""),
    ("table", "TableNormal", "Normal Table", None, "", ""),
    ("numbering", "NoList", "No List", None, "", ""),
    ("paragraph", "BodyText", "Body Text", "Normal", '<w:jc w:val="both"/>', ""),
    (
        "paragraph",
        "Title",
        "Title",
        "Normal",
        '<w:suppressAutoHyphens/><w:spacing w:before="2400" w:after="480"/><w:jc w:val="center"/>',
        f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="48"/><w:szCs w:val="48"/>',
    ),
    (
        "paragraph",
        "Subtitle",
        "Subtitle",
        "Normal",
        '<w:suppressAutoHyphens/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>',
        '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>',
    ),
    (
        "paragraph",
        "TitlePageLine",
        "Title Page Line",
        "Normal",
        '<w:suppressAutoHyphens/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>',
        '<w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    (
        "paragraph",
        "TitlePageDetail",
        "Title Page Detail",
        "Normal",
        '<w:suppressAutoHyphens/><w:spacing w:before="0" w:after="60"/><w:jc w:val="center"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    (
        "paragraph",
        "Heading1",
        "heading 1",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/>"
        '<w:spacing w:before="480" w:after="240"/><w:outlineLvl w:val="0"/>',
        f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/>',
    ),
    (
        "paragraph",
        "Heading2",
        "heading 2",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/>"
        '<w:spacing w:before="360" w:after="180"/><w:outlineLvl w:val="1"/>',
        f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
    (
        "paragraph",
        "Heading3",
        "heading 3",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/>"
        '<w:spacing w:before="300" w:after="120"/><w:outlineLvl w:val="2"/>',
        '<w:b/><w:sz w:val="23"/><w:szCs w:val="23"/>',
    ),
    (
        "paragraph",
        "Heading4",
        "heading 4",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/>"
        '<w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="3"/>',
        "<w:b/><w:i/>",
    ),
    (
        "paragraph",
        "Heading5",
        "heading 5",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/>"
        '<w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="4"/>',
        "<w:i/>",
    ),
    ("paragraph", "ListParagraph", "List Paragraph", "BodyText", '<w:spacing w:after="60"/>', ""),
    (
        "paragraph",
        "TableText",
        "Table Text",
        "Normal",
        '<w:spacing w:after="60" w:line="240" w:lineRule="auto"/>',
        '<w:sz w:val="19"/><w:szCs w:val="19"/>',
    ),
    ("paragraph", "TableHeading", "Table Heading", "TableText", "<w:keepNext/>", "<w:b/>"),
    (
        "paragraph",
        "Caption",
        "caption",
        "Normal",
        '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>',
        '<w:i/><w:color w:val="404040"/><w:sz w:val="19"/><w:szCs w:val="19"/>',
    ),
    (
        "paragraph",
        "FootnoteText",
        "footnote text",
        "Normal",
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
        '<w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    (
        "paragraph",
        "JustelNote",
        "Justel Note",
        "Normal",
        '<w:keepLines/><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>',
        '<w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    (
        "character",
        "FootnoteReference",
        "footnote reference",
        "DefaultParagraphFont",
        "",
        '<w:vertAlign w:val="superscript"/>',
    ),
    (
        "character",
        "Hyperlink",
        "Hyperlink",
        "DefaultParagraphFont",
        "",
        '<w:color w:val="0563C1"/><w:u w:val="single"/>',
    ),
    (
        "paragraph",
        "TOCHeading",
        "TOC Heading",
        "Normal",
        '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before="0" w:after="240"/>',
        f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/>',
    ),
    (
        "paragraph",
        "TOC1",
        "toc 1",
        "Normal",
        f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:suppressAutoHyphens/><w:spacing w:before="120" w:after="40"/>',
        "<w:b/>",
    ),
    (
        "paragraph",
        "TOC2",
        "toc 2",
        "Normal",
        f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:suppressAutoHyphens/><w:spacing w:after="40"/><w:ind w:left="220"/>',
        "",
    ),
    (
        "paragraph",
        "TOC3",
        "toc 3",
        "Normal",
        f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:suppressAutoHyphens/><w:spacing w:after="20"/><w:ind w:left="440"/>',
        "",
    ),
    (
        "paragraph",
        "Header",
        "header",
        "Normal",
        '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="808080"/></w:pBdr>'
        '<w:spacing w:after="0"/><w:jc w:val="right"/>',
        '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
    (
        "paragraph",
        "Footer",
        "footer",
        "Normal",
        '<w:spacing w:after="0"/><w:jc w:val="center"/>',
        '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
    (
        "paragraph",
        "Signature",
        "Signature",
        "Normal",
        '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:after="0"/><w:jc w:val="left"/>',
        "",
    ),
    ("paragraph", "SignatureParty", "Signature Party", "Signature", '<w:spacing w:after="120"/>', "<w:b/>"),
    # the space above each name is where the signatory signs
    ("paragraph", "SignatureName", "Signature Name", "Signature", '<w:spacing w:before="1134"/>', ""),
]

# Text tables: thin grey rules, cell margins the writer also assumes (85 twips).
TABLE_GRID = """
<w:style w:type="table" w:styleId="TableGrid">
  <w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
</w:style>
"""

# List formats by name; every level repeats the format, one step further in.
LISTS = [
    ("point", "decimal", lambda n: f"%{n}°"),
    ("letter", "lowerLetter", lambda n: f"%{n})"),
    ("number", "decimal", lambda n: f"%{n}."),
    ("bullet", "bullet", lambda n: "•" if n % 2 else "–"),
]


DEFAULT_STYLES = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList")


def styles_xml() -> str:
    parts = [DEFAULTS]
    for kind, style_id, name, based_on, ppr, rpr in STYLES:
        default = ' w:default="1"' if style_id in DEFAULT_STYLES else ""
        body = f'<w:name w:val="{name}"/>'
        if based_on:
            body += f'<w:basedOn w:val="{based_on}"/>'
        if kind == "paragraph" and style_id.startswith(("Heading", "Title")):
            body += '<w:next w:val="BodyText"/>'
        body += "<w:qFormat/>" if kind == "paragraph" else ""
        if ppr:
            body += f"<w:pPr>{ppr}</w:pPr>"
        if rpr:
            body += f"<w:rPr>{rpr}</w:rPr>"
        if style_id == "TableNormal":
            body += (
                '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
                '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr>"
            )
        parts.append(f'<w:style w:type="{kind}"{default} w:styleId="{style_id}">{body}</w:style>')
    parts.append(TABLE_GRID)
    return f"<w:styles {W_NS}>{''.join(parts)}</w:styles>"


def numbering_xml() -> str:
    nums = []
    for index, (name, fmt, text) in enumerate(LISTS):
        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text(level + 1)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{LIST_STEP * (level + 1)}" w:hanging="{LIST_STEP}"/></w:pPr></w:lvl>'
            for level in range(9)
        )
        nums.append(
            f'<w:abstractNum w:abstractNumId="{index}"><w:nsid w:val="B0C0000{index}"/>'
            f'<w:multiLevelType w:val="multilevel"/><w:name w:val="{name}"/>{levels}</w:abstractNum>'
        )
    return f"<w:numbering {W_NS}>{''.join(nums)}</w:numbering>"


SETTINGS = f"""
<w:settings {W_NS}>
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="709"/>
  <w:autoHyphenation/>
  <w:consecutiveHyphenLimit w:val="2"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
  </w:compat>
  <w:themeFontLang w:val="nl-BE"/>
  <w:decimalSymbol w:val=","/>
  <w:listSeparator w:val=";"/>
</w:settings>
"""


def replace_children(element, xml: str) -> None:
    for child in list(element):
        element.remove(child)
    for child in parse_xml(xml):
        element.append(child)


def drop(rels, reltypes: tuple[str, ...]) -> None:
    """Remove the default template's extras: thumbnail, customXml, web settings."""
    for rId in [rId for rId, rel in rels.items() if rel.reltype in reltypes]:
        rels.pop(rId)


def build() -> bytes:
    document = docx.Document()
    drop(document.part.package.rels, (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES))
    drop(
        document.part.rels,
        (RT.CUSTOM_XML, RT.WEB_SETTINGS, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"),
    )
    replace_children(document.styles.element, styles_xml())
    replace_children(document.part.numbering_part.element, numbering_xml())
    replace_children(document.settings.element, SETTINGS)
    body = document.element.body
    for child in list(body):
        body.remove(child)
    body.append(parse_xml(SECTION.format(ns=W_NS)))
    core = document.core_properties
    core.author = core.last_modified_by = core.title = core.subject = core.keywords = core.comments = ""
    core.revision = 1
    return saved(document)


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
