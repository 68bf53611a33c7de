"""The CSL engine: citeproc-py's style tree with refs' rendering on top.

citeproc-py parses the style into lxml element classes (``citeproc.model``). refs
plugs its own subclasses of those classes into the same XML lookup and overrides
how they render, because the stock methods miss behaviour citeproc-js (the
reference processor inside Zotero) has: punctuation inside quotes, suppression of
substituted variables, ``initialize="false"``, particle demotion when sorting,
title case on hyphenated words, second-field-align and display divs, year
suffixes, subsequent-author-substitute, typographic apostrophes, HTML escaping and
sort order. The subclasses also precompute what citeproc-py looks up with XPath
for every item (inherited options, macros, terms), which is most of its run time.

Rendering produces text with the markers of :mod:`refs.render.markup`; the caller
turns it into plain text, HTML or Markdown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from citeproc import model
from lxml import etree

from refs.render import initials
from refs.render import markup as mk
from refs.render import text as tx
from refs.render.terms import NS, Locale

NAME_VARS = frozenset([
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editor-translator", "editorial-director", "executive-producer",
    "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator",
])
DATE_VARS = frozenset(["accessed", "available-date", "event-date", "issued", "original-date",
                       "submitted", "container"])
NUMBER_VARS = frozenset([
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume",
])
#: variables whose values are identifiers: no quote or case processing
VERBATIM_VARS = frozenset(["URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "call-number", "id"])

# Roman numerals count only in lower case: citeproc-js reads "IV" or "D" as text.
_NUMERIC_RE = re.compile(r"^\s*(?:[a-z]{0,3}\d+[a-z]{0,3}|(?-i:[ivxlcdm]+))"
                         r"(?:\s*(?:[-\u2013,&]|and)\s*(?:[a-z]{0,3}\d+[a-z]{0,3}|(?-i:[ivxlcdm]+)))*\s*$",
                         re.I)
_RANGE_RE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_LEADING_RANGE_RE = re.compile(r"^(\d+)-(\d+)(?=\s|,|$)")
_EMBEDDED_LABEL_RE = re.compile(r",\s*[^\W\d]+\.\s")
_ONE_NAME_RE = re.compile(re.escape(mk.NAME_OPEN) + "(.*?)" + re.escape(mk.NAME_CLOSE), re.S)
# citeproc-js's test for "romanesque" (space-separated, Western-ordered) name scripts
_ROMANESQUE = ("-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
               "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e")
_ROMANESQUE_RE = re.compile(f"[{_ROMANESQUE}]")
_STARTS_ROMANESQUE_RE = re.compile(f"^[&{_ROMANESQUE.replace('-0-9', '')}]")


def _romanesque(family: str, given: str) -> int:
    """citeproc-js's ``_isRomanesque``: 2 for a Western name; 0 when the family name
    has no letter of those scripts (CJK: family and given written together, no
    initials); 1 when only the given name starts with one (family, space, given,
    in that order whatever the style asks)."""
    if _ROMANESQUE_RE.search(mk.strip(family).replace('"', "")):
        return 2
    return 1 if given and _STARTS_ROMANESQUE_RE.match(mk.strip(given)) else 0


@dataclass
class St:
    """Per-item render state."""

    item: dict[str, Any]
    area: str = "bibliography"  # "bibliography" | "citation"
    sort: bool = False  # rendering a sort key: names inverted, dates/numbers as keys, no markup
    name_opts: dict[str, Any] | None = None  # names-min etc. from a sort key
    repressed: set[str] = field(default_factory=set)
    called: int = 0
    rendered: int = 0
    number: int = 0
    year_suffix: str = ""
    mark_names: bool = False  # apply subsequent-author-substitute to the first cs:names
    names_marked: bool = False
    prev_names: tuple[str, list[str]] | None = None  # the previous entry's first names
    names_seen: tuple[str, list[str]] | None = None  # this entry's, for the next one
    substituting: int = 0  # inside cs:substitute: variables are suppressed once rendered
    year_suffix_done: bool = False
    emitted: bool = False  # something has rendered in this entry (citeproc-js's term_predecessor)
    dates_only: bool = False  # a sort key from a macro holding a cs:date: only dates count
    add_names: int = 0  # names shown at least (disambiguate-add-names), when truncated
    # -- citations (refs.render.cite) --
    position: str = "first"  # first | subsequent | ibid | ibid-with-locator
    near_note: bool = False
    disamb: bool = False  # the disambiguate="true" condition holds
    # given-name expansion (disambiguate-add-givenname) per person (name_key): 1 initials, 2 full
    given_levels: dict[str, int] | None = None
    givens_primary: bool = False  # primary-name rules: only a cite's first name is expanded
    cite_first: bool = True  # the cite opens its citation (or follows a sentence-ending prefix)
    suppress_author: bool = False
    author_only: bool = False
    author_done: bool = False
    author_text: str | None = None


# -- base behaviour shared by every refs element -----------------------------------------

class Node:
    """Mixin: formatting, affixes, display, text-case, children rendering."""

    eng: Engine

    def prep(self, eng: Engine) -> None:
        self.eng = eng
        self.a = dict(self.attrib)
        self.kids = [c for c in self if isinstance(c, Node)]
        self.fmt = [(k, v) for k, v in self.a.items() if k in _FORMAT_ATTRS]
        # locale terms are title-cased whatever the item's language (citeproc-js)
        self.is_term = isinstance(self, Label) or "term" in self.a

    def r(self, st: St) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def decorate(self, text: str | None, st: St, case: bool = True, affixes: bool = True) -> str | None:
        """strip-periods, text-case, font formatting, quotes, affixes, display."""
        if not text:
            return None
        st.emitted = True
        a = self.a
        if st.sort:
            return text
        if a.get("strip-periods") == "true":
            text = text.replace(".", "")
        tc = a.get("text-case")
        if tc and case:
            text = self.eng.case(text, tc, st, self.is_term)
        for k, v in self.fmt:
            pair = _FORMAT_ATTRS[k].get(v)
            if pair:
                text = pair[0] + text + pair[1]
        if a.get("quotes") == "true":
            text = mk.QUOTE[0] + text + mk.QUOTE[1]
        if affixes:
            text = tx.affix(text, a.get("prefix", ""), a.get("suffix", ""))
        disp = a.get("display")
        if disp in mk.DISPLAY_KINDS and st.area == "bibliography":
            text = mk.DISPLAY_OPEN + mk.DISPLAY_KINDS[disp] + text + mk.DISPLAY_CLOSE
        return text

    def parts(self, st: St) -> list[str]:
        """Rendered children; a cs:choose is transparent, so its branch's children
        join the list (the enclosing delimiter applies between them)."""
        out: list[str] = []
        for c in self.kids:
            if isinstance(c, Choose):
                out.extend(c.branch_parts(st))
            else:
                t = c.r(st)
                if t:
                    out.append(t)
        return out

    def children(self, st: St, delimiter: str = "") -> str | None:
        parts = self.parts(st)
        return tx.join(parts, delimiter) if parts else None


_FORMAT_ATTRS: dict[str, dict[str, tuple[str, str]]] = {
    "font-style": {"italic": mk.ITALIC, "oblique": mk.OBLIQUE, "normal": mk.NORMAL_STYLE},
    "font-weight": {"bold": mk.BOLD, "normal": mk.NORMAL_WEIGHT},
    "font-variant": {"small-caps": mk.SMALLCAPS, "normal": mk.NORMAL_VARIANT},
    "text-decoration": {"underline": mk.UNDERLINE},
    "vertical-align": {"sup": mk.SUP, "sub": mk.SUB, "baseline": mk.BASELINE},
}


class Style(model.Style, Node):
    def r(self, st: St) -> str | None:
        return None


class Info(model.CitationStylesElement, Node):
    def r(self, st: St) -> str | None:
        return None


class Macro(model.Macro, Node):
    def r(self, st: St) -> str | None:
        return self.children(st)


class Layout(model.Layout, Node):
    def r(self, st: St) -> str | None:
        delim = self.a.get("delimiter", "") if st.area == "citation" else ""
        if st.area == "bibliography" and self.eng.second_field_align and not st.sort:
            parts = [t for t in (c.r(st) for c in self.kids) if t]
            if not parts:
                return None
            first = tx.affix(parts[0], self.a.get("prefix", ""), "")
            rest = tx.affix(tx.join(parts[1:]), "", self.a.get("suffix", ""))
            out = mk.DISPLAY_OPEN + "l" + first + mk.DISPLAY_CLOSE
            if rest:
                out += mk.DISPLAY_OPEN + "r" + rest + mk.DISPLAY_CLOSE
            return out
        text = self.children(st, delim)
        return self.decorate(text, st) if text else None


class Text(model.Text, Node):
    def prep(self, eng: Engine) -> None:
        super().prep(eng)
        self.var = self.a.get("variable")
        self.macro = eng.macros.get(self.a.get("macro", "")) if "macro" in self.a else None
        # a literal value is rich text: its tags format, its quotes and apostrophes become
        # typographic (citeproc-js)
        value = self.a.get("value", "")
        if "<" in value:
            value = mk.field_markup(value)
        self.value = tx.smart_quotes(value) if "'" in value or '"' in value else value

    def r(self, st: St) -> str | None:
        a = self.a
        if self.var is not None:
            text = self.eng.variable_text(self.var, st, a.get("form", "long"), self)
        elif self.macro is not None:
            # a macro call behaves like a cs:group (citeproc-js): suppressed when it calls
            # variables and all are empty, and counted as content when it renders
            c0, r0 = st.called, st.rendered
            text = self.macro.r(st)
            if st.called > c0 and st.rendered == r0:
                text = None
            if text:
                st.rendered += 1
            # citeproc-js ignores text-case on a macro call; so does refs, to match it
            return self.decorate(text, st, case=False)
        elif "term" in a:
            text = self.eng.locale.term(a["term"], a.get("form", "long"), a.get("plural") == "true")
            # a term that is the first thing an entry renders is capitalised ("N.d.",
            # "No date"), as citeproc-js does everywhere but in-text citations
            if text and not st.emitted and not (st.area == "citation" and (self.eng.in_text
                                                                           or not st.cite_first)):
                text = tx.capitalize_first(text)
        elif "value" in a:
            text = self.value
        else:
            text = None
        return self.decorate(text, st)


class Number(model.Number, Node):
    def r(self, st: St) -> str | None:
        var = self.a.get("variable", "")
        st.called += 1
        if var in st.repressed:
            return None
        value = st.item.get(var)
        if value in (None, ""):
            return None
        st.rendered += 1
        if st.substituting:
            st.repressed.add(var)
        value = str(value)
        if st.sort:
            return _number_sort_key(value)
        form = self.a.get("form", "numeric")
        if var in ("page", "page-first"):
            text = self.eng.page(value, var == "page-first")
        else:
            text = self.eng.format_number(value, form, var)
        return self.decorate(text, st)


class Label(model.Label, Node):
    def r(self, st: St, variable: str | None = None, plural: bool | None = None) -> str | None:
        var = variable or self.a.get("variable", "")
        if variable is None and var == "locator":
            # the cite's locator, labelled by the cite's label (a page when none)
            value = st.item.get("locator")
            if value in (None, ""):
                return None
            variable = str(st.item.get("label") or "page")
            var = variable
            # the part before an embedded label decides ("367-368, fig. 333": pages)
            head = _EMBEDDED_LABEL_RE.split(str(value))[0]
            plural = _is_plural("locator", self.eng.and_words_re.sub(", ", head))
        elif variable is None:
            # An empty variable's label still renders (singular), as in citeproc-js:
            # the enclosing group's variables decide whether it shows (Harvard's
            # "(3 vol)" labels number-of-volumes with variable="volume").
            value = st.item.get(var)
            plural = False if value in (None, "") else _is_plural(var, value)
        po = self.a.get("plural", "contextual")
        if po == "always":
            plural = True
        elif po == "never":
            plural = False
        term = self.eng.locale.term(var, self.a.get("form", "long"), bool(plural))
        if not term:
            return None
        # a cs:label of a variable is part of a macro's sort key in citeproc-js
        # ("Version 3" sorts under V); only name labels are dropped (see Names.r)
        if variable is None and st.item.get(var) in (None, ""):
            # the label of an empty variable is not something the entry rendered yet:
            # a term after it is still first ("(N.d.)" in APA)
            emitted = st.emitted
            out = self.decorate(term, st)
            st.emitted = emitted
            return out
        return self.decorate(term, st)


_PAGE_PREFIX_RE = re.compile(r"^([0-9]*[a-zA-Z]+0*)?([0-9]+)$")
_JOINER_RE = re.compile(r"\s+&\s+|\s+and\s+|;\s+|,\s+|\s*[-\u2013]+\s*")


def _is_numeric(var: str, value: Any) -> bool:
    """citeproc-js's is-numeric: a number, or a list or range of numbers in which
    every piece after the first starts with a digit ("800-82 Rev. 2", "3 and 4")."""
    if value is None:
        return False
    s = str(value)
    if _NUMERIC_RE.match(s):
        return True
    parts = _JOINER_RE.split(s.strip())
    return (not var.startswith("number-of") and len(parts) > 1 and parts[0].isdigit()
            and all(re.match(r"\d", p) for p in parts[1:]))


def _is_plural(var: str, value: Any) -> bool:
    s = str(value)
    if not _NUMERIC_RE.match(s):
        # citeproc-js splits on range and list joiners: plural when the first piece
        # is a plain number and every other one starts with a digit (parseInt), as
        # in "106-154.2" ("pp.")
        parts = _JOINER_RE.split(s.strip())
        return (not var.startswith("number-of") and len(parts) > 1 and parts[0].isdigit()
                and all(re.match(r"[+-]?\d", p) or re.fullmatch(r"[ivxlcm]+", p, re.I) for p in parts[1:]))
    if var.startswith("number-of"):
        try:
            return int(s) > 1
        except ValueError:
            return False
    return bool(re.search(r"\d\s*(?:[-\u2013,&]|and)\s*\S", s))


class Group(model.Group, Node):
    def r(self, st: St) -> str | None:
        c0, r0 = st.called, st.rendered
        text = self.children(st, self.a.get("delimiter", ""))
        if st.called > c0 and st.rendered == r0:
            return None
        if not text:
            return None
        # a non-empty nested group counts as rendered content for its parent (citeproc-js
        # keeps "[Online]" beside an empty "Accessed" group)
        st.rendered += 1
        return self.decorate(text, st)


class Choose(model.Choose, Node):
    def branch_parts(self, st: St) -> list[str]:
        for c in self.kids:
            if isinstance(c, Else) or c.test(st):
                return c.parts(st)
        return []

    def r(self, st: St) -> str | None:
        parts = self.branch_parts(st)
        return tx.join(parts) if parts else None


class If(model.If, Node):
    def prep(self, eng: Engine) -> None:
        super().prep(eng)
        self.match = self.a.get("match", "all")
        self.tests = [(k, v.split()) for k, v in self.a.items()
                      if k in ("type", "variable", "is-numeric", "is-uncertain-date", "locator",
                               "position", "disambiguate")]

    def test(self, st: St) -> bool:
        item = st.item
        results: list[bool] = []
        for kind, values in self.tests:
            if kind == "type":
                # an item has one type: several types in one test mean "one of these"
                # even with match="all" (as citeproc-js reads them)
                hits = [item.get("type") == v for v in values]
                results.append(any(hits) if self.match == "all" else False)
                if self.match != "all":
                    results[-1:] = hits
                continue
            for v in values:
                if kind == "type":
                    results.append(item.get("type") == v)
                elif kind == "variable":
                    results.append(self.eng.has_var(item, v, st))
                elif kind == "is-numeric":
                    results.append(_is_numeric(v, item.get(v)))
                elif kind == "is-uncertain-date":
                    d = item.get(v)
                    results.append(bool(isinstance(d, dict) and d.get("circa")))
                elif kind == "disambiguate":
                    results.append(st.disamb if v == "true" else not st.disamb)
                elif kind == "position":
                    results.append(st.area == "citation" and _position_test(st, v))
                elif kind == "locator":
                    results.append(bool(item.get("locator")) and
                                   item.get("label", "page").replace(" ", "-") == v.replace(" ", "-"))
                else:
                    results.append(False)
        if not results:
            return True
        if self.match == "any":
            return any(results)
        if self.match == "none":
            return not any(results)
        return all(results)


def _position_test(st: St, v: str) -> bool:
    pos = st.position
    if v == "first":
        return pos == "first"
    if v == "subsequent":
        return pos != "first"
    if v == "ibid":
        return pos in ("ibid", "ibid-with-locator")
    if v == "ibid-with-locator":
        return pos == "ibid-with-locator"
    if v == "near-note":
        return pos != "first" and st.near_note
    return False


class Else_If(If):
    pass


class Else(model.Else, Node):
    def test(self, st: St) -> bool:
        return True


class Date(model.Date, Node):
    def prep(self, eng: Engine) -> None:
        super().prep(eng)
        self.var = self.a.get("variable", "")
        self.form = self.a.get("form")
        parts = self.a.get("date-parts", "year-month-day")
        self.show = parts.split("-")
        self.parts = [c for c in self.kids if isinstance(c, Date_Part)]

    def r(self, st: St) -> str | None:
        st.called += 1
        if self.var in st.repressed:
            return None
        d = st.item.get(self.var)
        if not d:
            return None
        shown = set(self.show) if self.form else {p.a.get("name") for p in self.parts}
        if d.get("literal") and not d.get("date-parts") and "year" not in shown:
            # citeproc-js renders a literal date in the place of its year: a date
            # showing month and day only shows nothing (no "in press" twice)
            return None
        if st.sort:
            first = (d.get("date-parts") or [[]])[0]
            if first and not any(n in shown and len(first) > k
                                 for k, n in enumerate(("year", "month", "day"))):
                # a month-day date of a year-only date shows nothing, so the group
                # around it fails in the sort key too (citeproc-js)
                return None
        st.rendered += 1
        if st.substituting:
            st.repressed.add(self.var)
        if st.sort:
            key = _date_sort_key(d, shown)
            return _DATE_KEY[0] + key + _DATE_KEY[1] if st.dates_only else key
        if d.get("literal"):
            return self.decorate(d["literal"], st)
        if self.form:
            loc = self.eng.locale.dates.get(self.form)
            if loc is None:
                return None
            parts = self.eng.localized_parts(self, loc)
            delimiter = loc.get("delimiter", "")
        else:
            parts = [(p.a.get("name", ""), p.a) for p in self.parts]
            delimiter = self.a.get("delimiter", "")
        parts = [(n, a) for n, a in parts if n in self.show] if self.form else parts
        text = self.eng.render_date(d, parts, delimiter, st)
        if not text:
            return None
        return self.decorate(text, st)


class Date_Part(model.Date_Part, Node):
    def r(self, st: St) -> str | None:
        return None


class Names(model.Names, Node):
    def prep(self, eng: Engine) -> None:
        super().prep(eng)
        self.vars = self.a.get("variable", "").split()
        self.name_el = next((c for c in self.kids if isinstance(c, Name)), None)
        self.etal_el = next((c for c in self.kids if isinstance(c, Et_Al)), None)
        self.label_el = next((c for c in self.kids if isinstance(c, Label)), None)
        self.subst = next((c for c in self.kids if isinstance(c, Substitute)), None)
        order = [c for c in self.kids if isinstance(c, (Name, Label))]
        # a label goes before the names only when it precedes an explicit cs:name
        self.label_first = (self.name_el is not None and bool(order)
                            and isinstance(order[0], Label))
        # a cs:names inside a cs:substitute inherits the owning cs:names' name/label
        self.subst_owner: Names | None = None
        node = self.getparent()
        while node is not None:
            if isinstance(node, Substitute):
                owner = node.getparent()
                self.subst_owner = owner if isinstance(owner, Names) else None
                break
            if isinstance(node, (Macro, Layout)):
                break
            node = node.getparent()

    def r(self, st: St, inherit: Names | None = None) -> str | None:
        if st.area != "citation" or st.author_done or st.sort:
            return self._r(st, inherit)
        # a citation's first names are its "author": remembered for cite grouping,
        # left out for suppress-author, the whole cite for author-only
        st.author_done = True
        text = self._r(st, inherit)
        st.author_text = text
        return None if st.suppress_author else text

    def _r(self, st: St, inherit: Names | None = None) -> str | None:
        eng = self.eng
        item = st.item
        if inherit is None:
            inherit = self.subst_owner
        base = inherit if (inherit is not None and self.name_el is None) else self
        name_el = base.name_el if base.name_el is not None else eng.default_name
        label_el = base.label_el if (inherit is None or self.name_el is None) else self.label_el
        if inherit is not None and self.name_el is None and self.label_el is not None:
            label_el = self.label_el
        etal_el = base.etal_el
        vars_ = [v for v in self.vars if v not in st.repressed]
        st.called += 1
        outputs: list[str] = []
        count = 0
        # editor + translator being the same people: one list with the combined term
        if ("editor" in vars_ and "translator" in vars_ and item.get("editor")
                and item.get("editor") == item.get("translator")
                and eng.locale.term("editortranslator") is not None):
            vars_ = [v for v in vars_ if v != "translator"]
            combined = True
        else:
            combined = False
        for var in vars_:
            names = item.get(var)
            if not names:
                continue
            if st.substituting:
                st.repressed.add(var)
            if name_el.a.get("form") == "count":
                count += name_el.count(names, st, self)
                continue
            text = name_el.names(names, st, self, etal_el)
            if not text:
                continue
            if not st.sort and ("prefix" in name_el.a or "suffix" in name_el.a):
                # cs:name's affixes go around the whole list of names (citeproc-js)
                text = name_el.a.get("prefix", "") + text + name_el.a.get("suffix", "")
            dashed = False
            if st.mark_names and not st.names_marked and st.area == "bibliography" and not st.sort:
                # subsequent-author-substitute replaces the names, not a label after them;
                # with complete-all, a label before them goes too (citeproc-js: "---." not
                # "edited by ---.")
                st.names_marked = True
                new = eng.substitute_author(text, st)
                dashed = eng.sas_rule == "complete-all" and new == eng.subsequent_author_substitute
                text = new
            label_first = self.label_first or (inherit is not None and base.label_first)
            if label_el is not None and not st.sort and not (dashed and label_first):
                term_var = "editortranslator" if combined and var == "editor" else var
                lab = label_el.r(st, term_var, len(names) > 1)
                if lab:
                    text = tx.concat(lab, text) if label_first else tx.concat(text, lab)
            outputs.append(text)
        if name_el.a.get("form") == "count":
            if count:
                st.rendered += 1
                return self.decorate(str(count), st)
            outputs = []
        if outputs:
            st.rendered += 1
            delim = self.a.get("delimiter", eng.inherited(self, "names-delimiter", st) or "")
            text = tx.join(outputs, delim)
            return self.decorate(text, st)
        if self.subst is not None:
            return self.subst.r(st, self)
        return None


class Substitute(model.Substitute, Node):
    def prep(self, eng: Engine) -> None:
        super().prep(eng)
        # citeproc-js leaves subsequent-author-substitute out (no dash, and the entry
        # does not become the "previous names" either) for whatever a cs:substitute
        # renders after a cs:names child with its own cs:name (MLA's "guest"): an
        # edited book by the same people is not dashed there.
        self.sas_ok: dict[int, bool] = {}
        ok = True
        for c in self.kids:
            self.sas_ok[id(c)] = ok
            if isinstance(c, Names) and any(isinstance(k, Name) for k in c):
                ok = False

    def r(self, st: St, names: Names | None = None) -> str | None:  # type: ignore[override]
        for c in self.kids:
            if not self.sas_ok.get(id(c), True) and st.mark_names:
                st.names_marked = True
            c0, r0 = st.called, st.rendered
            st.substituting += 1
            try:
                t = c.r(st)
            finally:
                st.substituting -= 1
            if t:
                # The variables it rendered are now suppressed for the rest of the entry
                # (each rendering element adds its own while st.substituting): only those
                # that rendered, not every variable the branch names in a condition.
                if isinstance(c, Names) is False and st.rendered == r0:
                    st.rendered += 1
                if st.mark_names and not st.names_marked and st.area == "bibliography" and not st.sort:
                    st.names_marked = True
                    t = self.eng.substitute_author(t, st)
                st.called = max(st.called, c0 + 1)
                # the owning cs:names' affixes and formatting wrap whatever substitutes
                return names.decorate(t, st) if names is not None else t
        return None


class Name(model.Name, Node):
    def decorate_names(self, text: str, st: St) -> str:
        """cs:name's own formatting (font-weight etc.) applies to each name."""
        for k, v in self.fmt:
            pair = _FORMAT_ATTRS[k].get(v)
            if pair:
                text = pair[0] + text + pair[1]
        return text

    def opts(self, st: St, names: Names) -> dict[str, Any]:
        key = (st.area, id(names))
        cache = self.__dict__.setdefault("_opts", {})
        o = cache.get(key)
        if o is None:
            eng = self.eng
            o = {}
            for k in _NAME_OPTS:
                v = self.a.get(k)
                if k in ("delimiter", "form"):
                    # inherited as name-delimiter / name-form (a cs:names' own delimiter
                    # separates variables, not names)
                    if v is None:
                        v = eng.inherited(self, "name-" + k, st)
                elif v is None:
                    v = eng.inherited(self, k, st)
                o[k] = v
            o["initialize-with-hyphen"] = eng.root_opt("initialize-with-hyphen", "true") == "true"
            o["demote"] = eng.root_opt("demote-non-dropping-particle", "display-and-sort")
            cache[key] = o
        if st.name_opts:
            o = dict(o)
            o.update(st.name_opts)
        return o

    def _truncate(self, names: list[dict[str, Any]], o: dict[str, Any], st: St) -> tuple[list, bool]:
        if st.area == "citation" and st.position != "first" and self.eng.etal_subsequent:
            o = {**o, **self.eng.etal_subsequent}
        try:
            emin = int(o.get("et-al-min") or 0)
            raw_first = o.get("et-al-use-first")
            efirst = int(raw_first) if raw_first not in (None, "") else -1
        except ValueError:
            emin, efirst = 0, -1
        if emin and efirst >= 0 and len(names) >= emin and efirst < len(names):
            # names added to tell apart citations (disambiguate-add-names) show in
            # the bibliography too, as in citeproc-js
            efirst = max(efirst, st.add_names)
            if efirst < len(names):
                return names[:efirst], True
        return names, False

    def count(self, names: list[dict[str, Any]], st: St, parent: Names) -> int:
        o = self.opts(st, parent)
        shown, _ = self._truncate(names, o, st)
        return len(shown)

    def names(self, names: list[dict[str, Any]], st: St, parent: Names, etal_el: Et_Al | None) -> str:
        o = self.opts(st, parent)
        eng = self.eng
        shown, truncated = self._truncate(names, o, st)
        if not shown:
            return ""
        if st.sort:
            keys = [eng.name_sort_key(n, o, rendered=True) for n in shown]
            if truncated and o.get("et-al-use-last") == "true" and len(names) - len(shown) >= 2:
                keys.append(eng.name_sort_key(names[-1], o, rendered=True))
            elif truncated and st.area == "citation":
                # a shortened list sorts after the same names alone ("Asmus, 2004" before
                # "Asmus et al., 1989" in APA's citations, as citeproc-js)
                keys.append("\U0010fffd")
            return "   ".join(keys)
        delim = o.get("delimiter") or ", "
        nso = o.get("name-as-sort-order")
        rendered: list[str] = []
        inverted: list[bool] = []
        levels = st.given_levels
        for i, n in enumerate(shown):
            inv = nso == "all" or (nso == "first" and i == 0)
            level = levels.get(name_key(n), 0) if levels and (i == 0 or not st.givens_primary) else 0
            text = eng.format_name(n, _expanded(o, level) if level else o, inv, self)
            if not text:
                continue
            rendered.append(mk.NAME_OPEN + text + mk.NAME_CLOSE)
            inverted.append(inv and not n.get("literal"))
        if not rendered:
            return ""
        and_ = o.get("and")
        and_term = None
        if and_ == "text":
            and_term = eng.locale.term("and") or "and"
        elif and_ == "symbol":
            and_term = "&"

        def precedes(rule: str | None, n_before: int) -> bool:
            rule = rule or "contextual"
            if rule == "always":
                return True
            if rule == "never":
                return False
            if rule == "after-inverted-name":
                return bool(inverted) and inverted[min(n_before, len(inverted)) - 1]
            return n_before >= 2

        if self.fmt or "prefix" in self.a or "suffix" in self.a:
            rendered = [self.decorate_names(x, st) for x in rendered]
        if truncated:
            use_last = o.get("et-al-use-last") == "true"
            if use_last and len(names) - len(shown) >= 2:
                last = eng.format_name(names[-1], o, nso == "all", self)
                return tx.join(rendered, delim) + delim + "\u2026 " + mk.NAME_OPEN + last + mk.NAME_CLOSE
            if etal_el is not None:
                term = eng.locale.term(etal_el.a.get("term", "et-al")) or ""
                etal = etal_el.decorate(term, st) if term else ""
            else:
                term = eng.locale.term("et-al")
                etal = "et al." if term is None else term  # a locale may define it empty
            if not etal:
                return tx.join(rendered, delim)
            body = tx.join(rendered, delim)
            if precedes(o.get("delimiter-precedes-et-al"), len(rendered)):
                return body + delim + etal
            return body + " " + etal
        if and_term and len(rendered) > 1:
            head = tx.join(rendered[:-1], delim)
            sep = delim if precedes(o.get("delimiter-precedes-last"), len(rendered) - 1) else " "
            return head + sep + and_term + " " + rendered[-1]
        return tx.join(rendered, delim)


def name_key(n: dict[str, Any]) -> str:
    """A person's identity for given-name disambiguation ("J. J." and "J.J." are the
    same person)."""
    given = re.sub(r"[\s.]+", "", str(n.get("given", "")))
    return "\x00".join([str(n.get("family", "")), given, str(n.get("literal", "")),
                         str(n.get("non-dropping-particle", ""))])


def _expanded(o: dict[str, Any], level: int) -> dict[str, Any]:
    """Name options with a given name added (disambiguate-add-givenname): level 1 adds
    initials (the full given name when the style sets no initialize-with), level 2
    the full given name."""
    o = dict(o)
    if o.get("form") == "short":
        o["form"] = "long"
    if level >= 2:
        o["initialize-with"] = None
    return o


_NAME_OPTS = ("and", "delimiter", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
              "et-al-use-first", "et-al-use-last", "initialize", "initialize-with", "name-as-sort-order",
              "sort-separator", "form")


class Name_Part(model.Name_Part, Node):
    def r(self, st: St) -> str | None:
        return None


class Et_Al(model.Et_Al, Node):
    def r(self, st: St) -> str | None:
        return None


class Sort(model.Sort, Node):
    def r(self, st: St) -> str | None:
        return None


class Key(model.Key, Node):
    def r(self, st: St) -> str | None:
        return None


class Citation(model.Citation, Node):
    def r(self, st: St) -> str | None:
        return None


class Bibliography(model.Bibliography, Node):
    def r(self, st: St) -> str | None:
        return None


class LocaleEl(model.Locale, Node):
    def r(self, st: St) -> str | None:
        return None


_CLASSES: dict[str, type] = {
    "style": Style, "info": Info, "macro": Macro, "layout": Layout, "text": Text, "number": Number,
    "label": Label, "group": Group, "choose": Choose, "if": If, "else-if": Else_If, "else": Else,
    "date": Date, "date-part": Date_Part, "names": Names, "substitute": Substitute, "name": Name,
    "name-part": Name_Part, "et-al": Et_Al, "sort": Sort, "key": Key, "citation": Citation,
    "bibliography": Bibliography, "locale": LocaleEl,
}


def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    ns = lookup.get_namespace("http://purl.org/net/xbiblio/csl")
    ns[None] = model.CitationStylesElement
    for tag, cls in _CLASSES.items():
        ns[tag] = cls
    parser = etree.XMLParser(remove_comments=True, remove_pis=True, no_network=True,
                             resolve_entities=False)
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _parser()


# -- sort keys ----------------------------------------------------------------------

#: brackets around date keys inside a macro sort key (see St.dates_only)
_DATE_KEY = ("\ue0f0", "\ue0f1")
_DATE_KEY_RE = re.compile(_DATE_KEY[0] + "(.*?)" + _DATE_KEY[1], re.S)


def _date_sort_key(d: dict[str, Any], shown: set[str] | None = None) -> str:
    parts = d.get("date-parts") or []
    if not parts:
        lit = d.get("literal") or ""
        return lit
    out = []
    # a single date gets an empty end, as in citeproc-js's keys: start and end make
    # one digit run, so 1984 sorts before 1984-1986, which sorts before 1986
    for p in (parts + [[0]])[:2]:
        y, m, dd = (list(p) + [0, 0, 0])[:3]
        if shown is not None:
            m = m if "month" in shown else 0
            dd = dd if "day" in shown else 0
        try:
            out.append(f"{int(y) + 10000:05d}{int(m or 0):02d}{int(dd or 0):02d}")
        except (TypeError, ValueError):
            out.append("")
    return "".join(out)


def _number_sort_key(value: str) -> str:
    m = re.match(r"\s*(\d+)", value)
    if m:  # zero-padded digits, without int(): a 5,000-digit "volume" is text to Python
        return f"{(m.group(1).lstrip('0') or '0').rjust(10, '0')}{value[m.end():]}"
    return value


_LATIN_SHIFT = {c: chr(0x20000 + c) for c in range(ord("a"), ord("z") + 1)}
#: languages whose own script sorts before Latin (as ICU collation orders them)
_OWN_SCRIPT_FIRST = ("el", "ru", "uk", "bg", "be", "mk", "sr-Cyrl", "mn", "kk", "hy", "ka", "he", "ar",
                     "fa", "th", "ja", "zh", "ko")


def collate_for(s: str, lang: str) -> str:
    """:func:`collate`, with the output language's own script before Latin."""
    key = collate(s)
    if lang.startswith(_OWN_SCRIPT_FIRST):
        key = key.translate(_LATIN_SHIFT)
    return key


def collate(s: str) -> str:
    """A sort key approximating Unicode collation: accents and case are secondary."""
    s = mk.strip(s).replace(tx.NOCASE[0], "").replace(tx.NOCASE[1], "")
    base = unicodedata.normalize("NFKD", s)
    base = "".join(c for c in base if not unicodedata.combining(c))
    base = base.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l").replace("Ł", "L")
    # citeproc-js writes spaces in sort keys as "|" and compares them with
    # Intl.Collator(sensitivity "base", ignorePunctuation, numeric): punctuation does
    # not count, a word break sorts before any letter or digit ("He, Z." before
    # "Heath"), digit runs compare as numbers
    base = _WS_RE.sub("\x01", base.strip())
    base = "".join(c for c in base if not unicodedata.category(c).startswith("P"))
    base = _DIGITS_RE.sub(_numeric, base)
    return base.casefold()


_WS_RE = re.compile(r"\s+")
_DIGITS_RE = re.compile(r"\d+")


def _numeric(m: re.Match[str]) -> str:
    digits = m.group().lstrip("0") or "0"
    return f"{len(digits):02d}{digits}"


# -- the engine -------------------------------------------------------------------------

class Engine:
    """A parsed style in one output locale; renders any number of bibliographies."""

    def __init__(self, style_path: str, lang: str) -> None:
        with open(style_path, "rb") as fh:
            data = fh.read()
        self.tree = etree.fromstring(data, _PARSER)
        root = self.tree
        self._keep = [el for el in root.iter() if isinstance(el, etree.ElementBase)]
        self.root_attrs = dict(root.attrib)
        self.default_locale = root.get("default-locale")
        self.lang = lang
        self.locale = Locale(root, lang)
        self.macros: dict[str, Macro] = {}
        for m in root.findall(f"{NS}macro"):
            self.macros.setdefault(m.get("name", ""), m)
        self.bib = root.find(f"{NS}bibliography")
        self.cit = root.find(f"{NS}citation")
        self.default_name = None
        for el in self._keep:
            if isinstance(el, Node):
                el.prep(self)
        # a cs:name with no attributes, for cs:names without one
        dn = etree.fromstring(b'<name xmlns="http://purl.org/net/xbiblio/csl"/>', _PARSER)
        dn.prep(self)
        self._keep.append(dn)
        self.default_name = dn
        bib_opts = dict(self.bib.attrib) if self.bib is not None else {}
        self.second_field_align = bib_opts.get("second-field-align") in ("flush", "margin")
        self.subsequent_author_substitute = bib_opts.get("subsequent-author-substitute")
        self.sas_rule = bib_opts.get("subsequent-author-substitute-rule", "complete-all")
        cit_opts = dict(self.cit.attrib) if self.cit is not None else {}
        self.year_suffix = cit_opts.get("disambiguate-add-year-suffix") == "true"
        self.add_names = cit_opts.get("disambiguate-add-names") == "true"
        self.add_givenname = cit_opts.get("disambiguate-add-givenname") == "true"
        self.explicit_year_suffix = any(
            isinstance(el, Text) and el.a.get("variable") == "year-suffix" for el in self._keep)
        self.piq = self.locale.option("punctuation-in-quote") == "true"
        self.quote_terms = {k: self.locale.term(k) or d for k, d in (
            ("open-quote", "\u201c"), ("close-quote", "\u201d"),
            ("open-inner-quote", "\u2018"), ("close-inner-quote", "\u2019"))}
        self.page_range_format = self.root_attrs.get("page-range-format")
        self.in_text = self.root_attrs.get("class", "in-text") == "in-text"
        self._inherit_cache: dict[tuple[int, str, str], Any] = {}
        self.sort_keys = self._sort_spec(self.bib)
        and_words = {"and", self.locale.term("and") or "and"}
        #: " and " / ", and " between numbers (the locale's word too) read as a list joiner
        self.and_words_re = re.compile(r",?\s+(?:" + "|".join(re.escape(w) for w in sorted(and_words))
                                       + r")\s+")
        #: et-al-subsequent-min / -use-first of the citation, for cites after the first
        self.etal_subsequent = {k[:6] + k[17:]: v for k, v in cit_opts.items()
                                if k in ("et-al-subsequent-min", "et-al-subsequent-use-first")}
        self.cite_sort_keys = self._sort_spec(self.cit)

    # -- options ----------------------------------------------------------------------
    def root_opt(self, name: str, default: str) -> str:
        return self.root_attrs.get(name, default)

    def inherited(self, el: etree._Element, name: str, st: St) -> Any:
        """An inheritable name option: cs:names/cs:name ancestors, then the area, then the style."""
        key = (id(el), name, st.area)
        if key in self._inherit_cache:
            return self._inherit_cache[key]
        value = None
        node = el.getparent()
        while node is not None and value is None:
            if isinstance(node, Names):
                value = node.a.get(name)
            elif isinstance(node, (Citation, Bibliography, Style)):
                break
            node = node.getparent()
        if value is None:
            area = self.cit if st.area == "citation" else self.bib
            if area is not None:
                value = area.get(name)
        if value is None:
            value = self.root_attrs.get(name)
        self._inherit_cache[key] = value
        return value

    # -- variables ------------------------------------------------------------------------
    def has_var(self, item: dict[str, Any], var: str, st: St) -> bool:
        if var == "year-suffix":
            return bool(st.year_suffix)
        if var == "citation-number":
            return True
        v = item.get(var)
        if v is None and var == "page-first":
            v = item.get("page")
        return v not in (None, "", [], {})

    def variable_text(self, var: str, st: St, form: str, el: Text) -> str | None:
        # year-suffix is generated, not a variable of the item: it does not make a
        # cs:group count as "calls a variable" (so "(n.d.)" survives without one)
        if var == "year-suffix":
            if st.year_suffix:
                st.year_suffix_done = True
                return st.year_suffix
            return None
        st.called += 1
        if var in st.repressed:
            return None
        item = st.item
        if var == "citation-number":
            st.rendered += 1
            return str(st.number)
        value = None
        if form == "short":
            value = item.get(var + "-short")
            if value is None and var == "title":
                value = item.get("shortTitle")
        if value is None:
            value = item.get(var)
            if value is None and var == "page-first":
                value = item.get("page")
        if value in (None, "") or isinstance(value, (list, dict)):
            return None
        st.rendered += 1
        if st.substituting:
            st.repressed.add(var)
        value = str(value)
        if var == "citation-label" and st.year_suffix and not self.explicit_year_suffix \
                and not st.year_suffix_done:
            st.year_suffix_done = True
            value += st.year_suffix
        if st.sort:
            return value
        if var == "locator":
            # a page locator is a page range like any other; other labels get an en
            # dash in a leading range ("367–368, fig. 333")
            if str(item.get("label") or "page") == "page":
                value = self.page(value)
            else:
                value = _LEADING_RANGE_RE.sub("\\1\u2013\\2", value)
        if var == "locator" and "&" in value:
            # a locator's "&" is written with the locale's symbol term (citeproc-js)
            value = re.sub(r"\s*&\s*", " " + (self.locale.term("and", "symbol") or "&") + " ", value)
        if var in ("page", "page-first"):
            return self.page(value, var == "page-first")
        if var in NUMBER_VARS and _RANGE_RE.match(value):
            return _RANGE_RE.sub("\\1\u2013\\2", value)
        if var in NUMBER_VARS and not self.page_range_format:
            # a leading range before more text: "800–82 Rev. 2" (citeproc-js)
            return _LEADING_RANGE_RE.sub("\\1\u2013\\2", value)
        return value

    # -- text case -------------------------------------------------------------------------
    def case(self, text: str, case: str, st: St, term: bool = False) -> str:
        if case == "title" and not term:
            lang = st.item.get("language") or self.lang
            if lang and not str(lang).lower().startswith("en"):
                return text
        fn = tx.CASES.get(case)
        return fn(text) if fn else text

    # -- numbers ---------------------------------------------------------------------------
    def format_number(self, value: str, form: str, var: str) -> str:
        if form == "numeric" or not re.fullmatch(r"\s*\d{1,18}\s*", value):
            if re.fullmatch(r"\s*\d+\s*-\s*\d+\s*", value):
                a, b = (x.strip() for x in value.split("-"))
                return a + "\u2013" + b
            return value
        n = int(value)
        gender = self.locale.genders.get(var)
        if form == "ordinal":
            return self.locale.ordinal(n, gender)
        if form == "long-ordinal":
            if 1 <= n <= 10:
                t = self.locale.term(f"long-ordinal-{n:02d}")
                if t:
                    return t
            return self.locale.ordinal(n, gender)
        if form == "roman":
            return model.romanize(n).lower()
        return value

    def page(self, value: str, first_only: bool = False) -> str:
        delim = self.locale.term("page-range-delimiter") or "\u2013"
        out = []
        for chunk in re.split(r"(\s*[,&]\s*)", value):
            m = re.fullmatch(r"\s*(\w*?\d+)\s*(?:-+|\u2013|\u2014)\s*(\w*?\d+)\s*", chunk)
            rm = None if m else re.fullmatch(r"\s*([ivxlcdm]+)\s*-+\s*([ivxlcdm]+)\s*", chunk)
            if rm and not first_only:
                out.append(rm.group(1) + delim + rm.group(2))  # roman ranges: xxv–xxviii
                continue
            if not m:
                out.append(chunk if not first_only else chunk.split("-")[0])
                continue
            a, b = m.group(1), m.group(2)
            if first_only:
                return a
            pa, pb = _PAGE_PREFIX_RE.match(a), _PAGE_PREFIX_RE.match(b)
            if pa and pb and pa.group(1) and pb.group(1) and pa.group(1) != pb.group(1):
                out.append(chunk)  # "A1-B3" is not a range to citeproc-js
                continue
            if (pa and pb and pa.group(1) and pa.group(1) == pb.group(1)
                    and self.page_range_format not in (None, "expanded")):
                # "B1-B14": a minimising format drops the repeated prefix and
                # shortens the numbers ("B1–14", Chicago's "A821–23"), as citeproc-js
                b = self._last_page(pa.group(2), pb.group(2))
            else:
                b = self._last_page(a, b)
            out.append(a + delim + b)
        return "".join(out)

    def _last_page(self, first: str, last: str) -> str:
        fmt = self.page_range_format
        if not fmt or not first.isdigit() or not last.isdigit() or max(len(first), len(last)) > 18:
            return last
        given = last
        if len(last) < len(first):  # "123-45": expand first
            last = first[: len(first) - len(last)] + last
        if int(last) <= int(first):
            # not a rising range: citeproc-js leaves it as written ("321–321")
            return given
        if fmt == "expanded":
            return last
        common = 0
        for f, c in zip(first, last, strict=False):
            if f != c:
                break
            common += 1
        if len(first) != len(last):
            return last
        if fmt == "minimal":
            return last[common:] or last[-1:]
        if fmt == "minimal-two":
            keep = max(2, len(last) - common)
            return last[-keep:] if len(last) >= 2 else last
        if fmt.startswith("chicago"):
            n = int(first)
            if n < 100 or n % 100 == 0:
                return last
            if n % 100 < 10:
                return last[common:] or last[-1:]
            if fmt in ("chicago", "chicago-15") and len(first) == 4 and len(last) - common > 2:
                return last
            keep = max(2, len(last) - common)
            return last[-keep:]
        return last

    # -- dates -------------------------------------------------------------------------------
    def localized_parts(self, el: Date, loc: etree._Element) -> list[tuple[str, dict[str, str]]]:
        override = {p.a.get("name"): p.a for p in el.parts}
        out = []
        for dp in loc.findall(f"{NS}date-part"):
            a = dict(dp.attrib)
            ov = override.get(a.get("name"))
            if ov:
                for k, v in ov.items():
                    if k not in ("prefix", "suffix"):
                        a[k] = v
            out.append((a.get("name", ""), a))
        return out

    def render_date(self, d: dict[str, Any], parts: list[tuple[str, dict[str, str]]],
                    delimiter: str, st: St) -> str | None:
        dps = d.get("date-parts") or []
        if not dps or not dps[0] or dps[0][0] in (None, "", 0, "0"):
            return None
        begin = _dp(dps[0], d)
        end = _dp(dps[1], d) if len(dps) > 1 and dps[1] and dps[1][0] else None
        present = [(n, a) for n, a in parts if begin.get(n) is not None
                   or (n == "month" and begin.get("season"))]
        if not present:
            return None
        if end is None or end == begin:
            out = self._date_parts(begin, present, delimiter, st)
            if out and len(dps) > 1 and dps[1] and str(dps[1][0]) == "0":
                # an open range ("1987–"): the year's range delimiter after the start
                out += next((a.get("range-delimiter") for n, a in present if n == "year"
                             and a.get("range-delimiter")), "\u2013")
            return out
        # a range: render the parts that differ, joined by the range delimiter
        differ = [n for n in ("year", "month", "day") if begin.get(n) != end.get(n)]
        largest = differ[0] if differ else "day"
        rdelim = "\u2013"
        for n, a in present:
            if n == largest:
                rdelim = a.get("range-delimiter", "\u2013")
        if largest == "year":
            return tx.join([self._date_parts(begin, present, delimiter, st, strip_suffix=True),
                            self._date_parts(end, present, delimiter, st)], rdelim)
        idx = [i for i, (n, _) in enumerate(present) if n in differ or
               (n == "day" and largest == "month")]
        if not idx:
            return self._date_parts(begin, present, delimiter, st)
        lo, hi = min(idx), max(idx)
        head = present[:lo]
        mid = present[lo:hi + 1]
        tail = present[hi + 1:]
        b = self._date_parts(begin, mid, delimiter, st, strip_suffix=True, strip_prefix=False)
        e = self._date_parts(end, mid, delimiter, st)
        core = tx.join([b or "", e or ""], rdelim)
        pieces = []
        if head:
            pieces.append(self._date_parts(begin, head, delimiter, st))
        pieces.append(core)
        if tail:
            pieces.append(self._date_parts(begin, tail, delimiter, st))
        return tx.join([p for p in pieces if p], delimiter)

    def _date_parts(self, dp: dict[str, Any], parts: list[tuple[str, dict[str, str]]], delimiter: str,
                    st: St, strip_suffix: bool = False, strip_prefix: bool = False) -> str | None:
        out = []
        last = len(parts) - 1
        for i, (name, a) in enumerate(parts):
            t = self._date_part(dp, name, a, st)
            if not t:
                continue
            a2 = a
            if strip_suffix and i == last:
                a2 = {k: v for k, v in a.items() if k != "suffix"}
            t = self._decorate_part(t, a2, st)
            out.append(t)
        return tx.join(out, delimiter) if out else None

    def _decorate_part(self, text: str, a: dict[str, str], st: St) -> str:
        if a.get("strip-periods") == "true":
            text = text.replace(".", "")
        if a.get("text-case"):
            text = self.case(text, a["text-case"], st, True)
        for k, v in a.items():
            pair = _FORMAT_ATTRS.get(k, {}).get(v)
            if pair:
                text = pair[0] + text + pair[1]
        return tx.affix(text, a.get("prefix", ""), a.get("suffix", ""))

    def _date_part(self, dp: dict[str, Any], name: str, a: dict[str, str], st: St) -> str | None:
        form = a.get("form")
        if name == "year":
            y = dp.get("year")
            if y is None:
                return None
            try:
                yi = int(y)
            except (TypeError, ValueError):
                return str(y)
            if form == "short":
                text = f"{abs(yi) % 100:02d}"
            else:
                text = str(abs(yi))
                if yi < 0:
                    text += self.locale.term("bc") or "BC"
                elif yi < 1000:
                    text += self.locale.term("ad") or "AD"
            if st.year_suffix and not self.explicit_year_suffix and not st.year_suffix_done:
                st.year_suffix_done = True
                text += st.year_suffix
            return text
        if name == "month":
            m = dp.get("month")
            if m is None:
                season = dp.get("season")
                if season:
                    try:
                        return self.locale.term(f"season-{int(season):02d}") or str(season)
                    except ValueError:
                        return str(season)
                return None
            m = int(m)
            if m > 12:  # months 13-16 and 21-24 are seasons in CSL-JSON
                season = m - 20 if 21 <= m <= 24 else m - 12
                return self.locale.term(f"season-{season:02d}") if 1 <= season <= 4 else None
            form = form or "long"
            if form == "numeric":
                return str(m)
            if form == "numeric-leading-zeros":
                return f"{m:02d}"
            t = self.locale.term(f"month-{m:02d}", "short" if form == "short" else "long")
            return t
        if name == "day":
            dd = dp.get("day")
            if dd is None:
                return None
            dd = int(dd)
            form = form or "numeric"
            if form == "numeric-leading-zeros":
                return f"{dd:02d}"
            if form == "ordinal":
                if dd != 1 and self.locale.option("limit-day-ordinals-to-day-1") == "true":
                    return str(dd)
                month = dp.get("month")
                gender = self.locale.genders.get(f"month-{int(month):02d}") if month else None
                return self.locale.ordinal(dd, gender)
            return str(dd)
        return None

    # -- names ------------------------------------------------------------------------------
    def substitute_author(self, text: str, st: St) -> str:
        """subsequent-author-substitute on the entry's first names, against the previous entry."""
        whole = mk.strip(text)
        names = [mk.strip(x) for x in _ONE_NAME_RE.findall(text)] or [whole]
        if not _ONE_NAME_RE.search(text):
            text = mk.NAME_OPEN + text + mk.NAME_CLOSE
        st.names_seen = (whole, names)
        prev = st.prev_names
        sub = self.subsequent_author_substitute or ""
        rule = self.sas_rule
        if prev is None:
            return text
        if rule in ("complete-all", "complete-each"):
            # compared on the names shown (an "et al." does not make them differ, as in citeproc-js)
            if (names or [whole]) != (prev[1] or [prev[0]]):
                return text
            if rule == "complete-all":
                return sub
            return _ONE_NAME_RE.sub(lambda m: sub, text)
        k = 0
        while k < min(len(names), len(prev[1])) and names[k] == prev[1][k]:
            k += 1
        if rule == "partial-first":
            k = min(k, 1)
        if not k:
            return text
        count = [0]

        def repl(m: re.Match[str]) -> str:
            count[0] += 1
            return sub if count[0] <= k else m.group(0)

        return _ONE_NAME_RE.sub(repl, text)

    def format_name(self, n: dict[str, Any], o: dict[str, Any], inverted: bool, el: Name) -> str:
        if n.get("literal"):
            return n["literal"]
        family = n.get("family", "")
        given = n.get("given", "")
        dp = n.get("dropping-particle", "")
        ndp = n.get("non-dropping-particle", "")
        suffix = n.get("suffix", "")
        if not family and given:
            return given
        script = _romanesque(family, given)
        init_with = o.get("initialize-with")
        if given and init_with is not None and script:
            given = _initialize(given, init_with, o.get("initialize") != "false",
                                o.get("initialize-with-hyphen", True))
        parts = {p.a.get("name"): p for p in el.kids if isinstance(p, Name_Part)}
        st_dummy = St(item={})

        def fam(text: str) -> str:
            p = parts.get("family")
            return p.decorate(text, st_dummy) or "" if p is not None and text else text

        def giv(text: str) -> str:
            p = parts.get("given")
            return p.decorate(text, st_dummy) or "" if p is not None and text else text

        if o.get("form") == "short":
            return fam(_sp_particle(ndp, family))
        if script == 0:
            return fam(ndp + family) + giv(given)
        if script == 1:
            return _sp(fam(_sp_particle(ndp, family)), giv(given))
        if inverted:
            sep = o.get("sort-separator")
            sep = ", " if sep is None else sep
            if o.get("demote") == "display-and-sort":
                head = fam(family)
                tail = giv(_sp(given, dp, ndp))
            else:
                head = fam(_sp_particle(ndp, family))
                tail = giv(_sp(given, dp))
            out = head
            if tail:
                out += sep + tail
            if suffix:
                out += sep + suffix
            return out
        if dp and not ndp and dp.endswith(("'", "\u2019", "-")):
            out = _sp(giv(given), dp + fam(family))  # "John d’Jones"
        else:
            out = _sp(giv(_sp(given, dp)), fam(_sp_particle(ndp, family)))
        if suffix:
            out += (", " if n.get("comma-suffix") else " ") + suffix
        return out

    def name_sort_key(self, n: dict[str, Any], o: dict[str, Any], rendered: bool = False) -> str:
        """A name as a sort key: family first, particles demoted when the style says so.
        ``rendered``: as a macro renders it (short form and initials respected)."""
        if n.get("literal"):
            return n["literal"]
        demote = o.get("demote", "display-and-sort") in ("display-and-sort", "sort-only")
        family = n.get("family", "")
        ndp = n.get("non-dropping-particle", "")
        dp = n.get("dropping-particle", "")
        given = n.get("given", "")
        if rendered:
            if o.get("form") == "short":
                return family if demote else _sp(ndp, family)
            if given and o.get("initialize-with") is not None and o.get("initialize") != "false":
                given = _initialize(given, o["initialize-with"], True, o.get("initialize-with-hyphen", True))
        if demote:
            parts = [family, _sp(dp, ndp), given, n.get("suffix", "")]
        else:
            parts = [_sp(ndp, family), dp, given, n.get("suffix", "")]
        return " ".join(p for p in parts if p)

    # -- sorting ------------------------------------------------------------------------------
    def _sort_spec(self, area: etree._Element | None) -> list[tuple[Any, bool, dict[str, Any]]]:
        if area is None:
            return []
        sort = area.find(f"{NS}sort")
        if sort is None:
            return []
        spec = []
        for k in sort.findall(f"{NS}key"):
            desc = k.get("sort") == "descending"
            opts: dict[str, Any] = {"name-as-sort-order": "all"}
            if k.get("names-min"):
                opts["et-al-min"] = k.get("names-min")
            if k.get("names-use-first"):
                opts["et-al-use-first"] = k.get("names-use-first")
            if k.get("names-use-last"):
                opts["et-al-use-last"] = k.get("names-use-last")
            if k.get("macro"):
                macro = self.macros.get(k.get("macro", ""))
                # citeproc-js: a macro with a cs:date in it (not counting macros it
                # calls) gives a sort key of its dates alone, the rest of its output
                # dropped ("doing-macro-with-date")
                opts["dates_only"] = macro is not None and next(macro.iter(f"{NS}date"), None) is not None
                spec.append((macro, desc, opts))
            else:
                spec.append((k.get("variable", ""), desc, opts))
        return spec

    def sort_key_values(self, item: dict[str, Any], number: int, spec: list[Any] | None = None,
                        area: str = "bibliography") -> list[Any]:
        keys: list[Any] = []
        for what, _desc, opts in (self.sort_keys if spec is None else spec):
            st = St(item=item, sort=True, name_opts=opts, number=number, area=area)
            if isinstance(what, str):
                v: Any = None
                if what in NAME_VARS:
                    names = item.get(what)
                    if names:
                        v = "   ".join(self.name_sort_key(n, {"demote": self.root_opt(
                            "demote-non-dropping-particle", "display-and-sort")}) for n in names)
                elif what in DATE_VARS:
                    d = item.get(what)
                    v = _date_sort_key(d) if d else None
                elif what == "citation-number":
                    v = number
                elif what in NUMBER_VARS:
                    val = item.get(what)
                    v = _number_sort_key(str(val)) if val not in (None, "") else None
                else:
                    val = item.get(what)
                    v = str(val) if val not in (None, "") else None
            elif what is not None:
                st.dates_only = opts.get("dates_only", False)
                v = what.r(st)
                if st.dates_only:
                    v = "".join(_DATE_KEY_RE.findall(v or "")) or None
            else:
                v = None
            if isinstance(v, str):
                v = collate_for(v, self.lang) or None
            keys.append(v)
        return keys

    def sort(self, items: list[dict[str, Any]], numbers: list[int] | None = None,
             citation: bool = False) -> list[int]:
        """Indices of ``items`` in the bibliography's sort order (input order when none);
        ``citation``: the cs:citation's sort (cites within a citation)."""
        spec = self.cite_sort_keys if citation else self.sort_keys
        if not spec:
            return list(range(len(items)))
        area = "citation" if citation else "bibliography"
        keyed = [(self.sort_key_values(it, numbers[i] if numbers else i + 1, spec, area), i)
                 for i, it in enumerate(items)]
        descs = [d for _, d, _ in spec]

        def cmp(x: tuple[list[Any], int], y: tuple[list[Any], int]) -> int:
            for a, b, desc in zip(x[0], y[0], descs, strict=True):
                if a is None and b is None:
                    continue
                if a is None:
                    return 1
                if b is None:
                    return -1
                if type(a) is not type(b):
                    a, b = str(a), str(b)
                if a != b:
                    r = -1 if a < b else 1
                    return -r if desc else r
            return x[1] - y[1]

        from functools import cmp_to_key

        return [i for _, i in sorted(keyed, key=cmp_to_key(cmp))]


def _dp(parts: list[Any], d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, n in enumerate(("year", "month", "day")):
        if i < len(parts) and parts[i] not in (None, "", 0, "0"):
            out[n] = parts[i]
    if d.get("season") and "month" not in out:
        out["season"] = d["season"]
    return out


def _sp(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _sp_particle(ndp: str, family: str) -> str:
    if not ndp:
        return family
    if ndp.endswith(("'", "\u2019", "-")):
        return ndp + family
    return ndp + " " + family


_MARKERS = frozenset(mk.ALL_MARKERS + tx.NOCASE[0] + tx.NOCASE[1])


def _initialize(given: str, mark: str, full: bool, hyphen: bool) -> str:
    """citeproc-js's algorithm (:mod:`refs.render.initials`) for plain given names;
    names carrying formatting markers take the older path below, which keeps them."""
    if not _MARKERS.intersection(given):
        return initials.initialize(given, mark, not full, hyphen)
    return _initialize_marked(given, mark, full, hyphen)


def _initialize_marked(given: str, mark: str, full: bool, hyphen: bool) -> str:
    """Initials for given names (``John Ronald`` → ``J. R.``); with ``full`` false only
    existing initials are normalised (``initialize="false"``: ``J.R.`` → ``J. R.``,
    ``Stephen`` kept)."""
    tight = mark.rstrip()
    out = ""
    tokens = [t for t in re.split(r"\s+|(?<=\.)(?=[^\s.-])", given.strip()) if t]
    for tok in tokens:
        subs = [x for x in tok.split("-")] if "-" in tok.strip("-") else [tok]
        rendered: list[str] = []
        kinds: list[str] = []
        for s in subs:
            core = s.rstrip(".")
            if not core:
                continue
            if not core[0].isupper():
                if full and len(subs) > 1:
                    continue  # "Min-jun" initialises to "M." as citeproc-js does
                rendered.append(s)
                kinds.append("word")
            elif len(core) == 1 or full:
                rendered.append(core[0])
                kinds.append("init")
            else:
                rendered.append(s)
                kinds.append("word")
        if not rendered:
            continue
        if all(k == "init" for k in kinds):
            if len(rendered) > 1:
                piece = ("-" if hyphen else "").join(r + tight for r in rendered)
                piece += mark[len(tight):]
            else:
                piece = rendered[0] + mark
            out += piece
        else:
            word = "-".join(rendered)
            if out and not out.endswith(" "):
                out += " "
            out += word + " "
    return out.strip()
