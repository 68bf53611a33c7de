"""Dates and years as references write them, in several languages.

Only what reference strings need: ISO dates, "4 October 2022", "October 4, 2022",
"04.10.2022", month names in English, French, German, Spanish, Italian, Portuguese,
Russian and Greek (nominative and genitive), and a year finder that skips numbers
that are not years.
"""

from __future__ import annotations

import re
import unicodedata

MONTH_NAMES = {
    1: "january jan janvier janv januar jän enero ene "
       "gennaio gen janeiro январь января янв ιανουάριος ιανουαρίου ιαν",
    2: "february feb février févr fevrier februar febrero febbraio "
       "fevereiro fev февраль февраля фев φεβρουάριος φεβρουαρίου φεβ",
    3: "march mar mars märz marzo março марта март μάρτιος μαρτίου μαρ",
    4: "april apr avril abril aprile апрель апреля апр απρίλιος απριλίου απρ",
    5: "may mai mayo maggio maio мая май μάιος μαΐου μαιου",
    6: "june jun juin juni junio giugno junho июнь июня ιούνιος ιουνίου ιουν",
    7: "july jul juillet juli julio luglio julho июль июля ιούλιος ιουλίου ιουλ",
    8: "august aug août aout agosto ago август августа авг αύγουστος αυγούστου αυγ",
    9: "september sep sept septembre septiembre settembre setembro "
       "set сентябрь сентября сент σεπτέμβριος σεπτεμβρίου σεπ",
    10: "october oct octobre oktober okt octubre ottobre "
        "outubro out октябрь октября окт οκτώβριος οκτωβρίου οκτ",
    11: "november nov novembre noviembre novembro ноябрь ноября нояб νοέμβριος νοεμβρίου νοε",
    12: "december dec décembre decembre dezember dez diciembre dic "
        "dicembre dezembro декабрь декабря дек δεκέμβριος δεκεμβρίου δεκ",
}


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c)).rstrip(".")


MONTHS: dict[str, int] = {}
for _n, _names in MONTH_NAMES.items():
    for _w in _names.split():
        MONTHS[_fold(_w)] = _n

_MONTH_RE = r"[^\W\d_]{3,12}\.?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"

DATE_PATTERNS = [
    (re.compile(rf"(?P<y>{YEAR})-(?P<m>\d\d?)-(?P<d>\d\d?)"), "ymd"),
    (re.compile(rf"(?P<d>\d\d?)\.?\s+(?:de\s+)?(?P<mn>{_MONTH_RE})\s+(?:de\s+)?(?P<y>{YEAR})"), "dmy"),
    (re.compile(rf"(?P<mn>{_MONTH_RE})\s+(?P<d>\d\d?),?\s+(?P<y>{YEAR})"), "mdy"),
    (re.compile(rf"(?P<d>\d\d?)[./](?P<m>\d\d?)[./](?P<y>{YEAR})"), "dmy"),
    (re.compile(rf"(?P<mn>{_MONTH_RE})\s+(?P<y>{YEAR})"), "my"),
]

#: any date expression (for removing accessed/archived notices)
DATE_RE = re.compile(
    rf"(?:{YEAR}-\d\d?-\d\d?|\d\d?\.?\s+(?:de\s+)?{_MONTH_RE}\s+(?:de\s+)?{YEAR}|{_MONTH_RE}\s+\d\d?,?\s+{YEAR}"
    rf"|\d\d?[./]\d\d?[./]{YEAR}|{YEAR})"
)

_LONE_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")

#: the decimal digits of other scripts as ASCII ones, one character for one (offsets kept):
#: Arabic-Indic "٢٠١٥", Persian "۱۳۷۸", Devanagari, Bengali, full-width
_ASCII_DIGITS = {base + k: ord("0") + k for base in (0x660, 0x6F0, 0x966, 0x9E6, 0xFF10) for k in range(10)}


def ascii_digits(text: str) -> str:
    """``text`` with other scripts' decimal digits as ASCII ones (the same length)."""
    return text if text.isascii() else text.translate(_ASCII_DIGITS)


def parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from the first date in ``text``; month names must be real."""
    text = ascii_digits(text)
    for rx, _kind in DATE_PATTERNS:
        for m in rx.finditer(text):
            g = m.groupdict()
            month: int | None
            if g.get("mn") is not None:
                month = MONTHS.get(_fold(g["mn"]))
                if month is None:
                    continue
            else:
                month = int(g["m"]) if g.get("m") else None
            day = int(g["d"]) if g.get("d") else None
            if month is not None and not 1 <= month <= 12:
                continue
            if day is not None and not 1 <= day <= 31:
                continue
            return int(g["y"]), month, day
    m = _LONE_YEAR.search(text)
    return (int(m.group(0)), None, None) if m else None


def iso(parts: tuple[int, int | None, int | None]) -> str:
    y, m, d = parts
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


_WORDS = re.compile(r"[^\W\d_]{3,12}")


def month_of(text: str) -> int | None:
    """The month named in ``text`` ("Dec." → 12), if any."""
    for w in _WORDS.findall(text):
        n = MONTHS.get(_fold(w))
        if n:
            return n
    return None
