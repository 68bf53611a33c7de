"""Unit tests of refs.render's string helpers: punctuation merging, quotes,
text case, and the locale machinery."""

from __future__ import annotations

import pytest

from refs.render import locales, render
from refs.render import markup as mk
from refs.render import text as tx

Q0, Q1 = mk.QUOTE
TERMS = {"open-quote": "“", "close-quote": "”", "open-inner-quote": "‘", "close-inner-quote": "’"}


def test_concat_merges_punctuation_like_citeproc_js() -> None:
    assert tx.concat("Title?", ". ") == "Title? "
    assert tx.concat("Ed.", ".") == "Ed."
    assert tx.concat("Title.", ", 2") == "Title., 2"
    assert tx.concat("a ", " b") == "a b"
    # formatting markers are looked through
    assert mk.strip(tx.concat(mk.ITALIC[0] + "Title." + mk.ITALIC[1], ". ")) == "Title. "


def test_punctuation_moves_inside_quotes() -> None:
    assert mk.to_text(tx.punctuation_in_quote(f"{Q0}Title{Q1}, 2020"), TERMS) == "“Title,” 2020"
    assert mk.to_text(tx.punctuation_in_quote(f"{Q0}Why?{Q1}. Next"), TERMS) == "“Why?” Next"
    nested = f"{Q0}This is {Q0}The One{Q1}{Q1}."
    assert mk.to_text(tx.punctuation_in_quote(nested), TERMS) == "“This is ‘The One.’”"


def test_smart_quotes_and_apostrophes() -> None:
    out = mk.to_text(tx.smart_quotes("Russia's \"end of history\" and 'realism'"), TERMS)
    assert out == "Russia’s “end of history” and “realism”"
    assert tx.smart_quotes("O'Brien's 1990s' wars") == "O’Brien’s 1990s’ wars"


def test_title_case_rules() -> None:
    assert tx.title_case("self-organizing maps of the world") == "Self-Organizing Maps of the World"
    assert tx.title_case("a tale of two cities: the return") == "A Tale of Two Cities: The Return"
    assert tx.title_case("NATO and the USSR") == "NATO and the USSR"
    nocase = f"the {tx.NOCASE[0]}iPhone{tx.NOCASE[1]} economy"
    assert tx.title_case(nocase).replace(tx.NOCASE[0], "").replace(tx.NOCASE[1], "") == "The iPhone Economy"


def test_other_cases() -> None:
    assert tx.capitalize_first("eds.") == "Eds."
    assert tx.capitalize_first("επιμ.") == "Επιμ."  # Greek capitals drop the tonos
    assert tx.capitalize_first("έκδοση") == "Εκδοση"
    assert tx.sentence_case("The Cold War Returns") == "The cold war returns"
    assert tx.uppercase("abc") == "ABC"


def test_markup_outputs() -> None:
    raw = f"{mk.ITALIC[0]}A & B <c>{mk.ITALIC[1]}"
    assert mk.to_html(raw, TERMS) == "<i>A &#38; B &#60;c&#62;</i>"
    assert mk.to_text(raw, TERMS) == "A & B <c>"
    assert mk.to_markdown(raw, TERMS) == "*A & B \\<c\\>*"
    assert mk.field_markup("<i>x</i> <script>") == f"{mk.ITALIC[0]}x{mk.ITALIC[1]} <script>"
    assert mk.field_markup("<i>unbalanced") == "<i>unbalanced"


def test_locale_normalisation() -> None:
    assert locales.normalize("el") == "el-GR"
    assert locales.normalize("en_gb") == "en-GB"
    assert locales.normalize("de-de") == "de-DE"
    with pytest.raises(locales.LocaleNotFound):
        locales.normalize("zz-ZZ")


def test_greek_sorts_before_latin_in_a_greek_bibliography() -> None:
    items = [{"id": "a", "type": "book", "title": "A", "author": [{"family": "Adams", "given": "J."}],
              "issued": {"date-parts": [[2000]]}},
             {"id": "b", "type": "book", "title": "B", "author": [{"family": "Βλάχος", "given": "Κ."}],
              "issued": {"date-parts": [[2000]]}}]
    assert render(items, "apa", locale="el-GR").startswith("Βλάχος")
    assert render(items, "apa", locale="en-US").startswith("Adams")


def test_french_feminine_ordinal() -> None:
    item = {"id": "d", "type": "book", "title": "Crime", "edition": "1",
            "author": [{"family": "Dostoevsky", "given": "Fyodor"}], "issued": {"date-parts": [[1993]]}}
    assert "1ʳᵉ éd." in render([item], "apa", locale="fr-FR")
    assert "1<sup>r</sup><sup>e</sup> éd." in render([item], "apa", locale="fr-FR", format="html")


def test_subsequent_author_substitute_keeps_label_and_partial_rules(tmp_path) -> None:
    style = tmp_path / "sas.csl"
    style.write_text('''<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="---" subsequent-author-substitute-rule="partial-each">
    <layout><group delimiter=". "><names variable="author"><name/></names><text variable="title"/></group>
    </layout></bibliography></style>''', encoding="utf-8")
    a = {"id": "1", "type": "book", "title": "One", "author": [{"family": "Doe", "given": "Jo"},
                                                                 {"family": "Roe", "given": "Al"}]}
    b = {"id": "2", "type": "book", "title": "Two", "author": [{"family": "Doe", "given": "Jo"},
                                                                 {"family": "Poe", "given": "Ed"}]}
    assert render([a, b], str(style)).splitlines() == ["Jo Doe, Al Roe. One", "---, Ed Poe. Two"]


def test_display_block_in_html_and_text(tmp_path) -> None:
    style = tmp_path / "block.csl"
    style.write_text('''<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" display="block"/><text variable="publisher" display="indent"/>
  </layout></bibliography></style>''', encoding="utf-8")
    item = {"id": "1", "type": "book", "title": "One", "publisher": "Pub"}
    html = render([item], str(style), format="html")
    assert '<div class="csl-block">One</div>' in html and '<div class="csl-indent">Pub</div>' in html
    assert render([item], str(style)) == "One Pub\n"


def test_apostrophes_and_single_quotes_like_citeproc_js() -> None:
    """Regression (each checked against citeproc-js): an unclosed straight ' is an
    apostrophe (’t Hooft, the ’90s), typed curly quotes stay as typed, and title case
    leaves a word glued to an apostrophe or opened by a straight ' as it is."""
    from refs.render import render

    titles = ["Some remarks on 't Hooft's S-matrix", "Rock 'n' roll in the '90s", "The 'quoted' word",
              "Sur l'histoire de France", "Avoiding ‘the realities’ here", "Mid 'single quoted' words"]
    items = [{"id": f"t{i}", "type": "book", "title": t, "author": [{"family": f"A{chr(97 + i)}"}],
              "issued": {"date-parts": [[2000]]}} for i, t in enumerate(titles)]
    assert render(items, "apa").splitlines()[:2] == [
        "Aa. (2000). Some remarks on ’t Hooft’s S-matrix.",
        "Ab. (2000). Rock “n” roll in the ’90s.",
    ]
    assert render(items, "chicago-author-date").splitlines() == [
        "Aa. 2000. Some Remarks on ’t Hooft’s S-Matrix.",
        "Ab. 2000. Rock “n” Roll in the ’90s.",
        "Ac. 2000. The “quoted” Word.",
        "Ad. 2000. Sur l’histoire de France.",
        "Ae. 2000. Avoiding ‘the Realities’ Here.",
        "Af. 2000. Mid “single Quoted” Words.",
    ]


def test_title_case_of_stop_words_in_hyphenated_compounds() -> None:
    """Regression (checked against citeproc-js): a stop word opening a compound is
    capitalised (In-Depth), one inside it is not (Up-to-Date, Digital-to-Analog)."""
    from refs.render import render

    titles = ["An up-to-date review", "An in-depth study", "Digital-to-analog converters",
              "Of-the-shelf items", "Self-help and the e-mail age"]
    items = [{"id": f"t{i}", "type": "book", "title": t, "author": [{"family": f"A{chr(97 + i)}"}],
              "issued": {"date-parts": [[2000]]}} for i, t in enumerate(titles)]
    assert render(items, "chicago-author-date").splitlines() == [
        "Aa. 2000. An Up-to-Date Review.",
        "Ab. 2000. An In-Depth Study.",
        "Ac. 2000. Digital-to-Analog Converters.",
        "Ad. 2000. Of-the-Shelf Items.",
        "Ae. 2000. Self-Help and the e-Mail Age.",
    ]
