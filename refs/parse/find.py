"""Which lines of a free text are references.

The input may be a whole article: prose with ``[1]`` markers, captions, headings,
footnotes (``↑ ...``, ``^ ...``, ``1. ...``, ``[1] ...``) and a reading list whose
entries may be wrapped over several lines. :func:`entries` first groups lines into
candidate entries (a new entry starts at a list marker, after a blank line, or at a
line that opens with an author list after a line that ended one), then
:func:`score` keeps those that look like a reference: authors, a year where a
reference puts it, a container or publisher, volume/pages, identifiers, and no
inline citation markers or long prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refs.model import Record, SourceBlock
from refs.parse import fields
from refs.parse.authors import split_authors
from refs.parse.state import Parsed

MARKER = re.compile(r"^\s*(?:[↑^\u2191•*]|\[\s*\d+[a-z]?\s*\]|\(\s*\d+\s*\)\s|\d{1,4}[.)]\s+|"
                    r"[a-z]\s+[a-z]\s+[a-z]\s)")
_INLINE_CITE = re.compile(r"[\w.,;:)»”\"]\s?\[\s*\d+\s*\]")
#: an author-date citation inside prose: "(Lample et al., 2016)", "(Kennan 1998; Asmus, 2002)"
#: ("(Routledge, 2008)" has the same shape, so only "et al." or a list of citations counts)
_AUTHOR_DATE_CITE = re.compile(r"[a-z]\s\((?:e\.g\.,?\s|see\s|cf\.\s)?[A-Z][\w'’\-]+"
                               r"(?:\set\sal\.,?\s(?:1[5-9]|20)\d\d"
                               r"|,?\s(?:1[5-9]|20)\d\d[a-z]?;\s[A-Z][^()]*(?:1[5-9]|20)\d\d)[a-z]?[^()]*\)")
_URL_END = re.compile(r"(?:https?://\S+|/)$")

THRESHOLD = 4


@dataclass
class Entry:
    line: int  # 1-based line of the entry's first line
    lines: list[str] = field(default_factory=list)
    marker: bool = False
    indent: int = 0

    @property
    def text(self) -> str:
        out = ""
        for ln in self.lines:
            ln = ln.strip()
            if not out:
                out = ln
            elif out.endswith("-") and ln[:1].islower() and not re.search(r"\d-$", out):
                out = out[:-1] + ln  # a word hyphenated at the line end
            elif _URL_END.search(out) and not out.endswith(" /"):
                out = out + ln
            else:
                out = out + " " + ln
        return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _author_start(line: str) -> bool:
    """Does the line open with a name list (as a reading-list entry does)?"""
    text = fields.strip_marker(fields.normalize(line))
    if len(text) < 20:
        return False
    p = Parsed()
    rest = split_authors(text, p)
    return bool(p.authors or p.editors) and len(rest) > 10


def entries(text: str) -> list[Entry]:
    out: list[Entry] = []
    cur: Entry | None = None
    for i, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            cur = None
            continue
        marker = bool(MARKER.match(raw))
        if cur is not None and not marker and _continues(cur, raw):
            cur.lines.append(raw)
            continue
        cur = Entry(line=i, lines=[raw], marker=marker, indent=_indent(raw))
        out.append(cur)
    return out


def _continues(cur: Entry, line: str) -> bool:
    prev = cur.lines[-1].rstrip()
    s = line.strip()
    if re.match(r"\([a-zA-Z]{2,3}\)\s+\S", s):
        return False  # French/Italian Wikipedia's language tag "(en) " opens an entry
    if _PARTICLE_START.match(s) and _author_start(line):
        return False  # "de la Cruz, M. T., & …", "von Clausewitz, Carl.": a name in lower case
    if re.search(r"(?:https?://|www\.)\S*$", prev):
        # after a URL, only a piece of that URL continues it: "…/reports/" + "2021/ukraine.html"
        first = s.split()[0] if s.split() else ""
        return bool(re.fullmatch(r"[\w\-./?=&%#~+:]+", first)) and ("/" in first or not s[:1].isupper())
    if re.search(r"(?:[-,:&/;]|\band|\bund|\bet|\bin)$", prev):
        return True
    if s[:1].islower() or s[:1].isdigit() or s[:1] in "([" or s.lower().startswith(("pp", "http", "doi")):
        return True
    if re.search(r"doi:\s*10\.\S*$", prev) and s[:1].isupper():
        return False  # a reference that ends with its DOI is complete
    if len(cur.lines) == 1 and _indent(line) > cur.indent:
        return True  # hanging indent
    if len(cur.lines) > 1 and _indent(line) >= _indent(cur.lines[1]) > cur.indent:
        return True
    joined = cur.text
    if _open_quote(joined) or joined.count("(") > joined.count(")"):
        return True  # an open quote or parenthesis: the title goes on
    if _author_start(line) or (s[:1] in "\"“«„" and score_text(s)[0] >= THRESHOLD):
        return False  # a reference of its own
    if re.search(r"[.!?)\]\"”»]$", prev):
        # "Braun, Aurel, ed. Title." + "Routledge, 2008.": the facts of a reference without a year
        before = fields.parse_reference(joined)
        return bool((before.authors or before.editors) and not before.year and len(s) < 80
                    and re.search(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)", s)
                    and not re.search(r"\d\s*[–-]\s*\d", s))
    # an unfinished line of a reference (no closing punctuation) is continued
    return len(prev) > 50 and score_text(cur.text)[0] >= 2 and len(s) < 200


_PARTICLE_START = re.compile(r"(?:von|van|de|del|della|da|di|du|des|la|le|der|den|ten|ter|dos|das|zu|"
                             r"d['’]|l['’])\s*(?:(?:la|der|den|los|las|van)\s+)?[A-ZÀ-ÞĀ-Ž]")


def _open_quote(text: str) -> bool:
    """Is a quotation left open at the end of ``text``? German „…“ closes with the
    English opening mark, so “ is an opener only where no „ is waiting for it."""
    low = text.count("„")
    english_open = text.count("“") - low
    return text.count('"') % 2 == 1 or english_open > text.count("”") or low > text.count("“") or \
        text.count("«") > text.count("»")


def score_text(text: str, record: Record | None = None) -> tuple[int, Record]:
    """How much ``text`` looks like a bibliographic reference (≥ THRESHOLD: keep)."""
    rec = record or fields.parse_reference(text)
    csl = rec.csl
    score = 0
    words = len(text.split())
    if csl.get("author") or csl.get("editor"):
        score += 2
    if csl.get("issued") or re.search(r"\((?:n\.\s?d|s\.\s?f|s\.\s?d|o\.\s?J|б\.\s?г)\.\)", text):
        score += 2  # (an explicit "no date" where the year goes counts as one)
    if csl.get("container-title") or csl.get("publisher") or csl.get("publisher-place"):
        score += 1
    if csl.get("volume") or csl.get("issue") or ("-" in str(csl.get("page", ""))):
        score += 2
    if csl.get("DOI") or csl.get("URL") or csl.get("ISBN"):
        score += 2
    if rec.type == "thesis":
        score += 1
    if rec.type == "standard":
        score += 2  # a standard's designation ("IEEE Std 754-2019") is as telling as a volume
    if csl.get("accessed") or rec.custom("archive-date"):
        score += 2  # "Retrieved 5 October 2020", "Archived ... at the Wayback Machine"
    title = str(csl.get("title", ""))
    if not title or re.fullmatch(r"(?:pp?|S|С|ibid|Ibid|op\. cit)\.?\s*[\d\-–, ]*\.?", title):
        score -= 3  # a short citation ("Asmus 2002, p. 210", "Ibid., p. 5") points to a reference
    if re.search(r"(?:^|\s)[“\"«„][^”\"»“]{8,}[”\"»“]", text):
        score += 1
    # prose: inline citation markers after words, many sentences, very long lines
    if re.match(r"\s*(?:Figure|Fig\.|Table|Image|Photo|Map|Chart|Εικόνα|Πίνακας|Рис\.|Рисунок|Таблица|"
                r"Abbildung|Abb\.|Tabelle|Tableau|Tabla|Tabella|Figura)\b", text):
        score -= 3  # a caption
    body = MARKER.sub("", text, count=1)
    if _INLINE_CITE.search(body):
        score -= 5
    elif _AUTHOR_DATE_CITE.search(body):
        score -= 4
    if words > 90:
        score -= 3
    sentences = len(re.findall(r"[a-zα-ωа-я]{3,}[.!?]\s+[A-ZΑ-ΩА-Я]", text))
    if sentences >= 3 and not (csl.get("author") and csl.get("issued")):
        score -= 2  # (a reference with authors and a year may well have three full stops)
    return score, rec


def find(text: str, source: str = "") -> list[Record]:
    """The references in ``text`` as parsed records, in input order (ids not yet set)."""
    return [rec for rec, _ in find_blocks(text_blocks(text), source=source)]


def text_blocks(text: str) -> list[SourceBlock]:
    """Plain text as blocks: one ``"line"`` block per line (blank lines kept, empty)."""
    return [SourceBlock(text=ln, kind="line", line=i) for i, ln in enumerate(text.splitlines(), start=1)]


def _block_entries(blocks: list[SourceBlock]) -> list[tuple[Entry, list[int]]]:
    """Candidate entries with the indices of the blocks each came from: runs of
    ``"line"`` blocks are joined as plain text is; every ``"item"`` block is one entry."""
    out: list[tuple[Entry, list[int]]] = []
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        lines = [blocks[i] for i in run]
        text = "\n".join(b.text for b in lines)
        for e in entries(text):
            idx = [run[k] for k in range(e.line - 1, e.line - 1 + len(e.lines))]
            e.line = lines[e.line - 1].line or e.line
            out.append((e, idx))
        run.clear()

    for i, b in enumerate(blocks):
        if b.kind == "line" and b.record is None:
            run.append(i)
            continue
        flush()
        if b.record is None:
            text = " ".join(b.text.split())
            out.append((Entry(line=b.line or 0, lines=[text], marker=bool(MARKER.match(text))), [i]))
        else:
            out.append((Entry(line=b.line or 0, lines=[]), [i]))
    flush()
    return out


def find_blocks(blocks: list[SourceBlock], source: str = "") -> list[tuple[Record, list[int]]]:
    """The references in a document's blocks, each with the indices of the blocks it
    came from, in document order (ids not yet set). Structured blocks pass through."""
    out: list[tuple[Record, list[int]]] = []
    for e, idx in _block_entries(blocks):
        given = blocks[idx[0]].record
        if given is not None:
            out.append((given, idx))
            continue
        rec = _judge(e, source, [r for r, _ in out])
        if rec is not None:
            rec.origin.line = blocks[idx[0]].line
            rec.origin.where = blocks[idx[0]].where
            out.append((rec, idx))
    return out


def _judge(e: Entry, source: str, out: list[Record]) -> Record | None:
    """The entry's record when it looks like a reference, else None."""
    raw = e.text
    if len(raw) < 15:
        return None
    rec = fields.parse_reference(raw, source=source, line=e.line)
    score, _ = score_text(raw, rec)
    if e.marker:
        score += 1
    if fields.is_ditto(raw) and out and not (rec.csl.get("author") or rec.csl.get("editor")):
        prev = out[-1].csl
        for role in ("author", "editor"):
            if prev.get(role):
                rec.csl[role] = [dict(n) for n in prev[role]]
                score += 2
                break
    return rec if score >= THRESHOLD else None
