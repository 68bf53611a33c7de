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

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DASH = r"\s*[-–—‐‑−]+\s*"
_PNUM = r"[A-Za-z]{0,2}\d+[a-z]?"
_RANGE = rf"{_PNUM}(?:{_DASH}{_PNUM})?"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|"
          r"August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter|janvier|février|mars|"
          r"avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|Januar|Februar|März|Juni|Juli|"
          r"Oktober|Dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
          r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\.?")


@dataclass
class Span:
    start: int
    end: int
    kind: str  # volume | issue | pages | year | vi (volume+issue) | extent
    value: dict[str, str]


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Vancouver: 2005;12(3):45-67 / 2005 Mar;12(3):45-67 / 2005;365:1-10
    ("vanc", re.compile(rf"(?<!\d)(?P<year>{YEAR})[a-z]?(?:\s+{_MONTH}(?:\s*\d{{1,2}})?)?\s*;\s*"
                        rf"(?P<volume>\d+)\s*(?:\((?P<issue>[^)]{{1,12}})\))?\s*(?::\s*(?P<page>{_RANGE}))?")),
    # AMA books and chapters: "2004:814-828"
    ("vanc", re.compile(rf"(?<!\d)(?P<year>{YEAR}):\s?(?P<page>{_RANGE})(?![\w])")),
    # explicit labels
    ("vol", re.compile(r"(?<![\w])(?:vols?|Vols?|VOL|volume|Volume|Band|Bd|Jg|Jahrg|Jahrgang|t|т|Т|tome|Tome"
                       r"|τόμ|τ|Tomo|tomo|"
                       r"v(?=\.))\.?\s*(?P<volume>\d+[A-Za-z]?|[IVXLC]+)(?![\w])")),
    # "64. Jg."
    ("vol", re.compile(r"(?<![\w.])(?P<volume>\d+)\.\s*(?:Jg|Jahrgang|Bd|Band|évf|год)\.?(?![\w])")),
    ("iss", re.compile(r"(?<![\w])(?:nos?|Nos?|NO|nr|Nr|núm|Núm|num|issue|Issue|iss|Iss|Heft|H|fasc|Fasc|"
                       r"n°|nº|N°|Nº|№|n\.|N\.|αρ|τεύχ|τεύχος|вып|Вып)\.?\s*(?P<issue>\d+(?:\s*[-–/]\s*\d+)?)"
                       # GOST "№ 4 (43)": the running number (not a year) is dropped
                       r"(?:\s*\((?!(?:1[5-9]|20)\d\d\))\d{1,4}\))?(?![\w])")),
    ("pages", re.compile(rf"(?<![\w])(?:pp|p|S|С|с|σσ|σ|págs|pág|pag|pgs|pg|стр|Sp|Seiten|pages|page)\.?\s*"
                         rf"(?P<page>{_RANGE})(?:\s*ff?\.)?(?![\w])")),
    # "15.2 (1999)", "23#1", "54#4"
    ("vi", re.compile(r"(?<![\w.])(?P<volume>\d{1,4})(?:\s*#\s*|\.)(?P<issue>\d{1,3})(?=\s*[(,:;]|\s+\d"
                      r"|\s+pp?\b|\s*$)")),
    # "93(5)", "33 (2)", "23 (2, 3, 4)", "1(6)"
    ("vi", re.compile(r"(?<![\w.])(?P<volume>\d{1,4}[A-Za-z]?)\s?\((?P<issue>(?!" + YEAR + r"\))[\w\-–/,"
                                                                                           r" ]{1,12})\)")),
    # a day and month without a year: "5 May", "May 5" (the year is elsewhere)
    ("date", re.compile(rf"(?<![\w.])(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})|"
                        rf"(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}))(?![\w\-–]|,?\s*(?:1[5-9]|20)\d\d)")),
    ("extent", re.compile(r"(?<![\w\-–])(?P<extent>\d+)\s*(?:с|pp|p|S|pages|Seiten|σσ|σελ|págs"
                          r"|pp)\.?(?=[\s,.;(]|$)(?!\.?\s*\d)")),
    ("year", re.compile(rf"(?<![\w\-])(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w\-])")),
    ("year", re.compile(rf"\((?:{_MONTH}\s+)?(?:\d{{1,2}}\s+)?(?P<year>{YEAR})[a-z]?(?:\s*{_MONTH})?\)")),
    ("year", re.compile(rf"(?<![\w\-–/.])(?:(?:\d{{1,2}}\.?\s+)?{_MONTH}\s+(?:\d{{1,2}},?\s+)?)?(?P<year"
                        rf">{YEAR})[a-z]?"
                        rf"(?![\w\-–/]|\.\d)")),
    # colon pages "(1999): 88-110", "12:45-67"
    ("pages", re.compile(rf"(?<=[\d)])\s*:\s*(?P<page>{_RANGE})(?![\w])")),
    # bare range "87-93", "1215–1218"
    ("pages", re.compile(rf"(?<![\w\-–/.])(?P<page>[A-Z]{{0,2}}\d+[a-z]?{_DASH}[A-Z]{{0,2}}\d+[a-z]?)(?![\w"
                         rf"\-–])")),
    # bare number: a volume after a journal name, or a single page / article number
    ("num", re.compile(r"(?<![\w\-–/.])(?P<num>\d{1,5})(?![\w\-–]|\.\d)")),
]


def scan(text: str) -> list[Span]:
    """Non-overlapping number spans in ``text``, in text order."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            vals = {k: v for k, v in m.groupdict().items() if v}
            vals["raw"] = m.group(0)
            if kind == "pages" and "page" in vals and _yearish_range(vals["page"]) and (
                    text[max(0, s - 1): s] == "(" or not re.search(r"\d", text[:s])):
                continue  # "(1992–2016)": a span of years, not pages
            taken.append((s, e))
            spans.append(Span(s, e, kind, vals))
    spans.sort(key=lambda sp: sp.start)
    return spans


def _yearish_range(page: str) -> bool:
    """ "1991-2014" is a span of years, not pages."""
    parts = re.split(_DASH, page)
    return len(parts) == 2 and all(re.fullmatch(YEAR, p) for p in parts) and parts[0] < parts[1]


def normalize_pages(page: str) -> str:
    """"566–82" → "566-582"; "pp. 100–112" → "100-112"; single pages unchanged."""
    page = page.strip().strip(".,;")
    parts = re.split(_DASH, page)
    if len(parts) != 2:
        return page
    a, b = parts
    if a.isdigit() and b.isdigit() and len(b) < len(a) and int(b) < int(a[-len(b):]) + 10 ** len(b):
        full = a[: len(a) - len(b)] + b
        if int(full) >= int(a):
            b = full
    return f"{a}-{b}"
