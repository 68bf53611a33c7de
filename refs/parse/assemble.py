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

from functools import lru_cache
from typing import Any

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, Origin, Provenance, Record, make_date
from refs.parse.csl_type import choose_type
from refs.parse.extras import Extras
from refs.parse.model import Span
from refs.parse.numbers import normalize_pages, scan
from refs.parse.patterns import DITTO
from refs.parse.places import clean_pub, place_name
from refs.parse.repair.journals import (
    _GLUED_VOLUME,
    _LAST_SENTENCE,
    _LEADING_VOLUME,
    _SECTION_VOLUME,
    _TRAILING_NUMBER,
    _TRAILING_VI,
    _container_in_volume,
    _journal_in_note,
    _journal_read_as_publisher,
    _numbers_read_as_place,
    _volume_and_page_in_container,
)
from refs.parse.repair.names import (
    _EDITOR_LEAD,
    _EDITOR_MARK,
    _EDITOR_MARK_REACH,
    _article_read_as_initial,
    _author_at_title_start,
    _authors_read_as_editors,
    _edition_read_as_editor,
    _name_dash_title,
    _names,
    _names_end_in_title,
    _next_field_in_names,
    _title_after_given_first,
    _title_before_an_editors_cue,
    _title_by_author,
    _title_word_in_names,
)
from refs.parse.repair.numbers import (
    _LEADING_ZERO,
    _LONE_YEAR,
    _PAGE_THEN_YEAR,
    _RANGE,
    _YEAR_HOLDERS,
    _YEARS,
    _date,
    _date_read_as_accessed,
    _day_read_as_volume,
    _numbers,
    _numbers_after_volume,
    _pages_read_as_other,
    _range_across_spans,
    _report_number,
    _vancouver,
)
from refs.parse.repair.places import (
    _place_in_publisher,
    _place_read_with_the_title,
    _publisher_after_colon_in_place,
    _publisher_after_names,
    _publisher_before_place,
    _publisher_in_brackets,
    _publisher_in_place,
    _publisher_in_title_before_place,
    _region_after_place,
    _title_read_as_publisher,
)
from refs.parse.repair.spans import _Fields
from refs.parse.repair.text import _edition, _number, _strip, _title
from refs.parse.repair.titles import (
    _CONTAINER_CUE,
    _EDITORS_IN_CONTAINER,
    _QUOTED_HEAD,
    _QUOTED_LAST_PART,
    _QUOTED_THEN_SITE,
    _REPORT_IN_TITLE,
    _SERIES_CUE,
    _SERIES_NUMBER,
    _book_after_quoted_title,
    _book_inside_title,
    _journal_read_as_title,
    _mend_title,
    _newspaper_in_title,
    _note_in_title_place,
    _sentence_between_title_and_container,
    _title_cut_after_a_function_word,
    _title_end_before_journal,
    _title_end_in_container,
    _title_read_as_note,
    _years_in_titles,
)

STAGE = "parse"


@lru_cache(maxsize=2048)
def _model_note(confidence: float) -> Provenance:
    """The provenance of a field the model labelled (a value: one per confidence, shared)."""
    return Provenance(STAGE, "model", confidence)


def build(spans: list[Span], extras: Extras, raw: str, source: str = "", line: int | None = None,
          language: str = "", notes: list[str] | None = None) -> Record:
    """The Record for ``raw`` from its labelled spans and the identifiers found by rules."""
    f = _Fields(_report_number(_years_in_titles(spans, raw)))
    rec = Record(id="", origin=Origin("text", source, line, raw.strip()))
    csl: dict[str, Any] = {}
    conf: dict[str, float] = {}
    et_al = False
    if f.by.get("author") and not f.by.get("editor") and (
            _EDITOR_MARK.search(f.first("author"), max(0, len(f.first("author")) - _EDITOR_MARK_REACH))
            or _EDITOR_LEAD.match(f.first("author"))):
        # "Leffler, M. P., & Westad, O. A. (Eds.)", "s. dir. de Bruno Béthouart": an edited book
        f.by["editor"] = f.by.pop("author")
    elif f.by.get("editor") and not f.by.get("author"):
        _authors_read_as_editors(f)
    if f.by.get("author") and DITTO.match(f.first("author")):
        del f.by["author"]  # "———. Title": the authors of the entry before (the finder copies them)
    if f.by.get("author") and (" – " in f.first("author") or " - " in f.first("author")
                               or f.first("title")[:2].isalpha() and (" – " in f.first("title")
                                                                      or " - " in f.first("title"))):
        _name_dash_title(f)
    if not f.by.get("author") and not f.by.get("editor") and f.by.get("title") \
            and f.by["title"][0].start <= 1 and "," in f.by["title"][0].text:
        _author_at_title_start(f)
    if f.by.get("author") and f.by.get("title") and not f.by.get("citation-number"):
        _article_read_as_initial(f)
    if f.by.get("note") and not f.by.get("title"):
        _title_read_as_note(f)
    if f.by.get("accessed") and not f.by.get("date"):
        _date_read_as_accessed(f)
    if f.by.get("volume") and f.by.get("date"):
        _day_read_as_volume(f)
    if f.by.get("volume") and not f.by.get("pages"):
        _pages_read_as_other(f)
    if f.by.get("title") and f.by.get("publisher") and not f.by.get("location"):
        _place_read_with_the_title(f)
    if not (f.by.get("container-title") or f.by.get("volume") or f.by.get("pages")) \
            and (f.by.get("publisher") or f.by.get("location")):
        _journal_read_as_publisher(f)
    if f.by.get("author") and f.by["author"][-1].text.rstrip(" .,;").endswith(")"):
        _publisher_after_names(f)
    if f.by.get("author"):
        _title_word_in_names(f)
        _title_after_given_first(f)
        _next_field_in_names(f)
        if f.by.get("title"):
            _names_end_in_title(f)
        if not f.by.get("title"):
            _title_by_author(f)
    _title_before_an_editors_cue(f)
    _edition_read_as_editor(f)
    for role in ("author", "editor", "translator"):
        if f.by.get(role):
            names, etal = _names(f.first(role) if role == "author" else f.all(role))
            et_al = et_al or etal
            if names:
                csl[role] = names
                conf[role] = f.conf(role)
    _numbers_read_as_place(f)
    _journal_in_note(f)
    _note_in_title_place(f)
    _region_after_place(f)
    _publisher_before_place(f)
    _publisher_in_title_before_place(f)
    _title_read_as_publisher(f)
    _container_in_volume(f)
    _range_across_spans(f)
    _sentence_between_title_and_container(f)
    _book_after_quoted_title(f)
    _journal_read_as_title(f)
    _title_cut_after_a_function_word(f)
    _title_end_before_journal(f)
    if f.by.get("title"):
        _newspaper_in_title(f)
    for label, var in (("title", "title"), ("container-title", "container-title"),
                       ("collection-title", "collection-title")):
        text = f.first(label)
        if label == "container-title":
            text = _CONTAINER_CUE.sub("", text.strip())
        elif label == "collection-title":  # "coll. « Folio histoire »", "(= Neue Geschichte. Band 4)"
            text = _SERIES_CUE.sub("", text.strip())
            text = _SERIES_NUMBER.sub("", text)
            text = text.strip(" ()«»,.")
        value = _title(text)
        if value:
            csl[var] = value
            conf[var] = f.conf(label)
    m = _QUOTED_HEAD.match(csl.get("container-title", ""))
    if m and "title" not in csl and m.end() < len(csl["container-title"]):
        # '"Governance Property," 160 University of Pennsylvania Law Review': the quoted title
        # read with the journal
        csl["title"], csl["container-title"] = _title(m.group(1)), _title(csl["container-title"][m.end():])
        conf["title"] = conf["container-title"]
    _title_end_in_container(f, csl, conf)
    _mend_title(csl, conf)
    m = _EDITORS_IN_CONTAINER.match(csl.get("container-title", ""))
    if m and not csl.get("editor"):
        # "In: Christian Grawe und Helmuth Nürnberger (Hrsg.): Fontane-Handbuch": the book's
        # editors read with its title
        eds, _ = _names(m.group("eds"))
        if eds and not any("literal" in n for n in eds):
            csl["editor"], csl["container-title"] = eds, _title(m.group("book"))
            conf["editor"] = conf["container-title"]
    m = _QUOTED_LAST_PART.search(csl.get("title", ""))
    if m and m.start() > 0 and "container-title" not in csl:
        # "Luna e poesia da Young a Leopardi, «Aevum»": the journal in quotation marks after the title
        csl["title"], csl["container-title"] = _title(csl["title"][: m.start()]), _title(m.group(1))
        conf["container-title"] = conf["title"]
    m = _QUOTED_THEN_SITE.match(csl.get("title", ""))
    if m and "container-title" not in csl and "publisher" not in csl and (extras.accessed or extras.url):
        # '«Jebus». Holman Bible Dictionary. Consultado el …': a web page's quoted title, then the site
        csl["title"], csl["container-title"] = _title(m.group(1)), _title(m.group(2))
        conf["container-title"] = conf["title"]
    m = _REPORT_IN_TITLE.search(csl.get("title", ""))
    if m and not f.by.get("number"):  # APA "Title (Open-File Report 2010-1187)"
        csl["title"] = csl["title"][: m.start()].rstrip(" .,")
        csl.setdefault("genre", m.group("genre").strip())
        csl["number"] = m.group("num")
        conf["genre"] = conf["number"] = conf["title"]
    if not f.by.get("date") and f.by.get("pages") and _YEARS.fullmatch(_strip(f.first("pages"))):
        f.by["date"] = [f.by["pages"].pop(0)]  # "London: Witherby, 1924-38": years, not pages
    _numbers(f, csl)
    _volume_and_page_in_container(f, csl, conf)
    if "container-title" in csl and "title" not in csl and not (
            f.by.get("volume") or f.by.get("issue") or "volume" in csl or "issue" in csl):
        # a work has a title before it has a container: "Author, Title (2002) p. 210"
        csl["title"] = csl.pop("container-title")
        conf["title"] = conf.pop("container-title")
        _book_inside_title(csl, conf)  # ("Title, in Riv. it. dir. proc. pen., 2016" read as one container)
    container = csl.get("container-title", "")
    for num in scan(container) if any(ch.isdigit() for ch in container) else ():
        if num.kind == "vanc" and num.value.get("volume"):  # "BMJ. 2021;372:n71" labelled as one journal
            cut = csl["container-title"].find(num.value["raw"])
            if cut > 0:
                csl["container-title"] = _title(csl["container-title"][:cut])
            break
    m = _GLUED_VOLUME.search(csl.get("container-title", ""))
    if m and "volume" not in csl:
        name = _title(csl["container-title"][: m.start()].rstrip(" ,"))
        dot = "." if csl["container-title"][m.start():m.start() + 1] == "." else ""
        csl["container-title"] = f"{name}{dot} {m.group(1)}" if m.group(1) else name
        csl["volume"] = m.group(2)
        page = csl.get("page", "")
        if m.group(3) and (not page or page[:1] in "-–"):  # "…Astrophys.52 ,415 -486": the first page too
            csl["page"] = normalize_pages(m.group(3) + page)
    if "container-title" not in csl and "title" in csl and not f.by.get("publisher") and csl.get("volume") \
            and csl.get("page"):
        # an article's volume and pages with no journal: the journal was read as the title's
        # last sentence ("… in mouse epidermis. Oncogene 24, 1-9")
        m = _LAST_SENTENCE.search(csl["title"])
        if m and m.start() > 0:
            csl["title"], csl["container-title"] = _title(csl["title"][: m.start() + 1]), _title(m.group(1))
            conf["container-title"] = conf.get("title", 0.0)
    m = _SECTION_VOLUME.fullmatch(csl.get("volume", ""))
    if m and csl.get("container-title") and not csl["container-title"].endswith(" " + m.group(1)):
        # physics shorthand "Phys. Lett. B511", "Nucl. Phys. A 754": the letter names the
        # journal's section, and belongs to its title ("Phys. Lett. B"), as the journals cite it
        dot = "." if f.all("container-title").rstrip(" ,;:").endswith(".") \
            and not csl["container-title"].endswith(".") else ""  # (not twice: "Eur. Phys. J.")
        csl["container-title"] = f"{csl['container-title']}{dot} {m.group(1)}"
        csl["volume"] = m.group(2)
    m = _TRAILING_NUMBER.search(csl.get("container-title", ""))
    if m and "volume" not in csl and not _LONE_YEAR.fullmatch(m.group(1)):
        # "Journal of Logic Programming 1": the volume read with the journal's name
        csl["container-title"] = csl["container-title"][: m.start()]
        csl["volume"] = m.group(1)
        conf["volume"] = conf["container-title"]
    m = _TRAILING_VI.search(csl.get("container-title", ""))
    if m and "volume" not in csl:  # "Journal 1.1 (2018)", "Politics 54#4": the numbers glued on
        csl["container-title"] = csl["container-title"][: m.start()].rstrip(" ,")
        csl["volume"], csl["issue"] = m.group(1), m.group(2)
        conf["volume"] = conf["issue"] = conf["container-title"]
    m = _LEADING_VOLUME.match(csl.get("container-title", ""))
    if m and ("volume" not in csl or ("page" not in csl and csl["volume"].isdigit()
                                      and "issue" not in csl)):
        csl["container-title"] = csl["container-title"][m.end():]
        if "volume" in csl:  # "22 Trends in Law Library Management 21 (2012)": then the first page
            csl["page"] = csl["volume"]
        csl["volume"] = m.group(1)
        conf["volume"] = conf["container-title"]
    for label, var in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        if var in csl:  # (an issue inside a volume span, "12(3)", has that span's confidence)
            conf[var] = f.conf(label) if f.by.get(label) else f.conf("volume", "issue", "pages", "date")
    if "number-of-pages" in csl:
        conf["number-of-pages"] = f.conf("pages")
    # a year in square brackets beside another is the original's ("Casa-Grande & Senzala [1933].
    # Rio de Janeiro: José Olympio, 1980"): the edition's own date wins
    spans = sorted(f.by.get("date", []), key=lambda sp: sp.text.lstrip("(").startswith("["))
    date = next((d for d in (_date(sp.text) for sp in spans) if d), None)
    if not date:  # Vancouver "2005;365(9464):1099-104" labelled as a volume
        date = next(((int(n.value["year"]), None, None) for n in _vancouver(f)), None)
    if not date:  # a year glued to the numbers or the publisher ("(3):199-220,Aug 1975", "May2003")
        years = [y for lab in _YEAR_HOLDERS for sp in f.by.get(lab, []) for y in _LONE_YEAR.findall(sp.text)]
        if years:
            date = (int(years[-1]), None, None)
    _numbers_after_volume(f, csl)
    if "issue" not in csl and _LEADING_ZERO.fullmatch(csl.get("volume", "")) \
            and any(sp.text.lstrip().startswith("(") for sp in f.by.get("date", [])):
        csl["issue"] = csl.pop("volume")  # "JHEP 06 (2010) 043": a month's number (no volume has a 0 first)
    if "volume" in csl and "page" not in csl:  # Bluebook "160 U. Pa. L. Rev. 1853 (2012)": page, year
        m = next((m for m in (_PAGE_THEN_YEAR.match(sp.text) for sp in f.by.get("date", [])) if m), None)
        if m:
            csl["page"], date = m.group(1), (int(m.group(2)), None, None)
    if date:
        csl["issued"] = make_date(*date)
        conf["issued"] = f.conf("date")
    for label, var, clean in (("publisher", "publisher", lambda t: clean_pub(_strip(t))),
                              ("location", "publisher-place", lambda t: place_name(_strip(t), raw)),
                              ("edition", "edition", _edition), ("genre", "genre", _strip),
                              ("number", "number", _number)):
        value = clean(f.first(label))
        if value:
            csl[var] = value
            conf[var] = f.conf(label)
    _publisher_in_brackets(csl)
    _place_in_publisher(csl, conf)
    _publisher_in_place(csl, conf)
    _publisher_after_colon_in_place(csl, conf)
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
    all_notes = [*(notes or []), csl.pop("note", ""), *(_strip(sp.text) for sp in f.by.get("note", [])),
                 *extras.notes]
    if et_al:
        all_notes.append("et al.")
    all_notes = [n for n in all_notes if n]
    if all_notes:
        csl["note"] = "; ".join(all_notes)
    rec.type = choose_type(csl, f, extras)
    if rec.type in ("book", "thesis", "report") and "page" in csl and "container-title" not in csl \
            and not _RANGE.search(csl["page"]):
        # one page of a whole book is where a footnote points ("(2002) p. 210"), not the
        # book's extent; a range is the part of it that is meant ("pp. 32-63"): a page
        csl["note"] = "; ".join(filter(None, ["p. " + csl.pop("page"), csl.get("note")]))
    rec.csl = csl
    for var, p in conf.items():
        if var in csl:
            rec.provenance[var] = _model_note(p)
    if extras.archive_date:
        rec.set_custom(ARCHIVE_DATE, extras.archive_date)
    if extras.archive_url:
        rec.set_custom(ARCHIVE_URL, extras.archive_url)
    return rec
