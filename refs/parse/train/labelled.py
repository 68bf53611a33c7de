"""Rendering with field spans: refs' CSL engine, told to mark where each variable lands.

While :func:`render_labelled` runs, the engine's rendering elements (``cs:text`` and
``cs:number`` with a variable, ``cs:date``, each list of names, and ``cs:label``) wrap what
they output in a pair of private-use characters naming the variable (plane-15 characters,
which nothing else in refs uses). The wrapped text then goes through the engine as usual:
the markers are declared invisible to its punctuation merging, text-case splitting and
punctuation-in-quote passes, exactly like the engine's own formatting markers. Each entry
is rendered a second time without the markers, and only entries whose marked rendering,
markers removed, equals the plain one are kept: a span can never be off by what the engine
did around it (initials, title case, quotes, merged punctuation).

:func:`segments` turns the character spans into whitespace-aligned ``[label, text]``
segments with AnyStyle's conventions: cue words and labels go with their field ("pp.",
"(Eds.)", "In"), punctuation after a field stays with it, opening brackets go with the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from refs.render import api
from refs.render import engine as eng_mod
from refs.render import markup as mk
from refs.render import text as tx

#: CSL variable → training label (the label set of ``refs.parse.labels``).
VARIABLE_LABELS: dict[str, str] = {
    "author": "author",
    "composer": "author",
    "interviewer": "author",
    "director": "author",
    "editor": "editor",
    "container-author": "editor",
    "collection-editor": "editor",
    "editorial-director": "editor",
    "editortranslator": "editor",
    "translator": "translator",
    "title": "title",
    "title-short": "title",
    "container-title": "container-title",
    "container-title-short": "container-title",
    "event": "container-title",
    "event-title": "container-title",
    "collection-title": "collection-title",
    "collection-number": "collection-title",
    "volume": "volume",
    "number-of-volumes": "volume",
    "issue": "issue",
    "page": "pages",
    "page-first": "pages",
    "number-of-pages": "pages",
    "issued": "date",
    "original-date": "date",
    "year-suffix": "date",
    "edition": "edition",
    "publisher": "publisher",
    "original-publisher": "publisher",
    "publisher-place": "location",
    "event-place": "location",
    "original-publisher-place": "location",
    "genre": "genre",
    "number": "number",
    "chapter-number": "number",
    "report-number": "number",
    "DOI": "doi",
    "ISBN": "isbn",
    "URL": "url",
    "accessed": "accessed",
    "note": "note",
    "annote": "note",
    "medium": "note",
    "archive": "note",
    "archive_location": "note",
    "status": "note",
    "references": "note",
    "citation-number": "citation-number",
    "citation-label": "citation-number",
}

_BASE = 0xF0000
_VARS: list[str] = []
_OPEN: dict[str, str] = {}
_CLOSE: dict[str, str] = {}
_CHAR_VAR: dict[str, tuple[str, bool]] = {}  # marker → (variable, is_open)


def _marker_pair(var: str) -> tuple[str, str]:
    if var not in _OPEN:
        k = len(_VARS)
        _VARS.append(var)
        a, b = chr(_BASE + 2 * k), chr(_BASE + 2 * k + 1)
        _OPEN[var], _CLOSE[var] = a, b
        _CHAR_VAR[a], _CHAR_VAR[b] = (var, True), (var, False)
    return _OPEN[var], _CLOSE[var]


for _v in VARIABLE_LABELS:
    _marker_pair(_v)
_MARK_RANGE = f"{chr(_BASE)}-{chr(_BASE + 0xFF)}"
_MARK_RE = re.compile(f"[{_MARK_RANGE}]")
_ALL = "".join(chr(_BASE + i) for i in range(0x100))
_CLOSERS = "".join(chr(_BASE + 2 * i + 1) for i in range(0x80))


def _wrap(var: str, text: str | None) -> str | None:
    if not text:
        return text
    a, b = _marker_pair(var)
    return a + text + b


@contextmanager
def _marking() -> Iterator[None]:
    """Patch the engine's rendering elements and the text helpers for marked output
    (restored on exit, also on errors)."""
    saved: list[tuple[Any, str, Any]] = []

    def patch(obj: Any, name: str, value: Any) -> None:
        saved.append((obj, name, getattr(obj, name)))
        setattr(obj, name, value)

    def var_elem(cls: type, var_of: Callable[[Any], str | None]) -> None:
        orig = cls.r

        def r(self: Any, st: eng_mod.St, *args: Any, **kw: Any) -> str | None:
            out = orig(self, st, *args, **kw)
            if not out or st.sort:
                return out
            var = var_of(self)
            return _wrap(var, out) if var else out

        patch(cls, "r", r)

    var_elem(eng_mod.Text, lambda self: self.var)
    var_elem(eng_mod.Number, lambda self: self.a.get("variable"))
    var_elem(eng_mod.Date, lambda self: self.var)

    label_orig = eng_mod.Label.r

    def label_r(
        self: Any, st: eng_mod.St, variable: str | None = None, plural: bool | None = None
    ) -> str | None:
        out = label_orig(self, st, variable, plural)
        if not out or st.sort:
            return out
        var = variable or self.a.get("variable", "")
        return _wrap(var.split()[0], out) if var else out

    patch(eng_mod.Label, "r", label_r)

    names_orig = eng_mod.Name.names

    def names(self: Any, people: list[dict[str, Any]], st: eng_mod.St, parent: Any, etal_el: Any) -> str:
        out = names_orig(self, people, st, parent, etal_el)
        if not out or st.sort:
            return out
        var = next((v for v in parent.vars if st.item.get(v) is people), None)
        return _wrap(var, out) if var else out  # type: ignore[return-value]

    patch(eng_mod.Name, "names", names)

    # the markers are invisible formatting for the text helpers, like the engine's own
    invisible = set(_ALL)
    added = invisible - tx._INVISIBLE
    tx._INVISIBLE.update(added)
    split_src = tx._SPLIT_RE.pattern
    patch(tx, "_SPLIT_RE", re.compile(split_src[:-2] + _MARK_RANGE + "])"))
    patch(tx, "_PIQ_RE", re.compile(f"((?:{tx._CLOSE}[{re.escape(mk.FORMAT_CLOSERS)}{_CLOSERS}]*)+)([.,])"))
    try:
        yield
    finally:
        tx._INVISIBLE.difference_update(added)
        for obj, name, value in reversed(saved):
            setattr(obj, name, value)


def strip(text: str) -> str:
    return _MARK_RE.sub("", text)


def _norm(text: str) -> str:
    return " ".join(text.split())


def spans(marked: str) -> tuple[str, list[str | None]]:
    """The whitespace-normalised text of a marked rendering and, per character, the
    variable of the innermost span holding it (None between spans)."""
    chars: list[str] = []
    labels: list[str | None] = []
    stack: list[str] = []
    for ch in marked:
        hit = _CHAR_VAR.get(ch)
        if hit is not None:
            var, is_open = hit
            if is_open:
                stack.append(var)
            elif stack and stack[-1] == var:
                stack.pop()
            elif var in stack:
                del stack[len(stack) - 1 - stack[::-1].index(var)]
            continue
        if ch.isspace():
            if not chars or chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        labels.append(stack[-1] if stack else None)
    while chars and chars[-1] == " ":
        chars.pop()
        labels.pop()
    return "".join(chars), labels


def render_labelled(
    items: list[dict[str, Any]], style: str, locale: str | None
) -> list[tuple[str, str, list[str | None]]]:
    """(item id, text, per-character variable) for each entry whose spans are exact.

    Raises :class:`refs.render.RenderError` for an unusable style or locale."""
    plain = {e.id: _norm(e.text) for e in api.render_entries(items, style, locale)}
    with _marking():
        marked = api.render_entries(items, style, locale)
    out = []
    for e in marked:
        text, labels = spans(e.text)
        if text != plain.get(e.id):
            continue  # the markers changed the rendering: drop rather than guess
        out.append((e.id, text, labels))
    return out


# -- character spans → whitespace-aligned segments -------------------------------------

#: Terms that close the field before them: "2nd ed.", "3 vols.", "(Hrsg.)"; page-count
#: terms only after a number ("159 p.", "245 S.", "640 с.").
_CLOSING_TERMS = frozenset("ed eds edn éd éds aufl auflage изд vols bde hrsg hg".split())
_COUNT_TERMS = frozenset("p pp s с σ σελ seiten стр".split())


def _wordlike(ch: str) -> bool:
    """Letters, digits and letter-like symbols ("№", "§") make a word; punctuation does not."""
    return ch.isalnum() or unicodedata.category(ch) == "So"


def _closes(before: str, tok: str) -> bool:
    word = re.sub(r"[^\w]", "", tok).lower()
    if tok[:1] in _OPENING or not before[-1:].isalnum():
        return False
    return word in _CLOSING_TERMS or (word in _COUNT_TERMS and before.isdigit())


_OPENING = set("([{«“„‘‹<\"'¿¡")


def segments(text: str, labels: list[str | None], label_of: dict[str, str] | None = None) -> list[list[str]]:
    """Whitespace tokens of ``text`` grouped into ``[label, text]`` segments.

    A token takes the label most of its letters and digits carry (a token holding a
    volume is volume, as AnyStyle labels "2005;12(3):45-67"). Tokens outside every
    span take the label of the next field (cue words such as "In", "Retrieved from",
    opening brackets), except bracketed words ("[Internet]") and punctuation, which stay
    with the field before; words between an access date and a URL go with the date, and
    other words before a URL or DOI are a note, as in AnyStyle's data."""
    label_of = label_of if label_of is not None else VARIABLE_LABELS
    toks: list[tuple[str, str | None]] = []
    for m in re.finditer(r"\S+", text):
        counts: dict[str, int] = {}
        for i in range(m.start(), m.end()):
            v = labels[i] if i < len(labels) else None
            if v is not None and _wordlike(text[i]):
                lab = label_of.get(v, "other")
                counts[lab] = counts.get(lab, 0) + 1
        if "volume" in counts:
            best: str | None = "volume"
        elif counts:
            best = max(counts, key=lambda k: counts[k])
        else:
            best = None  # cue words outside spans and punctuation-only tokens: decided below
        toks.append((m.group(0), best))
    n = len(toks)
    out_labels: list[str | None] = [lab for _, lab in toks]
    i = 0
    while i < n:
        if out_labels[i] is not None:
            i += 1
            continue
        j = i
        while j < n and out_labels[j] is None:
            j += 1
        prev = out_labels[i - 1] if i > 0 else None
        nxt = out_labels[j] if j < n else None
        run = [t for t, _ in toks[i:j]]
        words = [any(_wordlike(c) for c in t) for t in run]
        for k, tok in enumerate(run):
            later_word = any(words[k + 1 :])
            if nxt is None or prev is None:
                lab = prev or nxt
            elif k > 0 and out_labels[i + k - 1] != prev:
                lab = out_labels[i + k - 1]  # once a run has moved on to the next field, it stays there
            elif prev == nxt and not any(words):
                lab = prev  # "&" between two authors, "–" inside a page range
            elif words[k] and k == 0 and _closes(toks[i - 1][0], tok):
                lab = prev  # a term closing the field before: "7th ed. New Haven", "2 vols.", "159 p."
            elif nxt in ("url", "doi", "isbn") and re.sub(r"\W", "", tok).lower() in (
                "url",
                "doi",
                "isbn",
                "urn",
            ):
                lab = nxt  # "URL:", "doi:", "ISBN" go with the identifier, as AnyStyle labels them
            elif nxt in ("url", "doi") and (words[k] or later_word):
                lab = "note"  # "Retrieved from", "[Online]. Available:"
            elif words[k]:
                bracketed = tok.startswith("[") and tok.rstrip(".,;:").endswith("]")
                lab = prev if bracketed and not later_word else nxt
            elif later_word:
                lab = nxt if k > 0 and words[k - 1] else (nxt if tok[0] in _OPENING else prev)
            else:
                lab = nxt if (tok[0] in _OPENING or tok == "//") else prev
            out_labels[i + k] = lab
        i = j
    segs: list[list[str]] = []
    for (tok, _), lab in zip(toks, out_labels, strict=True):
        lab = lab or "other"
        if segs and segs[-1][0] == lab:
            segs[-1][1] += " " + tok
        else:
            segs.append([lab, tok])
    return segs
