"""The CSL type of a parsed reference, chosen from which fields the model found."""

from __future__ import annotations

import re
from typing import Any

from refs.parse.extras import Extras
from refs.parse.names import is_org
from refs.parse.patterns import is_newspaper
from refs.parse.repair.spans import _Fields
from refs.parse.repair.text import _QUOTES

_THESIS = re.compile(r"thes|diss|th[eè]se|tesi|tese|диссерт|дис\.|διατριβ|mémoire|arbeit|master"
                     r"|ph\.?\s?d|doctor", re.I)
_PROCEEDINGS = re.compile(r"Proceedings|Proc\.|Conference|Symposium|Workshop|Congress|Colloque|Konferenz"
                          r"|Tagung|Congreso|Convegno|Конференц|Συνέδρι", re.I)

_REPORT_WORD = re.compile(r"\b(?:report|rapport|bericht|informe|relatório|relazione|доклад|отчёт|отчет)\b",
                          re.I)


#: who issues reports rather than publishes books (a "… Press" is a publisher)
_INSTITUTION = re.compile(r"\b(?:Institut\w*|School|Dept|Department|Cent(?:er|re)|Agency|Office|Ministry|"
                          r"Council|Commission|Committee|Foundation|Bureau|Laborator\w+|Organi[sz]ation|"
                          r"Service|Authority|Board|Fund)\b(?!.*\bPress\b)", re.I)


#: "various authors": a collective, not an institution that issues reports
_COLLECTIVE = re.compile(r"(?:AA\.?\s?VV|VV\.?\s?AA|collectif|autores\s+varios|various(?:\s+authors)?)\.?",
                         re.I)


def _corporate(name: dict[str, str]) -> bool:
    """An institution as author ("RAND", "World Health Organization"), not a person's name
    the name parser could not split ("Henry Kissinger. Diplomacy") nor "AA.VV."."""
    literal = name.get("literal", "")
    if not literal or _COLLECTIVE.fullmatch(literal.strip()):
        return False
    word = literal.strip(" .")
    return is_org(literal) or (" " not in word and word.isupper() and 2 <= len(word) <= 10)


_IN_CUE = re.compile(r"(?:In|in|IN|Dans|En|Em|Nel|Im|В|//)\b")
_PRESENTED = re.compile(r"\bpresented\b|\bpresentado\b|\bprésenté\b|\bvorgetragen\b", re.I)
_SITE = re.compile(r"\w\.[a-z]{2,4}$")


_ABBREVIATED_WORD = re.compile(r"[^\W\d_]{1,6}\.")


def _abbreviated(container: str) -> bool:
    """A journal's abbreviated name ("Riv. it. dir. proc. pen.", "Giur. it."): two words or more,
    most of them cut short with a full stop (a book's title is written out)."""
    words = [w.rstrip(",;:") for w in _IN_CUE.sub("", container.strip(), count=1).split()]
    return len(words) >= 2 and sum(map(bool, map(_ABBREVIATED_WORD.fullmatch, words))) >= 0.6 * len(words)


#: a standard's designation: "IEEE Std 754-2019", "ISO 690:2010", "DIN 1505-2", "ГОСТ Р 7.0.100-2018"
STANDARD = re.compile(r"(?:IEEE\s+Std|ISO(?:/IEC)?|IEC|DIN(?:\s+EN)?|BS(?:\s+EN)?|EN|ANSI(?:/[A-Z]+)?|ASTM"
                      r"|NP|NF|UNE|ГОСТ(?:\s+Р)?|GOST(?:\s+R)?|ДСТУ|СТБ)\s+[A-Z]?\s?\d[\d.:/-]*(?:[-–:]\d{4})?\.?")


def standard_in_container(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """A standard's designation read as the container ("…," IEEE Std 754-2019, pp. 1–84"): it is
    the standard's number."""
    container = str(csl.get("container-title", ""))
    if container and "number" not in csl and STANDARD.fullmatch(container):
        csl["number"] = csl.pop("container-title").rstrip(".")
        if "container-title" in conf:
            conf["number"] = conf.pop("container-title")


def choose_type(csl: dict[str, Any], f: _Fields, extras: Extras) -> str:
    """The CSL type from which fields the model found."""
    if STANDARD.fullmatch(str(csl.get("number", ""))):
        return "standard"
    genre = csl.get("genre", "")
    container = csl.get("container-title", "")
    numbers = any(k in csl for k in ("volume", "issue"))
    pub = "publisher" in csl or "publisher-place" in csl
    if genre and _THESIS.search(genre):
        return "thesis"
    if genre or "number" in csl:
        return "report"
    if not container and not pub and (extras.url or extras.accessed) and not numbers:
        return "webpage"
    authors = csl.get("author") or []
    corporate = bool(authors) and all(map(_corporate, authors))
    if corporate and not numbers and _REPORT_WORD.search(csl.get("title", "")):
        return "report"  # "World Health Organization. Global tuberculosis report 2020"
    quoted = f.first("title")[:1] in tuple(_QUOTES)
    if not container and (corporate and ("publisher" not in csl or quoted)
                          or quoted and _INSTITUTION.search(csl.get("publisher", ""))):
        # a corporate author without a publisher ("RAND, Title (2020)") or with a quoted title
        # (IEEE's 'Harbor Agency, "Ports outlook 2021," HA, Lyon'), a quoted title issued by an
        # institution ("(Naval Postgraduate School, 2012)"): a report; a person's quoted title
        # with a place or a publishing house is a book ("Bullock, 'Hitler' (Utrecht, 1958)")
        return "report"
    if container:
        # ("in Giur. it.": a journal's abbreviated name after "in", with no publisher, is no book)
        chapter = "editor" in csl or _IN_CUE.match(f.first("container-title")) and (
            pub or not _abbreviated(f.first("container-title")))
        if _PRESENTED.search(container) or \
                _PROCEEDINGS.search(container) and not numbers and not (extras.url or extras.accessed):
            return "paper-conference"
        if not numbers and "editor" not in csl and is_newspaper(container):
            return "article-newspaper"
        if not numbers and "page" not in csl and _SITE.search(container):
            return "webpage"  # a site: "In: nato.int", "nato.int. North Atlantic Treaty Organization"
        if (chapter or pub) and not numbers:
            return "chapter"
        if chapter and pub and "issue" not in csl:
            # a volume of a multi-volume book, with its editors or its "in" and its publisher:
            # "dans Pierre Nora (dir.), Les Lieux de mémoire, t. 1, Paris, Gallimard"
            return "chapter"
        if not numbers and "page" not in csl and (extras.url or extras.accessed):
            return "webpage"
        return "article-journal"
    if extras.preprint and not pub:
        return "article"
    if extras.url and not pub and not f.by.get("date") and not csl.get("author"):
        return "webpage"
    if extras.url and (extras.accessed or extras.electronic) and not pub:
        return "webpage"
    return "book"
