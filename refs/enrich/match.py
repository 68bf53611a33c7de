"""Is this candidate the work the record describes? Verification, precision first.

A wrong DOI is worse than no DOI: it silently turns a correct reference into a citation
of a different work. So a search hit is accepted only when every check that *can* be
made agrees, and any check that disagrees rejects it outright:

* **title**: similar after folding case, accents, punctuation and markup; a subtitle
  may be missing on either side (then the main titles must match), but when both sides
  have one they must match too. Numbers (volume/part numbers, years, roman numerals)
  must be the same, and a correction, erratum, retraction, reply or review of a work is
  never that work (known by its title or subtitle, a "(vol, pg, year)" citation in its
  title, Crossmark's ``update-to`` or a Crossref relation such as ``is-supplement-to``).
* **first author**: the family names agree (accent- and case-folded; a near spelling
  such as a transliteration passes only for long names). Editors stand in for authors
  when the record has none.
* **year**: within one (print vs online dates). A record without one must be placed by
  something else (ISBN; for articles and chapters their container, volume or pages),
  since another year's same-titled work (an edition, an update) is otherwise a match.
* **type**: compatible (a book is not its review nor one of its chapters; a journal
  article is not a book of the same title, nor the conference paper it extends).
* **container**: when both have one, the same journal/book/proceedings (abbreviations
  allowed); **volume** and **first page** must agree when both have them.

Every accepted candidate gets a confidence in (0, 1]; the caller also demands a
minimum and rejects a result when two different works pass (ambiguous).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import jellyfish
from rapidfuzz import fuzz

from refs.model import Record, date_year, fold

#: Minimum title similarity (0..1, rapidfuzz ratio on folded text) to accept.
TITLE_MIN = 0.93
#: Below this confidence an otherwise-consistent candidate is still rejected.
MIN_CONFIDENCE = 0.85

#: Groups of CSL types that may describe the same work. A record whose type is
#: unknown (``document``) is compatible with every group.
TYPE_GROUPS: dict[str, str] = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "magazine",
    "article-newspaper": "newspaper",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "chapter": "part",
    "paper-conference": "part",
    "entry": "part",
    "entry-dictionary": "part",
    "entry-encyclopedia": "part",
    "report": "report",
    "thesis": "thesis",
    "dataset": "dataset",
    "software": "dataset",
    "standard": "standard",
    "manuscript": "manuscript",
    "post": "post",
    "post-weblog": "post",
    "webpage": "post",
}

#: Pairs of groups that are compatible although distinct (a report published as a
#: book, a preprint "manuscript" vs its article is NOT compatible: different works).
COMPATIBLE = {frozenset({"report", "book"}), frozenset({"magazine", "article"}),
              frozenset({"newspaper", "magazine"})}

#: Record types too vague to judge compatibility.
VAGUE_TYPES = {"document", "", "article"}

#: Candidate types never accepted as a match for a bibliographic record.
NEVER_TYPES = {"journal", "journal-issue", "journal-volume", "component", "peer-review",
               "book-series", "book-set", "proceedings", "report-series", "grant",
               "database", "other"}

#: Title prefixes that make a work *about* another work (an erratum, a review ...).
DERIVED = re.compile(
    r"^(?:correction|corrigendum|corrigenda|erratum|errata|retraction|retracted|expression of concern|"
    r"withdrawn|reply|response|rejoinder|comment|comments|commentary|authors? reply|"
    r"review of|book review|review|reviewed work|addendum|author correction|publisher correction|"
    r"editorial expression|notice of retraction|discussion of|discussion)\b",
    re.I,
)

#: Titles of recurring pieces (one per issue or volume): never identified by title alone.
STOCK_TITLE = re.compile(
    r"^(?:editorial|editor s (?:note|introduction|message)|guest editor|preface|foreword|introduction|"
    r"in memoriam|obituary|letter from|letters|message from|chair s message|president s (?:message|column)|"
    r"treasurer s message|announcement|news|calendar|book reviews?|reviewers|acknowledg|index|contents|"
    r"table of contents|front matter|back matter|masthead|erratum|errata|corrigendum)\b", re.I)

#: Crossmark update types that make a work a notice about another work. ("new_edition"
#: and "new_version" are works in their own right.)
NOTICE_UPDATES = {"addendum", "clarification", "correction", "corrigendum", "erratum",
                  "expression_of_concern", "partial_retraction", "removal", "retraction", "withdrawal"}

#: A subtitle (or title tail) that makes a work a reply to, or a comment on, its title's work.
DERIVED_SUBTITLE = re.compile(
    r"^(?:(?:an?|the|our|authors?)\s+)*(?:"
    r"(?:reply|replies|rejoinder)\b"
    r"|(?:response|responses|comment|comments|commentary)\s+(?:to|on)\s+(?:our|my|the\s+)?"
    r"(?:critics|commentators|comments|commentaries|reviewers|discussants|discussion)\b"
    r"|(?:correction|corrigendum|erratum|addendum|retraction)(?:\s+notice)?$)", re.I)

#: A parenthesised citation of another work inside a title: the erratum style "Title
#: (vol 12, pg 345, 2019)" used by some indexes and publishers.
CITED_NOTE = re.compile(r"\((?:vol|volume|v)\.?\s*[a-z]?\d+[^()]*\b(?:pg|pp?|pages?)\.?\s*[a-z]?\d+", re.I)

#: Record types that stand alone and are re-issued under the same title (editions,
#: yearly reports): without a year, nothing tells the versions apart.
STANDALONE_GROUPS = {"book", "report", "thesis", "dataset", "standard"}

_TAGS = re.compile(r"<[^>]+>")
_SUBTITLE_SPLIT = re.compile(r"\s*(?::|\s[-\u2013\u2014]\s|[.?!]\s)\s*")
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_STOP = {"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "le", "der", "die", "und", "et", "&"}


def clean_title(text: Any) -> str:
    """A title as plain text: Crossref lists joined, JATS/HTML markup and entities removed,
    BibTeX protective braces dropped."""
    if isinstance(text, list):
        text = " ".join(str(t) for t in text if t)
    text = html.unescape(_TAGS.sub("", str(text or "")))
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def split_title(title: str) -> tuple[str, str]:
    """``(main, subtitle)`` split at the first colon, spaced dash or sentence end."""
    parts = _SUBTITLE_SPLIT.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0], parts[1]
    return title, ""


_ORDINAL_LEAD = {"part", "vol", "volume", "book", "chapter", "no", "number", "section", "tome", "band",
                 "teil", "livre", "tomo", "parte"}


def _numbers(text: str) -> set[str]:
    """Numbers in a title (digits, roman numerals; a lone "I" or "V" only after "part",
    "volume" ...): two works whose titles differ only there are different works."""
    out = set()
    prev = ""
    for tok in fold(text).split():
        if tok.isdigit():
            out.add(str(int(tok)))
        elif _ROMAN.match(tok) and (len(tok) > 1 or prev in _ORDINAL_LEAD):
            out.add("r" + tok)
        prev = tok
    return out


def _same_numbers(rec_title: str, cand_title: str, cand_full: str, how: str) -> bool:
    """Whether the titles carry the same numbers, ignoring a subtitle present on one side
    only (when matched without it) and numbers in a parenthesised note on one side only."""
    if _numbers(rec_title) == _numbers(cand_full):
        return True
    if how.startswith("main title"):
        return _numbers(split_title(rec_title)[0]) == _numbers(split_title(cand_title)[0])
    if how == "without parenthesised notes":
        bare_r, bare_c = strip_notes(rec_title), strip_notes(cand_full)
        notes_r = _numbers(rec_title) - _numbers(bare_r)
        notes_c = _numbers(cand_full) - _numbers(bare_c)
        return _numbers(bare_r) == _numbers(bare_c) and not (notes_r and notes_c)
    return False


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(fold(a), fold(b)) / 100.0 if a and b else 0.0


_NOTES = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
#: Notes that name another version of a work: kept, so that they must match.
_VERSION_NOTE = re.compile(r"extended(?! abstract)|revised|abridged|version|edition|ed\.|reprint|translat|"
                           r"part\b", re.I)


def strip_notes(title: str) -> str:
    """A title without parenthesised notes: "(Tutorial)", "(abstract)", "[in Russian]";
    notes naming a version ("(extended version)", "(2nd ed.)") stay."""
    out = _NOTES.sub(lambda m: m.group(0) if _VERSION_NOTE.search(m.group(0)) else "", title).strip()
    return out or title


def title_similarity(rec_title: str, cand_title: str, cand_subtitle: str = "") -> tuple[float, str]:
    """Similarity of two titles allowing a subtitle to be missing on either side and
    parenthesised notes on either side, with a note saying how they were compared."""
    sim, how = _title_similarity(rec_title, cand_title, cand_subtitle)
    bare = (strip_notes(clean_title(rec_title)), strip_notes(clean_title(cand_title)),
            strip_notes(clean_title(cand_subtitle)))
    if sim < 1.0 and bare != (clean_title(rec_title), clean_title(cand_title), clean_title(cand_subtitle)):
        sim2, how2 = _title_similarity(*bare)
        if sim2 > sim:
            return sim2, how2 if how2 != "full" else "without parenthesised notes"
    return sim, how


def _title_similarity(rec_title: str, cand_title: str, cand_subtitle: str = "") -> tuple[float, str]:
    rec_title = clean_title(rec_title)
    cand_main = clean_title(cand_title)
    cand_sub = clean_title(cand_subtitle)
    if not cand_sub:
        cand_main, cand_sub = split_title(cand_main)
    rec_main, rec_sub = split_title(rec_title)
    cand_full = f"{cand_main}: {cand_sub}" if cand_sub else cand_main
    full = _ratio(rec_title, cand_full)
    if rec_sub and cand_sub:
        # Both have subtitles: both parts must agree (also try the unsplit forms,
        # since a colon inside a main title splits differently on each side).
        return max(full, min(_ratio(rec_main, cand_main), _ratio(rec_sub, cand_sub))), "full"
    if rec_sub or cand_sub:
        if STOCK_TITLE.match(fold(rec_sub or cand_sub)):
            # "X: Guest editor's introduction" is not X.
            return full, "full"
        main = _ratio(rec_main, cand_main)
        return max(full, main), "main title (subtitle on one side only)"
    return full, "full"


def _derived(title: str, subtitle: str = "") -> bool:
    """Whether a title names a work *about* another: "Correction to: X", "Reply to X",
    or "X: A reply to our critics" (the reply titled after the article it answers)."""
    if DERIVED.match(fold(title)) or CITED_NOTE.search(clean_title(title)):
        return True
    sub = clean_title(subtitle) or split_title(clean_title(title))[1]
    return bool(sub and DERIVED_SUBTITLE.match(fold(sub)))


def _family(name: dict[str, Any]) -> str:
    if not isinstance(name, dict):
        return fold(str(name))
    if name.get("literal") or name.get("name"):
        return fold(str(name.get("literal") or name.get("name")))
    fam = str(name.get("family", ""))
    particle = str(name.get("non-dropping-particle", ""))
    return fold(f"{particle} {fam}".strip())


def family_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two names share a family name (folded; particles optional; long names
    may differ by a transliteration-sized amount)."""
    fa, fb = _family(a), _family(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    ta, tb = fa.split(), fb.split()
    # "van der Berg" vs "Berg", "Garcia Marquez" vs "Garcia": last or first token agreement
    # of multi-part names, only when the shorter side is one long-enough token.
    for short, long_ in ((ta, tb), (tb, ta)):
        if len(short) == 1 and len(long_) > 1 and len(short[0]) >= 4 and short[0] in long_:
            return True
    ja, jb = fa.replace(" ", ""), fb.replace(" ", "")
    if ja == jb:
        return True
    if min(len(ja), len(jb)) >= 6 and jellyfish.jaro_winkler_similarity(ja, jb) >= 0.94:
        return True
    return False


def author_overlap(mine: list[Any], theirs: list[Any]) -> float | None:
    """The share of the record's names (first eight) found in the candidate's list; None
    when either side has fewer than two names (nothing to compare beyond the first)."""
    mine = [n for n in mine[:8] if isinstance(n, dict)]
    theirs = [n for n in theirs if isinstance(n, dict)]
    if len(mine) < 2 or len(theirs) < 2:
        return None
    found = sum(1 for n in mine if any(family_match(n, t) for t in theirs))
    return found / len(mine)


def _initials(given: str) -> str:
    return "".join(p[0] for p in re.split(r"[\s.\-]+", fold(given)) if p)


def given_compatible(short: str, full: str) -> bool:
    """Whether ``short`` (perhaps initials) could abbreviate ``full``."""
    a, b = _initials(short), _initials(full)
    if not a or not b:
        return True
    return b.startswith(a) or a.startswith(b)


def _container_tokens(text: str) -> list[str]:
    return [t for t in fold(clean_title(text)).split() if t not in _STOP]


#: Words a container name can gain or lose without naming another venue
#: ("SIGMOD Record" is "ACM SIGMOD Record"; "SIGMOD" is "SIGMOD Conference"). "journal"
#: is not among them: the VLDB conference is not the VLDB Journal.
GENERIC_VENUE_WORDS = {"acm", "ieee", "siam", "aaai", "usenix", "international", "intl", "proceedings",
                       "proc", "conference", "conf", "annual", "symposium", "symp", "workshop", "meeting",
                       "series", "vol", "volume", "th", "st", "nd", "rd"}
_CONFERENCE_WORDS = re.compile(r"\b(?:proc|proceedings|conference|conf|symposium|symp|workshop|congress|"
                               r"meeting|colloquium|lecture notes)\b", re.I)


def _container_variants(text: str) -> list[list[str]]:
    """Token lists for a container name: whole, and without what follows a dash, colon
    or parenthesis ("The VLDB Journal - The International Journal on ...")."""
    text = clean_title(text)
    out = [_container_tokens(text)]
    main = re.split(r"\s[-\u2013\u2014]\s|\u2014|:|\(", text, maxsplit=1)[0]
    if main != text:
        out.append(_container_tokens(main))
    return [t for t in out if t]


def _abbreviates(short: list[str], long_: list[str]) -> bool:
    """Whether every word of ``short`` is (a prefix of) a word of ``long_``, in order, the
    words of ``long_`` left over all being generic venue words."""
    i = 0
    for w in long_:
        if i < len(short) and w.startswith(short[i]):
            i += 1
        elif w not in GENERIC_VENUE_WORDS:
            return False
    return i == len(short)


def container_match(a: str, b: str) -> bool:
    """Whether two container titles name the same journal/book/proceedings: similar,
    one an abbreviation of the other (each word a prefix, ISO 4 style, generic words
    such as "ACM" or "Proceedings" optional), or one the other's acronym."""
    for ta in _container_variants(a):
        for tb in _container_variants(b):
            sa, sb = " ".join(ta), " ".join(tb)
            if sa == sb or fuzz.ratio(sa, sb) >= 90 or fuzz.token_sort_ratio(sa, sb) >= 95:
                return True
            for x, y in ((ta, tb), (tb, ta)):
                if _abbreviates(x, y):
                    return True
                if len(x) == 1 and len(x[0]) >= 3 and x[0] == "".join(w[0] for w in y):
                    return True
    return False


def conference_like(text: str) -> bool:
    """Whether a container is a proceedings volume (whose names vary too much between
    sources for a mismatch to prove anything)."""
    return bool(_CONFERENCE_WORDS.search(clean_title(text)))


@dataclass
class Candidate:
    """One possible match from a source, as CSL-JSON plus what matching needs."""

    source: str
    ident: str
    csl: dict[str, Any]
    subtitle: str = ""
    years: set[int] = field(default_factory=set)
    containers: list[str] = field(default_factory=list)
    score: float | None = None
    raw_type: str = ""
    note: str = ""
    #: Crossmark update types of the works this one updates ("correction", "erratum",
    #: "retraction" ...): a notice about another work, not a work in itself.
    updates: list[str] = field(default_factory=list)
    #: Identifiers of the works this one is a preprint or another version of.
    version_of: set[str] = field(default_factory=set)
    #: Relation types that make this a work about another ("is-review-of",
    #: "is-comment-on", "is-reply-to", "is-supplement-to").
    derived_from: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return str(self.csl.get("type", ""))

    def summary(self) -> dict[str, Any]:
        names = self.csl.get("author") or self.csl.get("editor") or []
        return {
            "source": self.source, "id": self.ident, "type": self.raw_type or self.type,
            "title": clean_title(self.csl.get("title", "")) + (f": {self.subtitle}" if self.subtitle else ""),
            "first_author": _family(names[0]) if names else "",
            "year": min(self.years) if self.years else None,
            "container": self.containers[0] if self.containers else "",
        }


@dataclass
class Verdict:
    """The outcome of verifying one candidate: accepted or not, how sure, and why."""

    accepted: bool
    confidence: float
    reasons: list[str] = field(default_factory=list)
    title_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "confidence": round(self.confidence, 3),
                "reasons": list(self.reasons)}


def types_compatible(record_type: str, cand_type: str) -> bool:
    """Whether a record of ``record_type`` may be the candidate's work (CSL types)."""
    if cand_type in NEVER_TYPES:
        return False
    if record_type in VAGUE_TYPES and record_type != "article":
        return True
    if cand_type in ("document", ""):
        return True  # the source did not say: the other checks decide (at lower confidence)
    ga, gb = TYPE_GROUPS.get(record_type), TYPE_GROUPS.get(cand_type)
    if record_type == "article":
        # CSL "article" is a preprint, a working paper or an article in press: any
        # article-ish work, never a book or a part of one. (A preprint and its journal
        # version both passing is then ambiguous, and rejected.)
        return gb in ("article", "magazine", "newspaper", "manuscript", "report", None)
    if cand_type == "article":
        # A candidate "article" is a preprint (Crossref posted-content): never the
        # journal article, chapter or book a record describes.
        return ga in ("manuscript", "report")
    if ga is None or gb is None:
        return ga == gb
    return ga == gb or frozenset({ga, gb}) in COMPATIBLE


#: Type groups of works that appear inside a container (a journal, a book, proceedings).
PART_GROUPS = {"article", "magazine", "newspaper", "part"}


def _shape_mismatch(record: Record, cand: Candidate) -> str:
    """For a record of unknown type (``document``), why the candidate cannot be it, judged
    from the record's fields: a record in a container (a journal, a book) is an article
    or a chapter, not a book, report, thesis, dataset or preprint; a record with a
    publisher and no container stands alone, and is not a chapter or an article."""
    if record.type not in ("document", ""):
        return ""
    group = TYPE_GROUPS.get(cand.type)
    if cand.type in ("document", ""):
        return ""
    if clean_title(record.csl.get("container-title", "")):
        if group not in PART_GROUPS or cand.type == "article":
            return (f"type {cand.raw_type or cand.type} has no container, and the record names one "
                    "(an article or a chapter)")
    elif record.csl.get("publisher") or record.csl.get("ISBN"):
        if group in PART_GROUPS:
            return (f"type {cand.raw_type or cand.type} is part of a container, and the record has a "
                    "publisher and none (a book or report)")
    return ""


def first_name(record: Record) -> tuple[dict[str, Any] | None, str]:
    for var in ("author", "editor"):
        names = record.csl.get(var) or []
        if names:
            return names[0], var
    return None, ""


def verify(record: Record, cand: Candidate, *, min_confidence: float = MIN_CONFIDENCE) -> Verdict:
    """Check one candidate against the record (see the module docstring for the rules)."""
    reasons: list[str] = []
    conf = 1.0

    if not types_compatible(record.type, cand.type):
        return Verdict(False, 0.0,
                       [f"type {cand.raw_type or cand.type} is not compatible with {record.type}"])
    shape = _shape_mismatch(record, cand)
    if shape:
        return Verdict(False, 0.0, [shape])

    notices = sorted(set(u.lower().replace("-", "_") for u in cand.updates) & NOTICE_UPDATES)
    if notices:
        return Verdict(False, 0.0, [f"candidate is a {notices[0].replace('_', ' ')} notice for another work"])

    # Crossref relations say outright that a work reviews, comments on or supplements
    # another: it is not that work (unless the record cites such a piece itself).
    about = [r for r in cand.derived_from
             if not (r == "is-review-of" and record.type in ("review", "review-book"))]
    if about and not _derived(clean_title(record.csl.get("title", ""))):
        return Verdict(False, 0.0,
                       [f"candidate {about[0].replace('-', ' ')} another work (Crossref relation)"])

    if cand.type in ("document", "") and record.type not in VAGUE_TYPES:
        reasons.append("candidate's type unknown")
        conf *= 0.95
    rec_title = clean_title(record.csl.get("title", ""))
    cand_title = clean_title(cand.csl.get("title", ""))
    if not rec_title or not cand_title:
        return Verdict(False, 0.0, ["no title to compare"])
    sim, how = title_similarity(rec_title, cand_title, cand.subtitle)
    if _derived(cand_title, cand.subtitle) != _derived(rec_title):
        return Verdict(False, sim * 0.5,
                       ["candidate is a correction/reply/review of the work, not the work"], sim)
    if sim < TITLE_MIN:
        return Verdict(False, sim * 0.5, [f"title differs (similarity {sim:.2f})"], sim)
    if how != "full":
        reasons.append(f"matched on {how}")
        conf *= 0.97
    conf *= 1.0 - (1.0 - sim) * 2  # 0.93 -> 0.86, 1.0 -> 1.0
    full_cand = f"{cand_title} {cand.subtitle}"
    if not _same_numbers(rec_title, cand_title, full_cand, how):
        return Verdict(False, conf * 0.5, ["numbers in the titles differ"], sim)

    # First author (editors when the record has no authors).
    unnamed = False
    rname, rvar = first_name(record)
    cnames = cand.csl.get(rvar or "author") or []
    if rvar == "editor" and not cnames:
        cnames = cand.csl.get("author") or []
    if rname is not None:
        if not cnames:
            all_names = (cand.csl.get("author") or []) + (cand.csl.get("editor") or [])
            if not all_names:
                unnamed = True
            elif not any(family_match(rname, n) for n in all_names[:3]):
                return Verdict(False, conf * 0.5,
                               [f"first {rvar} {_family(rname)!r} not among the candidate's names"], sim)
        else:
            overlap = author_overlap(record.csl.get(rvar) or [], cnames)
            if not family_match(rname, cnames[0]):
                # Order can differ between sources for the same work (a corporate author
                # first, alphabetical lists): accept the first author among the first
                # three, or anywhere when the whole lists agree, with less confidence.
                if any(family_match(rname, n) for n in cnames[1:3]):
                    reasons.append(f"first {rvar} is not first in the candidate")
                    conf *= 0.93
                elif overlap is not None and overlap >= 0.75 and any(family_match(rname, n) for n in cnames):
                    reasons.append(f"same {rvar}s in a different order")
                    conf *= 0.94
                else:
                    return Verdict(False, conf * 0.5,
                                   [f"first {rvar} {_family(rname)!r} differs from {_family(cnames[0])!r}"],
                                   sim)
            # The same first author with other co-authors is another work (a column, a
            # series of reports), however alike the titles.
            if overlap is not None and overlap < 0.5:
                return Verdict(False, conf * 0.5,
                               [f"co-{rvar}s differ ({overlap:.0%} of the record's found)"], sim)
            if overlap is not None and overlap < 0.67:
                reasons.append(f"only {overlap:.0%} of the record's {rvar}s found")
                conf *= 0.93
    else:
        reasons.append("record has no names to compare")
        conf *= 0.9

    # Year within one.
    ryear = record.year
    if ryear is not None and cand.years:
        diff = min(abs(ryear - y) for y in cand.years)
        if diff > 1:
            return Verdict(False, conf * 0.5, [f"year {ryear} vs {sorted(cand.years)}"], sim)
        if diff == 1:
            reasons.append("year differs by one")
            conf *= 0.96
    elif ryear is None:
        reasons.append("record has no year")
        conf *= 0.95
        why = _undated_unplaced(record, cand)
        if why:
            return Verdict(False, conf * 0.5, [why], sim)
    else:
        reasons.append("candidate has no year")
        conf *= 0.95

    # Container, volume, first page where both sides have them.
    rcont = clean_title(record.csl.get("container-title", ""))
    rtype_part = TYPE_GROUPS.get(record.type) in ("article", "part", "magazine", "newspaper")
    if rcont and cand.containers:
        if not any(container_match(rcont, c) for c in cand.containers):
            # Lenient only when both sides are proceedings: a conference paper and the
            # journal version that extends it are different works.
            proceedings = ((record.type in ("paper-conference", "chapter") or conference_like(rcont))
                           and (cand.type in ("paper-conference", "chapter")
                                or any(conference_like(c) for c in cand.containers)))
            if not proceedings or sim < 0.97:
                return Verdict(False, conf * 0.5, [f"container {rcont!r} vs {cand.containers[0]!r}"], sim)
            # Proceedings are named in many ways ("SIGMOD Conference" is the
            # "International Conference on Management of Data"): a doubt, not a veto.
            reasons.append(f"proceedings named differently: {rcont!r} vs {cand.containers[0]!r}")
            conf *= 0.93
    elif rtype_part and not rcont:
        conf *= 0.97
    rvol, cvol = str(record.csl.get("volume", "")).strip(), str(cand.csl.get("volume", "")).strip()
    if rvol and cvol and fold(rvol) != fold(cvol):
        return Verdict(False, conf * 0.5, [f"volume {rvol} vs {cvol}"], sim)
    rpage = _first_page(record.csl.get("page"))
    cpage = _first_page(cand.csl.get("page"))
    if rpage and cpage and rpage != cpage:
        return Verdict(False, conf * 0.5, [f"first page {rpage} vs {cpage}"], sim)
    if rpage and cpage and rvol and cvol:
        conf = min(1.0, conf * 1.02)
    if unnamed and not (rcont and cand.containers and ((rpage and cpage) or (rvol and cvol))):
        # An anonymous work with the record's title (an unsigned review, a notice) is
        # not the record's authored work unless its place in the container agrees.
        return Verdict(False, conf * 0.5, ["candidate lists no names (and no container, volume or pages "
                                           "to tell it by)"], sim)
    if unnamed:
        reasons.append("candidate lists no names")
        conf *= 0.93

    # Short, generic titles ("Introduction", "Editorial") need more than a title + name.
    # Short or stock titles ("Editorial", "Treasurer's message", "Reminiscences on
    # influential papers") recur in every volume: the same title, author and journal a
    # year apart is another instance unless pages or volume and issue say otherwise.
    words = len(fold(rec_title).split())
    same_place = bool(rpage and cpage) or (bool(rvol and cvol) and bool(
        str(record.csl.get("issue", "")).strip()) and fold(str(record.csl.get("issue", ""))) == fold(
        str(cand.csl.get("issue", ""))))
    # A book is not a recurring piece: "Introduction to Algorithms" is a title.
    stock = bool(STOCK_TITLE.match(fold(rec_title))) and not (
        TYPE_GROUPS.get(record.type) == "book" and TYPE_GROUPS.get(cand.type) == "book"
        and words > 1)
    if (words <= 4 or stock) and not same_place:
        if stock or (ryear is not None and cand.years
                                                  and ryear not in cand.years):
            return Verdict(False, conf * 0.5, ["title too generic to identify one work without pages "
                                               "or volume and issue"], sim)
        if words <= 2 and not (rcont and cand.containers):
            reasons.append("title too short to be distinctive without container or pages")
            conf *= 0.9 if words == 2 else 0.8

    conf = max(0.0, min(1.0, conf))
    accepted = conf >= min_confidence
    if not accepted:
        reasons.append(f"confidence {conf:.2f} below {min_confidence:.2f}")
    return Verdict(accepted, conf, reasons, sim)


def _digits(value: Any) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {re.sub(r"[^0-9x]", "", str(v).lower()) for v in values if v}


def _undated_unplaced(record: Record, cand: Candidate) -> str:
    """Why a record without a year cannot be told from another year's work of the same
    title and authors (a later edition, next year's report, a re-published piece), or ""
    when something else places it: the same ISBN; for a part of a container (an
    article, a chapter), the same container, volume or first page."""
    risbn, cisbn = _digits(record.csl.get("ISBN")), _digits(cand.csl.get("ISBN"))
    if risbn and cisbn and risbn & cisbn:
        return ""
    if TYPE_GROUPS.get(record.type) in STANDALONE_GROUPS or TYPE_GROUPS.get(cand.type) in STANDALONE_GROUPS:
        return "record has no year (nor ISBN) to tell this edition or version from others"
    rvol, cvol = str(record.csl.get("volume", "")).strip(), str(cand.csl.get("volume", "")).strip()
    rpage, cpage = _first_page(record.csl.get("page")), _first_page(cand.csl.get("page"))
    rcont = clean_title(record.csl.get("container-title", ""))
    if (rvol and cvol) or (rpage and cpage) or (rcont and cand.containers):
        return ""  # compared (and required to agree) by the checks below
    return "record has no year, container, volume or pages to tell this work from another year's"


def _first_page(value: Any) -> str:
    if value in (None, ""):
        return ""
    m = re.match(r"\s*([A-Za-z]*\d+)", str(value))
    return m.group(1).lower() if m else ""


@dataclass
class Choice:
    """The outcome of choosing among candidates."""

    best: Candidate | None
    verdict: Verdict | None
    rejected: list[tuple[Candidate, Verdict]] = field(default_factory=list)
    reason: str = ""

    @property
    def accepted(self) -> bool:
        return self.best is not None and self.verdict is not None and self.verdict.accepted


def choose(record: Record, candidates: list[Candidate], *,
           min_confidence: float = MIN_CONFIDENCE) -> Choice:
    """Verify every candidate and accept the single confident one. Two different works
    that both pass make the result ambiguous: nothing is accepted."""
    judged = [(c, verify(record, c, min_confidence=min_confidence)) for c in candidates]
    passing = [(c, v) for c, v in judged if v.accepted]
    rejected = [(c, v) for c, v in judged if not v.accepted]
    rejected.sort(key=lambda cv: (cv[1].title_score, cv[1].confidence), reverse=True)
    if not passing:
        return Choice(None, None, rejected, "no candidate passed verification" if candidates
                      else "no candidates")
    # A preprint (or other version) that says which work it is a version of gives way
    # to that work when both pass: they are one work, not two.
    idents = {c.ident.lower() for c, _ in passing}
    versions = [(c, v) for c, v in passing
                if {i.lower() for i in c.version_of} & (idents - {c.ident.lower()})]
    if versions and len(versions) < len(passing):
        passing = [cv for cv in passing if cv not in versions]
        rejected = [(c, Verdict(False, v.confidence, v.reasons + ["a version of another candidate"],
                                v.title_score)) for c, v in versions] + rejected
    passing.sort(key=lambda cv: cv[1].confidence, reverse=True)
    best, verdict = passing[0]
    others = [(c, v) for c, v in passing[1:] if c.ident.lower() != best.ident.lower()]
    if others and others[0][1].confidence >= verdict.confidence - 0.05:
        other = others[0][0]
        verdict = Verdict(False, verdict.confidence,
                          verdict.reasons + [f"ambiguous: {other.ident} matches as well"],
                          verdict.title_score)
        return Choice(None, None, [(best, verdict)] + others + rejected, "ambiguous")
    return Choice(best, verdict, others + rejected, "")


def record_year(record: Record) -> int | None:
    return date_year(record.csl.get("issued"))
