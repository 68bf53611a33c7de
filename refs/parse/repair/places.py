"""Repairs of the publisher and the place: read into the title or the names, or into each other.

A publisher read as the title's last part or last sentence, or in brackets after the names; a
place read with the title; a state or country read as the publisher's start; a known city at
either end of the publisher, or a publisher beside a known city in the place.
"""

from __future__ import annotations

import re
from typing import Any

from refs.parse.lexicon import fold
from refs.parse.model import Span
from refs.parse.places import COUNTRIES, KNOWN_CITIES, clean_pub
from refs.parse.repair.names import _EDITOR_MARK, _TRAIL_WORD, _names
from refs.parse.repair.spans import _Fields
from refs.parse.repair.text import _sentence_ends, _strip

#: the last comma-separated part of a title read before a place: "…, Aranzadi," "…, The Library,"
_LAST_PART = re.compile(r",\s+(?P<pub>[^\W\d_a-zß-ÿа-яёα-ω][^\d,;:()]{1,60}?)[\s,.]*$")


_BARE_YEAR = re.compile(r"^\(?(?:1[5-9]|20)\d\d\)?[.,;]?$")
#: what names a part of a work, not a publisher: "Tome II", "Band 3", "Vol. 2"
_PART_WORD = re.compile(r"\b(?:[IVXLC]+|Tome|Tomo|Vol|Volume|Band|Teil|Part|Livre|Libro|Book|Том|Τόμος)\b")
_ALONE_NUMERAL = re.compile(r"\.\s+(?:[IVXLC]+|\d+)$")


def _publisher_before_place(f: _Fields) -> None:
    """ "Title, Publisher, Place Year" with the publisher read into the title ("Lecciones de
    Derecho Constitucional I, Aranzadi, Pamplona 2018"): when a place follows the title right
    after a comma and no publisher was read, the title's last part, capitalised and of a few
    words, is the publisher."""
    if f.by.get("publisher") or not f.by.get("title"):
        return
    t = f.by["title"][0]
    place = next((sp for sp in f.by.get("location", []) if 0 <= sp.start - t.end <= 2), None)
    year = None
    if place is None and f.by.get("author") and not (f.by.get("container-title") or f.by.get("volume")):
        # "Une lune tatouée sur la main gauche, Finitude, 2022": a bare year after the title
        year = next((sp for sp in f.by.get("date", []) if 0 <= sp.start - t.end <= 2
                     and _BARE_YEAR.match(sp.text)), None)
    if (place is None or len(place.text.split()) > 3) and year is None or not t.text.rstrip().endswith(","):
        return
    m = _LAST_PART.search(t.text)
    head = t.text[: m.start()] if m else ""
    if not m or len(m.group("pub").split()) > (6 if place else 3) or not head.strip() or "," in head \
            or _ALONE_NUMERAL.search(head) or (year and _PART_WORD.search(m.group("pub"))):
        return  # (a title that lists its parts, "Einführung, Quellenkunde, Bibliographie", keeps them)
    pub = m.group("pub").rstrip(" ,.")
    a = t.start + m.start("pub")
    f.by["title"][0] = Span("title", t.start, t.start + m.start(), t.text[: m.start()], t.confidence)
    f.by["publisher"] = [Span("publisher", a, a + len(pub), pub, t.confidence)]


def _publisher_in_title_before_place(f: _Fields) -> None:
    """The publisher read as the title's end right before the place, with no publisher read:
    after a bracket the title does not close ("… Dimension (Clarendon Press," | "Oxford,"), as
    its last sentence ("… its Applications. Clarendon," | "Oxford"), or after its last comma
    before a bracketed place ("…, Dover" | "(New York 1965)")."""
    if f.by.get("publisher") or not f.by.get("title") or not f.by.get("location"):
        return
    t, place = f.by["title"][0], f.by["location"][0]
    text = t.text.rstrip()
    if not 0 <= place.start - t.end <= 2 or len(place.text.split()) > 4:
        return
    cut = -1
    if text.count("(") > text.count(")"):
        cut = text.rfind("(") + 1
    elif text.endswith(","):  # (a subtitle is no publisher: "Photography. A Cultural History,")
        ends = _sentence_ends(text, capitalised=True)
        cut = ends[-1][1] if ends and "," not in text[ends[-1][1]:].rstrip(" ,") \
            and text[ends[-1][1]:].split()[0].lower() not in _ARTICLES else -1
    elif place.text.startswith("(") and ", " in text:
        cut = text.rfind(", ") + 2
    pub = text[cut:].strip(" ,") if cut > 0 else ""
    words = pub.split()
    if not pub or len(words) > 4 or not all(w[:1].isupper() or w in _PUB_LINKS for w in words) \
            or not text[:cut].strip(" ,(.") or any(ch.isdigit() for ch in pub):
        return
    a = t.start + text.index(pub, cut)
    f.by["title"][0] = Span("title", t.start, t.start + cut, text[:cut].rstrip(" ,(").rstrip(), t.confidence)
    f.by["publisher"] = [Span("publisher", a, a + len(pub), pub, t.confidence)]


_PUB_LINKS = frozenset(("of", "and", "&", "de", "für", "du", "des", "der"))
_ARTICLES = frozenset("a an the la le les el los il lo der die das ein eine de het".split())


#: a publisher in brackets at the end of an author span: "Italo Calvino (Siruela)"
_BRACKETED_TAIL = re.compile(r"\s*\((?P<pub>[A-ZÀ-ÖØ-Þ][^()\d]{1,40})\)[.,;]?$")


#: what a bracket after names holds that is no publisher: co-authors ("(Con Heijs, J.)",
#: "(with …)"), initials, a collaboration
_NOT_PUBLISHER = re.compile(r"^(?:con|with|mit|avec|com|and|und|et|y)\b|\b[^\W\d_]\.(?:\s|$|[^\W\d_]\.)|,"
                            r"|collaborat|team|group|consortium", re.I)


def _publisher_after_names(f: _Fields) -> None:
    """ "'El barón rampante', Italo Calvino (Siruela)": the publisher in brackets read with the
    names, with no publisher read: it is the publisher (not a role: "(ed.)", "(Hg.)")."""
    sp = f.by["author"][-1]
    m = _BRACKETED_TAIL.search(sp.text)
    if not m or f.by.get("publisher") or _TRAIL_WORD.search(m.group("pub").rstrip(".")) \
            or _EDITOR_MARK.search(" " + m.group(0).strip()) or _NOT_PUBLISHER.search(m.group("pub")) \
            or sp.text[: m.start()].rstrip().endswith(("al.", "al")):
        return  # (not "et al. (Fermi-LAT)": a collaboration)
    head, _ = _names(sp.text[: m.start()])
    if not head or any("literal" in n for n in head):
        return
    a = sp.start + m.start("pub")
    f.by["author"][-1] = Span("author", sp.start, sp.start + m.start(), sp.text[: m.start()], sp.confidence)
    f.by["publisher"] = [Span("publisher", a, a + len(m.group("pub")), m.group("pub"), sp.confidence)]


#: a state's or a country's code or name at the start of a publisher span right after the place:
#: "TN,", "UK: Blackwell", "S.C.: Camden House"
_REGION_HEAD = re.compile(r"^(?P<region>[A-Z]{2}|(?:[A-Z]\.\s?){2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
                          r"(?P<sep>\s*[:,]\s*|\s*\.?\s*$)")


def _region_after_place(f: _Fields) -> None:
    """ "Cambridge," | "UK: Blackwell Polity.", "Nashville," | "TN,": the state or country read as
    the publisher's start (or the whole publisher) belongs to the place."""
    places, pubs = f.by.get("location"), f.by.get("publisher")
    if not places or not pubs:
        return
    place, pub = places[0], pubs[0]
    if not 0 <= pub.start - place.end <= 1 or not place.text.rstrip().endswith(","):
        return
    m = _REGION_HEAD.match(pub.text)
    if not m or len(m["region"]) > 3 and m["region"].lower() not in COUNTRIES:
        return
    cut = pub.start + m.end("region")
    places[0] = Span("location", place.start, cut, place.text + " " * (pub.start - place.end) + m["region"],
                     place.confidence)
    rest = pub.text[m.end():]
    if rest.strip(" .,;:"):
        pubs[0] = Span("publisher", pub.start + m.end(), pub.end, rest, pub.confidence)
    else:
        del f.by["publisher"]


def _publisher_in_brackets(csl: dict[str, Any]) -> None:
    """A publisher read across two brackets ("Third Edition)(Springer"): the part inside the
    publisher's own bracket."""
    pub = csl.get("publisher", "")
    if ")" not in pub or ")(" not in pub.replace(") (", ")("):
        return
    part = clean_pub(_strip(pub[pub.rfind("(") + 1:]))
    if any(ch.isalpha() for ch in part):
        csl["publisher"] = part


def _publisher_after_colon_in_place(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ "Munich: List" read as the place with no publisher: the publisher follows the colon."""
    place = csl.get("publisher-place", "")
    if "publisher" in csl or ":" not in place:
        return
    before, _, after = place.partition(":")
    after = after.strip(" ,.")
    if _PLACE_BEFORE_COLON.fullmatch(before.strip()) and after[:1].isupper() and ":" not in after \
            and not any(ch.isdigit() for ch in after):
        csl["publisher-place"], csl["publisher"] = before.strip(), clean_pub(after)
        conf["publisher"] = conf.get("publisher-place", 1.0)


#: a place before a publisher's colon: one to four capitalised words, no digits
_PLACE_BEFORE_COLON = re.compile(r"[^\W\d_][^\W\d_.'’-]*\.?(?:[\s-](?:[^\W\d_][^\W\d_.'’-]*\.?)){0,3}")


_PUB_PARTS = re.compile(r"\s*[,:]\s*")


def _place_in_publisher(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """A publishing city at either end of the publisher ("Oxford, Clarendon Press", "The
    Library, Oxford", "Paris : Seuil") is the place: moved there, or dropped when the place
    already says it."""
    pub = csl.get("publisher", "")
    if "," not in pub and ":" not in pub:
        return
    parts = [p.strip() for p in _PUB_PARTS.split(pub)]
    for city, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
        if city.lower() in KNOWN_CITIES and all(rest):
            place = csl.get("publisher-place")
            if place and place.lower() != city.lower():
                return  # two places: leave it as the model read it
            csl["publisher"] = clean_pub(", ".join(rest))
            if not place:
                csl["publisher-place"] = city
                conf["publisher-place"] = conf.get("publisher", 1.0)
            return
    before, colon, after = pub.partition(":")
    if colon and _PLACE_BEFORE_COLON.fullmatch(before.strip()) and after.strip() and \
            csl.get("publisher-place", before.strip()) == before.strip():
        # "Place: Publisher", whatever the place ("Monte de Caparica: IPQ", "NH: University Press")
        csl["publisher"] = clean_pub(after.strip())
        csl["publisher-place"] = before.strip()
        conf.setdefault("publisher-place", conf.get("publisher", 1.0))


_CITIES_FOLDED = frozenset(fold(c) for c in KNOWN_CITIES)  # ("İstanbul" lowers to "i̇stanbul")


def _publisher_in_place(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """A place that names a publisher beside a known city ("Batsford, London", "İstanbul,
    Bilgi", an IEEE report's "HA, Lyon, France") when no publisher was read: the other part
    is the publisher. A region or state after the city ("Washington, DC", "Neuchâtel
    (Suisse)") is not a publisher; a short capitalised name is one only before the city
    ("HA, Lyon": "Cambridge, MA" is a state)."""
    place = csl.get("publisher-place", "")
    if "publisher" in csl or place.count(",") not in (1, 2):
        return
    parts = [p.strip() for p in place.split(",")]
    if len(parts) == 3:  # "HA, Lyon, France": the publisher, then the city and its country
        if parts[2].lower() not in COUNTRIES and not (parts[2].isupper() and len(parts[2]) <= 3):
            return
        pairs = [(parts[1], parts[0], ", ".join(parts[1:]))]
    else:
        pairs = [(parts[0], parts[1], parts[0]), (parts[1], parts[0], parts[1])]
    for city, pub, where in pairs:
        if fold(city) in _CITIES_FOLDED and fold(pub) not in _CITIES_FOLDED \
                and (len(pub) > 3 or pub.isupper() and len(pub) > 1 and place.startswith(pub)) \
                and pub.lower() not in COUNTRIES \
                and pub[:1].isupper() and not any(ch.isdigit() for ch in pub):
            csl["publisher-place"], csl["publisher"] = where, clean_pub(pub)
            conf["publisher"] = conf.get("publisher-place", 1.0)
            return


#: words that end a publisher's name and never start one: a place right before them, with no
#: punctuation between, is the name's first word ("Lexington Books", "Korona Kiadó")
_NAME_ENDING_WORDS = frozenset(map(fold, "press books publishing publishers verlag kiadó förlag forlag"
                                         " forlaget".split()))


def _publisher_first_words_read_apart(f: _Fields) -> None:
    """ "Lexington | Books.", "Korona | Kiadó,", "…, Scholar | Press,": capitalised words right
    before a publisher that is only a word ending publishers' names, with no punctuation between,
    read as the place or the end of another field (a place and its publisher are always set
    apart: "Budapest: Korona", "Korona Kiadó, Budapest"): they are the publisher's first words."""
    pubs = f.by.get("publisher")
    if not pubs or len(pubs[0].text.split()) != 1 \
            or fold(pubs[0].text.strip(" .,;:)")) not in _NAME_ENDING_WORDS:
        return
    pub = pubs[0]
    for label, spans in f.by.items():
        for k, sp in enumerate(spans):
            if not 0 < pub.start - sp.end <= 1 or label in ("publisher", "date", "pages", "volume", "issue"):
                continue
            m = _CAPITALISED_END.search(sp.text)
            if not m:
                return
            cut = sp.start + m.start()
            pubs[0] = Span("publisher", cut, pub.end, f"{m.group(0)} {pub.text}",
                           min(sp.confidence, pub.confidence))
            if m.start() == 0:
                del spans[k]
                if not spans:
                    del f.by[label]
            else:
                spans[k] = Span(label, sp.start, cut, sp.text[:m.start()].rstrip(), sp.confidence)
            return


#: one to three capitalised words ending a span, after its start or a separator ("…, Scholar")
_CAPITALISED_END = re.compile(r"(?:(?<=^)|(?<=[,;:]\s))(?:[^\W\d_a-zß-ÿа-яёα-ω][\w'’&-]*\s){0,2}"
                              r"[^\W\d_a-zß-ÿа-яёα-ω][\w'’&-]*$")


#: one capitalised word after the title's last full stop, nothing after it
_TITLE_TAIL_WORDS = re.compile(r"(?<=\w{2}[.!?])\s+(?P<words>[^\W\d_a-zß-ÿа-яёα-ω][\w&'’-]*)$")


def _publisher_start_in_title(f: _Fields) -> None:
    """The publisher's first word read as the title's last sentence, the rest right after it
    as the publisher ("Global tuberculosis report 2020. World | Health Organization."): it is
    the publisher's (not before a publisher in brackets: "Leben. Fünf Dates | (Hanser)")."""
    t, pub = f.by["title"][0], f.by["publisher"][0]
    if not 0 < pub.start - t.end <= 1 or not t.text[-1:].isalpha() or pub.text.startswith("("):
        return
    m = _TITLE_TAIL_WORDS.search(t.text)
    if not m or m.group("words").lower() in _ARTICLES:
        return
    cut = t.start + m.start("words")
    f.by["title"][0] = Span("title", t.start, t.start + m.start(), t.text[:m.start()], t.confidence)
    f.by["publisher"][0] = Span("publisher", cut, pub.end, f"{m.group('words')} {pub.text}",
                                min(t.confidence, pub.confidence))
