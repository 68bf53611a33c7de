"""One made-up reference per general parsing rule added after the first version.

Each case names the rule it exercises; the strings are invented for this file (not taken
from any evaluation set) so that they test the rule, not a memorised answer.
"""

from __future__ import annotations

from typing import Any

import pytest

from refs.parse import parse_text
from refs.parse.fields import normalize, parse_reference
from refs.parse.names import parse_names
from refs.parse.numbers import normalize_pages

#: strings the model trained with real reading-list strings (round 3) gets wrong; they are
#: counted in bench/bench_parse.py (hand-written sets), not hidden: see docs/parse.md
MODEL_MISS = "the current model mislabels this hand-written string"


def fam(names: list[dict]) -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in names]


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_one_word_title_after_middle_initial() -> None:
    # "Last, First M. Title." — a one-word title is not a continuation of the name
    rec = parse_reference("Pinker, Steven A. Cognition. Harbor Books, 1997.")
    assert fam(rec.csl["author"]) == ["Pinker"]
    assert rec.csl["title"] == "Cognition"
    assert rec.csl["publisher"] == "Harbor Books"


def test_short_surname_that_is_also_a_function_word() -> None:
    rec = parse_reference("Do, T. (2011) Rivers of the Delta. London: Meridian Press.")
    assert fam(rec.csl["author"]) == ["Do"]
    assert rec.csl["title"] == "Rivers of the Delta"
    assert rec.year == 2011


def test_vancouver_suffix_after_initials() -> None:
    names, _ = parse_names("Walker RT 2nd, Obi KA, Lind PJ Jr")
    assert fam(names) == ["Walker", "Obi", "Lind"]
    assert names[0]["suffix"] == "2nd" and names[2]["suffix"] == "Jr"


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_vancouver_editors_marker() -> None:
    rec = parse_reference("Hale DW, Morris PK, editors. Clinical anatomy. 3rd ed. Boston: Lakeside; 2015.")
    assert fam(rec.csl["editor"]) == ["Hale", "Morris"]
    assert rec.csl["title"] == "Clinical anatomy"
    assert rec.csl["publisher-place"] == "Boston"


def test_corporate_author_with_lowercase_adjectives_and_german_compound() -> None:
    rec = parse_reference("Instituto nacional de estadística. (2019). Censo agrario. Madrid: INE.")
    assert fam(rec.csl["author"]) == ["Instituto nacional de estadística"]
    rec = parse_reference("Bundesministerium für Verkehr. (2018). Verkehr in Zahlen. "
                          "Berlin: Bundesministerium für Verkehr.")
    assert fam(rec.csl["author"]) == ["Bundesministerium für Verkehr"]


def test_german_name_colon_with_particle_and_hrsg() -> None:
    rec = parse_reference("Karl von Stein: Die Flüsse Europas. Beck, München 1999.")
    assert fam(rec.csl["author"]) == ["von Stein"]
    assert rec.csl["title"] == "Die Flüsse Europas"
    rec = parse_reference("Ute Berger (Hrsg.): Grenzen und Brücken. Springer VS, Wiesbaden 2012.")
    assert fam(rec.csl["editor"]) == ["Berger"]
    assert rec.csl["title"] == "Grenzen und Brücken"


def test_french_place_publisher_year_after_comma_title() -> None:
    rec = parse_reference("Paul Durand (dir.), Les ports : histoire et avenir, une question ?, Lyon, "
                          "Éditions du Lac, 2004, 310 p.")
    assert fam(rec.csl["editor"]) == ["Durand"]
    assert rec.csl["title"] == "Les ports : histoire et avenir, une question ?"
    assert (rec.csl["publisher-place"], rec.csl["publisher"]) == ("Lyon", "Éditions du Lac")
    rec = parse_reference("Jean Morel, La marine et la France, 1815-1870, Paris, Tallandier, 2001, p. 55-60.")
    assert rec.type == "book" and rec.csl["title"] == "La marine et la France, 1815-1870"
    assert rec.csl["page"] == "55-60"  # the part of the book meant (one page alone would be a note)


def test_french_spacing_before_colon_is_kept() -> None:
    rec = parse_reference("Marc Petit, « Les villes : un bilan », Revue urbaine, vol. 3, no 1, 2001, p. 5-9.")
    assert rec.csl["title"] == "Les villes : un bilan"


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_link_note_inside_isbn_parenthesis() -> None:
    rec = parse_reference("Luc Favre, Le sel, Paris, Seuil, 1990, 200 p. (ISBN 2-02-000000-0, lire en ligne)")
    assert rec.csl["title"] == "Le sel" and rec.csl["note"] == "lire en ligne"


def test_archive_notice_from_the_original_in_other_languages() -> None:
    rec = parse_reference("Ina Roth: Der Hafen. In: Hafenblatt. Bd. 4, Nr. 2, 2001, S. 10–20. "
                          "Archiviert vom Original am 5. Mai 2020.")
    assert rec.custom("archive-date") == "2020-05-05"
    assert "publisher" not in rec.csl and rec.type == "article-journal"


def test_annotation_after_publication_parenthesis() -> None:
    rec = parse_reference("Hart, Tom. Harbours of the North (Routledge, 2004); covers trade between 1800 "
                          "and 1900.")
    assert rec.csl["publisher"] == "Routledge"
    assert "covers trade" in rec.csl["note"]


def test_a_lower_case_title_after_an_apa_year_is_no_annotation() -> None:
    from refs.parse.extras import extract

    text = "Berg, T. (2011). from harbour to port: trade in the north. Bergen: Sjø Forlag."
    rest, extras = extract(text)
    assert rest == text and not extras.notes
    rest, extras = extract("Hart, Tom. Harbours (Routledge, 2004). covers trade between 1800 and 1900.")
    assert extras.notes == ["covers trade between 1800 and 1900"]


def test_german_edition_word() -> None:
    rec = parse_reference("Eva Kranz: Grammatik heute. 3. Auflage. Narr, Tübingen 2010.")
    assert rec.csl["edition"] == "3" and rec.csl["publisher"] == "Narr"


def test_particles_inside_given_names() -> None:
    names, _ = parse_names("Costa, A. de M.")
    assert fam(names) == ["Costa"]
    names, _ = parse_names("SOUZA, Maria Clara de")
    assert names[0]["family"] == "Souza"


def test_year_at_start_of_title_is_not_the_date() -> None:
    rec = parse_reference("Holt, Anna B. PORT 1848: The Great Harbour Year (Beacon Press, 2015)")
    assert rec.csl["title"] == "PORT 1848: The Great Harbour Year" and rec.year == 2015


def test_two_sentence_title_before_journal() -> None:
    rec = parse_reference("Ng, P. (2010). Ports and power: A survey. The case of three cities. "
                          "Journal of Maritime Studies, 4(2), 10–20.")
    assert rec.csl["title"] == "Ports and power: A survey. The case of three cities"
    assert rec.csl["container-title"] == "Journal of Maritime Studies"
    rec = parse_reference("Roth, A. (2009). Handel im 18. Jahrhundert. Zeitschrift für Geschichte, 12(1), "
                          "1–9.")
    assert rec.csl["title"] == "Handel im 18. Jahrhundert"


def test_abbreviated_journal_is_not_split() -> None:
    rec = parse_reference("K. Lee, Fast ports, Phys. Rev. Lett. 77, 250–252 (2000).")
    assert rec.csl.get("container-title") == "Phys. Rev. Lett"


def test_apa_ellipsis_in_author_list() -> None:
    rec = parse_reference("Ames, B., Bird, C., Cole, D., Dunn, E., Ely, F., Fox, G., … Zorn, H. (2021). "
                          "Tides and trade. Ocean Letters, 3(1), e10–e19.")
    assert fam(rec.csl["author"])[-1] == "Zorn"
    assert rec.csl["title"] == "Tides and trade" and rec.csl["page"] == "e10-e19"


def test_zero_width_marks_removed() -> None:
    rec = parse_reference("« Le port », Le Soir,\u200e 2 mai 2010")
    assert rec.csl["container-title"] == "Le Soir"


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_meeting_place_with_region_after_proceedings() -> None:
    rec = parse_reference('[3] A. Kim, "Fast ports," in Proc. Int. Conf. Harbours (ICH), Tampa, FL, USA, '
                          '2019, pp. 1–5.')
    assert rec.csl["container-title"] == "Proc. Int. Conf. Harbours (ICH)"
    assert rec.csl["publisher-place"] == "Tampa, FL, USA"


def test_year_inside_a_proceedings_name() -> None:
    rec = parse_reference("Kim, A. (2019). Fast ports. In Proceedings of the 2018 Conference on Harbours "
                          "(pp. 1–5). Harbour Society.")
    assert rec.csl["container-title"] == "Proceedings of the 2018 Conference on Harbours"
    assert rec.year == 2019


@pytest.mark.parametrize("raw, want", [("e265-74", "e265-e274"), ("S93-9", "S93-S99"),
                                       ("R12-R19", "R12-R19")])
def test_letter_prefixed_pages(raw: str, want: str) -> None:
    assert normalize_pages(raw) == want


def test_single_references_are_detected() -> None:
    for text in ("Pinker, Steven A. Cognition. Harbor Books, 1997.",
                 "Do, T. (2011) Rivers of the Delta. London: Meridian Press.",
                 "Karl von Stein: Die Flüsse Europas. Beck, München 1999."):
        records, _ = parse_text(text)
        assert len(records) == 1, text


def test_compound_surname_after_initials_in_abbreviated_list() -> None:
    rec = parse_reference('[4] P. Lind, K. Vela Ortiz, and J. Moss, "Port cranes," IEEE Trans. Ind., vol. 3, '
                          'no. 2, pp. 1–9, 2019.')
    assert fam(rec.csl["author"]) == ["Lind", "Vela Ortiz", "Moss"]
    rec = parse_reference("A. Roe, K. Vela Ortiz, and J. R. Moss, Harbours and Trade. Madrid: Alianza, 1999.")
    assert fam(rec.csl["author"]) == ["Roe", "Vela Ortiz", "Moss"]  # "Harbours and Trade" is the title
    assert rec.csl["title"] == "Harbours and Trade" and rec.csl["publisher"] == "Alianza"


def test_reading_list_label_before_entry() -> None:
    records, _ = parse_text("Optional: Berg, Ina, ed. The Port Book. Boston: Beacon Press, 2011.\n")
    assert len(records) == 1 and fam(records[0].csl["editor"]) == ["Berg"]


def test_prose_with_author_date_citations_is_not_a_reference() -> None:
    text = ("Ports grew quickly after the war, driven by container trade (Ames et al., 2011). "
            "Figure 2 shows the main routes.\n\n"
            "Ames, B., & Roe, C. (2011). Container ports. Journal of Harbours, 4(2), 1–9.\n")
    records, _ = parse_text(text)
    assert [r.csl["title"] for r in records] == ["Container ports"]


def test_preprint_identifier_types_an_article() -> None:
    rec = parse_reference('[2] A. Roe and B. Lee, "Tides as tokens," 2020, arXiv:2001.00001.')
    assert rec.type == "article" and rec.year == 2020


def test_chapter_book_then_place_and_publisher() -> None:
    rec = parse_reference("Marc Petit, « Les quais », dans Anne Roux (dir.), Ports de France, Lyon, "
                          "Éditions du Lac, 2010, p. 5-20.")
    assert rec.type == "chapter" and rec.csl["container-title"] == "Ports de France"
    assert (rec.csl["publisher-place"], rec.csl["publisher"]) == ("Lyon", "Éditions du Lac")


def test_ditto_then_year() -> None:
    records, _ = parse_text("Lind, Paul. 1990. Harbours. London: Routledge.\n"
                            "———. 1995. Tides and Trade. London: Routledge.\n")
    assert records[1].csl["title"] == "Tides and Trade" and records[1].year == 1995
    assert fam(records[1].csl["author"]) == ["Lind"]


def test_three_spelled_out_given_names() -> None:
    rec = parse_reference("Costa, Ana Maria Lima. Portos do Brasil. Rio de Janeiro: Editora Mar, 1999.")
    assert fam(rec.csl["author"]) == ["Costa"] and rec.csl["title"] == "Portos do Brasil"


def test_private_use_bullet_glyph() -> None:
    rec = parse_reference("\uf0b7 P. Lind, Les ports, Paris, Seuil, 2001.")
    assert fam(rec.csl["author"]) == ["Lind"] and rec.csl["title"] == "Les ports"


def test_title_then_year_only() -> None:
    rec = parse_reference("Ann Lee. Tides of the North Sea, 2009.")
    assert rec.csl["title"] == "Tides of the North Sea" and rec.year == 2009


def test_journal_named_without_numbers() -> None:
    rec = parse_reference("Ann Lee. Tides and cranes. Journal of Harbour Studies, 1995. Special issue.")
    assert rec.csl["container-title"] == "Journal of Harbour Studies" and rec.year == 1995


def test_parenthesis_with_colons_inside_title() -> None:
    rec = parse_reference("Roe A, Lee B (2007) Evolution of crabs (Crustacea : Decapoda : Brachyura). "
                          "Marine Biology Letters, 42, 556–572.")
    assert rec.csl["title"] == "Evolution of crabs (Crustacea : Decapoda : Brachyura)"
    assert rec.csl["container-title"] == "Marine Biology Letters"


def test_apa_publisher_after_question_mark() -> None:
    rec = parse_reference("Roux, A. (2020). Les ports : un avenir ? Seuil.")
    assert rec.csl["title"] == "Les ports : un avenir ?" and rec.csl["publisher"] == "Seuil"


def test_title_with_commas_then_publisher_and_year() -> None:
    rec = parse_reference("LIND, P., Harbours: on cranes, tides, ships and trade, Beacon & Sons, 1899")
    assert rec.csl["title"] == "Harbours: on cranes, tides, ships and trade"
    assert rec.csl["publisher"] == "Beacon & Sons" and rec.year == 1899


def test_ordinal_before_jahrhundert_is_not_a_volume() -> None:
    rec = parse_reference("Roth, Ina. Häfen im 19. Jahrhundert. Hamburg: Nord Verlag, 2001.")
    assert rec.csl["title"] == "Häfen im 19. Jahrhundert" and "volume" not in rec.csl


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_quoted_title_organisation_and_access_date_is_a_web_page() -> None:
    rec = parse_reference('Lind, Paul. "Harbour cranes." Harbour Research Center. 3 May 2019. '
                          'Retrieved 4 June 2020.')
    assert rec.type == "webpage"


def test_spanish_issue_abbreviation_with_ordinal_indicator() -> None:
    rec = parse_reference("Ruiz, Ana. «Los puertos». Revista Marítima, vol. 12, n.º 83, 2018, pp. 4-9.")
    assert (rec.csl["volume"], rec.csl["issue"], rec.csl["page"]) == ("12", "83", "4-9")


def test_a_bracket_left_alone_at_a_values_end_is_dropped() -> None:
    """Text copied from PDFs glues the next field's bracket to a value ("231301( 2015)",
    ")100503 ,[ quant-ph…]", "517-576(2008"): a value keeps no bracket it does not close,
    at either end, and pages keep no year whose bracket never closes."""
    from refs.parse.repair.text import _strip

    assert _strip("231301(") == "231301" and _strip(")100503,[") == "100503" and _strip("Smith)") == "Smith"
    assert _strip("Title (2nd ed.)") == "Title (2nd ed.)" and _strip("12(3)") == "12(3)"
    rec = parse_reference("Q. Wen and T. Hollis, Spin chains in thin films, Phys. Rev. Lett. 121, "
                          "445117( 2018).")
    assert rec.csl.get("page") in (None, "445117") and "(" not in str(rec.csl.get("page", ""))
    rec = parse_reference("Dana Kirsch. Rivers of salt. Journal of Coastal Studies, 14, 517-576(2008 ).")
    assert rec.csl.get("page") == "517-576"


def test_numbers_glued_to_a_journal_or_to_the_pages_are_read() -> None:
    """PDF text: a volume glued to the journal's abbreviation ("Lett.13", "Astrophys.52 ,415",
    a section letter "Lett.B191"), a date glued after the pages ("1206-1210,Dec"), a year's
    closing bracket glued before them ("( 2012)094025", the year kept)."""
    rec = parse_reference("K. Olsen and B. Ruiz, Tidal heating of icy moons. Annu. Rev. Planet. "
                          "Sci.41 ,311 -340( 2013).")
    assert rec.csl.get("volume") == "41" and rec.csl.get("page") == "311-340"
    assert rec.csl.get("container-title", "").rstrip(".") == "Annu. Rev. Planet. Sci"
    rec = parse_reference("A. Berg and C. Dahl, Heavy quarks in cold matter, Phys. Lett.B212 ( 1989)117 .")
    assert rec.csl.get("container-title") == "Phys. Lett. B" and rec.csl.get("volume") == "212"
    rec = parse_reference("P. Moreau, Phonons in thin wires, Phys .Rev .B77 ( 2008)125411 ,arXiv :0801.1234.")
    assert rec.csl.get("page") == "125411" and rec.csl.get("issued") == {"date-parts": [[2008]]}
    rec = parse_reference("H. Ortiz. Quantum dots at the edge. Rev .Mod .Phys .,71 :601-650,May1999 .")
    assert (rec.csl.get("container-title"), rec.csl.get("volume"), rec.csl.get("page")) == (
        "Rev. Mod. Phys", "71", "601-650")
    rec = parse_reference("Smith, J. 2001. Maps of rivers. Social Studies 21, 3-9.")
    assert rec.csl.get("container-title") == "Social Studies" and rec.csl.get("volume") == "21"
    rec = parse_reference('T. Lind, "Drift in precision resistors," IEEE Trans. Instrum. Meas., vol. 41, '
                          "pp. 1206- 1210,Dec. 1992.")
    assert rec.csl.get("page") == "1206-1210"


def test_a_collaboration_after_et_al_and_a_space_moved_before_a_comma() -> None:
    """"R. Quist et al. (ATLAS)", "Moss, K.L. [CDF and D0 Collaborations], et al.": the group
    names the collaboration, not an author; "Quist R ,Lamb K ,and Orr J E" (a PDF moved the
    space before the comma) is a list of three."""
    assert parse_names("R. Quist et al. (ATLAS),") == ([{"family": "Quist", "given": "R."}], True)
    assert parse_names("Moss, K.L. [CDF and D0 Collaborations], et al.:") == (
        [{"family": "Moss", "given": "K. L."}], True)
    names, _ = parse_names("Quist R ,Lamb K ,and Orr J E")
    assert [n.get("family") for n in names] == ["Quist", "Lamb", "Orr"]
    # a group that is no collaboration and not after "et al." is left to the other rules
    assert parse_names("Smith, J. (Ed.)")[0] == [{"family": "Smith", "given": "J."}]


def test_a_volume_before_the_pages_in_one_span() -> None:
    """"Physics, 1:195-200, 1964" (BibTeX's plain style) and "Phys. Rev. B 68 ,134436" (a
    PDF's moved space) give a volume and pages, and the journal stays a journal; "74-84, 80"
    after a book is still its pages and the page a note cites."""
    rec = parse_reference("K. Imai. On the speed of small rivers. Hydrology, 3:211-230, 1971.")
    assert (rec.csl.get("volume"), rec.csl.get("page"), rec.csl.get("container-title")) == (
        "3", "211-230", "Hydrology")
    rec = parse_reference("A. Moro and B. Tell, Phys .Rev .B 71 ,224411 ( 2005).")
    assert (rec.csl.get("volume"), rec.csl.get("page")) == ("71", "224411")
    assert rec.csl.get("container-title") and not rec.csl.get("title")
    rec = parse_reference("Smith, J. (2002). Opening doors. London: Verso, 74-84, 80.")
    assert rec.csl.get("page") == "74-84" and rec.csl.get("note") == "80" and "volume" not in rec.csl


def test_the_journals_first_word_glued_to_a_quoted_titles_close() -> None:
    """IEEE style through a PDF: "… systems ,"Physics Reports 646 ,1 - 59": the title ends
    at its closing quote, the word glued after it starts the journal's name, and the volume
    before the pages is read; a quotation inside a title is left alone."""
    rec = parse_reference('A. Nilsen, "Spin waves in thin magnetic films ,"Physics Letters 512 ,3 - 17'
                          "( 2011).")
    assert rec.csl.get("title") == "Spin waves in thin magnetic films"
    assert rec.csl.get("container-title") == "Physics Letters"
    assert (rec.csl.get("volume"), rec.csl.get("page")) == ("512", "3-17")
    rec = parse_reference('Smith, J. The "Big Bang" theory. Nature 12, 3-4 (2001).')
    assert rec.csl.get("title") == 'The "Big Bang" theory'


def test_an_articles_journal_read_as_its_titles_last_sentence() -> None:
    """A volume and pages but no journal: the model read the journal as the title's last
    sentence (spans as a model that erred gives them); it is split off. A book's title (a
    publisher, no volume) keeps its sentences."""

    text = "Ortega B. Salt tolerance of coastal grasses in dry summers. Oecologia 2004; 41: 311-19."
    parts = [("author", "Ortega B."),
             ("title", "Salt tolerance of coastal grasses in dry summers. Oecologia"),
             ("date", "2004;"), ("volume", "41:"), ("pages", "311-19.")]
    rec = _build(text, parts)
    assert rec.csl.get("container-title") == "Oecologia"
    assert rec.csl.get("title") == "Salt tolerance of coastal grasses in dry summers"
    text = "Hay, D. 1999. Rivers. A History of Water. London: Verso."
    parts = [("author", "Hay, D."), ("date", "1999."), ("title", "Rivers. A History of Water."),
             ("location", "London:"), ("publisher", "Verso.")]
    rec = _build(text, parts)
    assert "container-title" not in rec.csl and rec.csl.get("title") == "Rivers. A History of Water"


def test_the_pages_read_with_the_volume() -> None:
    """A volume span that holds the pages too ("26: 1-3", "1 273", "6(1) 166"): the pages
    are read from it when no pages were found elsewhere; "Vol. 12, No. 3" has no pages."""
    from refs.parse.assemble import build
    from refs.parse.extras import extract
    from refs.parse.model import Span

    for tail, volume, page in (("26: 1-3,", "26", "1-3"), ("1 273,", "1", "273"), ("6(1) 166,", "6", "166"),
                               ("Vol. 12, No. 3,", "12", None)):
        text = f"Kim, J. Rivers of salt. Crisis {tail} 2005"
        at = text.index(tail)
        spans = [Span("author", 0, 7, "Kim, J.", 0.9), Span("title", 8, 23, "Rivers of salt.", 0.9),
                 Span("container-title", 24, 30, "Crisis", 0.9),
                 Span("volume", at, at + len(tail), tail, 0.9),
                 Span("date", len(text) - 4, len(text), "2005", 0.9)]
        rec = build(spans, extract(text)[1], text)
        assert (rec.csl.get("volume"), rec.csl.get("page")) == (volume, page), tail


def test_a_year_glued_to_the_numbers_is_the_date_when_no_date_was_found() -> None:
    """No date span, but a year inside the pages ("199-220,Aug 1975") or after a publisher:
    the last such year is the date; a year in the title never is."""
    from refs.parse.assemble import build
    from refs.parse.extras import extract
    from refs.parse.model import Span

    text = "Hawley, S. Creation of particles. Math. Phys. 43 (3):199-220,Aug 1975"
    tail = "(3):199-220,Aug 1975"
    at = text.index(tail)
    spans = [Span("author", 0, 11, "Hawley, S.", 0.9), Span("title", 12, 33, "Creation of particles.", 0.9),
             Span("container-title", 34, 44, "Math. Phys.", 0.9), Span("volume", 45, 47, "43", 0.9),
             Span("pages", at, len(text), tail, 0.9)]
    rec = build(spans, extract(text)[1], text)
    assert rec.csl.get("issued") == {"date-parts": [[1975]]} and rec.csl.get("page") == "199-220"
    text = "Judt, T. Europe since 1945. London."
    spans = [Span("author", 0, 8, "Judt, T.", 0.9), Span("title", 9, 27, "Europe since 1945.", 0.9),
             Span("location", 28, 35, "London.", 0.9)]
    assert "issued" not in build(spans, extract(text)[1], text).csl


def test_editor_cue_words_in_more_languages() -> None:
    """Hungarian "Szerk.", Turkish "Haz.", Serbian/Croatian "Prir." / "Уред." before the
    names, and "(szerk.)" after a name, are role words, not names."""
    for text in ("Szerk.: Vilcsek Béla", "Haz. Vilcsek Béla", "Prir. Vilcsek Béla", "Vilcsek Béla (szerk.)"):
        names, _ = parse_names(text)
        assert len(names) == 1 and "Vilcsek" in names[0].values(), text
        assert not any(w in str(names[0]).lower() for w in ("szerk", "haz", "prir")), text


def test_a_place_before_the_publishers_colon_is_the_place() -> None:
    """"Place: Publisher" read as one publisher: the place is split off whatever it is (a town
    the city list does not know, a state), unless another place was read."""
    from refs.parse.repair.places import _place_in_publisher

    for pub, place, name in (("Monte de Caparica: IPQ", "Monte de Caparica", "IPQ"),
                             ("NH: University Press of New England", "NH", "University Press of New England"),
                             ("Henley-on-Thames: Aidan Ellis", "Henley-on-Thames", "Aidan Ellis")):
        csl = {"publisher": pub}
        _place_in_publisher(csl, {})
        assert (csl.get("publisher-place"), csl["publisher"]) == (place, name)
    csl = {"publisher": "Verso: Radical Thinkers", "publisher-place": "London"}
    _place_in_publisher(csl, {})
    assert csl == {"publisher": "Verso: Radical Thinkers", "publisher-place": "London"}
    csl = {"publisher": "Report 12: Annex"}
    _place_in_publisher(csl, {})
    assert csl == {"publisher": "Report 12: Annex"}


def test_a_publisher_loses_a_page_cue_or_a_no_date_mark_after_it() -> None:
    from refs.parse.places import clean_pub

    assert [clean_pub(t) for t in ("Il Mulino, pagg", "Ulisseia, s/d", "Beck, o.J.", "Gallimard, p.")] == [
        "Il Mulino", "Ulisseia", "Beck", "Gallimard"]
    assert [clean_pub(t) for t in ("Editions S", "Edições 70", "Routledge")] == ["Editions S", "Edições 70",
                                                                                  "Routledge"]


def test_the_titles_first_word_read_with_the_names_goes_back_to_the_title() -> None:
    """Spans as a model that erred gives them: "Perrault, Charles. Contes." all names and no
    title; "… and A. Morzenti. Trio:" before the rest of the title. The names parse without
    the last word, so it is the title's; names that parse whole keep theirs."""
    from refs.parse.assemble import build
    from refs.parse.extras import extract
    from refs.parse.model import Span

    text = "Lagarde, Paule. Bestiaires. Paris: Seuil, 1967."
    spans = [Span("author", 0, 27, "Lagarde, Paule. Bestiaires.", 0.8),
             Span("location", 28, 34, "Paris:", 0.9),
             Span("publisher", 35, 41, "Seuil,", 0.9), Span("date", 42, 47, "1967.", 0.9)]
    rec = build(spans, extract(text)[1], text)
    assert rec.csl["author"] == [{"family": "Lagarde", "given": "Paule"}] and rec.csl["title"] == "Bestiaires"
    text = "C. Rossi, D. Lane, and A. Bruni. Kestrel: a language for timed systems. J. Syst. Softw., 12."
    at = text.index("a language")
    spans = [Span("author", 0, at - 1, text[: at - 1], 0.8),
             Span("title", at, at + 29, "a language for timed systems.", 0.9)]
    rec = build(spans, extract(text)[1], text)
    assert [a["family"] for a in rec.csl["author"]] == ["Rossi", "Lane", "Bruni"]
    assert rec.csl["title"] == "Kestrel: a language for timed systems"
    text = "Smith, John A. Jr. 2001."
    spans = [Span("author", 0, 18, "Smith, John A. Jr.", 0.9), Span("date", 19, 24, "2001.", 0.9)]
    assert "title" not in build(spans, extract(text)[1], text).csl


def test_the_titles_end_read_as_the_journals_start_goes_back() -> None:
    """Spans as a model that erred gives them: the title's last words, in lower case, read
    as the start of the journal right after it ("closing the gap. Cognition"); a journal's
    abbreviations ("Proc. Natl. Acad. Sci.") are left alone."""

    text = "Ruiz, J. (1988). Rivers and salt: mapping the marsh. Estuaries, 28, 3-71."
    parts = [("author", "Ruiz, J."), ("date", "(1988)."), ("title", "Rivers and salt:"),
             ("container-title", "mapping the marsh. Estuaries,"), ("volume", "28,"), ("pages", "3-71.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Rivers and salt: mapping the marsh"
    assert rec.csl["container-title"] == "Estuaries"
    text = "Ruiz, J. (1988). Rivers. Proc. Natl. Acad. Sci. USA, 28, 3-71."
    parts = [("author", "Ruiz, J."), ("date", "(1988)."), ("title", "Rivers."),
             ("container-title", "Proc. Natl. Acad. Sci. USA,"), ("volume", "28,"), ("pages", "3-71.")]
    rec = _build(text, parts)
    assert (rec.csl["title"], rec.csl["container-title"]) == ("Rivers", "Proc. Natl. Acad. Sci. USA")


def _spans(text: str, parts: list[tuple[str, str]]) -> list[Any]:
    """Labelled spans over ``text`` as a model would give them: each piece found in order."""
    from refs.parse.model import Span

    out, at = [], 0
    for label, piece in parts:
        start = text.index(piece, at)
        out.append(Span(label, start, start + len(piece), piece, 0.9))
        at = start + len(piece)
    return out


def _build(text: str, parts: list[tuple[str, str]]) -> Any:
    """The record :func:`refs.parse.assemble.build` makes of ``text`` labelled as ``parts``
    (with the identifiers and notices the rules take out of it first)."""
    from refs.parse.assemble import build
    from refs.parse.extras import extract

    return build(_spans(text, parts), extract(text)[1], text)


def test_a_volume_read_with_the_journals_name() -> None:
    """"Journal of Rivers 12" with no volume found: the number is the volume; a year at the
    end of a name is not one."""

    for journal, name, volume in (("Journal of Rivers 12,", "Journal of Rivers", "12"),
                                  ("Proceedings of ICALP 2003,", "Proceedings of ICALP 2003", None)):
        text = f"Ruiz, J. Salt. {journal} 3-71."
        parts = [("author", "Ruiz, J."), ("title", "Salt."), ("container-title", journal), ("pages", "3-71.")]
        rec = _build(text, parts)
        assert (rec.csl.get("container-title"), rec.csl.get("volume")) == (name, volume)


def test_in_inside_a_title_starts_the_container() -> None:
    """The chapter's book read with its title: ", In: Book" or GOST's ".// Book" inside the
    title (and no container found) splits them; "in" inside a sentence does not."""

    for title, head, book in (("Rivers of salt, In: Essays on water.", "Rivers of salt", "Essays on water"),
                              ("Реки.// Сборник статей.", "Реки", "Сборник статей"),
                              ("Il sale dei fiumi, in Riv. it. idr.", "Il sale dei fiumi", "Riv. it. idr"),
                              ("Salt in the rivers of Spain.", "Salt in the rivers of Spain", None)):
        text = f"Ruiz, J. {title} Madrid: Akal, 2001."
        parts = [("author", "Ruiz, J."), ("title", title), ("location", "Madrid:"), ("publisher", "Akal,"),
                 ("date", "2001.")]
        rec = _build(text, parts)
        assert (rec.csl.get("title"), rec.csl.get("container-title")) == (head, book)


def test_a_title_by_an_author_read_as_one_name() -> None:
    """Spans as a model that erred gives them: "Lisbonne de Pierre Dumont." all one name, no
    title. "de" before a known given name and a surname starts the author, the rest is the
    title; a name with its particle, or a given name and a word before "de", is left whole."""

    for text, title, family in (("Lisbonne de Pierre Dumont.", "Lisbonne", "Dumont"),
                                ("Charles de Gaulle", None, "de Gaulle"),
                                ("Anna Maria de Pierre Dumont", None, "Dumont")):
        rec = _build(text, [("author", text)])
        assert rec.csl.get("title") == title and rec.csl["author"][0]["family"] == family, text


def test_a_title_keeps_no_bracket_it_does_not_close() -> None:
    """"Das Hörspiel (Geschichte des Hörspiels" — the span cut a series in two: the title
    ends before the open bracket, the series is kept as the collection; a closed bracket
    in a title stays."""

    text = "Ruiz, J. Die Flüsse (Geschichte der Flüsse, Bd 5). Berlin 1988."
    parts = [("author", "Ruiz, J."), ("title", "Die Flüsse (Geschichte der Flüsse,"), ("volume", "Bd 5)."),
             ("location", "Berlin"), ("date", "1988.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Die Flüsse" and rec.csl.get("collection-title") == "Geschichte der Flüsse"
    text = "Ruiz, J. Die Flüsse (1900-1950). Berlin 1988."
    parts = [("author", "Ruiz, J."), ("title", "Die Flüsse (1900-1950)."), ("location", "Berlin"),
             ("date", "1988.")]
    assert _build(text, parts).csl["title"] == "Die Flüsse (1900-1950)"


def test_the_author_after_the_title_read_with_it() -> None:
    """"…, par Pierre Dumont" read as the end of the title: a "by" word before a known given
    name and a surname ends the title and gives the author; "…, de Paris à Rome" does not."""

    text = "Les ports du Nord, par Pierre Dumont, Paris, Seuil, 1986."
    parts = [("title", "Les ports du Nord, par Pierre Dumont,"), ("location", "Paris,"),
             ("publisher", "Seuil,"), ("date", "1986.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Les ports du Nord"
    assert rec.csl["author"] == [{"family": "Dumont", "given": "Pierre"}]
    text = "Rivers of the north by Pierre Dumont. Paris: Seuil, 1986."
    parts = [("title", "Rivers of the north by Pierre Dumont."), ("location", "Paris:"),
             ("publisher", "Seuil,"), ("date", "1986.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Rivers of the north" and rec.csl["author"][0]["family"] == "Dumont"
    text = "Les routes du sel, de Paris à Rome, Paris, Seuil, 1986."
    parts = [("title", "Les routes du sel, de Paris à Rome,"), ("location", "Paris,"),
             ("publisher", "Seuil,"), ("date", "1986.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Les routes du sel, de Paris à Rome" and "author" not in rec.csl


def test_an_editors_role_word_read_with_the_title() -> None:
    """"(Compiladores).: Title" — the role word after the names read as the title's start:
    dropped from the title, and the names are the editors."""

    text = "Ana Ruiz, Pablo Gil (Compiladores).: Ríos del sur. Eudeba, 2005."
    parts = [("author", "Ana Ruiz, Pablo Gil"), ("title", "(Compiladores).: Ríos del sur."),
             ("publisher", "Eudeba,"), ("date", "2005.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Ríos del sur" and "author" not in rec.csl
    assert [e["family"] for e in rec.csl["editor"]] == ["Ruiz", "Gil"]


def test_spaces_a_pdf_moved_are_put_back() -> None:
    """Text copied from a PDF's text layer has its spaces on the wrong side of the punctuation."""
    assert normalize("Kovacs, L. and Ortiz, M. , Slow relaxation in granular piles ,Geophys .Res .Lett .47 "
                     "( 2020)e08812 ,0907 .1234.") == (
        "Kovacs, L. and Ortiz, M., Slow relaxation in granular piles, Geophys. Res. Lett. 47 (2020) e08812, "
        "0907.1234.")
    assert normalize("Hale P and Brun Q2019 Icarus 321 77 ( Preprint 1811 .00421)") == (
        "Hale P and Brun Q 2019 Icarus 321 77 (Preprint 1811.00421)")
    assert normalize("Annals of Botany ,vol .12 ,no .3 ,p .201 ,1999 .") == (
        "Annals of Botany, vol. 12, no. 3, p. 201, 1999.")
    assert normalize('Ruiz, A. ," Cold winds over warm lakes ,"Limnol .Oceanogr.31 ,7 -19( 1986).') == (
        'Ruiz, A., "Cold winds over warm lakes," Limnol. Oceanogr. 31, 7-19 (1986).')
    assert normalize("Tamm A, Lo B 2008 Proc .Opt. Soc. Preprint0805 .1234 ,Optica9 (2)") == (
        "Tamm A, Lo B 2008 Proc. Opt. Soc. Preprint 0805.1234, Optica 9 (2)")
    # typed text keeps its spacing: a French colon, "Jr." in a name, a decimal in a title
    for typed in ("Durand, Marie. Les villes : une histoire, Paris, Seuil, 2001.",
                  "Oakes, T. Jr. (2004). Heat at 0.5 K. Cryogenics, 44(2), 1-9.",
                  "Smith, J. (ed.) (1999) The Book ( revised ). London."):
        assert normalize(typed) == typed


def test_a_pdf_spaced_reference_parses_into_its_fields() -> None:
    rec = parse_reference("Kovacs, L. and Ortiz, M. , Slow relaxation in granular piles ,Geophys .Res .Lett "
                          ".47 ( 2020)608 -612 ,0907 .1234.")
    assert [a["family"] for a in rec.csl["author"]] == ["Kovacs", "Ortiz"]
    assert rec.csl["title"] == "Slow relaxation in granular piles"
    assert rec.csl["container-title"].rstrip(".") == "Geophys. Res. Lett"
    assert (rec.csl["volume"], rec.csl["page"]) == ("47", "608-612")
    assert rec.csl["issued"]["date-parts"][0][0] == 2020


def test_a_title_after_a_name_in_given_family_order() -> None:
    """ "Given Family, Title" is not the inverted name "Family, Given"."""
    rec = parse_reference("Margaret Okafor, Harvests (2011).")
    assert [(a.get("family"), a.get("given")) for a in rec.csl["author"]] == [("Okafor", "Margaret")]
    assert rec.csl["title"] == "Harvests"
    rec = parse_reference("Hannah Lindqvist, Nightwater. Oslo: Fjord, 2015.")
    assert fam(rec.csl["author"]) == ["Lindqvist"] and rec.csl["title"] == "Nightwater"
    # inverted names and Vancouver lists stay as they are
    rec = parse_reference("Okafor, Margaret, Harvests. Leeds: Fenwick Press, 2011.")
    assert [(a.get("family"), a.get("given")) for a in rec.csl["author"]] == [("Okafor", "Margaret")]
    rec = parse_reference("Okafor MA, Linde B, Harvests of the north. Agric Hist. 2011;12:1-9.")
    assert fam(rec.csl["author"]) == ["Okafor", "Linde"]


def test_a_publisher_between_the_title_and_the_place() -> None:
    """ "Title, Publisher, Place Year": the publisher read into the title is given back."""

    text = "Rossi, G., Storia dei porti liguri, Sagep, Genova 1994."
    rec = _build(text, [("author", "Rossi, G.,"), ("title", "Storia dei porti liguri, Sagep,"),
                        ("location", "Genova"), ("date", "1994.")])
    assert rec.csl["title"] == "Storia dei porti liguri"
    assert (rec.csl.get("publisher"), rec.csl.get("publisher-place")) == ("Sagep", "Genova")
    rec = parse_reference("Bauer, K., Geschichte der Stadt Ulm, Kohlhammer, Stuttgart 1972.")
    assert rec.csl["title"] == "Geschichte der Stadt Ulm" and rec.csl.get("publisher") == "Kohlhammer"


def test_a_title_listing_its_parts_keeps_them_before_a_place() -> None:
    rec = parse_reference("K. Weber, Römisches Recht, Quellen, Methoden, Wörterbuch, Darmstadt, 1981.")
    assert "publisher" not in rec.csl or "Wörterbuch" not in rec.csl["publisher"]
    rec = parse_reference("Lena Vogt, et al, A History of Baltic Trade (Riga: Zinatne, 2008).")
    assert fam(rec.csl["author"])[0] == "Vogt" and rec.csl["title"] == "A History of Baltic Trade"


def test_a_journal_after_in_read_with_the_title_as_one_container() -> None:

    text = "Ferri P., La prova nel processo civile, in Riv. dir. civ., 2019, p. 211 ss."
    parts = [("author", "Ferri P.,"), ("container-title", "La prova nel processo civile, in Riv. dir. civ.,"),
             ("date", "2019,"), ("pages", "p. 211 ss.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "La prova nel processo civile"
    assert rec.csl["container-title"].rstrip(".") == "Riv. dir. civ"


def test_a_gost_container_mark_spaced_apart() -> None:
    rec = parse_reference("Петров А.В. Летопись и хроника / / Исторические записки. — 1952. — № 7. — С. 12.")
    assert rec.csl["title"] == "Летопись и хроника"
    assert rec.csl["container-title"] == "Исторические записки"


def test_a_bluebook_law_review_article() -> None:
    """ "Title," VOLUME Journal PAGE (YEAR): the quoted title read with the journal, the page
    before the year, the page read as the volume."""

    text = '"Tenancy Reconsidered," 41 Ohio Law Review 377 (2009).'
    parts = [("container-title", '"Tenancy Reconsidered," 41 Ohio Law Review'), ("date", "377 (2009).")]
    rec = _build(text, parts)
    assert (rec.csl["title"], rec.csl["container-title"]) == ("Tenancy Reconsidered", "Ohio Law Review")
    assert (rec.csl["volume"], rec.csl["page"], rec.year) == ("41", "377", 2009)
    parts = [("title", '"Tenancy Reconsidered,"'), ("container-title", "41 Ohio Law Review"),
             ("volume", "377"), ("date", "(2009).")]
    rec = _build(text, parts)
    assert (rec.csl["volume"], rec.csl["page"], rec.year) == ("41", "377", 2009)


def test_a_long_title_read_with_the_names() -> None:
    """The whole title read into the author span: it starts after the first sentence that
    parses as names with given names or initials; a list of names stays a list."""

    text = "Орлов Д.Н. Реки Севера. Очерки. Записки. — М., 1971. — 210 с."
    parts = [("author", "Орлов Д.Н. Реки Севера. Очерки. Записки. —"), ("location", "М.,"), ("date", "1971.")]
    rec = _build(text, parts)
    assert fam(rec.csl["author"]) == ["Орлов"] and rec.csl["title"] == "Реки Севера. Очерки. Записки"
    text = "NUNES, Álvaro. Crónica de D. Sancho. Lisboa: Horizonte, 1980."
    parts = [("author", "NUNES, Álvaro. Crónica de D. Sancho."), ("location", "Lisboa:"),
             ("publisher", "Horizonte,"), ("date", "1980.")]
    rec = _build(text, parts)
    assert fam(rec.csl["author"]) == ["Nunes"] and rec.csl["title"] == "Crónica de D. Sancho"
    text = "Okada, T. Berg, K. Lund, P. (2010). Tidal flats. Marine Notes, 4: 1-9."
    parts = [("author", "Okada, T. Berg, K. Lund, P."), ("date", "(2010)."), ("title", "Tidal flats.")]
    rec = _build(text, parts)
    assert "Berg" not in rec.csl.get("title", "")


def test_a_title_after_a_name_when_nothing_else_is_a_title() -> None:
    """With no title span, "Given Family, Title" needs no known given name (and the family name
    may be one: "Erri de Luca"), nor is a middle initial a Vancouver initial."""

    text = "Zorka Amadi, Balsam, Éditions du Port, 2021."
    parts = [("author", "Zorka Amadi, Balsam,"), ("publisher", "Éditions du Port,"), ("date", "2021.")]
    rec = _build(text, parts)
    assert fam(rec.csl["author"]) == ["Amadi"] and rec.csl["title"] == "Balsam"
    rec = parse_reference("Tomas K. Lindgren, Drift, Bonnier, 2018.")
    assert fam(rec.csl["author"]) == ["Lindgren"] and rec.csl["title"].startswith("Drift")
    rec = parse_reference("James K. Olander, Jr., The Salt Roads (Boston: Harbor, 1984), p. 201")
    assert rec.csl["title"] == "The Salt Roads"


def test_a_contributor_role_or_an_original_title_read_with_the_title() -> None:

    text = "Poezja baroku, red. J. Nowak i K. Lis, Kraków 2001"
    parts = [("title", "Poezja baroku, red. J. Nowak i"), ("editor", "K. Lis,"), ("location", "Kraków"),
             ("date", "2001")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Poezja baroku"
    text = "„Grădina de iarnă” (Winter Garden), trad. Ana Pop, Iași, Polirom, 2018."
    parts = [("title", "„Grădina de iarnă” (Winter Garden),"), ("translator", "trad. Ana Pop,"),
             ("location", "Iași,"), ("publisher", "Polirom,"), ("date", "2018.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Grădina de iarnă"


def test_a_name_a_dash_and_a_title() -> None:
    """ "Given Family – Title (Publisher)": the name ends at the dash; names between dashes
    stay a list."""

    text = "Maria Lindqvist – Vinterhamnen (Norstedts)"
    for parts in ([("author", "Maria"), ("title", "Lindqvist – Vinterhamnen"), ("publisher", "(Norstedts)")],
                  [("author", "Maria Lindqvist – Vinterhamnen"), ("publisher", "(Norstedts)")]):
        rec = _build(text, parts)
        assert fam(rec.csl["author"]) == ["Lindqvist"] and rec.csl["title"] == "Vinterhamnen"
    text = "Maria Lindqvist - Peter Holm, Vinterhamnen, Oslo 2001."
    parts = [("author", "Maria Lindqvist - Peter Holm,"), ("title", "Vinterhamnen,"), ("location", "Oslo"),
             ("date", "2001.")]
    rec = _build(text, parts)
    assert fam(rec.csl["author"]) == ["Lindqvist", "Holm"] and rec.csl["title"] == "Vinterhamnen"


def test_a_publisher_between_the_title_and_a_bare_year() -> None:

    text = "Lucie Marchand, Une maison sur la dune, Verdier, 2019."
    parts = [("author", "Lucie Marchand,"), ("title", "Une maison sur la dune, Verdier,"), ("date", "2019.")]
    rec = _build(text, parts)
    assert (rec.csl["title"], rec.csl.get("publisher")) == ("Une maison sur la dune", "Verdier")
    text = "Lucie Marchand, Histoire de la dune, Tome II, 2019."
    parts = [("author", "Lucie Marchand,"), ("title", "Histoire de la dune, Tome II,"), ("date", "2019.")]
    rec = _build(text, parts)
    assert "publisher" not in rec.csl


def test_two_surnames_then_known_given_names_are_one_person() -> None:
    names, _ = parse_names("Ibáñez Ortega, María Teresa")
    assert names == [{"family": "Ibáñez Ortega", "given": "María Teresa"}]
    names, _ = parse_names("Tomas Berg, Maria Holm")  # two people in natural order stay two
    assert fam(names) == ["Berg", "Holm"]
    names, _ = parse_names("Lund, Robert H., Avner Halevi, Maria Levi, and Barry R. Weingast")
    assert fam(names) == ["Lund", "Halevi", "Levi", "Weingast"]


def test_the_sentence_end_between_an_articles_title_and_its_journal() -> None:
    """The journal's name starts after the title's last full stop, wherever the model put the
    boundary: a container holding the whole title, the title's last words read with the
    journal, the journal's first word read with the title (not an abbreviated journal)."""

    cases = (
        ("Orr, P. (2004). Salt and the river: a long view. Hydrology, 12, 3-9.",
         [("author", "Orr, P."), ("date", "(2004)."),
          ("container-title", "Salt and the river: a long view. Hydrology,"),
          ("volume", "12,"), ("pages", "3-9.")],
         "Salt and the river: a long view", "Hydrology"),
        ("Orr, P. Reading the Delta Archive. The Lowland Quarterly, 12, 3-9.",
         [("author", "Orr, P."), ("title", "Reading the Delta"),
          ("container-title", "Archive. The Lowland Quarterly,"), ("volume", "12,"), ("pages", "3-9.")],
         "Reading the Delta Archive", "The Lowland Quarterly"),
        ("ORR, Paul. Les rives oubliées. Cahiers Fluviaux, mai 2004, n°12. p. 3-9.",
         [("author", "ORR, Paul."), ("title", "Les rives oubliées. Cahiers"),
          ("container-title", "Fluviaux,"),
          ("date", "mai 2004,"), ("volume", "n°12."), ("pages", "p. 3-9.")],
         "Les rives oubliées", "Cahiers Fluviaux"),
        ("Orr, P. Ann. Riv. Hydr. Soc. 12, 3-9 (2004).",
         [("author", "Orr, P."), ("container-title", "Ann. Riv. Hydr. Soc."),
          ("volume", "12,"), ("pages", "3-9")],
         None, "Ann. Riv. Hydr. Soc"),
    )
    for text, parts, title, journal in cases:
        rec = _build(text, parts)
        assert (rec.csl.get("title"), rec.csl.get("container-title")) == (title, journal), text


def test_a_word_without_initials_after_names_that_have_them() -> None:
    """In a list whose names all have their initials, a word after the last comma is the
    title's first word or the journal's first abbreviation ("Harmonic", "Ann."), or the title
    itself before a journal; a surname whose initials follow it stays a name."""

    cases = (
        ("K. Ostrov, Harmonic drift in shallow basins, Ann. Hydr. 7, 12 (1990).",
         [("author", "K. Ostrov, Harmonic"), ("title", "drift in shallow basins,"),
          ("container-title", "Ann. Hydr."), ("volume", "7,"), ("pages", "12")],
         ["Ostrov"], "Harmonic drift in shallow basins", "Ann. Hydr"),
        ("P. L. Varga, Ann. Riv. Hydr. 7, 12 (1990).",
         [("author", "P. L. Varga, Ann."), ("container-title", "Riv. Hydr."),
          ("volume", "7,"), ("pages", "12")],
         ["Varga"], None, "Ann. Riv. Hydr"),
        ("K. Ostrov, Eddies, Ann. Hydr. 7, 12 (1990).",
         [("author", "K. Ostrov, Eddies,"), ("container-title", "Ann. Hydr."),
          ("volume", "7,"), ("pages", "12")],
         ["Ostrov"], "Eddies", "Ann. Hydr"),
        ("Ostrov K., Ann. J. Hydr. 7, 12 (1990).",
         [("author", "Ostrov K., Ann."), ("container-title", "J. Hydr."), ("volume", "7,"), ("pages", "12")],
         ["Ostrov"], None, "Ann. J. Hydr"),
        ("Ostrov K., Varga P. L. Drift. Hydrology, 7, 12.",
         [("author", "Ostrov K., Varga"), ("title", "P. L. Drift."), ("container-title", "Hydrology,"),
          ("volume", "7,"), ("pages", "12.")],
         ["Ostrov", "Varga"], "P. L. Drift", "Hydrology"),
    )
    for text, parts, authors, title, journal in cases:
        rec = _build(text, parts)
        assert fam(rec.csl["author"]) == authors, text
        assert (rec.csl.get("title"), rec.csl.get("container-title")) == (title, journal), text


def test_a_page_with_a_letter_before_it_after_the_volume() -> None:
    """Astronomy's letter pages and article numbers after the volume ("88 L17", "603 A21")."""

    text = "Ostrov K and Varga P 2011 AstJL 88 L17"
    parts = [("author", "Ostrov K and Varga P"), ("date", "2011"), ("container-title", "AstJL"),
             ("volume", "88 L17")]
    rec = _build(text, parts)
    assert (rec.csl.get("volume"), rec.csl.get("page")) == ("88", "L17")


def test_a_journal_volume_and_page_read_as_one_container() -> None:
    """ "AstJ, 88,L17" labelled as one journal with nothing else after the year: its volume and
    page, not a title."""

    text = "Ostrov, K., & Varga, P. 2011, AstJ, 88,L17"
    parts = [("author", "Ostrov, K., & Varga, P."), ("date", "2011,"), ("container-title", "AstJ, 88,L17")]
    rec = _build(text, parts)
    got = tuple(rec.csl.get(k) for k in ("title", "container-title", "volume", "page"))
    assert got == (None, "AstJ", "88", "L17")


def test_the_page_after_the_year_and_the_issue_before_the_pages() -> None:
    """Physics' "Journal VOL (YEAR) PAGE" with the page read with the date, and BibTeX's
    "VOL (ISSUE):PAGES" with "(ISSUE):PAGES" read as pages or a date; "(12/86):10-19" is a date."""

    cases = (
        ("K. Ostrov: Ann. Hydr. 56 (1987) 1684.",
         [("author", "K. Ostrov:"), ("container-title", "Ann. Hydr."), ("volume", "56"),
          ("date", "(1987) 1684.")],
         None, "1684"),
        ("K. Ostrov. Drift. Hydrology, 43 (3):199-220, 1975.",
         [("author", "K. Ostrov."), ("title", "Drift."), ("container-title", "Hydrology,"), ("volume", "43"),
          ("pages", "(3):199-220,"), ("date", "1975.")], "3", "199-220"),
        ("K. Ostrov. Drift. Hydrology, 43 (3):199-220, Aug 1975.",
         [("author", "K. Ostrov."), ("title", "Drift."), ("container-title", "Hydrology,"), ("volume", "43"),
          ("date", "(3):199-220, Aug 1975.")], "3", "199-220"),
        ("K. Ostrov. Drift. Hydrology 43 (12/86):10-19.",
         [("author", "K. Ostrov."), ("title", "Drift."), ("container-title", "Hydrology"), ("volume", "43"),
          ("date", "(12/86):10-19.")], None, None),
    )
    for text, parts, issue, page in cases:
        rec = _build(text, parts)
        assert (rec.csl.get("issue"), rec.csl.get("page")) == (issue, page), text


def test_the_publisher_read_as_the_titles_end_before_the_place() -> None:
    """ "Title (Publisher," / "Title. Publisher," / "Title, Publisher" before the place with no
    publisher read: the publisher; a subtitle ("Delta. A Short History,") stays the title's."""

    cases = (
        ("K. Ostrov, Shallow Basins (Riverside Press, Leeds, 2003).",
         [("author", "K. Ostrov,"), ("title", "Shallow Basins (Riverside Press,"), ("location", "Leeds,"),
          ("date", "2003).")], "Shallow Basins", "Riverside Press"),
        ("Ostrov, K.: Shallow Basins. Riverside, Leeds (2003)",
         [("author", "Ostrov, K.:"), ("title", "Shallow Basins. Riverside,"), ("location", "Leeds"),
          ("date", "(2003)")], "Shallow Basins", "Riverside"),
        ("K. Ostrov, Shallow Basins, Riverside (Leeds 2003)",
         [("author", "K. Ostrov,"), ("title", "Shallow Basins, Riverside"), ("location", "(Leeds"),
          ("date", "2003)")], "Shallow Basins", "Riverside"),
        ("K. Ostrov, Delta. A Short History, Leeds 2003.",
         [("author", "K. Ostrov,"), ("title", "Delta. A Short History,"), ("location", "Leeds"),
          ("date", "2003.")], "Delta. A Short History", None),
    )
    for text, parts, title, publisher in cases:
        rec = _build(text, parts)
        assert (rec.csl.get("title"), rec.csl.get("publisher")) == (title, publisher), text


def test_an_arxiv_identifier_cut_after_its_full_stop_in_pdf_text() -> None:
    """Text from a PDF: "( Preprint1712. 04455)" glued to the pages before it is the
    preprint's identifier "1712.04455" in its own bracket."""
    text = normalize("Orr P ,Lind K and Vey A 2018 Hydrol 77 12 -19( Preprint1712. 04455)")
    assert text.endswith("12-19 (Preprint 1712.04455)")
    assert normalize("Orr P, 2018. 2019 ,Lind") == "Orr P, 2018. 2019, Lind"  # (not a month: no identifier)


def test_a_journals_short_name_read_with_the_volume() -> None:
    """Astronomy's "2013, AsHy, 9, 243" with the journal's short name read with the volume and
    no journal: the name is the journal; a volume label ("Vol 9") is not."""

    for name, journal in (("AsHy", "AsHy"), ("MNRH", "MNRH"), ("Vol", None)):
        text = f"Orr, P., Lind, K. 2013, {name}, 9, 243"
        parts = [("author", "Orr, P., Lind, K."), ("date", "2013,"), ("volume", f"{name}, 9,"),
                 ("pages", "243")]
        rec = _build(text, parts)
        assert (rec.csl.get("container-title"), rec.csl.get("volume")) == (journal, "9"), text
        assert rec.csl.get("page") == ("243" if journal else None), text


def test_a_publisher_beside_a_city_with_a_dotted_capital() -> None:

    text = "Demir, Ayşe (2011). Kıyı kentleri. İzmir ve İstanbul. İstanbul, Metis."
    parts = [("author", "Demir, Ayşe"), ("date", "(2011)."), ("title", "Kıyı kentleri. İzmir ve İstanbul."),
             ("location", "İstanbul, Metis.")]
    rec = _build(text, parts)
    assert (rec.csl.get("publisher-place"), rec.csl.get("publisher")) == ("İstanbul", "Metis")


def test_a_publisher_in_brackets_after_the_names() -> None:

    text = "'La casa del río', Elena Soto (Anagrama)"
    parts = [("title", "'La casa del río',"), ("author", "Elena Soto (Anagrama)")]
    rec = _build(text, parts)
    assert fam(rec.csl["author"]) == ["Soto"] and rec.csl.get("publisher") == "Anagrama"
    text = "Ruiz, A. (Con Soto, E.) (2020). Ríos. Revista Hídrica, 3, 1-9."
    parts = [("author", "Ruiz, A. (Con Soto, E.)"), ("date", "(2020)."), ("title", "Ríos.")]
    rec = _build(text, parts)
    assert "publisher" not in rec.csl


def test_the_issue_after_the_volume_when_the_pages_stand_apart() -> None:

    for vol, issue in (("10:4,", "4"), ("14, 3,", "3")):
        text = f"Ortiz, L. 2004 'Salt roads', Journal of Trade Studies {vol} 333-348."
        parts = [("author", "Ortiz, L."), ("date", "2004"), ("title", "'Salt roads',"),
                 ("container-title", "Journal of Trade Studies"), ("volume", vol), ("pages", "333-348.")]
        rec = _build(text, parts)
        assert (rec.csl["volume"], rec.csl.get("issue"), rec.csl["page"]) == (vol[:2], issue, "333-348")


def test_the_volumes_in_brackets_after_a_title() -> None:

    for tail in ("(4 volumes)", "(t. 1 à 3)", "(2 Bde.)"):
        text = f"Moreau, Anne — Histoire du Morvan {tail}, Dijon : Gaud, 1990."
        parts = [("author", "Moreau, Anne —"), ("title", f"Histoire du Morvan {tail},"),
                 ("location", "Dijon :"), ("publisher", "Gaud,"), ("date", "1990.")]
        rec = _build(text, parts)
        assert rec.csl["title"] == "Histoire du Morvan"


def test_a_web_pages_quoted_title_then_the_site() -> None:

    text = "«Nevers». Atlas de Bourgogne. Consultado el 3 de mayo de 2020."
    parts = [("title", "«Nevers». Atlas de Bourgogne."), ("accessed", "Consultado el 3 de mayo de 2020.")]
    rec = _build(text, parts)
    assert (rec.csl["title"], rec.csl.get("container-title")) == ("Nevers", "Atlas de Bourgogne")


def test_a_journal_in_quotation_marks_after_the_title() -> None:

    text = "ROSSI Anna, Il mare di Leopardi, «Lettere italiane», a. XII, n. 3, Firenze, 1960, pp. 20-31."
    parts = [("author", "ROSSI Anna,"), ("title", "Il mare di Leopardi, «Lettere italiane»,"),
             ("volume", "a. XII,"), ("issue", "n. 3,"), ("location", "Firenze,"), ("date", "1960,"),
             ("pages", "pp. 20-31.")]
    rec = _build(text, parts)
    assert (rec.csl["title"], rec.csl.get("container-title")) == ("Il mare di Leopardi", "Lettere italiane")
    assert (rec.csl.get("volume"), rec.csl.get("issue")) == ("XII", "3")


def test_the_books_editors_read_with_its_title() -> None:

    text = "Lenz, Ute: Der Hafen. In: Karl Brandt und Eva Roth (Hrsg.): Handbuch der Küste. Kiel 2001, S. 3."
    parts = [("author", "Lenz, Ute:"), ("title", "Der Hafen."),
             ("container-title", "In: Karl Brandt und Eva Roth (Hrsg.): Handbuch der Küste."),
             ("location", "Kiel"), ("date", "2001,"), ("pages", "S. 3.")]
    rec = _build(text, parts)
    assert rec.csl["container-title"] == "Handbuch der Küste" and fam(rec.csl["editor"]) == ["Brandt", "Roth"]


def test_a_name_list_cut_short_ends_in_the_title() -> None:
    """A name list ending in initials (not after a comma) or in "and", and a title opening with
    a surname and a full stop: the surname ends the list; "Ostrov, K. P." is a whole name."""

    cases = (
        ("P. L. Varga. Shallow basins. Hydrology, 7, 12-19.",
         [("author", "P. L."), ("title", "Varga. Shallow basins."), ("container-title", "Hydrology,"),
          ("volume", "7,"), ("pages", "12-19.")], ["Varga"], "Shallow basins"),
        ("Anna K Ostrov and Piet Varga. Shallow basins. Hydrology, 7, 12-19.",
         [("author", "Anna K Ostrov and"), ("title", "Piet Varga. Shallow basins."),
          ("container-title", "Hydrology,"), ("volume", "7,"), ("pages", "12-19.")],
         ["Ostrov", "Varga"], "Shallow basins"),
        ("Ostrov, K. P. Delta. A Short History. Leeds: Riverside, 2003.",
         [("author", "Ostrov, K. P."), ("title", "Delta. A Short History."), ("location", "Leeds:"),
          ("publisher", "Riverside,"), ("date", "2003.")], ["Ostrov"], "Delta. A Short History"),
    )
    for text, parts, authors, title in cases:
        rec = _build(text, parts)
        assert (fam(rec.csl["author"]), rec.csl.get("title")) == (authors, title), text


def test_an_arxiv_identifier_keeps_its_subject_class() -> None:
    """ "arXiv: 1712.04455 [hep-th]": the subject class in brackets is the identifier's, not a
    name's."""
    rec = parse_reference("K. Ostrov and P. Varga arXiv: 1712.04455 [hep-th] (2017)")
    assert fam(rec.csl["author"]) == ["Ostrov", "Varga"]
    assert "[hep-th]" in rec.csl["note"]


def test_a_section_letter_after_an_abbreviation_gets_one_full_stop() -> None:
    """ "Ann. Hydr. J. A48": the section letter joins the journal's name once spaced, not after
    a second full stop."""

    text = "K. Ostrov, Ann. Hydr. J. A48, 12 (2012)."
    parts = [("author", "K. Ostrov,"), ("container-title", "Ann. Hydr. J."), ("volume", "A48,"),
             ("pages", "12")]
    rec = _build(text, parts)
    assert (rec.csl.get("container-title"), rec.csl.get("volume")) == ("Ann. Hydr. J. A", "48")


def test_the_titles_last_word_before_an_abbreviated_journal() -> None:
    """ "… on the" | "Delta, Ann. Hydr." and "Shallow basins." | "II, Ann. Hydr.": the word before
    the comma ends the title; after a title's full stop only a part's numeral does."""

    cases = (("Drift on the", "Delta, Ann. Hydr.", "Drift on the Delta"),
             ("Shallow basins.", "II, Ann. Hydr.", "Shallow basins. II"),
             ("Shallow basins.", "Delta, Ann. Hydr.", "Shallow basins"))
    for title, container, want in cases:
        text = f"K. Ostrov, {title} {container} 7 (2012) 12."
        parts = [("author", "K. Ostrov,"), ("title", title), ("container-title", container), ("volume", "7")]
        rec = _build(text, parts)
        assert rec.csl.get("title") == want, text
        assert rec.csl["container-title"].endswith("Ann. Hydr"), text


def test_a_country_after_a_city_is_no_publisher() -> None:
    """ "Toronto, Canada" read as the place: the country is the place's, not a publisher beside a
    known city (as "Batsford, London" is)."""
    rec = parse_reference("Orr, P. (2010). Drift in basins. In 4th Conference on Hydrology, Toronto, Canada.")
    assert "publisher" not in rec.csl or rec.csl["publisher"] != "Canada"
    from refs.parse.repair.places import _publisher_in_place

    for place, pub in (("Toronto, Canada", None), ("Tokyo, Japan", None), ("Batsford, London", "Batsford")):
        csl: dict[str, Any] = {"publisher-place": place}
        _publisher_in_place(csl, {})
        assert csl.get("publisher") == pub, place


def test_a_page_range_cut_at_its_dash() -> None:
    """ "pp. 1029-" | "1042, Aug. 2005.": the range's end read with the date goes back to it."""

    text = "K. Ostrov, Drift, Hydrology, vol. 43, pp. 1029- 1042, Aug. 2005."
    parts = [("author", "K. Ostrov,"), ("title", "Drift,"), ("container-title", "Hydrology,"),
             ("volume", "vol. 43,"), ("pages", "pp. 1029-"), ("date", "1042, Aug. 2005.")]
    rec = _build(text, parts)
    assert (rec.csl.get("page"), rec.year) == ("1029-1042", 2005)


def test_a_title_of_several_words_after_names_that_have_their_initials() -> None:
    """ "K. Ostrov and P. Varga, Revisiting the Delta," read as one name list that does not parse
    as names: the words after the last comma are the title (an institution is not)."""

    for tail, title in (("Revisiting the Delta", "Revisiting the Delta"), ("British Museum", None)):
        text = f"K. Ostrov and P. Varga, {tail}, Ann. Hydr. 7 (2016) 12."
        parts = [("author", f"K. Ostrov and P. Varga, {tail},"), ("container-title", "Ann. Hydr."),
                 ("volume", "7")]
        rec = _build(text, parts)
        assert rec.csl.get("title") == title, text


def test_a_newspapers_name_read_as_the_titles_last_sentence() -> None:
    """ "Flood warnings lifted. The Guardian." with no container: the newspaper is the container."""

    text = "Orr, P. (2010, May 2). Flood warnings lifted across the valley. The Guardian."
    parts = [("author", "Orr, P."), ("date", "(2010, May 2)."),
             ("title", "Flood warnings lifted across the valley. The Guardian.")]
    rec = _build(text, parts)
    assert rec.csl.get("title") == "Flood warnings lifted across the valley"
    assert rec.csl.get("container-title") == "The Guardian"
    assert rec.type == "article-newspaper"


def test_a_journal_volume_pages_and_year_read_as_one_container() -> None:
    """ "Ann. Hydr., 40:1165-74, 1989" labelled as one journal: volume, pages and the year."""

    text = "K. Ostrov. Drift in basins. Ann. Hydr., 40:1165-74, 1989."
    parts = [("author", "K. Ostrov."), ("title", "Drift in basins."),
             ("container-title", "Ann. Hydr., 40:1165-74, 1989.")]
    rec = _build(text, parts)
    got = tuple(rec.csl.get(k) for k in ("container-title", "volume", "page"))
    assert got == ("Ann. Hydr", "40", "1165-1174") and rec.year == 1989


def test_a_publisher_read_across_two_brackets() -> None:
    """ "(Second Edition)(Riverside, Leeds, 2011)": the publisher is the one in its own bracket."""

    text = "K. Ostrov, Shallow Basins (Second Edition)(Riverside, Leeds, 2011)."
    parts = [("author", "K. Ostrov,"), ("title", "Shallow Basins"),
             ("publisher", "(Second Edition)(Riverside,"), ("location", "Leeds,"), ("date", "2011).")]
    rec = _build(text, parts)
    assert rec.csl.get("publisher") == "Riverside"


def test_the_titles_first_word_read_with_the_last_of_several_names() -> None:
    """ "Orr PK, Varga LM. Drift" read as the names: the last name does not parse with the
    title's first word, the others do: the word goes back to the title."""

    text = "Orr PK, Varga LM. Drift in shallow basins. Hydrology. 2011;7:12-19."
    parts = [("author", "Orr PK, Varga LM. Drift"), ("title", "in shallow basins."),
             ("container-title", "Hydrology."), ("volume", "2011;7:12-19.")]
    rec = _build(text, parts)
    assert (fam(rec.csl["author"]), rec.csl.get("title")) == (["Orr", "Varga"], "Drift in shallow basins")


def test_a_state_or_country_read_as_the_publishers_start() -> None:
    """ "Leeds," | "UK: Riverside Press." and "Dayton," | "OH,": the state or country is the
    place's; what follows its colon is the publisher."""

    cases = (("Leeds,", "UK: Riverside Press.", "Leeds, UK", "Riverside Press"),
             ("Dayton,", "OH,", "Dayton, OH", None))
    for place, pub, want_place, want_pub in cases:
        text = f"Orr, P. 2011. Shallow Basins. {place} {pub} 2011."
        parts = [("author", "Orr, P."), ("date", "2011."), ("title", "Shallow Basins."), ("location", place),
                 ("publisher", pub)]
        rec = _build(text, parts)
        assert (rec.csl.get("publisher-place"), rec.csl.get("publisher")) == (want_place, want_pub), text


def test_a_publisher_after_the_colon_of_the_place() -> None:
    """ "Leeds: Riverside" read as the place with no publisher: place, then publisher."""
    from refs.parse.repair.places import _publisher_after_colon_in_place

    csl: dict[str, Any] = {"publisher-place": "Leeds: Riverside"}
    _publisher_after_colon_in_place(csl, {})
    assert (csl["publisher-place"], csl.get("publisher")) == ("Leeds", "Riverside")
    csl = {"publisher-place": "Leeds: 2011"}
    _publisher_after_colon_in_place(csl, {})
    assert "publisher" not in csl


def test_a_note_where_the_title_stands() -> None:
    """No title, and a note right after the names and the date: the note is the title."""

    text = "Orr, Paul. 1993. Salt and Silt: Notes from the Delta."
    parts = [("author", "Orr, Paul."), ("date", "1993."), ("note", "Salt and Silt: Notes from the Delta.")]
    rec = _build(text, parts)
    assert rec.csl.get("title") == "Salt and Silt: Notes from the Delta" and "note" not in rec.csl
    text = "Orr, Paul. 1993. Hydr. Lett. 597 A6 (Preprint 1609.07416)"
    parts = [("author", "Orr, Paul."), ("date", "1993."),
             ("note", "Hydr. Lett. 597 A6 (Preprint 1609.07416)")]
    assert "title" not in _build(text, parts).csl


def test_initials_alone_before_a_surname_read_as_the_title() -> None:
    """ "K." | "Ostrov van Dam," before the journal: initials alone are no name; the short
    "title" is the surname."""

    text = "K. Ostrov van Dam, Ann. Hydr. 590, 1 (2015)."
    parts = [("author", "K."), ("title", "Ostrov van Dam,"), ("container-title", "Ann. Hydr."),
             ("volume", "590,"), ("pages", "1")]
    rec = _build(text, parts)
    assert fam(rec.csl["author"]) == ["van Dam"] and "title" not in rec.csl


def test_a_number_with_a_leading_zero_before_the_year_is_the_issue() -> None:
    """ "Hydr. 06 (2010) 043": volumes have no leading zero; a month's number before the year has."""

    for number, volume, issue in (("06", None, "06"), ("16", "16", None)):
        text = f"K. Ostrov, Drift, Hydr. {number} (2010) 043."
        parts = [("author", "K. Ostrov,"), ("title", "Drift,"), ("container-title", "Hydr."),
                 ("volume", number), ("date", "(2010)"), ("pages", "043.")]
        rec = _build(text, parts)
        assert (rec.csl.get("volume"), rec.csl.get("issue")) == (volume, issue), text


def test_a_journal_and_its_numbers_read_as_a_note() -> None:
    """ "AsHy 597 A6 (Preprint 1712.04455)" read as a note with no journal: journal, volume, page."""

    text = "Orr P and Lind K 2017 AsHy 597 A6 (Preprint 1712.04455)"
    parts = [("author", "Orr P and Lind K"), ("date", "2017"), ("note", "AsHy 597 A6 (Preprint 1712.04455)")]
    rec = _build(text, parts)
    got = tuple(rec.csl.get(k) for k in ("container-title", "volume", "page"))
    assert got == ("AsHy", "597", "A6")


def test_pdf_spacing_leaves_identifiers_whole() -> None:
    """A DOI or an address inside a PDF-spaced string is one identifier: never cut or spaced."""
    text = normalize("A. Berg ,Tides ,JHEP 06 ( 2010)043 ,doi :10.1007/JHEP06(2010)043,http://127.0.0.1:8080/a,b")
    assert "10.1007/JHEP06(2010)043" in text and "http://127.0.0.1:8080/a,b" in text
    rec = parse_reference("A. Berg and C. Dahl, Tides in thin shells ,JHEP 06 ( 2010)043 ,"
                          "doi :10.1007/JHEP06(2010)043.")
    assert rec.csl.get("DOI") == "10.1007/JHEP06(2010)043"


def test_an_initial_after_the_name_is_no_title_start() -> None:
    """ "Grøn Ø., Am. J. Phys.": a surname-first name ends in its initial; the abbreviation after
    it is the journal's, not a title."""

    text = "Holm Å., Am. J. Geol., 12 (1980) 101."
    parts = [("author", "Holm Å., Am."), ("container-title", "J. Geol.,"), ("volume", "12"),
             ("date", "(1980)"), ("pages", "101.")]
    rec = _build(text, parts)
    assert rec.csl.get("title") != "Am" and fam(rec.csl["author"]) == ["Holm"]


def test_a_quoted_chapter_then_in_and_its_book_read_as_one_title() -> None:

    text = "Ada Lind and Tom Berg. 1911. “Part 2, The Harbour Years” in A History of the Northern Ports"
    parts = [("author", "Ada Lind and Tom Berg."), ("date", "1911."),
             ("title", "“Part 2, The Harbour Years” in A History of the Northern Ports")]
    rec = _build(text, parts)
    assert (rec.type, rec.csl["title"], rec.csl.get("container-title")) == \
        ("chapter", "Part 2, The Harbour Years", "A History of the Northern Ports")
    text = "Ada Lind. “Harbours in Winter”. 1911."  # (no "in" and a book after the quotation)
    parts = [("author", "Ada Lind."), ("title", "“Harbours in Winter”."), ("date", "1911.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Harbours in Winter" and "container-title" not in rec.csl


def test_a_year_in_brackets_read_with_the_pages_is_the_date() -> None:

    text = "A. Lind, Harbour waves, Harb. Lett. 105 (2010) 050502."
    parts = [("author", "A. Lind,"), ("title", "Harbour waves,"), ("container-title", "Harb. Lett."),
             ("volume", "105"), ("pages", "(2010) 050502.")]
    rec = _build(text, parts)
    assert (rec.csl["page"], rec.year) == ("050502", 2010)
    text = "A. Lind, Harbour waves, Harb. Lett. 261 451 (2006)[hw/0312085]."
    parts = [("author", "A. Lind,"), ("title", "Harbour waves,"), ("container-title", "Harb. Lett."),
             ("volume", "261"), ("pages", "451 (2006)[hw/0312085].")]
    rec = _build(text, parts)
    assert rec.csl["page"] == "451" and "hw/0312085" in rec.csl["note"]  # (what followed the year is kept)


def test_a_title_does_not_end_in_a_preposition_it_goes_on_to_the_comma() -> None:

    text = "Lind, A 1984, The History of the Port of Bergen, Harbour Press, Oslo"
    parts = [("author", "Lind, A"), ("date", "1984,"), ("title", "The History of the Port of"),
             ("publisher", "Bergen, Harbour Press,"), ("location", "Oslo")]
    rec = _build(text, parts)
    assert (rec.csl["title"], rec.csl["publisher"]) == ("The History of the Port of Bergen", "Harbour Press")
    text = "Lind, Anna: Häfen im Norden. Geschichte eines Handels; Nordverlag, 2015"
    parts = [("author", "Lind, Anna:"), ("title", "Häfen im Norden. Geschichte eines"),
             ("publisher", "Handels; Nordverlag,"), ("date", "2015")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Häfen im Norden. Geschichte eines Handels"
    assert rec.csl["publisher"] == "Nordverlag"
    text = "Lind, Anna. The World of the ed. Berg and Holm, Nordverlag 1985."  # (an editor's cue stays)
    parts = [("author", "Lind, Anna."), ("title", "The World of the"), ("editor", "ed. Berg and Holm,"),
             ("publisher", "Nordverlag"), ("date", "1985.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "The World of the"


def test_the_head_of_an_editor_span_before_its_cue_is_the_end_of_the_title() -> None:

    text = "Porty Bałtyku 1790-1830. Gdańsk. Ryga. Tallinn, red. A. Lindowa, Warszawa 1995"
    parts = [("title", "Porty Bałtyku 1790-1830."), ("editor", "Gdańsk. Ryga. Tallinn, red. A. Lindowa,"),
             ("location", "Warszawa"), ("date", "1995")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Porty Bałtyku 1790-1830. Gdańsk. Ryga. Tallinn"
    assert rec.csl["editor"] == [{"family": "Lindowa", "given": "A."}]
    text = "Porty, dir. Anna Lind, coord. Per Holm, Roma, 1989."  # (a head with a cue of its own: editors)
    parts = [("title", "Porty,"), ("editor", "dir. Anna Lind, coord. Per Holm,"), ("location", "Roma,"),
             ("date", "1989.")]
    rec = _build(text, parts)
    assert rec.csl["title"] == "Porty"


def test_a_title_read_as_a_note_before_its_author() -> None:
    """ "Ravel | de Jean Echenoz." with the title read as an annotation: it is the title; a
    note alone that reads "Title de Given Family." is title and author; a note before other
    fields stays a note."""
    text = "Marea baja de Lucía Ferrer."
    rec = _build(text, [("note", "Marea baja"), ("author", "de Lucía Ferrer.")])
    assert rec.csl.get("title") == "Marea baja" and fam(rec.csl["author"]) == ["Ferrer"]
    rec = _build(text, [("note", "Marea baja de Lucía Ferrer.")])
    assert rec.csl.get("title") == "Marea baja" and fam(rec.csl["author"]) == ["Ferrer"]
    text = "Reprint. Ferrer, Lucía. Marea baja. Sefton Press, 2002."
    rec = _build(text, [("note", "Reprint."), ("author", "Ferrer, Lucía."), ("title", "Marea baja."),
                        ("publisher", "Sefton Press,"), ("date", "2002.")])
    assert rec.csl["title"] == "Marea baja" and fam(rec.csl["author"]) == ["Ferrer"]


def test_a_day_read_as_the_volume_and_a_date_read_as_the_access_date() -> None:
    """ "Harbour Board. | 27 | May 1997." (a day read as the volume before the month) and
    "Harbour Board. | 27 May 1997." read as an access date (the access notice itself is taken
    out before the model): both are the date of publication; an access date with its word
    ("erişim 3.5.2020") and a volume before a season ("12 | Spring 2001") are not."""

    text = '"Tide Tables". Harbour Board. 27 May 1997.'
    base = [("title", '"Tide Tables".'), ("container-title", "Harbour Board.")]
    rec = _build(text, [*base, ("volume", "27"), ("date", "May 1997.")])
    assert rec.csl["issued"] == {"date-parts": [[1997, 5, 27]]} and "volume" not in rec.csl
    rec = _build(text, [*base, ("accessed", "27 May 1997.")])
    assert rec.csl["issued"] == {"date-parts": [[1997, 5, 27]]}
    text = '"Tide Tables". Harbour Board. erişim 3.5.2020'
    rec = _build(text, [*base, ("accessed", "erişim 3.5.2020")])
    assert "issued" not in rec.csl
    # the day read as the pages; "de" between the day and the month (Spanish, Portuguese)
    text = "«La marea sube». El Faro. 18 de octubre de 2021. Consultado el 20 de octubre de 2021."
    rec = _build(text, [("title", "«La marea sube»."), ("container-title", "El Faro."), ("pages", "18"),
                        ("date", "de octubre de 2021.")])
    assert rec.csl["issued"] == {"date-parts": [[2021, 10, 18]]} and "page" not in rec.csl
    text = "Berg, Anna. Ebbe. In: Hafenblatt 3. Mai 2001."
    rec = _build(text, [("author", "Berg, Anna."), ("title", "Ebbe."), ("container-title", "In: Hafenblatt"),
                        ("volume", "3."), ("date", "Mai 2001.")])
    assert rec.csl["issued"] == {"date-parts": [[2001, 5, 3]]} and "volume" not in rec.csl
    # the site's name and the day read as a report's number: the name is the container
    text = '"Tide Tables". Harbour Board. 27 May 1997. Retrieved 5 October 2020.'
    rec = _build(text, [("title", '"Tide Tables".'), ("number", "Harbour Board. 27"), ("date", "May 1997.")])
    assert rec.csl["issued"] == {"date-parts": [[1997, 5, 27]]} and "number" not in rec.csl
    assert rec.csl["container-title"] == "Harbour Board" and rec.type == "webpage"
    text = '"Tide Tables". Harbour Review 12 Spring 2001.'
    parts = [("title", '"Tide Tables".'), ("container-title", "Harbour Review"), ("volume", "12"),
             ("date", "Spring 2001.")]
    rec = _build(text, parts)
    assert rec.csl["volume"] == "12"


def test_authors_before_their_year_read_as_editors() -> None:
    """ "Okafor, A. B., C. D. Lind, and E. F. Moss. | 2006. | Title …" with the names read as
    editors and nothing marking them so: the authors; with a role word or a bracket in the
    span ("(eds.)", "ur.", "編") they stay editors."""

    for names, role in (("Okafor, A. B., C. D. Lind, and E. F. Moss.", "author"),
                        ("Okafor, A. B., and C. D. Lind (eds.)", "editor"),
                        ("Okafor, Ada, ur.", "editor")):
        text = f"{names} 2006. Tides of the bay. Harbour Studies 70: 12-19."
        rec = _build(text, [("editor", names), ("date", "2006."), ("title", "Tides of the bay."),
                            ("container-title", "Harbour Studies"), ("volume", "70:"),
                            ("pages", "12-19.")])
        assert role in rec.csl and ({"author", "editor"} - {role}).isdisjoint(rec.csl), names


def test_a_journal_and_its_numbers_read_as_the_publisher() -> None:
    """ "Harbour Analysis, 16(2-3):281–305," read as the publisher (or the place) with no
    journal, volume nor pages read: the journal, volume 16, issue 2-3, pages 281-305; a
    publisher without that run of numbers stays the publisher."""

    text = "Lu, S. Normal fans of harbours. Harbour Analysis, 16(2-3):281–305, 2008."
    for label in ("publisher", "location"):
        rec = _build(text, [("author", "Lu, S."), ("title", "Normal fans of harbours."),
                            (label, "Harbour Analysis, 16(2-3):281–305,"), ("date", "2008.")])
        assert (rec.type, rec.csl.get("container-title"), rec.csl.get("volume"), rec.csl.get("issue"),
                rec.csl.get("page")) == ("article-journal", "Harbour Analysis", "16", "2-3", "281-305")
    text = "Lu, S. Normal fans of harbours. Harbour Books, 2008."
    rec = _build(text, [("author", "Lu, S."), ("title", "Normal fans of harbours."),
                        ("publisher", "Harbour Books,"), ("date", "2008.")])
    assert rec.csl["publisher"] == "Harbour Books"


def test_the_book_read_with_the_chapter_after_more_in_words() -> None:
    """The book read with the chapter's title after Polish "W:", a lower-case "in:" or "dans":
    the container; a Roman numeral before a colon ("Part I: …") is no such word."""

    for cue in ("W:", "in:", "dans"):
        text = f"Okafor, A. Mięczaki rzeczne, {cue} Harbour Studies of the North, Tide Press 2001, s. 3-9."
        title = f"Mięczaki rzeczne, {cue} Harbour Studies of the North,"
        rec = _build(text, [("author", "Okafor, A."), ("title", title), ("publisher", "Tide Press"),
                            ("date", "2001,"), ("pages", "s. 3-9.")])
        assert (rec.csl["title"], rec.csl.get("container-title")) == (
            "Mięczaki rzeczne", "Harbour Studies of the North"), cue
    text = "Okafor, A. Harbours, Part I: The Sea, Tide Press 2001."
    rec = _build(text, [("author", "Okafor, A."), ("title", "Harbours, Part I: The Sea,"),
                        ("publisher", "Tide Press"), ("date", "2001.")])
    assert rec.csl["title"] == "Harbours, Part I: The Sea" and "container-title" not in rec.csl


def test_title_then_dash_then_author_read_as_one_field() -> None:
    """A blog's "Title - Given Family" read as one title, or as one name list: the known given
    name after the last dash starts the author; two names either side of a dash stay names."""
    rec = _build("The Mill on the Floss- George Eliot", [("title", "The Mill on the Floss- George Eliot")])
    assert rec.csl["title"] == "The Mill on the Floss" and fam(rec.csl["author"]) == ["Eliot"]
    rec = _build("Moby-Dick – Herman Melville", [("author", "Moby-Dick – Herman Melville")])
    assert rec.csl["title"] == "Moby-Dick" and fam(rec.csl["author"]) == ["Melville"]
    rec = _build("Anna Holt - Henri Marsh", [("author", "Anna Holt - Henri Marsh")])
    assert fam(rec.csl["author"]) == ["Holt", "Marsh"] and "title" not in rec.csl


@pytest.mark.parametrize("pages, want", [
    ("S08002.", "S08002"),  # an article's number keeps its letter
    ("P05011", "P05011"),
    ("ss. 180—184.", "180-184"),  # the word before the pages, in many languages
    ("pagg. 120-138.", "120-138"),
    ("páginas 13-21.", "13-21"),
    ("bls. 43—49.", "43-49"),
    ("–Р. 151-160.", "151-160"),  # GOST's Latin-page "P." written with a Cyrillic letter
    ("p45-67.", "45-67"),
    ("S. 12-15.", "12-15"),
])
def test_the_word_before_the_pages_is_not_the_pages(pages: str, want: str) -> None:
    text = f"Lind, Ana. Harbours. Journal of Rivers 12 (2001), {pages}"
    rec = _build(text, [("author", "Lind, Ana."), ("title", "Harbours."),
                        ("container-title", "Journal of Rivers"), ("volume", "12"), ("date", "(2001),"),
                        ("pages", pages)])
    assert rec.csl["page"] == want


def test_a_supplements_pages_keep_their_letter() -> None:
    text = "Lind A. Harbours. Riv J. 2005;365 Suppl 1:S93-S99."
    rec = _build(text, [("author", "Lind A."), ("title", "Harbours."), ("container-title", "Riv J."),
                        ("date", "2005;365"), ("pages", "Suppl 1:S93-S99.")])
    assert rec.csl["page"] == "S93-S99"


def test_a_cited_date_with_a_year_alone() -> None:
    """Vancouver's "[cited 2003]" (no month, no day) is an access date of a year, not a crash."""
    rec = parse_reference("Roe B. Ports of the north. Mar Hist Rev [Internet]. 1998 [cited 2003]; 4(2):1-9.")
    assert rec.csl["accessed"] == {"date-parts": [[2003]]}
    assert rec.csl["volume"] == "4"


@pytest.mark.parametrize("text, kept", [
    ("Mur- phy, J. Title. London, 1990.", "Murphy"),  # a word broken at a line's end
    ("Ein- und Ausfuhr. Berlin, 1990.", "Ein- und"),  # a compound's first part before "and"
    ("Mond- en klauwzeer. Lelystad, 2001.", "Mond- en"),
    ("Jurist- og Økonomforbundets Forlag, 1999.", "Jurist- og"),
    ("Import- och exporthandel. Stockholm, 1980.", "Import- och"),
])
def test_a_hyphen_before_a_conjunction_is_a_compounds_not_a_line_break(text: str, kept: str) -> None:
    assert kept in normalize(text)


def test_a_journals_issue_read_as_a_report_number() -> None:
    """ "Zeitschrift für Physik, | Bd. 24, | Nr. 3, S. | 201–209" with the issue read as a report's
    number: with a journal and a volume it is the issue; a report's number stays its number."""
    text = "Lenz, K. „Dünne Schichten“, Zeitschrift für Physik, Bd. 24, Nr. 3, S. 201–209, 2011."
    rec = _build(text, [("author", "Lenz, K."), ("title", "„Dünne Schichten“,"),
                        ("container-title", "Zeitschrift für Physik,"), ("volume", "Bd. 24,"),
                        ("number", "Nr. 3, S."), ("pages", "201–209,"), ("date", "2011.")])
    assert rec.csl["issue"] == "3" and "number" not in rec.csl and rec.type == "article-journal"
    text = "Lenz, K. Dünne Schichten. Bericht Nr. 3. Jülich: Forschungszentrum, 2011."
    rec = _build(text, [("author", "Lenz, K."), ("title", "Dünne Schichten."), ("genre", "Bericht"),
                        ("number", "Nr. 3."), ("location", "Jülich:"), ("publisher", "Forschungszentrum,"),
                        ("date", "2011.")])
    assert rec.csl["number"] == "3" and "issue" not in rec.csl and rec.type == "report"


def test_a_pinpoint_with_its_page_word_after_an_articles_range() -> None:
    """ "Harbour Review 32 (2009): | 39–61, p. 41." : the article's pages, then the page a note
    cites (a note); GOST's "(28). — С. 48—59" still gives the pages after their label."""
    text = "Okafor, A. Tides. Harbour Review 32 (2009): 39–61, p. 41."
    rec = _build(text, [("author", "Okafor, A."), ("title", "Tides."), ("container-title", "Harbour Review"),
                        ("volume", "32"), ("date", "(2009):"), ("pages", "39–61, p. 41.")])
    assert rec.csl["page"] == "39-61" and rec.csl["note"] == "p. 41"
    text = "Окафор А. Приливы // Морской вестник. 2009. № 5 (28). — С. 48—59."
    rec = _build(text, [("author", "Окафор А."), ("title", "Приливы"),
                        ("container-title", "// Морской вестник."), ("date", "2009."), ("issue", "№ 5"),
                        ("pages", "(28). — С. 48—59.")])
    assert rec.csl["page"] == "48-59"
    # a double issue, then the pages: no pinpoint
    text = "Okafor, A. Tides. Harbour Review, 39-40, p. 225-240."
    rec = _build(text, [("author", "Okafor, A."), ("title", "Tides."), ("container-title", "Harbour Review,"),
                        ("pages", "39-40, p. 225-240.")])
    assert rec.csl["page"] == "225-240"


def test_editors_marked_in_the_author_span_then_a_title_cut_after_et() -> None:
    """Names marked as editors ("…, dir.,") become the editors; a title read up to a function word
    ("… Henri II et") then reaching into the next names span no longer stops the parse (a
    ValueError: the moved spans had kept their old label)."""
    text = "Roy, Anne, dir., La Scène au temps d'Henri II et de Charles IX, Lyon, Leo S. Vidal, 1990."
    rec = _build(text, [("author", "Roy, Anne, dir.,"), ("title", "La Scène au temps d'Henri II et"),
                        ("author", "de Charles IX, Lyon, Leo S."), ("title", "Vidal,"), ("date", "1990.")])
    assert rec.csl["title"].startswith("La Scène au temps d'Henri II et")
    assert rec.csl["editor"][0]["family"] == "Roy" and "author" not in rec.csl


def test_a_volume_of_the_work_read_with_the_publisher() -> None:
    """ "Title. | Band 2. Hafenverlag." with the part read as the publisher's first words: the part
    ends the title, as printed; a publisher that only starts like one ("Tome Press") stays whole."""
    text = "Lenz, K. (2005). Geschichte der Häfen. Band 2. Hafenverlag."
    rec = _build(text, [("author", "Lenz, K."), ("date", "(2005)."), ("title", "Geschichte der Häfen."),
                        ("publisher", "Band 2. Hafenverlag.")])
    assert rec.csl["title"] == "Geschichte der Häfen. Band 2" and rec.csl["publisher"] == "Hafenverlag"
    text = "Lenz, K. (2005). Harbours. Tome Press."
    rec = _build(text, [("author", "Lenz, K."), ("date", "(2005)."), ("title", "Harbours."),
                        ("publisher", "Tome Press.")])
    assert rec.csl["title"] == "Harbours" and rec.csl["publisher"] == "Tome Press"
