"""Write the seed article's fixtures in every source form refs reads.

    python tests/data/sources/make_fixtures.py            # (re)writes the files next to this script

* ``nato.html``: the page as a browser saves it from Greek Wikipedia (skin, navigation,
  table of contents, edit links, infobox, inline ``[n]`` markers, ``ol.references``
  footnotes with "↑" backlinks, the further-reading list with its external links and
  the Wayback Machine link, navbox, categories, footer);
* ``nato.wiki``: its wikitext (footnotes as ``<ref>{{cite …}}</ref>``, named-ref reuse,
  ``{{sfn}}``, free-text bullets with ``[URL text]``, ``{{Webarchive}}``, ``{{ISBN}}``);
* ``nato.pdf``: a syllabus (running header, page footer, hanging indents, one word
  hyphenated at a line end, link annotations, a two-column last page), via fpdf2;
* ``nato.docx``: a Word file (footnotes, italic titles, "online" as hyperlinks), via
  python-docx.

Everything comes from :mod:`seed_entries`, whose entries, stripped of markup, are the
seed's lines; the script refuses to write fixtures that would not be.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))

import seed_entries as S  # noqa: E402

SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class Seg:
    text: str
    italic: bool = False
    href: str = ""  # external link
    wiki: str = ""  # internal link target


_TOKEN = re.compile(r"''|\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|\[(https?://\S+) ([^\]]+)\]|"
                    r"\{\{Webarchive\|url=([^|}]+)\|date=([^|}]+)\}\}")


def segments(markup: str) -> list[Seg]:
    """The mini-markup of seed_entries as text segments."""
    out: list[Seg] = []
    italic = False
    pos = 0
    for m in _TOKEN.finditer(markup):
        if m.start() > pos:
            out.append(Seg(markup[pos:m.start()], italic))
        if m.group() == "''":
            italic = not italic
        elif m.group(1):
            out.append(Seg(m.group(2) or m.group(1), italic, wiki=m.group(1)))
        elif m.group(3):
            out.append(Seg(m.group(4), italic, href=m.group(3)))
        else:
            word, mid, machine, end = S.ARCHIVE_TEXT
            out += [Seg(word, href=m.group(5)), Seg(mid), Seg(machine, wiki="Wayback Machine"), Seg(end)]
        pos = m.end()
    if pos < len(markup):
        out.append(Seg(markup[pos:], italic))
    return out


def plain(markup: str) -> str:
    return "".join(s.text for s in segments(markup))


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def check() -> None:
    lines = seed_lines()
    for i, fn in enumerate(S.FOOTNOTES):
        assert "↑" + plain(fn) == lines[9 + i], (plain(fn), lines[9 + i])
    for i, entry in enumerate(S.FURTHER_READING):
        assert plain(entry) == lines[12 + i], (plain(entry), lines[12 + i])


# -- HTML ------------------------------------------------------------------------------

def _html_segs(segs: list[Seg]) -> str:
    out = []
    for s in segs:
        text = html.escape(s.text, quote=False)
        if s.href:
            text = f'<a rel="nofollow" class="external text" href="{html.escape(s.href)}">{text}</a>'
        elif s.wiki:
            text = f'<a href="/wiki/{html.escape(s.wiki.replace(" ", "_"))}" title="{html.escape(s.wiki)}">{text}</a>'
        if s.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _html_prose(line: str) -> str:
    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        note = (n - 1) % 3 + 1
        return (f'<sup id="cite_ref-{n}" class="reference"><a href="#cite_note-{note}">'
                f'<span class="cite-bracket">&#91;</span>{n}<span class="cite-bracket">&#93;</span></a></sup>')

    return re.sub(r"\[(\d+)\]", marker, html.escape(line, quote=False))


_EDIT = ('<span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?'
         'title=%CE%A3%CF%87%CE%AD%CF%83%CE%B5%CE%B9%CF%82&amp;action=edit&amp;section={n}" title="Επεξεργασία '
         'ενότητας">επεξεργασία κώδικα</a><span class="mw-editsection-bracket">]</span></span>')


def _heading(level: int, text: str, n: int) -> str:
    return (f'<div class="mw-heading mw-heading{level}"><h{level} id="{html.escape(text.replace(" ", "_"))}">'
            f"{html.escape(text)}</h{level}>{_EDIT.format(n=n)}</div>")


def make_html() -> str:
    lines = seed_lines()
    nav = "".join(f'<li id="n-{i}"><a href="/wiki/{w}">{w.replace("_", " ")}</a></li>' for i, w in enumerate(
        ["Κύρια_σελίδα", "Πύλη:Περιεχόμενα", "Τρέχοντα_γεγονότα", "Ειδικό:Τυχαία", "Βικιπαίδεια:Αγορά"]))
    toc = ('<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading"><input type="checkbox" '
           'role="button" id="toctogglecheckbox" class="toctogglecheckbox" style="display:none" />'
           '<div class="toctitle" lang="el" dir="ltr"><h2 id="mw-toc-heading">Περιεχόμενα</h2></div><ul>'
           '<li class="toclevel-1 tocsection-1"><a href="#Ιστορία"><span class="tocnumber">1</span> '
           '<span class="toctext">Ιστορία</span></a><ul><li class="toclevel-2 tocsection-2"><a href="#x">'
           '<span class="tocnumber">1.1</span> <span class="toctext">Ιδρυτική διακήρυξη για τις αμοιβαίες '
           'σχέσεις, τη συνεργασία και την ασφάλεια, 1997</span></a></li></ul></li>'
           '<li class="toclevel-1 tocsection-3"><a href="#Παραπομπές"><span class="tocnumber">2</span> '
           '<span class="toctext">Παραπομπές</span></a></li><li class="toclevel-1 tocsection-4"><a href="#P">'
           '<span class="tocnumber">3</span> <span class="toctext">Περαιτέρω ανάγνωση</span></a></li></ul></div>')
    infobox = ('<table class="infobox" style="width:22em"><tbody><tr><th colspan="2" class="infobox-above">'
               'Σχέσεις ΝΑΤΟ-Ρωσίας</th></tr><tr><td colspan="2"><span typeof="mw:File"><a href="/wiki/Αρχείο:'
               'NATO_Russia_Locator.svg" class="mw-file-description"><img src="//upload.wikimedia.org/x.png" '
               'width="250" height="130" /></a></span></td></tr><tr><th>ΝΑΤΟ</th><th>Ρωσία</th></tr>'
               '</tbody></table>')
    figure = ('<figure class="mw-default-size" typeof="mw:File/Thumb"><a href="/wiki/Αρχείο:Emblem.svg" '
              'class="mw-file-description"><img src="//upload.wikimedia.org/e.png" width="220" height="220" />'
              f'</a><figcaption>{html.escape(lines[3])}</figcaption></figure>')
    notes = "".join(
        f'<li id="cite_note-{i}"><span class="mw-cite-backlink"><a href="#cite_ref-{i}">↑</a></span> '
        f'<span class="reference-text">{_html_segs(segments(fn))}</span>\n</li>\n'
        for i, fn in enumerate(S.FOOTNOTES, start=1))
    reading = "".join(f"<li>{_html_segs(segments(e))}</li>\n" for e in S.FURTHER_READING)
    navbox = ('<div role="navigation" class="navbox" aria-labelledby="Σχέσεις_του_ΝΑΤΟ"><table class="nowraplinks '
              'navbox-inner"><tbody><tr><th class="navbox-title" colspan="2">Σχέσεις του ΝΑΤΟ</th></tr><tr><td '
              'class="navbox-list"><ul><li><a href="/wiki/Σχέσεις_ΝΑΤΟ-Ουκρανίας">Ουκρανία</a></li><li><a '
              'href="/wiki/Σχέσεις_ΝΑΤΟ-Γεωργίας">Γεωργία</a></li><li><a href="/wiki/Συμβούλιο_ΝΑΤΟ-Ρωσίας">'
              'Συμβούλιο ΝΑΤΟ-Ρωσίας (2002)</a></li></ul></td></tr></tbody></table></div>')
    body = (f"{infobox}\n<p>{_html_prose(lines[0])}\n</p><p>{_html_prose(lines[1])}\n</p>"
            f"<p>{_html_prose(lines[2])}\n</p>{toc}\n{_heading(2, 'Ιστορία', 1)}\n{figure}\n"
            f"<p>{_html_prose(lines[4])}\n</p>{_heading(3, lines[5], 2)}\n<p>{_html_prose(lines[6])}\n</p>"
            f"<p>{_html_prose(lines[7])}\n</p><p>{_html_prose(lines[8])}\n</p>\n"
            f"{_heading(2, 'Παραπομπές', 3)}\n"
            f'<div class="reflist"><div class="mw-references-wrap"><ol class="references">\n{notes}</ol></div>'
            f"</div>\n{_heading(2, 'Περαιτέρω ανάγνωση', 4)}\n<ul>{reading}</ul>\n{navbox}\n"
            '<!-- NewPP limit report\nParsed by mw-web.eqiad.main\nCPU time usage: 0.312 seconds -->\n')
    return f"""<!DOCTYPE html>
<html class="client-nojs vector-feature-toc-pinned-clientpref-1" lang="el" dir="ltr">
<head>
<meta charset="UTF-8">
<title>Σχέσεις ΝΑΤΟ-Ρωσίας - Βικιπαίδεια</title>
<script>document.documentElement.className="client-js";RLCONF={{"wgPageName":"Σχέσεις_ΝΑΤΟ-Ρωσίας"}};</script>
<link rel="stylesheet" href="/w/load.php?lang=el&amp;modules=skins.vector.styles&amp;only=styles&amp;skin=vector-2022">
<link rel="canonical" href="https://el.wikipedia.org/wiki/%CE%A3%CF%87%CE%AD%CF%83%CE%B5%CE%B9%CF%82">
</head>
<body class="skin-vector skin-vector-search-vue mediawiki ltr sitedir-ltr ns-0 ns-subject page-Σχέσεις_ΝΑΤΟ-Ρωσίας">
<a class="mw-jump-link" href="#bodyContent">Μετάβαση στο περιεχόμενο</a>
<div class="vector-header-container"><header class="vector-header mw-header"><nav class="vector-main-menu-landmark"
 aria-label="Ιστότοπος"><div id="p-navigation" class="vector-menu mw-portlet"><div class="vector-menu-heading">
Πλοήγηση</div><ul class="vector-menu-content-list">{nav}</ul></div></nav>
<div id="p-search" role="search"><form action="/w/index.php" id="searchform"><input type="search" name="search"
 placeholder="Αναζήτηση στη Βικιπαίδεια"></form></div></header></div>
<div class="mw-page-container"><div class="mw-content-container"><main id="content" class="mw-body">
<header class="mw-body-header vector-page-titlebar"><h1 id="firstHeading" class="firstHeading mw-first-heading">
<span class="mw-page-title-main">Σχέσεις ΝΑΤΟ-Ρωσίας</span></h1></header>
<div id="bodyContent" class="vector-body"><div id="siteSub" class="noprint">Από τη Βικιπαίδεια, την ελεύθερη
 εγκυκλοπαίδεια</div><div id="contentSub"></div>
<div id="mw-content-text" class="mw-body-content"><div class="mw-content-ltr mw-parser-output" lang="el" dir="ltr">
{body}</div>
<noscript><img src="https://el.wikipedia.org/wiki/Special:CentralAutoLogin/start?type=1x1" alt="" width="1"
 height="1" style="border: none; position: absolute;"></noscript>
<div class="printfooter" data-nosnippet="">Ανακτήθηκε από "<a dir="ltr"
 href="https://el.wikipedia.org/w/index.php?title=Σχέσεις_ΝΑΤΟ-Ρωσίας&amp;oldid=10351234">https://el.wikipedia.org/w/index.php?title=Σχέσεις_ΝΑΤΟ-Ρωσίας&amp;oldid=10351234</a>"</div></div>
<div id="catlinks" class="catlinks" data-mw="interface"><div id="mw-normal-catlinks" class="mw-normal-catlinks">
<a href="/wiki/Ειδικό:Κατηγορίες" title="Ειδικό:Κατηγορίες">Κατηγορίες</a>: <ul><li><a
 href="/wiki/Κατηγορία:Σχέσεις_ΝΑΤΟ">Σχέσεις ΝΑΤΟ</a></li><li><a href="/wiki/Κατηγορία:Εξωτερικές_σχέσεις_της_Ρωσίας">
Εξωτερικές σχέσεις της Ρωσίας</a></li></ul></div></div>
</div></main></div>
<div class="mw-footer-container"><footer id="footer" class="mw-footer"><ul id="footer-info">
<li id="footer-info-lastmod"> Η σελίδα αυτή τροποποιήθηκε τελευταία φορά στις 4 Οκτωβρίου 2023, στις 10:12.</li>
<li id="footer-info-copyright">Το κείμενο είναι διαθέσιμο υπό την <a rel="nofollow" class="external text"
 href="https://creativecommons.org/licenses/by-sa/4.0/deed.el">Άδεια Creative Commons Αναφορά Δημιουργού-Παρόμοια
 Διανομή</a>· μπορεί να ισχύουν πρόσθετοι όροι.</li></ul><ul id="footer-places"><li id="footer-places-privacy"><a
 href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy/el">Πολιτική
 απορρήτου</a></li><li id="footer-places-about"><a href="/wiki/Βικιπαίδεια:Σχετικά">Σχετικά με τη Βικιπαίδεια</a>
</li></ul></footer></div></div>
</body>
</html>
"""


# -- wikitext ----------------------------------------------------------------------------

def make_wiki() -> str:
    lines = seed_lines()
    names = ["azmus", "talbott", None]

    def refs(line: str) -> str:
        def marker(m: re.Match[str]) -> str:
            n = int(m.group(1))
            if n <= 3:
                name = names[n - 1]
                attr = f' name="{name}"' if name else ""
                return f"<ref{attr}>{S.FOOTNOTE_TEMPLATES[n - 1]}</ref>"
            if n % 3 == 1:
                return '<ref name="azmus" />'
            if n % 3 == 2:
                return "<ref name=talbott/>"
            return f"{{{{sfn|Asmus|2002|p={n}}}}}"

        return re.sub(r"\[(\d+)\]", marker, line)

    bullets = []
    for e in S.FURTHER_READING:
        if e.startswith("Pouliot"):
            e += " {{ISBN|978-0-521-76017-4}}"
        if e.startswith("Holas"):
            e += " {{doi|10.1016/j.postcomstud.2018.04.005}}"
        bullets.append("* " + e)
    first = lines[0].replace("Οι σχέσεις", "Οι '''σχέσεις''' ", 1).replace("  ", " ")
    return "\n".join([
        "{{Infobox διμερείς σχέσεις",
        "| όνομα = Σχέσεις ΝΑΤΟ-Ρωσίας",
        "| χώρα1 = ΝΑΤΟ",
        "| χώρα2 = Ρωσία",
        "}}",
        refs(first),
        "",
        refs(lines[1]),
        "",
        refs(lines[2]),
        "",
        "== Ιστορία ==",
        f"[[Αρχείο:Emblem of the Permanent Mission of Russia to NATO.svg|μικρογραφία|{lines[3]}]]",
        refs(lines[4]),
        "",
        f"=== {lines[5]} ===",
        refs(lines[6]),
        "",
        refs(lines[7]),
        "",
        refs(lines[8]),
        "",
        "== Παραπομπές ==",
        "{{παραπομπές}}",
        "",
        "== Περαιτέρω ανάγνωση ==",
        *bullets,
        "",
        "{{Σχέσεις του ΝΑΤΟ}}",
        "",
        "[[Κατηγορία:Σχέσεις ΝΑΤΟ]]",
        "[[Κατηγορία:Εξωτερικές σχέσεις της Ρωσίας]]",
        "",
    ])


# -- PDF ---------------------------------------------------------------------------------

def _pdf_words(segs: list[Seg]) -> list[tuple[str, bool, str, bool]]:
    """(word, italic, href, space before) for every word of the segments."""
    out: list[tuple[str, bool, str, bool]] = []
    space = False
    for s in segs:
        for tok in re.split(r"(\s+)", s.text):
            if not tok:
                continue
            if tok.isspace():
                space = True
                continue
            out.append((tok, s.italic, s.href, space or not out))
            space = False
    return out


def make_pdf(path: Path) -> None:
    from fpdf import FPDF

    class Syllabus(FPDF):
        def header(self) -> None:
            self.set_font("serif", "", 8)
            self.set_xy(20, 10)
            self.cell(170, 5, "POLS 345: NATO and Russia since 1991 (Spring term)", align="C")

        def footer(self) -> None:
            self.set_font("serif", "", 8)
            self.set_xy(20, 285)
            self.cell(170, 5, f"Page {self.page_no()}", align="C")

    pdf = Syllabus(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.add_font("serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    size, lh = 10, 5.0

    frame = {"x": 20.0, "bottom": 280.0, "next": (20.0, 22.0), "hyphen": True}

    def entry(segs: list[Seg], width: float, y: float, indent: float, hyphen: bool = False) -> float:
        """Write one entry with a hanging indent from y (a column break may come inside it);
        with ``hyphen`` the first long lower-case word that overflows a line is hyphenated."""
        words = _pdf_words(segs)
        line: list[tuple[str, bool, str, bool]] = []
        first = True

        def width_of(ws: list[tuple[str, bool, str, bool]]) -> float:
            w = 0.0
            for word, italic, _, sp in ws:
                pdf.set_font("serif", "I" if italic else "", size)
                w += pdf.get_string_width(word) + (pdf.get_string_width(" ") if sp and w else 0)
            return w

        def flush(ws: list[tuple[str, bool, str, bool]], y: float, first: bool) -> float:
            if y + lh > frame["bottom"]:
                frame["x"], y = frame["next"]
                frame["bottom"] = 280.0
            cx = frame["x"] if first else frame["x"] + indent
            for k, (word, italic, href, sp) in enumerate(ws):
                pdf.set_font("serif", "I" if italic else "", size)
                if sp and k:
                    cx += pdf.get_string_width(" ")
                w = pdf.get_string_width(word)
                pdf.text(cx, y + 3.8, word)
                if href:
                    pdf.link(cx, y, w, lh, href)
                cx += w
            return y + lh

        while words:
            avail = width - (0 if first else indent)
            w = words.pop(0)
            if width_of(line + [w]) <= avail:
                line.append(w)
                continue
            if hyphen and frame["hyphen"] and re.fullmatch(r"[a-z]{7,}[.,:;\"]*", w[0]):
                cut = max((i for i in range(3, len(w[0]) - 2)
                           if width_of(line + [(w[0][:i] + "-", w[1], w[2], w[3])]) <= avail), default=0)
                if cut:
                    line.append((w[0][:cut] + "-", w[1], w[2], w[3]))
                    w = (w[0][cut:], w[1], w[2], False)
                    frame["hyphen"] = False
            words.insert(0, w)
            y = flush(line, y, first)
            first = False
            line = []
        if line:
            y = flush(line, y, first)
        return y

    lines = seed_lines()
    # page 1: title, a paragraph, the notes and the start of the reading list (one column)
    pdf.add_page()
    pdf.set_font("serif", "B", 14)
    pdf.set_xy(20, 22)
    pdf.cell(170, 8, "NATO–Russia relations: reading list")
    pdf.set_font("serif", "", size)
    pdf.set_xy(20, 34)
    pdf.multi_cell(170, lh, lines[1][:lines[1].index("[4]")] + " " + lines[5] + ".")
    y = pdf.get_y() + 4
    pdf.set_font("serif", "B", 11)
    pdf.text(20, y + 4, "Notes")
    y += 9
    for i, fn in enumerate(S.FOOTNOTES, start=1):
        y = entry([Seg(f"{i}. ")] + segments(fn), 170, y, 8) + 1.5
    y += 3
    pdf.set_font("serif", "B", 11)
    pdf.text(20, y + 4, "Further reading")
    y += 9
    reading = [segments(e) for e in S.FURTHER_READING]
    k = 0
    while k < len(reading) and y < 250:
        y = entry(reading[k], 170, y, 10, hyphen=True) + 1.5
        k += 1
    # the last page: the rest in two columns; an entry runs on from the first column into the second
    pdf.add_page()
    frame.update(x=20.0, bottom=125.0, next=(110.0, 22.0))
    y = 22.0
    for segs in reading[k:]:
        y = entry(segs, 80, y, 6) + 1.5
    pdf.output(str(path))


# -- Word ---------------------------------------------------------------------------------

def _docx_runs(paragraph, segs: list[Seg]) -> None:  # type: ignore[no-untyped-def]
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for s in segs:
        if s.href:
            rid = paragraph.part.relate_to(s.href, RT.HYPERLINK, is_external=True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), rid)
            run = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "Hyperlink")
            rpr.append(style)
            run.append(rpr)
            t = OxmlElement("w:t")
            t.text = s.text
            t.set(qn("xml:space"), "preserve")
            run.append(t)
            link.append(run)
            paragraph._p.append(link)
        else:
            run = paragraph.add_run(s.text)
            run.italic = s.italic or None


_FOOTNOTES_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                  '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                  '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                  "</w:r></w:p></w:footnote>{notes}</w:footnotes>")


def make_docx(path: Path) -> None:
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lines = seed_lines()
    doc = docx.Document()
    doc.add_heading("Σχέσεις ΝΑΤΟ-Ρωσίας", level=1)
    notes_xml = []
    # the first paragraph cites [1][2] and [3]: there they are Word footnotes
    p = doc.add_paragraph()
    for piece in re.split(r"(\[\d+\])", lines[0]):
        m = re.fullmatch(r"\[(\d+)\]", piece)
        if not m:
            p.add_run(piece)
            continue
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        run.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), m.group(1))
        run.append(ref)
        p._p.append(run)
        notes_xml.append((int(m.group(1)), S.FOOTNOTES[int(m.group(1)) - 1]))
    for line in lines[1:3]:
        doc.add_paragraph(re.sub(r"\[\d+\]", "", line))
    doc.add_paragraph(lines[3], style="Caption")
    doc.add_heading("Περαιτέρω ανάγνωση", level=2)
    for e in S.FURTHER_READING:
        p = doc.add_paragraph(style="List Bullet")
        _docx_runs(p, segments(e))
    # the footnotes part (python-docx writes no footnotes itself)
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    body = []
    for n, fn in notes_xml:
        runs = []
        for s in segments(fn):
            rpr = "<w:rPr><w:i/></w:rPr>" if s.italic else ""
            runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(s.text, quote=False)}</w:t></w:r>')
        body.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
                    '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
                    f" </w:t></w:r>{''.join(runs)}</w:p></w:footnote>")
    part._blob = _FOOTNOTES_XML.format(notes="".join(body)).encode("utf-8")
    doc.save(str(path))


def main() -> None:
    check()
    (HERE / "nato.html").write_text(make_html(), encoding="utf-8")
    (HERE / "nato.wiki").write_text(make_wiki(), encoding="utf-8")
    make_pdf(HERE / "nato.pdf")
    make_docx(HERE / "nato.docx")
    print("wrote nato.html nato.wiki nato.pdf nato.docx in", HERE)


if __name__ == "__main__":
    main()
