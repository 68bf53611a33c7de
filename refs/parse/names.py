"""Personal and corporate names in free-text references → CSL name dicts.

Reference lists write names in a handful of shapes, often mixed inside one list:

* ``Last, First M.`` then ``First M. Last`` (Chicago/MLA: only the first is inverted)
* ``Last, F. M., Last, F. M., & Last, F. M.`` (APA, Harvard)
* ``F. M. Last, F. Last, and F. Last`` (IEEE)
* ``Last FM, Last FM`` (Vancouver), ``Last F. M.`` / ``Иванов И. И.`` (GOST)
* ``Last, First; Last, First`` (semicolons), ``Last, F./F. Last`` and ``Last, F. – Last, F.``
  (slashes, dashes), ``LAST, First``, ``LAST (First)``, ``First LAST`` and ``LAST FIRST``
  (surnames in capitals), ``Nguyễn Văn An`` (Vietnamese, surname first)
* corporate authors (``RAND``, ``Congressional Research Service``) kept as one ``literal``
  (also "various authors", ``AA.VV.`` / ``Collectif``: the finder counts them as authors).

:func:`split_names` cuts a name list into comma/conjunction chunks and pairs them
(an inverted family name takes the next chunk as its given names), which handles all
of these without knowing the style. Before that, :func:`clean` normalises compatibility
characters (a MICRO SIGN for Greek mu) and drops marks around the list (``/``, ``*``, a
list number), and :func:`_strip_roles` drops role words ("s. dir. de", "oprac.", "(red.)",
"dir.") that the span carries. The letter classes cover every cased script (Latin with
its extensions, Greek, Cyrillic, Armenian).

Convention: lower-case particles stay in ``family`` ("van der Berg", "de Gaulle"), as
written, so that the family name reads the way the reference printed it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from refs.model import Name
from refs.parse import lexicon
from refs.parse.memo import memo
from refs.parse.patterns import odd_spaces


def _letters(*categories: str) -> str:
    """The letters of these Unicode categories in the cased scripts names are written in
    (Latin with its extensions and Vietnamese, Greek, Cyrillic, Armenian), as a regex class body."""
    chars = [c for lo, hi in ((0x41, 0x58F), (0x1E00, 0x1FFF)) for c in map(chr, range(lo, hi + 1))
             if unicodedata.category(c) in categories]
    return "".join(re.escape(c) for c in chars)


UPPER = _letters("Lu", "Lt")
LOWER = _letters("Ll")

#: an initial: "J.", "J", "Th.", "Yu.", "J.-P.", "J.P."
_INITIAL = re.compile(rf"^(?:[{UPPER}][{LOWER}]?\.?-?){{1,3}}$")
_INITIAL_DOTTED = re.compile(rf"^(?:[{UPPER}][{LOWER}]?\.-?){{1,3}}(?:[{UPPER}]\.?)?$")
#: Vancouver initials: "AB", "J" (no dots, all capitals, 1-3 letters)
_VANC = re.compile(rf"^[{UPPER}]{{1,3}}$")
_WORD = re.compile(rf"^(?:[{UPPER}][{LOWER}'’`]*|[{LOWER}]['’][{UPPER}])[{UPPER}{LOWER}'’`\-]*\.?$")
_CAPS_WORD = re.compile(rf"^[{UPPER}][{UPPER}'’\-]+$")

PARTICLES = frozenset(
    "van von der den de del della dei degli da das dos du des di la le ten ter zu zum zur"
    " al el bin ibn y e st. saint".split()
)

#: words that make a chunk a corporate author, not a person
ORG_WORDS = frozenset(
    """service services organization organisation institute institution association council committee
    agency office department ministry university college school center centre society commission
    foundation bank group corporation corp inc ltd llc company network board bureau union nations
    fund program programme project team consortium forum secretariat parliament government court
    alliance assembly authority federation league academy laboratory laboratories library museum amt
    press news staff administration unit division directorate treaty trust partnership research
    congress senate house community initiative studies rights watch amnesty
    centers centres academies institutes agencies ministries councils commissions
    banco banca banque fondo fonds ufficio oficina servicio servizio conselho ministério
    служба управление агентство федерация совет βουλή τράπεζα
    institut ministère ministerium bundesamt verband stiftung gesellschaft universität université
    universidad università universidade instituto istituto organización organização ministerio
    ministero comité commissione comissão fundación fondazione fundação
    academia agencia agência agenzia agence consejo conselho consiglio conseil observatorio observatoire
    gobierno governo gouvernement regierung bundesregierung senado sénat
    институт министерство организация университет комитет комиссия академия центр служба
    ινστιτούτο υπουργείο οργανισμός πανεπιστήμιο κέντρο επιτροπή""".split()
)

#: capitalised words that start titles, never names
TITLE_WORDS = frozenset(
    """the a an on in of to for and from how why what when where who which is are was towards toward
    between after before beyond against among about under over into new introduction review report
    study studies analysis notes history theory handbook proceedings journal vol volume no pp
    le la les un une des du et sur pour dans der die das ein eine und über zur zum im el los las
    una por para con il lo gli della nel per o os um uma com""".split()
)

ETAL = re.compile(r"(?:,?\s*[\[(]?(?:et\.?\s*al\.?|và\s+cộng\s+sự|et\s+alii|u\.\s?a\.|и\s+др\.?|κ\.ά\.?"
                  r"|y\s+otros|e\s+altri|"
                  r"et\s+coll\.?|(?-i:e\.\s?a\.|i\s+in(?:ni)?\.?|a\s+kol\.?|dkk\.?|ve\s+diğ(?:erleri)?\.?|m\.\s?fl\.?)"
                  r"|[іи]\s+інш?\.?|та\s+ін\.?|and\s+others|others|\.\.\.|…)[\])]?\.?\s*)$", re.I)
#: where an :data:`ETAL` match can start, counted from the end, when the text ends in this many
#: characters spaced singly (a match is then at most 19 characters long): searched from there
ETAL_REACH = 20


def find_etal(text: str) -> re.Match[str] | None:
    """:data:`ETAL` searched in ``text`` (from :data:`ETAL_REACH` characters before the end
    where that finds the same match: the pattern, anchored at the end, is tried at every
    position)."""
    tail = len(text) - ETAL_REACH
    return ETAL.search(text, tail) if tail > 0 and not odd_spaces(text[tail:]) else ETAL.search(text)

#: words naming a role, not a person: "(red.)", "dir.", "(Compiladores)", "a cura di" (folded, no full stop)
ROLE_WORDS = ("ed|eds|edd|edit|editor|editors|editores|éd|éds|dir|dirs|coord|coords|coordinador|coordinadora"
              "|coordinadores|org|orgs|organizador|organizadores|red|redaktion|toim|hrsg|hg|hgg|herausgeber|comp"
              "|comps|compilador|compiladores|compiler|compilers|trad|trans|transl|translator|tr|übers|eindred"
              "|samenstelling|cur|dü|çev|ред|сост|επ|επιμ|μτφρ|author|chủ biên|szerk|haz|prir|уред|упор")
#: a role after a name, before a comma, "and" or the end: in brackets in any case ("Kamphuis (red.)",
#: "Myers (Compiladores)", "(general editor)"), or bare in lower case ("ALLAI Linda dir.,", "Lilja,
#: red", "Barker DL, technical editor"), or bare and capitalised with a full stop ("et al. Hgg.")
_TRAIL_ROLE = re.compile(rf"(?:\s*[(\[]\s*(?:[{LOWER}]+\s)?(?i:{ROLE_WORDS})\.?\s*[)\]]"
                         rf"|(?:(?<=[^\W\d_])|(?<=\.)),?\s+"
                         rf"(?:(?:[{LOWER}]+\s)?(?:{ROLE_WORDS})|(?i:{ROLE_WORDS})(?=\.)(?<=\w{{3}}))\.?)"
                         r"(?=\s*(?:[,;&]|\.?$|\s(?:and|et|und|y|e|i|en|og|och)\s))")
#: a cue before the names: "oprac. ", "trad. it. di ", "Hrsg. v. ", "Под ред. ", "Překlad: ", "by "
_LEAD_ROLE = re.compile(rf"^(?:\[?[{LOWER}]+\.?:?\]?|(?:Ed|Eds|Edit|Edited|Red|Hrsg|Hg|Hgg|Trad|Transl"
                        r"|Translated|Przeł|Oprac|Sast|Pod|Под|Отв|За|Пад|Пер|Сост|Изд|Редкол|Překlad|Preklad"
                        r"|Μετάφραση|Επιμ|Μτφρ"
                        r"|Teoksessa|İçinde|By|Por|Par|Von|Avec|With|Traduction|Traduit|Compiled|Coord|Dir|Org"
                        r"|Comp|Übers|Oversat|Redigeret|Dịch|Cur|Samen|Zusammen|Organização|Organizado|Tradução"
                        r"|Traducción|Traduzione|Edición|Edizione|Edição|Collected|Selected|Szerk|Wyd|Haz|Prir"
                        r"|Уред|Упор)\.?:?)\s+")
#: "d’" before a given name: "d’Anastasios BRENNER" (not the surname "Carrère d'Encausse")
_ELIDED_DE = re.compile(rf"(?:(?<=^)|(?<=, )|(?<=; )|(?<= et )|(?<= e )|(?<= y ))d[’']\s?"
                        rf"(?=[{UPPER}][^\s,;]*\s+[{UPPER}])")


#: what follows a particle that opens a surname: "van der Berg, J.", "de Gaulle", "de la Fuente
#: Moreno, Isabel" (not "de Jean Dupont": a given name and a surname after "by")
_SURNAME_AFTER_PARTICLE = re.compile(rf"(?:(?:{'|'.join(map(re.escape, PARTICLES))})\s+)*"
                                     rf"(?:[{UPPER}][^\s,;]*\s*(?:[,;]|$)|(?:[{UPPER}][^\s,;]*\s+){{1,2}}"
                                     rf"[{UPPER}][^\s,;]*\s*,\s*(?:[{UPPER}][^\s,;]*|(?:[{UPPER}]\.\s?)+)"
                                     r"\s*(?:[,;&]|$))")


#: "… et de Gérard CHOLVY", "… e di Anna Neri": "by" again before the next full name
_BY_AFTER_CONJ = re.compile(rf"(\s(?:et|and|y|e|und|i)\s)(?:de|di|von|d[’'])\s?"
                            rf"(?=[{UPPER}][^\s,;]*\s+[{UPPER}])")


_HAS_UPPER = re.compile(f"[{UPPER}]")


def _strip_roles(text: str) -> str:
    """The role words around and between the names ("s. dir. de Bruno BÉTHOUART", "Kamphuis
    (red.)") dropped; leading particles that belong to a surname ("van der Berg, J.") kept."""
    while True:
        if "d’" in text or "d'" in text:
            text = _ELIDED_DE.sub("", text)
        m = _LEAD_ROLE.match(text)
        if not m or not _HAS_UPPER.search(text, m.end()):
            break
        word = m.group(0).strip().rstrip(".:").lower()
        rest = text[m.end():]
        if word in PARTICLES and _SURNAME_AFTER_PARTICLE.match(rest):
            break  # "van der Berg, J.", "de Gaulle"
        text = rest
    if " de " in text or " di " in text or " von " in text or " d’" in text or " d'" in text:
        text = _BY_AFTER_CONJ.sub(r"\1", text)
    text = _TRAIL_ROLE.sub("", text).strip(" ,;:")
    if text[-4:].islower():  # (a trailing word in lower case, told cheaply)
        text = _TRAIL_PREPOSITION.sub("", text)
    return text


#: the word that goes on to the publisher after the names ("de Jean Hegland aux Éditions
#: Gallmeister", "chez Gallimard", "bei Suhrkamp"): never part of a name
_TRAIL_PREPOSITION = re.compile(r"(?<=\w)\s+(?:aux|chez|bei|beim|presso|at|with|avec|mit|con|com)$")
_CONJ_WORDS = ("and", "und", "et", "y", "e", "и", "και", "en", "och", "og", "i", "a", "és", "ve", "ja", "và",
               "și", "şi", "ir", "oraz")
_CONJ = re.compile(r"\s*(?:,\s*)?(?:\s(?:" + "|".join(_CONJ_WORDS) + r")\s|\s?&\s?|\s?&amp;\s?)\s*")
_SPACED_CONJ_WORDS = tuple(f" {w} " for w in _CONJ_WORDS)


def _may_have_conj(text: str) -> bool:
    """Whether :data:`_CONJ` can match: an "&", or a conjunction between spaces (in a printable
    text the only whitespace is the space)."""
    return "&" in text or not text.isprintable() or any(map(text.__contains__, _SPACED_CONJ_WORDS))
#: "y" / "e" / "i" inside a Spanish, Portuguese or Catalan surname ("Ortega y Gasset, J.", "Puig i
#: Cadafalch, J."): the first name of a list (or after ";") that reaches its comma with no other comma
_SURNAME_CONJ = re.compile(rf"(?:^|(?<=;))([^,;]*?[^\W\d_])\s(y|e|i)\s(?=[{UPPER}][^\s,;]*\s*,)")
_MASK = "\u2063"
_SURNAME_LINKS = frozenset(("y", "e", "i"))
_LAST_SURNAME_LINK = re.compile(rf"(?<=\S\s)(\S*[{LOWER}]) ([yei]) (?=[{UPPER}][^\s,;]*$)")


def _split_conj(text: str, sep: str) -> str:
    """The conjunctions between names replaced by ``sep``, those inside a surname kept."""
    if " y " in text or " e " in text or " i " in text:
        text = _SURNAME_CONJ.sub(lambda m: f"{m.group(1)}{_MASK}{m.group(2)}{_MASK}", text)
    return (_CONJ.sub(sep, text) if _may_have_conj(text) else text).replace(_MASK, " ")

#: "Jean-Baptiste"; "Engineering", "and Medicine"; a given name spelled out; a short word
_HYPHENATED_GIVEN = re.compile(rf"[{UPPER}][{LOWER}]+-[{UPPER}][{LOWER}]+")
_FIELD_WORDS = re.compile(rf"[{UPPER}][{LOWER}]+(?:\s(?:and\s)?[{UPPER}][{LOWER}]+)?")
_SPELLED = re.compile(rf"[{UPPER}][{LOWER}]{{2,}}")
_SHORT_WORD = re.compile(rf"[{UPPER}][{LOWER}]{{1,3}}")


_SPACES = re.compile(r"\s+")
_BROKEN_LOWER = re.compile(rf"([{LOWER}])- ([{LOWER}])")
_BROKEN_UPPER = re.compile(rf"([{LOWER}])- ([{UPPER}])")
#: an initial glued to the next initial or name: "J.M.", "R.Butera", "Th.Buchheim", "A.van"
_GLUED_INITIALS = re.compile(rf"(?<![^\W\d_])([{UPPER}][{LOWER}]?\.)(?=[^\W\d_])")


#: marks around a name list that are no part of it: "/ А. И. Иванов", "* Smith, J.", a list number "7."
_LEAD_MARKS = re.compile(r"^(?:[/\\*^~•·–—\-]+|\d{1,3}\.(?!\d))\s*")
_MARKS = "/\\*^~•·–—-"
_LETTER = re.compile(r"[^\W\d_]")
_TRAIL_MARKS = re.compile(r"(?<=\S)\s*[/\\*^~•·–—\-]+$")


_SPACED_OUT = re.compile(rf"(?<![^\s.])[{UPPER}](?: [{LOWER}]){{3,}}(?![^\W\d_])")


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:])(?=\s|$)")
#: the space a PDF moved from after a comma to before it ("Evslin ,and", "Jacobson HR ,Lind K")
_MOVED_SPACE = re.compile(r"\s+([,;])(?=[^\W\d_])")
#: a group naming a collaboration, or any group right after "et al.": "M. Ackermann et al.
#: (Fermi-LAT)", "Abbott, B.P. [LIGO Scientific and Virgo Collaborations], et al."
_GROUP_NOTE = re.compile(r"(?i:(?<=et al\.)|(?<=et al))\s*[(\[][^()\[\]]{1,80}[)\]]"
                         r"|\s*[(\[][^()\[\]]*\b(?i:collaborations?|collab\.)[^()\[\]]*[)\]]")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
_STOP_BEFORE_INITIALS = re.compile(rf"([{LOWER}]{{2}})\.\s(?=(?:[{UPPER}]\.?\s?){{1,3}}$)")
_STOP_BETWEEN_NAMES = re.compile(rf"(?<=[{LOWER}]{{2}})\.\s+(?=[{UPPER}]{{2}}[{UPPER}'’\- ]*,)")


@memo(4096)
def clean(text: str) -> str:
    # compatibility characters copied from PDFs: "µ" (MICRO SIGN) for Greek "μ", ligatures, full-width commas
    text = unicodedata.normalize("NFKC", text)
    if "،" in text or "؛" in text:  # the Arabic comma and semicolon part names as "," and ";" do
        text = text.replace("،", ",").replace("؛", ";")
    text = _SPACES.sub(" ", text).strip()
    if text and _LETTER.search(text):
        text = _LEAD_MARKS.sub("", text)
        if text[-1] in _MARKS:
            text = _TRAIL_MARKS.sub("", text)
        text = text.strip(" ,;:")
    if " " in text:  # a surname spaced out for emphasis: "K o l a s a"
        text = _SPACED_OUT.sub(lambda m: m.group(0).replace(" ", ""), text)
        if " ," in text or " ." in text or " ;" in text or " :" in text:
            text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)  # "Backhouse, Sally ." / "Lofland, L. , Moore"
            text = _MOVED_SPACE.sub(r"\1 ", text)
    if ".." in text:
        text = _DOUBLE_STOP.sub(".", text)  # "И. В.."
    if "<" in text:
        text = text.replace("<", "").replace(">", "")  # "Ulrich <von Liechtenstein>"
    if text.endswith(".") and text[-3:-1].isalpha() and text[-3:-1].islower():
        text = text[:-1]  # the full stop that ends the list: "Dukes, Paul."
    for op, cl in ("()", "[]"):  # a bracket the span cut in two: "Eustaquio Barjau)", "(with A. Virta"
        if text.count(op) > text.count(cl):  # an opening bracket at the start
            text = text.lstrip(op + " ")
        elif text.count(op) < text.count(cl):  # a closing bracket at the end
            text = text.rstrip(cl + " ")
    if ". " in text:
        text = _STOP_BEFORE_INITIALS.sub(r"\1 ", text)  # "Рыбаков. Б. А.", "Maffesoli. M"
        text = _STOP_BETWEEN_NAMES.sub("; ", text)  # ABNT "SANTOS, Leonor. RICHE, Rosa."
    # a hyphen broken over a line: "Mur- phy" -> "Murphy", "Martin- Facklam" -> "Martin-Facklam"
    if "- " in text:
        text = _BROKEN_LOWER.sub(r"\1\2", text)
        text = _BROKEN_UPPER.sub(r"\1-\2", text)
    return text


def _tokens(chunk: str) -> list[str]:
    """The words of a name chunk, "J.M." as "J. M." (each initial its own token; "J.-P." kept
    together); a new list each call (callers change theirs), the work remembered."""
    return list(_token_tuple(chunk))


@memo(16384)
def _token_tuple(chunk: str) -> tuple[str, ...]:
    if "." in chunk:
        chunk = _GLUED_INITIALS.sub(r"\1 ", chunk)
    return tuple(chunk.split())


_HONORIFIC = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "St."})
_ELIDED = re.compile(r"(?:[Ll]['’][A-Z]{2,}\b|l['’])")
_HONORIFIC_WORD = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sir|Herr|Frau|M|Mme)\.?")


@memo(16384)
def is_initial(tok: str) -> bool:
    if tok in _HONORIFIC:
        return False  # "Mr. Putin: Operative in the Kremlin" is a title, not a name
    return bool(_INITIAL_DOTTED.match(tok)) or (len(tok) == 1 and tok.isupper())


def _is_vancouver_initials(tok: str) -> bool:
    return bool(_VANC.match(tok.rstrip(".")))


@memo(16384)
def _is_nameword(tok: str) -> bool:
    t = tok.rstrip(".,")
    if not t or (len(t) == 1 and tok.endswith(".")) or t.endswith(("'s", "’s")):
        return False
    if t.lower() in PARTICLES or t in _SURNAME_LINKS:
        return True
    if t.lower() in TITLE_WORDS or _ELIDED.match(t) or _HONORIFIC_WORD.fullmatch(t) and tok.endswith("."):
        # (an elided article "L'URSS", "l'Europa", or an honorific "Mr. Putin" starts a title)
        return False  # (an elided article: "L'URSS", "L'OTAN", "l'Europa" start a title)
    return bool(_WORD.match(t)) or bool(_CAPS_WORD.match(t)) or _caseless_word(t)


def _caseless_word(word: str) -> bool:
    """A word of a script without capitals (Arabic, Hebrew, Georgian, Indic, Thai, CJK …): its
    letters, vowel signs and joiners only, which a name may be written in ("شلبي", "כהן")."""
    return not word.isascii() and all(
        unicodedata.category(c) in ("Lo", "Mn", "Mc") or c in "\u200c\u200d" for c in word)


def _given_only(tokens: list[str]) -> bool:
    """Could these tokens be the given part of an inverted name ("Ronald D.", "F. M.", "J. Stephen")?"""
    if not tokens or len(tokens) > 6:
        return False
    if all(is_initial(t) or _is_vancouver_initials(t) for t in tokens):
        return True
    if len(tokens) > 1 and tokens[-1].lower() in PARTICLES:
        return _given_only(tokens[:-1])  # ABNT "SILVA, João Carlos da": the particle stays in given
    if is_initial(tokens[0]) and is_initial(tokens[-1]) and all(
            is_initial(t) or t.lower() in PARTICLES for t in tokens):
        return True  # "Santos, B. de S."
    if len(tokens) > 4:
        return False
    if not all(_is_nameword(t) or is_initial(t) for t in tokens):
        return False
    if any(t.rstrip(".").lower() in PARTICLES for t in tokens[:-1]):
        return False
    # a natural-order full name ends in a surname, not an initial; given parts may end in one
    # (or, rarely, carry a middle initial: "Shifrinson, Joshua R. Itzkowitz")
    # three spelled-out given names are common in Portuguese and Spanish ("Lobo, Eulalia Maria Lahmeyer")
    return len(tokens) <= 3


#: German compounds end in an organisation word: "Bundesministerium", "Umweltbundesamt"
_ORG_SUFFIX = ("ministerium", "bundesamt", "landesamt", "institut", "verband", "stiftung", "gesellschaft",
               "akademie", "kommission", "zentrum", "behörde", "agentur", "rat")


#: a lower-case linking word inside an organisation's name
_ORG_OF = re.compile(r"\s(?:for|of|on|the|de|des|du|für|der|pour|per|para|por|dei|della|do|da|по|για|της"
                     r"|των)\s")


def _org_word(word: str) -> bool:
    return word in ORG_WORDS or (len(word) > 8 and word.endswith(_ORG_SUFFIX))


@memo(16384)
def is_org(chunk: str) -> bool:
    words = [w.strip(".,()").lower() for w in chunk.split()]
    if any(map(_org_word, words)):
        return True
    if _VIETNAMESE.search(chunk):
        return False  # "ĐÀO TRINH NHẤT": a Vietnamese name in capitals
    toks = chunk.split()
    caps = [t for t in toks if _CAPS_WORD.match(t.strip(".,")) and len(t.strip(".,")) >= 2]
    if caps and caps[-1] == toks[-1] and len(toks[-1]) <= 3 and len(caps) == 1:
        caps = []  # Vancouver "Smith AB"
    if len(toks) >= 2 and caps and not any(map(is_initial, toks)):
        # "RAND Corporation", "CASIS Vancouver" (an acronym in a multi-word name) — unless
        # it is "SMITH John", "John SMITH" or "SMITH JOHN" (a surname in capitals)
        return not (len(caps) == 1 and toks[0] == caps[0] and len(toks) <= 3) and \
            _caps_surname(toks) is None and not _caps_person(toks)
    return False


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0] in _VOWELS for c in word.upper())


def _caps_person(toks: list[str]) -> bool:
    """ "HAJDÚ PÉTER", "ΜΕΝΤΖΟΣ ΑΡΙΣΤΟΤΕΛΗΣ": two words all in capitals, each a word of three
    letters or more with a vowel (not an acronym, not Vancouver initials), are a person whose
    surname, printed in capitals because the list is sorted on it, comes first."""
    words = [t.strip(".,") for t in toks]
    return len(words) == 2 and all(
        len(w) >= 3 and _CAPS_WORD.match(w) and _has_vowel(w) and w.lower() not in TITLE_WORDS
        and not _org_word(w.lower()) for w in words)


_VOWELS = frozenset("AEIOUYАЕЁИОУЫЭЮЯІЇЄΑΕΗΙΟΥΩ")


def _caps_surname(toks: list[str]) -> tuple[int, int] | None:
    """Where the surname printed in capitals is in "Jean DUPONT", "DUPONT Jean",
    "Jean-Paul LE GOFF" (start, end of its words), or None: one to three given names in
    mixed case before or after one or two words in capitals that could be names (a vowel:
    "AMAZON RDS" is an acronym)."""
    words = [t.strip(".,") for t in toks]
    caps = [i for i, w in enumerate(words) if len(w) >= 2 and _CAPS_WORD.match(w)]
    if not caps or len(caps) > 2 or caps != list(range(caps[0], caps[-1] + 1)):
        return None
    rest = [w for i, w in enumerate(words) if i not in caps]
    if not 1 <= len(rest) <= 3 or (caps[0] != 0 and caps[-1] != len(words) - 1):
        return None
    if not all(_WORD.match(w) and not w.isupper() and w.lower() not in TITLE_WORDS for w in rest):
        return None
    if not all(_has_vowel(words[i]) for i in caps):
        return None
    return caps[0], caps[-1] + 1


#: letters only Vietnamese writes (horned o and u, the tone marks of Latin Extended Additional)
_VIETNAMESE = re.compile("[ơưƠƯ\u1ea0-\u1ef9]")


def _person_natural(tokens: list[str]) -> Name:
    """``First M. Last`` → name; everything after the last initial is the family name
    ("Joshua R. Itzkowitz Shifrinson"), else the last word plus preceding particles.
    A surname in capitals comes first ("DUPONT Jean")."""
    toks = [t.rstrip(",") for t in tokens]
    if len(toks) > 1 and toks[-1].lower() in PARTICLES and toks[-1].islower():
        raise ValueError(" ".join(toks))  # "La Révolution de": a name does not end in a particle
    caps = [i for i, t in enumerate(toks) if _CAPS_WORD.match(t.strip(".")) and len(t.strip(".")) > 1]
    if caps and caps == list(range(len(caps))) and len(caps) < len(toks) and \
            not any(_CAPS_WORD.match(t) for t in toks[len(caps):]):
        return _inverted(toks[: len(caps)], toks[len(caps):])
    block = _caps_surname(toks)
    if block and block[0] > 0:  # "Jean DUPONT": the given names, then the surname in capitals
        return _inverted(toks[block[0]:], toks[: block[0]])
    if len(toks) > 1 and any(map(_VIETNAMESE.search, toks)):
        # Vietnamese names are written family name first ("Nguyễn Văn An")
        toks = [t.capitalize() if t.isupper() else t for t in toks]  # "ĐỖ BẰNG" → "Đỗ Bằng"
        return _inverted(toks[:1], toks[1:])
    if _surname_first(toks):
        return _inverted(toks[:1], toks[1:])
    suffix = ""
    if len(toks) > 1 and toks[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        suffix = toks.pop()
    # a middle initial ("Joshua R. Itzkowitz Shifrinson") ends the given names; leading
    # initials ("F. Stephen Larrabee") do not
    last_init = max((i for i, t in enumerate(toks[:-1]) if is_initial(t)), default=-1)
    lead = 0
    while lead < len(toks) and is_initial(toks[lead]):
        lead += 1
    if last_init >= lead and len(toks) - last_init - 1 <= 2:
        split = last_init + 1
    else:
        split = len(toks) - 1
        if len(toks) >= 4 and toks[-2] in _SURNAME_LINKS:
            split = len(toks) - 3  # "Carmen Baroja y Nessi": the link joins the two surnames
        while split > 1 and toks[split - 1].lower() in PARTICLES:
            split -= 1
        if split == 1 and toks[0].lower() in PARTICLES:
            split = 0  # "van der Berg": particles and a surname, no given name
        if split == len(toks) - 1 and len(toks) == 3 and re.match(r"[a-z]{1,4}['’]", toks[-1]):
            split -= 1  # "Hélène Carrère d'Encausse": a glued particle joins the word before
        elif split == 2 and len(toks) == 3 and not is_initial(toks[1]) and \
                _HYPHENATED_GIVEN.fullmatch(toks[0]):
            # "Jean-Baptiste Jeangène Vilmer": where the given names are joined by a hyphen
            # (French, German "Hans-Ulrich"), a second spelled-out word belongs to the surname
            split = 1
    given = " ".join(toks[:split])
    family = " ".join(toks[split:])
    name: Name = {"family": _fix_family(family.rstrip("."))}
    if given:
        name["given"] = _fix_given(given)
    if suffix:
        name["suffix"] = suffix
    return name


_ARTICLES = frozenset(("le", "la", "les", "el", "al"))
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")


def _surname_first(toks: list[str]) -> bool:
    """"Παναγιωτάκης Γιώργος", "Bókay Antal": two words, the second a known given name that
    is no family name, the first no known given name (the name lexicon decides: a list
    written surname first is common in Greek, Hungarian, East Asian lists)."""
    if len(toks) != 2 or any(is_initial(t) or not t[:1].isupper() for t in toks):
        return False
    given, family = lexicon.names()
    first, second = (lexicon.fold(t.strip(".,").lower()) for t in toks)
    return second in given and second not in family and first not in given


@memo(16384)
def _fix_family(family: str) -> str:
    """All-capitals surnames ("ELLEFSEN", "ИВАНОВ") are a typographic style: title-case them;
    in a surname written all in capitals the particles and short words go too ("ORTEGA Y
    GASSET" → "Ortega y Gasset", "BOURDE DE LA ROGERIE" → "Bourde de la Rogerie"). Greek
    capitals keep their case: Greek writes them without the accents its lower case needs
    ("ΜΑΪΤΟΣ" is "Μαΐτος", not "Μαϊτος"), which no rule can put back."""
    if _GREEK.search(family):
        return family
    words = family.split()
    letters = [c for c in family if c.isalpha()]
    if len(words) > 1 and letters and all(c.isupper() for c in letters) and \
            any(len(w.strip("-'’")) > 2 for w in words):
        # (an article that opens the surname keeps its capital: "LE GOFF" → "Le Goff")
        return " ".join(w.lower() if w.lower() in PARTICLES and not (i == 0 and w.lower() in _ARTICLES) else
                        "-".join(p[:1] + p[1:].lower() for p in w.split("-")) for i, w in enumerate(words))
    parts = []
    for word in family.split():
        core = word.replace("-", "").replace("'", "").replace("’", "")
        if len(core) > 2 and core.isupper():
            word = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        parts.append(word)
    return " ".join(parts)


_DOT_CAPITAL = re.compile(rf"([{UPPER}]\.)(?=[{UPPER}])")


@memo(16384)
def _fix_given(given: str) -> str:
    toks = given.split()
    out = []
    for t in toks:
        if len(toks) == 1 and _VANC.match(t):  # Vancouver "AB" -> "A. B."
            out.extend(c + "." for c in t)
        elif len(t) == 1 and t.isupper():
            out.append(t + ".")
        else:
            out.append(t)
    text = " ".join(out)
    if "." in text:
        text = _DOT_CAPITAL.sub(r"\1 ", text)
    return text.rstrip(",")


def _inverted(family_tokens: list[str], given_tokens: list[str]) -> Name:
    family = " ".join(t.rstrip(",") for t in family_tokens).rstrip(".")
    given_letters = [t for t in given_tokens if is_initial(t)]
    if len(given_letters) >= 4 and len(given_letters) == len(given_tokens) and all(
            len(t.strip(".")) == 1 for t in given_tokens):
        # "Vancouver, C. A. S. I. S." is an acronym garbled into initials: "CASIS Vancouver"
        return {"literal": "".join(t.strip(".") for t in given_tokens) + " " + family}
    name: Name = {"family": _fix_family(family)}
    given = " ".join(given_tokens).rstrip(",")
    if given:
        name["given"] = _fix_given(given)
    return name


def _chunks(text: str) -> list[str]:
    text = _split_conj(text, ", ")
    if "Jr" in text or "Sr" in text or "II" in text or "IV" in text:
        # "Schlesinger Jr., Arthur M." → "Schlesinger, Arthur M., Jr."
        text = re.sub(r"^([^,]+?)\s+(Jr\.?|Sr\.?|III|II|IV),\s*([^,]+)", r"\1, \3, \2", text)
        # "Nye, Joseph S., Jr.": a suffix after the given names is part of the name
        text = re.sub(r"(?<=[\w.]),\s*(Jr\.?|Sr\.?|II|III|IV)(?=\s*(?:,|$))", r" \1", text)
    if ";" in text:
        parts = [p.strip() for p in text.split(";")]
        out = []
        for p in parts:
            out.append(p)
        # "Last, First; Last, First": each part is one inverted name
        return [p for p in out if p]
    return [p.strip() for p in text.split(",") if p.strip()]


#: a spaced slash or dash between names, or a slash between two words
_NAME_SEP = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=\.))\s+[/–—-]\s+(?=[^\W\d_])"
                       rf"|(?:(?<=[^\W\d_]{{2}})|(?<=\.))/\s*(?=[{UPPER}])"
                       # a hyphen between an initial and a surname: "Kovač, M.-Horvat, D.", "Rossi-G. Bianchi"
                       rf"|(?<=[{UPPER}]\.)-(?=[{UPPER}][{LOWER}]{{2}})|(?<=[{LOWER}]{{2}})-(?=[{UPPER}]\.\s)")


#: "…" or ". . ." between names: APA 7 leaves authors out there
_LEFT_OUT = re.compile(r",?\s*(?:…|\.\s?\.\s?\.)\s*(?=[^\W\d_])")
_STOP_OR_DIGIT = re.compile(r"[.:]\s|\d")
_CYRILLIC_GREEK_WORD = re.compile(r"[а-яёα-ω]{3}")


def split_names(text: str) -> tuple[list[Name], bool]:
    """Parse a name list. Returns ``(names, et_al)``; raises ValueError when the text
    is not a name list (:func:`parse_names` then keeps it as one literal)."""
    text = _strip_roles(clean(text).strip(" ,;:"))
    if "(" in text or "[" in text:
        text = _GROUP_NOTE.sub("", text)
    et_al = False
    # APA 7 "Smith, J., Brown, K., … Zhang, Y.": authors left out before the last one
    text, gaps = _LEFT_OUT.subn(", ", text) if "…" in text or ".." in text or ". ." in text or \
        not text.isprintable() else (text, 0)
    et_al = bool(gaps)
    m = find_etal(text)
    if m and m.start() > 0:
        et_al = True
        text = text[: m.start()].strip(" ,;")
    if not text:
        raise ValueError("empty")
    if _EAST_ASIAN.search(text) and not _LATIN.search(text):
        names, more = _east_asian_names(text)
        return names, et_al or more
    # names parted by a spaced slash or dash ("Neumann / Weigel", "Casas, M. E. – Rey, F.") or
    # by a slash between two words ("Adorno/Horkheimer") are a list
    if "/" in text or "-" in text or "–" in text or "—" in text:
        text = _NAME_SEP.sub("; ", text)
    if "," not in text and ";" not in text and is_org(text) and len(text.split()) <= 12 and \
            not _STOP_OR_DIGIT.search(text) and not _prose_words(text) and (
                _ORG_OF.search(text) or (_CYRILLIC_GREEK_WORD.search(text) and len(text.split()) >= 2
                                         and any(_org_word(w.strip(".,()").lower()) for w in text.split()))):
        # "Organisation for Economic Co-operation and Development", "National Institute for
        # Health and Care Excellence": an "of/for" in the name makes its "and" part of it
        return [{"literal": text.rstrip(".")}], et_al
    if _org_series(text):
        return [{"literal": text.rstrip(".")}], et_al
    if ";" in text:
        names: list[Name] = []
        for part in (p.strip() for p in _split_conj(text, "; ").split(";")):
            if not part:
                continue
            if "," in part:
                fam, _, giv = part.partition(",")
                ftoks, gtoks = _tokens(fam), _tokens(giv)
                given_ok = _given_only(gtoks) or (len(gtoks) <= 6 and all(
                    _is_nameword(t) or is_initial(t) for t in gtoks))  # "Delgado, Lucilia de Almeida Neves"
                if not ftoks or not all(map(_is_nameword, ftoks)) or (gtoks and not given_ok):
                    raise ValueError(part)
                names.append(_inverted(ftoks, gtoks))
            else:
                names.extend(_parse_chunks([part]))
        return names, et_al
    if "," not in text and _may_have_conj(text) and _CONJ.search(text) and not is_org(text):
        # "Cianci and Harding", "Anna Lund og Erik Holm": no comma, so every part is one name
        # ("Carmen Baroja y Nessi": a link word before a last single word joins two surnames)
        text = _LAST_SURNAME_LINK.sub(lambda m: f"{m.group(1)}{_MASK}{m.group(2)}{_MASK}", text)
        parts = [p.replace(_MASK, " ") for p in _split_conj(text, ", ").split(", ") if p]
        return _compound_after_initials([_single_name(p) for p in parts]), et_al
    return _compound_after_initials(_parse_chunks(_chunks(text))), et_al


#: Han, kana and Hangul; Latin letters
_EAST_ASIAN = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_EAST_ASIAN_SEP = re.compile(r"\s*[,、;]\s*|\s+(?:and|&|및|和|与|及)\s+")


def _east_asian_names(text: str) -> tuple[list[Name], bool]:
    """Chinese, Japanese and Korean names and whether the list ends in "等" / "ほか" / "외" (et
    al.): each part between commas ("," or "、") is one name, written family name first ("大平
    彰"); a name written as one word ("张永兵", "권기원") is kept whole as the family name, since
    where its family name ends is not written."""
    toks_of = [part.split() for part in _EAST_ASIAN_SEP.split(text)]
    et_al = bool(toks_of and toks_of[-1] and toks_of[-1][-1] in _EAST_ASIAN_ET_AL)
    if et_al:
        toks_of[-1].pop()
    out: list[Name] = [{"family": toks[0], "given": " ".join(toks[1:])} if len(toks) > 1
                       else {"family": toks[0]} for toks in toks_of if toks]
    if not out:
        raise ValueError(text)
    return out, et_al


_EAST_ASIAN_ET_AL = frozenset(("等", "ほか", "他", "외", "等人"))


def _prose_words(text: str) -> bool:
    """ "This seminar examines relations between the Soviet Union": lower-case words that
    are not linking words make a sentence, not an organisation's name (unless the name
    opens with its organisation word, as in "Institut français des relations …")."""
    words = text.split()
    if _org_word(words[0].strip(".,()").lower()) and len(words) <= 7:
        return False
    lower = sum(1 for w in words if w[:1].islower() and w.lower() not in _ORG_LOWER)
    # (names in other languages have lower-case adjectives: "Федеральная налоговая служба",
    # "Haut Conseil de la santé publique"; a sentence has more, or opens with a pronoun)
    return lower >= 4 or (lower >= 2 and words[0] in ("This", "These", "That", "Those", "We", "Our", "It",
                                                      "They", "He", "She", "There", "Here"))


def _org_series(text: str) -> bool:
    """APA "National Academies of Sciences, Engineering, and Medicine": an organisation
    whose name ends in a series of fields ("X of A, B, and C") is one body, not a body
    and two persons: the first chunk names an organisation "of/for" something, and the
    others are bare capitalised words, the last after "and"/"&"."""
    if ";" in text or "," not in text or _STOP_OR_DIGIT.search(text) or len(text.split()) > 14:
        return False
    first, _, rest = text.partition(",")
    if not (_ORG_OF.search(" " + first + " ") and is_org(first)):
        return False
    m = re.search(r",?\s+(?:and|&|und|et|y|e)\s+(\S+(?:\s\S+)?)$", rest)
    if not m:
        return False
    words = [c.strip() for c in rest[: m.start()].split(",") if c.strip()] + [m.group(1)]
    return all(map(_FIELD_WORDS.fullmatch, words))


def _compound_after_initials(names: list[Name]) -> list[Name]:
    """In a list where every given name is abbreviated (IEEE, "F. M. Last"), a full word
    between the initials and the surname belongs to the surname: "T. Itzkowitz
    Shifrinson", "S. García Márquez". (Alone, "F. Stephen Larrabee" keeps its middle name.)"""
    if len(names) < 2:
        return names
    mixed = []
    for n in names:
        toks = n.get("given", "").split()
        if "literal" in n or not toks:
            return names
        k = 0
        while k < len(toks) and is_initial(toks[k]):
            k += 1
        if k == len(toks):
            continue
        if k == 0 or len(toks) - k > 2 or not all(map(_is_nameword, toks[k:])):
            return names
        mixed.append((n, k))
    if len(mixed) * 2 > len(names):
        return names  # most names spell a given name out: not an abbreviated list
    for n, k in mixed:
        toks = n["given"].split()
        n["family"] = " ".join(toks[k:] + [n["family"]])
        n["given"] = " ".join(toks[:k])
    return names


_ORG_LOWER = frozenset("of for the and on in at to de des du la le les für der die das und di del della dei"
                       " y e et "
                       "i и по при для της του των και da do dos das".split())


_PAREN_GIVEN = re.compile(rf"(?P<family>[{UPPER}][{UPPER}{LOWER}'’\-]+"
                          rf"(?:\s[{UPPER}][{UPPER}{LOWER}'’\-]+)?)\s*"
                          rf"\((?P<given>(?:[{UPPER}][{LOWER}]*\.?[\s\-]*){{1,3}})\)")
_SUFFIX = re.compile(r"(?:Jr|Sr|jr|sr)\.?|II|III|IV|2nd|3rd|[4-9]th")


def _single_name(chunk: str) -> Name:
    """One name written whole ("Smith AB", "Jean DUPONT", "Иванов И. И."); a new dict each
    call (the list's last given name may be added to), the work remembered."""
    return dict(_one_name(chunk))


@memo(16384)
def _one_name(chunk: str) -> Name:
    m = _PAREN_GIVEN.fullmatch(chunk.strip())
    if m and not is_org(m.group("family")):  # French "FERRIERES (Madeleine)", "Codou (Y.)"
        return _inverted(_tokens(m.group("family")), _tokens(m.group("given")))
    toks = _tokens(chunk)
    if len(toks) >= 3 and is_initial(toks[-2]) and re.fullmatch(rf"[{UPPER}][{LOWER}]", toks[-1]):
        toks[-1] += "."  # "Dimaras K. Th" whose last full stop was taken for the list's end
    if len(toks) >= 3 and _SUFFIX.fullmatch(toks[-1]) and (
            is_initial(toks[-2]) or _is_vancouver_initials(toks[-2])):
        # Vancouver "Gilstrap LC 3rd", "King ML Jr": the suffix follows the initials
        name = _single_name(" ".join(toks[:-1]))
        return {**name, "suffix": toks[-1]} if "literal" not in name else name
    if _caps_person(toks):
        return {"family": _fix_family(toks[0].strip(".,")), "given": _fix_family(toks[1].strip(".,"))}
    if len(toks) > 1 and _VIETNAMESE.search(chunk) and all(map(_is_nameword, toks)):
        return _person_natural(toks)  # before the Vancouver shape: "ĐỔ TRỌNG HUỀ"
    if is_org(chunk):
        words = chunk.split()
        # lower-case words other than particles mean prose, unless the name opens with its
        # organisation word (French/Spanish adjectives: "Institut français des relations ...")
        if len(words) == 1 and not chunk.isupper() and chunk.strip(".,()").lower() in ORG_WORDS:
            raise ValueError(chunk)  # "Service, Robert": a surname that is also an organisation word
        romance = _org_word(words[0].strip(".,()").lower()) and len(words) <= 7
        if ":" in chunk or len(words) > 8 or re.search(r"\d", chunk) or (not romance and any(
                w[:1].islower() and w.lower() not in _ORG_LOWER for w in words)):
            raise ValueError(chunk)
        return {"literal": chunk.rstrip(".")}
    if len(toks) == 1:
        t = toks[0].rstrip(".")
        if _CAPS_WORD.match(t) and len(t) >= 2:
            return {"literal": t}
        if not _is_nameword(toks[0]):
            raise ValueError(chunk)
        return {"family": t}
    # Vancouver "Smith AB", GOST "Иванов И. И.", "Smith J."
    if len(toks) >= 2 and all(map(_is_nameword, toks[:1])):
        tail = toks[1:]
        if all(map(is_initial, tail)) or (len(tail) == 1 and _is_vancouver_initials(tail[0])):
            if not all(map(is_initial, toks[:-1])) or len(toks) == 2:
                k = 1
                while k < len(toks) and not (is_initial(toks[k]) or _is_vancouver_initials(toks[k])):
                    k += 1
                if k == 1 or all(map(_is_nameword, toks[:k])):
                    if not is_initial(toks[0]) or len(toks[0].rstrip(".")) > 2:
                        return _inverted(toks[:k], toks[k:])
        # GOST with a compound surname: "Itzkowitz Shifrinson E.", "de Souza M. E."
        k = next((i for i, t in enumerate(toks) if is_initial(t)), 0)
        if 1 <= k <= 3 and all(map(is_initial, toks[k:])) and all(map(_is_nameword, toks[:k])):
            return _inverted(toks[:k], toks[k:])
        # "van der Berg AB", "Itzkowitz Shifrinson E": a compound surname, Vancouver initials
        k = len(toks) - 1
        if _is_vancouver_initials(toks[k]) and all(map(_is_nameword, toks[:k])) and \
                (toks[0].lower() in PARTICLES or (k >= 2 and not toks[k].endswith("."))):
            return _inverted(toks[:k], toks[k:])
    longest = 6 if toks[-2] in _SURNAME_LINKS else 5  # "Vítor Manuel de Aguiar e Silva"
    if len(toks) > longest or not all(_is_nameword(t) or is_initial(t) for t in toks):
        raise ValueError(chunk)
    return _person_natural(toks)


def _function_word_family(toks: list[str], nxt: list[str]) -> bool:
    """ "Lo, B.", "Do, T.", "Um, K.": surnames that are also short title words in some
    language, accepted when initials follow as the given names."""
    # ("Lo, Bobo": a spelled-out given name after the comma also says it is a surname)
    return len(toks) == 1 and bool(nxt) and (all(map(is_initial, nxt)) or (
        len(nxt) <= 2 and all(map(_SPELLED.fullmatch, nxt)))) and \
        bool(_SHORT_WORD.fullmatch(toks[0])) and \
        toks[0].lower() not in ("the", "a", "an", "of", "and", "in", "on", "to", "for", "from", "how", "why")


_SENTENCE_END = re.compile(rf"([{LOWER}]{{2,}})\.\s+\S")


def _split_lost_commas(chunks: list[str]) -> list[str]:
    """ "Knutsdotter Olofsson, B. Larsén, M.": in an inverted list whose comma between two
    names was lost, a chunk "B. Larsén" between a surname and bare initials is the first
    name's initials and the next surname."""
    out = list(chunks)
    i = 1
    while i + 1 < len(out):
        prev, toks, nxt = _tokens(out[i - 1]), _tokens(out[i]), _tokens(out[i + 1])
        k = 0
        while k < len(toks) and is_initial(toks[k]):
            k += 1
        if prev and all(map(_is_nameword, prev)) and 1 <= k <= 3 and 1 <= len(toks) - k <= 2 and \
                all(map(_is_nameword, toks[k:])) and nxt and all(map(is_initial, nxt)):
            out[i:i + 1] = [" ".join(toks[:k]), " ".join(toks[k:])]
            i += 3
        else:
            i += 1
    return out


def _given_names_after(toks: list[str], nxt: list[str]) -> bool:
    """ "Álvarez Amorós, José Antonio" alone: after two surnames, only known given names (and
    the surnames' first word is none): one inverted name, not two in natural order."""
    given = lexicon.names()[0]
    return lexicon.fold(toks[0].strip(".,")) not in given and all(
        lexicon.fold(t.strip(".,")) in given for t in nxt)


def _parse_chunks(chunks: list[str]) -> list[Name]:
    for chunk in chunks:
        m = _SENTENCE_END.search(chunk)
        if m and m.group(1) not in ("jr", "sr", "st", "ste"):
            raise ValueError(chunk)  # "Systems. Cambridge": a sentence end inside a "name"
    chunks = _split_lost_commas(chunks)
    names: list[Name] = []
    i = 0
    first = _tokens(chunks[0]) if chunks else []
    # "F. M. Last, F. Last, and …" (IEEE): every chunk is one natural-order name
    natural = len(first) >= 2 and is_initial(first[0]) and not all(map(is_initial, first))
    while i < len(chunks):
        chunk = chunks[i]
        toks = _tokens(chunk)
        nxt = _tokens(chunks[i + 1]) if i + 1 < len(chunks) else []
        if not toks:
            i += 1
            continue
        # a surname in capitals: "ITZKOWITZ SHIFRINSON, Elena", "LE GOFF, J."
        caps_family = chunk.upper() == chunk and any(c.isalpha() for c in chunk) and bool(nxt) and \
            (nxt[0].upper() != nxt[0] or all(map(is_initial, nxt))) and \
            not any(_org_word(w.strip(".").lower()) for w in toks)
        fam_ok = (all(map(_is_nameword, toks)) or _function_word_family(toks, nxt)) and len(toks) <= 4 \
            and (caps_family or not is_org(chunk) or (
                len(toks) == 1 and not chunk.isupper() and bool(nxt) and _given_only(nxt))) \
            and (_caps_surname(toks) or (0, 0))[0] == 0  # "Georges FARAKLAS" is a whole name
        vanc = len(toks) >= 2 and (_is_vancouver_initials(toks[-1]) or is_initial(toks[-1])) and \
            not is_initial(toks[0])
        # ("Santos, Boaventura de Sousa": the list's last given names may hold a particle)
        given_ok = _given_only(nxt) or (
            len(toks) == 1 and i + 2 == len(chunks) and 2 <= len(nxt) <= 5
            and nxt[-1].lower() not in PARTICLES and all(_is_nameword(t) or is_initial(t) for t in nxt)
            and not is_org(chunks[i + 1]))
        if fam_ok and nxt and given_ok and not vanc and not natural and (
                len(toks) == 1 or len(nxt) <= 3):
            single = len(toks) == 1
            # ("Badia i Margarit, Antoni Maria": a surname joined by "i" / "y" / "e" is one person's)
            multi_next_is_person = len(nxt) >= 2 and not is_initial(nxt[-1]) and not single and \
                not any(t in _SURNAME_LINKS for t in toks[1:-1]) \
                and not (len(chunks) == 2 and _given_names_after(toks, nxt))
            if not multi_next_is_person:
                names.append(_inverted(toks, nxt))
                i += 2
                continue
        if names and names[-1].get("given") and len(toks) <= 2 and all(map(is_initial, toks)) and \
                not any(is_initial(t) for t in names[-1]["given"].split()):
            names[-1]["given"] += " " + _fix_given(" ".join(toks))  # "Schonfeld, William, R."
        else:
            names.append(_single_name(chunk))
        i += 1
    return names


@lru_cache(maxsize=4096)
def nominative(name: Name) -> Name:
    """A Russian surname after "под ред." is in the genitive ("Иванова" for Иванов)."""
    fam = name.get("family", "")
    for gen, nom in (("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("цкой", "цкая"),
                     ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
                     ("ского", "ский"), ("цкого", "цкий")):
        if fam.endswith(gen) and re.search("[а-яё]", fam):
            return {**name, "family": fam[: -len(gen)] + nom}
    return name


def parse_names(text: str) -> tuple[list[Name], bool]:
    """Names from a span known to be a name list; unparseable chunks become literals."""
    try:
        return split_names(text)
    except ValueError:
        text = clean(text).strip(" ,;:.")
        return ([{"literal": text}] if text else []), False
