"""Volume, issue, pages and year in the part of a reference after the title.

Every style spells these differently: "15.2 (1999): 88-110", "23#1", "93(5)",
"vol. 30, no. 4, pp. 1–10", "2005;12(3):45-67" (Vancouver), "Bd. 5, H. 3, S. 12–25",
"т. 5, № 3. – С. 12–25" (GOST), "n° 121, p. 52-63". :func:`scan` finds them all as
non-overlapping spans, so the text between them (journal, publisher, place) is what
remains.

Page convention: CSL-JSON ``page`` with an ASCII hyphen, the second number written in
full: "566–82" → "566-582", "pp. 100–112" → "100-112".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.parse.dates import MONTH_NAMES as _MONTH_WORDS
from refs.parse.dates import YEAR
from refs.parse.memo import memo

#: "and the following pages" after a page: "45 ff.", "1668 ss." (Italian, Spanish), "12 sqq."
FOLLOWING = r"(?:ff?|ss|sqq?)"
_DASH = r"\s*[-–—‐‑−]+\s*"
_PNUM = r"[A-Za-z]{0,2}\d+[a-z]?"
_RANGE = rf"{_PNUM}(?:{_DASH}{_PNUM})?"
#: month names in the eight languages (from :mod:`refs.parse.dates`, longest first) and seasons
def _trie(words: set[str]) -> str:
    """A regex alternation shaped as a prefix tree: ~150 month names tried letter by
    letter instead of one after another (``scan`` runs on every reference)."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        optional = "" in node
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        return body + ("?" if optional else "")

    return emit(tree)


_MONTH = r"(?:(?i:" + _trie({w for ws in _MONTH_WORDS.values() for w in ws.split()} | set(
    "spring summer autumn fall winter".split())) + r")(?![^\W\d_]))\.?"


@dataclass
class Span:
    start: int
    end: int
    kind: str  # volume | issue | pages | year | vi (volume+issue) | extent
    value: dict[str, str]


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Vancouver: 2005;12(3):45-67 / 2005 Mar;12(3):45-67 / 1995 Jan-Mar;1(1):7-15 / 2005;365:1-10
    ("vanc", re.compile(rf"(?<!\d)(?P<year>{YEAR})[a-z]?(?:\s+{_MONTH}(?:\s*[-–/]\s*{_MONTH})?"
                        rf"(?:\s*\d{{1,2}})?)?\s*;\s*"
                        rf"(?P<volume>\d+)\s*(?:\((?P<issue>[^)]{{1,12}})\))?\s*(?::\s*(?P<page>{_RANGE}))?")),
    # AMA books and chapters: "2004:814-828"
    ("vanc", re.compile(rf"(?<!\d)(?P<year>{YEAR}):\s?(?P<page>{_RANGE})(?![\w])")),
    # explicit labels
    ("vol", re.compile(r"(?<![\w])(?:vols?|Vols?|VOL|volume|Volume|Band|Bd|Jg|Jahrg|Jahrgang|t|т|Т|tome|Tome"
                       r"|τόμ|τ|Tomo|tomo|Tom|tom|Том|том|Tomul|tomul|Cilt|cilt|Кн|кн|Книга|книга|"
                       r"v(?=\.))\.?\s*(?P<volume>\d+[A-Za-z]?|[IVXLC]+)(?![\w])")),
    # Turkish "C. III" (cilt): the letter alone is an initial before anything but a Roman numeral
    ("vol", re.compile(r"(?<![\w.])C\.\s*(?P<volume>[IVXL]+)(?![\w.])")),
    # the label after the number: "64. Jg.", "XL. évf.", "I. kötet"
    ("vol", re.compile(r"(?<![\w.])(?P<volume>\d+|[IVXLC]+)\.\s*(?:Jg|Jahrgang|Bd|Band|évf|год|kötet|köt)\.?"
                       r"(?![\w])")),
    ("iss", re.compile(r"(?<![\w])(?:nos?|Nos?|NO|nr|Nr|núm|Núm|num|issue|Issue|iss|Iss|Heft|H|fasc|Fasc|"
                       r"n\.º|n\.°|N\.º|n°|nº|N°|Nº|№|n\.|N\.|αρ|τεύχ|τεύχος|τχ|вып|Вып)\.?\s*(?P<issue>\d+(?:\s*[-–/]\s*\d+)?)"
                       # GOST "№ 4 (43)": the running number (not a year) is dropped
                       r"(?:\s*\((?!(?:1[5-9]|20)\d\d\))\d{1,4}\))?(?![\w])")),
    ("pages", re.compile(r"(?<![\w])(?:pp|p|S(?=[.\s])|С|с|σελ|σσ|σ|págs|pág|pag|pgs|pg|стр|Sp|Seiten|pages"
                         rf"|page)\.?\s*"
                         rf"(?P<page>{_RANGE})(?:\s*{FOLLOWING}\.)?(?![\w])")),
    # "15.2 (1999)", "23#1", "54#4"
    ("vi", re.compile(r"(?<![\w.])(?P<volume>\d{1,4})(?:\s*#\s*|\.)(?P<issue>\d{1,3})(?=\s*[(,:;]|\s+\d"
                      r"|\s+pp?\b|\s*$)")),
    # "93(5)", "33 (2)", "23 (2, 3, 4)", "1(6)"
    ("vi", re.compile(r"(?<![\w.])(?P<volume>\d{1,4}[A-Za-z]?)\s?\((?P<issue>(?!" + YEAR + r"\))[\w\-–/,"
                                                                                           r" ]{1,12})\)")),
    # a day and month without a year: "5 May", "May 5" (the year is elsewhere)
    ("date", re.compile(rf"(?<![\w.])(?:(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{_MONTH})|"
                        rf"(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}))(?![\w\-–]|\.?,?\s*(?:de\s+)?(?:1[5-9]|20)\d\d)")),
    ("extent", re.compile(r"(?<![\w\-–])(?P<extent>\d+)\s*(?:с|pp|p|S|pages|Seiten|σσ|σελ|págs"
                          r"|pp)\.?(?=[\s,.;(]|$)(?!\.?\s*\d)")),
    ("year", re.compile(rf"(?<![\w\-])(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w\-])")),
    ("year", re.compile(rf"\((?:{_MONTH}\s+)?(?:\d{{1,2}}\s+)?(?P<year>{YEAR})[a-z]?(?:\s*{_MONTH})?\)")),
    ("year", re.compile(rf"(?<![\w\-–/.])(?:(?:\d{{1,2}}\.?\s+(?:de\s+)?)?{_MONTH}\s+(?:de\s+)?"
                        rf"(?:\d{{1,2}},?\s+)?)?(?P<year"
                        rf">{YEAR})[a-z]?"
                        rf"(?![\w\-–/]|\.\d)")),
    # years of a multi-volume work at the very end: "СПб.: Дмитрий Буланин, 2014–2015."
    ("year", re.compile(rf"(?<=[^\W\d_],\s)(?P<year>{YEAR})\s*[–—-]\s*(?:{YEAR}|\d\d)(?=\s*\.?\s*$)")),
    # an issue alone in parentheses after the journal name: "Relações Internacionais (62): 33–49"
    ("iss", re.compile(r"(?:(?<=[^\W\d_]\s)|(?<=[^\W\d_],\s))\((?P<issue>\d{1,4})\)(?=\s*[:,.]|\s*$)")),
    # colon pages "(1999): 88-110", "12:45-67"
    ("pages", re.compile(rf"(?<=[\d)])\s*:\s*(?P<page>{_RANGE})(?![\w])")),
    # bare range "87-93", "1215–1218"
    ("pages", re.compile(rf"(?<![\w\-–/.])(?P<page>(?:[A-Z]{{0,2}}|e)\d+[a-z]?{_DASH}"
                         rf"(?:[A-Z]{{0,2}}|e)\d+[a-z]?)(?![\w"
                         rf"\-–])")),
    # an article number: "PLOS ONE, 16(4), e0249543"
    ("pages", re.compile(r"(?<=,\s)(?P<page>e\d{4,8})(?=\s*[.,;]|\s*$)")),
    # a newspaper's section page at the end: "The New York Times, A1."
    ("pages", re.compile(r"(?<=,\s)(?P<page>[A-H]\d{1,3})(?=\s*\.?\s*$)")),
    # a page or article number with a letter before it, after the volume: "792 L32", "597 A6", "438,L37"
    ("pages", re.compile(r"(?<=\d[,\s])\s?(?P<page>[A-Z]\d{1,6})(?![\w\-–])")),
    # bare number: a volume after a journal name, or a single page / article number
    ("num", re.compile(r"(?<![\w\-–/.])(?P<num>\d{1,5})(?![\w\-–]|\.\d|\.\s?(?:Jahrhundert|Jh|Jahrhunderts|"
                       r"Auflage|Aufl|Jahrgang|Jg|Band|Bd|Heft|Tagung|Kongress)\b)")),
]


_YEAR_RE = re.compile(YEAR)

#: characters one of which each pattern above needs (in order; "" for none): a pattern whose
#: characters the text lacks cannot match and is not tried
_NEEDS = (";", ":", "", ".", ".", "", "", "#.", "(", "", "", "-", "(", "", ",", "(", ":", "-–—‐‑−", ",",
          ",", "", "")
assert len(_NEEDS) == len(_PATTERNS)
_GATED = tuple((kind, rx, frozenset(need) if need else None)
               for (kind, rx), need in zip(_PATTERNS, _NEEDS, strict=True))


_LETTER_SPACE = re.compile(r"[^\W\d_]\s$")
_NAME_GOES_ON = re.compile(r"\s+(?:[A-Z][a-z]+|of|on|in|and)\b")
_SERIES_BEFORE = re.compile(r"(?:Сер|Серия|Ser|Series|Sér|Série)\.?\s*$")
_YEAR_PREPOSITION = re.compile(
    r"(?:^|\s)(?:of|in|since|after|before|until|from|de|del|des|du|von|seit|nel|dal|desde|em)\s$")
_ANY_YEAR = re.compile(YEAR)
_OPEN_PAREN_BEFORE = re.compile(r"\(\s*$")
_DIGIT = re.compile(r"\d")
_DASH_RE = re.compile(_DASH)
_TWO_DIGITS = re.compile(r"\d\d")
_LETTER_PREFIX = re.compile(r"([A-Za-z]{1,2})(\d+)")


@memo(4096)
def scan(text: str) -> tuple[Span, ...]:
    """Non-overlapping number spans in ``text``, in text order (cached: the title and
    tail steps scan the same text, and a document's years, volumes and pages recur;
    callers must not modify the spans)."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    for kind, rx, need in _GATED:
        if need is not None and need.isdisjoint(text):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            vals = {k: v for k, v in m.groupdict().items() if v}
            vals["raw"] = m.group(0)
            if kind in ("year", "num") and _YEAR_RE.fullmatch(m.group(0)) and \
                    _LETTER_SPACE.search(text[max(0, s - 2): s]) and _NAME_GOES_ON.match(text[e:]):
                continue  # "the 2019 Conference on …": part of a name, not the date
            if kind == "num" and _SERIES_BEFORE.search(text[max(0, s - 8): s]):
                continue  # "Вестник МГУ. Сер. 12. Политические науки": a series of the journal's name
            if kind in ("year", "num") and _YEAR_RE.fullmatch(m.group(0)) and \
                    _YEAR_PREPOSITION.search(text[max(0, s - 8): s]) and _ANY_YEAR.search(text[e:]):
                continue  # "… 'Long Telegrams' of 1946, edited by …, 1991": a year in a title
            if kind == "pages" and "page" in vals and _yearish_range(vals["page"]) and (
                    _OPEN_PAREN_BEFORE.search(text[max(0, s - 3): s]) or not _DIGIT.search(text[:s])):
                continue  # "(1992–2016)": a span of years, not pages
            taken.append((s, e))
            spans.append(Span(s, e, kind, vals))
    spans.sort(key=lambda sp: sp.start)
    return tuple(spans)


def _yearish_range(page: str) -> bool:
    """ "1991-2014" is a span of years, not pages."""
    parts = _DASH_RE.split(page)
    if len(parts) == 2 and _YEAR_RE.fullmatch(parts[0]) and _TWO_DIGITS.fullmatch(parts[1]):
        return parts[1] > parts[0][2:]  # "1934–35"
    return len(parts) == 2 and all(map(_YEAR_RE.fullmatch, parts)) and parts[0] < parts[1]


def normalize_pages(page: str) -> str:
    """"566–82" → "566-582"; "pp. 100–112" → "100-112"; single pages unchanged."""
    page = page.strip().strip(".,;")
    parts = _DASH_RE.split(page)
    if len(parts) != 2:
        return page
    a, b = parts
    pre = _LETTER_PREFIX.fullmatch(a)
    if pre and b.isdigit():  # "e265-74" → "e265-e274", "S93-9" → "S93-S99"
        full = normalize_pages(f"{pre.group(2)}-{b}").split("-")[1]
        return f"{a}-{pre.group(1)}{full}"
    if a.isdigit() and b.isdigit() and len(b) < len(a) and int(b) < int(a[-len(b):]) + 10 ** len(b):
        full = a[: len(a) - len(b)] + b
        if int(full) >= int(a):
            b = full
    return f"{a}-{b}"
