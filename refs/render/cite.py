"""In-text citations: a document's citation clusters in any CSL style.

A :class:`Document` holds one engine (style + locale), the registered items and
the citation clusters in document order. From them it computes, the way
citeproc-js does:

- positions: first, subsequent, ibid, ibid-with-locator, near-note and the
  first-reference-note-number of every cite (a cite may also carry them as given);
- disambiguation over all registered items: names added (``disambiguate-add-names``),
  given names added under every ``givenname-disambiguation-rule``, the
  ``disambiguate="true"`` condition, year suffixes (in bibliography order);
- citation numbers in bibliography order, cites sorted by the citation's cs:sort;
- cite grouping and collapsing (``citation-number``, ``year``, ``year-suffix``,
  ``year-suffix-ranged``) with their delimiters;
- suppress-author and author-only cites, prefixes, suffixes and locators.

Every citation's text is computed from the whole document, so an earlier citation
changes when a later one makes it ambiguous. The bibliography comes from the same
object, with the same year suffixes and added names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from refs.keys import letter_suffix
from refs.model import Record
from refs.render import api
from refs.render import markup as mk
from refs.render import text as tx
from refs.render.engine import NAME_VARS, NS, St, name_key

POSITIONS = ("first", "subsequent", "ibid", "ibid-with-locator")
_LOCATOR_TERMS = ("act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
                  "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
                  "rule", "scene", "section", "sub-verbo", "supplement", "table", "title-locator", "verse",
                  "volume")
_GIVEN_RULES = ("all-names", "all-names-with-initials", "primary-name", "primary-name-with-initials",
                "by-cite")


class CiteError(ValueError):
    """A cite or cluster that cannot be used (unknown item id, bad field)."""


@dataclass
class Cite:
    """One cited item inside a citation cluster."""

    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_only: bool = False
    position: str | None = None  # given: used as is
    near_note: bool | None = None
    first_note: int | None = None  # given first-reference-note-number

    @classmethod
    def from_dict(cls, d: dict[str, Any] | str) -> Cite:
        """A cite from citeproc-js's JSON shape (``id``, ``locator``, ``label``,
        ``prefix``, ``suffix``, ``suppress-author``, ``author-only``, ``position``
        (0-3 or a name), ``near-note``, ``first-reference-note-number``)."""
        if isinstance(d, str):
            return cls(id=d)
        if not isinstance(d, dict) or d.get("id") in (None, ""):
            raise CiteError(f"a cite needs an id: {d!r}")
        pos = d.get("position")
        if isinstance(pos, int) and not isinstance(pos, bool):
            if not 0 <= pos < len(POSITIONS):
                raise CiteError(f"cite {d['id']!r}: position must be 0-3, not {pos}")
            pos = POSITIONS[pos]
        elif pos is not None and pos not in POSITIONS:
            raise CiteError(f"cite {d['id']!r}: unknown position {pos!r}")
        loc = d.get("locator")
        frnn = d.get("first-reference-note-number")
        return cls(id=str(d["id"]), locator=None if loc in (None, "") else str(loc),
                   label=d.get("label") or None, prefix=str(d.get("prefix") or ""),
                   suffix=str(d.get("suffix") or ""), suppress_author=bool(d.get("suppress-author")),
                   author_only=bool(d.get("author-only")), position=pos,
                   near_note=None if d.get("near-note") is None else bool(d.get("near-note")),
                   first_note=None if frnn in (None, "") else int(frnn))


@dataclass
class Cluster:
    """A citation: its cites and the note it sits in (0 in running text)."""

    cites: list[Cite]
    note: int = 0
    id: str | None = None


@dataclass
class _Dis:
    """An item's disambiguation state."""

    names: int = 0
    levels: dict[str, int] = field(default_factory=dict)  # given-name expansion per person
    disamb: bool = False
    suffix: str = ""


@dataclass
class _Placed:
    """A cite with what the document decided for it."""

    cite: Cite
    index: int  # item index
    position: str = "first"
    near_note: bool = False
    first_note: int | None = None


class Document:
    """Citations and a bibliography over one style, locale and set of items.

    >>> doc = Document(items, style="apa")
    >>> doc.add([{"id": "asmus2002", "locator": "210"}])
    >>> doc.citations()            # ['(Asmus, 2002, p. 210)']
    >>> doc.bibliography("text")
    """

    def __init__(self, records: Iterable[Record | dict[str, Any]] = (), style: str = "apa",
                 locale: str | None = None, compute_positions: bool = True) -> None:
        self.eng = api.get_engine(style, locale)
        self.items: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self.clusters: list[Cluster] = []
        self.compute_positions = compute_positions
        self._state: tuple[Any, ...] | None = None
        cit = self.eng.cit
        self.opts: dict[str, str] = dict(cit.attrib) if cit is not None else {}
        self.layout = cit.find(f"{NS}layout") if cit is not None else None
        self.uses_disamb = cit is not None and any(
            el.get("disambiguate") for el in self.eng.tree.iter(f"{NS}if", f"{NS}else-if"))
        self.register(records)

    # -- input ------------------------------------------------------------------------
    def register(self, records: Iterable[Record | dict[str, Any]], prepared: bool = False) -> None:
        """Add items (cited or not): they get citation numbers and take part in
        disambiguation. ``prepared``: CSL-JSON already passed through
        :func:`refs.render.api.prepare`."""
        for r in records:
            item = r if prepared else api.prepare(api._item_of(r))  # type: ignore[arg-type]
            key = str(item.get("id", ""))
            if key in self.index:
                self.items[self.index[key]] = item
            else:
                self.index[key] = len(self.items)
                self.items.append(item)
        self._state = None

    def add(self, cites: Iterable[Cite | dict[str, Any] | str], note: int = 0,
            citation_id: str | None = None) -> int:
        """Append a citation cluster (or replace the one with the same ``citation_id``);
        returns its position in the document."""
        cluster = Cluster([c if isinstance(c, Cite) else Cite.from_dict(c) for c in cites], note,
                          citation_id)
        for c in cluster.cites:
            if c.id not in self.index:
                raise CiteError(f"unknown item id {c.id!r}")
        self._state = None
        if citation_id is not None:
            for k, old in enumerate(self.clusters):
                if old.id == citation_id:
                    self.clusters[k] = cluster
                    return k
        self.clusters.append(cluster)
        return len(self.clusters) - 1

    def set_clusters(self, clusters: list[Cluster]) -> None:
        """Replace the whole document (clusters in document order)."""
        for n, cl in enumerate(clusters, 1):
            for c in cl.cites:
                if c.id not in self.index:
                    raise CiteError(f"cluster {n}: unknown item id {c.id!r}")
        self.clusters = list(clusters)
        self._state = None

    # -- output -----------------------------------------------------------------------
    def citations(self, fmt: str = "text") -> list[str]:
        """Every citation's text, in document order."""
        if fmt not in api.FORMATS:
            raise api.RenderError(f"unknown format {fmt!r} (choose {', '.join(api.FORMATS)})")
        raws = self._compute()[2]
        terms = self.eng.quote_terms
        conv = {"text": mk.to_text, "html": mk.to_html, "markdown": mk.to_markdown}[fmt]
        return [conv(r, terms) if r else "" for r in raws]

    def bibliography_entries(self) -> list[api.Entry]:
        """The bibliography of the registered items, with the citations' year
        suffixes and added names."""
        dis = self._compute()[1]
        return api.bibliography_of(self.eng, self.items,
                                   {i: d.suffix for i, d in enumerate(dis) if d.suffix},
                                   {i: d.names for i, d in enumerate(dis) if d.names},
                                   {i for i, d in enumerate(dis) if d.disamb}, self._order)

    def bibliography(self, fmt: str = "text") -> str:
        return api.bibliography(self.bibliography_entries(), fmt)

    # -- the computation ----------------------------------------------------------------
    def _compute(self) -> tuple[list[int], list[_Dis], list[str]]:
        if self._state is None:
            # before sorting, items stand in order of first citation, then the uncited in
            # registration order (citeproc-js): an unsorted bibliography, and
            # citation-number keys, follow the citations
            base: list[int] = []
            seen: set[int] = set()
            for cl in self.clusters:
                for c in cl.cites:
                    i = self.index[c.id]
                    if i not in seen:
                        seen.add(i)
                        base.append(i)
            base += [i for i in range(len(self.items)) if i not in seen]
            if self.eng.bib is not None:
                perm = self.eng.sort([self.items[i] for i in base])
                order = [base[j] for j in perm]
            else:
                order = base
            numbers = [0] * len(self.items)
            for pos, i in enumerate(order):
                numbers[i] = pos + 1
            self._numbers = numbers
            self._order = order
            dis = self._disambiguate(order)
            self._dis = dis
            placed = self._positions()
            raws = [self._cluster(cl, pl) for cl, pl in zip(self.clusters, placed, strict=True)]
            self._state = (numbers, dis, raws)
        return self._state

    # positions -----------------------------------------------------------------------
    def _positions(self) -> list[list[_Placed]]:
        distance = int(self.opts.get("near-note-distance", "5") or 5)
        first_note: dict[int, int] = {}
        last_note: dict[int, int] = {}
        # citations in running text (note 0) and in notes are two streams: "ibid" looks
        # back within its own stream, at the previous note as a whole
        prev_note: dict[bool, int | None] = {True: None, False: None}
        prev_cites: dict[bool, list[_Placed]] = {True: [], False: []}
        cur_cites: dict[bool, list[_Placed]] = {True: [], False: []}
        out: list[list[_Placed]] = []
        for cl in self.clusters:
            stream = cl.note > 0
            if not stream or prev_note[stream] != cl.note:
                if cur_cites[stream]:
                    prev_cites[stream] = cur_cites[stream]
                cur_cites[stream] = []
            prev_note[stream] = cl.note
            row: list[_Placed] = []
            for k, c in enumerate(cl.cites):
                i = self.index[c.id]
                p = _Placed(c, i)
                if self.compute_positions:
                    if i not in first_note:
                        p.position = "first"
                    else:
                        p.first_note = first_note[i]
                        p.near_note = cl.note - last_note[i] <= distance
                        before: _Placed | None = None
                        if k > 0:
                            before = row[k - 1]
                        else:
                            back = cur_cites[stream] or prev_cites[stream]
                            if back and len({q.index for q in back}) == 1:
                                before = back[-1]
                        p.position = "subsequent"
                        if before is not None and before.index == i:
                            p.position = _ibid(before.cite, c)
                if c.position is not None:
                    p.position = c.position
                if c.near_note is not None:
                    p.near_note = c.near_note
                if c.first_note is not None:
                    p.first_note = c.first_note
                first_note.setdefault(i, cl.note)
                last_note[i] = cl.note
                row.append(p)
            cur_cites[stream] = cur_cites[stream] + row
            out.append(row)
        return out

    # disambiguation -------------------------------------------------------------------
    def _levels_of(self, d: _Dis) -> dict[str, int] | None:
        if not d.levels:
            return self._global_levels
        if not self._global_levels:
            return d.levels
        merged = dict(self._global_levels)
        for k, v in d.levels.items():
            merged[k] = max(v, merged.get(k, 0))
        return merged

    def _dis_text(self, i: int, d: _Dis) -> str:
        if self.layout is None:
            return ""
        st = St(item=self.items[i], area="citation", number=self._numbers[i], position="subsequent",
                add_names=d.names, disamb=d.disamb, given_levels=self._levels_of(d),
                givens_primary=self._primary)
        return mk.strip(tx.join(self.layout.parts(st)))

    def _people(self, i: int) -> list[dict[str, Any]]:
        item = self.items[i]
        out: list[dict[str, Any]] = []
        for v in NAME_VARS:
            out.extend(item.get(v) or [])
        return out

    def _expansions(self, g: list[int], lvl: int, primary: bool) -> dict[int, dict[str, int]]:
        """Given-name levels that set apart the names of look-alike cites: a name is
        expanded where another cite has someone else with the same family name in the
        same place."""
        people = {i: self._people(i) for i in g}
        out: dict[int, dict[str, int]] = {}
        for i in g:
            lv: dict[str, int] = {}
            for p, nm in enumerate(people[i]):
                if primary and p > 0:
                    break
                fam = nm.get("family") or nm.get("literal")
                key = name_key(nm)
                for j in g:
                    if j != i and p < len(people[j]):
                        other = people[j][p]
                        if (other.get("family") or other.get("literal")) == fam and name_key(other) != key:
                            lv[key] = lvl
                            break
            out[i] = lv
        return out

    def _disambiguate(self, order: list[int]) -> list[_Dis]:
        n = len(self.items)
        dis = [_Dis() for _ in range(n)]
        eng = self.eng
        self._global_levels: dict[str, int] | None = None
        self._primary = False
        if self.layout is None or not (eng.add_names or eng.add_givenname or eng.year_suffix
                                       or self.uses_disamb):
            return dis
        rule = self.opts.get("givenname-disambiguation-rule", "by-cite")
        if rule not in _GIVEN_RULES:
            rule = "by-cite"
        self._primary = rule.startswith("primary-name")
        if eng.add_givenname and rule != "by-cite":
            self._global_levels = self._all_names_levels(rule.endswith("with-initials"),
                                                         rule == "primary-name-with-initials")
        texts = [self._dis_text(i, dis[i]) for i in range(n)]

        def clashes(members: Iterable[int]) -> list[list[int]]:
            groups: dict[str, list[int]] = {}
            for i in members:
                groups.setdefault(texts[i], []).append(i)
            return [g for g in groups.values() if len(g) > 1]

        pending = clashes(range(n))
        by_cite = eng.add_givenname and rule == "by-cite"
        if (eng.add_names or by_cite) and pending:
            cap = 1 if rule.endswith("with-initials") else 2
            primary = rule.startswith("primary-name")
            nxt = []
            for g in pending:
                most = max(len(self._people(i)) for i in g) if eng.add_names else 0
                # each item keeps the fewest names (then the smallest given-name
                # expansion) that leaves it the fewest look-alikes
                best: dict[int, tuple[int, int, int]] = {i: (len(g) - 1, 0, 0) for i in g}
                chosen: dict[int, _Dis] = {i: dis[i] for i in g}
                for k in [0] + list(range(1, most + 1)):
                    for lvl in ([0] + list(range(1, cap + 1))) if by_cite else [0]:
                        if k == 0 and lvl == 0:
                            continue
                        exp = self._expansions(g, lvl, primary) if lvl else {}
                        cand = {i: _Dis(names=k, levels=exp.get(i) or {}) for i in g}
                        ctext = {i: self._dis_text(i, cand[i]) for i in g}
                        for i in g:
                            clash = sum(1 for j in g if j != i and ctext[j] == ctext[i])
                            if clash < best[i][0]:
                                best[i] = (clash, k, lvl)
                                chosen[i] = cand[i]
                        if all(b[0] == 0 for b in best.values()):
                            break
                    if all(b[0] == 0 for b in best.values()):
                        break
                for i in g:
                    dis[i] = chosen[i]
                    texts[i] = self._dis_text(i, dis[i])
                nxt.extend(clashes(g))
            pending = nxt
        if self.uses_disamb and pending:
            nxt = []
            for g in pending:
                for i in g:
                    dis[i].disamb = True
                    texts[i] = self._dis_text(i, dis[i])
                nxt.extend(clashes(g))
            pending = nxt
        if eng.year_suffix and pending:
            rank = {i: pos for pos, i in enumerate(order)}
            for g in pending:
                for k, i in enumerate(sorted(g, key=rank.__getitem__)):
                    dis[i].suffix = letter_suffix(k)
        return dis

    def _all_names_levels(self, initials_only: bool, primaries: bool = False) -> dict[str, int]:
        """Document-wide rules (all-names, primary-name): a person who shares a family
        name with someone else named in another item gets initials, or the full given
        name when initials do not tell them apart (for primary-name rules, only where
        the person comes first: see St.givens_primary). ``primaries``: only first
        names count as namesakes (primary-name-with-initials, as citeproc-js)."""
        people: dict[str, dict[str, dict[str, Any]]] = {}
        where: dict[str, set[int]] = {}
        for i, it in enumerate(self.items):
            for v in NAME_VARS:
                names = it.get(v) or []
                if primaries:
                    if v != "author" and it.get("author"):
                        continue
                    names = names[:1]
                for nm in names:
                    if nm.get("literal") or not nm.get("family"):
                        continue
                    fam = (nm.get("non-dropping-particle", "") + " " + nm["family"]).strip()
                    key = name_key(nm)
                    people.setdefault(fam, {})[key] = nm
                    where.setdefault(key, set()).add(i)
        levels: dict[str, int] = {}
        for persons in people.values():
            if len(persons) < 2:
                continue
            givens = {k: str(p.get("given", "")) for k, p in persons.items()}
            inits = {k: "".join(w[:1] for w in re.split(r"[\s.\-]+", g) if w) for k, g in givens.items()}
            for k in persons:
                # someone else of that name in an item this person is not in
                if not any(where[j] - where[k] for j in persons if j != k):
                    continue
                same = sum(1 for j in persons if inits[j] == inits[k])
                if same == 1:
                    levels[k] = 1
                elif not initials_only:
                    levels[k] = 2
        return levels

    # rendering -----------------------------------------------------------------------
    def _render_cite(self, p: _Placed, suppress_author: bool = False, first: bool = True) -> tuple[str, str]:
        """(cite text without affixes, author text) of one cite."""
        c = p.cite
        item = self.items[p.index]
        extra = {}
        if c.locator is not None:
            label, locator = self._locator_label(c, item)
            extra["locator"] = locator
            extra["label"] = label
        if p.first_note is not None and p.position != "first":
            extra["first-reference-note-number"] = str(p.first_note)
        if extra:
            item = {**item, **extra}
        d = self._dis[p.index]
        st = St(item=item, area="citation", number=self._numbers[p.index], year_suffix=d.suffix,
                add_names=d.names, disamb=d.disamb, given_levels=self._levels_of(d), position=p.position,
                givens_primary=self._primary,
                near_note=p.near_note, suppress_author=suppress_author or c.suppress_author,
                author_only=c.author_only,
                cite_first=_sentence_prefix(c.prefix) if c.prefix.strip() else first)
        assert self.layout is not None
        text = tx.join(self.layout.parts(st))
        if c.author_only:
            text = st.author_text or ""
        return text, mk.strip(st.author_text or "")

    def _locator_label(self, c: Cite, item: dict[str, Any]) -> tuple[str, str]:
        """The cite's label and locator; a page locator that starts with a label's short
        form ("vol. 1, fol. 186") takes that label, as citeproc-js parses it."""
        locator = c.locator.strip() if c.locator else ""
        label = c.label or "page"
        if label == "page" and item.get("type") not in ("bill", "gazette", "legislation", "regulation",
                                                         "treaty"):
            m = re.match(r"([^\W\d]+\.?)\s+(?=\S)", locator)
            if m:
                found = self._label_terms().get(m.group(1).lower())
                if found:
                    return found, locator[m.end():]
        return label, locator

    def _label_terms(self) -> dict[str, str]:
        cache = getattr(self, "_labels_cache", None)
        if cache is None:
            cache = {}
            for name in _LOCATOR_TERMS:
                for plural in (False, True):
                    t = self.eng.locale.term(name, "short", plural)
                    if t and t.endswith(".") and name != "page":
                        cache.setdefault(t.lower(), name)
            self._labels_cache = cache
        return cache

    def _affixed(self, c: Cite, text: str) -> str:
        if not text:
            return ""
        pre = tx.smart_quotes(mk.field_markup(c.prefix)) if c.prefix else ""
        suf = tx.smart_quotes(mk.field_markup(c.suffix)) if c.suffix else ""
        return pre + text + suf

    def _cluster(self, cl: Cluster, placed: list[_Placed]) -> str:
        if self.layout is None or not placed:
            return ""
        if len(placed) > 1 and self.eng.cite_sort_keys:
            items = [self.items[p.index] for p in placed]
            for k, p in enumerate(placed):
                if p.cite.locator is not None:
                    items[k] = {**items[k], "locator": p.cite.locator}
            order = self.eng.sort(items, [self._numbers[p.index] for p in placed], citation=True)
            placed = [placed[k] for k in order]
        delim = self.layout.get("delimiter", "")
        collapse = self.opts.get("collapse", "")
        rendered = [self._render_cite(p, first=k == 0) for k, p in enumerate(placed)]
        if collapse == "citation-number":
            body = self._collapse_numbers(placed, rendered, delim)
        else:
            body = self._collapse_names(placed, rendered, delim, collapse)
        if not body:
            return ""
        # the layout's affixes go inside its formatting (citeproc-js: "<b>([1]–[3])</b>")
        la = self.layout.a
        if not all(p.cite.author_only for p in placed):
            # (an author-only citation is the names alone, as citeproc-js gives them)
            body = tx.affix(body, la.get("prefix", ""), la.get("suffix", ""))
        out = self.layout.decorate(body, St(item={}, area="citation", emitted=True), affixes=False) or ""
        if self.eng.piq:
            out = tx.punctuation_in_quote(out)
        return out.replace(tx.NOCASE[0], "").replace(tx.NOCASE[1], "")

    def _collapse_numbers(self, placed: list[_Placed], rendered: list[tuple[str, str]], delim: str) -> str:
        after = self.opts.get("after-collapse-delimiter", delim)
        runs: list[list[int]] = []
        for k, p in enumerate(placed):
            c = p.cite
            plain = not (c.prefix or c.suffix or c.locator is not None)
            num = self._numbers[p.index]
            if runs and plain and runs[-1][-1] >= 0:
                lk = runs[-1][-1]
                if self._numbers[placed[lk].index] + 1 == num and _plain(placed[lk].cite):
                    runs[-1].append(k)
                    continue
            runs.append([k] if plain else [k, -1])
        pieces: list[tuple[str, bool]] = []
        for run in runs:
            run = [k for k in run if k >= 0]
            if len(run) >= 3:
                first, last = rendered[run[0]][0], rendered[run[-1]][0]
                pieces.append((first + "\u2013" + last, True))
            else:
                for k in run:
                    t = self._affixed(placed[k].cite, rendered[k][0])
                    if t:
                        pieces.append((t, False))
        return _join_pieces(pieces, delim, after)

    def _collapse_names(self, placed: list[_Placed], rendered: list[tuple[str, str]], delim: str,
                        collapse: str) -> str:
        group_delim = self.opts.get("cite-group-delimiter")
        collapsing = collapse in ("year", "year-suffix", "year-suffix-ranged")
        if not (collapsing or group_delim is not None) or len(placed) < 2:
            pieces = [(self._affixed(p.cite, r[0]), False) for p, r in zip(placed, rendered, strict=True)]
            return _join_pieces(pieces, delim, delim)
        if group_delim is None:
            # citeproc-js: ", " between the years of an in-text citation, the layout's
            # delimiter in notes and between year-suffix runs
            group_delim = ", " if self.eng.in_text else delim
        after = self.opts.get("after-collapse-delimiter", delim) if collapsing else delim
        ys_delim = self.opts.get("year-suffix-delimiter", self.opts.get("cite-group-delimiter", delim))
        groups: list[list[int]] = []
        where: dict[str, int] = {}
        for k, (_, author) in enumerate(rendered):
            # cites without names group together too (a citation of years only)
            if author in where:
                groups[where[author]].append(k)
            else:
                where[author] = len(groups)
                groups.append([k])
        pieces: list[tuple[str, bool]] = []
        for g in groups:
            if len(g) == 1 or not collapsing:
                texts = [self._affixed(placed[k].cite, rendered[k][0]) for k in g]
                pieces.append((tx.join([t for t in texts if t], group_delim), len(g) > 1))
                continue
            # runs of cites: (text, year-suffixes joined to it, plain)
            runs: list[tuple[str, list[str], bool]] = []
            prev_year = None
            for k in g:
                p = placed[k]
                d = self._dis[p.index]
                bare = self._render_cite(p, suppress_author=True)[0]
                year = mk.strip(bare).replace(d.suffix, "", 1) if d.suffix else None
                plain = _plain(p.cite)
                if (collapse != "year" and d.suffix and plain and year == prev_year and runs
                        and runs[-1][2]):
                    runs[-1][1].append(d.suffix)
                    continue
                prev_year = year if (d.suffix and plain) else None
                text = rendered[k][0] if k == g[0] else bare
                if not text:
                    continue
                runs.append((self._affixed(p.cite, text), [d.suffix] if d.suffix else [], plain))
            out = ""
            for n, (text, sufs, _plain_run) in enumerate(runs):
                piece = text
                if len(sufs) > 1:
                    tokens = _suffix_tokens(sufs, collapse == "year-suffix-ranged")
                    if tokens[0].startswith(sufs[0] + "\u2013"):
                        piece = text + tokens[0][len(sufs[0]):]
                        tokens = tokens[1:]
                    else:
                        tokens = tokens[1:]
                    piece = tx.join([piece] + tokens, ys_delim)
                if n == 0:
                    out = piece
                else:
                    _, prev_sufs, prev_plain = runs[n - 1]
                    if len(prev_sufs) > 1:
                        sep = after  # after a run of collapsed year suffixes
                    elif prev_plain or "after-collapse-delimiter" not in self.opts:
                        sep = group_delim
                    else:
                        sep = after  # after a cite with a locator (Chicago's "; ")
                    out = tx.concat(tx.concat(out, sep), piece)
            pieces.append((out, True))
        return _join_pieces(pieces, delim, after)


def _suffix_tokens(sufs: list[str], ranged: bool) -> list[str]:
    """Year suffixes as shown after collapsing: "a", "c–e" (ranges of three or more
    consecutive letters when ``ranged``)."""
    if not ranged:
        return list(sufs)
    out: list[str] = []
    run = [sufs[0]]
    for x in sufs[1:]:
        if len(x) == 1 and len(run[-1]) == 1 and ord(x) == ord(run[-1]) + 1:
            run.append(x)
        else:
            out.extend([run[0] + "\u2013" + run[-1]] if len(run) >= 3 else run)
            run = [x]
    out.extend([run[0] + "\u2013" + run[-1]] if len(run) >= 3 else run)
    return out


def _sentence_prefix(prefix: str) -> bool:
    """A prefix that ends a sentence ("He said “Please work.” "): the cite starts a
    new one, so its first term is capitalised. One word with a period is not enough
    (citeproc-js: "Nocapsafter. ibid.")."""
    return bool(re.search(r"[.!?][\u201d\u2019\"']?\s*$", prefix)) and len(prefix.split()) > 1


def _plain(c: Cite) -> bool:
    return not (c.prefix or c.suffix or c.locator is not None)


def _ibid(before: Cite, cur: Cite) -> str:
    a = (before.locator, before.label or "page") if before.locator is not None else None
    b = (cur.locator, cur.label or "page") if cur.locator is not None else None
    if b is None:
        return "ibid" if a is None else "subsequent"
    if a is None:
        return "ibid-with-locator"
    return "ibid" if a == b else "ibid-with-locator"


def _join_pieces(pieces: list[tuple[str, bool]], delim: str, after: str) -> str:
    out = ""
    prev_collapsed = False
    for text, collapsed in pieces:
        if not text:
            continue
        if out and mk.strip(text)[:1] in (",", ".", ";", ":"):
            # a cite whose prefix starts with punctuation replaces the delimiter
            out = tx.concat(out, text)
        elif out:
            sep = after if prev_collapsed else delim
            if mk.strip(out)[-1:] in (",", ";", ":"):
                # a suffix ending in punctuation keeps it; the delimiter adds only its space
                sep = sep.lstrip(",;.:")
            out = tx.concat(tx.concat(out, sep), text)
        else:
            out = text
        prev_collapsed = collapsed
    return out


def clusters_from_json(data: Any) -> list[Cluster]:
    """Clusters from citeproc-js's shape: a list of ``{"citationItems": [...],
    "properties": {"noteIndex": N}, "citationID": ...}`` (a bare list of cites
    is one cluster too). Errors name the cluster."""
    if not isinstance(data, list):
        raise CiteError("the clusters must be a JSON array")
    out = []
    for n, cl in enumerate(data, 1):
        if isinstance(cl, list):
            cl = {"citationItems": cl}
        if not isinstance(cl, dict) or not isinstance(cl.get("citationItems"), list):
            raise CiteError(f"cluster {n}: expected an object with a citationItems array")
        props = cl.get("properties") or {}
        try:
            note = int(props.get("noteIndex") or 0)
        except (TypeError, ValueError):
            raise CiteError(f"cluster {n}: noteIndex must be a number") from None
        try:
            cites = [Cite.from_dict(c) for c in cl["citationItems"]]
        except (CiteError, TypeError, ValueError) as exc:
            raise CiteError(f"cluster {n}: {exc}") from None
        cid = cl.get("citationID")
        out.append(Cluster(cites, note, None if cid is None else str(cid)))
    return out
