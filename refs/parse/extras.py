"""Pull the identifiers and the non-bibliographic bits out of a reference string.

Before segmenting authors, title and container, a reference is stripped of what has
a fixed shape and would otherwise confuse the segmenter: URLs, DOIs, ISBNs, archive
notices ("Archived 2022-10-04 at Wayback Machine" in any language), access dates
("Retrieved ...", "Accessed ...", "дата обращения"), link markers ("online",
"excerpt") and annotations after them, and pinpoint pages after a Wikipedia-style
"(2002)". Each piece is returned as a field or a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refs.parse.dates import DATE_RE, iso, month_of, parse_date
from refs.parse.numbers import YEAR
from refs.parse.patterns import folded, odd_spaces

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"“”«»]+", re.I)
DOI_RE = re.compile(r"(?:\bdoi\s*:?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"“”<>]+)", re.I)
ISBN_RE = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s\-]?)?\d[\d\s\-]{7,14}[\dXx])\b")
ISSN_RE = re.compile(r"\bISSN\s*:?\s*(\d{4}-?\d{3}[\dXx])\b")
#: other identifiers, kept as notes: "PMID 123", "OCLC 34410587", "JSTOR 25680918", "arXiv:1409.1556"
#: (with its subject class after it: "arXiv: 1310.2103 [hep-th]")
PMID_RE = re.compile(r"\b(?:PMID|PMCID|OCLC|JSTOR|S2CID|LCCN|Bibcode|hdl|SSRN)\s*:?\s*[\w./\-]+"
                     r"|\b(?i:arxiv)(?:\.org/abs/|\s*:?\s*)(?:\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?"
                     r"(?:\s?\[[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]{2})?\])?")

_ARCHIVE_VERB = (r"(?:Archived|Archive[sd]?|Αρχειοθετήθηκε|Archiviert|Archivé|Archivado|Archiviato|"
                 r"Arquivado|Архивировано|Архивная\s+копия(?:\s+от)?|Gearchiveerd|Zarchiwizowano)")
ARCHIVE_RE = re.compile(
    rf"\(?\s*{_ARCHIVE_VERB}\s+(?:(?:from\s+the|vom|dall['’]|del|de\s+l['’]|do|à\s+partir\s+de\s+l['’])\s*"
    r"(?:original|Original|originale|originalu)\s+)?(?:on\s+|le\s+|am\s+|el\s+|il\s+|em\s+)?"
    rf"(?P<date>{DATE_RE.pattern})(?:\s+(?:года|г\.))?\s*(?:,?\s*(?:at|στο|in|bei|im|sur|en|на|su|no|op|w)\s+)?"
    r"(?:the\s+)?(?:Wayback\s+Machine|Internet\s+Archive|archive\.(?:org|today|is|ph))?\s*\.?\s*\)?",
    re.I,
)
ACCESSED_RE = re.compile(
    r"\(?\[?\s*(?:Retrieved(?:\s+on)?|Accessed(?:\s+on)?|Last\s+accessed|Viewed|Consulté\s+le|consulté\s+le|"
    r"Abgerufen\s+am|abgerufen\s+am|Zugriff\s+am|Consultado\s+el|consultado\s+el|Consultado\s+em|"
    r"Acesso\s+em|Accesso\s+il|(?:URL\s+)?consultato\s+il|дата\s+обращения|Ανακτήθηκε(?:\s+στις)?)\s*:?\s*"
    rf"(?P<date>{DATE_RE.pattern})\s*\]?\)?\s*(?:,?\s*(?:from|at|de|unter|sur)\s*)?\.?",
    re.I,
)
#: link-marker words left where a page had links; everything after them is an annotation
LINK_WORDS = r"(?:online|excerpt|excerpts|full\s+text|free\s+online|text|review|abstract|pdf|PDF)"
_ANNOT_RE = re.compile(r"(?<=[\d.,;)\]\"”»])\s*(?P<word>online|excerpt|excerpts|full text|free online)"
                       r"(?P<rest>(?:[.,;:]?\s*|[.,;:]?\s+\S.*)?)$", re.I | re.S)
#: Wikipedia reading lists annotate after the publication parenthesis:
#: "(Routledge, 2007); covers relations between 1991 and 2006 in detail."
_PAREN_ANNOT = re.compile(r"(?<=\d\))(?:,\s*\d+\s?pp?\.?)?\s*"
                          r"(?:[;.]\s+(?P<rest>[a-z][^()]*?)|;\s+(?P<cap>[A-Z][^()]*?)"
                          # "(2nd ed. 1974), a standard scholarly history" (not ", pp. 5–9")
                          r"|,\s+(?P<cap2>[A-Z][^()\d,]{3,40}?)(?=\s*(?:;|$|\.$))"
                          r"|,\s+(?P<low>(?!(?:pp?|vol|no|nos|ed|eds|trans|tr|S|s|n|t|v)\.)(?!in\s)[a-z][^()\d]{6,}?))\.?$")
_BARE_YEAR = re.compile(rf"\s*{YEAR}[a-z]?\s*$")
_LANG_NOTE = re.compile(r"\s*[\[(](?:in\s+(?:Russian|English|French|German|Greek|Spanish|Italian|Portuguese|"
                        r"Chinese|Japanese|Ukrainian|Polish)|на\s+\w+\s+языке|auf\s+\w+|en\s+\w+|"
                        r"(?:рус|англ|нем|фр|укр|исп|итал)\.)[\])]",
                        re.I)
#: "(lire en ligne)", "[online]", "(online lesen)", "(читать онлайн)": where a link was
_CITED = re.compile(r"\s*\[(?:cited|updated|accessed)\s+(?P<y>\d{4})(?:\s+(?P<mon>[A-Za-z]{3,9})\.?)?"
                    r"(?:\s+(?P<d>\d{1,2}))?[^\]]*\]", re.I)
_LINK_NOTE = re.compile(r"\s*[\[(][\s,;]*(?:lire en ligne|online lesen|leer en línea|leggi online|ler online|"
                        r"Internet|serial on the Internet|database on the Internet|monograph on the Internet|"
                        r"читать онлайн|"
                        r"online|full text|PDF|pdf|διαβάστε online)[\])]", re.I)
URL_LEAD = re.compile(r"(?:Available(?:\s+(?:at|from|online))?|Retrieved\s+from|URL|Online|En\s+ligne|"
                      r"Disponible\s+en|Disponível\s+em|Режим\s+доступа|Verfügbar\s+unter)\s*:?\s*$", re.I)


#: GOST/ISBD "[Электронный ресурс]": the work is online (a note, and a hint for the type)
_ELECTRONIC = re.compile(r"\s*\[(?:Электронный\s+ресурс|Electronic\s+resource|Ressource\s+électronique|"
                         r"Elektronische\s+Ressource|Recurso\s+electrónico|Recurso\s+eletrônico|"
                         r"Risorsa\s+elettronica|Ηλεκτρονικός\s+πόρος)\]", re.I)


_FIRST_ED = re.compile(r"\s*\(\s*(?:Original\s+work\s+published|1re|1ère|1st|first|orig\.?|original|"
                       r"Erstausgabe|1\.\s*Aufl\.|1ª|1\.ª)\s*"
                       r"(?:éd\.|ed\.|edition|édition|edición|edizione|publ\.|published)?\s*(?:en\s+|in\s+)?"
                       r"(?:1[5-9]|20)\d\d\s*\)", re.I)
#: where a language note or a first edition's date can start: a bracket before a character
#: that the first letter of one of :data:`_LANG_NOTE`'s words matches (ignoring case, as
#: re does: "İ" and "ı" are "i"), a parenthesis before one of :data:`_FIRST_ED`'s (the
#: patterns themselves are tried at every position of the text, slowly)
_LANG_NOTE_HINT = re.compile(r"[\[(][AEIaeiİıАИНРУФаинруф]")
_FIRST_ED_HINT = re.compile(r"\(\s*[1EFOefo]")


_FORTHCOMING = re.compile(r",?\s*\(?\b(?:to\s+be\s+published|submitted\s+for\s+publication|in\s+press|"
                          r"forthcoming|to\s+appear|accepted\s+for\s+publication|im\s+Druck|sous\s+presse|en\s+prensa|в\s+печати)\)?\.?"
                          r"(?=\s*$|\s*[,.;])", re.I)


#: words without which the costly patterns cannot match (lower-cased, as by :func:`folded`; the
#: access words also tell an access notice from a date, in assemble)
_ARCHIVE_WORDS = ("archiv", "archiw", "arquiv", "архив", "αρχειοθετ")
ACCESSED_WORDS = ("retrieved", "accessed", "viewed", "consult", "konsult", "abgerufen", "zugriff", "acesso",
                  "accesso", "acceso", "accès", "dostęp", "přístup", "erişim", "truy cập", "обращения",
                  "ανακτ", "πρόσβαση")
_FORTHCOMING_WORDS = ("publi", "press", "prensa", "forthcoming", "appear", "druck", "печати")
_URL_WORDS = ("http", "www.")
_PMID_WORDS = ("PMID", "PMCID", "OCLC", "JSTOR", "S2CID", "LCCN", "Bibcode", "hdl", "SSRN")  # (case kept)
_CITED_WORDS = ("cited", "updated", "accessed")
_LINK_NOTE_WORDS = ("ligne", "línea", "online", "internet", "онлайн", "full", "pdf")
_ANNOT_WORDS = ("online", "excerpt", "full")


@dataclass
class Extras:
    """What :func:`extract` found, as CSL values and notes."""

    url: str = ""
    doi: str = ""
    isbn: str = ""
    issn: str = ""
    archive_url: str = ""
    archive_date: str = ""
    accessed: tuple[int, int | None, int | None] | None = None
    preprint: bool = False
    electronic: bool = False
    notes: list[str] = field(default_factory=list)


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_SPACES = re.compile(r"\s+")
_SPACE_PUNCT = re.compile(r"\s+([.,;])")
_SPACE_COLON = re.compile(r"\s+(:)(?=\s*(?:[.,;:]|$))")
_DOUBLED = re.compile(r"([.,;:])\1+")
_PUNCT_RUN = re.compile(r"[,;:]+(?=[.,;:])")
#: the pairs of characters :data:`_PUNCT_RUN` needs
_PUNCT_PAIRS = tuple(a + b for a in ",;:" for b in ".,;:")


def _may_have_empty_brackets(text: str) -> bool:
    """Whether :data:`_EMPTY_BRACKETS` can match (in a printable text the only whitespace
    is the space)."""
    return "()" in text or "[]" in text or "( " in text or "[ " in text or not text.isprintable()


def _tidy(text: str) -> str:
    if _may_have_empty_brackets(text):
        text = _EMPTY_BRACKETS.sub("", text)
    if odd_spaces(text):  # (from here on a space is one " ": the tests below can look for it)
        text = _SPACES.sub(" ", text)
    # no space before "." "," ";"; before ":" only where a removed piece left one at the
    # end (French typography writes "Titre : sous-titre", kept as printed)
    if " ." in text or " ," in text or " ;" in text:
        text = _SPACE_PUNCT.sub(r"\1", text)
    if " :" in text:
        text = _SPACE_COLON.sub(r"\1", text)
    if ".." in text or ",," in text or ";;" in text or "::" in text:
        text = _DOUBLED.sub(r"\1", text)
    if any(map(text.__contains__, _PUNCT_PAIRS)):
        text = _PUNCT_RUN.sub("", text)
    if _may_have_empty_brackets(text):
        text = _EMPTY_BRACKETS.sub("", text)
    return text.strip(" ,;:")


def extract(text: str) -> tuple[str, Extras]:
    """Remove identifiers, archive/access notices and annotations from ``text``."""
    ex = Extras()

    def archive(m: re.Match[str]) -> str:
        parts = parse_date(m.group("date"))
        if parts and not ex.archive_date:
            ex.archive_date = iso(parts)
        return " "

    low = folded(text)
    if any(map(low.__contains__, _ARCHIVE_WORDS)):
        text = ARCHIVE_RE.sub(archive, text)

    def accessed(m: re.Match[str]) -> str:
        parts = parse_date(m.group("date"))
        if parts and not ex.accessed:
            ex.accessed = parts
        return " "

    if any(map(low.__contains__, ACCESSED_WORDS)):
        text = ACCESSED_RE.sub(accessed, text)

    # DOIs before URLs: a doi.org URL is a DOI, not a web page
    def doi(m: re.Match[str]) -> str:
        if not ex.doi:
            ex.doi = m.group(1).rstrip(".,;)]")
        return " "

    if "10." in text:
        text = DOI_RE.sub(doi, text)

    def url(m: re.Match[str]) -> str:
        u = m.group(0).rstrip(".,;:)]")
        if u.count("(") > u.count(")") and m.group(0).rstrip(".,;:]").endswith(")"):
            u += ")"
        if "web.archive.org" in u or "archive.today" in u or "archive.ph" in u:
            ex.archive_url = ex.archive_url or u
        elif not ex.url:
            ex.url = u if u.lower().startswith("http") else "http://" + u
        else:
            ex.notes.append(u)
        return " "

    pieces = []
    pos = 0
    for m in URL_RE.finditer(text) if any(map(low.__contains__, _URL_WORDS)) else ():
        before = text[pos:m.start()]
        lead = URL_LEAD.search(before)
        if lead:
            before = before[: lead.start()]
        pieces.append(before)
        pieces.append(url(m))
        pos = m.end()
    pieces.append(text[pos:])
    text = "".join(pieces)

    ex.preprint = "arxiv.org/abs/" in ex.url.lower()
    m = ISBN_RE.search(text) if "ISBN" in text else None
    if m:
        ex.isbn = re.sub(r"\s", "-", m.group(1).strip())
        text = text[: m.start()] + " " + text[m.end():]
    m = ISSN_RE.search(text) if "ISSN" in text else None
    if m:
        ex.issn = m.group(1)
        text = text[: m.start()] + " " + text[m.end():]
    pmid = "arxiv" in low or any(map(text.__contains__, _PMID_WORDS))
    for m in list(PMID_RE.finditer(text))[::-1] if pmid else ():
        ex.notes.insert(0, m.group(0))
        ex.preprint = ex.preprint or m.group(0).lower().startswith("arxiv")
        text = text[: m.start()] + " " + text[m.end():]
    m = _FORTHCOMING.search(text) if any(map(low.__contains__, _FORTHCOMING_WORDS)) else None
    if m:  # IEEE "Phys. Rev. B, to be published."
        ex.notes.append(m.group(0).strip(" ,.()"))
        text = text[: m.start()] + " " + text[m.end():]
    m = _FIRST_ED.search(text) if _FIRST_ED_HINT.search(text) else None
    if m:  # "(1re éd. 1967)": the first edition's year, not this one's
        ex.notes.append(m.group(0).strip(" ()"))
        text = text[: m.start()] + " " + text[m.end():]
    m = _CITED.search(text) if "[" in text and any(map(low.__contains__, _CITED_WORDS)) else None
    if m:  # Vancouver "[cited 2002 Jul 9]"
        month = month_of(m.group("mon")) if m.group("mon") else None  # ("[cited 2003]": a year alone)
        if not ex.accessed:
            ex.accessed = (int(m.group("y")), month, int(m.group("d")) if m.group("d") and month else None)
        text = text[: m.start()] + " " + text[m.end():]
    for m in list(_LINK_NOTE.finditer(text))[::-1] if any(map(low.__contains__, _LINK_NOTE_WORDS)) else ():
        ex.notes.insert(0, m.group(0).strip(" ()[],;"))
        text = text[: m.start()] + " " + text[m.end():]
    m = _ELECTRONIC.search(text) if "[" in text else None
    if m:
        ex.electronic = True
        ex.notes.insert(0, m.group(0).strip(" []"))
        text = text[: m.start()] + " " + text[m.end():]
    for m in list(_LANG_NOTE.finditer(text))[::-1] if _LANG_NOTE_HINT.search(text) else ():
        ex.notes.insert(0, m.group(0).strip(" ."))
        text = text[: m.start()] + " " + text[m.end():]

    # (the annotation runs to the end without a parenthesis: it can only start after the last ")")
    last = text.rfind(")")
    m = _PAREN_ANNOT.match(text, last + 1) if last > 0 else None
    if m and m.group("rest") and text[last + 1:].lstrip()[:1] == "." and \
            _BARE_YEAR.match(text, text.rfind("(", 0, last) + 1, last):
        m = None  # APA's "(2010). iccs 2009 European report …": a title in lower case after the year
    if m:
        ex.notes.append((m.group("rest") or m.group("cap") or m.group("cap2") or m.group("low")).strip())
        text = text[: m.start()]
    # "online" / "excerpt" link markers, and whatever annotation follows them
    while any(map(low.__contains__, _ANNOT_WORDS)):
        m = _ANNOT_RE.search(text)
        if not m:
            break
        rest = m.group("rest").strip(" .,;:")
        ex.notes[:0] = [m.group("word")] + ([rest] if rest else [])
        text = text[: m.start()]
    return _tidy(text), ex
