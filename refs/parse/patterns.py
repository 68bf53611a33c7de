"""Shared patterns for reading references: quotes, sentence ends, role and genre
markers (editors, theses, reports, editions), newspapers, "———" ditto marks.

They live apart because the author, title and tail steps all need them.
"""

from __future__ import annotations

import re

QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’", "‹": "›", "”": "”", "'": "'", "‚": "‘’"}


ROLE = re.compile(r"(?:,\s*|\s+|\s*\()(?P<role>eds?|Eds?|EDS?|editors?|Editors?|Hrsg|hrsg|Hg|hg|dir|dirs"
                   r"|éds?|Éds?|"
                   r"coords?|orgs?|a\s+cura\s+di|ред|сост|επιμ|Επιμ|comp|comps|trans|tr)\.?\)?\s*$")


ABBREV = frozenset(
    """proc conf int nr bd hrsg hg aufl
    vs v cf e.g i.e etc al st mr mrs ms dr prof jr sr no nos vol vols ed eds trans repr rev co inc ltd
    corp dept univ jan feb mar apr jun jul aug sep sept oct nov dec pp p fig ch sec art pt u.s u.k
    и т д др см им ок гг г вып ред изд сб дис канд докт полит экон ист филол техн юрид пед соц автореф
    наук науч ст стат учеб отв гл ч кн сер""".split()
)


CHAPTER = re.compile(r"^(?:In|IN|in|Dans|dans|En|en|Em|em|Nel|nel|Im|im|Στο|Σε|В|в|W|w)\s*:?\s+(?=\S)"
                      r"|^//\s*")


THESIS = re.compile(
    r"(?<!\w)(?P<genre>(?:(?:MA|M\.A\.|MSc|M\.Sc\.|MPhil|M\.Phil\.|BA|B\.A\.|BSc|MS|M\.S\.|Master['’]?s?"
    r"|Bachelor['’]?s?|"
    r"PhD|Ph\.\s?D\.|Doctoral|Doctorate|Diploma|Senior|Honou?rs|Undergraduate|Unpublished)\s+"
    r"(?:thesis|dissertation|diss\.?)|Doctoral\s+thesis|"
    # a bare genre word is a genre only where a new segment starts, not inside a title
    # ("Les Lieux de mémoire", "la tesi di Marx")
    r"(?<!\w\s)(?<!\w\s['’])(?:Dissertation|Diss\.|Thèse(?:\s+de\s+doctorat)?|"
    r"Mémoire(?:\s+de\s+master)?|Tesi(?:\s+di\s+(?:laurea|dottorato))?|Tesis(?:\s+doctoral)?|"
    r"Tese(?:\s+de\s+doutorado)?|Dissertação(?:\s+de\s+mestrado)?)|Doktorarbeit|Masterarbeit|Diplomarbeit|"
    r"Дис\.[^,:;]*|Диссертация[^,:;]*|Автореф[^,:;]*|Διδακτορική\s+διατριβή|Διπλωματική\s+εργασία)"
    # the discipline: "thèse de doctorat en science politique", "Tese (Doutorado em História)"
    r"(?:\s+(?:en|em)\s+[^\W\d][^,.;()]{2,40}|\s*\((?:Doutorado|Mestrado|Doctorado|Maestría|Livre-docência)"
    r"[^()]*\))?)"
    r"(?P<tail>\s*(?:\(unpublished\)|in\s+progress)?)(?!\w)", re.I)


REPORT = re.compile(
    r"(?P<genre>(?:Technical|Tech\.|Research|Working|Policy|Discussion|Occasional|Briefing|Staff|Background|"
    r"Issue|Special|Final|Annual|CRS|White|Conference)\s+(?:Report|Paper|Brief|Note|Series)s?|Tech\.\s+Rep\.|"
    r"Rep\.(?=\s*[A-Z]*-?\d)|Report|Rapport|Documento\s+de\s+[Tt]rabajo|Document\s+de\s+travail|"
    r"Documento\s+di\s+lavoro|Arbeitspapier|Texto\s+para\s+discussão|"
    r"Bericht|Informe|Relatório|Доклад|Отчёт|Отчет)"
    r"(?:\s*(?:No\.|no\.|Nr\.|nr\.|#|number|n°|№)?\s*"
    # "RR-2573-A", "45", IEEE's "SP 800-38A" (a series code, a space, the number)
    r"(?P<number>(?=[A-Z]{0,6}\s?[\w\-./]*\d)[A-Z]{0,6}(?:\s(?=\d))?[-\d][\w\-./]*))?")


#: a report number: "no. RL74930", "Nr. TR-92045", or a bare letters-and-digits code
REPORT_NO = re.compile(r"(?:^|(?<=[\s,(]))(?:(?:No\.|no\.|Nr\.|nr\.|№)\s*"
                        r"(?P<number>[A-Z]{1,6}-?\d{3,}[\w\-./]*)|"
                        r"(?P<code>[A-Z]{2,6}-?\d{3,}[\w\-./]*|(?:RFC|STD|BCP|FIPS|ISO|NISTIR|CRS)\s\d{2,}[\w\-./]*))"
                        r"(?=[\s,.;)]|$)")


EDITION = re.compile(r"(?:\(|\b)(?P<ed>\d+)(?:st|nd|rd|th|e|ème|\.[ªºᵃ]?|[ªº]|-?е|η)?\s*"
                     r"(?:anniversary\s+|rev\.\s+|revised\s+)?"
                      r"(?:edition|edn|ed\.?\s*rev|ed|Auflage|Aufl|"
                      r"éd|изд|έκδ)\b\.?(?:,?\s*(?:испр|доп|перераб|расш)\.(?:\s*и\s*(?:испр|доп|перераб)\.)?)?"
                      r"(?:\s*\))?", re.I)


#: an edition named by a word: "Revised ed.", "New edn", "Nouvelle édition", "Neue Auflage"
WORD_EDITION = re.compile(
    r"(?:^|(?<=[\s,.(]))(?P<ed>(?:(?:Revised|Rev\.|New|Expanded|Updated|Enlarged|Corrected)\s+and\s+)?"
    r"(?:Revised|Rev\.|New|Expanded|Updated|Enlarged|Abridged|Second|Third|Fourth|Fifth|"
    r"Nouvelle|Neue|Nueva|Nuova|Nova|Überarbeitete|Erweiterte))\s+"
    r"(?:ed\.|edn\.?|edition|éd\.|édition|Auflage|Aufl\.|edición|edizione|edição|ed(?=[,;)]|$))(?=[\s,.;)]|$)",
    re.I)


DITTO = re.compile(r"^[—–_\-]{2,}\s*[.,]?\s*")


def first_quote(text: str) -> int | None:
    for i, ch in enumerate(text):
        if ch in "“«„\"‹" or (ch == "‘" and (i == 0 or text[i - 1] in " ,.:(")):
            close = QUOTES.get(ch, ch)
            if any(c in text[i + 1:] for c in close):
                return i
        if ch == "'" and (i == 0 or text[i - 1] == " ") and i + 1 < len(text) and text[i + 1].isupper() and \
                re.search(r"[^\s]'(?=[\s,.;:]|$)", text[i + 2:]):
            return i
        if i > 400:
            return None
    return None


def close_quote(text: str, opener: str) -> int | None:
    closers = QUOTES.get(opener, opener)
    best = None
    for i in range(1, len(text)):
        ch = text[i]
        if ch in closers:
            nxt = text[i + 1: i + 2]
            if opener in "'‘" and nxt and nxt.isalpha():
                continue  # an apostrophe ("Russia's"), not the closing quote
            best = i
            break
    return best


def sentence_end(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` the end of a sentence (not "U.S.", "vol.", "J.")?"""
    before = re.search(r"(\S+)$", text[:dot])
    word = before.group(1) if before else ""
    core = word.strip("([\"'“”‘’")
    if len(core) == 1 and core.isalpha() and core.isupper():
        return False
    if core.lower().rstrip(".") in ABBREV:
        return False
    if re.fullmatch(r"\d{1,2}", core):
        return False  # an ordinal: "im 19. Jahrhundert", "22. Februar"
    return not re.fullmatch(r"(?:\w\.)+\w", core)


def sentence_word(before: str) -> bool:
    """Does the word before a full stop end a sentence of a title: a lower-case word, a
    number or a long noun ("stabilizing.", "2019.", "Jahrhundert."), not a capitalised
    abbreviation of a journal name ("Phys.", "Chem.", "Softw.")?"""
    word = before.split()[-1] if before.split() else ""
    return (word.isalpha() and word.islower() and len(word) >= 3) or word.isdigit() or (
        word.isalpha() and word[:1].isupper() and word[1:].islower() and len(word) >= 7)


NEWSPAPER = re.compile(
    r"(?:The\s+|Le\s+|La\s+|Die\s+|El\s+)?(?:[\w.]+\s+){0,3}"
    r"(?:Times|Post|News|Herald|Guardian|Gazette|Tribune|Telegraph|Independent|Observer|Chronicle|Le Monde|"
    r"Figaro|Libération|Zeitung|Spiegel|Allgemeine|El País|El Mundo|Corriere|Repubblica|La Stampa|Folha|"
    r"Estadão|O Globo|Известия|Коммерсантъ|Ведомости|Газета|Καθημερινή|Βήμα|Wall Street Journal|"
    r"Público|Clarín|La Vanguardia|La Nación|Le Soir|Les Échos|Ouest-France|La Croix|Die Welt|Die Zeit|"
    r"Der Standard|Die Presse|Handelsblatt|Il Sole 24 Ore|Il Messaggero|Expresso|Diário de Notícias|Jornal|"
    r"Российская газета|Новая газета|Ελευθεροτυπία|Τα Νέα|Έθνος|Financial Times)\b"
    r"(?:\s+\w+){0,2}")
