"""refs.render output formats and locales: HTML escaping and markup, Markdown,
plain text without markup, Greek, German, French and British English terms."""

from __future__ import annotations

from refs.render import render

ESC = {"id": "esc", "type": "article-journal", "title": "Why <script>alert(1)</script> tags & ampersands",
       "author": [{"family": "Brown", "given": "Alice"}], "container-title": "Web & Security",
       "volume": "4", "page": "1-10", "issued": {"date-parts": [[2022]]}}
EDITED = {"id": "ed", "type": "book", "editor": [{"family": "Braun", "given": "Aurel"}],
          "title": "NATO-Russia relations", "publisher": "Routledge", "publisher-place": "London",
          "issued": {"date-parts": [[2008, 3, 5]]}}
CHAPTER = {"id": "ch", "type": "chapter", "author": [{"family": "Sakwa", "given": "Richard"}],
           "title": "The death of Europe?", "container-title": "The return of the Cold War",
           "editor": [{"family": "Black", "given": "J. L."}, {"family": "Johns", "given": "Michael"}],
           "page": "12-37", "publisher": "Routledge", "issued": {"date-parts": [[2016]]}}


def test_html_is_escaped_and_uses_citeproc_js_markup() -> None:
    html = render([ESC], "apa", format="html")
    assert html.startswith('<div class="csl-bib-body">\n  <div class="csl-entry">')
    assert html.endswith("</div>\n</div>")
    assert "<script>" not in html
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in html
    assert "<i>Web &#38; Security</i>" in html
    assert html.count('<div class="csl-entry">') == 1


def test_text_has_no_markup_and_keeps_literal_characters() -> None:
    text = render([ESC], "apa")
    assert "<i>" not in text and "\ue000" not in text
    assert "Why <script>alert(1)</script> tags & ampersands" in text
    assert text.count("\n") == 1  # one entry per line


def test_markdown_italics() -> None:
    md = render([ESC], "apa", format="markdown")
    assert "*Web & Security*, *4*, 1–10." in md
    assert "\\<script\\>" in md


def test_rich_text_in_fields_becomes_markup() -> None:
    item = dict(ESC, title="On <i>Homo sapiens</i> and others", id="rt")
    html = render([item], "apa", format="html")
    assert "<i>Homo sapiens</i>" in html
    assert "<i>" not in render([item], "apa")


def test_page_ranges_use_en_dash() -> None:
    assert "1–10" in render([ESC], "apa")


def test_greek_terms() -> None:
    out = render([CHAPTER], "harvard-cite-them-right", locale="el-GR")
    assert "επιμ." in out
    assert "στο J.L. Black και M. Johns (επιμ.)" in out and "σελ. 12–37" in out


def test_german_and_french_terms() -> None:
    de = render([CHAPTER], "apa", locale="de-DE")
    assert "In J. L. Black & M. Johns (Hrsg.)" in de and "S. 12–37" in de
    fr = render([EDITED], "chicago-author-date", locale="fr-FR")
    assert "éd." in fr


def test_british_english_dates_and_quotes() -> None:
    us = render([EDITED], "modern-language-association", locale="en-US")
    gb = render([EDITED], "modern-language-association", locale="en-GB")
    assert "editor" in us and "editor" in gb
    item = dict(CHAPTER, id="c2")
    assert "‘The Death of Europe?’" in render([item], "chicago-author-date", locale="en-GB")
    assert "“The Death of Europe?”" in render([item], "chicago-author-date", locale="en-US")


def test_style_default_locale_used_when_none_given() -> None:
    # nature-digest is a dependent style with default-locale="en-GB"
    from refs.render.api import get_engine

    assert get_engine("nature-digest", None).lang == "en-GB"
    assert get_engine("apa", None).lang == "en-US"
    assert get_engine("apa", "el").lang == "el-GR"
    assert "Sakwa" in render([CHAPTER], "nature-digest", locale=None)
