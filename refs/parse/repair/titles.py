"""Repairs of the boundaries between the title, the container and the collection.

The end of the title read with the journal (or the journal's first words with the title), a
chapter's book read inside its title, a title read as a note, a journal's abbreviated name read
as a title, a work's title read as a container, a title cut after a function word; quoted
titles, journals and sites read with each other, the book's editors read with its title, a
report's kind and number in the title; and :func:`_mend_title`: what the model read with the
title that is not the title (a role word, the author after "by", a series, an original's title).
"""

from __future__ import annotations

import re
from typing import Any

from refs.parse.extras import Extras
from refs.parse.model import Span
from refs.parse.names import ROLE_WORDS
from refs.parse.patterns import is_newspaper
from refs.parse.repair.names import _BY_NAME, _known_given, _names
from refs.parse.repair.spans import _Fields
from refs.parse.repair.text import _QUOTES, _TERMINAL, _sentence_ends, _strip, _title

_CONTAINER_CUE = re.compile(r"^(?:In|in|IN|Dans|dans|En|en|Em|em|Nel|nel|Im|im|Στο|Σε|В|в|W|w|sur|su)\s*:?\s+"
                            r"|^i:?\s+(?=[A-ZÅÄÖÆØ])|^//\s*|^:\s*")  # (Nordic "i Tidskrift")
#: a quoted title at the start of a container: '"Governance Property," 160 University of …'
_QUOTED_HEAD = re.compile(r"^[\"“«„]([^\"“”«»„]{3,}?)[,.]?\s*[\"”»“][,.:]?\s+(?=\S)")


#: a report's kind and number in parentheses at the end of its title (APA)
_REPORT_IN_TITLE = re.compile(r"\s*\((?P<genre>[^()]*?\b(?:Report|Paper|Brief|Rapport|Bericht|Informe"
                              r"|Relatório|Publication))\s*(?:No\.|Nr\.|no\.|#)?\s*(?P<num>[\w\-./]*\d[\w\-./]*)\)$"
                              # a note's "Title, CRS Report R12345": after a comma, a number that is no year
                              r"|,\s+(?P<genre2>[^,()]{0,40}?\b(?:Report|Paper|Brief|Rapport|Bericht|Informe))"
                              r"\s+(?:No\.\s*|Nr\.\s*|no\.\s*|#)?(?P<num2>(?!(?:1[5-9]|20)\d\d$)[A-Z]*[\d][\w\-./]*)$")


#: a container that starts with the end of the title: "… closing the gap. Cognition" (the
#: title's last words in lower case, then the journal's capitalised name; not an abbreviation
#: such as "Natl. Acad.")
_TITLE_END = re.compile(r"^((?:\S.*\s)?[a-zß-ÿа-яёα-ω][^\W\d_]{2,}[?!]?)[.?!]\s+(?=[A-Z])"
                        r"([^.]{2,80}|.{2,80}\.)$")


def _title_end_in_container(f: _Fields, csl: dict[str, Any], conf: dict[str, float]) -> None:
    """The end of the title read as the start of the container, right after it: given back."""
    container, title = csl.get("container-title", ""), csl.get("title", "")
    if not container or not title or ". " not in container or not f.by.get("title") \
            or not f.by.get("container-title"):
        return
    t, c = f.by["title"][0], f.by["container-title"][0]
    if not 0 <= c.start - t.end <= 1:
        return
    m = _TITLE_END.match(container)
    if not m:
        return
    end = t.text.rstrip()[-1:]
    joint = f"{end} " if end in ":,;" else " " if m.group(1)[:1].islower() or end in "–—-" else ". "
    csl["title"] = _title(title.rstrip(".:,; ") + joint + m.group(1))
    csl["container-title"] = _title(m.group(2))
    conf["title"] = min(conf.get("title", 1.0), conf.get("container-title", 1.0))


_BY_WORD = re.compile(r"^(?:de|by|par|di|von|door|av|от|από)\s+(?=[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω])")


def _title_read_as_note(f: _Fields) -> None:
    """A title read as an annotation at the string's start, no title read: before its author's
    "by" word ("Ravel | de Jean Echenoz."), it is the title; with its author ("El barón rampante
    de Italo Calvino." one note), it is read as "Title by Author" (:func:`_title_by_author`)."""
    sp = f.by["note"][0]
    spans = sorted((s for group in f.by.values() for s in group if s.label != "citation-number"),
                   key=lambda s: s.start)
    if spans[0] is not sp:
        return
    after = spans[1] if len(spans) > 1 else None
    if after is not None and after.label == "author" and (m := _BY_WORD.match(after.text)):
        f.by["title"] = [Span("title", sp.start, sp.end, sp.text, sp.confidence)]
        a = after.start + m.end()
        f.by["author"][f.by["author"].index(after)] = Span("author", a, after.end, after.text[m.end():],
                                                            after.confidence)
    elif after is None and not f.by.get("author") and _BY_NAME.match(sp.text):
        f.by["author"] = [Span("author", sp.start, sp.end, sp.text, sp.confidence)]
    else:
        return
    f.by["note"] = f.by["note"][1:]
    if not f.by["note"]:
        del f.by["note"]


def _sentence_between_title_and_container(f: _Fields) -> None:
    """The sentence's end between an article's title and its journal, where the model put the
    span boundary elsewhere: a container that holds the whole title ("Connections and symbols:
    closing the gap. Cognition" with no title, before a volume or pages), or the title's last
    sentence or the journal's first words on the wrong side of a boundary that is no sentence's
    end ("… with Poisson" | "Input. Operations Research"; "… ciblées. Objectif" | "Soins")."""
    containers, titles = f.by.get("container-title"), f.by.get("title")
    if not containers:
        return
    c = containers[0]
    if not titles:
        if not (f.by.get("volume") or f.by.get("pages") or f.by.get("issue")) or f.by.get("publisher"):
            return
        ends = _sentence_ends(c.text)
        if not ends:
            return
        cut, nxt = ends[-1]
        if "." in c.text[nxt:].rstrip(" .,;:") and not _ABBREVIATED.fullmatch(c.text[nxt:].strip(" ,;:")) \
                or c.text[:cut].rsplit(None, 2)[-2:][0].endswith("."):
            return  # (the end of an abbreviated name: "Mon. Not. R. astr. Soc.")
        f.by["title"] = [Span("title", c.start, c.start + cut + 1, c.text[: cut + 1], c.confidence)]
        containers[0] = Span("container-title", c.start + nxt, c.end, c.text[nxt:], c.confidence)
        return
    t = titles[0]
    if not 0 <= c.start - t.end <= 1 or t.text.rstrip()[-1:] in _TERMINAL or t.text.rstrip()[-1:] in ",;:" \
            or _CONTAINER_CUE.match(c.text) and (f.by.get("editor") or not f.by.get("volume")):
        return  # (a chapter's "in" before its book: "Smartness and the Cities" | "in Joint …")
    ends = _sentence_ends(t.text)
    if ends and len(t.text[ends[-1][1]:].split()) <= 3 and not _sentence_ends(c.text) \
            and all(w[:1].isupper() for w in t.text[ends[-1][1]:].split()):
        # "… ciblées. Objectif" | "Soins,": the journal's first word read with the title
        cut, nxt = ends[-1]
        titles[0] = Span("title", t.start, t.start + cut + 1, t.text[: cut + 1], t.confidence)
        containers[0] = Span("container-title", t.start + nxt, c.end,
                             t.text[nxt:] + " " * (c.start - t.end) + c.text, min(t.confidence, c.confidence))
        return
    ends = _sentence_ends(c.text, capitalised=True)
    if ends and len(c.text[: ends[0][0]].split()) <= 6 and "." not in c.text[: ends[0][0]] \
            and "." not in c.text[ends[0][1]:].rstrip(" .,;:"):
        # "… with Poisson" | "Input. Operations Research": the title's last words read with the journal
        cut, nxt = ends[0]
        head = t.text + " " * (c.start - t.end) + c.text[: cut + 1]
        titles[0] = Span("title", t.start, c.start + cut + 1, head, min(t.confidence, c.confidence))
        containers[0] = Span("container-title", c.start + nxt, c.end, c.text[nxt:], c.confidence)


#: a container opening with the title's last word(s) and a comma before an abbreviated journal:
#: "LHC, J. Phys.: Conf. Ser.", "I, Theor. Math. Phys."
_HEAD_BEFORE_ABBREVIATED = re.compile(r"^(?P<head>[^\s,.]+(?:\s[^\s,.]+)?),\s+(?=[A-Z][a-z]{0,7}\.\s?[A-Z])")
_ROMAN = re.compile(r"[IVX]{1,4}")


def _title_end_before_journal(f: _Fields) -> None:
    """The title's last word read with an abbreviated journal after a comma ("… reach at the" |
    "LHC, J. Phys.: Conf. Ser."; "Quantum inverse problem." | "I, Theor. Math. Phys."): a title
    that ends without a full stop, or a part's numeral, takes it back."""
    containers, titles = f.by.get("container-title"), f.by.get("title")
    if not containers or not titles:
        return
    t, c = titles[0], containers[0]
    m = _HEAD_BEFORE_ABBREVIATED.match(c.text)
    end = t.text.rstrip()[-1:]
    if not m or not 0 <= c.start - t.end <= 1 or _CONTAINER_CUE.match(c.text) \
            or (end in _TERMINAL or end in ",;:") and not _ROMAN.fullmatch(m["head"]):
        return
    head = t.text + " " * (c.start - t.end) + m["head"]
    titles[0] = Span("title", t.start, c.start + m.end("head"), head, min(t.confidence, c.confidence))
    containers[0] = Span("container-title", c.start + m.end(), c.end, c.text[m.end():], c.confidence)


def _newspaper_in_title(f: _Fields) -> None:
    """A newspaper's name read as the title's last sentence, with no container or publisher
    ("Neuron breakthrough offers hope. The Times."): the newspaper is the container."""
    t = f.by["title"][0]
    if f.by.get("container-title") or f.by.get("publisher") or f.by.get("volume"):
        return
    ends = _sentence_ends(t.text, capitalised=True)
    if not ends:
        return
    cut, nxt = ends[-1]
    tail = t.text[nxt:]
    if len(tail.split()) > 5 or not is_newspaper(tail):
        return
    f.by["title"][0] = Span("title", t.start, t.start + cut + 1, t.text[: cut + 1], t.confidence)
    f.by["container-title"] = [Span("container-title", t.start + nxt, t.end, tail, t.confidence)]


_PREPRINT = re.compile(r"(?i:preprint|arxiv|e-print)")


def _note_in_title_place(f: _Fields) -> None:
    """No title, and a note right after the names and the date ("Ignatieff, Michael. 1993. Blood
    and Belonging: Journey into the New Nationalism."): the note stands where the title does."""
    notes = f.by.get("note")
    if f.by.get("title") or not notes:
        return
    n = notes[0]
    before = [sp for sps in f.by.values() for sp in sps if sp.end <= n.start]
    if not before or max(before, key=lambda sp: sp.end).label not in ("author", "date") \
            or _PREPRINT.search(n.text) \
            or not any(sp.label == "author" for sp in before) or len(n.text.split()) < 2 \
            or not (n.text[:1].isupper() or n.text[:1] in _QUOTES):
        return
    f.by["title"] = [Span("title", n.start, n.end, n.text, n.confidence)]
    notes.pop(0)
    if not notes:
        del f.by["note"]


#: "In:" (or "//", GOST's mark) inside a title, before a capitalised name: the container
_IN_INSIDE_TITLE = re.compile(r"(?:[,.]\s+(?:W|w|In|in|Dans|dans|Em|em|Im|im|Nel|nel|En|en|Στο|В|в)\s*:"
                              r"|[,.]\s+In\s+(?=[A-Z][a-z])|,\s+(?:in|dans|nel)\s+(?=[A-Z])|\.?\s?//\s?)"
                              r"\s*([A-ZÀ-ÖØ-ÞА-ЯΑ-Ω].{2,})$")
_QUOTE_THEN_WORD = re.compile(r"\s?[,.]\s?[\"”]\s?([^\W\d_][^\W\d]*\.?)$")

_BY_AUTHOR_IN_TITLE = re.compile(r"(?:,\s+(?:de|par|by|di|von|door)|\s+by)\s+"
                                 r"(?P<given>[A-ZÀ-ÖØ-Þ][^\s,.]+)\s+[A-ZÀ-ÖØ-Þ][^,]*$")
#: a contributor's role word after a comma inside a title, then a name (or nothing)
_ROLE_IN_TITLE = re.compile(r",\s+(?:red|wyb|oprac|trad|transl?|tr|μτφρ|übers|пер|a\s+cura\s+di|hrsg"
                            r"|ed\.\s+by|edited\s+by|translated\s+by|traduit\s+par|sous\s+la\s+dir(?:ection|\.))\.?"
                            r"(?:\s+(?:i|et|e|y|und|and)\b)?(?=\s+[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω]|\s*$).*$")
#: how many volumes, or which, in brackets at a title's end: "(5 volumes)", "(t. 1 à 6)", "(2 Bde.)"
_VOLUMES_AFTER_TITLE = re.compile(r"\s*\((?:\d+\s+)?(?:t\.|tomes?|vols?\.|volumes?|Bde?\.|Bände|Bd\.|тт?\."
                                  r"|томах)(?:\s*[\d\w–-]+)*\s*\)$", re.I)
#: a container that names the book's editors first: "Grawe und Nürnberger (Hrsg.): Fontane-Handbuch"
_EDITORS_IN_CONTAINER = re.compile(r"^(?P<eds>[^():]{3,120}?)\s*\((?:Hrsg|Hg|eds?|Eds?|éds?|dir|a cura di|red"
                                   r"|coord|orgs?|comps?)\.?\)\s*[:.,]\s*(?P<book>\S.{2,})$")
#: a quoted last part of a title, after a comma: ", «Aevum»", ', “Padova e la sua provincia”'
_QUOTED_LAST_PART = re.compile(r"(?<=[^\W\d_])[.,]\s+[«“\"„]([^«»“”\"„]{2,80})[»”\"“]$")
#: a quoted title, then more after its full stop or comma: '«Jebus». Holman Bible Dictionary'
_QUOTED_THEN_SITE = re.compile(r"^[«“\"‘„]([^«»“”\"‘’„]{2,})[»”\"’“][.,]?\s+([^\W\d_].{1,80})$")
#: a quoted chapter, then the book it is in: '“Chapter 1, Bourgeois and Proletarians” in The Manifesto'
_QUOTED_THEN_IN = re.compile(r"^[«“\"‘„][^«»“”\"‘’„]{2,}[»”\"’“][.,]?(?=\s+(?:[Ii]n:?|Dans|En|Em|Nel|Im)\s+"
                             r"[^\W\d_])")
#: a quoted title and the original's title in brackets: '„Trandafirii pierduți” (Lost Roses)'
_QUOTED_THEN_ORIGINAL = re.compile(r"^[„“\"«]([^„“”\"«»]+)[”\"»]\s*\([^()]+\)$")
_ROLE_BEFORE_TITLE = re.compile(rf"^[(\[]\s*(?:a cura di\s*|(?i:{ROLE_WORDS})\.?)\s*[)\]][.:,;]*\s+")


#: a journal's abbreviated name ("Phys. Rev. D", "Nat. Phys.", "Contemp."): capitalised words cut
#: short with a full stop, a section letter
_ABBREVIATED = re.compile(r"^(?:(?:[A-Z][a-z]{0,6}\.|[A-Z])\s*){1,4}$")


#: words a title does not end with: articles, prepositions, conjunctions ("The History of the
#: University of", "Geschichte eines", "musicales avec")
_NOT_LAST = frozenset("""a an the of to in on for from by with and or at as into
    de du des la le les et au aux avec pour par sur dans en un une
    der die das des dem den ein eines einer einem und von zu zur zum mit für im am über
    il lo gli i delle della dei degli del di da e con per tra fra una uno nel nella
    el los las y para por sobre entre
    do dos das em na no nas nos com""".split())
_NOT_TITLE_END = frozenset(("date", "title", "editor", "translator"))
_HEAD = re.compile(r"^[^\W\d_][^,;:()\[\]«»“”\"]{0,60}?[,;]")


def _title_cut_after_a_function_word(f: _Fields) -> None:
    """ "The History of the University of | Oxford, Clarendon Press": a title span that ends in
    an article, a preposition or a conjunction (and no punctuation) goes on into the next span,
    up to that span's first comma or semicolon."""
    titles = f.by.get("title")
    if not titles:
        return
    t = titles[0]
    last = t.text.rsplit(None, 1)[-1:]
    if not last or last[0] not in _NOT_LAST:
        return
    nxt = min((sp for spans in f.by.values() for sp in spans if 0 <= sp.start - t.end <= 1),
              key=lambda sp: sp.start, default=None)
    m = _HEAD.match(nxt.text) if nxt is not None and nxt.label not in _NOT_TITLE_END else None
    if m is None or nxt is None or len(m.group(0).split()) > 5:
        return
    cut = nxt.start + m.end()
    titles[0] = Span("title", t.start, cut, t.text + " " * (nxt.start - t.end) + m.group(0), t.confidence)
    rest = nxt.text[m.end():].lstrip()
    spans = f.by[nxt.label]
    i = spans.index(nxt)
    if rest:
        spans[i] = Span(nxt.label, nxt.end - len(rest), nxt.end, rest, nxt.confidence)
    else:
        del spans[i]
        if not spans:
            del f.by[nxt.label]


def _book_after_quoted_title(f: _Fields) -> None:
    """ '“Chapter 1, Bourgeois and Proletarians” in The Manifesto of the Communist Party' read
    as one title: the quoted chapter, then the book it is in after its "in"."""
    titles = f.by.get("title")
    if not titles or f.by.get("container-title"):
        return
    t = titles[0]
    m = _QUOTED_THEN_IN.match(t.text)
    if not m:
        return
    nxt = len(t.text) - len(t.text[m.end():].lstrip())
    titles[0] = Span("title", t.start, t.start + m.end(), t.text[: m.end()], t.confidence)
    f.by["container-title"] = [Span("container-title", t.start + nxt, t.end, t.text[nxt:], t.confidence)]


_SERIES_CUE = re.compile(r"^\(?=?\s*(?:coll\.|collection|col\.|colección|coleção|collana|Reihe)?\s*")
_SERIES_NUMBER = re.compile(r"[.,]?\s*(?:Band|Bd\.|Nr\.|Heft|Vol\.|vol\.|n[o°º]\.?)\s*\d+\w*\)?[.,]?$")


def _book_inside_title(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ "Hogyan készült Gogol köpönyege, In: Modern irodalomtudomány kialakulása", "Я і ВПЗ.//
    Психологія несвідомого": the chapter's book (or the article's journal) read with its title."""
    m = _IN_INSIDE_TITLE.search(csl.get("title", ""))
    if m and "container-title" not in csl and m.start() > 0:
        csl["title"], csl["container-title"] = _title(csl["title"][: m.start()]), _title(m.group(1))
        conf["container-title"] = conf.get("title", 1.0)


def _mend_title(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """What the model read with the title but is not the title: the editors' role word before
    it, the author after it, a series whose bracket it cut, the chapter's book after "In:",
    the journal's first word after a quoted title's close."""
    m = _ROLE_BEFORE_TITLE.match(csl.get("title", ""))
    if m and m.end() < len(csl["title"]):
        # "(Compiladores).: Resonancias …", "(a cura di) Fellini …": the editors' role word read
        # with the title: the names before it are editors
        csl["title"] = _title(csl["title"][m.end():])
        if csl.get("author") and not csl.get("editor"):
            csl["editor"] = csl.pop("author")
            conf["editor"] = conf.pop("author", 1.0)
    m = _BY_AUTHOR_IN_TITLE.search(csl.get("title", ""))
    if m and m.start() > 0 and _known_given(m.group("given")):
        # "…, par Michel Winock", "…, de Sylvain CAMILLERI et Cédric CHANDELIER": the author after
        # the title, read with it
        by, _ = _names(csl["title"][m.start("given"):])
        if by and not any("literal" in n for n in by):
            csl["title"] = _title(csl["title"][: m.start()])
            if "author" not in csl:
                csl["author"] = by
                conf["author"] = conf.get("title", 1.0)
    title = csl.get("title", "")
    if title.count("(") > title.count(")") and (cut := title.rfind("(")) > 0:
        # "Das Neue Hörspiel (Geschichte und Typologie des Hörspiels": the series the span cut
        # in two, its bracket never closed in the title
        csl["title"] = _title(title[:cut])
        if "collection-title" not in csl and len(title[cut + 1:].split()) >= 2:
            csl["collection-title"] = _title(title[cut + 1:])
    m = _ROLE_IN_TITLE.search(csl.get("title", ""))
    if m and m.start() > 0:
        # "Teorie literatury XX wieku, red. A. Burzyńska i", "Title, trad. Mirela Axente": a
        # contributor's role and names read with the title
        csl["title"] = _title(csl["title"][: m.start()])
    m = _VOLUMES_AFTER_TITLE.search(csl.get("title", ""))
    if m and m.start() > 0:  # "Histoire de Bretagne (5 volumes)", "(t. 1 à 6)": the set, not the title
        csl["title"] = _title(csl["title"][: m.start()])
    m = _QUOTED_THEN_ORIGINAL.match(csl.get("title", ""))
    if m:  # '„Când înflorește liliacul” (Lilac Girls)': the original's title after the quoted one
        csl["title"] = _title(m.group(1))
    _book_inside_title(csl, conf)
    m = _QUOTE_THEN_WORD.search(csl.get("title", ""))
    if m and csl["title"][:1] in "\"“" and m.start() > 1:
        # a quoted title closed with the next field's first word glued on (a PDF moved the
        # space: "… systems ,"Physics Reports 646"): the word goes back to the journal
        csl["title"] = _title(csl["title"][1: m.start()])
        word = m.group(1)
        container = csl.get("container-title", "")
        if not container.startswith(word):
            csl["container-title"] = f"{word} {container}".strip()
            conf.setdefault("container-title", conf["title"])


def _title_quoted_in_container(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ '"Governance Property," 160 University of Pennsylvania Law Review' with no title: the
    quoted title read with the journal."""
    m = _QUOTED_HEAD.match(csl.get("container-title", ""))
    if m and "title" not in csl and m.end() < len(csl["container-title"]):
        csl["title"], csl["container-title"] = _title(m.group(1)), _title(csl["container-title"][m.end():])
        conf["title"] = conf["container-title"]


def _editors_in_container(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ "In: Christian Grawe und Helmuth Nürnberger (Hrsg.): Fontane-Handbuch" with no editors:
    the book's editors read with its title."""
    m = _EDITORS_IN_CONTAINER.match(csl.get("container-title", ""))
    if m and not csl.get("editor"):
        eds, _ = _names(m.group("eds"))
        if eds and not any("literal" in n for n in eds):
            csl["editor"], csl["container-title"] = eds, _title(m.group("book"))
            conf["editor"] = conf["container-title"]


def _journal_quoted_after_title(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ "Luna e poesia da Young a Leopardi, «Aevum»" with no journal: the journal in quotation
    marks after the title."""
    m = _QUOTED_LAST_PART.search(csl.get("title", ""))
    if m and m.start() > 0 and "container-title" not in csl:
        csl["title"], csl["container-title"] = _title(csl["title"][: m.start()]), _title(m.group(1))
        conf["container-title"] = conf["title"]


def _site_after_quoted_title(csl: dict[str, Any], conf: dict[str, float], extras: Extras) -> None:
    """ '«Jebus». Holman Bible Dictionary. Consultado el …' read as one title, with no container
    or publisher: a web page's quoted title, then the site."""
    m = _QUOTED_THEN_SITE.match(csl.get("title", ""))
    if m and "container-title" not in csl and "publisher" not in csl and (extras.accessed or extras.url):
        csl["title"], csl["container-title"] = _title(m.group(1)), _title(m.group(2))
        conf["container-title"] = conf["title"]


def _report_in_title(f: _Fields, csl: dict[str, Any], conf: dict[str, float]) -> None:
    """APA "Title (Open-File Report 2010-1187)" or a note's "Title, CRS Report R12345" with no
    number read: the report's kind and number at the title's end."""
    m = _REPORT_IN_TITLE.search(csl.get("title", ""))
    if m and m.start() > 0 and not f.by.get("number"):
        csl["title"] = csl["title"][: m.start()].rstrip(" .,")
        csl.setdefault("genre", (m.group("genre") or m.group("genre2")).strip())
        csl["number"] = m.group("num") or m.group("num2")
        conf["genre"] = conf["number"] = conf["title"]


def _container_read_as_title(f: _Fields, csl: dict[str, Any], conf: dict[str, float]) -> None:
    """A container with no title and no volume or issue: a work has a title before it has a
    container ("Author, Title (2002) p. 210"); a chapter's book after "in" inside it is its container
    ("Title, in Riv. it. dir. proc. pen., 2016" read as one container)."""
    if "container-title" in csl and "title" not in csl and not (
            f.by.get("volume") or f.by.get("issue") or "volume" in csl or "issue" in csl):
        csl["title"] = csl.pop("container-title")
        conf["title"] = conf.pop("container-title")
        _book_inside_title(csl, conf)


#: a part of a multi-volume work named before its publisher ("Τόμος πρώτος. Εστία", "Band 2. Beck",
#: "Vol. III. Gallimard")
_PART_BEFORE_PUBLISHER = re.compile(
    r"((?:Τόμος|Τόμ\.|Band|Bd\.|Teil|Tome|T\.|Tomo|Volume|Vol\.|Том|Часть|Part|Livre|Libro)\s+[^\s.,;:]+)\.\s+(\S.*)")


def _part_read_with_publisher(f: _Fields, csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ "Title. | Τόμος πρώτος. Εστία." with the part read as the place's or the publisher's first
    words ("Τόμος Α΄. Αθήνα: Βιβλιόραμα"), or with no publisher, as the one note: the part ends
    the title (as printed: "Ιστορία του ελληνικού κράτους. Τόμος πρώτος"), the rest is the place
    or the publisher."""
    if not csl.get("title") or "volume" in csl:
        return
    notes = f.by.get("note", [])
    if _PART_BEFORE_PUBLISHER.fullmatch(csl.get("publisher-place", "")):
        field, text, level = "publisher-place", csl["publisher-place"], conf.get("publisher-place", 1.0)
    elif "publisher" in csl:
        field, text, level = "publisher", csl["publisher"], conf.get("publisher", 1.0)
    elif len(notes) == 1 and "container-title" not in csl:
        field, text, level = "note", _strip(notes[0].text), notes[0].confidence
    else:
        return
    m = _PART_BEFORE_PUBLISHER.fullmatch(text)
    if not m or field == "note" and (len(m.group(2).split()) > 5 or not m.group(2)[:1].isupper()):
        return  # (a note is a publisher only when it is a publisher's few words)
    into = "publisher" if field == "note" else field
    csl["title"] = f"{csl['title']}. {m.group(1)}"
    csl[into] = m.group(2)
    conf["title"] = conf[into] = min(conf.get("title", 1.0), level)
    if field == "note":
        f.by["note"] = []
