"""Volume, issue, pages and date from their spans, and the repairs of the model's mistakes there.

:func:`_numbers` reads the volume, the issue and the pages (a Vancouver run
"2005;365(9464):1099-104" gives all of them, whatever its pieces' labels); :func:`_date` reads
the date (:func:`_issued`). The repairs: a day read as the volume, a date read as the access
date, pages read as something else or cut in two, years read as pages, the year and the page
after a volume (or the page before the year), a month read as the volume, a report's number read
as its pages, one page of a whole book (a pinpoint, made a note).
"""

from __future__ import annotations

import re
from typing import Any

from refs.parse.dates import MONTHS, parse_date
from refs.parse.extras import ACCESSED_WORDS
from refs.parse.lexicon import fold
from refs.parse.model import Span
from refs.parse.numbers import FOLLOWING, YEAR, normalize_pages, scan
from refs.parse.patterns import folded
from refs.parse.repair.spans import _Fields
from refs.parse.repair.text import _SPACES, _strip

_PAGE_THEN_YEAR = re.compile(r"^\s*(\d{1,5})\s*\(((?:1[5-9]|20)\d\d)\)[.,;]?\s*$")


_A_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def _date_read_as_accessed(f: _Fields) -> None:
    """A date read as the access date, with no date read ("[4] "Founding Act". NATO. | 27 May
    1997. | Retrieved 5 October 2020."; the access notice itself is taken out before the model
    sees the string): without an access word in it, it is the date of publication."""
    sp = f.by["accessed"][0]
    if not _A_YEAR.search(sp.text) or any(w in folded(sp.text) for w in ACCESSED_WORDS):
        return
    f.by["date"] = [Span("date", sp.start, sp.end, sp.text, sp.confidence)]
    f.by["accessed"] = f.by["accessed"][1:]
    if not f.by["accessed"]:
        del f.by["accessed"]


_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])\.?$")
#: the words between a day and its month ("18 de octubre", "1 of May")
_DAY_MONTH_LINKS = frozenset(("de", "del", "of"))


def _day_read_as_number(f: _Fields, label: str) -> None:
    """A date's day read as the volume, the pages or a report's number right before the month and
    year ("NATO. | 27 | May 1997.", "El País. | 18 | de octubre de 2021.", "| 3. | Mai 2001"): it is
    the day. A number span that held the site's name before the day ("NATO. 27 | May 1997.")
    gives the name to the container (it has no number left)."""
    date = f.by["date"][0]
    num = next((s for s in f.by[label] if 0 <= date.start - s.end <= 1), None)
    if num is None:
        return
    head, _, day = num.text.strip().rpartition(" ")
    if not _DAY.match(day) or head and (label != "number" or any(ch.isdigit() for ch in head)):
        return
    words = [w.strip(".,").lower() for w in date.text.split()[:2]]
    first = words[1] if words[0] in _DAY_MONTH_LINKS and len(words) > 1 else words[0]
    if fold(first) not in MONTHS and first not in MONTHS:
        return
    at = num.end - len(num.text) + len(num.text.rstrip()) - len(day)  # (where the day starts)
    f.by["date"][0] = Span("date", at, date.end, f"{day} {date.text}", date.confidence)
    f.by[label] = [s for s in f.by[label] if s is not num]
    if not f.by[label]:
        del f.by[label]
    if head:
        kept = "container-title" if not f.by.get("container-title") else "note"
        f.by[kept] = [*f.by.get(kept, []), Span(kept, num.start, num.start + len(head), head, num.confidence)]


_DANGLING_DASH = re.compile(r"\d\s*[-–‑—]$")
_LEADING_NUMBER = re.compile(r"^\s*(\d+)\b[.,;]?\s*")


def _range_across_spans(f: _Fields) -> None:
    """A page range the model cut apart, its end read as the date (or volume) after it:
    "1029-" | "1042, Aug. 2005.", "p. 1734 ‑" | "1739, 2012."."""
    pages = f.by.get("pages")
    if pages and _DANGLING_DASH.search(pages[0].text.rstrip()):
        p = pages[0]
        nxt = next((s for lab in ("date", "volume", "other") for s in f.by.get(lab, [])
                    if 0 <= s.start - p.end <= 1), None)
        m = _LEADING_NUMBER.match(nxt.text) if nxt else None
        if nxt and m and m.end() < len(nxt.text):
            pages[0] = Span("pages", p.start, nxt.start + m.end(1),
                            p.text + " " * (nxt.start - p.end) + nxt.text[: m.end(1)], p.confidence)
            f.by[nxt.label][f.by[nxt.label].index(nxt)] = Span(nxt.label, nxt.start + m.end(), nxt.end,
                                                                nxt.text[m.end():], nxt.confidence)


_YEARS = re.compile(r"(?:1[5-9]|20)\d\d\s*[-–]\s*(?:(?:1[5-9]|20)\d\d|\d\d)")

_VANC_HINT = re.compile(r"(?:1[5-9]|20)\d\d[^;]{0,12};\s*\d|(?:1[5-9]|20)\d\d:\s?\d")
#: what :data:`_VANC_HINT` needs, found three times faster (in one string in seven)
_VANC_NEED = re.compile(r"[;:]\s*\d")


def _run_out_of_notes(f: _Fields, raw: str) -> None:
    """A Vancouver run taken whatever its labels is not a note too: the longest end of it that a
    note span holds ("Jan-Mar;1(1):7-15." after the year "1995") is taken out of that note."""
    notes = f.by.get("note")
    if not notes:
        return
    cuts = [0] + [m.end() for m in re.finditer(r"\s+", raw)]
    kept = []
    for sp in notes:
        tail = next((raw[c:] for c in cuts if raw[c:] in sp.text), None)
        rest = sp.text if tail is None else sp.text.replace(tail, " ", 1).strip(" .,;:")
        if rest:
            kept.append(sp if tail is None else Span("note", sp.start, sp.end, rest, sp.confidence))
    if kept:
        f.by["note"] = kept
    else:
        del f.by["note"]


def _vancouver(f: _Fields) -> list[Any]:
    """The Vancouver runs ("2005;365(9464):1099-104") in the whole string, whatever the
    labels of their pieces (scanned only when the string has one's shape)."""
    whole = " ".join(sp.text for sps in f.by.values() for sp in sps)
    if not (_VANC_NEED.search(whole) and _VANC_HINT.search(whole)):
        return []
    return [n for n in scan(whole) if n.kind == "vanc"]


_RANGE = re.compile(r"\d\s*[-–—]\s*\d")

#: the words that count a work's volumes ("2 vols.", "3 Bde.", "2 t.", "4 тт.")
_VOLUMES = r"(?:vols?|volumes|Bde|Bände|t|tomes|tomos|тт?)"
_VOLUME_COUNT = re.compile(rf"\(?(\d+)\s*{_VOLUMES}\.?\)?[.,;]?")
#: a volume's label ("a. XLVI": Italian "anno", only with its full stop: "A48" is a section and a volume)
#: a volume's label before its number ("t. 3", "Tom I", "anno 12"), a whole word (the "T" of "Tomás" is none)
_VOLUME_LABEL = re.compile(r"^(?:(?:vols?|Bd|t|т|tome|tomo|tom|том|v|Band|volume|anno|Jg|Jahrgang|évf|год)"
                           r"(?![^\W\d_])\.?|a\.)\s*", re.I)
_ISSUE_NUMBER = re.compile(r"\d+(?:\s*[-–/]\s*\d+)?|[IVXLC]+\b")
_ISSUE_LABEL = re.compile(r"^(?:nos?|nr|n[°º]|n|issue|heft|h|№|núm|num|fasc|τεύχ|вып)\.?\s*", re.I)
_PAGE_COUNT = re.compile(r"(\d+)\s*(?:p|pp|S|с|pages|Seiten|σσ|σελ|págs)\.?")
#: the pages' word inside a span that has more before it ("(28). — С. 48—59", "54#4 pp 405–419")
_PAGES_AFTER_LABEL = re.compile(r"(?:^|\s)(?:(?:pp|p|S|С|с|σσ|σελ|σ|págs|pág|pgs|стр)\.\s*"
                                r"|(?:pp|págs|pgs|σσ|стр)\s+)(?=[A-Za-z]?\d)")
#: the word before the pages; a single letter only with its dot or a space after it ("S93-S99" is
#: a supplement's pages, "P05011" and "S08002" articles' numbers; "p45-67" is pages 45-67; GOST's
#: Latin-page "Р." is Cyrillic)
_PAGE_WORDS = ("páginas|paginas|página|pagina|pagine|pages|page|pp|ss|сс|σσ|σελ|págs|pág|pàgs|pàg|pagg|pag"
               "|pgs|стр|ст|str|stran|strani|Sp|Seiten|Seite|sivut|sider|side|sid|bls|blz|lk|paras|para|sayfa"
               "|halaman|hlm|trang|tr|oldal|صفحات|صص|ص")
_PAGES_LABEL = re.compile(rf"^(?:[-–—]\s*)?(?:(?:{_PAGE_WORDS})\.?\s*(?=\d|[IVXLCivxlc]+\b)"
                          r"|(?:p|S|s|С|с|σ|Р|C)(?:\.\s*|\s+)|o\.\s*|(?-i:p)(?=\d))", re.I)
_PAGES_SUPPLEMENT = re.compile(r"^([^:]*):\s*(?=[A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d)")
_PAGES_PINPOINT = re.compile(r"(\S+?)\s?[,;]\s*((?:[^\W\d_]{1,3}\.\s*)?\d+(?:\s?[-–]\s?\d+)?)")
#: an article's page range, then the page a note cites ("39–61, p. 41", "101–119, σ. 105")
_RANGE_THEN_PINPOINT = re.compile(r"(\d+)\s?[-–—]\s?(\d+)\s?[,;]\s*[^\W\d_]{1,3}\.\s*(\d+)")


def _pinpoint_after_range(pages: str) -> bool:
    """Whether ``pages`` is a range, then a page inside it ("39–61, p. 41"), not an issue's
    numbers, then the pages ("39-40, σ. 225-240")."""
    m = _RANGE_THEN_PINPOINT.match(pages)
    if not m:
        return False
    first, last, pin = m.group(1), m.group(2), int(m.group(3))
    if len(last) < len(first):  # "189–90"
        last = first[: len(first) - len(last)] + last
    return int(first) <= pin <= int(last)


#: "and the following pages" after the first (:data:`~refs.parse.numbers.FOLLOWING`, and "e ss.", "y ss.")
_PAGES_FF = re.compile(rf"\s*(?:{FOLLOWING}|[ey]\s+ss)\.?$")
#: a page range, then an arXiv number ("608-612, 0907.1234", "1-9, arXiv:1502.01234v2")
_ID_AFTER_PAGES = re.compile(r"([A-Za-z]?\d+\s?[-–]\s?[A-Za-z]?\d+)\s*[,;]\s*"
                             r"((?:arXiv:)?\d{4}\.\d{4,5}(?:v\d+)?)\.?")


#: a count of volumes opening a span, before what the span is ("2 Bde. C. H. Beck", "(4 vol. 1934–35)")
_VOLUME_COUNT_LEAD = re.compile(rf"\(?(\d{{1,2}})\s*{_VOLUMES}\.?\s+(?=\S)")


def _volume_count_lead(f: _Fields, csl: dict[str, Any]) -> None:
    """How many volumes a work has, read with what follows it ("2 Bde. C. H. Beck" as the
    publisher, "(4 vol. 1934–35)" as the date): the count, not a volume nor part of the name."""
    for label in ("publisher", "location", "date"):
        spans = f.by.get(label)
        if not spans:
            continue
        sp = spans[0]
        m = _VOLUME_COUNT_LEAD.match(sp.text)
        if m and "number-of-volumes" not in csl:
            csl["number-of-volumes"] = m.group(1)
            rest = sp.text[m.end():]
            if sp.text.startswith("(") and rest.count(")") > rest.count("("):
                rest = "(" + rest  # (the date keeps its bracket: "(1934–35)")
            spans[0] = Span(label, sp.end - len(rest), sp.end, rest, sp.confidence)


def _issue_read_as_number(f: _Fields, csl: dict[str, Any]) -> None:
    """A journal's issue read as a report's number ("Zeitschrift für Physik, | Bd. 24, | Nr. 3, S. |
    201–209"): with a container and a volume and no issue, a number named by an issue's cue is
    the issue."""
    nums = f.by.get("number")
    if not nums or "issue" in csl or "volume" not in csl or not f.by.get("container-title"):
        return
    text = nums[0].text.strip()
    label = _ISSUE_LABEL.match(text)
    m = _LEADING_NUMBER.match(text[label.end():]) if label else None
    if m and len(m.group(1)) <= 4:
        csl["issue"] = m.group(1)
        del f.by["number"]


def _numbers(f: _Fields, csl: dict[str, Any]) -> None:
    """volume, issue, page (or number-of-pages) from their spans; a Vancouver run
    ("2005;365(9464):1099-104", one token whatever its label) gives all of them."""
    for num in _vancouver(f):
        if num.kind == "vanc" and num.value.get("volume") and num.value.get("page"):
            # Vancouver "2013 Apr 25;496(7446):504-7", whatever labels its pieces got
            csl.setdefault("volume", num.value["volume"])
            if num.value.get("issue"):
                csl.setdefault("issue", _SPACES.sub("", num.value["issue"]))
            csl.setdefault("page", normalize_pages(num.value["page"]))
            _run_out_of_notes(f, num.value["raw"])
    for sp in f.by.get("volume", []) + f.by.get("pages", []) + f.by.get("date", []) + f.by.get("issue", []):
        taken = False  # (a volume just taken from this span: its ":pages" go with it)
        for num in scan(sp.text):
            if num.kind == "vanc" and num.value.get("volume") or \
                    num.kind in ("vi", "vol") and sp.label in ("date", "pages") or \
                    num.kind == "vi" and sp.label == "issue":
                # "2005;365(9464):1099-104", or "(2017) 54#4" taken for a date or an issue
                csl.setdefault("volume", num.value["volume"])
                if num.value.get("issue"):
                    csl.setdefault("issue", _SPACES.sub("", num.value["issue"]))
                if num.value.get("page"):
                    csl.setdefault("page", normalize_pages(num.value["page"]))
                taken = True
                continue
            if taken and sp.label == "date" and num.kind == "pages" and num.value["raw"].startswith(":"):
                # Vancouver with a season for the date: "1995 Jan-Mar;1(1):7-15" read as the date
                csl.setdefault("page", normalize_pages(num.value["page"]))
            taken = False
    vol = f.all("volume")
    m = _VOLUME_COUNT.fullmatch(vol.strip())
    if m:  # "2 vols.": how many volumes the work has, not which one
        csl["number-of-volumes"] = m.group(1)
        vol = ""
    found_issue = False
    pages_free = not f.by.get("pages") and "page" not in csl
    last = None
    for sp in scan(vol):
        if pages_free and last is not None and last.kind in ("num", "vi") and (
                sp.kind == "pages" or sp.kind in ("num", "year") and _PAGES_AFTER.fullmatch(
                    vol[last.end:sp.start])):
            # the pages read with the volume: "26: 1-3", "1 273", "6(1) 166", "127: 1607"
            csl["page"] = normalize_pages(sp.value.get("page") or sp.value.get("num") or sp.value["year"])
            pages_free = False
            continue
        if f.by.get("pages") and len(f.by["volume"]) == 1 and last is not None and last.kind == "num" \
                and "issue" not in csl and (
                sp.kind == "num" or sp.kind == "pages" and sp.value["page"].isdigit()) \
                and len(sp.value.get("num") or sp.value.get("page", "")) <= 4:
            # "10:4, 333-348", "14, 3, 281-297": with the pages in a span of their own, the number
            # after the volume is the issue
            csl["issue"] = sp.value.get("num") or sp.value["page"]
            found_issue = True
            continue
        last = sp
        if sp.value.get("volume") and "volume" not in csl:
            csl["volume"] = sp.value["volume"]
        if sp.value.get("issue"):
            found_issue = True
            csl.setdefault("issue", _SPACES.sub("", sp.value["issue"]).replace("–", "-"))
        if sp.kind == "num" and "volume" not in csl:
            csl["volume"] = sp.value["num"]
    if "volume" not in csl and not found_issue and _strip(vol):
        csl["volume"] = _VOLUME_LABEL.sub("", _strip(vol))
    iss = _strip(f.all("issue"))
    if iss and "issue" not in csl:
        m = _ISSUE_NUMBER.search(iss)
        csl["issue"] = _SPACES.sub("", m.group(0)).replace("–", "-") if m else _ISSUE_LABEL.sub("", iss)
    pages = _strip(f.first("pages"))
    if pages and "page" not in csl:
        m = _PAGE_COUNT.fullmatch(pages)
        if m:
            csl["number-of-pages"] = m.group(1)
        else:
            m = None if _pinpoint_after_range(pages) else _PAGES_AFTER_LABEL.search(pages)
            if m:  # "(28). — С. 48—59": the pages after their label (not "39–61, p. 41": a pinpoint)
                pages = pages[m.end():]
            v = _PAGES_LABEL.sub("", pages)
            m = _PAGES_SUPPLEMENT.match(v)
            if m:  # "Suppl 1:S45-52"; "1:195-200" (BibTeX's plain style): the volume, then the pages
                if m.group(1).isdigit() and "volume" not in csl and not f.by.get("volume"):
                    csl["volume"] = m.group(1)
                v = v[m.end():]
            v = _UNCLOSED.sub("", v)  # "517-576(2008": the year after the pages, its bracket never closed
            m = _YEAR_AFTER.search(v)
            if m:  # "451 (2006)[hep-th/0312085]": the year read with the pages, and what follows it
                v, after = v[: m.start()], m.group("after").strip(" []().,;")
                if after:
                    csl["note"] = "; ".join(filter(None, (csl.get("note"), after)))
            v = _WORD_AFTER.sub("", v)  # "1206-1210,Dec", "715-775,May2003": the date after the pages
            m = _CLOSED_BEFORE.match(v) or _YEAR_BEFORE.match(v)
            if m:  # "( 2012)094025", "(2010) 050502": the year's bracket closed, before the pages
                v = v[m.end():]
                if m.group(1) and not f.by.get("date"):
                    sp = f.by["pages"][0]
                    f.by["date"] = [Span("date", sp.start, sp.end, m.group(1), sp.confidence)]
            m = _ID_AFTER_PAGES.fullmatch(v)
            if m:  # "608-612, 0907.1234": the pages, then an arXiv number
                v = m.group(1)
                csl["note"] = "; ".join(filter(None, (csl.get("note"), m.group(2))))
            m = _PAGES_PINPOINT.fullmatch(v)
            if m and m.group(1).isdigit() and m.group(2)[:1].isdigit() and "volume" not in csl \
                    and not f.by.get("volume"):  # "68,134436", "646 ,1 - 59": a volume, then its pages
                csl["volume"], v = m.group(1), m.group(2)
            elif m:  # "74–84, 80": the article's pages, then the page a note cites
                v, pinpoint = m.group(1), m.group(2)
                csl["note"] = pinpoint
            csl["page"] = normalize_pages(_PAGES_FF.sub("", v))


#: what follows a volume in physics' and BibTeX's styles, read as a date or pages: "(1987) 1684",
#: "(1975), 2029", "(2):311-332", "(3):199-220, Aug 1975"
_YEAR_THEN_PAGE = re.compile(rf"^\(({YEAR})\)[,.;:]?\s*(\d{{1,6}}(?:[-–]\d{{1,6}})?)[.,;]?$")
_ISSUE_THEN_PAGES = re.compile(r"^\((\d{1,4}(?:[-–]\d{1,4})?)\)\s*:\s*"
                               r"([A-Za-z]?\d+(?:\s?[-–]\s?[A-Za-z]?\d+)?)\b")


_LEADING_ZERO = re.compile(r"0[1-9]")


def _numbers_after_volume(f: _Fields, csl: dict[str, Any]) -> None:
    """After a volume, a date span "(YEAR) PAGE" holds the page too, and a span that opens with
    "(ISSUE):PAGES" the issue (and the pages, when no span gave them)."""
    if "volume" not in csl:
        return
    for sp in f.by.get("date", []) + f.by.get("pages", []):
        text = sp.text.strip()
        if not text.startswith("("):
            continue
        m = _YEAR_THEN_PAGE.match(text)
        if m and "page" not in csl and sp.label == "date":
            csl["page"] = normalize_pages(m.group(2))
            continue
        m = _ISSUE_THEN_PAGES.match(text)
        if m and "issue" not in csl:
            csl["issue"] = m.group(1).replace("–", "-")
            csl.setdefault("page", normalize_pages(m.group(2).replace(" ", "")))


_PAGES_AFTER = re.compile(r"\s*:\s*|\s+")  # (between a volume and its page: "127: 1607", "1 273")

_UNCLOSED = re.compile(r"(?<=\d)\s*\((?!.*\)).*$")
_WORD_AFTER = re.compile(r"(?<=\d)\s*,\s*[^\W\d_]{3}.*$")
_YEAR_AFTER = re.compile(rf"(?<=\d)\s*\(\s*{YEAR}\s*\)(?P<after>.*)$")
#: a whole bracketed year before the pages ("(2010) 050502"); :data:`_CLOSED_BEFORE` takes only a
#: closing bracket, the opening one in the date's span ("( 2012)094025"): one pattern for both would
#: also cut a bracketed issue ("(59-60), 7–15") off the pages and lose it
_YEAR_BEFORE = re.compile(rf"^\(\s*({YEAR})\s*\)[,.;:]?\s*(?=[A-Za-z]?\d)")
_CLOSED_BEFORE = re.compile(rf"^[^()]*?({YEAR})?[^()\d]*\)\s*(?=[A-Za-z]?\d)")

_LONE_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")
#: the labels whose text may hold the year when no date was found (not a title, a name or a note)
_YEAR_HOLDERS = ("pages", "volume", "issue", "other", "publisher", "location", "edition")


def _date(text: str) -> tuple[int, int | None, int | None] | None:
    parts = parse_date(text)
    if parts:
        return parts
    m = _LONE_YEAR.search(text)
    return (int(m.group(0)), None, None) if m else None


def _years_read_as_pages(f: _Fields) -> None:
    """ "London: Witherby, 1924-38" with no date read: the years, not pages."""
    if not f.by.get("date") and f.by.get("pages") and _YEARS.fullmatch(_strip(f.first("pages"))):
        f.by["date"] = [f.by["pages"].pop(0)]


def _issued(f: _Fields) -> tuple[int, int | None, int | None] | None:
    """The date of publication: from the date spans (a year in square brackets beside another is
    the original's, "Casa-Grande & Senzala [1933]. Rio de Janeiro: José Olympio, 1980": the
    edition's own date wins), else from a Vancouver run labelled as a volume
    ("2005;365(9464):1099-104"), else the last year glued to the numbers or the publisher
    ("(3):199-220,Aug 1975", "May2003")."""
    spans = sorted(f.by.get("date", []), key=lambda sp: sp.text.lstrip("(").startswith("["))
    date = next((d for d in (_date(sp.text) for sp in spans) if d), None)
    if not date:
        date = next(((int(n.value["year"]), None, None) for n in _vancouver(f)), None)
    if not date:
        years = [y for lab in _YEAR_HOLDERS for sp in f.by.get(lab, []) for y in _LONE_YEAR.findall(sp.text)]
        if years:
            date = (int(years[-1]), None, None)
    return date


def _month_read_as_volume(f: _Fields, csl: dict[str, Any]) -> None:
    """ "JHEP 06 (2010) 043" with no issue found: a month's number read as the volume (no volume
    has a 0 first) is the issue."""
    if "issue" not in csl and _LEADING_ZERO.fullmatch(csl.get("volume", "")) \
            and any(sp.text.lstrip().startswith("(") for sp in f.by.get("date", [])):
        csl["issue"] = csl.pop("volume")


def _page_before_year(f: _Fields, csl: dict[str, Any]) -> tuple[int, None, None] | None:
    """Bluebook "160 U. Pa. L. Rev. 1853 (2012)", a volume and no page: a date span "PAGE (YEAR)"
    gives the page (set here) and the year (returned)."""
    if "volume" in csl and "page" not in csl:
        m = next((m for m in (_PAGE_THEN_YEAR.match(sp.text) for sp in f.by.get("date", [])) if m), None)
        if m:
            csl["page"] = m.group(1)
            return int(m.group(2)), None, None
    return None


def _page_of_a_book(kind: str, csl: dict[str, Any]) -> None:
    """One page of a whole book (or a thesis, a report) is where a footnote points ("(2002) p.
    210"), not the book's extent: a note; a range is the part of it that is meant ("pp. 32-63"):
    a page."""
    if kind in ("book", "thesis", "report") and "page" in csl and "container-title" not in csl \
            and not _RANGE.search(csl["page"]):
        csl["note"] = "; ".join(filter(None, ["p. " + csl.pop("page"), csl.get("note")]))
