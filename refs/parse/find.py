"""Which lines of a free text are references.

The input may be a whole article: prose with ``[1]`` markers, captions, headings,
footnotes (``↑ ...``, ``^ ...``, ``1. ...``, ``[1] ...``) and reading lists, written one
reference per line or wrapped over several lines. Source readers (HTML, PDF, Word) hand
the finder :class:`~refs.model.SourceBlock` s: ``"line"`` blocks are lines of text that a
reference may wrap over; an ``"item"`` block (a list item, a footnote, a paragraph) is
never joined with another, only judged (and split when it is very long).

How lines become entries, in three steps that are each linear in the input:

1. **Lines.** Every line of a run of consecutive non-blank lines is judged on its own:
   its indentation, its list marker, and whether it *is a complete reference by itself*
   (it parses and :func:`score_text` reaches :data:`THRESHOLD`). A line longer than
   :data:`MAX_REF` characters is first cut where a new reference starts (a list marker or
   an author list after a full stop); a piece still longer than that is prose, not parsed.
2. **Block vote.** Where most lines around a line (:data:`LIST_SHARE` of a window of
   :data:`WINDOW` lines either side, within the run) are complete references, the list is
   written one per line: every line is an entry of its own, whatever it starts with (a
   title, an ALL-CAPS name, "Introducción a … / coordinador"), unless the line is plainly
   the rest of the line before (a hanging indent, a word hyphenated at the line end, a
   quotation the line before left open and this line closes, or a line that is not a
   reference by itself after a line that ends in a comma, colon, "&" or "and"). Elsewhere
   lines are wrapped entries and are joined: after a line ending in ``-``, ``,``, ``:``
   or an open quote or parenthesis, before a line starting in lower case, at a hanging
   indent, and unless the line starts with an author list.
3. **Judge.** Each entry is parsed and kept when :func:`score_text` reaches
   :data:`THRESHOLD` (authors, a year where a reference puts it, a container or
   publisher, volume/pages, identifiers; minus inline citation markers, captions, long
   prose); a line of a one-per-line list needs only :data:`LIST_THRESHOLD`.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, overload

from refs.model import Origin, Record, SourceBlock, fold
from refs.parse import fields
from refs.parse.features import CUES

#: a list marker at the start of a line: bullets (a hyphen too), "[12]", "(12)", "12." / "12)" (any width;
#: not a year in parentheses: "(2004) online" is the rest of a wrapped reference)
MARKER = re.compile(r"^\s*(?:[↑^\u2191•*·■▪◦‣►]|\[\s*\d+[a-z]?\s*\]|(?!\((?:1[5-9]|20)\d\d\))\(\s*\d+\s*\)\s|"
                    r"\d+[.)]\s+|[a-z]\s+[a-z]\s+[a-z]\s"
                    # a hyphen as a bullet ("- A Hora da Estrela (…)"; not GOST's next area: "- М.: Наука")
                    r"|-\s+(?![^\W\d_]{1,4}\.|\d|№|ISBN|URL|С\.|с\.)(?=\S))")
#: how many pages a book has: "334 blz.", "352 págs.", "240 pp.", "159 p.", "528 с.", "XII, 310 S."
_EXTENT = re.compile(r"(?<!\d)\d{2,4}\s*(?:pp|p|blz|págs?|pag|pagine|páginas|pages|S|Seiten|с|стр|sider|s|lk"
                     r"|old)\.?(?![^\W\d_])")
_YEAR_FIRST = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)\s+[^\W\d_]")
_YEAR_DOT = re.compile(r"\s*(?:1[5-9]|20)\d\d\.\s")
#: a numbered marker the finder takes off itself before parsing (the parser knows short ones only)
_NUMBER = re.compile(r"^\s*(?:\[\s*\d+[a-z]?\s*\]|(?!\((?:1[5-9]|20)\d\d\))\(\s*\d+\s*\)|\d+[.)])\s+(?=\S)")
#: an inline citation marker after a word: "…cooperation.[5]" (not a year: "1984 [1970]"; not a
#: number set apart at the end of a line, a list's label or shelf mark: "… p.467 [15]")
_MARKER_NUMBER = r"\s*(?!(?:1[5-9]|20)\d\d\s*\])\d+\s*\]"
_INLINE_CITE = re.compile(rf"[\w.,;:)»”\"](?:\[(?={_MARKER_NUMBER})|\s\[(?={_MARKER_NUMBER}(?!\W*$)))")
#: an author-date citation inside prose: "(Lample et al., 2016)", "(Kennan 1998; Asmus, 2002)"
#: ("(Routledge, 2008)" has the same shape, so only "et al." or a list of citations counts)
_AUTHOR_DATE_CITE = re.compile(r"[a-z]\s\((?:e\.g\.,?\s|see\s|cf\.\s)?[A-Z][\w'’\-]+"
                               r"(?:\set\sal\.,?\s(?:1[5-9]|20)\d\d"
                               r"|,?\s(?:1[5-9]|20)\d\d[a-z]?;\s[A-Z][^()]*(?:1[5-9]|20)\d\d)[a-z]?[^()]*\)")
_URL_END = re.compile(r"(?:https?://\S+|/)$")
_SENTENCE = re.compile(r"[a-zα-ωа-я]{3,}[.!?]\s+[A-ZΑ-ΩА-Я]")
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
#: where a reference starts inside a very long line: a list marker after a space, or
#: "Family, G." / "Family, Given" after the end of a sentence
_REF_MARK = r"(?<=\s)(?=\[\d{1,6}\]\s|[↑^]\s?\S)"
_REF_START = re.compile(_REF_MARK +
                        r"|(?<=[.!?)»”\"] )(?=\d{1,6}\.\s+[A-ZÀ-ÞΑ-ΩА-Я]|[A-ZÀ-ÞΑ-ΩА-Я][\w'’\-]{1,30},\s"
                        r"(?:[A-ZÀ-ÞΑ-ΩА-Я]\.|[A-ZÀ-ÞΑ-ΩА-Я][a-zà-ÿα-ωа-я]+[ ,.]))")
#: a list's own markers ("[12] ", "↑ "): where a text has them, references start there only (a
#: title "Harbours, Part 2." after "[2] Lee, Ann." is shaped as a name)
_MARK_START = re.compile(_REF_MARK)
#: "Technik- und Umweltgeschichte": a hyphen before a conjunction is kept at a line break
_CONJUNCTION = re.compile(r"(?:and|or|und|oder|et|ou|y|e|o|и|или)\b")
_PARTICLE_START = re.compile(r"(?:von|van|de|del|della|da|di|du|des|la|le|der|den|ten|ter|dos|das|zu|"
                             r"d['’]|l['’])\s*(?:(?:la|der|den|los|las|van)\s+)?[A-ZÀ-ÞĀ-Ž]")
#: the small tests of how lines start and end (compiled once: they run on every line)
_DIGIT_HYPHEN_END = re.compile(r"\d-$")
_DASH_START = re.compile(r"\W*[—–_\-]")
_URL_CHARS = re.compile(r"[\w\-./?=&%#~+:]+")
_URL_MARK = re.compile(r"[\d/.=?&%#~_\-]")
_WORD2 = re.compile(r"\w{2,}")
_NUMBER_DOT = re.compile(r"\s*\d+\.\s")
_OPEN_END_CHAR = re.compile(r"[,:;—–\-№]$")
_URL_AT_END = re.compile(r"(?:https?://|www\.)\S*$")
_WORD_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_GOST_AREA = re.compile(r"[—–]\s+(?!(?:1[5-9]|20)\d\d[a-z]?\s*:)(?:[^\W\d_]{1,4}\.|\d|№|ISBN|URL)")
_LANG_TAG = re.compile(r"\([a-zA-Z]{2,3}\)\s+\S")
_ENDS_OPEN = re.compile(r"(?:[,:&/]|\band|\bund|\bet)$")
_LETTER_END = re.compile(r"[^\W\d_]$")
_ENDED = re.compile(r"[.!?)\]\"”»;\d]$")
_JOINING_END = re.compile(r"(?:[-;]|\bin)$")
_SENTENCE_END = re.compile(r"[.!?)\]\"”»]$")
_RANGE_IN = re.compile(r"\d\s*[–-]\s*\d")


#: score at which an entry is kept as a reference
THRESHOLD = 4
#: score at which a line of a one-per-line list is kept (when it has authors, a container,
#: volume, pages, a publisher or an identifier: see ``_LIST_CORE``)
LIST_THRESHOLD = 1
#: … where only the layout says it is a list (a heading among the lines has as little)
RAGGED_THRESHOLD = 1
#: a "reference" longer than this is prose (very long lines are cut into references first)
MAX_REF = 2000
#: the shortest line a margin cuts in mid-sentence (a list of short lines "Title – Author" is no
#: narrow column)
MIN_WRAPPED = 50
#: share of complete references among the lines around a line that makes a one-per-line list
LIST_SHARE = 0.6
#: how many lines either side of a line the vote looks at
WINDOW = 12
#: a window where this share of lines ended before the width (the next line's first word
#: would have fitted) is laid out one reference per line, not wrapped; there a line that is
#: plausibly a reference (score 1) votes as a complete one does
RAGGED_SHARE = 0.6


@dataclass(slots=True)
class Line:
    """One line (or one piece of a very long line)."""

    text: str  # as written, right-stripped
    line: int | None  # 1-based line of the document, when it has lines
    block: int  # index of the SourceBlock it came from
    prose: bool = False  # longer than MAX_REF even after cutting: never a reference
    #: does it start with a list marker (told once: asked about many times)
    marker: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.marker = bool(MARKER.match(self.text))

    @property
    def s(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))


@dataclass(slots=True)
class Entry:
    """Consecutive lines taken as one candidate reference."""

    parts: list[Line]
    text: str = ""  # the lines joined (a word hyphenated at a line end rejoined)
    one_per_line: bool = False  # the entry sits in a one-per-line list
    ragged: bool = False  # … known by its layout only (lines ended short, few complete references)
    by_prose: bool = False  # a paragraph of prose is next to it (a heading or caption, not a list line)
    rec: Record | None = None  # the parse of ``text`` once made (shared: copied before a change)
    score: int | None = None

    @classmethod
    def start(cls, ln: Line) -> Entry:
        return cls(parts=[ln], text=ln.s)

    @property
    def line(self) -> int | None:
        return self.parts[0].line

    @property
    def blocks(self) -> list[int]:
        return list(dict.fromkeys(p.block for p in self.parts))

    @property
    def s(self) -> str:
        return self.parts[0].s

    @property
    def marker(self) -> bool:
        return self.parts[0].marker

    @property
    def indent(self) -> int:
        return self.parts[0].indent

    @property
    def prose(self) -> bool:
        return self.parts[0].prose if len(self.parts) == 1 else any(p.prose for p in self.parts)

    def add(self, ln: Line) -> None:
        s, out = ln.s, self.text
        if out.endswith("-") and s[:1].islower() and not _DIGIT_HYPHEN_END.search(out[-2:]) and \
                not _CONJUNCTION.match(s):
            self.text = out[:-1] + s  # a word hyphenated at the line end
        elif _URL_END.search(out) and not out.endswith(" /") and _url_piece(s):
            self.text = out + s
        else:
            self.text = out + " " + s
        self.parts.append(ln)
        self.rec = self.score = None

    def extend(self, other: Entry) -> None:
        for ln in other.parts:
            self.add(ln)

    def parsed(self, source: str = "") -> tuple[int, Record]:
        """(score_text, record) of the entry's text, parsed once (prose is not parsed).
        The record is :func:`_scored`'s, shared by every entry of that text: read it, or
        take :func:`_own_copy` of it."""
        if self.rec is None and _plain_prose(self.text):
            self.rec, self.score = Record(id="", origin=Origin("text", source, self.line, self.text)), -9
        if self.rec is None or self.score is None:
            self.score, self.rec = _scored(self.text)
        return self.score, self.rec

    def complete(self, source: str = "") -> bool:
        """Is the entry a whole reference by itself?"""
        if self.prose or len(self.text) < 15:
            return False
        score, rec = self.parsed(source)
        if score + self.marker >= THRESHOLD:
            return True
        # a title and its authors with a publisher or a date ("Title, de Author (Publisher)"):
        # whole, though short of the threshold
        csl = rec.csl
        return score + self.marker >= THRESHOLD - 1 and bool(csl.get("title")) and bool(csl.get("author"))


def _plain_prose(text: str) -> bool:
    """Prose that no reference looks like, told without parsing: a paragraph of 40 words
    or more with inline citation markers ("…cooperation.[5] After …")."""
    body = MARKER.sub("", text, count=1)
    return len(body) > 200 and bool(_INLINE_CITE.search(body)) and len(body.split()) >= 40


#: how many candidate texts of one document :func:`_scored` remembers (a document repeats
#: lines: running heads, "Ibid.", a reference cited in full in several footnotes)
PARSE_MEMO = 4096


@lru_cache(maxsize=PARSE_MEMO)
def _parsed(text: str) -> Record:
    """The parser's record for a string, remembered: parsing depends on the string alone,
    so a string seen before is not parsed again. The record has no source or line and is
    shared (never changed: :func:`_own_copy` gives an entry its own)."""
    return fields.parse_reference(text)


@lru_cache(maxsize=PARSE_MEMO)
def _scored(text: str) -> tuple[int, Record]:
    """(score_text, the parser's shared record) for one candidate's text. A numbered
    marker of any width is taken off here ("10000. Smith …"; the same reference under
    another number is not parsed again), and the record keeps the string as written."""
    m = _NUMBER.match(text)
    rec = _parsed(text[m.end():] if m else text)
    if m:
        o = rec.origin  # (the numbered string's record shares the parse's values: neither is changed)
        rec = Record(id=rec.id, type=rec.type, csl=rec.csl, aliases=rec.aliases, provenance=rec.provenance,
                     origin=Origin(o.format, o.file, o.line, text.strip(), o.where))
    return score_text(text, rec)[0], rec


def _forget() -> None:
    """Forget the parses remembered (they are one document's)."""
    _scored.cache_clear()
    _parsed.cache_clear()


def _copied(value: Any) -> Any:
    """A deep copy of a CSL value (dicts, lists, strings, numbers), each container the
    size of the original (a copy grown item by item takes more room)."""
    if isinstance(value, dict):
        out = value.copy()
        for k, v in out.items():
            if isinstance(v, (dict, list)):
                out[k] = _copied(v)
        return out
    if isinstance(value, list):
        out_list = value.copy()
        for i, v in enumerate(out_list):
            if isinstance(v, (dict, list)):
                out_list[i] = _copied(v)
        return out_list
    return value


def _own_copy(rec: Record, source: str, line: int | None) -> Record:
    """A shared parse as a record of its own, from ``source`` at ``line`` (provenance
    notes are values, shared)."""
    o = rec.origin
    return Record(id=rec.id, type=rec.type, csl=_copied(rec.csl),
                  origin=Origin(o.format, source, line, o.text, o.where), aliases=list(rec.aliases),
                  provenance=dict(rec.provenance))


def _pieces(text: str) -> list[tuple[str, bool]]:
    """A text cut where references start when it is longer than MAX_REF: (piece, prose)
    pairs; a piece still longer than MAX_REF is prose. Linear: one regex scan."""
    if len(text) <= MAX_REF:
        return [(text, False)]
    marks = [m.start() for m in _MARK_START.finditer(text)]
    starts = marks if len(marks) >= 2 else [m.start() for m in _REF_START.finditer(text)]
    cuts = [0, *starts, len(text)]
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b].strip()
        if piece:
            out.append((piece, len(piece) > MAX_REF))
    return out


def _ditto(s: str) -> bool:
    """ "———. Title" (told cheaply first: the parser's test normalises the string)."""
    return bool(_DASH_START.match(s)) and fields.is_ditto(s)


def _url_piece(s: str) -> bool:
    """Does a line start with the rest of a URL ("…/reports/" + "2021/ukraine.html")?"""
    first = next(iter(s.split(None, 1)), "")  # (the first word: the rest is not split)
    return bool(_URL_CHARS.fullmatch(first) and _URL_MARK.search(first)) and (
        "/" in first or not s[:1].isupper())


def _names_first(e: Entry, source: str) -> bool:
    """Does the entry open with a name list (as a reading-list entry does)?"""
    if len(e.text) < 20:
        return False
    rec = e.parsed(source)[1]
    names = rec.csl.get("author") or rec.csl.get("editor") or []
    if not names or not rec.title:
        return False
    words = _WORD2.findall(names[0].get("family") or names[0].get("literal") or "")
    head = e.text[:80]
    return any(map(head.__contains__, words))


def _has_names(e: Entry, source: str) -> bool:
    rec = e.parsed(source)[1]
    return bool(rec.csl.get("author") or rec.csl.get("editor"))


def _unbalanced(text: str) -> bool:
    return _open_quote(text) or text.count("(") > text.count(")")


def _too_long(cur: Entry, ln: Line) -> bool:
    return ln.prose or cur.prose or len(cur.text) + len(ln.text) > MAX_REF


def _rest_of(cur: Entry, ln: Line) -> bool:
    """Is ``ln`` plainly the rest of ``cur``, however the list is written: a hanging
    indent, a word hyphenated at the line end, a quotation or parenthesis ``cur`` left
    open and ``ln`` closes, the rest of a URL?"""
    prev = cur.parts[-1].text.rstrip()
    if _too_long(cur, ln) or _ditto(ln.s):
        return False
    if ln.marker and not (_NUMBER_DOT.match(ln.text) and ln.indent > cur.indent
                          and (_YEAR_DOT.match(ln.text) or _OPEN_END_CHAR.search(prev[-1:]))):
        return False  # (a year, or a page after "…, 1931):", on an indented line is no list number)
    s = ln.s
    if ln.indent > cur.indent and (len(cur.parts) == 1 or ln.indent >= cur.parts[1].indent):
        return True  # a hanging indent
    if _URL_AT_END.search(prev):
        return _url_piece(s)  # after a URL, only a piece of that URL continues it
    if _WORD_HYPHEN_END.search(prev[-2:]) and s[:1].islower():
        return True
    if _GOST_AREA.match(s):
        return True  # GOST's next area: "— М.: Восток, 2007. — 448 с."
    return _unbalanced(cur.text) and not _unbalanced(cur.text + " " + s)


def _continues(cur: Entry, nxt: Entry, source: str, width: int, margin: int, wrapped: bool) -> bool:
    """Is the unit ``nxt`` the rest of the entry ``cur`` (``nxt.one_per_line``: in a
    one-per-line list; ``width``: the run's median line length; ``margin``: the width the
    run is set in, see :func:`_width`; ``wrapped``: most of the run's lines end at that
    width)? (The tests of how a line ends look at its last characters only: a search
    anchored at the end of a long line would try every position.)"""
    if (nxt.marker and (nxt.one_per_line or not _YEAR_DOT.match(nxt.s))) or _too_long(cur, nxt.parts[0]) \
            or _ditto(nxt.s):
        return False  # (in a wrapped list "2014. University of …" is the rest of an entry, not number 2014)
    prev = cur.parts[-1].text.rstrip().rstrip("*†‡")
    s = nxt.s
    full = len(prev) >= 0.75 * width  # a wrapped line is as long as most; a line that ends early ended
    # the next line's first word would have fitted at the end of this one: the line was ended
    # on purpose, not by the margin
    early = _fits(len(prev), len(s.split(None, 1)[0]) if s else 0, margin)
    if _LANG_TAG.match(s):
        return False  # French/Italian Wikipedia's language tag "(en) " opens an entry
    if _PARTICLE_START.match(s) and _names_first(nxt, source):
        return False  # "de la Cruz, M. T., & …", "von Clausewitz, Carl.": a name in lower case
    if _URL_AT_END.search(prev):
        return False  # (the rest of a URL was joined already)
    ends_open = _ENDS_OPEN.search(prev[-4:])
    if ends_open and nxt.one_per_line and s[:1].isupper() and prev.endswith((",", ";")) \
            and _plausible(cur, source) and _plausible(nxt, source):
        ends_open = None  # (a list whose lines end in commas: "La triomphante (Adelphi)," + "Giorni
        # selvaggi di William Finnegan (66th and 2nd),": each line a reference of its own)
    if ends_open and not cur.complete(source):
        return True  # "…, Paris," + "Plon, 2004, 662 p."
    if nxt.one_per_line:
        # in a one-per-line list a line is an entry unless it is no reference by itself
        # and the entry before plainly goes on
        if _LETTER_END.search(prev[-1:]) and full and not early and len(prev) >= MIN_WRAPPED \
                and cur.complete(source) \
                and not _has_names(nxt, source) and s[:1] not in "\"“«„":
            return True  # "… European" + "Security 7.2 (1998): 13-29.": a line cut in mid-sentence
        ended = _ENDED.search(prev[-1:])
        cut = not (ended or early) and len(prev) >= MIN_WRAPPED  # (ended by the margin, not on purpose)
        return not nxt.complete(source) and bool(ends_open or cut or s[:1].islower()
                                                 or s.lower().startswith(("pp", "http", "doi")))
    # a wrapped list
    if _JOINING_END.search(prev[-3:]) or ends_open:
        return True
    if _YEAR_FIRST.match(s) and cur.parsed(source)[1].year:
        return False  # "(1992) Title, Publisher" after an entry with its own year: a CV's list
    if s[:1].islower() or s[:1].isdigit() or s[:1] in "([" or s.lower().startswith(("pp", "http", "doi")):
        return True
    if _unbalanced(cur.text):
        return True  # an open quote or parenthesis: the title goes on
    if _names_first(nxt, source):
        return False  # a reference of its own
    score, before = cur.parsed(source)
    if _SENTENCE_END.search(prev[-1:]):
        if wrapped and not early and len(prev) > 40 and not nxt.complete(source):
            return True  # a sentence of the reference ended where the margin did
        # "Braun, Aurel, ed. Title." + "Routledge, 2008.": the facts of a reference without a year
        return bool((before.authors or before.editors) and not before.year and len(s) < 80
                    and _YEAR.search(s) and not _RANGE_IN.search(s))
    # an unfinished line of a reference (no closing punctuation) is continued
    return len(prev) > 50 and full and not early and score >= 2 and len(s) < 200


def _open_quote(text: str) -> bool:
    """Is a quotation left open at the end of ``text``? German „…“ closes with the
    English opening mark, so “ is an opener only where no „ is waiting for it."""
    low = text.count("„")
    english_open = text.count("“") - low
    return text.count('"') % 2 == 1 or english_open > text.count("”") or low > text.count("“") or \
        text.count("«") > text.count("»")


def _vote(units: list[Entry], source: str, lines: list[bool] | None = None) -> None:
    """The block vote: mark the units around which most units are complete references
    by themselves as sitting in a one-per-line list (``lines``: which units are lines of
    plain text, whose layout can tell a list; paragraphs and list items have no width)."""
    n = len(units)
    if n < 2:
        return
    # (running counts and lengths as machine integers: a 100,000-line run would hold 400,000 int objects)
    acc, ragged, plausible = array("l", [0]), array("l", [0]), array("l", [0])
    last = array("l", [len(u.parts[-1].text.rstrip()) for u in units])
    for i, u in enumerate(units):
        acc.append(acc[-1] + u.complete(source))
        plausible.append(plausible[-1] + _plausible(u, source))
        a, b = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        nxt = units[i + 1].s.split(None, 1)[:1] if i + 1 < n else []
        ragged.append(ragged[-1] + bool(nxt and (lines is None or lines[i] and lines[i + 1])
                                        and _fits(last[i], len(nxt[0]), _width(last[a:b]))))
    paragraph = array("b", [u.prose or _paragraph(u.text) for u in units])
    for i, u in enumerate(units):
        u.by_prose = bool((i > 0 and paragraph[i - 1]) or (i + 1 < n and paragraph[i + 1]))
        a, b = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        share = LIST_SHARE * (b - a)
        u.one_per_line = acc[b] - acc[a] >= share
        if not u.one_per_line and ragged[b] - ragged[a] >= RAGGED_SHARE * (b - a) \
                and plausible[b] - plausible[a] >= share:
            u.one_per_line = u.ragged = True


def _plausible(u: Entry, source: str) -> bool:
    """Could the unit be a reference of a list by itself (something of one and a title that
    is not a locator: "Asmus 2002, p. 210" points to a reference)?"""
    if len(u.text) < 15 or u.prose:
        return False
    score, rec = u.parsed(source)
    return score >= 1 and _titled(str(rec.csl.get("title", "")))


def _width(lengths: Sequence[int]) -> int:
    """The width a run of lines is set in: its 90th-percentile line length."""
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))] if ordered else 0


def _fits(length: int, word: int, width: int) -> bool:
    """Would the next line's first word have fitted within the width at the end of a line
    of ``length``? Then the line was ended on purpose, not by the margin."""
    return length + 1 + word <= width


def _units(run: list[Line]) -> list[Entry]:
    """The lines of one run joined where they are plainly one reference's."""
    units: list[Entry] = []
    for ln in run:
        if units and _rest_of(units[-1], ln):
            units[-1].add(ln)
        else:
            units.append(Entry.start(ln))
    return units


def _join(units: list[Entry], source: str) -> Iterator[Entry]:
    """The units of one run joined as the layout says (after the vote), each entry given
    out once the next unit starts another; ``units`` is emptied on the way (a unit, once
    joined or given out, is not held)."""
    lengths = array("l", sorted(len(ln.text) for u in units for ln in u.parts))
    width = lengths[len(lengths) // 2]  # the run's usual line length (a long URL line does not count)
    margin = _width(lengths)
    del lengths
    lines = [ln.text.rstrip() for u in units for ln in u.parts]
    ended = sum(not _fits(len(a), len(next(iter(b.split(None, 1)), "")), margin)
                for a, b in zip(lines, lines[1:], strict=False))
    wrapped = ended >= 0.5 * (len(lines) - 1) > 0
    del lines
    units.reverse()
    cur: Entry | None = None
    while units:
        u = units.pop()
        if cur is not None and _continues(cur, u, source, width, margin, wrapped):
            cur.extend(u)
        else:
            if cur is not None:
                yield cur
            cur = u
    if cur is not None:
        yield cur


def _named(name: dict[str, str]) -> bool:
    """A name or an organisation's name (no digits: "Την 1η" is a date read as a name)."""
    return not any(ch.isdigit() for ch in name.get("family") or name.get("literal") or "")


#: a "title" that only points into another reference ("p. 210", "Ibid., p. 5")
_LOCATOR = re.compile(r"(?:pp?|S|С|ibid|Ibid|op\. cit)\.?\s*[\d\-–, ]*\.?")


def _titled(title: str) -> bool:
    return bool(title) and not _LOCATOR.fullmatch(title)


_NO_DATE = re.compile(r"(?:\(|,\s|\.\s)(?:n\.\s?d|s\.\s?f|s\.\s?d|o\.\s?J|б\.\s?г)\.")
_OPENING_QUOTES = ("“", '"', "«", "„")
_QUOTED = re.compile(r"(?:^|\s)[“\"«„][^”\"»“]{8,}[”\"»“]")
_CAPTION = re.compile(r"\s*(?:Figure|Fig\.|Table|Image|Photo|Map|Chart|Εικόνα|Πίνακας|Рис\.|Рисунок|Таблица|"
                      r"Abbildung|Abb\.|Tabelle|Tableau|Tabla|Tabella|Figura)\b")


def _publisher_word(publisher: str) -> bool:
    """Does the name have a word only publishers' names have ("Press", "Verlag", "Books")?"""
    return any(CUES.get(fold(w).strip(".,;:()")) == "pub" for w in str(publisher).split())


def score_text(text: str, record: Record | None = None) -> tuple[int, Record]:
    """How much ``text`` looks like a bibliographic reference (≥ THRESHOLD: keep)."""
    rec = record or fields.parse_reference(text)
    csl = rec.csl
    score = 0
    words = len(text.split())
    if any(_named(n) for k in ("author", "editor") for n in csl.get(k) or []):
        score += 2
    if csl.get("issued") or _NO_DATE.search(text):
        score += 2  # (an explicit "no date" where the year goes counts as one)
    if csl.get("container-title") or csl.get("publisher") or csl.get("publisher-place"):
        score += 1
    if csl.get("publisher-place") and len(str(csl.get("publisher", "")).split()) in range(1, 6) and \
            csl.get("issued") and csl.get("title"):
        score += 1  # "Title / editor. Madrid: Playor, 1984.": a book without authors is still whole
    elif csl.get("publisher") and csl.get("issued") and csl.get("title") \
            and _publisher_word(csl["publisher"]):
        score += 1  # "(2012) Title, Lexington Books.": so is one with a publishing house's name
    if csl.get("volume") or csl.get("issue") or ("-" in str(csl.get("page", ""))):
        score += 2
    if csl.get("DOI") or csl.get("URL") or csl.get("ISBN"):
        score += 2
    if rec.type == "thesis":
        score += 1
    if csl.get("publisher") and csl.get("title") and _EXTENT.search(text):
        score += 1  # a book's extent after its publisher ("Meulenhoff, 334 blz.", "Einaudi, 240 pp.")
    if rec.type == "standard":
        score += 2  # a standard's designation ("IEEE Std 754-2019") is as telling as a volume
    if csl.get("accessed") or rec.custom("archive-date"):
        score += 2  # "Retrieved 5 October 2020", "Archived ... at the Wayback Machine"
    title = str(csl.get("title", ""))
    if not _titled(title):
        score -= 3  # a short citation ("Asmus 2002, p. 210", "Ibid., p. 5") points to a reference
    # (each pattern below is tried only when the characters it needs are there)
    if any(map(text.__contains__, _OPENING_QUOTES)) and _QUOTED.search(text):
        score += 1
    # prose: inline citation markers after words, many sentences, very long lines
    if _CAPTION.match(text):
        score -= 3  # a caption
    body = MARKER.sub("", text, count=1)
    if "[" in body and _INLINE_CITE.search(body):
        score -= 5
    elif ("al." in body or ";" in body) and _AUTHOR_DATE_CITE.search(body):
        score -= 4
    if words > 90:
        score -= 3
    if not (csl.get("author") and csl.get("issued")) and len(_SENTENCE.findall(text)) >= 3:
        score -= 2  # (a reference with authors and a year may well have three full stops)
    return score, rec




def find(text: str, source: str = "") -> list[Record]:
    """The references in ``text`` as parsed records, in input order (ids not yet set)."""
    return [rec for rec, _ in find_blocks(text_blocks(text), source=source)]


#: what ``str.splitlines`` ends a line at
_LINE_END = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


class TextBlocks(Sequence[SourceBlock]):
    """Plain text as blocks: one ``"line"`` block per line (blank lines kept, empty), each
    made when asked for (a block object per line of a 100,000-line text would take more
    memory than the lines). The lines are those of ``text.splitlines()``, kept as offsets
    into the text: a line's string is made when its block is, and is let go with it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = array("q", [0])
        self._ends = array("q")
        for m in _LINE_END.finditer(text):
            self._ends.append(m.start())
            self._starts.append(m.end())
        if self._starts[-1] < len(text):
            self._ends.append(len(text))
        else:
            self._starts.pop()  # (a line break at the very end starts no line)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, i: int) -> SourceBlock: ...

    @overload
    def __getitem__(self, i: slice) -> list[SourceBlock]: ...

    def __getitem__(self, i: int | slice) -> SourceBlock | list[SourceBlock]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = i + len(self) if i < 0 else i
        if not 0 <= n < len(self):
            raise IndexError(i)
        return SourceBlock(text=self._text[self._starts[n]:self._ends[n]], kind="line", line=n + 1)

    def __iter__(self) -> Iterator[SourceBlock]:
        text = self._text
        for n, (a, b) in enumerate(zip(self._starts, self._ends, strict=True), start=1):
            yield SourceBlock(text=text[a:b], kind="line", line=n)


def text_blocks(text: str) -> TextBlocks:
    """Plain text as blocks: one ``"line"`` block per line (blank lines kept, empty)."""
    return TextBlocks(text)


def entries(text: str) -> list[Entry]:
    """The candidate entries of a plain text (before judging), in order."""
    _forget()
    try:
        return [e for e, _ in _block_entries(text_blocks(text))]
    finally:
        _forget()


def _block_entries(blocks: Sequence[SourceBlock], source: str = "") -> Iterator[tuple[Entry, list[int]]]:
    """Candidate entries with the indices of the blocks each came from: runs of
    non-blank ``"line"`` blocks are segmented as plain text is; an ``"item"`` block is
    never joined with another (only cut when it is very long). The vote runs over the
    units of the whole document, across blank lines and items. Entries are made group
    by group as they are asked for, and a group is let go once its entries are out."""
    groups: list[tuple[str, list[Entry]] | None] = []  # ("run" | "item" | "record", units)
    run: list[Line] = []

    def flush() -> None:
        if run:
            groups.append(("run", _units(run)))
            run.clear()

    for i, b in enumerate(blocks):
        if b.kind == "line" and b.record is None:
            if not b.text.strip():
                flush()
                continue
            text = b.text.rstrip()
            for piece, prose in _pieces(text):
                run.append(Line(text=piece if piece != text.strip() else text, line=b.line, block=i,
                                prose=prose))
            continue
        flush()
        if b.record is not None:
            groups.append(("record", [Entry.start(Line(text="", line=b.line, block=i))]))
            continue
        groups.append(("item", [Entry.start(Line(text=piece, line=b.line, block=i, prose=prose))
                                for piece, prose in _pieces(" ".join(b.text.split()))]))
    flush()
    _vote([u for g in groups if g and g[0] != "record" for u in g[1]], source,
          [g[0] == "run" for g in groups if g and g[0] != "record" for _ in g[1]])
    for k, g in enumerate(groups):
        assert g is not None
        groups[k] = None
        kind, units = g
        for e in _join(units, source) if kind == "run" else units:
            yield e, e.blocks


def find_blocks(blocks: Sequence[SourceBlock], source: str = "") -> list[tuple[Record, list[int]]]:
    """The references in a document's blocks, each with the indices of the blocks it
    came from, in document order (ids not yet set). Structured blocks pass through."""
    return list(iter_blocks(blocks, source))


def iter_blocks(blocks: Sequence[SourceBlock], source: str = "",
                skipped: list[tuple[int | None, str]] | None = None) -> Iterator[tuple[Record, list[int]]]:
    """:func:`find_blocks` one reference at a time, as each is judged (so a caller that
    keeps only the records holds no list of block indices). The parses the finder
    remembers (:func:`_scored`) are one document's: forgotten before and after.
    ``skipped`` (when given) receives the (line, text) of each entry shaped as a reference
    of a list that was not kept as one, for the report: nothing that looked like a
    reference is left out in silence.

    A text of fewer than :data:`FEW` entries is judged whole before its records are handed
    out: one with two or three lines, each shaped as a reference, is a short list, and its
    lines the model did not read as whole references are looked at again (:func:`_alone`)."""
    _forget()
    try:
        before: list[Record] = []  # (the record found just before: a "———." entry repeats its authors)
        held: list[tuple[Entry, Record | None, list[int]]] | None = []  # (the first entries, in order)
        dropped: list[Entry] = []  # (entries shaped as references, not kept)
        for e, idx in _block_entries(blocks, source):
            first = blocks[idx[0]]
            if first.record is not None:
                rec: Record | None = first.record
                before = [first.record]
            else:
                rec = _judge(e, source, before)
                if rec is not None:
                    before = [_placed(rec, first)]
            if held is not None and len(held) < FEW - 1:
                held.append((e, rec, idx))
                continue
            if held is not None:  # a longer text: what was held goes out as it was judged
                for he, hrec, hidx in held:
                    if hrec is not None:
                        yield hrec, hidx
                    elif skipped is not None and _left_out(he):
                        dropped.append(he)
                held = None
            if rec is not None:
                yield rec, idx
            elif skipped is not None and _left_out(e):
                dropped.append(e)
        if held:  # (a text of fewer than FEW entries)
            yield from _short_text(held, blocks, source, dropped)
        if skipped is not None:
            skipped.extend((e.line, e.text) for e in dropped)
    finally:
        _forget()


def _short_text(held: list[tuple[Entry, Record | None, list[int]]], blocks: Sequence[SourceBlock],
                source: str, dropped: list[Entry]) -> Iterator[tuple[Record, list[int]]]:
    """The records of a text of fewer than :data:`FEW` entries, in order: those found, and
    the others looked at again one by one (a reference pasted alone; two or three lines all
    shaped as references are a short list, kept from less). Entries still not kept go to
    ``dropped`` when something was found (otherwise "no references found" says it all)."""
    short_list = len(held) >= 2 and all(_looks_listed(e) for e, _, _ in held)
    out: list[tuple[Record, list[int]]] = []
    left: list[Entry] = []
    for e, rec, idx in held:
        if rec is None:
            rec = _alone(e, source, short_list)
            if rec is not None:
                rec = _placed(rec, blocks[idx[0]])
            elif _looks_listed(e):
                left.append(e)
        if rec is not None:
            out.append((rec, idx))
    if out:
        dropped.extend(left)
    yield from out


def _looks_listed(e: Entry) -> bool:
    """An entry shaped as a reference of a list (:func:`_list_shaped`), long enough to be one."""
    return len(e.text) >= 15 and not e.prose and _list_shaped(e.text)


def _left_out(e: Entry) -> bool:
    """Is an entry not kept one for the report: shaped as a reference of a list, or any line of
    some length in a one-per-line list (a reference the model could not read, "Political
    Handbook of the World 320.9 P769 2013", or a heading: a person tells them apart)?"""
    return len(e.text) >= 15 and not e.prose and (e.one_per_line or _list_shaped(e.text))


def _placed(rec: Record, block: SourceBlock) -> Record:
    """``rec`` with the line and place of the block it starts in."""
    rec.origin.line = block.line
    rec.origin.where = block.where
    return rec


#: a text of fewer entries than this, none of them found, is looked at again one by one
FEW = 4


def _alone(e: Entry, source: str, short_list: bool = False) -> Record | None:
    """An entry of a text where nothing was found, kept when it is shaped as a reference
    and has some of one (names, a date, a container, a publisher: "Turing AM. On computable
    numbers … Proc Lond Math Soc. 1937;s2-42(1):230-65.", whose numbers the model glued to
    the journal): a reference pasted alone has no list around it to vote for it.
    ``short_list``: the entry is one of two or three lines all shaped as references
    ("Henry Kissinger. Diplomacy (1994)." under "Sinclair Lewis, Babbitt (1922)."): less
    will do, as in a longer one-per-line list."""
    if not _looks_listed(e):
        return None
    score, rec = e.parsed(source)
    core = any(map(rec.csl.get, _LIST_CORE))
    need = LIST_THRESHOLD if short_list else 2
    return _own_copy(rec, source, e.line) if score >= need and core and _sure(rec) else None


def _judge(e: Entry, source: str, before: list[Record]) -> Record | None:
    """The entry's record when it looks like a reference, else None (``before``: the
    record found just before it, whose authors a "———." entry repeats)."""
    raw = e.text
    if len(raw) < 15 or e.prose or _SISTER_PROJECT.match(raw):
        return None  # (a Wikipedia box pointing to a sister project is never a reference)
    score, shared = e.parsed(source)
    rec = shared  # (the entry's own copy is made once it is kept or changed)
    if e.marker:
        score += 1
    if fields.is_ditto(raw) and before and not (rec.csl.get("author") or rec.csl.get("editor")):
        prev = before[-1].csl
        for role in ("author", "editor"):
            if prev.get(role):
                rec = _own_copy(shared, source, e.line)
                rec.csl[role] = [dict(n) for n in prev[role]]
                score += 2
                break
    if score < THRESHOLD:
        # in a one-per-line list, less will do if the entry has what only references have
        csl = rec.csl
        core = any(csl.get(k) and not _doubted(rec, k) for k in _LIST_CORE if k not in ("author", "editor")) \
            or any(_named(n) for k in ("author", "editor") for n in csl.get(k) or []) \
            or "arxiv" in str(csl.get("note", "")).lower()
        lenient = e.one_per_line and core and score >= (RAGGED_THRESHOLD if e.ragged else LIST_THRESHOLD)
        if not (lenient and (len(raw) < 200 or _sure(rec))) and not _rescued(e):
            return None
    return _own_copy(shared, source, e.line) if rec is shared else rec


#: the separators between the parts of a reference ("Title, de Author.", "Author – Title (Publisher)",
#: "Title - Author", "Anthem- Ayn Rand"; Arabic's "،", a comma set apart " , " as Hebrew lists have it)
_PARTS = re.compile(r"[^\W\d_][,.;)،؛]\s+\S|\s[–—/(,،;؛:]\s?\S|\s-\s\S|[^\W\d_]-\s[^\W\d_]|[“«„\"'‘]\S")


#: a Wikipedia box pointing to a sister project ("Commons: … – Sammlung von Bildern")
_SISTER_PROJECT = re.compile(r"\s*(?:Wikimedia\s+)?(?:Commons|Wikisource|Wikiquote|Wiktionary|Wikibooks"
                             r"|Wikinews|Wikiversity|Wikivoyage|Wikidata|Викисклад|Викитека|Викицитатник"
                             r"|Βικιθήκη|Βικιφθέγματα)\b")


def _paragraph(text: str) -> bool:
    """A paragraph of running text: many words, or two sentences or more of mostly lower-case
    words (a reference's "sentences", "Title. Subtitle. Place 2010.", are mostly capitalised)."""
    words = text.split()
    return _prose(text, len(words), _capitals(words))


def _capitals(words: list[str]) -> int:
    """How many of the words are capitalised ("Title", "«Title", "(Press")."""
    return sum(w[:1].isupper() or w[1:2].isupper() for w in words)


def _prose(text: str, words: int, capitals: int) -> bool:
    """A line of running text: many words, or two sentences or more of mostly lower-case words. (A
    reference has "sentences" too, "Пер. и комм. М. Я. Сюзюмова. М., 1962.", but its words are
    mostly capitalised: names, initials, places.)"""
    return words > 60 or (capitals < 0.5 * words and len(_SENTENCE.findall(text)) >= 2)


def _list_shaped(text: str) -> bool:
    """Is a line of a one-per-line list shaped as its references are, whatever the model
    read in it: some words in two or more parts, names and titles capitalised, not a
    heading ("Week 3:", "Further reading") nor a sentence of prose (mostly words in lower
    case)?"""
    words = text.split()
    capitals = _capitals(words)
    # (a script without capitals, Arabic, Hebrew, Korean, Japanese, has no case to tell by)
    return 3 <= len(words) and (capitals >= 0.3 * len(words) or _caseless(words)) \
        and not _prose(text, len(words), capitals) \
        and not text.rstrip().endswith(":") and bool(_PARTS.search(text)) \
        and not _SISTER_PROJECT.match(text) and not _INLINE_CITE.search(text)


def _caseless(words: list[str]) -> bool:
    """Are most of the words in a script without capitals?"""
    return sum(any(c.isupper() or c.islower() for c in w) for w in words) < 0.5 * len(words)


def _rescued(e: Entry) -> bool:
    """In a list where most lines are whole references, a line shaped as one is one even
    when the model read it badly ("Pedra de tartera, de Maria Barbal." all as a name, or
    all as a title), unless it sits next to a paragraph (a heading or a caption)."""
    return e.one_per_line and not e.by_prose and _list_shaped(e.text)


#: what a line of a one-per-line list must have to be kept with little else: something only
#: references have ("Title by Author (Publisher)" has a publisher)
_LIST_CORE = ("author", "editor", "container-title", "volume", "page", "DOI", "URL", "ISBN", "number",
              "publisher")

#: the mean confidence of its fields below which the model did not read a long line as a
#: reference (a paragraph of prose among list items: the marginals spread over many labels)
MIN_LIST_CONFIDENCE = 0.5


#: a field's confidence below which the model doubts it more than it believes it, by far
DOUBTED = 0.3


def _doubted(rec: Record, key: str) -> bool:
    p = rec.provenance.get(key)
    return p is not None and p.confidence is not None and p.confidence < DOUBTED


def _sure(rec: Record) -> bool:
    sure = [p.confidence for p in rec.provenance.values() if p.stage == "parse" and p.confidence is not None]
    return not sure or sum(sure) / len(sure) >= MIN_LIST_CONFIDENCE
