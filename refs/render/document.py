"""Pandoc-style citations in a Markdown document, formatted in a CSL style.

Recognised: ``[@key]``, ``[@key, p. 210]``, ``[see @a, chap. 3; @b]`` (prefix,
locator with its label, suffix), ``[-@key]`` (author suppressed), and ``@key`` in
running text (author in the text, the rest in parentheses or, for note styles, in a
footnote; ``@key [p. 33]`` adds a locator). Code blocks and code spans are left
alone, as are e-mail addresses. Note styles get Markdown footnotes
(``[^refs-1]``); the bibliography of the cited works is appended under a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from refs.model import Record
from refs.render.cite import Cite, Cluster, Document

_KEY = r"[\w][\w:.#$%&+?<>~/-]*[\w]|[\w]"
_BRACKET_RE = re.compile(r"(?<!\\)\[([^\[\]\n]*?-?@(?:" + _KEY + r")[^\[\]\n]*?)\](?![(:\[])")
# "@key" in running text: at the start of a line or after a space or "(" (not in
# e-mail addresses or URLs such as https://example.org/@name)
_BARE_RE = re.compile(r"(?<![^\s(])@(" + _KEY + r")(?:\s\[([^\[\]\n@]*)\])?")
_ITEM_RE = re.compile(r"^(.*?)(-?)@(" + _KEY + r")(.*)$", re.S)
_LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page", "chap": "chapter", "ch": "chapter",
    "chapter": "chapter", "chapters": "chapter", "sec": "section", "section": "section", "§": "section",
    "§§": "section", "vol": "volume", "vols": "volume", "volume": "volume", "fig": "figure",
    "figs": "figure", "figure": "figure", "para": "paragraph", "paras": "paragraph", "¶": "paragraph",
    "n": "note", "nn": "note", "note": "note", "l": "line", "ll": "line", "line": "line",
    "col": "column", "cols": "column", "bk": "book", "bks": "book", "book": "book", "no": "issue",
    "op": "opus", "pt": "part", "part": "part", "fol": "folio", "fols": "folio", "v": "verse",
    "vv": "verse", "verse": "verse", "s.v": "sub-verbo", "sv": "sub-verbo",
}
_LOCATOR_RE = re.compile(
    r"^\s*(?:(?P<label>[^\W\d]+\.?|§§?|¶|s\.v\.)\s*)?"
    r"(?P<loc>[\divxlcdmIVXLCDM]+[a-z]?(?:\s*[-\u2013,]\s*[\divxlcdmIVXLCDM]+[a-z]?)*)(?P<rest>.*)$", re.S)


class FormatError(ValueError):
    """A citation that cannot be formatted (unknown key); the message names the line."""


@dataclass
class _Found:
    line: int
    start: int
    end: int
    cites: list[Cite]
    in_text: bool  # "@key" in running text: author in the text


def _parse_cite(chunk: str, line: int) -> Cite:
    m = _ITEM_RE.match(chunk)
    if not m:
        raise FormatError(f"line {line}: not a citation: {chunk.strip()!r}")
    prefix, minus, key, rest = m.groups()
    cite = Cite(id=key, prefix=prefix.strip() + " " if prefix.strip() else "", suppress_author=bool(minus))
    rest = rest.strip()
    if rest.startswith(","):
        rest = rest[1:]
    if rest.strip():
        lm = _LOCATOR_RE.match(rest)
        label = None
        if lm:
            raw_label = (lm.group("label") or "").strip()
            label = _LABELS.get(raw_label.rstrip(".").lower()) if raw_label else "page"
        if lm and label:
            cite.locator = lm.group("loc").strip()
            cite.label = label
            suffix = lm.group("rest")
        else:
            suffix = rest
        if suffix.strip():
            cite.suffix = (suffix if suffix.startswith((",", ";", ".")) else " " + suffix.strip()).rstrip()
            if cite.suffix.startswith(("," , ";")):
                cite.suffix = cite.suffix[0] + " " + cite.suffix[1:].strip()
    return cite


def find_citations(text: str) -> list[_Found]:
    """Every Pandoc citation of a Markdown text, outside code, in order."""
    found: list[_Found] = []
    fence: str | None = None
    offset = 0
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        stripped = line.lstrip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            offset += len(line)
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            offset += len(line)
            continue
        if line.startswith(("    ", "\t")) and not stripped.startswith(("-", "*", "+")):
            offset += len(line)
            continue
        code = [(m.start(), m.end()) for m in re.finditer(r"(`+).*?\1", line)]

        def in_code(pos: int, spans: list[tuple[int, int]] = code) -> bool:
            return any(a <= pos < b for a, b in spans)

        taken: list[tuple[int, int]] = []
        for m in _BRACKET_RE.finditer(line):
            if in_code(m.start()):
                continue
            parts = [p for p in m.group(1).split(";") if p.strip()]
            if not all("@" in p for p in parts):
                continue
            cites = [_parse_cite(p, n) for p in parts]
            found.append(_Found(n, offset + m.start(), offset + m.end(), cites, False))
            taken.append((m.start(), m.end()))
        for m in _BARE_RE.finditer(line):
            if in_code(m.start()) or any(a <= m.start() < b for a, b in taken):
                continue
            cite = _parse_cite("@" + m.group(1) + ("," + m.group(2) if m.group(2) else ""), n)
            found.append(_Found(n, offset + m.start(), offset + m.end(), [cite], True))
        offset += len(line)
    found.sort(key=lambda f: f.start)
    return found


def format_document(text: str, records: Iterable[Record | dict[str, Any]], style: str = "apa",
                    locale: str | None = None, heading: str = "References") -> str:
    """``text`` with its citations formatted and the bibliography of the cited works
    appended. Raises :class:`FormatError` naming the line of an unknown key."""
    by_id: dict[str, Record | dict[str, Any]] = {}
    for r in records:
        rid = r.id if isinstance(r, Record) else str(r.get("id", ""))
        by_id.setdefault(rid, r)
    found = find_citations(text)
    cited: list[str] = []
    for f in found:
        for c in f.cites:
            if c.id not in by_id:
                raise FormatError(f"line {f.line}: unknown citation key @{c.id}")
            if c.id not in cited:
                cited.append(c.id)
    doc = Document([by_id[k] for k in cited], style=style, locale=locale)
    note_style = doc.eng.root_attrs.get("class") == "note"
    clusters: list[Cluster] = []
    for n, f in enumerate(found, 1):
        note = n if note_style else 0
        if f.in_text:
            c = f.cites[0]
            clusters.append(Cluster([Cite(id=c.id, author_only=True)], note))
            clusters.append(Cluster([Cite(id=c.id, locator=c.locator, label=c.label, suffix=c.suffix,
                                          suppress_author=True)], note))
        else:
            clusters.append(Cluster(f.cites, note))
    doc.set_clusters(clusters)
    texts = doc.citations("markdown")
    out: list[str] = []
    notes: list[str] = []
    pos = 0
    k = 0
    for f in found:
        out.append(text[pos:f.start])
        if f.in_text:
            author, rest = texts[k], texts[k + 1]
            k += 2
            if note_style:
                notes.append(rest)
                out.append(f"{author}[^refs-{len(notes)}]")
            else:
                rest = rest if rest.startswith(("(", "[")) else f"({rest})"
                out.append(f"{author} {rest}" if author else rest)
        else:
            cit = texts[k]
            k += 1
            if note_style:
                notes.append(cit)
                out.append(f"[^refs-{len(notes)}]")
            else:
                out.append(cit)
        pos = f.end
    out.append(text[pos:])
    body = "".join(out).rstrip("\n") + "\n"
    if notes:
        body += "\n" + "".join(f"[^refs-{i}]: {t}\n" for i, t in enumerate(notes, 1))
    if cited:
        bib = doc.bibliography("markdown")
        if bib.strip():
            entries = [line for line in bib.splitlines() if line.strip()]
            body += f"\n## {heading}\n\n" + "\n\n".join(entries) + "\n"
    return body
