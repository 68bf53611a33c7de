"""Pairwise evidence: are two records the same work, and why (or why not)?

The decision is a short list of readable rules rather than a trained model, so that
every merge and every refusal can be explained in one sentence, and so that nothing
here is fitted to a benchmark. Two layers:

1. **Vetoes** (:func:`conflicts`): facts that make two records different works
   however alike their titles are: different DOIs; different kinds of publication
   (a review and the book it reviews, a chapter and its book, a conference paper
   and its journal version, a preprint and the article); years two or more apart
   (a reissue or new edition); different editions, series numbers, volumes of a
   book, ISBNs; different page ranges (two articles in one issue).
2. **Agreement**: a matching title (allowing a missing subtitle, case, punctuation,
   typos), compatible authors (initials vs full names, misspelled family names,
   any order), and the same year. Weaker agreement (a year off by one, a title
   a word short) needs corroboration from pages or volume and journal.

Close pairs that are not merged come back with ``doubt`` set, for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jellyfish
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from refs.dedup.keys import STOPWORDS, WHOLE_KINDS, Features, fold, part_numbers
from refs.dedup.names import nameset_overlap
from refs.dedup.weights import MISSING, SHORT_TITLE, Model, load_model

#: Kinds that may describe the same work although they differ (a proceedings paper
#: is a "chapter" in Zotero and BibTeX's @inbook/@incollection).
_COMPATIBLE_KINDS = {frozenset({"chapter", "conference"}), frozenset({"entry", "chapter"})}

#: Words of titles that name a genre rather than a work ("Editorial", "Book reviews").
GENERIC_WORDS = frozenset(
    "editorial editorials guest introduction preface foreword afterword editor editors note notes"
    " review reviews book books column report letter letters comment comments reply response"
    " erratum errata corrigendum correction abstract abstracts index author authors subject contents"
    " obituary interview news announcement announcements conclusion conclusions summary overview"
    " acknowledgments acknowledgements reviewers committee committees calendar call papers"
    " epilogue prologue discussion commentary rejoinder panel tutorial keynote calls title front matter"
    " table toc masthead issue information survey surveys".split()
)

#: Words that make a venue name another kind of venue.
_KIND_WORDS = frozenset(
    "journal j jour trans transactions letters lett review rev quarterly magazine mag bulletin bull annals"
    " proceedings proc conference conf symposium symp workshop congress meeting colloquium".split()
)

#: Kinds of a whole work whose year names an edition or printing (reports are dated kinds).
_BOOK_KINDS = WHOLE_KINDS - {"report"}

#: Kinds whose year is often cited off by one (meeting vs proceedings year, report reprints).
_DATED_KINDS = frozenset({"conference", "chapter", "report"})

#: Pairs of words that look like a typo of each other or differ by one word but name
#: different things ("eastern"/"western", "rural"/"urban", "men"/"women"): two titles
#: that differ only by such a pair are two works (a series of parallel studies).
_CONTRASTS = [
    tuple(pair.split("/"))
    for pair in (
        "east/west eastern/western north/south northern/southern rural/urban men/women male/female"
        " boys/girls children/adults adolescents/adults positive/negative acute/chronic upper/lower"
        " left/right early/late before/after pre/post input/output internal/external static/dynamic"
        " online/offline linear/nonlinear supervised/unsupervised increase/decrease high/low"
        " higher/lower inner/outer domestic/foreign public/private first/second"
    ).split()
]
_CONTRAST_OF: dict[str, frozenset[str]] = {}
for _x, _y in _CONTRASTS:
    _CONTRAST_OF[_x] = _CONTRAST_OF.get(_x, frozenset()) | {_y}
    _CONTRAST_OF[_y] = _CONTRAST_OF.get(_y, frozenset()) | {_x}


def contrasting_words(a: Features, b: Features) -> tuple[str, str] | None:
    """A word only in one title whose contrasting word is only in the other."""
    ta, tb = frozenset(a.tokens), frozenset(b.tokens)
    only_a, only_b = ta - tb, tb - ta
    for w in only_a:
        hit = _CONTRAST_OF.get(w, frozenset()) & only_b
        if hit:
            return w, min(hit)
    return None


STRONG_TITLE = 0.93
FAIR_TITLE = 0.85
CLOSE_TITLE = 0.90


@dataclass
class Verdict:
    """The outcome for one pair: ``same`` with ``reasons``, or a ``doubt`` when close."""

    same: bool
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    doubt: str = ""
    #: ``[{"field", "agreement", "weight"}]``: what the score is made of (weight None for
    #: an identifier, which decides alone)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    #: the comparison vector, when the learned model (not a rule) decided
    levels: dict[str, str] | None = None
    title: float | None = None
    #: a match that counts only when neither record has another match of this kind
    #: (a generic title corroborated by authors, venue and year alone)
    unique: bool = False


@dataclass
class AuthorMatch:
    overlap: float  # share of the shorter author list found in the other
    first: bool  # the first authors match
    notes: list[str]
    clash: bool  # same family, different given initials (J. Smith vs K. Smith)


# -- pieces -------------------------------------------------------------------------


def kinds_compatible(a: str, b: str) -> bool:
    return not a or not b or a == b or frozenset({a, b}) in _COMPATIBLE_KINDS


def _family_match(fa: str, fb: str) -> str:
    """ "exact", "fuzzy" (a misspelling) or "" for two folded family names."""
    if fa == fb:
        return "exact"
    if min(len(fa), len(fb)) < 4 or fa[0] != fb[0] and jellyfish.metaphone(fa) != jellyfish.metaphone(fb):
        return ""
    if JaroWinkler.similarity(fa, fb) >= 0.9:
        return "fuzzy"
    if jellyfish.metaphone(fa) == jellyfish.metaphone(fb):
        return "fuzzy"
    return ""


def _name_match(a: Features, i: int, b: Features, j: int) -> tuple[str, bool]:
    """(how the family names match, whether the initials clash)."""
    fa, fb = a.families[i], b.families[j]
    how = _family_match(fa, fb)
    if not how:
        # a swapped or run-together name ("Pazzani M." read as given "Pazzani")
        if fa in b.longnames[j] or fb in a.longnames[i]:
            return "swapped", False
        return "", False
    ia, ib = a.initials[i], b.initials[j]
    # initials clash when they share no letter: "J." vs "K."; but "The Paradise" vs
    # "Paradise" or "John K." vs "K." may be one name written two ways
    if ia and ib and ia[0] != ib[0] and not (set(ia) & set(ib)):
        return "", how == "exact"
    return how, False


def author_match(a: Features, b: Features) -> AuthorMatch | None:
    if not a.families or not b.families:
        return None
    short, long_ = (a, b) if len(a.families) <= len(b.families) else (b, a)
    matched = 0
    notes: list[str] = []
    clash = False
    used: set[int] = set()
    for i in range(len(short.families)):
        for j in range(len(long_.families)):
            if j in used:
                continue
            how, _ = _name_match(short, i, long_, j)
            if how:
                matched += 1
                used.add(j)
                if how == "fuzzy":
                    notes.append(f"author spelled differently ({short.families[i]} / {long_.families[j]})")
                break
    # J. Smith and K. Smith as first authors are two people (a typo in a co-author's
    # initial is more likely than two works with one title and the same co-authors),
    # unless the other list has that first author further down: two authors with one
    # family name, listed in another order ("L. Chang, E. Chang" / "E. Chang, L. Chang")
    first_how, clash = _name_match(a, 0, b, 0)
    if clash and (
        any(_name_match(a, 0, b, j)[0] for j in range(1, len(b.families)))
        or any(_name_match(a, i, b, 0)[0] for i in range(1, len(a.families)))
    ):
        clash = False
    overlap = matched / len(short.families)
    first = bool(first_how)
    # the same names however the parse split them (family/given swapped, a list cut short)
    sets = nameset_overlap(a.surnames, a.name_words, b.surnames, b.name_words)
    if sets is not None and sets > overlap and not clash:
        overlap = sets
        first = first or a.surnames[0] in b.name_words or b.surnames[0] in a.name_words
        n = min(len(a.surnames), len(b.surnames))
        notes.insert(0, f"{round(sets * n)} of {n} names match (name words in any order or split)")
    elif overlap >= 1 and len(a.families) == len(b.families):
        notes.insert(0, "same authors")
    elif overlap >= 0.5:
        notes.insert(0, f"{matched} of {len(short.families)} authors match")
    if overlap > 0 and any(x != y for x, y in zip(a.initials, b.initials, strict=False) if x and y):
        notes.append("initials vs full given names")
    return AuthorMatch(overlap, first, notes, clash)


def authors_differ(a: Features, b: Features) -> str:
    """Why two author lists cannot be one work's ("" when they can, or when a list is
    empty): first authors with one family name and other initials, or two lists of
    several names with fewer than half of the shorter one's in the other, however split
    or spelled (a single name may be badly misspelled: "Meery" for "Meyer"). For the
    clustering step, which must not chain two records through a third that matches both
    (a column editor listed alone next to each instalment's contributors)."""
    if not a.families or not b.families or (a.families == b.families and a.initials == b.initials):
        return ""
    au = author_match(a, b)
    if au is None:
        return ""
    if au.clash:
        return "the first authors' given names differ"
    several = min(len(a.families), len(b.families)) >= 2
    return "the authors differ" if several and au.overlap < 0.5 else ""


def one_part_only(a: Features, b: Features) -> str:
    """The part number ("2") when one title names a part of a work ("…, Part 2",
    "… Vol. 3") and the other, with no number in its title, is not given that part
    in its volume either: the whole work, or another part, next to one of its parts.
    Only for titles that are otherwise close (:func:`titles_may_be_close`), so that the
    pair is reported as a near miss, as :func:`quick_reject` expects."""
    with_part, other = (a, b) if a.numbers else (b, a)
    parts = part_numbers(with_part.title)
    if not parts or (other.volume and other.volume in parts) or not titles_may_be_close(a, b):
        return ""
    return ", ".join(sorted(parts))


def title_similarity(a: Features, b: Features) -> tuple[float | None, str]:
    if not a.title or not b.title:
        return None, ""
    if a.title == b.title:
        return 1.0, "same title"
    sim = max(fuzz.ratio(a.title, b.title), fuzz.token_sort_ratio(a.title, b.title)) / 100
    if a.numbers != b.numbers and a.numbers and b.numbers:
        return 0.0, f"titles differ in a number ({', '.join(sorted(a.numbers ^ b.numbers))})"
    if bool(a.numbers) != bool(b.numbers):
        part = one_part_only(a, b)
        if part:
            return 0.0, f"titles differ in a part number (one is part {part}, the other names no part)"
    contrast = contrasting_words(a, b)
    if contrast:
        return 0.0, f"titles differ in a contrasting word ({contrast[0]} vs {contrast[1]})"
    if a.squash and a.squash == b.squash:
        return 0.97, "same title apart from punctuation or a parenthetical note"
    if (a.main and a.main == b.title) or (b.main and b.main == a.title):
        return max(sim, 0.97), "same title, one without its subtitle"
    if a.main and a.main == b.main:
        return max(sim, 0.88), "same main title, different subtitles"
    small, big = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    small, big = frozenset(small), frozenset(big)
    if len(small) >= 3 and small <= big and len(big) - len(small) <= 1:
        return max(sim, 0.9), "title differs by a word"
    if sim >= 0.999:
        return sim, "same title"
    if a.core or b.core:
        # a genre label or a note on one side ("Tutorial: Data access" / "Data access
        # (tutorial session)"; "... KDMS KRISYS (Demonstration Description)")
        ca, cb = a.core or a.title, b.core or b.title
        if ca and cb and len(ca.split()) >= 2:
            if ca == cb:
                return 0.97, "same title apart from a note or genre label"
            core = max(fuzz.ratio(ca, cb), fuzz.token_sort_ratio(ca, cb)) / 100
            if core > sim:
                return core, f"similar title apart from a note or genre label ({core:.0%})"
    return sim, f"similar title ({sim:.0%})"


def abbrev_word(short: str, full: str) -> bool:
    """``aff`` abbreviates ``affairs``; ``intl`` abbreviates ``international``."""
    if short == full:
        return True
    if not short or not full or short[0] != full[0] or len(short) > len(full):
        return False
    if full.startswith(short):
        return True
    it = iter(full)
    return all(c in it for c in short)  # letters in order (contractions)


def containers_compatible(a: Features, b: Features) -> bool | None:
    """True when one container title abbreviates the other (``Foreign Aff.``), None if unknown."""
    if not a.container_key or not b.container_key:
        return None
    if a.venue == b.venue:
        return True
    if a.venue_known and b.venue_known:
        return False  # two known venues, two names
    return _containers_compatible(a.container_key, b.container_key)


@lru_cache(maxsize=65536)
def _containers_compatible(ka: str, kb: str) -> bool:
    # cached: a library has few distinct journals and each pair is asked many times
    if ka == kb:
        return True
    wa = [w for w in ka.split() if w not in STOPWORDS]
    wb = [w for w in kb.split() if w not in STOPWORDS]
    if len(wa) == len(wb) and all(
        abbrev_word(x, y) or abbrev_word(y, x) for x, y in zip(wa, wb, strict=False)
    ):
        return True
    for acro, words in ((wa, wb), (wb, wa)):  # "NIPS" vs "Neural Information Processing Systems"
        if len(acro) == 1 and len(words) >= 2 and acro[0] == "".join(w[0] for w in words):
            return True
    # "SIGMOD Record" vs "ACM SIGMOD Record": one name inside the other, unless what the
    # longer adds is what makes it another kind of venue ("VLDB" vs "VLDB J.")
    sa, sb = set(wa), set(wb)
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if small and small <= big and not ((big - small) & _KIND_WORDS):
        return True
    return fuzz.ratio(ka, kb) >= 90


def same_venue(a: Features, b: Features) -> bool:
    """The container names are one name (spelling, case, abbreviation), not merely related."""
    if not a.container_key or not b.container_key:
        return False
    if a.venue == b.venue:
        return True
    if a.venue_known and b.venue_known:
        return False
    wa = [w for w in a.container_key.split() if w not in STOPWORDS and w != "in"]
    wb = [w for w in b.container_key.split() if w not in STOPWORDS and w != "in"]
    if "".join(wa) == "".join(wb):
        return True
    return len(wa) == len(wb) and all(
        abbrev_word(x, y) or abbrev_word(y, x) for x, y in zip(wa, wb, strict=True)
    )


def _container_words(text: str) -> list[str]:
    """Significant words of a container name (no parenthetical notes, volume numbers)."""
    text = re.sub(r"\([^)]*\)", " ", text)
    return [w for w in fold(text).split() if w not in STOPWORDS and not w.isdigit()]


def journals_differ(a: Features, b: Features) -> bool:
    """Two journal names that cannot be spellings of one journal: at most half of the
    shorter name's words abbreviate a word of the longer (``Machine Learning`` vs ``IEEE
    Trans. Pattern Analysis and Machine Intelligence``). Abbreviations (``Foreign Aff.``),
    acronyms and added subtitles (``The VLDB Journal: The International ...``) agree."""
    if not a.container or not b.container or containers_compatible(a, b):
        return False
    if a.venue_known and b.venue_known:
        return True  # two known venues with different names
    return _journals_differ(a.container, b.container)


@lru_cache(maxsize=65536)
def _journals_differ(ca: str, cb: str) -> bool:
    wa, wb = _container_words(ca), _container_words(cb)
    if not wa or not wb or "".join(wa) == "".join(wb):
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == 1 and short[0] == "".join(w[0] for w in long_):
        return False
    hits = sum(1 for w in short if any(abbrev_word(w, x) or abbrev_word(x, w) for x in long_))
    return hits <= len(short) / 2


def _same_pages(a: Features, b: Features) -> bool:
    """Same first page, two ranges ending on the same page (524-532 vs 525-532), or a
    range that lost its dash ("524532" for 524-532, as text extraction leaves it)."""
    if a.page_first and a.page_first == b.page_first:
        return True
    if a.page_last and a.page_last == b.page_last and a.page_first and b.page_first:
        return True
    return _dash_lost(a, b) or _dash_lost(b, a)


def _dash_lost(x: Features, y: Features) -> bool:
    """``x``'s single "page" is ``y``'s range without its dash."""
    return bool(
        x.page_first and not x.page_last and y.page_last and len(x.page_first) >= 2
        and x.page_first == y.page_first + y.page_last
    )


def page_level(a: Features, b: Features) -> str:
    """The pages field's level: the same pages, a pinpoint page inside the other's
    range, two ranges that overlap or differ by a dropped digit (62-65 vs 362-365: a
    typo of one location), or pages that differ."""
    af, bf = a.page_first, b.page_first
    if not (af and bf):
        return MISSING
    if af == bf:
        return "same"
    al, bl = a.page_last, b.page_last
    if al and bl:  # two ranges (neither a pinpoint nor a lost dash)
        return "same" if al == bl else "differ" if _disjoint_pages(a, b) else "overlap"
    if _dash_lost(a, b) or _dash_lost(b, a):
        return "same"
    return "pinpoint" if _pinpoint_inside(a, b) else "differ"


def _publishers_compatible(a: Features, b: Features) -> bool:
    return bool(a.publisher and b.publisher and fuzz.token_set_ratio(a.publisher, b.publisher) >= 90)


def _pinpoint_inside(a: Features, b: Features) -> bool:
    """A single page of one inside the page range of the other (a pinpoint citation)."""
    for x, y in ((a, b), (b, a)):
        if x.page_first and not x.page_last and y.page_first and y.page_last:
            if x.page_first.isdigit() and y.page_first.isdigit() and y.page_last.isdigit():
                if int(y.page_first) <= int(x.page_first) <= int(y.page_last):
                    return True
    return False


# -- vetoes ---------------------------------------------------------------------------


def conflicts(a: Features, b: Features) -> list[str]:
    """Reasons the two cannot be the same work (empty: no veto)."""
    out: list[str] = []
    same_doi = bool(a.doi and a.doi == b.doi)
    if a.doi and b.doi and not same_doi:
        out.append(f"different DOIs ({a.doi} vs {b.doi})")
    # a journal article and a proceedings paper in one and the same venue are one work
    # typed two ways (BibTeX @article vs @inproceedings for the same "Machine Learning")
    # (also @incollection for a proceedings series cited as a journal: "Adv. Neural Inf.
    # Process. Syst." vs "In Advances in Neural Information Processing Systems 25")
    typo_kind = {a.kind, b.kind} in ({"journal", "conference"}, {"journal", "chapter"}) and same_venue(a, b)
    # a document online is typed "webpage" by one citation and "book" or "report" by
    # another; the same URL to a file says which document it is
    web_kind = "web" in (a.kind, b.kind) and bool(a.url and a.url == b.url)
    if not kinds_compatible(a.kind, b.kind) and not same_doi and not typo_kind and not web_kind:
        out.append(f"different kinds of publication ({a.kind} vs {b.kind})")
    if a.year and b.year and abs(a.year - b.year) >= 2 and not same_doi:
        out.append(f"different years ({a.year} vs {b.year})")
    if a.edition and b.edition and a.edition != b.edition:
        out.append(f"different editions ({a.edition} vs {b.edition})")
    elif (later := a.edition or b.edition) not in ("", "1") and a.year and b.year and a.year != b.year:
        # a later edition, named on one side only, in another year than the other's
        out.append(f"one is a later edition ({later}) of another year ({a.year} vs {b.year})")
    if a.number and b.number and not same_number(a.number, b.number):
        out.append(f"different numbers in a series ({a.number} vs {b.number})")
    if a.isbns and b.isbns and not (a.isbns & b.isbns):
        out.append("different ISBNs")
    if a.kind == "journal" and b.kind == "journal" and journals_differ(a, b):
        out.append(f"different journals ({a.container} vs {b.container})")
    elif a.venue_known and b.venue_known and a.venue != b.venue and not same_doi:
        # one paper's versions in two venues (a tutorial given at two conferences, a
        # conference paper reprinted in a newsletter) are two publications
        out.append(f"different venues ({a.container} vs {b.container})")
    whole = a.kind in WHOLE_KINDS or b.kind in WHOLE_KINDS
    if whole:
        if a.volume and b.volume and a.volume != b.volume:
            out.append(f"different volumes ({a.volume} vs {b.volume})")
    elif a.page_last and b.page_last and a.page_first != b.page_first and _disjoint_pages(a, b):
        out.append(f"different pages ({a.page_first}-{a.page_last} vs {b.page_first}-{b.page_last})")
    if (
        not whole
        and not same_doi
        and a.volume
        and a.volume == b.volume
        and a.issue.isdigit()
        and b.issue.isdigit()
        and len(a.issue) < 4 > len(b.issue)  # not a year in the issue field
        and int(a.issue) != int(b.issue)
        and not _same_pages(a, b)
        and (a.page_first or b.page_first)
    ):
        # an article is in one issue ("Microbial diversity ... (vol 20, pg 455)" in 20(5)
        # is the erratum of the article in 20(2))
        out.append(f"different issues of volume {a.volume} ({a.issue} vs {b.issue})")
    return out


def short_title_of_book(a: Features, b: Features) -> bool:
    """Two books, one title the leading words of the other, at least two significant
    words long: a book cited by its short title ("On the Origin of Species" for "On
    the origin of species by means of natural selection")."""
    if a.kind != "book" or b.kind != "book":
        return False
    short, long_ = (a, b) if len(a.title) <= len(b.title) else (b, a)
    return len(short.tokens) >= 2 and (long_.title + " ").startswith(short.title + " ")


def same_number(x: str, y: str) -> bool:
    """Report numbers that are one number: equal, or with the same digit groups once a
    series prefix is dropped ("w25001" vs "25001"; "2010-1123" is not "2010-1187")."""
    if x == y:
        return True
    dx, dy = re.findall(r"\d+", x), re.findall(r"\d+", y)
    return bool(dx) and [int(d) for d in dx] == [int(d) for d in dy]


def _disjoint_pages(a: Features, b: Features) -> bool:
    """Two page ranges that cannot locate one article: they do not overlap, and they
    are not a dropped-digit typo of each other (62-65 vs 362-365). Overlapping ranges
    (524-532 vs 525-532) are typos of one location, not two articles."""
    x1, x2, y1, y2 = a.page_first, a.page_last, b.page_first, b.page_last
    try:
        i1, i2, j1, j2 = int(x1), int(x2), int(y1), int(y2)
    except ValueError:
        return x1 != y1 and x2 != y2
    if i1 <= j2 and j1 <= i2:
        return False
    # (no generator: this runs for millions of candidate pairs)
    return not ((x1.endswith(y1) or y1.endswith(x1)) and (x2.endswith(y2) or y2.endswith(x2)))


# -- the decision ---------------------------------------------------------------------

#: Score of a pair joined by an identifier (stronger than any learned score).
IDENTIFIER_SCORE = 100.0


def _title_level(a: Features, b: Features, t: float | None, t_note: str) -> str:
    if t is None:
        return MISSING
    if t >= 0.999 or t_note.startswith("same title apart"):
        return "exact"
    if t_note.startswith("same title, one without") or short_title_of_book(a, b):
        # a book cited without its subtitle is the book; an article's short title may be
        # another item of the same series or column
        whole = (a.kind in WHOLE_KINDS or b.kind in WHOLE_KINDS) and (a.kind or b.kind) in WHOLE_KINDS
        return "subtitle_whole" if whole and (not a.kind or not b.kind or a.kind == b.kind) else "subtitle"
    if t >= STRONG_TITLE or t_note == "title differs by a word":
        return "close"
    if t >= FAIR_TITLE or t_note.startswith("same main title"):
        return "fair"
    small, big = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    small, big = frozenset(small), frozenset(big)
    if len(small) >= 4 and small <= big:
        # every significant word of one title in the other: words in another order, or a
        # container or report number glued on
        return "words"
    return "some" if t >= 0.7 else "differ"


def year_level(a: Features, b: Features, cont: bool | None) -> str:
    """The year field's level. A year off by one is the meeting's and the proceedings'
    year (or a report's reprint) only between proceedings or reports in one venue (or
    where a venue is missing): in two different venues it is another version of the
    work (the conference paper and its journal version a year later)."""
    if not (a.year and b.year):
        return MISSING
    if a.year == b.year:
        return "same"
    dated = a.kind in _DATED_KINDS and b.kind in _DATED_KINDS and cont is not False
    return "off_by_one_dated" if dated else "off_by_one"


def comparison_levels(
    a: Features, b: Features, t: float | None, t_note: str, au: AuthorMatch | None
) -> dict[str, str]:
    """The comparison vector of a pair: one level of :data:`refs.dedup.weights.FIELDS` per field."""
    if au is None:
        authors = first = MISSING
    else:
        authors = (
            "all" if au.overlap >= 1 else "most"  # fewer than half: a rule (authors_differ)
        )
        first = MISSING if au.first else "differ"  # only a disagreement carries weight
    cont = containers_compatible(a, b)
    year = year_level(a, b, cont)
    venue = MISSING if cont is None else "same" if a.venue == b.venue else "abbreviated" if cont else "differ"
    pages = page_level(a, b)
    volume = MISSING if not (a.volume and b.volume) else "same" if a.volume == b.volume else "differ"
    kind = "other" if a.kind and b.kind and a.kind != b.kind else MISSING
    title = _title_level(a, b, t, t_note)
    return {
        "title": title,
        "authors": authors,
        "first_author": first,
        "year": year,
        "venue": venue,
        "pages": pages,
        "volume": volume,
        "kind": kind,
        **interactions(a, b, title, venue, year),
    }


def interactions(a: Features, b: Features, title: str, venue: str, year: str) -> dict[str, str]:
    """The interaction fields of :data:`refs.dedup.weights.FIELDS`: the title's level
    again when the venues agree (a title a few words apart in the same journal is more
    telling than in an unknown one), and, in one venue, a short title's agreement with
    the year (a column's or an editorial's title recurs in every volume of a journal:
    "Treasurer's message" of 2000 and of 2001; a book's short title does not)."""
    agree = venue in ("same", "abbreviated")
    in_venue = title if agree and title in _VENUE_TITLE_LEVELS else MISSING
    short = MISSING
    short_words = min(len(a.tokens), len(b.tokens)) <= SHORT_TITLE
    if agree and title in ("exact", "close") and year != MISSING and short_words:
        short = "same_year" if year == "same" else "other_year"
    return {"title_in_venue": in_venue, "short_title": short}


_VENUE_TITLE_LEVELS = frozenset(("subtitle", "close", "fair", "words", "some"))


def _against(a: Features, b: Features, levels: dict[str, str], t: float | None) -> list[str]:
    """What speaks against a pair, in words (for a near miss)."""
    out = []
    if levels["title"] in ("some", "differ", "words"):
        out.append(f"titles only similar ({t or 0:.0%})")
    if levels["first_author"] == "differ":
        out.append("the first authors differ")
    if levels["year"].startswith("off_by_one"):
        out.append(f"years differ ({a.year} vs {b.year})")
    if levels["venue"] == "differ":
        out.append(f"venues differ ({a.container} vs {b.container})")
    if levels["volume"] == "differ":
        out.append(f"different volumes ({a.volume} vs {b.volume})")
    if levels["pages"] == "differ":
        out.append("pages differ")
    if levels["authors"] == MISSING:
        out.append("there are no authors to compare")
    return out


def assess(a: Features, b: Features, generic: bool = False) -> Verdict:
    """The rules: identifiers, vetoes and guards decide some pairs outright (``levels``
    is None); every other pair comes back undecided with its comparison vector in
    ``levels`` and its reasons, for the learned model to weigh."""
    vetoes = conflicts(a, b)
    t, t_note = title_similarity(a, b)
    if a.doi and a.doi == b.doi:
        au = author_match(a, b)
        if t is not None and t < 0.6 and au is not None and au.overlap == 0:
            # one DOI on two unrelated records is a wrong DOI, not a duplicate
            return Verdict(
                False,
                0.0,
                [],
                "not merged because they share a DOI but neither title nor authors agree (check the DOI)",
            )
        ev = [{"field": "DOI", "agreement": "same", "weight": None}]
        return Verdict(True, IDENTIFIER_SCORE, ["same DOI"] + ([t_note] if t_note else []), evidence=ev)
    if vetoes:
        close = (t or 0) >= FAIR_TITLE or bool(a.isbns & b.isbns)
        return Verdict(False, 0.0, [], "not merged because " + "; ".join(vetoes) if close else "")

    au = author_match(a, b)
    reasons: list[str] = []
    if t_note:
        reasons.append(t_note)
    if au:
        reasons.extend(au.notes)
    if a.year and a.year == b.year:
        reasons.append(f"same year ({a.year})")
    elif a.year and b.year:
        reasons.append(f"years differ by one ({a.year}/{b.year})")
    if _same_pages(a, b):
        reasons.append("same pages")
    elif _pinpoint_inside(a, b):
        reasons.append("pinpoint page inside the other's range")
    cont = containers_compatible(a, b)
    if cont:
        reasons.append("same container" if a.venue == b.venue else "container title abbreviated")
    if a.isbns & b.isbns:
        reasons.append("same ISBN")
    authors_ok = au is not None and au.overlap >= 0.5 and not au.clash
    if t_note.startswith(("titles differ in a number", "titles differ in a contr",
                          "titles differ in a part ")):
        return Verdict(False, 0.0, reasons, "not merged because the " + t_note if authors_ok else "")
    if au is not None and au.overlap == 0:
        # the same title by other people is another work (no name of one list, however
        # split or spelled, appears in the other)
        why = "not merged because titles agree but the authors differ"
        return Verdict(False, 0.0, reasons, why if (t or 0) >= FAIR_TITLE else "")
    if au is not None and au.clash:
        why = "not merged because titles agree but the authors' given names differ"
        return Verdict(False, 0.0, reasons, why if (t or 0) >= FAIR_TITLE else "")
    if au is not None and au.overlap < 0.5 and min(len(a.families), len(b.families)) >= 2:
        # two lists of several names, fewer than half of the shorter one in the other:
        # another instalment of a column, another group's report with the same title
        why = "not merged because titles agree but most of the authors differ"
        return Verdict(False, 0.0, reasons, why if (t or 0) >= FAIR_TITLE else "")

    # "Editorial" starts on page 1 of every issue and "Introduction" on page 1 of every
    # book: a generic or recurring title counts only with the same container and volume
    # or pages, an identifier or the same numbered edition
    recurring = generic
    generic = generic or (
        t is not None
        and bool(a.tokens or b.tokens)
        and len(frozenset(a.tokens + b.tokens)) <= 3
        and GENERIC_WORDS.issuperset(a.tokens + b.tokens)
    )
    if generic:
        vol_same = bool(a.volume and a.volume == b.volume)
        vol_clash = bool(a.volume and b.volume and a.volume != b.volume)
        pages = _same_pages(a, b) or _pinpoint_inside(a, b)
        same_edition = bool(a.edition and a.edition == b.edition) and (
            not (a.publisher and b.publisher)
            or _publishers_compatible(a, b)
            or _containers_compatible(a.publisher, b.publisher)
        )
        corroborated = not vol_clash and (
            (vol_same and cont is True) or (pages and cont is True) or bool(a.isbns & b.isbns) or same_edition
        )
        if (
            not corroborated
            # a column recurs within a year too ("Editor's notes"): its editor alone does
            # not tell the instalments apart, a list of contributors does
            and (not recurring or min(len(a.families), len(b.families)) >= 2)
            and not vol_clash
            and cont is True
            and a.year
            and a.year == b.year
            and au is not None
            and au.overlap >= 1
        ):
            # the same authors in the same venue and year: one item, unless the input
            # has another such item (three "Book review column"s by one editor in one
            # year): the model weighs it and the caller keeps it only when neither
            # record has another match of this kind (``unique``)
            reasons.append("generic title, unique in its venue and year")
            levels = comparison_levels(a, b, t, t_note, au)
            return Verdict(False, 0.0, reasons, levels=levels, title=t, unique=True)
        if not corroborated:
            why = (
                "not merged because the title is too common to identify a work"
                " without pages, volume or an identifier"
            )
            return Verdict(False, 0.0, reasons, why if (t or 0) >= FAIR_TITLE and authors_ok else "")
    if (
        a.kind in _BOOK_KINDS
        and b.kind in _BOOK_KINDS
        and a.year
        and b.year
        and a.year != b.year
        and not (a.isbns & b.isbns)
        and not _publishers_compatible(a, b)
    ):
        # a book's year names its edition or printing: another year is the same book
        # only when its publisher says so
        why = f"not merged because years differ ({a.year} vs {b.year}) and no publisher confirms one book"
        return Verdict(False, 0.0, reasons, why if (t or 0) >= FAIR_TITLE and authors_ok else "")
    if a.isbns & b.isbns and (t or 0) >= FAIR_TITLE:
        ev = [{"field": "ISBN", "agreement": "same", "weight": None}]
        return Verdict(True, IDENTIFIER_SCORE, reasons, evidence=ev)
    return Verdict(False, 0.0, reasons, levels=comparison_levels(a, b, t, t_note, au), title=t)


def compare(a: Features, b: Features, generic: bool = False, model: Model | None = None) -> Verdict:
    """Judge one pair: the rules of :func:`assess`, then the learned model
    (:mod:`refs.dedup.weights`) on the comparison vector of an undecided pair.
    ``generic`` says the title recurs for different works in this input (a column
    such as "Editor's notes"), so it is not evidence on its own."""
    v = assess(a, b, generic)
    if v.levels is None:
        return v
    model = model or load_model()
    v.score = model.score(v.levels)
    v.evidence = model.evidence(v.levels)
    if v.score >= model.threshold:
        v.same = True
        return v
    against = _against(a, b, v.levels, v.title)
    if v.levels["title"] in ("exact", "subtitle", "close", "fair") or v.levels["pages"] == "same":
        what = "; ".join(against) if against else "the title alone is not enough"
        v.doubt = (
            f"not merged because {what} and nothing else confirms it is one work "
            f"(score {v.score:.1f} < {model.threshold:.1f})"
        )
    return v


# -- the fast path: pairs that cannot be one work --------------------------------------

_CONTRAST_WORDS = frozenset(_CONTRAST_OF)


def titles_may_be_close(a: Features, b: Features) -> bool:
    """Whether :func:`title_similarity` may reach :data:`FAIR_TITLE` or find a subtitle,
    short title or one-word difference: an over-estimate from cheap tests (equal
    strings, one rapidfuzz call with a cut-off)."""
    ta, tb = a.title, b.title
    if not ta or not tb:
        return False
    if ta == tb or (a.squash and a.squash == b.squash):
        return True
    if a.core or b.core:
        ca, cb = a.core or ta, b.core or tb
        if ca == cb or fuzz.ratio(ca, cb, score_cutoff=FAIR_TITLE * 100) or fuzz.token_sort_ratio(
            ca, cb, score_cutoff=FAIR_TITLE * 100
        ):
            return True
    if (a.main and (a.main == tb or a.main == b.main)) or (b.main and b.main == ta):
        return True
    if a.kind == "book" == b.kind and short_title_of_book(a, b):
        return True
    la, lb = len(a.tokens), len(b.tokens)
    if abs(la - lb) <= 1 and min(la, lb) >= 3 and _token_subset(a, b):
        return True
    cut = FAIR_TITLE * 100
    return bool(fuzz.ratio(ta, tb, score_cutoff=cut) or fuzz.token_sort_ratio(ta, tb, score_cutoff=cut))


def _token_subset(a: Features, b: Features) -> bool:
    """The significant words of the shorter title all in the other."""
    small, big = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    return frozenset(small) <= frozenset(big)


def _surely_vetoed(a: Features, b: Features) -> bool:
    """Some of :func:`conflicts`' vetoes, the cheap ones (True implies a veto; the pair
    shares no DOI)."""
    if a.doi and b.doi:
        return True  # different DOIs (the caller has ruled out the same DOI)
    if a.year and b.year and abs(a.year - b.year) >= 2:
        return True
    if a.venue_known and b.venue_known and a.venue != b.venue:
        return True
    if a.kind == "journal" and b.kind == "journal" and journals_differ(a, b):
        return True
    whole = a.kind in WHOLE_KINDS or b.kind in WHOLE_KINDS
    return bool(
        not whole and a.page_last and b.page_last and a.page_first != b.page_first and _disjoint_pages(a, b)
    )


def _title_level_far(a: Features, b: Features) -> str:
    """The title level of two titles that are surely not close (see
    :func:`titles_may_be_close`): "words", "some", "differ" or missing."""
    if not a.title or not b.title:
        return MISSING
    if min(len(a.tokens), len(b.tokens)) >= 4 and _token_subset(a, b):
        return "words"
    cut = 70
    sim = max(fuzz.ratio(a.title, b.title, score_cutoff=cut),
              fuzz.token_sort_ratio(a.title, b.title, score_cutoff=cut))
    return "some" if sim / 100 >= 0.7 else "differ"


def quick_reject(a: Features, b: Features, model: Model) -> bool:
    """True when :func:`compare` would surely find the pair "not the same work" with no
    near miss to report, judged from cheap fields only: most candidate pairs of a large
    library (one author's other papers of that year, words every title shares) are
    settled here in microseconds instead of by the full rules. Exact: a pair rejected
    here is never merged nor reported by :func:`compare` (``test_dedup_scale`` checks
    it on every candidate pair of the benchmarks); the caller passes the rest on."""
    if a.doi and a.doi == b.doi:
        return False
    if titles_may_be_close(a, b) or (a.isbns and a.isbns & b.isbns):
        return False  # the rules decide, and may report a near miss
    if _surely_vetoed(a, b):
        return True
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return False  # "the titles differ in a number" is reported
    if not _CONTRAST_WORDS.isdisjoint(a.tokens) and not _CONTRAST_WORDS.isdisjoint(b.tokens):
        return False  # so is a contrasting word
    # two page ranges: whether they overlap costs a few integer parses, so the bound is
    # taken with the better of "overlap" and "differ" and the ranges read only when it
    # decides (millions of one author's papers of a year have page ranges)
    ranges = bool(a.page_first and b.page_first and a.page_last and b.page_last)
    if ranges:
        if a.page_first == b.page_first or a.page_last == b.page_last:
            return False  # same pages are reported when not merged
        hi = "overlap" if model.weight("pages", "overlap") >= model.weight("pages", "differ") else "differ"
        pages = hi
    else:
        pages = page_level(a, b)
        if pages == "same":
            return False
    # the best score the pair can reach: the author fields at their best weight, every
    # other field at its level
    cont = containers_compatible(a, b)
    year = year_level(a, b, cont)
    venue = MISSING if cont is None else "same" if a.venue == b.venue else "abbreviated" if cont else "differ"
    volume = MISSING if not (a.volume and b.volume) else "same" if a.volume == b.volume else "differ"
    kind = "other" if a.kind and b.kind and a.kind != b.kind else MISSING
    title = _title_level_far(a, b)
    levels = {"title": title, "year": year, "venue": venue, "pages": pages,
              "volume": volume, "kind": kind, **interactions(a, b, title, venue, year)}
    best = model.score(levels) + model.best_weight["authors"] + model.best_weight["first_author"]
    if best < model.threshold or not ranges:
        return best < model.threshold
    exact = "differ" if _disjoint_pages(a, b) else "overlap"
    return best + model.weight("pages", exact) - model.weight("pages", hi) < model.threshold
