"""The title of a reference and what hides in it.

A quoted title ends at its closing quote; an unquoted one at the first sentence end,
GOST "//" or "/", "In:", a Wikipedia-style "(Publisher, 2008)" parenthesis, or the comma
before a journal and its numbers. Report numbers, GOST thesis statements and editions
around the title are moved to their fields.
"""

from __future__ import annotations

import re

from refs.parse import names as namemod
from refs.parse.numbers import YEAR, scan
from refs.parse.patterns import EDITION, QUOTES, REPORT, THESIS, WORD_EDITION, close_quote, sentence_end
from refs.parse.places import is_city, looks_like_pubinfo
from refs.parse.state import Parsed


def split_title(text: str, p: Parsed) -> str:
    """Set ``p.title`` and return what follows the title."""
    text = text.strip()
    if not text:
        return ""
    if text[0] in QUOTES:
        end = close_quote(text, text[0])
        if end is not None:
            p.title = clean_title(text[1:end])
            p.quoted = True
            return text[end + 1:].lstrip(" ,.:;")
    m = _BOOK_VOLUME.match(text)
    if m and (re.match(r"[^:,]{2,60}(?:,\s*[^:,]{2,30}){0,2}\s?:\s*\S", m.group("rest"))
              or looks_like_pubinfo(m.group("rest").split(",")[0])):
        # IEEE "Title, vol. 1. Reading, MA, USA: Addison-Wesley, 1963": one volume of a book
        p.title = clean_title(m.group("title"))
        p.volume, p.book_volume = m.group("vol"), True
        return m.group("rest")
    # GOST: "Title / Author. – М.: Publisher" and "Title // Journal"
    cands: list[tuple[int, int, str]] = []
    m = re.search(r"\s//\s*", text)
    if m:
        cands.append((m.start(), m.start(), "gost-container"))
    m = re.search(r"\s/\s", text)
    if m:
        cands.append((m.start(), m.end(), "gost-resp"))
    dashes = [d for d in re.finditer(r"\s[–—]\s", text) if _paren_depth(text, d.start()) == 0]
    if (len(dashes) >= 2 and re.search(r"[.,:]\s*[–—]\s", text)) or (
            len(dashes) == 1 and is_city(text[dashes[0].end():].split(":")[0]) and
            re.match(r"[^:]{1,25}:\s*\S", text[dashes[0].end():])):
        # (one dash is enough before a GOST publication area: "… : в 3 т. — СПб.: Буланин, 2014")
        # (a dash inside parentheses belongs to the title: "(XVIII — начало XX в.)")
        cands.append((dashes[0].start(), dashes[0].start(), "gost-area"))
    m = re.search(r"[.,?!]\s+(?:In|in|Dans|dans|En|Em|Nel|Im|Στο|В)\s*:\s+|[.?!]\s+(?:In|Dans|En|Em|Nel|Im"
                  r"|Στο)\s+(?=\S)"
                  # Italian and French Wikipedia: "Titolo, in Rivista, …", "Titre, dans Revue, …"
                  r"|,\s+(?:in|dans)\s+(?=[A-ZÀ-Þ«“\"])",
                  text)
    chapter_at = None
    if m:
        chapter_at = m.start() + (1 if text[m.start()] in "?!" else 0)
        cands.append((chapter_at, m.start() + 1, "chapter"))
    for m in re.finditer(r"\.\s+(?=\S)", text):
        if sentence_end(text, m.start()):
            cands.append((m.start(), m.end(), "stop"))
            break
    for m in re.finditer(r"[?!]\s+(?=[A-ZÀ-ÞА-ЯΑ-Ω])", text):
        after = text[m.end():]
        if re.match(r"[^.?!]{2,80}\.\s*(?:19|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;", after):
            cands.append((m.start() + 1, m.end(), "stop"))  # Vancouver "Title? Lancet. 2015;385…"
            break
        if (looks_like_pubinfo(after.split(",")[0]) and not re.search(r"\.\s", after.split(":")[0])) or (
                p.year and re.fullmatch(r"[^\d.,:;?!]{2,40}\.?", after) and len(after.split()) <= 4):
            # APA "Title? Subtitle ? Dunod." — after the year, a short last segment is the publisher
            cands.append((m.start() + 1, m.end(), "stop"))
            break
    m = re.search(r",\s+(?=\d+(?:st|nd|rd|th)\s+ed\.)", text)
    if m:  # IEEE "Title, 2nd ed. Cambridge, MA, USA: MIT Press, 2018"
        cands.append((m.start(), m.end(), "comma"))
    pubyear = _place_publisher_year(text)
    if pubyear is not None:
        cands.append((pubyear, pubyear + 1, "comma"))
    comma = comma_title_end(text)
    if comma is not None:
        cands.append((comma, comma + 1, "comma"))
    for m in re.finditer(r"\s*[(\[](?P<inner>[^()\[\]]*)[)\]]", text):
        inner = m.group("inner")
        if m.start() == 0:
            continue
        if EDITION.fullmatch(inner.strip()) or re.fullmatch(r"\s*(?:pp?\.|S\.)\s*[\d\-–]+\s*", inner):
            continue
        after = text[m.end():]
        if re.fullmatch(rf"\s*{YEAR}\s*[-–—]\s*{YEAR}\s*(?:гг?\.?)?\s*", inner) and (
                p.year or re.match(r"\s*[:/]", after)):
            continue  # "La España de Franco (1939-1975): política y sociedad": the title's own dates
        pub_words = r"^[^:]+:[^:]+$|Press|UP\b|Verlag|University|Routledge|Publish"
        if re.search(YEAR, inner) or ((re.search(pub_words, inner.strip())
                                       or THESIS.search(inner)) and re.match(r"\s*(?:[.,;]|$)", after)):
            cands.append((m.start(), m.start(), "paren"))
            break
    if not cands:
        spans = [sp for sp in scan(text) if sp.kind in ("vi", "vol", "pages", "vanc", "num", "iss")]
        lead = text[: spans[0].start] if spans else text
        if spans and len(lead) < 60 and not re.search(r"\s[a-zà-ÿа-яёα-ω]{4,}\s", lead):
            return text  # "J. Am. Chem. Soc. 2007, 129, 3226": a journal, no title
        m = re.fullmatch(rf"(?P<title>[^,]{{8,}}),\s*\(?(?P<year>{YEAR})[a-z]?\)?\.?", text)
        if m:  # "Title, 2007.": a year and nothing else after the title
            p.title = clean_title(m.group("title"))
            return m.group("year")
        cut = _place_publisher_year(text)
        if cut is not None:  # French/Italian "Titre, Paris, Gallimard, 2008, 203 p."
            p.title = clean_title(text[:cut])
            return text[cut:].strip(" ,")
        m = re.search(rf"^(?P<title>.{{8,}}?),\s*(?P<pub>(?:[^,]{{2,50}},\s*){{0,2}}[^,]{{2,50}}),?\s*"
                      rf"(?P<year>{YEAR})[a-z]?(?:,\s*\d+\s*(?:p|pp|S|с)\.?)?\.?$", text)
        if m and not re.search(r"\d", m.group("pub")) and (
                looks_like_pubinfo(m.group("pub")) or len(m.group("pub").split()) <= 3):
            p.title = clean_title(m.group("title"))
            return text[m.end("title"):].strip(" ,")
        m = re.search(rf"^(?P<title>.{{8,}}),\s*(?P<pub>[^,\d]{{2,50}}),\s*(?P<year>{YEAR})[a-z]?\.?$", text)
        if m and len(m.group("pub").split()) <= 4:
            # "Title, with commas, Swan Sonnenschein, 1892": the last chunk before the year
            p.title = clean_title(m.group("title"))
            return text[m.end("title"):].strip(" ,")
        p.title = clean_title(text)
        return ""
    area = [c[0] for c in cands if c[2] == "gost-area"]
    if area and not any(c[2] in ("gost-container", "gost-resp", "chapter") and c[0] < area[0] for c in cands):
        # GOST "Title. 2020 : стат. сб. — М. : Росстат": the title area runs to the first " — "
        cands = [c for c in cands if c[2] != "stop" or c[0] >= area[0]]
    if pubyear is not None and not p.quoted and len(re.findall(r"\.\s", text[:pubyear])) <= 2 and \
            not re.search(r"\s//\s|\s/\s|\b(?:In|in|Dans|dans)\s*:", text):
        # Italian/French "Titolo. Sottotitolo, Roma-Bari, Laterza, 1993": a comma-separated book
        cands = [c for c in cands if c[2] != "stop" or c[0] >= pubyear]
    if chapter_at is not None:
        # "Title. Subtitle? In: Book": everything before "In:" is the title
        cands = [c for c in cands if c[2] != "stop" or c[0] >= chapter_at]
    start, resume, kind = min(cands)
    if kind == "comma":
        p.title_sep = ", "
    p.title = clean_title(text[:start])
    rest = text[resume:].strip()
    if kind == "gost-container":
        p.gost_container = True
    elif kind == "gost-resp":
        # the statement of responsibility runs to the next area separator
        m = re.search(r"\.\s*[–—]\s|\s[–—]\s|(?<!\b\w)\.\s+(?=[A-ZА-ЯЁ][\w.]*\s*[:,]\s)", rest)
        resp = rest[: m.start()] if m else rest
        rest = rest[m.end():] if m else ""
        ed = re.match(r"\s*(?:под\s+(?:общ\.\s+|науч\.\s+)?ред\.|(?:отв|науч|гл)\.\s+ред\.|ed\.(?:\s+by)?|"
                      r"edited\s+by|hrsg\.\s+v\.|"
                      r"éd\.\s+par|"
                      r"a\s+cura\s+di)\s*(?P<names>.+)$", resp, re.I)
        if ed and namemod.looks_like_names(ed.group("names")) and not p.editors:
            p.editors = [namemod.nominative(n) for n in namemod.parse_names(ed.group("names"))[0]]
    elif kind == "chapter":
        rest = rest.lstrip(" .,")
    return rest.strip()


_BOOK_VOLUME = re.compile(r"(?P<title>[^\d,][^,]{7,}?(?:,[^,]{2,}?)?),\s*(?:vol|Vol|Bd|t|т|τόμ)\.\s*"
                          r"(?P<vol>\d{1,3}[A-Z]?)(?:,\s*\d+(?:st|nd|rd|th)\s+ed\.)?[.,]\s+(?P<rest>[^\d].+)$")


def _paren_depth(text: str, pos: int) -> int:
    return text.count("(", 0, pos) - text.count(")", 0, pos)


def _place_publisher_year(text: str) -> int | None:
    """Where "…, Place, Publisher, 2008[, 203 p.]" starts at the end of a comma-separated
    book reference (Wikipedia in French/Italian/Spanish, Chicago notes): the place must
    be a known city, so that a title with commas is not cut at the wrong comma."""
    m = re.search(rf",\s*(?P<place>[^,]{{2,40}}),\s*(?P<pub>[^,]{{2,60}}),\s*{YEAR}[a-z]?"
                  r"(?:,\s*\d+\s*(?:p|pp|S|с|págs?|pag)\.?)?(?:,\s*(?:pp?|S|с)\.\s*[\d\-–]+)?\.?$", text)
    if m and is_city(m.group("place")) and not re.search(r"\d", m.group("pub")) and m.start() >= 2:
        return m.start()
    # German/Greek Wikipedia "…, Publisher, Place Year": "…, Πόλις, Αθήνα 2016", "…, Beck, München 2004"
    m = re.search(rf",\s*(?P<pub>[^,\d]{{2,60}}),\s*(?P<place>[^,\d]{{2,40}}?)\s+{YEAR}[a-z]?"
                  r"(?:,\s*\d+\s*(?:p|pp|S|с|σ|σελ)\.?)?\.?$", text)
    if m and is_city(m.group("place")) and m.start() >= 2 and not re.search(r"\w{3,}\.\s", m.group("pub")):
        return m.start()  # (not "Dissertation, Universität Tübingen. Böhlau, Köln 2006")
    return None


def comma_title_end(text: str) -> int | None:
    """ "Title, J. Symbolic Logic, 27, 259-316": the comma before the journal that is
    followed by volume/pages."""
    spans = [sp for sp in scan(text) if sp.kind in ("vi", "vol", "iss", "pages", "vanc", "num")]
    if not spans:
        return None
    first = spans[0].start
    commas = [m.start() for m in re.finditer(r",\s+|[?!]\s+", text[:first])]
    for c in reversed(commas):
        lead = text[c + 1: first].strip(" ,.;:")
        if not lead:
            continue
        if re.fullmatch(rf"\(?{YEAR}[a-z]?\)?", lead):
            first = c  # "Titre, Revue, 2003, n° 21": the year comes between journal and numbers
            continue
        if len(lead) > 90 or "," in lead or c < 8 or re.search(r"[a-zа-яα-ω]{4,}\.\s+[A-ZА-ЯΑ-Ω]", lead) or \
                any(
                sentence_end(lead, m.start()) and not re.match(r"\.\s+[A-Z][a-z]{0,6}\.", lead[m.start():])
                for m in re.finditer(r"\.\s+(?=[A-ZА-ЯΑ-Ω])", lead)):
            return None
        return c + 1 if text[c] in "?!" else c
    return None


def title_extras(p: Parsed) -> None:
    """What styles put inside or around the title: a report number ("RL74930 : Title",
    "(Nr. TR92045)", "(Report No. 45)"), a GOST thesis statement ("Title : дис. ...
    канд. наук") and an edition ("(2nd ed.)", "(Updated ed.)")."""
    m = re.match(r"([A-Z]{1,6}-?\d{3,}[\w\-./]*)\s*:\s+(?=\S)", p.title)
    if m:
        p.report, p.number = True, m.group(1)
        p.title = p.title[m.end():]
    m = re.search(r"\s*\(\s*(?P<g>(?:[A-Z][\w.]*\s+){0,3})(?:No\.|no\.|Nr\.|№)\s*(?P<n>[\w\-./]*\d[\w\-./]*)"
                  r"\s*\)$", p.title)  # "(No. 45)", APA "(Report No. 45)", "(Publication No. 56977)"
    if m:
        p.report, p.number = True, m.group("n")
        p.genre = p.genre or m.group("g").strip()
        p.title = p.title[: m.start()].rstrip()
    m = re.search(r"\s*\(([A-Z]{1,6}-\d{2,}(?:-[A-Z0-9]+)*)\)$", p.title)
    if m and m.start() > 0:  # APA "(MG-768-AF)": a report's number
        p.report, p.number = True, m.group(1)
        p.title = p.title[: m.start()].rstrip()
    m = _TITLE_REPORT.search(p.title)
    if m and m.start() > 0:  # Chicago notes "Title, CRS Report R47614 (Washington, DC: …)"
        p.report, p.genre, p.number = True, m.group("genre"), m.group("number")
        p.title = p.title[: m.start()].rstrip(" ,.")
    m = re.search(r"\s*\(([^()]+)\)$", p.title)
    if m and REPORT.fullmatch(m.group(1).strip()):  # APA "(Report No. 45)"
        r = REPORT.fullmatch(m.group(1).strip())
        p.report, p.genre, p.number = True, r.group("genre"), (r.group("number") or "")  # type: ignore[union-attr]
        p.title = p.title[: m.start()].rstrip()
    m = THESIS.search(p.title)
    if m and p.title[: m.start()].rstrip().endswith(":"):  # GOST "Title : дис. ... канд. полит. наук"
        p.thesis, p.genre = True, p.title[m.start():].strip(" .")
        p.title = p.title[: m.start()].rstrip(" :")
    _title_roles(p)
    m = _APA_DESCRIPTOR.search(p.title)
    if m and m.start() > 0:  # APA "Title [Unpublished manuscript]": a description, not the title
        p.genre = p.genre or m.group(1).strip()
        p.title = p.title[: m.start()].rstrip()
    m = re.search(r"\s*\((?:Vol|vol|Bd|Band|Tome|Tomo|Т)\.?\s*(\d{1,3}[A-Z]?)\)$", p.title)
    if m and m.start() > 0 and not p.volume:  # APA "The Cambridge history of the Cold War (Vol. 1)"
        p.volume, p.book_volume = m.group(1), True
        p.title = p.title[: m.start()].rstrip()
    m = _TITLE_ROLE_AFTER.search(p.title)
    if m and m.start() > 0 and namemod.looks_like_names(m.group("names")):
        # Chicago notes "Life and Fate, trans. Robert Chandler (New York: …)"
        names = namemod.parse_names(m.group("names"))[0]
        if re.match(r"(?i)ed|hrsg", m.group("role")):
            p.editors = p.editors or names
        else:
            p.translators = p.translators or names
        p.title = p.title[: m.start()].rstrip(" ,.")
    for rx in (EDITION, WORD_EDITION):  # Chicago notes "História do Brasil, 14.ª ed. (São Paulo: …)"
        m = re.search(r"[,.]\s*(?:" + rx.pattern + r")\s*$", p.title, rx.flags)
        if m and m.start() > 0:
            p.edition = p.edition or m.group("ed")
            p.title = p.title[: m.start()].rstrip(" ,.")
            break
    m = re.search(r"\s*\(([^()]*)\)?$", p.title)
    if m and EDITION.fullmatch(m.group(1).strip()):
        p.edition = EDITION.fullmatch(m.group(1).strip()).group("ed")  # type: ignore[union-attr]
        p.title = p.title[: m.start()].rstrip()
    elif m and re.fullmatch(r"[\w.\s]{2,30}?\s+(?:ed|edn|edition|Aufl|éd)\.?", m.group(1).strip(), re.I):
        p.edition = re.sub(r"\s+(?:ed|edn|edition|Aufl|éd)\.?$", "", m.group(1).strip(), flags=re.I)
        p.title = p.title[: m.start()].rstrip()


_APA_DESCRIPTOR = re.compile(
    r"\s*\[((?:Unpublished|Manuscript|Video|Data\s+set|Dataset|Blog\s+post|Press\s+release|Paper\s+presentation|"
    r"Conference\s+(?:presentation|session|paper)|Poster\s+presentation|Audio\s+podcast|Podcast|Tweet|"
    r"Fact\s+sheet|Brochure|Lecture\s+notes|Film|Motion\s+picture|Computer\s+software|Map|Photograph)"
    r"[^\[\]]{0,40})\]$", re.I)


_TITLE_ROLE_AFTER = re.compile(
    r",\s*(?P<role>trans\.|translated\s+by|ed\.|edited\s+by|hrsg\.\s+v(?:on|\.)|trad\.(?:\s+(?:de|di|par))?|"
    r"übers\.\s+v(?:on|\.)|пер\.)\s+(?P<names>[^,()]+?(?:,?\s+(?:and|&|et|und|e|y)\s+[^,()]+?)?)$")


_TITLE_REPORT = re.compile(
    r"[,.]\s+(?P<genre>(?:[A-Z]{2,6}\s+)?(?:Report|Working\s+Paper|Policy\s+Brief|Research\s+Paper|"
    r"Discussion\s+Paper|Occasional\s+Paper|Technical\s+Report))\s+(?:No\.\s*)?"
    r"(?P<number>[A-Z]{0,6}-?\d[\w\-./]*)$")


#: APA's "(A. Goldhammer, Trans.)", "(2nd ed.; J. Strachey, Ed. & Trans.)" after a title
_ROLE_PAREN = re.compile(
    r"\s*\((?:Vol\.\s*(?P<vol>\d+)\s*[,;]\s*)?(?:(?P<ed>[^()]*?\b(?:ed|edn|edition|Aufl|éd)\.?)\s*[,;]\s*)?"
    r"(?P<names>[^()]+?),\s*"
    r"(?P<role>(?:Eds?|Trans|Tr|Hrsg|Übers|Trad|Éd|Ред|Επιμ|Μτφρ)\.(?:\s*(?:&|and|und|et|y)\s*"
    r"(?:Eds?|Trans|Tr|Übers|Trad)\.)?)\)$")


def _title_roles(p: Parsed) -> None:
    """Editors and translators of the work itself, in parentheses after its title."""
    m = _ROLE_PAREN.search(p.title)
    if not m or not namemod.looks_like_names(m.group("names")):
        return
    names = namemod.parse_names(m.group("names"))[0]
    role = m.group("role").lower()
    if "tr" in role or "übers" in role or "μτφρ" in role:
        p.translators = p.translators or names
    if re.search(r"ed|hrsg|ред|επιμ", role):
        p.editors = p.editors or names
    if m.group("vol"):
        p.volume, p.book_volume = m.group("vol"), True
    if m.group("ed"):
        ed = EDITION.search(m.group("ed"))
        p.edition = p.edition or (ed.group("ed") if ed else m.group("ed").strip())
    p.title = p.title[: m.start()].rstrip()


def clean_title(title: str) -> str:
    title = title.strip()
    title = re.sub(r"\s+", " ", title)
    title = title.strip(" ,;:")
    if title.endswith(".") and not title.endswith("..."):
        title = title[:-1].rstrip()
    if title[:1] in QUOTES and title[-1:] in "”\"»’'":
        title = title[1:-1].strip()
    return title.rstrip(" ,;:")
