"""PDF documents with a text layer, read with their layout (pdfminer.six).

pdfminer's layout analysis gives every text line with its position. From those:

* **running headers and footers** (a line near the top or bottom edge that repeats on
  other pages, digits aside) and **page numbers** are dropped;
* **columns**: a page whose lines fall into two side-by-side groups is read left
  column first, then right;
* **entries**: a paragraph whose later lines are indented under a flush first line
  (a hanging indent) is split into one ``"item"`` block per entry, also when an
  entry runs on into the next column or page; in flush text, a line ends an entry (or
  a paragraph) where the next line's first word would have fitted on it (a wrapped
  line is full), or where a sentence ends and the next line opens with a name;
* **hyphenation** at a line end is undone ("explo-" + "ration"), unless the document
  writes the hyphenated word elsewhere ("Post-" + "Communist" stays "Post-Communist");
* **links**: URI link annotations become links on the characters they cover;
  italic fonts become italic spans.

An encrypted PDF refs cannot open, or one with no text layer (a scan), is a
:class:`~refs.sources.SourceError`.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from refs.model import Library, Report, SourceBlock
from refs.sources.text import Builder


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    bottom: float
    chars: list[tuple[str, bool, str]] = field(default_factory=list)  # (char, italic, link)
    ends: list[float] = field(default_factory=list)  # each character's right edge (spaces: the last one's)

    @property
    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars).strip()

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _open(data: bytes):  # type: ignore[no-untyped-def]
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError

    from refs.sources import SourceError

    try:
        parser = PDFParser(io.BytesIO(data))
        return PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise SourceError("the PDF is encrypted (it needs a password); save an unprotected copy") from exc
    except PDFSyntaxError as exc:
        raise SourceError(f"not a readable PDF ({exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        if "crypt" in type(exc).__name__.lower() or "password" in str(exc).lower():
            raise SourceError("the PDF is encrypted (it needs a password); save an unprotected copy") from exc
        raise SourceError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc


def _links(page, height: float) -> list[tuple[tuple[float, float, float, float], str]]:  # type: ignore[no-untyped-def]
    """(x0, top, x1, bottom) and URI of the page's link annotations."""
    from pdfminer.pdftypes import resolve1

    out = []
    for annot in resolve1(page.annots) or []:
        a = resolve1(annot)
        if not isinstance(a, dict):
            continue
        action = resolve1(a.get("A"))
        uri = resolve1(action.get("URI")) if isinstance(action, dict) else None
        rect = resolve1(a.get("Rect"))
        if not uri or not rect or len(rect) != 4:
            continue
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8", "replace")
        x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
        out.append(((min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)), str(uri)))
    return out


def read_lines(data: bytes) -> tuple[list[list[Line]], list[float], list[float]]:
    """Every page's text lines (as pdfminer groups them), the page heights and widths."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    from refs.sources import SourceError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its notes on odd files are not the user's
    doc = _open(data)
    if not doc.is_extractable:
        raise SourceError("the PDF does not allow text extraction")
    rsrc = PDFResourceManager()
    device = PDFPageAggregator(rsrc, laparams=LAParams(line_margin=0.3, char_margin=2.0, boxes_flow=None))
    interp = PDFPageInterpreter(rsrc, device)
    pages: list[list[Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    for number, page in enumerate(PDFPage.create_pages(doc), start=1):
        interp.process_page(page)
        layout = device.get_result()
        height = float(layout.height)
        links = _links(page, height)
        lines: list[Line] = []
        _visit(layout, lines, number, height, links)
        pages.append(lines)
        heights.append(height)
        widths.append(float(layout.width))
    if not any(pages):
        raise SourceError("the PDF has no text layer (a scanned document?); run OCR on it first")
    return pages, heights, widths


def _visit(obj, lines: list[Line], number: int, height: float,  # type: ignore[no-untyped-def]
           links: list[tuple[tuple[float, float, float, float], str]]) -> None:
    """Collect the text lines under a layout object, each character with its style and link."""
    from pdfminer.layout import LTChar, LTTextLine

    if isinstance(obj, LTTextLine):
        line: Line | None = None
        last_x1 = None
        for ch in obj:
            text = ch.get_text()
            if isinstance(ch, LTChar):
                # a gap wider than a word space inside one pdfminer line is a column gutter
                if line is None or (last_x1 is not None and ch.x0 - last_x1 > 1.5 * ch.size):
                    if line is not None and line.text:
                        lines.append(line)
                    line = Line(page=number, x0=ch.x0, x1=ch.x1, top=height - obj.y1, bottom=height - obj.y0)
                italic = bool(_ITALIC_FONT.search(ch.fontname))
                cx, cy = (ch.x0 + ch.x1) / 2, height - (ch.y0 + ch.y1) / 2
                href = next((u for (x0, t, x1, b), u in links if x0 <= cx <= x1 and t - 1 <= cy <= b + 1), "")
                line.chars.append((_LIGATURES.get(text, text), italic, href))
                line.ends.append(ch.x1)
                line.x1 = max(line.x1, ch.x1)
                last_x1 = ch.x1
            elif line is not None:  # a space pdfminer inserted: it belongs to the link around it
                line.chars.append((text, False, line.chars[-1][2] if line.chars else ""))
                line.ends.append(line.ends[-1] if line.ends else line.x0)
        if line is not None and line.text:
            lines.append(line)
    elif hasattr(obj, "__iter__"):
        for child in obj:
            _visit(child, lines, number, height, links)


#: italic faces: "Times-Italic", "…-Oblique", "Minion-It", LaTeX's "CMTI10" / "CMSL10"
_ITALIC_FONT = re.compile(r"(?i:ital|obli|\bcm(?:ti|sl|bxti)\d)|[-,][A-Za-z]*It(?=$|[A-Z,\d])")

#: typographic ligatures a PDF may map its glyphs to
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}

_PAGE_NUMBER = re.compile(r"^(?:page|seite|página|pagina|σελίδα|σελ\.|стр\.|p\.)?\s*[-–—(]?\s*\d{1,4}"
                          r"\s*[-–—)]?(?:\s*(?:/|of|von|de|από|из)\s*\d{1,4})?$", re.I)


def _furniture(pages: list[list[Line]], heights: list[float]) -> set[int]:
    """ids of header/footer lines and page numbers."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    edge: list[tuple[Line, str]] = []
    for lines, height in zip(pages, heights, strict=True):
        for line in lines:
            if line.top < height * 0.09 or line.bottom > height * 0.91:
                edge.append((line, key(line)))
    counts = Counter(k for _, k in edge)
    out = set()
    for line, k in edge:
        if _PAGE_NUMBER.match(line.text) or (counts[k] >= 2 and len(pages) > 1):
            out.add(id(line))
    return out


def _columns(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines in reading order, split into columns when it has two."""
    if not lines:
        return []
    mid = width / 2
    left = [ln for ln in lines if ln.x1 <= mid + 2]
    right = [ln for ln in lines if ln.x0 >= mid - 2]
    across = [ln for ln in lines if ln not in left and ln not in right]
    if len(left) >= 3 and len(right) >= 3 and len(across) <= max(2, len(lines) // 10):
        top = min(min(ln.top for ln in left), min(ln.top for ln in right))
        above = [ln for ln in across if ln.bottom <= top]
        below = [ln for ln in across if ln not in above]
        key = lambda ln: (ln.top, ln.x0)  # noqa: E731
        return [sorted(above, key=key), sorted(left, key=key), sorted(right, key=key), sorted(below, key=key)]
    return [sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))]


def blocks(data: str | bytes, source: str = "") -> list[SourceBlock]:
    if isinstance(data, str):
        data = data.encode("latin-1", "replace")
    pages, heights, widths = read_lines(data)
    drop = _furniture(pages, heights)
    columns: list[tuple[int, list[Line]]] = []
    for number, (lines, width) in enumerate(zip(pages, widths, strict=True), start=1):
        for col in _columns([ln for ln in lines if id(ln) not in drop], width):
            if col:
                columns.append((number, col))
    words = Counter(w.lower() for _, col in columns for ln in col
                    for w in re.findall(r"\w+(?:-\w+)+", ln.text))
    return _entries(columns, words)


def _entries(columns: list[tuple[int, list[Line]]], hyphenated: Counter[str]) -> list[SourceBlock]:
    """Blocks from the columns' lines: hanging-indent entries as items, the rest as lines."""
    out: list[SourceBlock] = []
    current: list[Line] = []  # the open hanging-indent entry (may run on into the next column)
    current_page = 0

    def close() -> None:
        nonlocal current
        if current:
            out.append(_join(current, hyphenated, current_page))
        current = []

    flush_right = 0.0  # set when a flush entry was left open at the end of a column
    for page, lines in columns:
        margin = min(ln.x0 for ln in lines)
        pitch = _pitch(lines)
        paragraphs: list[list[Line]] = []
        for ln in lines:
            if paragraphs and ln.top - paragraphs[-1][-1].bottom < pitch * 0.6:
                paragraphs[-1].append(ln)
            else:
                paragraphs.append([ln])
        for p_index, para in enumerate(paragraphs):
            indented = [ln.x0 > margin + 3 for ln in para]
            if current and flush_right:
                # a flush entry left open at the end of the last column: does it go on here?
                if indented[0] or _ends_unit(current[-1], para[0], flush_right):
                    close()
                flush_right = 0.0
            elif current and indented[0]:
                # the hanging-indent entry left open at the end of the last column goes on here
                lead = 0
                while lead < len(para) and indented[lead]:
                    lead += 1
                current += para[:lead]
                para, indented = para[lead:], indented[lead:]
                if not para:
                    continue
                close()
            else:
                close()
            if not indented[0] and any(indented):  # a hanging indent: a flush line opens each entry
                for ln, ind in zip(para, indented, strict=True):
                    if not ind:
                        close()
                        current_page = page
                    current.append(ln)
                continue
            # flush text: a line ends an entry (or a paragraph) where the next line's first word
            # would have fitted on it, or where a sentence ends and a name list begins
            right = max(ln.x1 for ln in lines)
            current_page = current_page if current else page
            last = p_index == len(paragraphs) - 1
            for k, ln in enumerate(para):
                current.append(ln)
                if k + 1 < len(para) and _ends_unit(ln, para[k + 1], right):
                    close()
                    current_page = page
            if last and ln.x1 >= right - 0.15 * (right - margin):
                flush_right = right  # a full last line: the entry may go on in the next column
            else:
                close()
    close()
    return out


_NEXT_ENTRY = re.compile(r"^(?:[A-ZÀ-ÞΑ-ΩА-Я][\w'’\-]+,\s|\[?\d{1,3}[.)\]]\s|[↑^•*]\s?)")
_ENTRY_END = re.compile(r"(?:[.)\]]|\b(?:online|excerpt|pdf|PDF))$")


def _ends_unit(line: Line, nxt: Line, right: float) -> bool:
    """Does ``line`` end where it does because its text ended (not because it was full)?"""
    text, following = line.text, nxt.text
    # the width of the next line's first word, measured on the page
    k = 0
    while k < len(nxt.chars) and nxt.chars[k][0].isspace():
        k += 1
    while k < len(nxt.chars) and not nxt.chars[k][0].isspace():
        k += 1
    word = (nxt.ends[k - 1] - nxt.x0) if k else 0.0
    space = 0.3 * nxt.height
    if line.x1 + space + word < right - 1:
        return True
    return bool(_ENTRY_END.search(text) and _NEXT_ENTRY.match(following))


def _pitch(lines: list[Line]) -> float:
    gaps = sorted(b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top)
    heights = sorted(ln.height for ln in lines)
    typical = heights[len(heights) // 2] if heights else 10.0
    if not gaps:
        return typical
    return max(typical, gaps[len(gaps) // 4]) if len(gaps) > 3 else typical


def _join(lines: list[Line], hyphenated: Counter[str], page: int) -> SourceBlock:
    """One entry's lines as one item: line ends joined with a space, a hyphen at a line
    end undone unless the hyphenated word occurs elsewhere, a URL broken after a slash rejoined."""
    b = Builder()
    prev = ""
    for k, ln in enumerate(lines):
        chars = list(ln.chars)
        while chars and chars[-1][0].isspace():
            chars.pop()
        while chars and chars[0][0].isspace():
            chars.pop(0)
        text = "".join(c for c, _, _ in chars)
        if k:
            m = re.search(r"(\w+)-$", prev)
            nxt = re.match(r"\w+", text)
            if m and nxt and text[:1].islower():
                if f"{m.group(1)}-{nxt.group()}".lower() not in hyphenated:
                    b.parts[-1] = (b.parts[-1][0][:-1], b.parts[-1][1], b.parts[-1][2])  # drop the hyphen
            elif m and nxt:
                pass  # "NATO-" + "Russia": a hyphen that belongs to the word
            elif re.search(r"https?://\S*/$", prev):
                pass
            else:
                b.add(" ")
        for c, italic, href in chars:
            b.add(c, italic, href)
        prev = text
    return _merge(b).block(kind="item", where=f"page {page}")


def _merge(b: Builder) -> Builder:
    """Consecutive characters with the same style as one run (links keep one span)."""
    out = Builder()
    for text, italic, href in b.parts:
        if out.parts and out.parts[-1][1] == italic and out.parts[-1][2] == href:
            out.parts[-1] = (out.parts[-1][0] + text, italic, href)
        else:
            out.add(text, italic, href)
    return out


def load_bytes(data: bytes, source: str = "") -> tuple[Library, Report]:
    from refs.sources import load

    return load("pdf", data, source=source)
