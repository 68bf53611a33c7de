"""The public rendering API: records in, a formatted bibliography out.

Steps: normalise the CSL-JSON items (typographic quotes, rich-text tags to markers,
name particles, dates), sort as the style says, add year suffixes (1999a, 1999b)
where the style's citations would be ambiguous, render each entry with the
engine, apply subsequent-author-substitute, then write text, HTML or Markdown.

Parsed styles are cached per (file, modification time, locale), so rendering many
lists in one process parses each style and locale once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from refs.io import clean
from refs.model import Record
from refs.render import locales as loc
from refs.render import markup as mk
from refs.render import styles as sty
from refs.render import text as tx
from refs.render.engine import DATE_VARS, NAME_VARS, VERBATIM_VARS, Engine, St

FORMATS = ("text", "html", "markdown")


class RenderError(ValueError):
    """A style, locale or format that cannot be used (the message says why)."""


@dataclass
class Entry:
    """One rendered bibliography entry: the record id and its text in each format."""

    id: str
    raw: str  # with refs' markers; see refs.render.markup
    terms: dict[str, str]

    @property
    def text(self) -> str:
        return mk.to_text(self.raw, self.terms)

    @property
    def html(self) -> str:
        return mk.to_html(self.raw, self.terms)

    @property
    def markdown(self) -> str:
        return mk.to_markdown(self.raw, self.terms)

    def format(self, fmt: str) -> str:
        return {"text": self.text, "html": self.html, "markdown": self.markdown}[fmt]


@lru_cache(maxsize=32)
def _engine(path: str, mtime: float, lang: str) -> Engine:
    return Engine(path, lang)


def get_engine(style: str, locale: str | None = None) -> Engine:
    """A (cached) engine for a style name/path and locale (the style's default when None)."""
    try:
        ref = sty.resolve(style)
    except sty.StyleNotFound as exc:
        raise RenderError(str(exc)) from None
    tag = locale or ref.default_locale or _file_default_locale(str(ref.path)) or "en-US"
    try:
        lang = loc.normalize(tag)
    except loc.LocaleNotFound as exc:
        # a tag with extensions (en-US-x-sort-ja) falls back to its language-region part
        parts = tag.replace("_", "-").split("-")
        lang = ""
        for n in (2, 1):
            try:
                lang = loc.normalize("-".join(parts[:n])) if len(parts) > n else ""
            except loc.LocaleNotFound:
                lang = ""
            if lang:
                break
        if not lang and locale is None:
            # a style's default locale with no locale file: its own cs:locale for that
            # language still applies, terms missing there come from en-US
            lang = tag
        if not lang:
            raise RenderError(str(exc)) from None
    path = str(ref.path)
    try:
        return _engine(path, os.path.getmtime(path), lang)
    except Exception as exc:  # lxml syntax errors and the like
        raise RenderError(f"{path}: not a usable CSL style: {exc}") from None


def _file_default_locale(path: str) -> str | None:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    m = re.search(rb'<style\b[^>]*?default-locale="([^"]+)"', head)
    return m.group(1).decode() if m else None


# -- item preparation -----------------------------------------------------------------

_NOCASE_RE = re.compile(r'<span class="nocase">(.*?)</span>', re.S | re.I)
_PARTICLE_RE = re.compile(
    r"^((?:[a-z\u00e0-\u00ff][\w\u00e0-\u00ff]*\.?\s+|d['\u2019]|l['\u2019]|[a-z]{1,3}-)+)(.+)$")
_ALIASES = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short"}


def _clean_string(value: str) -> str:
    value = _NOCASE_RE.sub(lambda m: tx.NOCASE[0] + m.group(1) + tx.NOCASE[1], value)
    value = mk.field_markup(value)
    return tx.smart_quotes(value)


def _parse_name(n: Any) -> dict[str, Any]:
    if isinstance(n, str):
        return {"literal": n}
    if not isinstance(n, dict):
        return {}
    n = {k: (str(v) if not isinstance(v, (bool, int)) else v) for k, v in n.items()}
    for k in ("family", "given", "literal", "suffix", "non-dropping-particle", "dropping-particle"):
        if isinstance(n.get(k), str):
            n[k] = mk.field_markup(n[k].replace("'", "\u2019").strip())
    fam = n.get("family", "")
    if fam.startswith('"') and fam.endswith('"') and len(fam) > 1:
        n["family"] = fam[1:-1]
    elif fam and "non-dropping-particle" not in n and not n.get("static-ordering"):
        m = _PARTICLE_RE.match(fam)
        if m and m.group(2)[:1].isupper():
            n["non-dropping-particle"] = m.group(1).rstrip()
            n["family"] = m.group(2)
    given = n.get("given", "")
    if "," in given and not n.get("suffix"):
        # "John, III" and "John,! Jr." (citeproc-js: a suffix after a comma; "!" keeps the comma)
        head, _, tail = given.partition(",")
        if tail.strip():
            given = n["given"] = head.strip()
            if tail.startswith("!"):
                n["comma-suffix"] = True
                tail = tail[1:]
            n["suffix"] = tail.strip()
    if given and "dropping-particle" not in n:
        m = re.match(r"^(.*?\S)\s+((?:[a-z\u00e0-\u00ff][\w\u00e0-\u00ff]*\s*)+)$", given)
        if m and m.group(1)[:1].isupper():
            n["given"] = m.group(1)
            n["dropping-particle"] = m.group(2).strip()
    if not n.get("family") and not n.get("given") and n.get("literal") is None:
        return {}
    return n


_RAW_DATE_RE = re.compile(r"^\s*(-?\d{1,4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")


def _parse_date(d: Any) -> dict[str, Any] | None:
    if isinstance(d, (int, str)) and not isinstance(d, bool):
        d = {"raw": str(d)}
    if not isinstance(d, dict):
        return None
    out = dict(d)
    parts = out.get("date-parts")
    if parts:
        clean = []
        for p in parts:
            row = []
            for x in (p or []):
                try:
                    row.append(int(x))
                except (TypeError, ValueError):
                    break
            clean.append(row)
        out["date-parts"] = [r for r in clean if r] or None
    if not out.get("date-parts"):
        raw = str(out.get("raw") or "")
        ranges = [r for r in re.split(r"\s*/\s*(?=\d{4})", raw) if r]
        found = []
        for r in ranges[:2]:
            m = _RAW_DATE_RE.match(r)
            if m:
                found.append([int(x) for x in m.groups() if x])
        if found:
            out["date-parts"] = found
        elif raw or out.get("literal"):
            out["literal"] = out.get("literal") or raw
        else:
            return None
    if out.get("circa") in ("", 0, "0", False):
        out.pop("circa")
    return out


_NOTE_VAR_RE = re.compile(r"^\s*\{?:?([A-Za-z][\w-]*):\s*(.+?)\}?\s*$")


def _note_variables(item: dict[str, Any]) -> dict[str, Any]:
    """Variables written as ``name: value`` lines in ``note`` (Zotero's Extra field
    convention, which citeproc-js honours), for variables the item lacks."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    extra: dict[str, Any] = {}
    for line in note.splitlines():
        m = _NOTE_VAR_RE.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key in item or key in ("id", "type"):
            continue
        if key in DATE_VARS:
            extra[key] = {"raw": value}
        elif key in NAME_VARS:
            fam, _, given = value.partition("||")
            extra.setdefault(key, []).append({"family": fam.strip(), "given": given.strip()}
                                             if given else {"literal": fam.strip()})
        elif re.fullmatch(r"[a-z][a-z-]*|DOI|ISBN|ISSN|URL|PMID|PMCID", key):
            extra[key] = value
    if not extra:
        return item
    return {**item, **extra}


def prepare(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item ready for the engine (never mutates the input)."""
    out: dict[str, Any] = {}
    item = _note_variables(item)
    for key, value in item.items():
        key = _ALIASES.get(key, key)
        if value is None or value == "" or value == []:
            continue
        if key in NAME_VARS:
            if isinstance(value, list):
                names = [n for n in (_parse_name(x) for x in value) if n]
                if names:
                    out[key] = names
        elif key in DATE_VARS:
            d = _parse_date(value)
            if d:
                out[key] = d
        elif key in ("id", "type", "language", "custom") or key in VERBATIM_VARS:
            out[key] = value if key in ("custom",) else str(value)
        elif isinstance(value, (str, int, float)):
            out[key] = _clean_string(str(value))
    # an item without a type stays without one: no type condition matches it (citeproc-js)
    if "citation-label" not in out:
        label = _citation_label(out)
        if label:
            out["citation-label"] = label
    return out


def _citation_label(item: dict[str, Any]) -> str:
    """citeproc-js's generated label (trigraph ``Aaaa00:AaAa00:AaAA00:AAAA00``):
    letters of the first authors' family names and the year's last two digits."""
    people = next((item[v] for v in ("author", "editor", "translator") if item.get(v)), [])
    fams = [mk.strip(p.get("family") or p.get("literal") or "") for p in people]
    fams = [re.sub(r"\W", "", f) for f in fams if f]
    widths = {1: [4], 2: [2, 2], 3: [2, 1, 1]}.get(len(fams), [1, 1, 1, 1])
    head = "".join(f[:w] for f, w in zip(fams, widths, strict=False))
    year = ""
    d = item.get("issued")
    if d and d.get("date-parts"):
        year = str(d["date-parts"][0][0])[-2:]
    return head + year if head else ""


def _item_of(rec: Record | dict[str, Any]) -> dict[str, Any]:
    return rec.to_csl() if isinstance(rec, Record) else dict(rec)


# -- rendering -------------------------------------------------------------------------

def render_entries(records: Iterable[Record | dict[str, Any]], style: str = "apa",
                   locale: str | None = "en-US") -> list[Entry]:
    """The bibliography as :class:`Entry` objects, in the style's order."""
    eng = get_engine(style, locale)
    items = [prepare(_item_of(r)) for r in records]
    if eng.bib is None and eng.cit is None:
        raise RenderError(f"style {style!r} has neither a bibliography nor a citation layout")
    if eng.bib is None:
        # a note style without a bibliography: each item as its first (full) note
        return _citation_entries(eng, items)
    from refs.render.cite import Document

    doc = Document(style=style, locale=locale)
    doc.register(items, prepared=True)
    return doc.bibliography_entries()


def bibliography_of(eng: Engine, items: list[dict[str, Any]], suffixes: dict[int, str],
                    added: dict[int, int], disamb: set[int] | None = None,
                    order: list[int] | None = None) -> list[Entry]:
    """The bibliography of prepared ``items`` with the year suffixes and added names
    that the citations' disambiguation decided (by item index); ``order``: the
    bibliography's order when already known."""
    if eng.bib is None:
        return _citation_entries(eng, items)
    if order is None:
        order = eng.sort(items)
    layout = eng.bib.find("{http://purl.org/net/xbiblio/csl}layout")
    sas = eng.subsequent_author_substitute
    raw: list[tuple[int, str]] = []
    prev = None
    for pos, i in enumerate(order):
        st = St(item=items[i], number=pos + 1, year_suffix=suffixes.get(i, ""),
                mark_names=sas is not None, prev_names=prev, add_names=added.get(i, 0),
                disamb=bool(disamb and i in disamb))
        text = layout.r(st) if layout is not None else None
        # an entry without names to compare (or left out of the substitution) keeps the
        # previous entry's, as citeproc-js's last_rendered_name does
        if st.names_seen is not None:
            prev = st.names_seen
        if text:
            raw.append((i, text))
    if eng.piq:
        raw = [(i, tx.punctuation_in_quote(t)) for i, t in raw]
    return [Entry(str(items[i].get("id", "")), t, eng.quote_terms) for i, t in raw]


def _citation_entries(eng: Engine, items: list[dict[str, Any]]) -> list[Entry]:
    layout = eng.cit.find("{http://purl.org/net/xbiblio/csl}layout")
    out = []
    for pos, item in enumerate(items):
        text = layout.r(St(item=item, area="citation", number=pos + 1)) if layout is not None else None
        if text:
            if eng.piq:
                text = tx.punctuation_in_quote(text)
            out.append(Entry(str(item.get("id", "")), text, eng.quote_terms))
    return out


def bibliography(entries: list[Entry], fmt: str = "text") -> str:
    """Join rendered entries in a format: lines for text/markdown, csl-bib-body for html."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})")
    if fmt == "html":
        out = mk.html_bibliography([e.html for e in entries])
    else:
        lines = [e.format(fmt) for e in entries]
        out = "\n".join(lines) + ("\n" if lines else "")
    # no control character, lone surrogate or marker of refs' own reaches the output
    return clean.for_output(out)


def render(records: Iterable[Record | dict[str, Any]], style: str = "apa", locale: str | None = "en-US",
           format: str = "text") -> str:
    """The formatted bibliography of ``records`` in a CSL ``style`` and ``locale``.

    ``style`` is a short name (``apa``, ``chicago-author-date``), an alias (``mla``,
    ``chicago``, ``harvard``, ``vancouver``, ``ieee``) or a path to a ``.csl`` file;
    ``format`` is ``text`` (one entry per line), ``html`` or ``markdown``.
    """
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r} (choose {', '.join(FORMATS)})")
    return bibliography(render_entries(records, style, locale), format)
