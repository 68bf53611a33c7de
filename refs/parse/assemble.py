"""Labelled spans of one reference string → a :class:`~refs.model.Record`.

The model (:mod:`refs.parse.model`) says which tokens are the authors, the title, the
container, the volume …; :func:`build` turns each span into a CSL value with the rules
that do that well: names (:mod:`refs.parse.names`), volume/issue/pages/year shorthand
(:mod:`refs.parse.numbers`), dates (:mod:`refs.parse.dates`), places
(:mod:`refs.parse.places`), and it chooses the CSL type from which labels are present
(:mod:`refs.parse.csl_type`). On the way it calls, in an order that matters, the repairs of
the model's typical mistakes (:mod:`refs.parse.repair`: names, titles, journals, numbers,
places); this module holds only that order and the building of the record.

Each field's provenance is ``Provenance("parse", "model", p)`` with ``p`` the lowest
marginal probability the model gave the tokens of that field (the weakest token of a
field decides how sure the field is).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, Origin, Provenance, Record, make_date
from refs.parse.csl_type import choose_type, standard_in_container
from refs.parse.extras import Extras
from refs.parse.model import Span
from refs.parse.patterns import DITTO
from refs.parse.places import clean_pub, place_name
from refs.parse.repair.journals import (
    _bluebook_after_title,
    _container_in_volume,
    _journal_in_note,
    _journal_in_title,
    _journal_read_as_publisher,
    _section_letter_in_volume,
    _volume_after_journal,
    _volume_and_page_in_container,
    _volume_before_journal,
    _volume_glued_to_journal,
)
from refs.parse.repair.names import (
    _BY_CLAUSE,
    _author_after_title_dash,
    _authors_read_as_editors,
    _container_read_as_editors,
    _edition_word_read_as_editor,
    _marked_as_editors,
    _name_dash_title,
    _names,
    _names_end_in_title,
    _next_field_in_names,
    _title_after_given_first,
    _title_before_an_editors_cue,
    _title_by_author,
    _title_then_by_author,
    _title_word_in_names,
)
from refs.parse.repair.numbers import (
    _date_read_as_accessed,
    _day_read_as_number,
    _issue_read_as_number,
    _issued,
    _month_read_as_volume,
    _numbers,
    _numbers_after_volume,
    _page_before_year,
    _page_of_a_book,
    _range_across_spans,
    _volume_count_lead,
    _years_read_as_pages,
)
from refs.parse.repair.places import (
    _place_in_publisher,
    _publisher_after_colon_in_place,
    _publisher_after_names,
    _publisher_before_place,
    _publisher_first_words_read_apart,
    _publisher_in_brackets,
    _publisher_in_place,
    _publisher_in_title_before_place,
    _publisher_start_in_title,
    _region_after_place,
)
from refs.parse.repair.spans import _Fields
from refs.parse.repair.text import _edition, _number, _strip, _title
from refs.parse.repair.titles import (
    _CONTAINER_CUE,
    _SERIES_CUE,
    _SERIES_NUMBER,
    _book_after_quoted_title,
    _container_read_as_title,
    _editors_in_container,
    _journal_quoted_after_title,
    _mend_title,
    _newspaper_in_title,
    _note_in_title_place,
    _part_read_with_publisher,
    _report_in_title,
    _sentence_between_title_and_container,
    _site_after_quoted_title,
    _title_cut_after_a_function_word,
    _title_end_before_journal,
    _title_end_in_container,
    _title_quoted_in_container,
    _title_read_as_note,
)

STAGE = "parse"


@lru_cache(maxsize=2048)
def _model_note(confidence: float) -> Provenance:
    """The provenance of a field the model labelled (a value: one per confidence, shared)."""
    return Provenance(STAGE, "model", confidence)


def build(spans: list[Span], extras: Extras, raw: str, source: str = "", line: int | None = None,
          language: str = "", notes: list[str] | None = None) -> Record:
    """The Record for ``raw`` from its labelled spans and the identifiers found by rules."""
    f = _Fields(spans)
    rec = Record(id="", origin=Origin("text", source, line, raw.strip()))
    csl: dict[str, Any] = {}
    conf: dict[str, float] = {}
    et_al = False
    if not f.by.get("editor") and _BY_CLAUSE.search(raw.rstrip()):
        _title_then_by_author(f)
    if f.by.get("editor"):
        _container_read_as_editors(f)
    if f.by.get("title") and raw.rstrip(" .").endswith(")"):
        _bluebook_after_title(f)
    if f.by.get("author") and not f.by.get("editor") and _marked_as_editors(f.first("author")):
        f.by["editor"] = [Span("editor", s.start, s.end, s.text, s.confidence) for s in f.by.pop("author")]
    elif f.by.get("editor") and not f.by.get("author"):
        _authors_read_as_editors(f)
    if f.by.get("author") and DITTO.match(f.first("author")):
        del f.by["author"]  # "———. Title": the authors of the entry before (the finder copies them)
    if f.by.get("author") and (" – " in f.first("author") or " - " in f.first("author")
                               or f.first("title")[:2].isalpha() and (" – " in f.first("title")
                                                                      or " - " in f.first("title"))):
        _name_dash_title(f)
    for one, other in (("title", "author"), ("author", "title")):  # "Title - Given Family"
        if f.by.get(one) and not f.by.get(other) and not f.by.get("editor") \
                and ("- " in f.first(one) or "– " in f.first(one)):
            _author_after_title_dash(f, one)
            break
    if f.by.get("note") and not f.by.get("title"):
        _title_read_as_note(f)
    if f.by.get("accessed") and not f.by.get("date"):
        _date_read_as_accessed(f)
    if f.by.get("date"):
        for label in ("volume", "pages", "number"):
            if f.by.get(label):
                _day_read_as_number(f, label)
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
    _edition_word_read_as_editor(f)
    for role in ("author", "editor", "translator"):
        if f.by.get(role):
            names, etal = _names(f.first(role) if role == "author" else f.all(role))
            et_al = et_al or etal
            if names:
                csl[role] = names
                conf[role] = f.conf(role)
    _journal_in_note(f)
    _note_in_title_place(f)
    _region_after_place(f)
    _publisher_first_words_read_apart(f)
    if f.by.get("title") and f.by.get("publisher"):
        _publisher_start_in_title(f)
    _publisher_before_place(f)
    _publisher_in_title_before_place(f)
    _container_in_volume(f)
    _range_across_spans(f)
    _sentence_between_title_and_container(f)
    _book_after_quoted_title(f)
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
    _title_quoted_in_container(csl, conf)
    _title_end_in_container(f, csl, conf)
    _mend_title(csl, conf)
    _editors_in_container(csl, conf)
    _journal_quoted_after_title(csl, conf)
    _site_after_quoted_title(csl, conf, extras)
    _report_in_title(f, csl, conf)
    _years_read_as_pages(f)
    _volume_count_lead(f, csl)
    _numbers(f, csl)
    _volume_and_page_in_container(f, csl, conf)
    _container_read_as_title(f, csl, conf)
    _volume_glued_to_journal(csl)
    _journal_in_title(f, csl, conf)
    _section_letter_in_volume(f, csl)
    _volume_after_journal(csl, conf)
    _volume_before_journal(csl, conf)
    if f.by.get("number"):
        _issue_read_as_number(f, csl)
    for label, var in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        if var in csl:  # (an issue inside a volume span, "12(3)", has that span's confidence)
            conf[var] = f.conf(label) if f.by.get(label) else f.conf("volume", "issue", "pages", "date")
    if "number-of-pages" in csl:
        conf["number-of-pages"] = f.conf("pages")
    date = _issued(f)
    _numbers_after_volume(f, csl)
    _month_read_as_volume(f, csl)
    date = _page_before_year(f, csl) or date
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
    _part_read_with_publisher(f, csl, conf)
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
    standard_in_container(csl, conf)
    rec.type = choose_type(csl, f, extras)
    _page_of_a_book(rec.type, csl)
    rec.csl = csl
    for var, p in conf.items():
        if var in csl:
            rec.provenance[var] = _model_note(p)
    if extras.archive_date:
        rec.set_custom(ARCHIVE_DATE, extras.archive_date)
    if extras.archive_url:
        rec.set_custom(ARCHIVE_URL, extras.archive_url)
    return rec
