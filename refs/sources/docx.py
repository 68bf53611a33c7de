"""Word documents (.docx): paragraphs, lists, italics, hyperlinks, footnotes and endnotes.

python-docx opens the package; the paragraphs are read from their XML so that nothing
Word can put in a paragraph is lost: runs (``w:t``, tabs as spaces),
hyperlinks (``w:hyperlink`` with its relationship, and ``HYPERLINK`` field codes),
content controls, tracked insertions (deletions are skipped), italics (direct or
through a character style). Every paragraph is one ``"item"`` block (list numbering
is Word's, not text: each list paragraph is an item), unless line breaks typed inside it
(Shift+Enter) make it a list of lines for the finder; headings name the section.
A footnote becomes an item right after the paragraph that cites it ("footnote N");
endnotes follow the body. Table cells are read like paragraphs.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from refs.model import Library, Report, SourceBlock
from refs.sources.text import BREAK, Builder, absolute

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(el: etree._Element | None) -> bool:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``) is on."""
    return el is not None and el.get(_w("val"), "true").lower() not in ("0", "false", "off", "none")


class _Part:
    """A part's XML and the targets of its hyperlink relationships."""

    def __init__(self, root: etree._Element, rels: dict[str, str]) -> None:
        self.root = root
        self.rels = rels


class _Reader:
    def __init__(self, italic_styles: set[str]) -> None:
        self.italic_styles = italic_styles

    def paragraph(self, p: etree._Element, part: _Part, b: Builder, notes: list[str]) -> None:
        """Append paragraph ``p``'s text to ``b``; footnote ids it cites go to ``notes``."""
        field: dict[str, str] = {"instr": "", "href": "", "state": ""}
        self._content(p, part, b, notes, "", field)

    def _content(self, el: etree._Element, part: _Part, b: Builder, notes: list[str], href: str,
                 field: dict[str, str]) -> None:
        for child in el:
            tag = child.tag
            if tag == _w("r"):
                self._run(child, part, b, notes, href or field["href"], field)
            elif tag == _w("hyperlink"):
                rid = child.get(f"{{{R}}}id")
                target = absolute(part.rels.get(rid, "")) if rid else ""
                self._content(child, part, b, notes, target or href, field)
            elif tag in (_w("ins"), _w("smartTag"), _w("customXml"), _w("fldSimple"), _w("sdt"),
                         _w("sdtContent"), _w("moveTo")):
                inner = href
                if tag == _w("fldSimple"):
                    inner = _field_link(child.get(_w("instr"), "")) or href
                self._content(child, part, b, notes, inner, field)

    def _run(self, r: etree._Element, part: _Part, b: Builder, notes: list[str], href: str,
             field: dict[str, str]) -> None:
        rpr = r.find(_w("rPr"))
        italic = False
        if rpr is not None:
            italic = _on(rpr.find(_w("i")))
            style = rpr.find(_w("rStyle"))
            if style is not None and style.get(_w("val")) in self.italic_styles:
                italic = italic or rpr.find(_w("i")) is None
        for child in r:
            tag = child.tag
            if tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    field.update(instr="", href="", state="instr")
                elif kind == "separate":
                    field.update(href=_field_link(field["instr"]), state="result")
                elif kind == "end":
                    field.update(instr="", href="", state="")
            elif tag == _w("instrText"):
                field["instr"] += child.text or ""
            elif field["state"] == "instr":
                continue
            elif tag == _w("t"):
                b.add(child.text or "", italic, href)
            elif tag == _w("tab"):
                b.add(" ", italic, href)
            elif tag in (_w("br"), _w("cr")):
                b.add(BREAK, italic, href)  # a line break typed inside the paragraph
            elif tag in (_w("noBreakHyphen"),):
                b.add("-", italic, href)
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                if tag == _w("footnoteReference"):
                    notes.append(child.get(_w("id"), ""))


def _field_link(instr: str) -> str:
    m = re.search(r'HYPERLINK\s+"([^"]+)"', instr)
    return absolute(m.group(1)) if m else ""


def _open(data: bytes):  # type: ignore[no-untyped-def]
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from refs.sources import SourceError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise SourceError(f"not a readable Word document (.docx): {exc or type(exc).__name__}") from exc


def _notes(document, reltype: str) -> tuple[dict[str, etree._Element], _Part | None]:  # type: ignore[no-untyped-def]
    """id -> note element of the footnotes or endnotes part, and that part."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            target = rel.target_part
            root = etree.fromstring(target.blob)
            rels = {rid: r.target_ref for rid, r in target.rels.items() if r.is_external}
            kind = "footnote" if reltype == RT_FOOTNOTES else "endnote"
            notes = {n.get(_w("id"), ""): n for n in root.iter(_w(kind))
                     if n.get(_w("type")) in (None, "normal")}
            return notes, _Part(root, rels)
    return {}, None


def blocks(data: str | bytes, source: str = "") -> list[SourceBlock]:
    from refs.sources import SourceError

    if isinstance(data, str):
        data = data.encode("latin-1", "replace")
    document = _open(data)
    try:
        return _blocks(document)
    except (KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise SourceError(f"not a readable Word document (.docx): {exc}") from exc


def _blocks(document) -> list[SourceBlock]:  # type: ignore[no-untyped-def]
    from docx.enum.style import WD_STYLE_TYPE

    italic_styles = {s.style_id for s in document.styles
                     if s.type == WD_STYLE_TYPE.CHARACTER and s.font is not None and s.font.italic}
    heading_styles = {s.style_id for s in document.styles
                      if s.type == WD_STYLE_TYPE.PARAGRAPH and re.match(r"(?i)heading|title", s.name or "")}
    caption_styles = {s.style_id for s in document.styles  # a figure's or table's caption: no reference
                      if s.type == WD_STYLE_TYPE.PARAGRAPH and re.match(r"(?i)caption", s.name or "")}
    reader = _Reader(italic_styles)
    body_part = _Part(document.element, {rid: r.target_ref for rid, r in document.part.rels.items()
                                         if r.is_external})
    footnotes, foot_part = _notes(document, RT_FOOTNOTES)
    endnotes, end_part = _notes(document, RT_ENDNOTES)
    out: list[SourceBlock] = []
    section = ""
    seen_notes: set[str] = set()
    number = 0
    for p in document.element.body.iter(_w("p")):
        if p.getparent() is not None and p.getparent().tag == _w("txbxContent"):
            continue
        b = Builder()
        cited: list[str] = []
        reader.paragraph(p, body_part, b, cited)
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        style_id = style.get(_w("val")) if style is not None else None
        if style_id in heading_styles:
            section = " ".join("".join(x[0] for x in b.parts).split())
        elif not b.empty and style_id not in caption_styles:
            where = f"section {section}" if section else ""
            pieces = b.lines()
            if len(pieces) > 1:  # entries typed one per line (Shift+Enter): the finder joins or splits
                out += [piece.block(kind="line", where=where) for piece in pieces]
                out.append(SourceBlock(text="", kind="line", where=where))
            else:
                out.append(b.block(where=where))
        for nid in cited:
            note = footnotes.get(nid)
            if note is None or nid in seen_notes or foot_part is None:
                continue
            seen_notes.add(nid)
            number += 1
            nb = Builder()
            for para in note.iter(_w("p")):
                if not nb.empty:
                    nb.add(" ")
                reader.paragraph(para, foot_part, nb, [])
            if not nb.empty:
                out.append(nb.block(where=f"footnote {number}"))
    for k, (_nid, note) in enumerate(endnotes.items(), start=1):
        if end_part is None:
            break
        nb = Builder()
        for para in note.iter(_w("p")):
            if not nb.empty:
                nb.add(" ")
            reader.paragraph(para, end_part, nb, [])
        if not nb.empty:
            out.append(nb.block(where=f"endnote {k}"))
    return out


def load_bytes(data: bytes, source: str = "") -> tuple[Library, Report]:
    from refs.sources import load

    return load("docx", data, source=source)
