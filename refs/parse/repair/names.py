"""Name lists read from a span, and the repairs of where the authors' and editors' spans end.

:func:`_names` parses a name list without the cue words and role words around it
("edited by", "(Eds.)"). The repairs mend the model's mistakes at the names' edges: the title's
first words read with the names (or the names' last words with the title), a title read as a
name, authors read as editors (and an author span that marks its names as editors), editors' cues
read with the title, an edition read as an editor.
"""

from __future__ import annotations

import re

from refs.parse.lexicon import fold, names
from refs.parse.memo import memo
from refs.parse.model import Span
from refs.parse.names import ROLE_WORDS, is_org, parse_names
from refs.parse.repair.spans import _Fields, joined

#: cue words before a name list: "In:", "dans", "edited by", "Hrsg. v.", "под ред.", "μτφρ."
_LEAD_CUE = re.compile(
    r"^(?:(?:in|en|dans|em|nel|im|στο|σε|в)\s*:?\s+|(?:(?:edited|translated|compiled|ed\.|eds\.|trans\.|tr\.)\s+)?by\s+"
    r"|(?:par|av|door)\s+(?=[A-ZÀ-Þ])"
    r"|hrsg\.\s*v(?:on|\.)\s*|herausgegeben\s+von\s+|übers(?:etzt)?\.?\s+v(?:on|\.)\s*"
    r"|trad(?:uit|uzione|ucción|ução)?\.?\s+(?:de|di|par|por|by)\s+|éd\.\s+par\s+|sous\s+la\s+dir(?:ection|\.)\s+de\s+"
    r"|a\s+cura\s+di\s+|(?:отв\.\s*)?(?:под\s+)?ред(?:акцией|\.)\s*|пер\.\s+с\s+\w+\.?\s*|μτφρ\.\s*"
    r"|μετάφραση\s+|επιμ(?:έλεια)?\.?\s*|(?:translated|edited)\s+(?:by\s+)?|(?:trans|transl|tr|ed|eds)\.\s*(?:by\s+)?|\(\s*)+",
    re.I)
#: role words after a name list: "(Eds.)", ", editores", "(a cura di)", "(dir.)", "Ed. & Trans."
_TRAIL_CUE = re.compile(
    r"(?:[\s,;]*[(\[]?\s*(?<![^\W\d_])"
    r"(?:eds?|editors?|editores|edited|Hrsg|Hg|éds?|dirs?|coords?|orgs?|ред|επιμ|trans|tr"
    r"|a\s+cura\s+di|comps?|(?:ed|eds)\.?\s*&\s*trans)\.?\s*[)\]]?)+[\s.,;:—–]*$", re.I)
_EDITOR_MARK = re.compile(r"[\s,(]\(?(?:eds?|Eds?|EDS?|editors?|Editors?|Hrsg|Hgg?|éds?|Éds?|dir|coords?"
                          r"|orgs?|[Rr]ed|toim|[Cc]ompiladores|[Cc]oordinadores"
                          r"|ред|επιμ)\.?\)?[.,:]?$")
#: how far from the end a match of :data:`_EDITOR_MARK` can start (at most 19 characters)
_EDITOR_MARK_REACH = 24
#: an editor's cue before the names: "s. dir. de", "sous la direction de", "edited by", "под ред."
_EDITOR_LEAD = re.compile(r"^[(\[]?\s*(?:s\.\s*dir\.|sous\s+la\s+dir(?:ection|\.)|dir\.\s|edited\s+by"
                          r"|eds?\.\s+by|hrsg\.|hg\.\s|herausgegeben\s+von|a\s+cura\s+di|под\s+(?:общ\.\s+)?ред|отв\.\s+ред"
                          r"|pod\s+red\.|red\.\s|oprac\.|επιμ)", re.I)

_WORD_STOP = re.compile(r"[^\W\d_]{2}\.$")
_ABBR_STOP = re.compile(r"\b(?:Jr|Sr|Inc|Ltd|Co|al)\.$")
#: how far from the end a match of :data:`_WORD_STOP` or :data:`_ABBR_STOP` can start
_STOP_REACH = 8


#: the last word of a role after a name list (:data:`_TRAIL_CUE`), at the end of a short tail
_TRAIL_WORD = re.compile(r"(?:eds?|editors?|editores|edited|Hrsg|Hg|éds?|dirs?|coords?|orgs?|ред|επιμ|trans"
                         r"|tr|di|comps?)$", re.I)
_AFTER_ROLE = frozenset(".,;:—–)]")


def _trail_cue_possible(text: str) -> bool:
    """Could :data:`_TRAIL_CUE` match (a role word at the very end, before closing
    punctuation)? Told from the last few characters: the pattern itself, anchored at the end,
    is tried at every position of the text."""
    i = len(text)
    while i and (text[i - 1] in _AFTER_ROLE or text[i - 1].isspace()):
        i -= 1
    return bool(_TRAIL_WORD.search(text[max(0, i - 12): i]))


#: the last sentence of an author span: one to three words after a full stop ("Perrault,
#: Charles. Contes.", "… and A. Morzenti. Trio:")
_SPAN_TAIL = re.compile(r"(?<=[^\W\d_]{2}\.)\s+([^\W\d_][^\s.]+(?:\s+[^\s.]+){0,2})[.:,]?$")


def _title_word_in_names(f: _Fields) -> None:
    """The title's first words read with the names ("Perrault, Charles. Contes." with no
    title; "… and A. Morzenti. Trio:" before "A logic language …"): when the names do not
    parse with them and do without, they go to the title (joined to it when it follows)."""
    sp = f.by["author"][0]
    if ". " not in sp.text or not (_SPAN_TAIL.search(sp.text) or _SENTENCE_CUT.search(sp.text)):
        return  # (no place where a title could start: told before the names are parsed)
    whole, _ = _names(sp.text)
    if not whole or "literal" not in whole[-1]:  # (the last name does not parse with them)
        return
    at = _title_start(sp.text)
    if at is None:
        return
    cut = sp.start + at
    f.by["author"][0] = Span("author", sp.start, cut, sp.text[:at], sp.confidence)
    titles = f.by.get("title", [])
    if titles and titles[0].start - sp.end <= 1:
        t = titles[0]
        titles[0] = Span("title", cut, t.end, sp.text[at:] + " " * (t.start - sp.end) + t.text,
                         min(sp.confidence, t.confidence))
    elif not titles:
        f.by["title"] = [Span("title", cut, sp.end, sp.text[at:], sp.confidence)]


#: where a sentence may end inside an author span: a full stop, then a word (not an initial)
_SENTENCE_CUT = re.compile(r"(?:(?<=[^\W\d_]{2}\.)|(?<=[A-ZÀ-ÞА-ЯΑ-Ω]\.[A-ZÀ-ÞА-ЯΑ-Ω]\.))\s+"
                           r"(?![Aa]nd\b|[Uu]nd\b|[Ee]t\b|[Yy]\b|&)(?=[^\W\d_]{2})")
#: what a given name never is: a title before a name
_HONORIFIC = re.compile(r"^(?:Prof|Dr|Mr|Mrs|Ms|Sir|St|Th|Jr|Sr)\b", re.I)


_ABBR_AHEAD = re.compile(r"[^\W\d_]{1,5}\.")
#: a name at a cut: "Hattori, K.", "Zeh, C.", "Card S. K." (a family name, then initials)
_NAME_AHEAD = re.compile(r"[^\W\d_][\w'’-]*,?\s+(?:[^\W\d_]\.\s?-?){1,3}(?:[,;&]|\s|$)")


def _title_start(text: str) -> int | None:
    """Where the title starts in an author span that does not parse as names: after one to
    three words following the last full stop ("Perrault, Charles. Contes."), else after the
    first sentence that parses as names, each with a given name or initials ("Рыбаков Б.А.
    Древняя Русь. Сказания.", "LOPES, Fernão. Crónica de D. Pedro")."""
    m = _SPAN_TAIL.search(text)
    if m and not m.group(1)[:1].islower():
        head, _ = _names(text[: m.start()])
        if head and not any("literal" in n for n in head):
            return m.start(1)
    if not text[:1].isupper():
        return None  # ("(with Lars P. Feld)", "zusammen mit …": a note about the authors)
    for n, cut in enumerate(_SENTENCE_CUT.finditer(text)):
        if n == 3:
            break
        if text[cut.end()].islower() or _ABBR_AHEAD.match(text, cut.end()):
            continue  # (not before an abbreviation: "Grøn Ø., Am. J. Phys.")
        if _NAME_AHEAD.match(text, cut.end()):
            return None  # (more names follow: "Sasayama, D. Hattori, K. …", "E. Joos, H. D. Zeh, C. …")
        head, _ = _names(text[: cut.start()])
        if head and all("literal" not in x and x.get("given") and len(x.get("family", "").strip(".")) > 1
                        and not _HONORIFIC.match(x["given"]) for x in head):
            return cut.end()
    return None


#: "Title de Given Family" read as one name: the word that puts the author after a title
_BY_NAME = re.compile(r"^(?P<title>.+?),?\s+(?:de|by|par|di|von|door|av|от|από)\s+"
                      r"(?P<given>[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω][^\s,.]+)\s+(?P<rest>[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω].*)$")


_LAST_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]+\.?$")


def _known_given(word: str) -> bool:
    """A word the name lexicon knows as a given name."""
    return fold(word) in names()[0]


def _title_by_author(f: _Fields) -> None:
    """"Ravel de Jean Echenoz.", "Treblinka de Chil Rajchman." read as one name with no
    title: a "by" word before a known given name and a surname (or before two last words)
    starts the author; what comes before it is the title, unless it is itself a given name
    and one more word."""
    sp = f.by["author"][0]
    m = _BY_NAME.match(sp.text)
    if not m:
        return
    words = m.group("title").split()
    # (a given name the lexicon does not know will do before a last word that ends the span:
    # "Treblinka de Chil Rajchman.")
    if not (_known_given(m.group("given")) or _LAST_WORD.match(m.group("rest"))) \
            or (len(words) == 2 and _known_given(words[0])):
        return
    cut = sp.start + m.end("title")
    f.by["title"] = [Span("title", sp.start, cut, m.group("title"), sp.confidence)]
    f.by["author"][0] = Span("author", cut, sp.end, sp.text[m.end("title"):].strip(" ,"), sp.confidence)


#: "Given Family, Title…" read as one inverted name ("Sinclair Lewis, Babbitt"): the name, then
#: after its comma words with no initial, no "and" and no second name in them
_GIVEN_FIRST = re.compile(r"^(?P<name>[^\W\d_][^\s,.]+(?:\s+[^\W\d_][^\s,]*){1,3}),\s+(?P<rest>[^\W\d_].*)$")
_NAME_SIGN = re.compile(r"\b[^\W\d_]\.|\b[A-Z]{1,3}\b|&|^\w+[’'-]?\w*\s+\w+[.,]?$"
                        r"|(?i:\s(?:and|und|et|y|e|i|и|και)\s|\b(?:eds?|Hrsg|dir|coord|et\s+al|Jr|Sr|Jnr)\b)")


def _title_after_given_first(f: _Fields) -> None:
    """ "Sinclair Lewis, Babbitt (1922)", "Crystal Mun-hye Baik, Reencounters:" read as one
    name "Family, Given": a name in the order given name, family name (its first word a known
    given name) ends at the comma; what follows, in which no name is known, starts the title."""
    sp = f.by["author"][0]
    m = _GIVEN_FIRST.match(sp.text.rstrip(" .,:;"))
    if not m or _NAME_SIGN.search(m.group("rest")):
        return
    words = m.group("name").split()
    # (with no title anywhere else, the name need not start with a given name the lexicon knows:
    # "Chawki Amari, Balak, Les Éditions de l'Observatoire")
    untitled = not f.by.get("title")
    if not (_known_given(words[0]) or untitled) or (_known_given(words[-1]) and not untitled) \
            or words[-1].endswith(".") or len(words[-1]) < 2 \
            or any(w.isalpha() and w.isupper() and len(w) <= 3 for w in words) \
            or any(_known_given(w.strip(",.:;()")) for w in m.group("rest").split()):
        return
    cut = sp.start + m.start("rest")
    f.by["author"][0] = Span("author", sp.start, sp.start + m.end("name"), m.group("name"), sp.confidence)
    titles = f.by.get("title", [])
    if titles and 0 <= titles[0].start - sp.end <= 1:
        t = titles[0]
        titles[0] = Span("title", cut, t.end, sp.text[m.start("rest"):] + " " * (t.start - sp.end) + t.text,
                         min(sp.confidence, t.confidence))
    elif not titles:
        f.by["title"] = [Span("title", cut, sp.end, sp.text[m.start("rest"):], sp.confidence)]


#: "Name – Title": a name of two to four capitalised words, then a dash between spaces
_NAME_DASH = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω][^\s,.;:()]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω][^\s,;:()]*){1,3})"
                        r"\s+[–—-]\s+(?P<rest>\S.*)$")


def _name_dash_title(f: _Fields) -> None:
    """ "Peter Wohlleben – Djurens gåtfulla liv (Norstedts)", read as the name "Peter" and the
    title "Wohlleben – …", or as one author span: the name ends at the dash."""
    sp = f.by["author"][0]
    titles = f.by.get("title", [])
    joined = sp.text
    if titles and 0 <= titles[0].start - sp.end <= 1:
        joined = sp.text + " " * (titles[0].start - sp.end) + titles[0].text
    elif titles:
        return
    m = _NAME_DASH.match(joined)
    if not m or not _known_given(m.group("name").split()[0]) or _known_given(m.group("rest").split()[0]) \
            or _NAME_DASH.match(m.group("rest")):
        return  # (not a list of names between dashes: "Birgit Arrhenius - Henri Freij, …")
    lead = re.split(r"[:,;]", m.group("rest"), maxsplit=1)
    if len(lead) > 1 and len(lead[0].split()) <= 4:
        more, _ = _names(lead[0])
        if len(more) == 1 and "literal" not in more[0] and more[0].get("given"):
            return  # ("BEREND T. Iván - RÁNKI György: Title")
    head, _ = _names(m.group("name"))
    if len(head) != 1 or "literal" in head[0] or not head[0].get("given"):
        return
    end = sp.start + len(joined)
    f.by["author"][0] = Span("author", sp.start, sp.start + m.end("name"), m.group("name"), sp.confidence)
    conf = min([sp.confidence] + [t.confidence for t in titles[:1]])
    f.by["title"] = [Span("title", sp.start + m.start("rest"), end, m.group("rest"), conf), *titles[1:]]


#: "Title - Given Family" at the end of a title span: the dash spaced or glued to the title
_TITLE_DASH_NAME = re.compile(r"^(?P<title>.*?\S)(?:\s+[–—-]|(?<=[^\W\d_])-)\s+"
                              r"(?P<name>(?P<given>[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω][^\W\d_]+)"
                              r"(?:\s+[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω][^\W\d_'’-]*\.?){1,3})[.,]?$")


def _author_after_title_dash(f: _Fields, label: str) -> None:
    """ "The Mill on the Floss- George Eliot", "Moby-Dick – Herman Melville" (a blog's list)
    read as one title, or as one name list, and nothing else: a known given name and one to
    three capitalised words after the last dash are the author, what comes before it the title
    (unless it opens with a given name too: two names either side of a dash)."""
    t = f.by[label][0]
    m = _TITLE_DASH_NAME.match(t.text)
    if not m or not _known_given(m.group("given")) or _known_given(m.group("title").split()[0]) \
            or _known_given(m.group("title").split()[-1]):
        return
    f.by["title"] = [Span("title", t.start, t.start + m.end("title"), m.group("title"), t.confidence),
                     *f.by.get("title", [])[1:]]
    name = t.text[m.start("name"):]
    f.by["author"] = [Span("author", t.start + m.start("name"), t.end, name, t.confidence)]


#: the last part of an author span after its last comma: "S. Coleman, Q-balls,", "A. Connes,
#: Compt.", "S. Gorbunov, et al., ALICE HLT"
_NAMES_TAIL = re.compile(r",\s+(?P<tail>[^\W\d_][^\s,]*(?:\s+[^\s,]+){0,3}?)[\s,;:]*$")


#: an initial somewhere in a text: "J.", "Ø.", "M.E.", or capitals alone ("JA", "J")
_INITIAL_IN = re.compile(r"(?<![^\W\d_])[^\W\d_]\.|(?<![^\W\d_])[^\W\d_a-zß-ÿа-яёα-ω]{1,3}(?![^\W\d_])")


def _initials(text: str) -> bool:
    """ "J. G.", "M.E.", "JA", "Ø.": capitals and their full stops only."""
    return 0 < sum(ch.isupper() for ch in text) <= 3 and all(ch.isupper() or ch in ". -" for ch in text)


def _next_field_in_names(f: _Fields) -> None:
    """The title's or the journal's first words read as the last name of a list whose names all
    have their initials ("M. Tanaka, Charged Higgs …", "J. G. Taylor, Math. Proc. Camb.",
    "S. Coleman, Q-balls, Nucl. Phys."; after "et al.," nothing is a name): a word with no
    initial after them is no name. It goes to the span that follows (the title, else a journal
    its abbreviation starts), or is the title when a journal follows and no title was read."""
    sp = f.by["author"][0]
    m = _NAMES_TAIL.search(sp.text)
    if not m:
        return
    tail, head = m.group("tail"), sp.text[: m.start()]
    words = tail.split()
    if _initials(tail) or not tail[:1].isupper() or "." in tail.rstrip(".") or _ABBR_STOP.search(tail) \
            or any(w.lower() in _AND_WORDS for w in words) \
            or len(words) > (4 if head.rstrip().endswith("al.") else 1) and not (
                len(words) <= 6 and not is_org(tail) and any("literal" in n for n in _names(sp.text)[0])):
        return  # (more words only where the whole does not parse as names: "…, Revisiting B → Dν,")
    nxt = min((s for lab in ("title", "container-title") for s in f.by.get(lab, [])[:1]),
              key=lambda s: s.start, default=None)
    if nxt is None or not 0 <= nxt.start - sp.end <= 1 \
            or not tail.endswith(".") and _LEADING_INITIAL.match(nxt.text):
        return  # (the last name's initials after it: "Клепач" | "А. "Десятилетие …"")
    if not head.rstrip().endswith("et al."):  # (parsed last: the cheap tests above end most cases)
        if not _INITIAL_IN.search(head):
            return  # (no initial anywhere: no name there can have initials for its given names)
        names, _ = _names(head)
        if not names or any(not _initials(n.get("given", "")) for n in names):
            return
    cut = sp.start + m.start("tail")
    f.by["author"][0] = Span("author", sp.start, sp.start + m.start(), head, sp.confidence)
    rest = sp.text[m.start("tail"):]
    if nxt.label == "title" or tail.endswith("."):
        f.by[nxt.label][0] = Span(nxt.label, cut, nxt.end, rest + " " * (nxt.start - sp.end) + nxt.text,
                                  min(sp.confidence, nxt.confidence))
    elif not f.by.get("title"):  # "S. Coleman, Q-balls," | "Nucl. Phys.": the title
        f.by["title"] = [Span("title", cut, sp.end, rest, sp.confidence)]
    else:
        f.by["author"][0] = sp  # (a title elsewhere: left as the model read it)


_AND_WORDS = frozenset(("and", "&", "und", "et", "y", "e", "i", "и"))
_LEADING_INITIAL = re.compile(r"[^\W\d_]\.")


#: what may mark editors in a span: a role word, a bracket, a cue before names
_EDITORS_MAYBE = re.compile(rf"[()\[\]編编]|(?i:\b(?:{ROLE_WORDS}|ur|urr)\b|edited|herausgegeben|a\s+cura"
                            r"|sous\s+la|под|pod\s+red)")


def _authors_read_as_editors(f: _Fields) -> None:
    """A name list opening the reference and followed by its year read as editors ("Ford, W. M.,
    J. M. Menzel, … and J. C. Kilgo. | 2006. | Presence and absence …"), with no bracket, role
    word or other cue in it, no author read and no other editors: the authors."""
    eds = f.by["editor"]
    sp = eds[0]
    spans = sorted((s for group in f.by.values() for s in group), key=lambda s: s.start)
    at = spans.index(sp)
    if len(eds) > 1 or any(s.label != "citation-number" for s in spans[:at]) or at + 1 >= len(spans) \
            or spans[at + 1].label != "date" or _EDITORS_MAYBE.search(sp.text):
        return
    f.by["author"] = [Span("author", sp.start, sp.end, sp.text, sp.confidence)]
    del f.by["editor"]


#: the name list's end read as the title's start: "Kelling. Broken windows.", "and Tong-Haing
#: Fin. Tools …", "Pericak-Vance. Confirmation …" (one to three capitalised words and a full stop)
_NAMES_END = re.compile(r"^(?P<head>(?:(?:and|&)\s+)?[^\W\d_a-zß-ÿ][\w'’-]*\.?"
                        r"(?:\s+[^\W\d_a-zß-ÿ][\w'’-]*\.?){0,2})\.\s+(?=[\"“‘«A-ZÀ-ÖØ-Þ0-9])")
#: a name list cut short after initials not after a comma ("R. T.", "George L"; not "Townsend, C. R.")
_NAMES_CUT = re.compile(r"(?:^|[^,\s.]\s+|\s(?:and|&)\s+)(?:[A-Z]\.?\s?){1,3}$")


def _names_end_in_title(f: _Fields) -> None:
    """A name list cut short ("R. T." | "Snodgrass. The Temporal …", "James Q Wilson and George
    L" | "Kelling. Broken windows.") or going on in the title ("and Tong-Haing Fin. Tools …"):
    the title's first words up to its first full stop end the list, when the names parse with
    them."""
    sp, t = f.by["author"][0], f.by["title"][0]
    if not 0 <= t.start - sp.end <= 1:
        return
    if _initials(sp.text.strip()) and t.text.rstrip().endswith(",") and len(t.text.split()) <= 4 \
            and f.by.get("container-title") and not any(ch.isdigit() for ch in t.text):
        # "C." | "Ciofi degli Atti," before the journal: initials alone are no name, the "title" is
        # the surname
        whole, _ = _names(sp.text + " " * (t.start - sp.end) + t.text)
        if len(whole) == 1 and "literal" not in whole[0]:
            f.by["author"][0] = Span("author", sp.start, t.end, sp.text + " " * (t.start - sp.end) + t.text,
                                     sp.confidence)
            del f.by["title"]
        return
    m = _NAMES_END.match(t.text)
    if not m or len(t.text) - m.end() < 3 or len(m.group("head").split()[-1]) < 3 \
            or not (sp.text.rstrip().endswith((" and", " &")) or m.group("head").startswith(("and ", "& "))
                    or _NAMES_CUT.search(sp.text.rstrip()) and " " not in m.group("head")):
        return
    joined = sp.text + " " * (t.start - sp.end) + m.group("head") + "."
    after, _ = _names(joined)
    if not after or any("literal" in n or not n.get("given") for n in after):
        return
    f.by["author"][0] = Span("author", sp.start, t.start + m.end("head") + 1, joined, sp.confidence)
    f.by["title"][0] = Span("title", t.start + m.end(), t.end, t.text[m.end():], t.confidence)


def _names(text: str) -> tuple[list[dict[str, str]], bool]:
    text = text.strip(" ,;:—–")
    text = _LEAD_CUE.sub("", text)
    if _trail_cue_possible(text):
        text = _TRAIL_CUE.sub("", text)
    text = text.strip(" ,;:—–")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    tail = max(0, len(text) - _STOP_REACH)
    if _WORD_STOP.search(text, tail) and not _ABBR_STOP.search(text, tail):
        text = text[:-1]  # the full stop that ends the author list ("Asmus, Ronald.")
    if not text:
        return [], False
    names, et_al = _name_list(text)
    return [dict(n) for n in names], et_al  # (each record its own name dicts)


@memo(2048)
def _name_list(text: str) -> tuple[tuple[dict[str, str], ...], bool]:
    """:func:`parse_names` of a name list, remembered (a document names the same people
    again and again); never handed out: :func:`_names` copies it."""
    names, et_al = parse_names(text)
    return tuple(names), et_al


#: an editors' cue after the start of an editor span: "Anglia. Niemcy. Francja, red. A. Kowalczykowa"
_CUE_INSIDE = re.compile(r"[,.]\s+(?:red\.|Red\.|Hrsg\.(?:\s+v(?:on|\.))?|hg\.\s+v(?:on|\.)|a cura di"
                         r"|под ред\.|ed\.\s+by|edited by|éd\.|dir\.|coord\.|επιμ\.)\s+(?=\S)")


_ROLE_IN_HEAD = re.compile(rf"(?i:\b(?:{ROLE_WORDS})\b\.?|\b(?:by|von|da|di|par|de)\s+[A-ZÀ-Ö])")


def _title_before_an_editors_cue(f: _Fields) -> None:
    """ "Manifesty romantyzmu 1790-1830. | Anglia. Niemcy. Francja, red. A. Kowalczykowa": an
    editor span whose head is no name list and whose cue ("red.", "Hrsg. von", "a cura di") is
    followed by one: the head is the end of the title just before it."""
    eds, titles = f.by.get("editor"), f.by.get("title")
    if not eds or not titles or not 0 <= eds[0].start - titles[0].end <= 1:
        return
    e, t = eds[0], titles[0]
    m = _CUE_INSIDE.search(e.text)
    head = e.text[: m.start()] if m else ""
    if not m or _ROLE_IN_HEAD.search(head) or not any("literal" in n for n in _names(e.text)[0]) \
            or any("literal" in n for n in _names(e.text[m.start() + 1:].strip())[0]):
        return  # (a head with a cue of its own, "dir. André Chastel, coord. …", is editors too)
    titles[0] = Span("title", t.start, e.start + m.start(), t.text + " " * (e.start - t.end) + head,
                     t.confidence)
    rest = e.text[m.start() + 1:].lstrip()
    eds[0] = Span("editor", e.end - len(rest), e.end, rest, e.confidence)


#: an edition named by a word before "ed." ("Updated ed.", "Illustrated ed.", "Rev. ed."), not an editor
_EDITION_WORD_ED = re.compile(
    r"\s*(?:Updated|Revised|Rev\.|Expanded|Enlarged|Abridged|Unabridged|Illustrated|Annotated|Anniversary"
    r"|Centennial|Critical|Definitive|Corrected|Corr\.|New|Student|International|Paperback|Reprint"
    r"|\d{1,3}(?:st|nd|rd|th|e|\.?\s?[ªºa]|\.)?)"
    r"\s+(?:ed|edn|edition)\.?[,;.]?\s*", re.I)


def _edition_word_read_as_editor(f: _Fields) -> None:
    """ "Updated ed.," or "18.ª ed." read as the editors ("… Politics. | Updated ed., | W. W. Norton,
    2014.", "En: Farreras P, Rozman C, editores. Medicina interna. | 18.ª ed. |"): the edition."""
    eds = f.by.get("editor")
    if not eds or f.by.get("edition"):
        return
    ed = next((e for e in eds if _EDITION_WORD_ED.fullmatch(e.text)), None)
    if ed:
        f.by["edition"] = [Span("edition", ed.start, ed.end, ed.text, ed.confidence)]
        f.by["editor"] = [e for e in eds if e is not ed]
        if not f.by["editor"]:
            del f.by["editor"]


def _marked_as_editors(text: str) -> bool:
    """An author span that marks its names as editors ("Leffler, M. P., & Westad, O. A. (Eds.)",
    "s. dir. de Bruno Béthouart"): an edited book."""
    return bool(_EDITOR_MARK.search(text, max(0, len(text) - _EDITOR_MARK_REACH)) or _EDITOR_LEAD.match(text))


#: a name of two to four capitalised words, particles allowed before the last ("Imma Monsó",
#: "Sylvain CAMILLERI", "Luis de Sobrón", "José Manuel López Nicolás", "Paul-Marius MARTIN")
_FULL_NAME = (r"[^\W\d_a-zß-ÿа-яёα-ω][\w’'-]+(?:\s+[^\W\d_a-zß-ÿа-яёα-ω][\w’'-]*){0,2}"
              r"(?:\s+(?:de|del|della|van|von|der|da|dos|du|le|la))*\s+[^\W\d_a-zß-ÿа-яёα-ω][\w’'-]+"
              r"(?:,?\s+(?:Jr|Sr|Jnr)\b\.?)?")
#: "…, de Name [et Name]" closing a line (what may follow: the publisher in brackets): the title
#: before the comma, the names after the "by" word
_BY_CLAUSE = re.compile(rf",\s+(?:(?:de|by|par|di|da|von|door|av|od|от|από)\s+|d[’'])(?P<names>{_FULL_NAME}"
                        rf"(?:(?:\s*,\s+{_FULL_NAME})*\s+(?:et|and|y|e|i|und|&)\s+(?:de\s+|d[’'])?{_FULL_NAME})?)"
                        r"(?P<rest>\s*\([^()]*\))?\s*\.?$")
#: labels the words before such a clause may have (no date, place, numbers, container or note: a
#: title only, or names the model took it for)
_TITLE_LIKE = frozenset(("title", "author", "other"))


def _title_then_by_author(f: _Fields) -> None:
    """ "Un home de paraula, d’Imma Monsó.", "Vercingétorix. Le politique, le stratège, de
    Paul-Marius MARTIN." (read as names, a title, then the names again): a line that ends with a
    "by" clause of full names after a comma, and has only title-like words before it, is the title,
    then its authors; the publisher in brackets after them keeps its label."""
    spans = sorted((sp for group in f.by.values() for sp in group), key=lambda sp: sp.start)
    lead = [sp for sp in spans if sp.label == "citation-number"]
    body = [sp for sp in spans if sp.label != "citation-number"]
    if not body or not any(sp.label in ("title", "author") for sp in body):
        return
    base, text = joined(body)
    m = _BY_CLAUSE.search(text)
    if not m or m.start() < 3:
        return
    comma, n_start, n_end = base + m.start(), base + m.start("names"), base + m.end("names")
    if any(sp.start < comma and sp.label not in _TITLE_LIKE for sp in body):
        return
    conf = min(sp.confidence for sp in body if sp.start < n_end)
    tail = [sp for sp in body if sp.start >= n_end]
    if m.group("rest") and not tail:
        return
    f.by.clear()
    for sp in lead:
        f.by[sp.label].append(sp)
    f.by["title"].append(Span("title", base, comma, text[:m.start()], conf))
    f.by["author"].append(Span("author", n_start, n_end, m.group("names"), conf))
    for sp in tail:
        f.by[sp.label].append(sp)


#: an editors' cue anywhere in a span ("in: Computermusik, hg. von Batel", "in (ed. Rachel Handley)")
_ANY_EDITOR_CUE = re.compile(r"(?<![^\W\d_])(?:eds?|editors?|edited|hg|hgg|hrsg|herausgegeben|cur|a\s+cura"
                             r"|dir|coords?|orgs?|red|ред|επιμ)(?![^\W\d_])", re.I)
#: "In" and its kin before a container
_IN_LEAD = re.compile(r"^(?:in|en|dans|em|nel|im|в|στο|//)\b:?\s*", re.I)


def _container_read_as_editors(f: _Fields) -> None:
    """ "in Giur. it.," read as the editors with no container: after "in", with no editors' cue
    and nothing the name parser reads as a person, it is the container."""
    eds = f.by.get("editor", [])
    if len(eds) != 1 or f.by.get("container-title") or not _IN_LEAD.match(eds[0].text):
        return
    sp = eds[0]
    if _ANY_EDITOR_CUE.search(sp.text):
        return
    people, _ = _names(sp.text)
    if people and all("literal" in p for p in people):
        f.by["container-title"] = [Span("container-title", sp.start, sp.end, sp.text, sp.confidence)]
        del f.by["editor"]
