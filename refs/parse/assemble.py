"""Labelled spans of one reference string → a :class:`~refs.model.Record`.

The model (:mod:`refs.parse.model`) says which tokens are the authors, the title, the
container, the volume …; this module turns each span into a CSL value with the rules
that do that well: names (:mod:`refs.parse.names`), volume/issue/pages/year shorthand
(:mod:`refs.parse.numbers`), dates (:mod:`refs.parse.dates`), places
(:mod:`refs.parse.places`), and it chooses the CSL type from which labels are present.

Each field's provenance is ``Provenance("parse", "model", p)`` with ``p`` the lowest
marginal probability the model gave the tokens of that field (the weakest token of a
field decides how sure the field is).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, Origin, Provenance, Record, make_date
from refs.parse.dates import parse_date
from refs.parse.extras import Extras
from refs.parse.model import Span
from refs.parse.names import parse_names
from refs.parse.numbers import YEAR, normalize_pages, scan
from refs.parse.patterns import NEWSPAPER
from refs.parse.places import clean_pub, place_name

STAGE = "parse"
_QUOTES = "\"'“”‘’«»„‚‹›"
_EDGE = " .,;:/" + _QUOTES

#: cue words around name lists: "In:", "edited by", "(Eds.)", "Hrsg. v.", "trans."
_ROLE_CUE = (r"(?:(?:edited|translated|compiled|ed\.|eds\.|trans\.|tr\.)\s+by|hrsg\.\s*v(?:on|\.)|"
             r"herausgegeben\s+von|"
             r"übers(?:etzt)?\.?\s+v(?:on|\.)|trad(?:uit|uzione|ucción|ução)?\.?\s+(?:de|di|par|por|by)|"
             r"éd\.\s+par|sous\s+la\s+dir(?:ection|\.)\s+de|a\s+cura\s+di|под\s+ред(?:акцией|\.)|"
             r"пер\.\s+с\s+\w+\.?|μτφρ\.|μετάφραση|επιμ(?:έλεια)?\.?|translated|trans\.|transl\.|tr\.|"
             r"in:?|ed(?:s|d)?\.|edited|editors?|hrsg\.?|hg\.?|éds?\.|dir\.|coords?\.|orgs?\.|ред\.|"
             r"(?:\(\s*)?(?:eds?|Hrsg|Hg|éds?|dirs?|coords?|orgs?|ред|επιμ|trans|tr)\.?\s*\))")
_LEAD_CUE = re.compile(rf"^(?:{_ROLE_CUE}\s*)+", re.I)
_TRAIL_CUE = re.compile(rf"(?:[\s,;]*\(?\s*(?:{_ROLE_CUE}|\(?(?:eds?|editors?|Hrsg|Hg|éds?|dir|coord|org|"
                        rf"trans|tr)\.?\)?)\s*)+[.,;:]*$", re.I)
_CONTAINER_CUE = re.compile(r"^(?:In|in|IN|Dans|dans|En|en|Em|em|Nel|nel|Im|im|Στο|Σε|В|в|W|w)\s*:?\s+"
                            r"|^//\s*|^:\s*")
_THESIS = re.compile(r"thes|diss|th[eè]se|tesi|tese|диссерт|дис\.|διατριβ|mémoire|arbeit|master"
                     r"|ph\.?\s?d|doctor", re.I)
_PROCEEDINGS = re.compile(r"Proceedings|Proc\.|Conference|Symposium|Workshop|Congress|Colloque|Konferenz"
                          r"|Tagung|Congreso|Convegno|Конференц|Συνέδρι", re.I)


def _strip(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(_EDGE)
    while len(text) > 1 and text[0] in "([" and text[-1] in ")]" and text.count("(") <= 1:
        text = text[1:-1].strip(_EDGE)
    if text.count("(") < text.count(")"):
        text = text.rstrip(")").strip(_EDGE)
    if text.count("(") > text.count(")"):
        text = text.lstrip("(").strip(_EDGE)
    return text


def _title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:/")
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]|\.\.|\b(?:al|etc|ed|vol|no|Inc|Ltd|Co|St))\.$",
                                            text):
        text = text[:-1]
    return text.strip(" ,;:" + _QUOTES).strip()


def _names(text: str) -> tuple[list[dict[str, str]], bool]:
    text = _TRAIL_CUE.sub("", _LEAD_CUE.sub("", text.strip(" ,;:"))).strip(" ,;:")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return parse_names(text) if text else ([], False)


class _Fields:
    """The spans grouped by label, with each label's confidence."""

    def __init__(self, spans: list[Span]) -> None:
        self.by: dict[str, list[Span]] = defaultdict(list)
        for sp in spans:
            self.by[sp.label].append(sp)

    def first(self, label: str) -> str:
        return self.by[label][0].text if self.by.get(label) else ""

    def all(self, label: str) -> str:
        return " ".join(sp.text for sp in self.by.get(label, []))

    def conf(self, *labels: str) -> float:
        vals = [sp.confidence for lab in labels for sp in self.by.get(lab, [])]
        return round(min(vals), 3) if vals else 1.0


def _numbers(f: _Fields, csl: dict[str, Any]) -> None:
    vol = f.all("volume")
    for sp in scan(vol):
        if sp.value.get("volume") and "volume" not in csl:
            csl["volume"] = sp.value["volume"]
        if sp.value.get("issue") and "issue" not in csl:
            csl["issue"] = re.sub(r"\s+", "", sp.value["issue"])
        if sp.kind == "num" and "volume" not in csl:
            csl["volume"] = sp.value["num"]
        if sp.value.get("page") and "page" not in csl and sp.kind == "vanc":
            csl["page"] = normalize_pages(sp.value["page"])
    if "volume" not in csl and _strip(vol):
        csl["volume"] = re.sub(r"^(?:vols?|Bd|t|т|tome|tomo|v|Band|volume)\.?\s*", "", _strip(vol),
                               flags=re.I)
    iss = _strip(f.all("issue"))
    if iss and "issue" not in csl:
        m = re.search(r"\d+(?:\s*[-–/]\s*\d+)?|[IVXLC]+\b", iss)
        csl["issue"] = re.sub(r"\s+", "", m.group(0)) if m else re.sub(
            r"^(?:nos?|nr|n|issue|heft|h|№|núm|num)\.?\s*", "", iss, flags=re.I)
    pages = _strip(f.first("pages"))
    if pages:
        m = re.fullmatch(r"(\d+)\s*(?:p|pp|S|с|pages|Seiten|σσ|σελ|págs)\.?", pages)
        if m:
            csl["number-of-pages"] = m.group(1)
        elif "page" not in csl:
            v = re.sub(r"^(?:pages|page|pp|p|S|С|с|σσ|σελ|σ|págs|pág|pgs|стр|Sp)\.?\s*", "", pages,
                       flags=re.I)
            csl["page"] = normalize_pages(re.sub(r"\s*ff?\.?$", "", v))


def _date(text: str) -> tuple[int, int | None, int | None] | None:
    parts = parse_date(text)
    if parts:
        return parts
    m = re.search(rf"(?<!\d){YEAR}(?!\d)", text)
    return (int(m.group(0)), None, None) if m else None


def choose_type(csl: dict[str, Any], f: _Fields, extras: Extras) -> str:
    """The CSL type from which fields the model found."""
    genre = csl.get("genre", "")
    container = csl.get("container-title", "")
    numbers = any(k in csl for k in ("volume", "issue"))
    pub = "publisher" in csl or "publisher-place" in csl
    if genre and _THESIS.search(genre):
        return "thesis"
    if genre or "number" in csl:
        return "report"
    if container:
        chapter = "editor" in csl or re.match(r"(?:In|in|IN|Dans|En|Em|Nel|Im|В|//)\b",
                                              f.first("container-title"))
        if _PROCEEDINGS.search(container) and not numbers:
            return "paper-conference"
        if (chapter or pub) and not numbers:
            return "chapter"
        if not numbers and NEWSPAPER.search(container):
            return "article-newspaper"
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


def build(spans: list[Span], extras: Extras, raw: str, source: str = "", line: int | None = None,
          language: str = "", notes: list[str] | None = None) -> Record:
    """The Record for ``raw`` from its labelled spans and the identifiers found by rules."""
    f = _Fields(spans)
    rec = Record(id="", origin=Origin("text", source, line, raw.strip()))
    csl: dict[str, Any] = {}
    conf: dict[str, float] = {}
    et_al = False
    for role in ("author", "editor", "translator"):
        if f.by.get(role):
            names, etal = _names(f.first(role) if role == "author" else f.all(role))
            et_al = et_al or etal
            if names:
                csl[role] = names
                conf[role] = f.conf(role)
    for label, var in (("title", "title"), ("container-title", "container-title"),
                       ("collection-title", "collection-title")):
        text = f.first(label)
        if label != "title":
            text = _CONTAINER_CUE.sub("", text.strip())
        value = _title(text)
        if value:
            csl[var] = value
            conf[var] = f.conf(label)
    _numbers(f, csl)
    for label, var in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        if var in csl:
            conf[var] = f.conf(label)
    if "number-of-pages" in csl:
        conf["number-of-pages"] = f.conf("pages")
    date = next((d for d in (_date(sp.text) for sp in f.by.get("date", [])) if d), None)
    if date:
        csl["issued"] = make_date(*date)
        conf["issued"] = f.conf("date")
    for label, var, clean in (("publisher", "publisher", clean_pub),
                              ("location", "publisher-place", place_name),
                              ("edition", "edition", _strip), ("genre", "genre", _strip),
                              ("number", "number", _strip)):
        value = clean(f.first(label))
        if value:
            csl[var] = value
            conf[var] = f.conf(label)
    if extras.doi:
        csl["DOI"] = extras.doi
    if extras.isbn:
        csl["ISBN"] = extras.isbn
    if extras.issn:
        csl["ISSN"] = extras.issn
    if extras.url:
        csl["URL"] = extras.url
    if extras.accessed:
        csl["accessed"] = make_date(*extras.accessed)
    if language:
        csl["language"] = language
    all_notes = [*(notes or []), *(_strip(sp.text) for sp in f.by.get("note", [])), *extras.notes]
    if et_al:
        all_notes.append("et al.")
    all_notes = [n for n in all_notes if n]
    if all_notes:
        csl["note"] = "; ".join(all_notes)
    rec.type = choose_type(csl, f, extras)
    if rec.type in ("book", "thesis", "report") and "page" in csl and "container-title" not in csl:
        csl["note"] = "; ".join(filter(None, ["p. " + csl.pop("page"), csl.get("note")]))
    rec.csl = csl
    for var, p in conf.items():
        if var in csl:
            rec.provenance[var] = Provenance(STAGE, "model", p)
    if extras.archive_date:
        rec.set_custom(ARCHIVE_DATE, extras.archive_date)
    if extras.archive_url:
        rec.set_custom(ARCHIVE_URL, extras.archive_url)
    return rec
