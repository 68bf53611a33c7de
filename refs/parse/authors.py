"""Where the author (or editor) list of a reference ends.

Tried in order: before a quoted title, before "et al.", before an APA/Harvard year
("(2019).", "2004."), at the first full stop (or colon after initials) whose prefix
parses as names — looking past initials when the list goes on ("Richard L. Kugler, and
…") — and finally the longest comma prefix that parses as names (IEEE).
"""

from __future__ import annotations

import re

from refs.parse import names as namemod
from refs.parse.dates import month_of
from refs.parse.numbers import YEAR
from refs.parse.patterns import DITTO, ROLE, first_quote
from refs.parse.state import Parsed

APA_YEAR = re.compile(rf"[\s.,]*\((?P<md>[^()\d]{{0,12}}\d{{0,2}}[^()\d]{{0,16}}\s)?(?P<y>{YEAR})[a-z]?"
                       rf"(?:[,/][^)]{{0,25}})?\)[.,:]?\s*|"
                       r"[\s.,]*\((?P<nd>n\.\s?d\.|s\.\s?f\.|s\.\s?d\.|o\.\s?J\.|б\.\s?г\.)\)[.,:]?\s*")


#: lower-case surname particles inside a natural-order name ("Klaus von Beyme:")
_PARTICLE = r"(?:von|van|der|den|de|del|della|di|da|du|des|la|le|zu|ten|ter|dos|das)"


#: Chicago notes "William Taubman, Gorbachev: His Life": a natural-order name, then a
#: one-word main title before the colon, with the publication facts in parentheses (not
#: DIN's "Itzkowitz Shifrinson, Lukáš: Title. Place : Publisher, 2011")
_NOTE_TITLE = re.compile(rf"[{namemod.UPPER}][{namemod.LOWER}]+(?:\s+[{namemod.UPPER}]\.)?"
                         rf"(?:\s+[{namemod.UPPER}]"
                         rf"[{namemod.LOWER}'’\-]+)+,\s*[{namemod.UPPER}][{namemod.LOWER}]+"
                         rf"(?:\s+(?:[{namemod.UPPER}][{namemod.LOWER}]+|and|of|the|in|on|for|to|a|an|de|du|des|la|"
                         rf"le|und|der|die|das|y|e|et)){{0,6}}")


HARVARD_YEAR = re.compile(rf"[\s.,]+(?P<y>{YEAR})[a-z]?[.,:]\s+")


#: a French-style capitalised surname and a given name: "CHABERT, Catherine"
CAPS_NAME = re.compile(rf"[{namemod.UPPER}]{{2,}}[{namemod.UPPER}\-'’]*,\s"
                        rf"[{namemod.UPPER}][{namemod.LOWER}]")


CAPS_NEXT = re.compile(rf"\.\s+(?=[{namemod.UPPER}]{{2,}}[{namemod.UPPER}\-'’]*,\s)")


def strip_role(span: str) -> tuple[str, str]:
    span = CAPS_NEXT.sub("; ", span.strip(" ,.;:"))  # "ROUSSILLON, René. CHABERT, Catherine"
    m = ROLE.search(span)
    role = ""
    if m and m.start() > 0:
        r = m.group("role").lower()
        role = "translator" if r.startswith("tr") else "editor"
        span = span[: m.start()].strip(" ,.;:")
    return span, role


def take_names(span: str, p: Parsed) -> bool:
    """Accept ``span`` as the name list (with an optional role marker)."""
    if DITTO.fullmatch(span.strip() + " "):
        return True
    span, role = strip_role(span)
    if not span or re.search(r"[“”\"«»„]", span) or not namemod.looks_like_names(span):
        return False
    names, et_al = namemod.parse_names(span)
    if role == "editor":
        p.editors = names
    elif role == "translator":
        p.translators = names
    else:
        p.authors = names
    p.et_al = et_al
    return True


def ends_with_initial(span: str) -> bool:
    last = span.rstrip().split(" ")[-1] if span.strip() else ""
    return bool(re.fullmatch(rf"(?:[{namemod.UPPER}][{namemod.LOWER}]?\.)*[{namemod.UPPER}][{namemod.LOWER}]"
                             rf"?",
                             last))


def split_authors(text: str, p: Parsed) -> str:
    """Find the author (or editor) list at the start; return the rest of the string."""
    if not text:
        return text
    m = DITTO.match(text)
    if m:  # "———." repeats the authors of the entry before (see find); "———. 1783. Title"
        rest = text[m.end():]
        ym = re.match(rf"\(?({YEAR})[a-z]?\)?[.,:]\s+", rest)
        if ym:
            p.year, rest = ym.group(1), rest[ym.end():]
        return rest
    # a quoted title: everything before it is the author list
    q = first_quote(text)
    if q is not None and q > 0:
        before = text[:q]
        m = APA_YEAR.search(before)
        if m and m.end() == len(before.rstrip()) + (len(before) - len(before.rstrip())) and \
                take_names(before[: m.start()], p):
            set_year(p, m)
            return text[q:]
        if take_names(before, p):
            return text[q:]
    # "Chabinyc, M. L. et al., J. Am. Chem. Soc.": "et al." ends the list
    m = re.search(r"\bet\s?al\.?,?\s|\bи\s+др\.,?\s", text[:400])
    if m and take_names(text[: m.end()], p):
        rest = text[m.end():]
        role = re.match(r"\(?(?:eds?|Eds?|Hrsg|éds?)\.\)?[,.]?\s+", rest)
        if role and p.authors:  # "Acton, Edward, et al. eds. Title": the names are editors
            p.editors, p.authors = p.authors, []
            rest = rest[role.end():]
        ym = re.match(rf"\(?({YEAR})[a-z]?\)?[.,:]?\s+", rest)
        if ym:
            p.year = ym.group(1)
            rest = rest[ym.end():]
        return rest
    # APA / Harvard: names followed by a year
    for rx in (APA_YEAR, HARVARD_YEAR):
        for m in rx.finditer(text):
            if m.start() == 0 or m.start() > 400:
                continue
            if rx is HARVARD_YEAR and m.group(0).lstrip().startswith(",") and re.search(
                    rf",\s*{YEAR}[a-z]?(?:,\s*\d+\s*p\.?)?\.?\s*$", text[m.end():]):
                break  # "Ettore Cinnella, 1917. La Russia …, Pisa, Della Porta, 2012": a title's year
            if rx is HARVARD_YEAR and m.group(0).rstrip().endswith(":") and not re.search(
                    r"(?:\b\w\.|^[^\s,]+,?)$", text[: m.start()]):
                break  # "Mary Elise Sarotte, 1989: The Struggle": a title ("Castree, N. 2000:" is a year)
            if len(text[m.end():].split()) < 2:
                break
            if take_names(text[: m.start()], p):
                set_year(p, m)
                return text[m.end():]
            span = text[: m.start()].strip(" ,.")
            if rx is APA_YEAR and namemod.is_org(span.split(",")[0]) and len(span.split()) <= 12 and \
                    not re.search(r"\d|[.:;]\s", span):
                # APA "National Academies of Sciences, Engineering, and Medicine. (2017)": one body
                p.authors = [{"literal": span}]
                set_year(p, m)
                return text[m.end():]
            break
    # the first full stop whose prefix parses as names
    best: int | None = None
    for m in re.finditer(r"\.?:\s+|\.\s+|\.(?=[«“\"„])", text):
        cut = m.start()
        if cut > 400:
            break
        span = text[:cut]
        if ":" in m.group(0) and _NOTE_TITLE.fullmatch(span) and re.search(rf"\([^()]*{YEAR}\)", text):
            continue  # Chicago notes "Anne Applebaum, Red Famine: Stalin's War … (New York: …, 2017)"
        if ":" in m.group(0) and not re.search(r"(?:\b[A-Z]{1,3}|\b\w\.|et al\.?)$", span) and not (
                re.search(r"[,;]", span) and text[m.end(): m.end() + 1].isupper() and not (
                _NOTE_TITLE.fullmatch(span) and re.search(rf"\([^()]*{YEAR}\)", text))) \
                and not (
                re.fullmatch(rf"(?:(?:[{namemod.UPPER}][{namemod.LOWER}'’]+(?:-[{namemod.UPPER}][{namemod.LOWER}]+)?|"
                             rf"{_PARTICLE})\s+){{1,3}}"
                             rf"[{namemod.UPPER}][{namemod.LOWER}'’]+(?:-[{namemod.UPPER}][{namemod.LOWER}]+)?"
                             rf"(?:\s*(?:,|und|and"
                             rf"|&)\s*(?:(?:[{namemod.UPPER}][{namemod.LOWER}'’\-]+|{_PARTICLE})\s*){{2,4}})*"
                             r"(?:\s*\((?:Hrsg|Hg|ed|eds|dir)\.?\))?", span)
                and (text[m.end(): m.end() + 1].isupper() or text[m.end(): m.end() + 1].isdigit())):
            continue  # a colon ends a name list after initials ("Hlubocky FJ:") or a "Hans Müller:"
        if not valid_span(span) or (":" in m.group(0) and "," in span and (
                re.search(r"\s(?:and|und|et|y|e|&)\s[^,]+,", span) or span.endswith(" ")) and
                not namemod.natural_list_ends_well(strip_role(span)[0])):
            # ("Anna Berg and Carl Olsen, Baltic Ports: Trade", French "Olivier Wieviorka,
            # Histoire de la Résistance : 1940-1945": after a list closed by "and X", or
            # before a French spaced colon, a comma chunk that does not end the list well is
            # the title; German "Gerhard Mangott, Martin Senn: Title" lists without "und")
            continue
        after = text[m.end():]
        if (ends_with_initial(span) and name_continues(after, span)) or \
                re.match(CAPS_NAME, after):
            continue
        best = m.end()
        break
    if best is not None:
        take_names(text[:best].rstrip(" .:"), p)
        return text[best:].lstrip()
    # IEEE-ish: the longest comma prefix that parses as names; a prefix ending in a lone
    # surname ("Jeffay, K., Stone") is incomplete, not wrong
    last_ok: int | None = None
    for m in re.finditer(r"[,;]\s+", text):
        if m.start() > 400:
            break
        span = text[: m.start()]
        if valid_span(span) and namemod.natural_list_ends_well(strip_role(span)[0]):
            last_ok = m.start()
        elif not re.search(rf"(?:^|[,;]|\s(?:and|&)|&)\s*[{namemod.UPPER}][\w'’\-]+$", span):
            break
    if last_ok is not None:
        take_names(text[:last_ok], p)
        return text[last_ok + 1:].lstrip()
    return text


def valid_span(span: str) -> bool:
    if re.search(r"[“”\"«»„]", span):
        return False
    s, _ = strip_role(span)
    return bool(s) and namemod.looks_like_names(s)


def name_continues(after: str, span: str) -> bool:
    """After "Richard L." comes "Kugler, and ..." (the list goes on); after "James M."
    comes a title."""
    if re.match(r"(?:&|and|und|et|и|y|e)\s+(?!al\b)\S|et\s*al\b|u\.\s?a\.|и\s+др", after):
        return True
    w = rf"[{namemod.UPPER}][\w'’\-]*"
    if re.fullmatch(r"[^,;&]+,[^,;&]+", span) and not re.search(r"\s(?:and|und|et|y|e|и)\s", span) and \
            re.match(rf"{w},\s", after):
        # "North, Douglass C. Institutions, Institutional Change …": one inverted name is
        # complete; a word and a comma after its initial start the title
        return False
    # a full word with a full stop ends a sentence: "Orientalism. Pantheon Books," is a title
    initial = rf"[{namemod.UPPER}][{namemod.LOWER}]?\.\s*"
    if re.match(rf"[{namemod.UPPER}]{{2,}}\s+[{namemod.UPPER}][{namemod.LOWER}]", after) and \
            re.fullmatch(r"[^,;&]+,[^,;&]+", span):
        # "Kaplan, Lawrence S. NATO Divided, NATO United": an acronym followed by a
        # capitalised word opens the title (a surname in capitals is followed by a comma)
        return False
    m = re.match(rf"(?:{w}\s+|{initial}){{0,3}}{w}\s*(,|\s(?:and|&|und|et)\s+[{namemod.UPPER}]"
                 rf"(?:\.|[{namemod.LOWER}'’\-]+"
                 rf"(?:\s+{w})?[,.])|\.\s+[{namemod.UPPER}]\.)", after)
    if m:
        return True
    # "Shifrinson, Joshua R. Itzkowitz. \"Deal or No Deal?\"": the word before a quoted title
    if re.match(rf"[{namemod.UPPER}][{namemod.LOWER}]+\.\s*[“\"«„]", after):
        return True
    # "Pate, C. Marvin. What Does ...": a given name after a leading initial
    if re.match(rf"[{namemod.UPPER}][{namemod.LOWER}]{{2,}}\.\s+[{namemod.UPPER}]\w*\s+\w", after) and \
            re.search(r",\s*(?:\w\.\s*)+$", span + "."):
        return True
    # more initials: "И. И. Title" / "J. R. R. Tolkien"
    if re.match(rf"[{namemod.UPPER}][{namemod.LOWER}]?\.(?:\s|[,;])", after):
        return True
    if CAPS_NAME.match(after):
        return True  # French lists: "ROUSSILLON, René. CHABERT, Catherine."
    # "... and Albert B. Bishop. Title": the surname after a middle initial
    return bool(re.search(r"(?:\band|&)\s+[^,;&]+$", span)) and bool(
        re.match(rf"[{namemod.UPPER}][\w'’\-]+[.,]\s", after))


def set_year(p: Parsed, m: re.Match[str]) -> None:
    y = m.groupdict().get("y")
    if y:
        p.year = y
        md = m.groupdict().get("md") or ""
        p.month = month_of(md + " " + m.group(0))
        day = re.search(r"\b(\d{1,2})\b", md)
        if p.month and day:
            p.day = int(day.group(1))
