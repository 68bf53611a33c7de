"""The working state of one reference while it is parsed.

Each step of :func:`refs.parse.fields.parse_reference` (authors, title, the rest) fills
in what it finds here; :func:`refs.parse.fields.build` turns it into a Record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refs.model import Name


@dataclass
class Parsed:
    """Working state while one string is parsed."""

    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    translators: list[Name] = field(default_factory=list)
    et_al: bool = False
    title: str = ""
    title_sep: str = ". "  # how the title was cut from what follows (", " for a comma)
    quoted: bool = False
    container: str = ""
    collection: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    extent: str = ""
    year: str = ""
    month: int | None = None
    day: int | None = None
    publisher: str = ""
    place: str = ""
    edition: str = ""
    volumes: str = ""
    isbn: bool = False  # the string carries an ISBN: a book, whose pages are a pinpoint
    book_volume: bool = False  # the volume is one volume of a book ("Title, vol. 1. Place: …")
    genre: str = ""
    number: str = ""
    event: str = ""
    event_place: str = ""
    language: str = ""
    chapter: bool = False
    gost_container: bool = False
    thesis: bool = False
    report: bool = False
    standard: bool = False  # a standard's designation ("IEEE Std 754-2019", "ISO 690:2010")
    notes: list[str] = field(default_factory=list)
