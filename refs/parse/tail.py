"""What follows the title: container, editors, numbers, publication facts.

Chapter ("In …", "//"), thesis and report markers are recognised first, then editors and
translators, then :func:`refs.parse.numbers.scan` finds volume/issue/pages/year; the text
left between the numbers is the journal, or the place and publisher.
"""

from __future__ import annotations

import re

from refs.parse import names as namemod
from refs.parse.dates import month_of
from refs.parse.numbers import YEAR, Span, normalize_pages, scan
from refs.parse.patterns import (
    CHAPTER,
    EDITION,
    NEWSPAPER,
    REPORT,
    REPORT_NO,
    THESIS,
    WORD_EDITION,
    sentence_end,
    sentence_word,
)
from refs.parse.places import (
    REGION,
    clean_pub,
    is_city,
    looks_like_pubinfo,
    place_name,
    pubinfo,
    series,
    split_container_pub,
)
from refs.parse.state import Parsed


def parse_tail(tail: str, p: Parsed) -> None:
    """Fill ``p`` from the text after the title."""
    tail = tail.strip(" .,;:–—")
    if not tail:
        return
    tail = _apa_subtitle(tail, p)
    m = PRESENTED.match(tail)
    if m:  # "Paper presented at the International Conference on X, San Juan, Puerto Rico, May 2016"
        tail = present_event(tail[m.end():], p)
    m = CHAPTER.match(tail)
    if m:
        if m.group(0).startswith("//"):
            p.gost_container = True
        else:
            p.chapter = True
        tail = tail[m.end():]
        q = re.match(r"[«“\"„]([^«»“”\"„]+)[»”\"“]\s*,?", tail)
        if q and p.chapter:  # Italian "in «Rivista», 75 (2008), 3": a journal
            p.chapter = False
            p.container = q.group(1).strip()
            tail = tail[q.end():]
    elif p.gost_container:
        tail = tail.lstrip("/ ")
    if p.gost_container or p.chapter:
        m = re.search(rf"\s/\s*(?P<resp>[^/]*?)(?:\.\s*[–—]\s|\.\s+(?=[{namemod.UPPER}][\w\-]*\.?\s*:|"
                      rf"[{namemod.UPPER}][\w\-]*\.?,\s*\d{{4}})|$)", tail)
        if m:
            resp = re.sub(r"^(?:под\s+(?:общ\.\s+)?ред\.|(?:отв|науч|гл)\.\s+ред\.|ed\.(?:\s+by)?|"
                          r"hrsg\.\s+v\.|éd\.\s+par)\s*", "",
                          m.group("resp").strip(), flags=re.I)
            if resp != m.group("resp").strip() and namemod.looks_like_names(resp):
                p.editors = p.editors or namemod.parse_names(resp)[0]
            tail = tail[: m.start()] + ". " + tail[m.end():]
    # GOST areas are separated by " – "; make them commas for the scanner
    tail = re.sub(r"\s*\.?\s+[–—]\s+(?![^()]*\))", ". ", tail)
    m = THESIS.search(tail)
    if m:
        p.thesis = True
        p.genre = m.group("genre").strip()
        opener = re.search(r"\[[^\[\]]*$", tail[: m.start()])
        close = re.search(r"\]", tail[m.end():])
        if opener and close:  # APA 7: "[Doctoral dissertation, School]. Archive"
            inner = tail[m.end(): m.end() + close.start()].strip(" ,;")
            # "[Doctoral dissertation, School]. Archive": the school is inside; "[MA thesis]. School."
            tail = inner if inner else tail[m.end() + close.end():]
        else:
            before = tail[: m.start()].strip(" .,;")
            if before and p.title and not (p.quoted or p.chapter or p.gost_container) and \
                    re.search(r"[.?!]\s*$", tail[: m.start()]) and not re.search(r"\d", before) and \
                    not looks_like_pubinfo(before) and not PRESENTED.match(before):
                # "Titel. Untertitel. Dissertation, Universität X.": the subtitle before the genre
                p.title = f"{p.title}. {before}"
                before = ""
            tail = before + " " + tail[m.end():]
            school, dot, press = tail.strip(" ,").partition(". ")
            if dot and press and looks_like_pubinfo(school) and looks_like_pubinfo(press) and \
                    re.search(r"\d{4}", press):
                # a published thesis: "Dissertation, Universität Tübingen. Böhlau, Köln 2006"
                p.notes.append(school.strip(" ,"))
                tail = press
    else:
        m = REPORT.search(tail)
        if m and (m.group("number") or
                  re.search(r"\b(?:Paper|Brief|Note|Report)s?\b|Tech\.\s+Rep\.", m.group(0))):
            p.report = True
            p.genre = m.group("genre")
            p.number = (m.group("number") or "").rstrip(".,")
            tail = tail[: m.start()] + " " + tail[m.end():]
    m = PARLIAMENT.search(tail) if re.search(r"\b(?:HC|HL|Cm|Cd|Drs|Drucksache|BT)", tail) else None
    if m and not p.thesis:  # "HC 358", "Cm 9161": a parliamentary paper's number
        p.report, p.number = True, re.sub(r"\s+", " ", m.group("number"))
        tail = tail[: m.start()] + " " + tail[m.end():]
    if not p.report and not p.thesis:
        m = REPORT_NO.search(tail)
        if m and not re.search(r"\b(?:vol|Vol|Bd|т|pp?)\.|\d+\s*\(\d+\)", tail):
            p.report = True
            p.number = m.group("number") or m.group("code")
            tail = tail[: m.start()] + " " + tail[m.end():]
    m = EDITION.search(tail) or WORD_EDITION.search(tail)
    if m:
        p.edition = m.group("ed")
        tail = tail[: m.start()] + " " + tail[m.end():]
    m = VOLUMES.search(tail)
    if m:  # "2 Bde.", "3 vols.": how many volumes the work has, not its volume
        p.volumes = m.group("n")
        y = re.match(rf"\s*({YEAR})\s*[-–—]\s*\d{{2,4}}\s*\)", tail[m.end():])
        if y and not p.year:  # Wikipedia "(4 vol. 1934–35)": published over years; the first counts
            p.year = y.group(1)
            tail = tail[: m.start()] + " " + tail[m.end() + y.end():]
        else:
            tail = tail[: m.start()] + " " + tail[m.end():]
    tail = take_translators(tail, p)
    tail = take_editors(tail, p)
    # "n.d." (no date) in any language is not part of the publisher
    tail = re.sub(r"(?:^|(?<=[\s,(]))(?:n\.\s?d|s\.\s?d|s\.\s?f|o\.\s?J|б\.\s?г)\.?(?=[\s,.;)]|$)", " ", tail)
    m = re.search(r"\.\s*\((?P<series>[^()\d]{3,80})\)\.?$", tail)
    if m and not (THESIS.search(m.group("series")) or REPORT.search(m.group("series"))
                  or is_city(m.group("series"))):
        # French/ISO 690: "Paris : Gründ, 1989. 351 p. (Encyclopédies)": the series of the book
        p.collection = m.group("series").strip()
        tail = tail[: m.start() + 1]
    tail = _numbered_publisher(tail, p)
    spans = scan(tail)
    pieces = text_pieces(tail, spans)
    assign_numbers(spans, pieces, p)
    assign_text(pieces, spans, p)
    _series(p)
    if p.container and p.day and p.volume and not (p.issue or p.page) and NEWSPAPER.fullmatch(p.container):
        # "Corriere della Sera, 12 marzo 2022, 28": a daily's page, not a volume
        p.page, p.volume = p.volume, ""


def _abbreviated(name: str) -> bool:
    """ "Phys. Rev. B", "IEEE Trans. Comput.": an abbreviated journal name (its full stops
    do not separate a site from its publisher)."""
    toks = name.split()
    abbr = sum(1 for t in toks if re.fullmatch(r"[A-Z][a-z]{0,6}\.", t))
    return abbr >= 2 and abbr * 2 >= len(toks)


#: "Madrid: Historia 16, 1991", "São Paulo: Editora 34, 1997": a publisher whose name ends
#: in a number, between a city and the year at the end of the reference
_NUMBERED_PUB = re.compile(rf"(?:^|(?<=[(.,]\s)|(?<=[(]))(?P<place>[^:;,.()\d]{{2,40}}?)\s?:\s*"
                           rf"(?P<pub>[{namemod.UPPER}][^:;,.()\d]{{1,40}}?\s\d{{1,3}})\s*,\s*"
                           rf"(?P<y>{YEAR})\s*\)?[.,]?\s*$")


#: UK parliamentary papers ("HC 358", "HL Paper 120", "Cm 9161", "Cmnd. 3998") and German
#: "BT-Drs. 19/1234", "Drucksache 19/1234"
PARLIAMENT = re.compile(r"(?:^|(?<=[\s,(]))"
                        r"(?P<number>(?:HC|HL(?:\s+Paper)?|Cm|Cmnd\.?|Cmd\.?|Cd\.?)\s+\d{1,5}"
                        r"(?:-[IVX]+)?|(?:BT-Drs\.|BT-Drucksache|Drucksache|Drs\.)\s*\d{1,2}/\d{1,6})"
                        r"(?=[\s,.;)]|$)")


#: a book series' name: "Cambridge Studies in International Relations", "Lecture Notes in
#: Computer Science", "Cambridge Texts in the History of Political Thought"
_SERIES = (r"(?:[A-Z][\w\-]*\s+){0,5}(?:Studies|Series|Library|Monographs|Texts|Lectures|Lecture\s+Notes"
           r"|Handbooks|Perspectives)(?:\s+(?:in|on|of|for)\s+(?:the\s+)?"
           r"(?:[A-Z][\w\-]*(?:\s+(?:and|of|the|in)){0,2}(?:\s+|$)){1,6})?")


def _series(p: Parsed) -> None:
    """CS1/Wikipedia "Title. Series. Vol. 12. London: Routledge": a journal never has a
    place and publisher of its own, so the "container" of an unquoted title followed by
    both is the book's series (``collection-title``)."""
    if p.container and not (p.quoted or p.chapter or p.gost_container or p.issue or p.page) and \
            p.publisher and (p.place or p.isbn) and not re.search(
                r"\b(?:Journal|Review|Quarterly|Revue|Zeitschrift|Rivista|Revista|Bulletin)\b", p.container):
        p.collection = p.collection or p.container
        p.container = ""
        p.book_volume = True
        return
    if p.quoted or p.container or not (p.publisher or p.place):
        return
    m = re.search(rf",\s+(?P<s>{_SERIES})$", p.publisher)
    if m and not p.collection:
        # MLA "… Cambridge UP, 1996. Cambridge Texts in the History of Political Thought."
        p.collection, p.publisher = m.group("s"), p.publisher[: m.start()]
        return
    m = re.search(rf"\.\s+(?P<s>{_SERIES})$", p.title)
    if m and len(p.title[: m.start()].split()) >= 1:
        # "Soviet Diplomacy. Cambridge Studies in International Relations. Cambridge: CUP"
        p.collection = p.collection or m.group("s").strip()
        p.title = p.title[: m.start()]


def _numbered_publisher(tail: str, p: Parsed) -> str:
    """Take "City: Publisher 16, 1991" as place, publisher and year before the number
    scanner would read "16" as a journal volume. Only after a known city, and only when
    the year ends the reference: "Journal 16, 1991" has no "City:" before it."""
    if p.chapter or p.gost_container or p.container:
        return tail
    m = re.fullmatch(rf"(?P<pub>[{namemod.UPPER}][^,:;.()\d]{{1,40}}?)\s(?P<n>\d{{1,3}})\.?", tail.strip())
    if m and p.year and looks_like_pubinfo(m.group("pub")):
        # APA "… (1850-2002). Editora 34.": the whole rest is a publisher whose name ends in
        # a number (a journal would come with its volume after a comma)
        p.publisher = f"{m.group('pub').strip()} {m.group('n')}"
        return ""
    m = _NUMBERED_PUB.search(tail) if re.search(r"\d\s*,\s*\d{4}\W*$", tail) else None
    if not m or not is_city(m.group("place").strip()):
        return tail
    p.place = place_name(m.group("place"))
    p.publisher = clean_pub(m.group("pub"))
    if not p.year:
        p.year = m.group("y")
    return tail[: m.start()].rstrip(" ,(")


#: "2 vols.", "2 Bde.", "3 t.", "2 voll.", "в 2 т.": a multi-volume work
VOLUMES = re.compile(r"(?:^|(?<=[\s,.(]))(?:[вv]\s+)?(?P<n>\d{1,2})\s*"
                     r"(?:vols?|volumes|Bde|Bände|tomes|t|voll|volúmenes|volumi|тт?|τόμοι|τ)\.?(?=[\s,.;)]|$)")


def _apa_subtitle(tail: str, p: Parsed) -> str:
    """APA/Harvard (year after the authors): "Title. More of the title. Publisher." — an
    unquoted title that goes on past its first full stop, then a short publisher name
    that no list knows (Greek "Καστανιώτης"), or a "Place: Publisher" after a sentence
    that holds a year ("Il mondo contemporaneo. Dal 1848 a oggi. Roma-Bari: Laterza").
    The last sentence is the publisher."""
    if not p.year or p.quoted or p.gost_container:
        return tail
    m = re.fullmatch(r"(?P<more>[^\[\]()]{3,}?[^\s.])\.\s+(?P<pub>[^\d.;()\[\]/]{2,80}?)\.?", tail.strip())
    if not m:
        return tail
    more, pub = m.group("more"), m.group("pub")
    placed = bool(re.search(r"[:,]", pub))
    if (placed and not (looks_like_pubinfo(pub) and re.search(YEAR_IN, more))) or \
            len(pub.split()) > (8 if placed else 6):
        # ("Title. Subtitle. London: X" is already read right by the book rules)
        return tail
    if not sentence_end(tail.strip(), m.end("more")) or CHAPTER.match(more) or PRESENTED.match(more) or \
            THESIS.search(tail) or REPORT.search(tail) or EDITION.search(more) or \
            re.search(r"\bed(?:s|itors?)?\.|\bedited\b|\d+\s*\(|\.\s", more, re.I) or \
            looks_like_pubinfo(more) or JOURNAL_WORD.search(pub) or NEWSPAPER.fullmatch(pub) or \
            not pub[:1].isupper():
        return tail
    p.title = f"{p.title}{p.title_sep}{more.strip()}"
    return pub


YEAR_IN = rf"(?<!\d){YEAR}(?!\d)"


JOURNAL_WORD = re.compile(r"\b(?:Journal|Review|Quarterly|Bulletin|Transactions|Annals|Letters|Revue"
                          r"|Zeitschrift"
                          r"|Rivista|Revista|Jahrbuch|Cahiers|Журнал|Вестник|Вопросы|Περιοδικό|Επιθεώρηση)\b")


PRESENTED = re.compile(r"(?:(?:Paper|Poster|Talk)\s+)?(?:presented|delivered|read)\s+at\s+(?:the\s+)?|"
                       r"(?:Vortrag|Communication|Ponencia|Comunicação)\s+(?:auf|bei|à|au|en|no|na)\s+(?:la\s+|le\s+|der\s+)?",
                       re.I)


def present_event(text: str, p: Parsed) -> str:
    """The meeting a paper was presented at: its name and place; the date stays in the tail."""
    spans = [sp for sp in scan(text) if sp.kind in ("year", "date")]
    end = spans[0].start if spans else len(text)
    event, rest = text[:end].strip(" ,."), text[end:]
    parts = [x.strip() for x in event.split(",")]
    # the place is the trailing run of short capitalised parts: "…, San Juan, Puerto Rico"
    i = len(parts)
    while i > 1 and re.fullmatch(r"[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,2}", parts[i - 1]) and \
            not re.search(r"Conf|Symp|Workshop|Meeting|Congress|Proc|Assoc|Soc|Forum|Summit|\(",
                          parts[i - 1]):
        i -= 1
    if i < len(parts):
        p.event_place = ", ".join(parts[i:])
    p.event = ", ".join(parts[:i])
    return rest


EDITORS_IN = [
    # Vancouver/AMA: "In: Nguyen H, Asmus G, eds. Book" (a plural marker after a list of names)
    re.compile(r"(?:^)(?P<names>[^.:,]+,[^.:]+?),\s*(?:eds\.|editors|editores|éditeurs|Hrsg|organizadores|"
               r"redactores|curatori)\.?\s*"),
    # "ed. Michael Renov," / "edited by X and Y," / "hrsg. von X" / "под ред. X"
    re.compile(r"(?:^|[,.]\s*|\s)(?:ed\.|eds\.|[Ee]dited(?:\s+and\s+(?:translated|introduced))?"
               r"(?:\s+with\s+an\s+introduction)?\s+by|Ed\.|Eds\.|hrsg\.\s+v(?:on|\.)"
               r"|Hrsg\.\s+v(?:on|\.)|"
               r"sous\s+la\s+dir(?:ection|\.)\s+de|dir\.|a\s+cura\s+di|ed\.\s+por|org\.\s+por|под\s+ред\.|"
               r"επιμ\.)\s*(?P<names>(?:[^,.;:(]|(?<=\b\w)\.|\.(?=\s*-?\w\.)|,\s*(?:and|&)\s"
               # "edited by A, B, and C": a comma that a later "and" shows is inside the list
               r"|,\s+(?=(?:[^,;:()]+,\s+)*?[^,;:()\d]+,?\s+(?:and|&)\s))+)"
               r"(?=\s*[,.;(]|\s*$|\s+\d)"),
    # APA: "M. Renov (Ed.)," / "X & Y (Eds.),"
    re.compile(r"(?:^)(?P<names>[^()]+?)\s*\((?:Eds?|eds?|Hrsg|Hg|dir|Dir|éds?|Éds?|coords?|Coords?|orgs?|Orgs?|ред|"
               r"επιμ|Επιμ|a\s+cura\s+di|"
               r"Ed\.\s+lit|comps?)\.?\)\s*[,.:]?\s*"),
    # IEEE: "in Book, H. Nguyen and G. Asmus, Eds., Place: Publisher"
    re.compile(r",\s*(?P<names>[^,]+?(?:,\s*[^,]+?){0,3}),\s*(?:Eds?|eds?)\.,?\s*"),
    # MLA/Chicago: "X, ed." before the container
    re.compile(r"(?:^)(?P<names>[^.:]+?),\s*(?:eds?\.|Hrsg\.|editors?\b\.?)\s*[,:]?\s*"),
]


TRANSLATORS = re.compile(
    r"(?:^|[,.]\s*)(?:Translated\s+(?:from\s+the\s+\w+\s+)?by|Trans\.\s+by|translated\s+by|trans\.\s+by|"
    r"(?:Trans|Trad|Übers)\.(?=\s+[A-Z][a-z]+(?:,\s+[A-Z]|\s+[A-Z][a-z]+\.))|"
    r"Traduit\s+(?:de\s+l'\w+\s+)?par|trad\.\s+(?:de|par)|Übersetzt\s+von|übers\.\s+v(?:on|\.)|"
    r"Traducción\s+de|Traducido\s+por|Traduzione\s+di|Tradotto\s+da|trad\.\s+di|tradução\s+de|Tradução\s+de|пер\.\s+с\s+\w+\.?|"
    r"Μετάφραση|Μτφρ\.|μτφρ\.)\s*"
    # names run to a full stop that does not end an initial ("Alan S. Kahan. Vol. 1")
    r"(?P<names>(?:[^.;:()]|(?<=\s[A-ZА-Я])\.)*?)(?=(?<!\s[A-ZА-Я])\.\s|\.?$|[;,(])")


def take_translators(tail: str, p: Parsed) -> str:
    m = TRANSLATORS.search(tail)
    if not m:
        return tail
    span = m.group("names").strip(" ,.")
    if span and namemod.looks_like_names(span):
        p.translators = namemod.parse_names(span)[0]
    return (tail[: m.start()] + ". " + tail[m.end():]).strip(" .,")


def take_editors(tail: str, p: Parsed) -> str:
    if not p.chapter and not re.search(r"\b(?:ed\.|eds\.|[Ee]dited (?:and \w+ )?by|Ed\.|Eds\.|\(Hrsg\.\)|"
                                       r"\((?:[Oo]rg|[Cc]oord|[Dd]ir|[Cc]omp)s?\.\)|editores|"
                                       r"Hrsg\.|"
                                       r"под ред\.|επιμ\.|"
                                       r"editors?\b|a cura di)", tail):
        return tail
    for rx in EDITORS_IN:
        m = rx.search(tail)
        if not m:
            continue
        span = m.group("names").strip(" ,.")
        if namemod.looks_like_names(span):
            names, _ = namemod.parse_names(span)
            p.editors = p.editors or names
            if re.search(r"and\s+translated|translated\s+and", m.group(0), re.I):
                p.translators = p.translators or names
            # "Title. Edited by X. Place: Publisher" edits the book itself; "ed. X" after a
            # title and before another title is a chapter's book
            p.chapter = p.chapter or (bool(p.title) and bool(tail[: m.start()].strip(" ,.")))
            return (tail[: m.start()] + " | " + tail[m.end():]).strip(" ,|")
    return tail


def text_pieces(tail: str, spans: list[Span]) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    pos = 0
    for sp in spans:
        pieces.append((pos, tail[pos: sp.start]))
        pos = sp.end
    pieces.append((pos, tail[pos:]))
    out = []
    for start, piece in pieces:
        t = piece.strip(" .,;:()[]")
        t = re.sub(r"^(?:and|&|и)\s+", "", t)
        if t and re.search(r"\w", t):
            out.append((start, t))
    return out


def assign_numbers(spans: list[Span], pieces: list[tuple[int, str]], p: Parsed) -> None:
    first_text = pieces[0][0] if pieces else 0
    for sp in spans:
        v = sp.value
        if sp.kind in ("vanc", "vi", "vol", "iss"):
            if v.get("volume") and not p.volume:
                p.volume = v["volume"]
            if v.get("issue") and not p.issue:
                p.issue = re.sub(r"\s+", "", v["issue"]).replace("–", "-") if re.fullmatch(
                    r"[\d\s\-–/]+", v["issue"]) else v["issue"].strip()
            if v.get("year") and not p.year:
                p.year = v["year"]
            if v.get("page") and not p.page:
                p.page = normalize_pages(v["page"])
        elif sp.kind == "year":
            if not p.year:
                p.year = v["year"]
                if v.get("month"):
                    p.month, p.day = int(v["month"]), int(v["day"])
                else:
                    p.month = month_of(v.get("raw", ""))
                    day = re.match(r"\s*(\d{1,2})\b", v.get("raw", "")) or re.search(
                        r"\b(\d{1,2}),?\s+\d{4}", v.get("raw", ""))
                    if p.month and day:
                        p.day = int(day.group(1))
        elif sp.kind == "date":
            p.month = p.month or month_of(v.get("month") or v.get("month2") or "")
            if p.month and not p.day:
                p.day = int(v.get("day") or v.get("day2") or 0) or None
        elif sp.kind == "pages":
            if not p.page:
                p.page = normalize_pages(v["page"])
        elif sp.kind == "extent":
            p.extent = v["extent"]
    # bare numbers: after the journal name, a volume; otherwise a page/article number
    nums = [sp for sp in spans if sp.kind == "num"]
    for sp in nums:
        n = sp.value["num"]
        nxt = next((s for s in spans if s.start >= sp.end), None)
        year_paren = nxt is not None and nxt.kind == "year" and nxt.start - sp.end <= 2 and \
            nxt.value.get("raw", "").startswith("(")  # "In: Merkur 35 (1981)": a journal volume
        if not p.volume and (sp.start >= first_text or p.container) and \
                (not p.chapter or p.issue or year_paren) and not p.thesis:
            p.volume = n
        elif not p.page and p.volume:
            p.page = n
        elif p.volume and p.page and not p.issue and p.container:
            p.issue = n  # "75 (2008), 3, pp. 345-360"


def assign_text(pieces: list[tuple[int, str]], spans: list[Span], p: Parsed) -> None:
    texts = [t for _, t in pieces]
    vol = next((sp for sp in spans if sp.kind == "vol"), None)
    placed = [st for st, t in pieces if re.match(r"[^:]{1,40}\s?:\s*\S", t) and looks_like_pubinfo(t)]
    if vol and p.volume and not (p.issue or p.page or p.container or p.chapter or p.gost_container) and \
            (placed and (placed[0] < vol.start or not any(st < vol.start for st, _ in pieces)) or
             not p.quoted and pieces and not any(st < vol.start for st, _ in pieces)):
        # (MLA "Kotkin, Stephen. Stalin. Vol. 1, Penguin, 2014": the volume right after an
        # unquoted title, before any journal name, is the book's)
        # GOST "— М.: Наука, 2003. — Т. 1.", Chicago "Vol. 1. Chicago: University of Chicago
        # Press, 1998": one volume of a book
        p.book_volume = True
    has_numbers = bool((p.volume and not p.book_volume) or p.issue or
                       (p.page and "-" in p.page and not p.isbn))
    # (CS1 "Title. Oxford University Press. pp. 88–91. ISBN …": a book's pinpoint pages)
    if p.container:  # already known (a quoted journal name)
        for t in texts:
            if looks_like_pubinfo(t):
                pubinfo(t, p)
        return
    if p.chapter or p.gost_container:
        if texts:
            container = texts.pop(0)
            if "|" in container:
                container, _, more = container.partition("|")
                if more.strip(" ,.|"):
                    texts.insert(0, more.strip(" ,.|"))
            # "Book Title. City: Publisher" inside one piece
            container, pub = split_container_pub(container, commas=True)
            # "Proc. Int. Conf. Robotics (ICRA), Paris, France": the place of the meeting
            parts = container.split(", ")
            for i in range(1, len(parts)):
                if is_city(parts[i]) or (i + 1 < len(parts) and REGION.fullmatch(parts[i + 1].strip())
                                         and re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}",
                                                          parts[i].strip())):
                    container = ", ".join(parts[:i])
                    if all(REGION.fullmatch(x.strip()) for x in parts[i + 1:]):
                        p.place = ", ".join(parts[i:])
                    else:  # "Regards sur l'Eurasie, Paris, La Documentation française": place, publisher
                        pub = ", ".join(filter(None, [", ".join(parts[i:]), pub]))
                    break
            p.container = container
            if pub:
                texts.insert(0, pub)
        pubinfo(" , ".join(texts), p)
        return
    if p.thesis or p.report:
        joined = " , ".join(texts)
        if p.thesis and re.match(r"(?i)дис|автореф|диссерт", p.genre) and ":" not in joined and \
                len(joined.split()) <= 3:
            p.place = place_name(joined)  # GOST "дис. … канд. наук. — Томск, 2009": only the city
            return
        pubinfo(joined, p, school=p.thesis)
        return
    # "Paris, Tallandier, 2018, p. 412-415": a book's facts and a pinpoint, not a journal
    city_first = bool(texts) and is_city(texts[0].split(",")[0]) and "," in texts[0] and not (
        p.quoted or p.volume or p.issue)
    if texts and not city_first and (has_numbers or (p.quoted and not looks_like_pubinfo(texts[0]))):
        container = texts.pop(0)
        container, pub = split_container_pub(container)
        stops = [m for m in re.finditer(r"\.\s+(?=[A-ZÀ-ÞА-ЯΑ-Ω])", container)
                 if sentence_end(container, m.start())]
        ends = [m for m in stops if sentence_word(container[: m.start()])]
        # (a sentence ends in a lower-case word, a number or a long noun; "J. Am. Chem. Soc."
        # and "ACM Trans. Math. Softw." are abbreviations)
        if ends and has_numbers and p.title and not p.quoted:
            # "Title: Subtitle. The transition in Estonia. European Journal of IR, 8(3)": the
            # journal is the last sentence before the numbers; the rest belongs to the title
            p.title = f"{p.title}{p.title_sep}{container[: ends[-1].start()].strip()}"
            container = container[ends[-1].end():]
        elif stops and p.quoted and not has_numbers and not pub and not _abbreviated(container):
            # CS1 web citation: "Title". site.org. Publisher. 2 May 2022.
            p.publisher = clean_pub(container[stops[0].end():])
            container = container[: stops[0].start()]
        head, _, last = container.rpartition(", ")
        if head and is_city(last):  # ABNT "Revista de Estudos, São Paulo, v. 10"
            container, p.place = head, place_name(last)
        p.container = container
        if pub:
            texts.insert(0, pub)
        # after a journal's numbers: a month, a publisher, or noise ("Supplement")
        for t in texts:
            if month_of(t) and len(t.split()) <= 3:
                p.month = p.month or month_of(t)
            elif looks_like_pubinfo(t):
                pubinfo(t, p)
        return
    if texts and NEWSPAPER.fullmatch(texts[0].strip(" .")):  # APA: "Title. The Guardian."
        p.container = texts.pop(0).strip(" .")
        return
    if texts and JOURNAL_WORD.search(texts[0]) and not looks_like_pubinfo(texts[0]) and not p.publisher:
        # "Title. Journal of Intelligent Information Systems, 1995.": a journal without numbers
        p.container = texts.pop(0).strip(" .")
        return
    if len(texts) == 1 and p.day and not p.quoted and not looks_like_pubinfo(texts[0]):
        # APA "Title. Asahi Shinbun 31 December." — a periodical with a day, not a publisher
        p.container = texts.pop(0).strip(" .")
        return
    # a book: "Subtitle. Place: Publisher" / "Subtitle, Paris, Gallimard": the part
    # before the publication facts belongs to the title
    joined = " , ".join(texts)
    joined = series(joined, p)
    head, pub = split_container_pub(joined)
    if pub and not p.container and p.title and not p.quoted:
        p.title = f"{p.title}{p.title_sep}{head}"
        joined = pub
    pubinfo(joined, p)
