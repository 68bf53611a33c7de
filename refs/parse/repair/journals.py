"""Repairs of a journal's name and its numbers read as one span, or as something else.

The journal and its "volume(issue):pages" read as the publisher or the place, or opening a note;
a journal's short name read with its volume; a volume (a section's letter, an issue, a page, a
Vancouver run) glued to the journal's name, or a law review's volume before it; the journal read
as the title's last sentence.
"""

from __future__ import annotations

import re
from typing import Any

from refs.parse.model import Span
from refs.parse.numbers import YEAR, normalize_pages
from refs.parse.repair.numbers import _LONE_YEAR
from refs.parse.repair.spans import _Fields, joined
from refs.parse.repair.text import _title

#: a law review's volume before its name (Bluebook: "88 Notre Dame Law Review 2065 (2013)")
_LEADING_VOLUME = re.compile(r"^(\d{1,4})\s+(?=[A-Z][a-z])")


#: a journal's short name (two capitals or more) read with the volume after it: "PhPl, 4,", "MNRAS 12"
_NAME_THEN_VOLUME = re.compile(r"^(?P<name>[A-Z][^\W\d_]{0,3}[A-Z][^\W\d_]{0,3}),?\s+(?P<vol>\d{1,4}\b.*)$")


def _container_in_volume(f: _Fields) -> None:
    """Astronomy's "2013, HEDP, 9, 243" with the journal's short name read with the volume and no
    journal read: the name is the journal (not a label: "Vol. 4", "Bd. 4", "tome 4")."""
    if f.by.get("container-title") or not f.by.get("volume") or f.by.get("title") and f.by.get("publisher"):
        return
    sp = f.by["volume"][0]
    m = _NAME_THEN_VOLUME.match(sp.text)
    if not m or m.group("name").lower() in _NOT_A_JOURNAL:
        return
    a = sp.start + m.start("vol")
    f.by["container-title"] = [Span("container-title", sp.start, sp.start + m.end("name"), m.group("name"),
                                    sp.confidence)]
    f.by["volume"][0] = Span("volume", a, sp.end, m.group("vol"), sp.confidence)


_NOT_A_JOURNAL = frozenset("vol vols no nos nr pt bd bde pp".split())


#: a journal and its "volume(issue):pages" in one span: "Set-Valued Analysis, 16(2-3):281–305"
_JOURNAL_VIP = re.compile(r"^(?P<name>[^\W\d_][^()\d]{2,}?)[,.]?\s*(?P<vol>\d{1,4})\s*"
                          r"(?P<iss>\(\s*[\w/–-]{1,9}\s*\))\s*:\s*(?P<pages>\d{1,6}(?:\s*[-–]\s*\d{1,6})?)[.,;]?$")


def _journal_read_as_publisher(f: _Fields) -> None:
    """An article's journal read with its "volume(issue):pages" as the publisher or the place
    ("Set-Valued Analysis, 16(2-3):281–305", no journal, volume nor pages read): the journal,
    the volume, the issue and the pages."""
    for label in ("publisher", "location"):
        sp = (f.by.get(label) or [None])[0]
        m = _JOURNAL_VIP.match(sp.text) if sp is not None else None
        if sp is None or m is None:
            continue
        del f.by[label][0]
        if not f.by[label]:
            del f.by[label]
        for part, name in (("container-title", "name"), ("volume", "vol"), ("issue", "iss"),
                           ("pages", "pages")):
            a, b = sp.start + m.start(name), sp.start + m.end(name)
            f.by[part] = [Span(part, a, b, sp.text[m.start(name):m.end(name)], sp.confidence)]
        return


#: a journal, its volume and its page at the start of a note: "ApJL 806 L16 (Preprint …)"
_JOURNAL_NUMBERS = re.compile(r"^(?P<journal>[A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,3})\s+(?P<volume>\d{1,4})\s+"
                              r"(?P<page>[A-Z]?\d{1,6}(?:-\d{1,6})?)(?=[\s,.(]|$)")


def _journal_in_note(f: _Fields) -> None:
    """No journal and no volume, and a note that opens with a journal's name, volume and page
    ("A&A 597 A6 (Preprint 1609.07416)"): those are the journal and its numbers."""
    notes = f.by.get("note")
    if not notes or f.by.get("container-title") or f.by.get("volume") or f.by.get("pages"):
        return
    n = notes[0]
    m = _JOURNAL_NUMBERS.match(n.text)
    if not m or _YEAR_RE.fullmatch(m["volume"]):
        return
    f.by["container-title"] = [Span("container-title", n.start, n.start + m.end("journal"), m["journal"],
                                    n.confidence)]
    f.by["volume"] = [Span("volume", n.start + m.start("volume"), n.start + m.end("volume"), m["volume"],
                           n.confidence)]
    f.by["pages"] = [Span("pages", n.start + m.start("page"), n.start + m.end("page"), m["page"],
                          n.confidence)]
    rest = n.text[m.end():]
    if rest.strip(" .,;()"):
        notes[0] = Span("note", n.start + m.end(), n.end, rest, n.confidence)
    else:
        notes.pop(0)
        if not notes:
            del f.by["note"]


_YEAR_RE = re.compile(YEAR)


#: a volume with a journal section's letter before it ("B511", "A 754")
_SECTION_VOLUME = re.compile(r"([A-H])\s?(\d{1,4})")


def _volume_and_page_in_container(f: _Fields, csl: dict[str, Any], conf: dict[str, float]) -> None:
    """A journal's name, volume and page read as one span with no volume found ("ApJ, 438,L37",
    "Icarus 12, 310", "Phys. Rev., A40:1165-74, 1989" with the year after them): the numbers are
    the volume and the page (before the span can be taken for a title, which a work without
    volume would be)."""
    container = csl.get("container-title", "")
    if "volume" in csl or "page" in csl or not container[-1:].isdigit():
        return
    year = _YEAR_AFTER_NUMBERS.search(container)
    if year:
        container = container[: year.start()]
    m = _GLUED_VOLUME.search(container)
    if m and m.group(3) and m.start() > 1:
        dot = "." if container[m.start()] == "." else ""
        csl["container-title"] = _title(container[: m.start()].rstrip(" ,") + dot)
        csl["volume"] = f"{m.group(1)}{m.group(2)}"
        csl["page"] = normalize_pages(m.group(3))
        conf["volume"] = conf["page"] = conf.get("container-title", 1.0)
        if year and not f.by.get("date"):
            sp = f.by["container-title"][0]
            f.by["date"] = [Span("date", sp.end, sp.end, year.group(1), sp.confidence)]


_YEAR_AFTER_NUMBERS = re.compile(rf"(?<=\d)\s?,\s?({YEAR})$")


#: the last sentence of a title, short and capitalised: a journal's name ("… epidermis. Oncogene")
_LAST_SENTENCE = re.compile(r"(?<=[^\W\d_]{3})\.\s+([A-Z][^.?!:]{1,60})$")

_TRAILING_NUMBER = re.compile(r"(?<=[^\W\d_]{3})\s+(\d{1,4})$")

#: a journal's volume (and first page or pages) glued to its name: "JETP Lett.13",
#: "Annu. Rev. Astron. Astrophys.52,415", "Phys. Lett.B191" (a section letter and its volume),
#: "Rev.Mod.Phys.,75", "Proc.SPIE9601,14", "Phys. Rev. D, 7:2333-2346" (not "Studies 21", "Web 2.0")
_GLUED_VOLUME = re.compile(r"(?:(?<=[^\W\d_])\.\s?,?\s?|(?<=[^\W\d_]),\s?|(?<=[^\W\d_]{2}))([A-H]?)(\d{1,4})"
                           r"(?:\s?[,:]\s?([A-Za-z]?\d+(?:[-–]\d+)?))?$")


def _volume_glued_to_journal(csl: dict[str, Any]) -> None:
    """A journal's volume (a section's letter, the first page) glued to its name with no volume
    found (:data:`_GLUED_VOLUME`): the volume, and the first page too when no page or only the
    range's end was found ("…Astrophys.52 ,415 -486")."""
    m = _GLUED_VOLUME.search(csl.get("container-title", ""))
    if m and "volume" not in csl:
        name = _title(csl["container-title"][: m.start()].rstrip(" ,"))
        dot = "." if csl["container-title"][m.start():m.start() + 1] == "." else ""
        csl["container-title"] = f"{name}{dot} {m.group(1)}" if m.group(1) else name
        csl["volume"] = m.group(2)
        page = csl.get("page", "")
        if m.group(3) and (not page or page[:1] in "-–"):
            csl["page"] = normalize_pages(m.group(3) + page)


def _journal_in_title(f: _Fields, csl: dict[str, Any], conf: dict[str, float]) -> None:
    """An article's volume and pages with no journal (and no publisher read): the journal was read
    as the title's last sentence ("… in mouse epidermis. Oncogene 24, 1-9")."""
    if "container-title" not in csl and "title" in csl and not f.by.get("publisher") and csl.get("volume") \
            and csl.get("page"):
        m = _LAST_SENTENCE.search(csl["title"])
        if m and m.start() > 0:
            csl["title"], csl["container-title"] = _title(csl["title"][: m.start() + 1]), _title(m.group(1))
            conf["container-title"] = conf.get("title", 0.0)


def _section_letter_in_volume(f: _Fields, csl: dict[str, Any]) -> None:
    """Physics shorthand "Phys. Lett. B511", "Nucl. Phys. A 754": the letter names the journal's
    section, and belongs to its title ("Phys. Lett. B"), as the journals cite it (with a full stop
    before it when the span had one, not twice: "Eur. Phys. J.")."""
    m = _SECTION_VOLUME.fullmatch(csl.get("volume", ""))
    if m and csl.get("container-title") and not csl["container-title"].endswith(" " + m.group(1)):
        dot = "." if f.all("container-title").rstrip(" ,;:").endswith(".") \
            and not csl["container-title"].endswith(".") else ""
        csl["container-title"] = f"{csl['container-title']}{dot} {m.group(1)}"
        csl["volume"] = m.group(2)


def _volume_after_journal(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """ "Journal of Logic Programming 1" with no volume found: the volume read with the journal's
    name (not a year)."""
    m = _TRAILING_NUMBER.search(csl.get("container-title", ""))
    if m and "volume" not in csl and not _LONE_YEAR.fullmatch(m.group(1)):
        csl["container-title"] = csl["container-title"][: m.start()]
        csl["volume"] = m.group(1)
        conf["volume"] = conf["container-title"]


def _volume_before_journal(csl: dict[str, Any], conf: dict[str, float]) -> None:
    """A law review's volume before its name (Bluebook: "88 Notre Dame Law Review 2065 (2013)"):
    the volume; with a number read as the volume and no page, that number is the first page ("22
    Trends in Law Library Management 21 (2012)")."""
    m = _LEADING_VOLUME.match(csl.get("container-title", ""))
    if m and ("volume" not in csl or ("page" not in csl and csl["volume"].isdigit()
                                      and "issue" not in csl)):
        csl["container-title"] = csl["container-title"][m.end():]
        if "volume" in csl:
            csl["page"] = csl["volume"]
        csl["volume"] = m.group(1)
        conf["volume"] = conf["container-title"]


#: Bluebook's "VOLUME Journal Name PAGE (YEAR)" after an article's title: "160 University of
#: Pennsylvania Law Review 1853 (2012)."
_BLUEBOOK = re.compile(r"(?P<volume>\d{1,4})\s+(?P<journal>[^\W\d_][^()\d]*?[^\W\d_])\s+(?P<page>\d{1,5})"
                       r"(?:,\s*\d{1,5})?\s*\((?P<year>(?:1[5-9]|20)\d\d)\)\s*\.?$")


def _bluebook_after_title(f: _Fields) -> None:
    """A law review's volume, name, first page and year after the title ("\"Governance Property,\"
    160 University of Pennsylvania Law Review 1853 (2012).") read as publisher and date: the
    volume, the journal, the page and the date."""
    titles = f.by.get("title")
    if not titles:
        return
    after = sorted((sp for group in f.by.values() for sp in group if sp.start >= titles[0].end),
                   key=lambda sp: sp.start)
    if not after or f.by.get("container-title") and f.by.get("volume"):
        return
    base, text = joined(after)
    m = _BLUEBOOK.fullmatch(text.strip())
    if not m:
        return
    base += len(text) - len(text.lstrip())
    conf = min(sp.confidence for sp in after)
    for label in {sp.label for sp in after}:
        f.by[label] = [sp for sp in f.by[label] if sp.start < titles[0].end]
        if not f.by[label]:
            del f.by[label]
    for label, group in (("volume", "volume"), ("container-title", "journal"), ("pages", "page"),
                         ("date", "year")):
        f.by[label] = [Span(label, base + m.start(group), base + m.end(group), m.group(group), conf)]
