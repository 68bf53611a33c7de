"""MediaWiki source (wikitext): citation templates become records, the rest blocks.

* ``{{cite book|journal|web|news|report|thesis|…}}`` and ``{{citation}}`` are already
  structured: their parameters map to CSL fields directly (:func:`template_record`,
  the inverse of :mod:`refs.io.wikitext`, so that ``.wiki`` → ``.bib`` → ``.wiki``
  gives the same templates back).
* ``<ref>…</ref>`` footnotes are read once each: ``<ref name=x/>`` reuses the first
  definition (one record, not two); they are placed where the article lists them
  (``{{reflist}}``, ``<references/>``, …) or at the end.
* ``{{sfn}}``, ``{{harvnb}}`` and the like are short cites pointing at a full entry:
  no records of their own.
* List items (``*``, ``#``) are items for the finder; other lines are lines of text.
  ``[URL text]`` and bare URLs become links, ``{{doi|…}}`` a DOI link, ``{{ISBN|…}}``
  its text, ``{{Webarchive|url=…|date=…}}`` an archive link on the entry; files,
  categories, tables and other templates are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, URL_STATUS, Library, Origin, Record, Report, SourceBlock
from refs.sources.text import Builder

# -- templates: finding and splitting ------------------------------------------------------


@dataclass
class Template:
    name: str  # normalised: lower case, single spaces
    params: dict[str, str] = field(default_factory=dict)  # named and positional ("1", "2", ...)
    raw: str = ""


def find_templates(text: str) -> list[tuple[int, int]]:
    """Spans of the top-level ``{{…}}`` in ``text`` (nesting counted; ``{{{…}}}`` parameters too)."""
    spans = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n - 1:
        two = text[i:i + 2]
        if two == "{{":
            if depth == 0:
                start = i
            depth += 1
            i += 2
        elif two == "}}" and depth:
            depth -= 1
            i += 2
            if depth == 0:
                spans.append((start, i))
        else:
            i += 1
    return spans


def split_params(body: str) -> list[str]:
    """``a|b=[[x|y]]|c={{t|u}}`` split at the top-level pipes."""
    out = []
    depth = {"{{": 0, "[[": 0}  # open templates and links
    closes = {"}}": "{{", "]]": "[["}
    cur = []
    i = 0
    while i < len(body):
        two = body[i:i + 2]
        if two in depth or (two in closes and depth[closes[two]]):
            depth[two if two in depth else closes[two]] += 1 if two in depth else -1
            cur.append(two)
            i += 2
            continue
        c = body[i]
        if c == "|" and not any(depth.values()):
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def parse_template(raw: str) -> Template:
    parts = split_params(raw[2:-2])
    name = " ".join(parts[0].replace("_", " ").split()).lower()
    name = name.split(":", 1)[1] if name.startswith(("template:", "πρότυπο:")) else name
    params: dict[str, str] = {}
    pos = 0
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if eq and re.fullmatch(r"\s*[^\s=][^=]*?\s*", key) and "{{" not in key and "[" not in key:
            params[key.strip().lower()] = value.strip()
        else:
            pos += 1
            params[str(pos)] = part.strip()
    return Template(name=name, params=params, raw=raw)


# -- citation templates -> records -------------------------------------------------------

TYPES: dict[str, str] = {
    "cite journal": "article-journal", "cite book": "book", "cite web": "webpage",
    "cite news": "article-newspaper", "cite newspaper": "article-newspaper",
    "cite magazine": "article-magazine", "cite report": "report", "cite tech report": "report",
    "cite thesis": "thesis", "cite conference": "paper-conference", "cite encyclopedia": "entry-encyclopedia",
    "cite encyclopaedia": "entry-encyclopedia", "cite dictionary": "entry-dictionary",
    "cite speech": "speech",
    "cite av media": "motion_picture", "cite video": "motion_picture", "cite map": "map",
    "cite press release": "report", "cite episode": "broadcast", "cite interview": "interview",
    "cite arxiv": "article", "cite biorxiv": "article", "cite ssrn": "article", "cite document": "document",
    "cite letter": "personal_communication", "cite patent": "patent", "cite mailing list": "post",
    "cite newsgroup": "post", "cite podcast": "song", "cite serial": "broadcast", "cite sign": "document",
    "cite court": "legal_case", "cite act": "legislation", "cite law": "legislation",
}
_CONTAINERS = ("journal", "magazine", "newspaper", "website", "work", "periodical", "encyclopedia",
               "encyclopaedia", "dictionary", "book-title", "booktitle")
_NAME = re.compile(r"(author|editor|translator|contributor|host|interviewer)?-?(\d*)-?"
                   r"(last|surname|first|given)?-?(\d*)")
_ROLES = {"author": "author", "editor": "editor", "translator": "translator", "contributor": "author",
          "host": "author", "interviewer": "interviewer"}
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(),
    start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def is_citation(name: str) -> bool:
    return name == "citation" or name in TYPES or name.startswith("cite ")


def template_record(t: Template, source: str = "", line: int | None = None) -> Record:
    """A CSL record from a CS1/CS2 citation template."""
    p = {k: v for k, v in t.params.items() if v.strip()}
    csl: dict[str, Any] = {}
    rtype = TYPES.get(t.name) or _citation_type(p)
    names: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in p.items():
        m = _NAME.fullmatch(key)
        if not m or not (m.group(1) or m.group(3)):
            continue
        role = _ROLES[m.group(1) or "author"]
        num = int(m.group(2) or m.group(4) or 1)
        part = m.group(3) or "whole"
        names.setdefault(role, {}).setdefault(num, {})[part] = _value(value)
    for role, by_num in names.items():
        out = []
        for _, parts in sorted(by_num.items()):
            name = _name(parts)
            if name:
                out.append(name)
        if out:
            csl[role] = out
    for vkey, role in (("vauthors", "author"), ("veditors", "editor")):
        if vkey in p and role not in csl:
            csl[role] = [_vancouver(n) for n in _value(p[vkey]).split(",") if n.strip()]
    if "authors" in p and "author" not in csl:
        csl["author"] = [{"literal": n.strip()} for n in re.split(r";", _value(p["authors"])) if n.strip()]

    title = _value(p.get("title") or p.get("trans-title") or "")
    chapter = _value(p.get("chapter") or p.get("contribution") or p.get("section") or "")
    container = next((_value(p[k]) for k in _CONTAINERS if p.get(k)), "")
    if t.name == "cite encyclopedia" and p.get("entry") and not chapter:
        chapter = _value(p["entry"])
        if not title:
            title, chapter = chapter, ""
    if chapter and rtype in ("book", "document"):
        rtype = "chapter"
    if rtype == "chapter" or (chapter and not container):
        csl["title"] = chapter
        if title:
            csl["container-title"] = title
    else:
        if title:
            csl["title"] = title
        if container:
            csl["container-title"] = container
    if t.name == "cite conference" or rtype == "paper-conference":
        if p.get("conference"):
            csl["event-title"] = _value(p["conference"])
    date = p.get("date") or p.get("year") or p.get("publication-date")
    if date:
        if p.get("month") and not p.get("date"):
            date = f"{p['month']} {date}"
        csl["issued"] = template_date(_value(date))
    for key, var in (("orig-date", "original-date"), ("orig-year", "original-date"),
                     ("access-date", "accessed"), ("accessdate", "accessed")):
        if p.get(key) and var not in csl:
            csl[var] = template_date(_value(p[key]))
    simple = {"volume": "volume", "edition": "edition", "series": "collection-title",
              "publisher": "publisher",
              "language": "language", "doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID",
              "url": "URL", "id": "number" if rtype == "report" else "",
              "number": "number" if rtype == "report" else "issue", "issue": "issue"}
    for key, var in simple.items():
        if var and p.get(key) and var not in csl:
            csl[var] = _value(p[key]) if key not in ("url",) else p[key].strip()
    if "edition" in csl:
        csl["edition"] = re.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", csl["edition"])
    if p.get("pmc"):
        csl["PMCID"] = "PMC" + re.sub(r"^PMC", "", _value(p["pmc"]), flags=re.I)
    place = _value(p.get("publication-place") or p.get("place") or p.get("location") or "")
    if rtype == "paper-conference" and p.get("publication-place") and p.get("location"):
        csl["event-place"] = _value(p["location"])
        place = _value(p["publication-place"])
    if place:
        csl["publisher-place"] = place
    if rtype == "thesis" and (p.get("degree") or p.get("type")):
        csl["genre"] = _value(p.get("type") or p.get("degree") or "")
    elif rtype == "report" and p.get("type"):
        csl["genre"] = _value(p["type"])
    numbered = p.get("pages") or p.get("pp") or p.get("page") or p.get("p")  # (|p= |pp= are CS1 aliases)
    page = _value(numbered or p.get("at") or p.get("loc") or "")
    if page:
        if rtype == "book" and not container:
            # a book has no page range of its own: |page= is the page cited (a pinpoint)
            # ("p." or "pp." by the value, as the wikitext writer chooses |page= or |pages=)
            single = not re.search(r"[-–—,&]|\s", page)
            csl["note"] = ("p. " if single else "pp. ") + page if numbered else page
        else:
            csl["page"] = page
    rec = Record(id="", type=rtype, csl=csl,
                 origin=Origin(format="wikitext", file=source, line=line, text=t.raw))
    if p.get("archive-url") or p.get("archiveurl"):
        rec.set_custom(ARCHIVE_URL, (p.get("archive-url") or p.get("archiveurl") or "").strip())
        adate = _value(p.get("archive-date") or p.get("archivedate") or "")
        if adate:
            parsed = parse_date(adate)
            parts = (parsed.get("date-parts") or [[]])[0]
            rec.set_custom(ARCHIVE_DATE, "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(parts))
                           if len(parts) == 3 else adate)
        status = _value(p.get("url-status") or p.get("dead-url") or "").lower()
        if status in ("live", "dead", "usurped", "unfit", "deviated"):
            rec.set_custom(URL_STATUS, status)
        elif status in ("yes", "no"):
            rec.set_custom(URL_STATUS, "dead" if status == "yes" else "live")
    return rec


def _citation_type(p: dict[str, str]) -> str:
    if p.get("journal"):
        return "article-journal"
    if p.get("newspaper"):
        return "article-newspaper"
    if p.get("magazine"):
        return "article-magazine"
    if p.get("chapter") or p.get("contribution"):
        return "chapter"
    if (p.get("website") or p.get("work")) and p.get("url"):
        return "webpage"
    return "book"


def _name(parts: dict[str, str]) -> dict[str, str] | None:
    last = parts.get("last") or parts.get("surname") or ""
    first = parts.get("first") or parts.get("given") or ""
    whole = parts.get("whole", "")
    if last:
        name = {"family": last}
        if first:
            name["given"] = first
        return name
    if whole:
        if "," in whole and whole.count(",") == 1:
            family, given = (s.strip() for s in whole.split(","))
            return {"family": family, "given": given} if given else {"literal": family}
        if _personal(whole):  # |author=Ronald D. Azmus: a person's name in natural order
            from refs.names import parse_name

            return parse_name(whole)
        return {"literal": whole}
    return {"literal": first} if first else None


_CORPORATE = re.compile(
    r"\b(?:university|institute|council|organi[sz]ation|agency|association|society|committee|commission|"
    r"department|ministry|office|cent(?:er|re)|foundation|corporation|press|group|bank|news|times|staff|"
    r"reporters?|editors?|service|library|museum|government|party|team|project|network|company|inc|ltd|"
    r"world|international|national|federal|rights|watch|review|journal|magazine|affairs|forces?)\b", re.I)
_UP, _LOW = "A-ZÀ-ÞĀ-ŽΑ-ΩА-Я", "a-zß-ÿā-žα-ωа-я'’"
_NAME_WORD = re.compile(rf"(?:[{_UP}]\.)+|[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*"
                        r"|van|von|de|der|den|del|della|da|di|du|la|le|ter|ten|bin|al")


def _personal(name: str) -> bool:
    """Does ``|author=`` hold one person's name, given names first ("Ronald D. Azmus")?
    Corporate authors ("NATO", "CASIS Vancouver", "Council of Europe") stay whole."""
    words = name.split()
    if not 2 <= len(words) <= 5 or _CORPORATE.search(name) or re.search(r"[\d&/;:()]", name):
        return False
    return all(_NAME_WORD.fullmatch(w) for w in words)


def _vancouver(text: str) -> dict[str, str]:
    words = text.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,4}", words[-1]):
        return {"family": " ".join(words[:-1]), "given": " ".join(c + "." for c in words[-1])}
    return {"literal": text.strip()}


def template_date(text: str) -> dict[str, Any]:
    """A template's date as CSL: structured when the wikitext writer writes it back as
    given (``2002``, ``May 2002``, ``2002-05-27``, ranges, seasons, ``c. 1900``), else
    kept as written (``27 May 1997`` stays a literal, so ``.wiki`` → ``.bib`` → ``.wiki``
    gives the same template; its year is still read from it)."""
    from refs.io.wikitext import format_date

    parsed = parse_date(text)
    if "literal" in parsed or format_date(parsed) == " ".join(text.split()):
        return parsed
    return {"literal": text.strip()}


def parse_date(text: str) -> dict[str, Any]:
    """A CS1 date (``2002``, ``May 2002``, ``2002-05-01``, ``1 May 2002``, ``May 1, 2002``,
    ``1999–2000``, ``May–June 2002``, ``c. 1900``, ``Spring 2002``) as a CSL date."""
    s = " ".join(text.replace("\u2013", "–").replace("\u2014", "–").split())
    out: dict[str, Any] = {}
    m = re.match(r"(?:c\.|ca\.|circa)\s*(.+)$", s, re.I)
    if m:
        out["circa"] = True
        s = m.group(1)
    m = re.fullmatch(r"(spring|summer|autumn|fall|winter)\s+(\d{4})", s, re.I)
    if m:
        return {**out, "date-parts": [[int(m.group(2))]], "season": SEASONS[m.group(1).lower()]}
    one = _one_date(s)
    if one:
        return {**out, "date-parts": [one]}
    m = re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{4})", s)
    if m:
        return {**out, "date-parts": [[int(m.group(1))], [int(m.group(2))]]}
    m = re.fullmatch(r"([A-Za-z]+)\s*–\s*([A-Za-z]+)\s+(\d{4})", s)
    if m and _month(m.group(1)) and _month(m.group(2)):
        y = int(m.group(3))
        return {**out, "date-parts": [[y, _month(m.group(1))], [y, _month(m.group(2))]]}
    m = re.fullmatch(r"(\d{1,2})\s*–\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", s)
    if m and _month(m.group(3)):
        y, mo = int(m.group(4)), _month(m.group(3))
        return {**out, "date-parts": [[y, mo, int(m.group(1))], [y, mo, int(m.group(2))]]}
    m = re.fullmatch(r"(.+?)\s+–\s+(.+)", s)
    if m and _one_date(m.group(1)) and _one_date(m.group(2)):
        return {**out, "date-parts": [_one_date(m.group(1)), _one_date(m.group(2))]}
    return {**out, "literal": text.strip()} if not out else {**out, "literal": s}


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _one_date(s: str) -> list[int] | None:
    m = re.fullmatch(r"(\d{4})[a-z]?", s)
    if m:
        return [int(m.group(1))]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return [int(m.group(1)), int(m.group(2)), int(m.group(3))]
    m = re.fullmatch(r"([A-Za-z]+\.?)\s+(\d{4})", s)
    if m and _month(m.group(1)):
        return [int(m.group(2)), _month(m.group(1))]  # type: ignore[list-item]
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+\.?)\s+(\d{4})", s)
    if m and _month(m.group(2)):
        return [int(m.group(3)), _month(m.group(2)), int(m.group(1))]  # type: ignore[list-item]
    m = re.fullmatch(r"([A-Za-z]+\.?)\s+(\d{1,2}),\s*(\d{4})", s)
    if m and _month(m.group(1)):
        return [int(m.group(3)), _month(m.group(1)), int(m.group(2))]  # type: ignore[list-item]
    return None


def _value(text: str) -> str:
    """A parameter value as plain text: nested templates expanded, links to their text,
    ''italics'' as <i>, entities decoded."""
    b = Builder()
    _inline(expand_templates(text, {}), b, {}, rich=True)
    return re.sub(r"[ \t\r\n]+", " ", "".join(p[0] for p in b.parts)).strip()


# -- inline wikitext -> text with links ----------------------------------------------------

#: inline templates whose text is their last positional parameter
_PASS_THROUGH = {"lang", "langx", "nowrap", "nobr", "small", "smaller", "noitalic", "transl",
                 "transliteration",
                 "ill", "interlanguage link", "keep together", "abbr", "em", "script", "nobold", "serif",
                 "sic", "not a typo", "proper name", "text", "lang-en", "σύνδεσμος"}
_SYMBOLS = {"!": "|", "=": "=", "ndash": "–", "mdash": "—", "snd": " – ", "spaced ndash": " – ", "nbsp": " ",
            "'": "'", "-": "", "·": " · ", "dot": " · ", "en dash": "–", "em dash": "—"}
_ARCHIVE = {"webarchive", "wayback", "webcite", "archive.is", "archive", "cbignore", "dead link"}
_SHORT_CITES = {"sfn", "sfnp", "sfnm", "harvnb", "harv", "harvp", "harvtxt", "harvcolnb", "harvcoltxt", "rp",
                "efn", "refn", "r", "citation needed", "cn", "fact", "failed verification", "page needed",
                "better source needed", "dubious", "clarify", "when", "who", "which"}

_PLACEHOLDER = re.compile("\x01(\\d+)\x01")
_MARK = re.compile("\x03(\\d+)\x03")


def expand_templates(text: str, store: dict[int, Any], keep_citations: bool = False) -> str:
    """``text`` with every top-level template replaced: inline ones by their text (links
    kept as placeholders into ``store``), citation templates by a placeholder (with
    ``keep_citations``) or their parameters' text, everything else by nothing. Dropped
    templates leave their line breaks, so line numbers stay right."""
    out = []
    pos = 0
    for start, end in find_templates(text):
        out.append(text[pos:start])
        raw = text[start:end]
        out.append(_expand(parse_template(raw), raw, store, keep_citations))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _put(store: dict[int, Any], value: Any) -> str:
    key = len(store) + 1
    while key in store:
        key += 1
    store[key] = value
    return f"\x01{key}\x01"


def _expand(t: Template, raw: str, store: dict[int, Any], keep_citations: bool) -> str:
    name = t.name
    p = t.params
    breaks = "\n" * raw.count("\n")
    if is_citation(name):
        if keep_citations:
            return _put(store, t)
        return " ".join(v for k, v in p.items() if k in ("title", "chapter"))
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if name in ("doi", "doi-inline"):
        doi = p.get("1", "").strip()
        return _put(store, ("doi:" + doi, "https://doi.org/" + doi)) if doi else ""
    if name in ("isbn", "issn", "oclc", "lccn", "pmid"):
        return f"{name.upper()} {p.get('1', '').strip()}" if p.get("1") else ""
    if name in ("url", "official website", "official url"):
        url = p.get("1", "").strip()
        if url and not re.match(r"https?://", url):
            url = "http://" + url
        return _put(store, (p.get("2") or url, url)) if url else ""
    if name in _ARCHIVE:
        url = p.get("url") or p.get("1") or ""
        return _put(store, ("", url.strip())) if url.strip().startswith("http") else ""
    if name in _PASS_THROUGH or name.startswith("lang-") or name.startswith("lang|"):
        positional = [v for k, v in sorted(p.items()) if k.isdigit()]
        return expand_templates(positional[-1], store, keep_citations) if positional else ""
    if name in _SHORT_CITES:
        return ("\x030\x03" if name.startswith(("sfn", "harv", "r", "efn")) else "") + breaks
    return breaks  # infoboxes, navboxes, maintenance tags: not text


_INLINE = re.compile(r"'''''|'''|''|\[\[([^\[\]]*)\]\]|\[((?:https?:)?//[^\s\]]+)(?:\s+([^\]]*))?\]|"
                     r"((?:https?://)[^\s\[\]<>|\"]+)|\x01(\d+)\x01|<br\s*/?>|</?[A-Za-z][^<>]*>|&[#\w]+;")
_NAMESPACES = {"file", "image", "category", "media", "αρχείο", "εικόνα", "κατηγορία", "datei", "bild",
               "kategorie", "fichier", "catégorie", "archivo", "categoría", "categoria", "файл", "категория",
               "plik", "kategoria",
               "bestand", "categorie", "dosya", "kategori", "ファイル", "画像", "カテゴリ", "文件", "分类"}
_LINK_END = ".,;:!?)'\""


def _inline(text: str, b: Builder, store: dict[int, Any], rich: bool = False, italic: bool = False) -> None:
    """Append wikitext to ``b``: italics, internal links as text, external links as links.
    With ``rich`` (a parameter value) italics are written as ``<i>`` tags."""
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            b.add(text[pos:m.start()], italic)
        tok = m.group()
        pos = m.end()
        if tok in ("''", "'''''"):
            italic = not italic
            if rich:
                b.add("<i>" if italic else "</i>")
        elif tok == "'''":
            pass
        elif m.group(1) is not None:
            target, _, label = m.group(1).partition("|")
            prefix = target.split(":", 1)[0].strip().lower() if ":" in target else ""
            if prefix in _NAMESPACES or prefix.startswith(":"):
                continue
            shown = label or target.lstrip(":")
            if ":" in target and not label and prefix:  # an interwiki link such as [[s:Work]]
                shown = target.split(":", 1)[1]
            _inline(shown, b, store, rich, italic)
        elif m.group(2) is not None:
            url = m.group(2)
            url = "https:" + url if url.startswith("//") else url
            label = m.group(3) or ""
            sub = Builder()
            _inline(label, sub, store, rich)
            anchor = "".join(p[0] for p in sub.parts)
            b.add(anchor or "", italic, url) if anchor else b.link(url)
        elif m.group(4) is not None:
            url = m.group(4).rstrip(_LINK_END)
            b.add(url, italic, url)
            pos = m.start(4) + len(url)
        elif m.group(5) is not None:
            value = store.get(int(m.group(5)))
            if isinstance(value, tuple):
                anchor, url = value
                b.add(anchor, italic, url) if anchor else b.link(url)
        elif tok.lower().startswith("<br"):
            b.add(" ")
        elif tok.startswith("&"):
            b.add(html.unescape(tok), italic)
        elif tok.startswith("<"):
            low = tok.lower()
            if rich and re.fullmatch(r"</?(i|b|sup|sub)>", low):
                b.add(low)
            elif low in ("<i>", "<em>"):
                italic = True
            elif low in ("</i>", "</em>"):
                italic = False
    if pos < len(text):
        b.add(text[pos:], italic)


# -- the document -----------------------------------------------------------------------------

_REF = re.compile(r"<ref\b([^>]*?)(?:/\s*>|>(.*?)</ref\s*>)", re.S | re.I)
_REF_NAME = re.compile(r"""name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s/>]+))""", re.I)
_REFLIST = re.compile(r"<references\b[^>]*?/?>|\{\{\s*(?:reflist|references|refs|παραπομπές|παραπομπη|"
                      r"listaref|referencias|примечания|notelist|einzelnachweise|références|riferimenti|"
                      r"reflist-talk|κατάλογος παραπομπών)\s*(?:\|[^{}]*)?\}\}", re.I)
_HEADING = re.compile(r"^(={1,6})\s*(.+?)\s*\1\s*$")
_LIST = re.compile(r"^([*#:;]+)\s*")
_STRIP = [(re.compile(r"<!--.*?-->", re.S), ""),
          (re.compile(r"<(nowiki|math|gallery|timeline|score|syntaxhighlight|source|templatedata)\b[^>]*>.*?</\1>",
                      re.S | re.I), ""),
          (re.compile(r"__[A-Z]+__"), "")]


def blocks(data: str | bytes, source: str = "") -> list[SourceBlock]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    for rx, repl in _STRIP:
        text = rx.sub(lambda m, r=repl: r + "\n" * m.group().count("\n"), text)

    # footnotes, each defined once; markers removed from the body (their line breaks kept)
    order: list[str] = []
    defs: dict[str, tuple[str, int]] = {}
    anon = 0

    def take_ref(m: re.Match[str]) -> str:
        nonlocal anon
        attrs, content = m.group(1) or "", m.group(2)
        nm = _REF_NAME.search(attrs)
        key = next((g for g in nm.groups() if g is not None), "") if nm else ""
        if not key:
            anon += 1
            key = f"\x00{anon}"
        if key not in order:
            order.append(key)
        if content and content.strip() and key not in defs:
            defs[key] = (content, text.count("\n", 0, m.start()) + 1)
        # a citation marker: "[n]" in prose (it tells prose from references), nothing in a list item
        return f"\x03{order.index(key) + 1}\x03" + "\n" * m.group().count("\n")

    body = _REF.sub(take_ref, text)
    notes = [(defs[k], k) for k in order if k in defs]

    store: dict[int, Any] = {}
    out: list[SourceBlock] = []
    section = ""
    placed = False
    table = 0
    lines = expand_templates_keep_lines(body, store)
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if _REFLIST.search(raw) or "\x02" in raw:
            if not placed:
                out += _note_blocks(notes, store, source)
                placed = True
            continue
        if line.startswith("{|"):
            table += 1
        if table:
            if line.startswith("|}"):
                table -= 1
            continue
        h = _HEADING.match(line)
        if h:
            section = " ".join(h.group(2).split())
            out.append(SourceBlock(text="", kind="line", line=i))
            continue
        where = f"section {section}" if section else ""
        lm = _LIST.match(line)
        if lm:
            out += _entry_blocks(line[lm.end():], store, source, i, where, "item")
        else:
            out += _entry_blocks(line, store, source, i, where, "line")
    if not placed:
        out += _note_blocks(notes, store, source)
    return out


def expand_templates_keep_lines(body: str, store: dict[int, Any]) -> list[str]:
    """The body's lines with templates expanded (citations kept as placeholders, the
    reference-list template marked), line numbers unchanged."""
    body = _REFLIST.sub(lambda m: "\x02" + "\n" * m.group().count("\n"), body)
    return expand_templates(body, store, keep_citations=True).split("\n")


def _note_blocks(notes: list[tuple[tuple[str, int], str]], store: dict[int, Any],
                 source: str) -> list[SourceBlock]:
    out: list[SourceBlock] = []
    for n, ((content, line), _key) in enumerate(notes, start=1):
        expanded = expand_templates(content, store, keep_citations=True)
        out += _entry_blocks(" ".join(expanded.split()), store, source, line, f"footnote {n}", "item")
    return out


def _entry_blocks(text: str, store: dict[int, Any], source: str, line: int, where: str,
                  kind: str) -> list[SourceBlock]:
    """One entry's blocks: a block per citation template in it (its other links attached),
    else the entry as text."""
    cites = [int(k) for k in _PLACEHOLDER.findall(text) if isinstance(store.get(int(k)), Template)]
    rest = _PLACEHOLDER.sub(lambda m: "" if isinstance(store.get(int(m.group(1))), Template) else m.group(),
                            text)
    rest = _MARK.sub(lambda m: f"[{m.group(1)}]" if kind == "line" else "", rest)
    b = Builder()
    _inline(rest, b, store)
    if cites:
        extra = b.block(kind="item", line=line, where=where)
        out = []
        for k in cites:
            rec = template_record(store[k], source=source, line=line)
            rec.origin.where = where
            out.append(SourceBlock(text=rec.origin.text, kind="item", line=line, where=where,
                                   links=extra.links if k == cites[-1] else [], record=rec))
        return out
    if b.empty and not text.strip():
        return [SourceBlock(text="", kind="line", line=line)] if kind == "line" else []
    if b.empty:
        return []
    return [b.block(kind=kind, line=line, where=where)]


def loads(text: str, source: str = "") -> tuple[Library, Report]:
    """Format-reader interface (``refs.io``): wikitext in, records out."""
    from refs.sources import load

    return load("wikitext", text, source=source)
