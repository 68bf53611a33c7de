"""Container titles (journals, proceedings) reduced to one comparable key.

Two steps, both on folded text:

1. **Word abbreviations** in the manner of ISO 4: each word is replaced by its
   abbreviation from :data:`WORD_ABBREVIATIONS` (a compact table written for refs from
   the ISO 4 rules — drop articles, prepositions and conjunctions; cut a word after a
   consonant, keeping its stem: "Journal" -> "j", "Transactions" -> "trans",
   "Systems" -> "syst"), so the full and the abbreviated spelling of one journal give
   the same key ("ACM Transactions on Database Systems (TODS)" and "ACM Trans.
   Database Syst." both give ``acm trans database syst``). Ordinals, years and
   parenthetical acronyms are dropped ("Proceedings of the 22nd International
   Conference on Very Large Data Bases (VLDB '96)").
2. **Known aliases** (:data:`ALIASES`): names of one venue that no abbreviation rule
   joins — a series known by its acronym ("SIGMOD Conference" / "International
   Conference on Management of Data"), a publisher prefix ("SIGMOD Record" / "ACM
   SIGMOD Record") or a subtitle ("The VLDB Journal — The International Journal on
   Very Large Data Bases").

:func:`venue_key` gives the key; :func:`known_venue` the alias's canonical name when
the container is a known venue (two *known* venues that differ are two venues, which
is what lets dedup keep one paper's versions in two venues apart).
"""

from __future__ import annotations

import re
from functools import lru_cache

from refs.model import fold

#: Word -> ISO 4 style abbreviation (words not listed are kept whole, as ISO 4 keeps
#: short words and names). Plural and singular share an entry where they differ.
WORD_ABBREVIATIONS: dict[str, str] = {
    w: a
    for a, words in {
        "j": "journal journals jour",
        "int": "international internationale intl",
        "trans": "transactions transaction",
        "proc": "proceedings proceeding",
        "conf": "conference conferences",
        "symp": "symposium symposia",
        "workshop": "workshops",
        "assoc": "association associations",
        "soc": "society societies",
        "am": "american",
        "eur": "european",
        "br": "british",
        "natl": "national",
        "acad": "academy",
        "res": "research",
        "rev": "review reviews",
        "lett": "letters letter",
        "sci": "science sciences scientific",
        "eng": "engineering",
        "comput": "computer computers computing computation computational",
        "inf": "information",
        "syst": "systems system",
        "manag": "management",
        "technol": "technology technologies technological",
        "appl": "applied application applications",
        "phys": "physics physical",
        "chem": "chemistry chemical",
        "math": "mathematics mathematical",
        "stat": "statistics statistical",
        "ann": "annals",
        "annu": "annual",
        "bull": "bulletin",
        "q": "quarterly",
        "adv": "advances advanced",
        "artif": "artificial",
        "intell": "intelligence intelligent",
        "mach": "machine machines",
        "learn": "learning",
        "process": "processing",
        "knowl": "knowledge",
        "anal": "analysis analytical",
        "recognit": "recognition",
        "commun": "communications communication",
        "softw": "software",
        "program": "programming",
        "lang": "languages language",
        "theor": "theoretical",
        "biol": "biology biological",
        "med": "medicine medical",
        "psychol": "psychology psychological",
        "econ": "economics economic",
        "stud": "studies",
        "univ": "university",
        "inst": "institute",
        "found": "foundations foundation",
        "distrib": "distributed",
        "netw": "networks network networking",
        "autom": "automation automatic",
        "robot": "robotics",
        "graph": "graphics",
        "electron": "electronics electronic",
        "environ": "environmental environment",
        "hist": "history historical",
        "philos": "philosophy philosophical",
        "polit": "political politics",
        "sociol": "sociology sociological",
        "educ": "education educational",
        "dev": "development",
        "rec": "record records",
        "mag": "magazine",
        "newsl": "newsletter",
        "ser": "series",
        "lect": "lecture lectures",
        "meet": "meeting",
        "princ": "principles",
        "pract": "practice practical",
        "min": "mining",
        "discov": "discovery",
        "retr": "retrieval",
        "oper": "operating operations operational",
        "archit": "architecture architectures",
        "cogn": "cognitive cognition",
        "decis": "decision decisions",
        "log": "logic logical",
        "gen": "general",
        "rep": "report reports",
        "tech": "technical",
        "dep": "department",
        "mem": "memoirs",
        "sel": "selected",
        "top": "topics",
        "zeitschr": "zeitschrift",
    }.items()
    for w in words.split()
}

#: Words dropped from container titles (ISO 4 drops articles, prepositions, conjunctions).
_DROP = frozenset(
    "the a an of on in at to for and by with from de des du la le les der die das und fur für of the".split()
)

#: Canonical venue -> other names of it (folded before use). Only names that no
#: abbreviation rule joins; each line is public knowledge about one venue.
ALIASES: dict[str, tuple[str, ...]] = {
    "sigmod": (
        "SIGMOD Conference",
        "ACM SIGMOD International Conference on Management of Data",
        "International Conference on Management of Data",
        "ACM SIGMOD Conference",
        "SIGMOD",
    ),
    "sigmod record": ("SIGMOD Record", "ACM SIGMOD Record", "SIGMOD Rec."),
    "vldb": (
        "VLDB",
        "Very Large Data Bases",
        "International Conference on Very Large Data Bases",
        "International Conference on Very Large Databases",
        "Very Large Databases",
    ),
    "vldb journal": (
        "VLDB J.",
        "VLDB Journal",
        "The VLDB Journal",
        "The VLDB Journal — The International Journal on Very Large Data Bases",
        "The International Journal on Very Large Data Bases",
    ),
    "tods": ("ACM Transactions on Database Systems", "ACM Trans. Database Syst.", "TODS"),
    "pods": (
        "PODS",
        "Symposium on Principles of Database Systems",
        "ACM SIGMOD-SIGACT-SIGART Symposium on Principles of Database Systems",
    ),
    "icde": ("ICDE", "International Conference on Data Engineering"),
    "aaai": (
        "AAAI",
        "National Conference on Artificial Intelligence",
        "AAAI Conference on Artificial Intelligence",
    ),
    "ijcai": ("IJCAI", "International Joint Conference on Artificial Intelligence"),
    "icml": (
        "ICML",
        "International Conference on Machine Learning",
        "International Workshop on Machine Learning",
    ),
    "nips": (
        "NIPS",
        "NeurIPS",
        "Advances in Neural Information Processing Systems",
        "Neural Information Processing Systems",
    ),
    "kdd": ("KDD", "SIGKDD", "International Conference on Knowledge Discovery and Data Mining"),
    "colt": (
        "COLT",
        "Conference on Computational Learning Theory",
        "Annual Conference on Computational Learning Theory",
    ),
}

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$|^'?\d\d$")
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
    " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty thirty"
    " annual proceedings proc in".split()
)


def _words(text: str) -> list[str]:
    text = _PAREN.sub(" ", text.replace("&mdash;", " - ").replace("&amp;", "&"))
    out = []
    for w in fold(text).split():
        if w in _DROP or _ORDINAL.match(w) or w in _ORDINAL_WORDS:
            continue
        out.append(WORD_ABBREVIATIONS.get(w, w))
    return out


@lru_cache(maxsize=65536)
def venue_key(container: str) -> str:
    """The container title as ISO 4 style abbreviated words, or its alias's canonical
    name (``"ACM SIGMOD Record"`` -> ``"sigmod record"``)."""
    known = known_venue(container)
    if known:
        return known
    return " ".join(_words(container))


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canon, names in ALIASES.items():
        for name in names:
            index[" ".join(_words(name))] = canon
        index[" ".join(_words(canon))] = canon
    return index


_ALIAS_INDEX = _alias_index()


@lru_cache(maxsize=65536)
def known_venue(container: str) -> str:
    """The canonical name of a known venue (:data:`ALIASES`), or "". The whole name
    must be an alias once abbreviated; a subtitle after a dash or colon is tried
    without it too."""
    if not container:
        return ""
    key = " ".join(_words(container))
    if key in _ALIAS_INDEX:
        return _ALIAS_INDEX[key]
    head = re.split(r"\s+[-\u2013\u2014]+\s+|:|&mdash;", container)[0]
    if head != container:
        key = " ".join(_words(head))
        return _ALIAS_INDEX.get(key, "")
    return ""
