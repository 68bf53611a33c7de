"""Rules added after measuring the hand-written held-out halves, and the halves themselves.

``tests/data/parse/holdout_a.jsonl`` was used to find failures; ``holdout_b.jsonl`` was
never looked at while fixing (its score in docs/parse.md is the honest one). The rule
tests below use strings invented for this file, not the strings of either half, so they
test the rule rather than a memorised answer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from refs.parse import parse_text
from refs.parse.fields import parse_reference

#: strings the model trained with real reading-list strings (round 3) gets wrong; they are
#: counted in bench/bench_parse.py (hand-written sets), not hidden: see docs/parse.md
MODEL_MISS = "the current model mislabels this hand-written string"

ROOT = Path(__file__).resolve().parents[1]
HALVES = [ROOT / "tests" / "data" / "parse" / f"holdout_{h}.jsonl" for h in ("a", "b")]
LANGS = {"en", "fr", "de", "el", "ru", "es", "it", "pt"}


def fam(names: list[dict]) -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in names]


def test_greek_translator_is_not_part_of_the_title() -> None:
    rec = parse_reference("Χομπσμπάουμ, Έρικ. Η εποχή των άκρων. Μετάφραση Βασίλης Καπετανγιάννης. "
                          "Αθήνα: Θεμέλιο, 1997.")
    assert rec.csl["title"] == "Η εποχή των άκρων"
    assert fam(rec.csl["translator"]) == ["Καπετανγιάννης"]
    assert rec.csl["publisher-place"] == "Αθήνα" and rec.csl["publisher"] == "Θεμέλιο"


def test_portuguese_ordinal_edition_after_the_title() -> None:
    rec = parse_reference("3. Caio Prado Júnior, Formação do Brasil contemporâneo, 23.ª ed. "
                          "(São Paulo: Brasiliense, 1994), 41.")
    assert rec.csl["title"] == "Formação do Brasil contemporâneo"
    assert rec.csl["edition"] == "23"
    assert rec.csl["publisher-place"] == "São Paulo" and rec.csl["publisher"] == "Brasiliense"


def test_editors_list_with_serial_comma() -> None:
    rec = parse_reference('Moe, Anna. "Ports and Power." In The Baltic Trade, edited by Carl Berg, '
                          "Dora Lind, and Eva Holm, 45–67. Oxford: Clarendon Press, 1999.")
    assert rec.type == "chapter"
    assert fam(rec.csl["editor"]) == ["Berg", "Lind", "Holm"]
    assert rec.csl["container-title"] == "The Baltic Trade"
    assert rec.csl["publisher-place"] == "Oxford" and rec.csl["page"] == "45-67"


def test_ieee_online_available_is_not_a_container() -> None:
    rec = parse_reference('[9] World Bank, "Open data portal," 2021. [Online]. Available: '
                          "https://data.example.org/portal")
    assert rec.type == "webpage"
    assert "container-title" not in rec.csl
    assert rec.csl["URL"] == "https://data.example.org/portal"


def test_french_collection_between_publisher_and_year() -> None:
    rec = parse_reference("Marc Ferro, La Grande Guerre, Paris, Gallimard, coll. « Folio histoire », "
                          "1990, 402 p.")
    assert rec.csl["title"] == "La Grande Guerre"
    assert (rec.csl["publisher-place"], rec.csl["publisher"]) == ("Paris", "Gallimard")
    assert rec.csl["collection-title"] == "Folio histoire"
    assert rec.year == 1990


def test_gost_electronic_resource_is_a_webpage() -> None:
    rec = parse_reference("Стратегия национальной безопасности [Электронный ресурс] // "
                          "Совет Безопасности РФ. URL: http://www.scrf.gov.ru/security/ "
                          "(дата обращения: 01.02.2022).")
    assert rec.type == "webpage"
    assert rec.csl["title"] == "Стратегия национальной безопасности"
    assert rec.csl["container-title"] == "Совет Безопасности РФ"


def test_gost_electronic_journal_article_stays_an_article() -> None:
    rec = parse_reference("Петров И. И. Новые данные [Электронный ресурс] // Вестник науки. "
                          "2019. № 3. С. 5–9. URL: http://example.org/a (дата обращения: 01.02.2022).")
    assert rec.type == "article-journal"
    assert rec.csl["issue"] == "3" and rec.csl["page"] == "5-9"


def test_apa_title_with_a_full_stop_and_an_unknown_publisher() -> None:
    rec = parse_reference("Δερτιλής, Γ. Β. (2005). Ιστορία του ελληνικού κράτους. Τόμος πρώτος. Εστία.")
    assert rec.csl["title"] == "Ιστορία του ελληνικού κράτους. Τόμος πρώτος"
    assert rec.csl["publisher"] == "Εστία"


def test_apa_article_and_newspaper_are_not_taken_for_a_long_title() -> None:
    rec = parse_reference("Lind, D. (2011). Trade and war. Journal of Peace Studies, 4(2), 11–29.")
    assert rec.type == "article-journal" and rec.csl["title"] == "Trade and war"
    rec = parse_reference("Berg, C. (2019, May 2). Storm over the harbour. The Guardian.")
    assert rec.csl["title"] == "Storm over the harbour"
    assert rec.csl["container-title"] == "The Guardian"


def test_corporate_author_with_and_after_of_or_for() -> None:
    rec = parse_reference("Council for Science and Technology. (2015). Skills for the future economy. "
                          "Government Office for Science.")
    assert rec.csl["author"] == [{"literal": "Council for Science and Technology"}]
    rec = parse_reference('Refugee Rights Watch. "Camps at the Border." May 2, 2021. https://example.org/camps.')
    assert rec.csl["author"] == [{"literal": "Refugee Rights Watch"}]


def test_report_series_and_number_after_a_notes_title() -> None:
    rec = parse_reference("4. Jane Doe, Arctic Security in 2030, CRS Report R12345 (Washington, DC: "
                          "Congressional Research Service, 2021), 7.")
    assert rec.type == "report" and rec.csl["number"] == "R12345"
    assert rec.csl["title"] == "Arctic Security in 2030"


def test_greek_issue_abbreviation() -> None:
    rec = parse_reference("Παπάς, Γιάννης. «Η αγροτική οικονομία». Νέα Εστία, τ. 40, τχ. 7, 1990, σ. 5-19.")
    assert (rec.csl["volume"], rec.csl["issue"], rec.csl["page"]) == ("40", "7", "5-19")


def test_capitalised_annotation_after_semicolon() -> None:
    rec = parse_reference("Roe, Alan. A History of Trade (Harbor Press, 2004); Standard survey of the topic.")
    assert rec.csl["publisher"] == "Harbor Press"
    assert "Standard survey" in rec.csl["note"]


def test_annotation_after_page_count() -> None:
    rec = parse_reference("Roe, Alan. A History of Trade (2nd ed. 2011), 540pp; detailed survey.")
    assert "publisher" not in rec.csl and rec.year == 2011


def test_gost_dash_inside_parentheses_and_book_volume() -> None:
    rec = parse_reference("Петров А. Б. История края (XVI — начало XX в.). — Томск: Наука, 2001. — Т. 2. "
                          "— 300 с.")
    assert rec.csl["title"] == "История края (XVI — начало XX в.)"
    assert rec.type == "book" and rec.csl["volume"] == "2"
    assert "container-title" not in rec.csl
    assert rec.csl["publisher-place"] == "Томск" and rec.csl["publisher"] == "Наука"


def test_gost_responsible_editor_and_thesis_city() -> None:
    rec = parse_reference("Орлов К. Л. Реформы // Сборник статей / отв. ред. П. Р. Сидоров. "
                          "— М.: Наука, 1999. — С. 5–20.")
    assert fam(rec.csl["editor"]) == ["Сидоров"]
    rec = parse_reference("Белов Г. Д. Городская дума : дис. ... канд. ист. наук. — Самара, 2004. — 200 с.")
    assert rec.type == "thesis" and rec.csl["publisher-place"] == "Самара"
    assert "publisher" not in rec.csl


def test_elided_article_acronym_starts_a_title() -> None:
    rec = parse_reference("Marco Rossi, L'ONU e la pace. Storia di un'idea, Roma, Carocci, 2010.")
    assert fam(rec.csl["author"]) == ["Rossi"]
    assert rec.csl["title"] == "L'ONU e la pace. Storia di un'idea"


def test_apa_volume_of_an_edited_book() -> None:
    rec = parse_reference("Doe, J., & Roe, R. (Eds.). (2012). The history of trade (Vol. 2). Harbor Press.")
    assert rec.csl["title"] == "The history of trade" and rec.csl["volume"] == "2"
    assert rec.type == "book" and fam(rec.csl["editor"]) == ["Doe", "Roe"]


def test_year_inside_a_book_title_after_of() -> None:
    rec = parse_reference('Lee, Ann. "A Memo." In The Crisis of 1962, edited by Tom Ray, 5–9. '
                          "Boston: Harbor Press, 1999.")
    assert rec.csl["container-title"] == "The Crisis of 1962"
    assert rec.year == 1999


def test_ieee_report_with_organisation_city_and_country() -> None:
    rec = parse_reference('[9] Harbor Agency, "Ports outlook 2021," HA, Lyon, France, 2021. [Online]. '
                          "Available: https://example.org/ports")
    assert rec.type == "report"
    assert rec.csl["publisher"] == "HA" and rec.csl["publisher-place"] == "Lyon, France"
    assert "container-title" not in rec.csl


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_german_series_in_equals_parenthesis() -> None:
    rec = parse_reference("Karl Braun: Das Reich 1815–1866 (= Neue Geschichte. Band 4). Harbor Verlag, "
                          "Göttingen 1980.")
    assert rec.type == "book" and rec.csl["title"] == "Das Reich 1815–1866"
    assert rec.csl["collection-title"] == "Neue Geschichte"
    assert rec.csl["publisher"] == "Harbor Verlag" and "volume" not in rec.csl


def test_year_range_in_parentheses_inside_a_title() -> None:
    rec = parse_reference("Ruiz, Pedro (2001). La ciudad de Valencia (1900-1936): economía y sociedad. "
                          "Valencia: Harbor. ISBN 84-0000-000-0.")
    assert rec.csl["title"] == "La ciudad de Valencia (1900-1936): economía y sociedad"
    assert rec.year == 2001
    rec = parse_reference("Смит Д. Век перемен (1900—1950) / Пер. с англ. — М.: Наука, 2004. — 300 с.")
    assert rec.csl["title"] == "Век перемен (1900—1950)" and rec.year == 2004
    assert rec.csl["publisher-place"] == "Москва"


def test_surname_that_is_an_organisation_word() -> None:
    rec = parse_reference("Service, Robert. Lenin: A Biography (2000), a standard life of the leader")
    assert fam(rec.csl["author"]) == ["Service"]
    assert rec.csl["title"] == "Lenin: A Biography" and "publisher" not in rec.csl


def test_junior_suffix_after_given_names() -> None:
    rec = parse_reference('Kerr, Clark S., Jr. "The Uses of Power." Policy Review, no. 12, 1980, pp. 3-18.')
    assert fam(rec.csl["author"]) == ["Kerr"]
    assert rec.csl["title"] == "The Uses of Power" and rec.csl["container-title"] == "Policy Review"


def test_word_edition_at_the_end_of_a_notes_title() -> None:
    rec = parse_reference("14. Ann Lee, The Long Road, rev. ed. (Boston: Harbor Press, 1999), 3.")
    assert rec.csl["title"] == "The Long Road"


def test_french_website_after_sur() -> None:
    rec = parse_reference("Ministère de la Culture, « Les musées de France », sur culture.gouv.fr, 2020 "
                          "(consulté le 2 mars 2021)")
    assert rec.csl["container-title"] == "culture.gouv.fr"


def test_chapter_range_after_notes_parenthesis() -> None:
    rec = parse_reference('15. Ann Lee, "Ports," in The Sea, ed. Tom Ray (Boston: Harbor Press, 2008), '
                          "45–67.")
    assert rec.type == "chapter" and rec.csl["page"] == "45-67"
    rec = parse_reference("16. Ann Lee, The Sea (Boston: Harbor Press, 2008), 45–67.")
    assert rec.type == "book" and rec.csl["page"] == "45-67"  # the part of the book meant
    rec = parse_reference("16. Ann Lee, The Sea (Boston: Harbor Press, 2008), 45.")
    assert "page" not in rec.csl and "45" in rec.csl["note"]  # one page: where the note points


def test_ieee_tech_rep_without_a_number() -> None:
    rec = parse_reference('[14] A. Ray and B. Lim, "Sparse models," Harbor Labs, Boston, MA, USA, '
                          "Tech. Rep., 2019.")
    assert rec.type == "report"
    assert rec.csl["publisher"] == "Harbor Labs" and rec.csl["publisher-place"] == "Boston, MA, USA"


def test_family_name_with_junior_before_the_comma() -> None:
    rec = parse_reference('Kerr Jr., Clark S. "The Uses of Power." Policy Review 12.2 (1980): 3–18.')
    assert fam(rec.csl["author"]) == ["Kerr"]
    assert rec.csl["title"] == "The Uses of Power"


def test_german_journal_volume_before_year_in_parentheses() -> None:
    rec = parse_reference("Braun, Karl: Die Stadt und der Staat. Eine Skizze. In: Merkur 40 (1986), "
                          "S. 12–20.")
    assert rec.type == "article-journal"
    assert (rec.csl["container-title"], rec.csl["volume"], rec.csl["page"]) == ("Merkur", "40", "12-20")
    assert rec.csl["title"] == "Die Stadt und der Staat. Eine Skizze"


def test_apa_sentence_with_a_year_before_place_and_publisher() -> None:
    rec = parse_reference("Neri, Marco (2001). La città divisa. Dal 1945 a oggi. Roma-Bari: Laterza.")
    assert rec.csl["title"] == "La città divisa. Dal 1945 a oggi"
    assert (rec.csl["publisher-place"], rec.csl["publisher"]) == ("Roma-Bari", "Laterza")


def test_semicolon_editors_with_particles_in_given_names() -> None:
    rec = parse_reference("Lima, Jorge; Souza, Maria de Lourdes Neves (org.) (2003). O Brasil moderno. "
                          "Rio de Janeiro: Harbor.")
    assert fam(rec.csl["editor"]) == ["Lima", "Souza"]
    assert rec.csl["title"] == "O Brasil moderno"


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_abnt_chapter_with_organiser() -> None:
    rec = parse_reference("ROCHA, Ana. A cidade. In: LIMA, Jorge (Org.). O Brasil moderno. Rio de Janeiro: "
                          "Harbor, 2003. p. 10-20.")
    assert rec.type == "chapter"
    assert rec.csl["container-title"] == "O Brasil moderno"
    assert fam(rec.csl["editor"]) in (["Lima"], ["LIMA"])
    assert rec.csl["publisher-place"] == "Rio de Janeiro" and rec.csl["page"] == "10-20"


def test_apa_publication_number_in_parentheses() -> None:
    rec = parse_reference("Budget Office. (2020). The long-term outlook (Publication No. 12345).")
    assert rec.csl["title"] == "The long-term outlook" and rec.csl["number"] == "12345"
    assert rec.type == "report"


def test_gost_thesis_title_with_years_and_specialty_code() -> None:
    rec = parse_reference("Орлов С. Н. Реформа в России (1905–1912 гг.) : дис. ... д-ра ист. наук : "
                          "07.00.02. — М., 2005. — 420 с.")
    assert rec.type == "thesis"
    assert rec.csl["title"] == "Реформа в России (1905–1912 гг.)"
    assert rec.csl["publisher-place"] == "Москва" and rec.year == 2005


def test_cs1_book_pages_before_isbn_are_the_part_meant() -> None:
    rec = parse_reference("Roe, Alan (1996). The Harbor Factor. Harbor University Press. pp. 88–91. "
                          "ISBN 0-00-000000-0. OCLC 12345678.")
    assert rec.type == "book" and rec.csl["publisher"] == "Harbor University Press"
    assert rec.csl["page"] == "88-91" and "container-title" not in rec.csl
    assert "OCLC 12345678" in rec.csl["note"]


def test_short_surname_that_is_a_title_word_before_a_given_name() -> None:
    rec = parse_reference("Lo, Wendy. Ports of the South China Sea. London: Harbor House, 2015.")
    assert fam(rec.csl["author"]) == ["Lo"]
    assert rec.csl["title"] == "Ports of the South China Sea"


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_arxiv_identifiers_make_a_preprint() -> None:
    rec = parse_reference('[18] A. Lee and B. Roe, "Deep ports," 2014, arXiv:1409.99999.')
    assert rec.type == "article" and "arXiv:1409.99999" in rec.csl["note"]
    rec = parse_reference('Lee, Ann, et al. "Deep Ports." arXiv, 2017, arxiv.org/abs/1706.99999.')
    assert rec.type == "article"


def test_notes_title_with_lower_case_words_before_the_colon() -> None:
    rec = parse_reference("22. Ann Lee, Ports and Harbors of the North: A History of Trade (Boston: "
                          "Harbor Press, 1979), 47.")
    assert fam(rec.csl["author"]) == ["Lee"]
    assert rec.csl["title"] == "Ports and Harbors of the North: A History of Trade"


def test_comma_cut_title_is_rejoined_with_its_comma() -> None:
    rec = parse_reference("Lee, A. (1990) Ships, ports, and trade, AD 900–1900. Oxford: Harbor Press.")
    assert rec.csl["title"] == "Ships, ports, and trade, AD 900–1900"


def test_et_al_then_eds_makes_editors() -> None:
    rec = parse_reference("Lee, Ann, et al. eds. Companion to Harbor History, 1800–1900 (Harbor UP, 1997), "
                          "800pp")
    assert fam(rec.csl["editor"]) == ["Lee"] and "author" not in rec.csl
    assert rec.csl["title"] == "Companion to Harbor History, 1800–1900"


def test_first_edition_year_and_title_ending_in_a_year() -> None:
    rec = parse_reference("Paul Roux, La Révolution de 1848, Paris, Harbor, coll. « Histoire », 1997 "
                          "(1re éd. 1967), 300 p.")
    assert fam(rec.csl["author"]) == ["Roux"] and rec.csl["title"] == "La Révolution de 1848"
    assert rec.year == 1997 and rec.csl["publisher"] == "Harbor"


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_french_apa_editor_and_gost_series_and_edition() -> None:
    rec = parse_reference("Roux, P. (Éd.). (2009). La mer et les ports. Harbor.")
    assert fam(rec.csl["editor"]) == ["Roux"] and rec.csl["title"] == "La mer et les ports"
    rec = parse_reference("Орлов К. Л. Реформы // Вестник Томского университета. Сер. 3. История. "
                          "— 2011. — № 2. — С. 3–18.")
    assert rec.csl["container-title"] == "Вестник Томского университета. Сер. 3. История"
    assert "volume" not in rec.csl and rec.csl["issue"] == "2"
    rec = parse_reference("Орлов К. Л. Реформы в России. — 2-е изд., испр. и доп. — М.: Наука, 2010. "
                          "— 300 с.")
    assert rec.csl["title"] == "Реформы в России" and rec.csl["edition"] == "2"


def test_gost_collection_with_editor_is_a_book() -> None:
    rec = parse_reference("Реформы в России : сб. науч. ст. / под ред. А. Б. Орлова. — СПб.: Наука, "
                          "2017. — 312 с.")
    assert rec.type == "book" and rec.csl["title"].startswith("Реформы в России : сб. науч. ст")
    assert fam(rec.csl["editor"]) in (["Орлов"], ["Орлова"])


def test_forthcoming_is_a_note_and_press_inside_a_name_is_kept() -> None:
    rec = parse_reference("Roe, Ann (2014). Ports. New York: Penguin Press. p. 4. ISBN 978-0-00-000000-0.")
    assert rec.csl["publisher"] == "Penguin Press"
    rec = parse_reference('[26] H. Lee, "Tides in two dimensions," Sea Letters, to be published.')
    assert "to be published" in rec.csl["note"] and "publisher" not in rec.csl


def test_vancouver_question_title_then_journal() -> None:
    rec = parse_reference("Roe R. Offline: what is a harbor? Sea Med. 2015;385(9976):1380.")
    assert rec.csl["title"] == "Offline: what is a harbor?"
    assert rec.csl["container-title"] == "Sea Med" and rec.type == "article-journal"


def test_german_author_colon_then_a_title_that_starts_with_a_year() -> None:
    rec = parse_reference("Eva Roth: 1945 und danach. Die Stadt im Wandel. Harbor, München 2005.")
    assert fam(rec.csl["author"]) == ["Roth"]
    assert rec.csl["title"] == "1945 und danach. Die Stadt im Wandel"


def test_plain_reading_list_one_reference_per_line() -> None:
    # no markers and no blank lines: German quotes, a URL at the line end, a name that
    # starts with a particle, and a language tag must each start a new record
    text = "\n".join([
        "[3] H. Roth und K. Lang, „Messung dünner Schichten“, Zeitschrift für Physik, Bd. 4, Nr. 3, "
        "S. 1–9, 2011.",
        "Marmot M. Social gradients in health. Lancet. 2005;365(9464):1099-104.",
        "Harbor Office. (2021). Port report: Baltic. https://www.example.org/reports/2021/baltic/",
        "Lee, A., & Roe, B. (Eds.). (2010). The harbor history (Vol. 1). Harbor Press.",
        "Roe, Alan. \"Tides.\" Sea Review 4.2 (2001): 1–9. https://example.org/tides.",
        "von Berg, Carl. On Ports. Boston: Harbor Press, 1976.",
        "de la Cruz, M. T., & van den Berg, H. (2018). Ports and cities. Urban Studies, 39(7), 566–582.",
        "Paul Roux, La mer, Paris, Gallimard, 2010, 330 p. (ISBN 978-2-07-000000-0)",
        "(en) Ann Lee, The Sea, New York, Harbor, 2019, 448 p.",
    ])
    records, _ = parse_text(text)
    assert len(records) == 9
    assert [r.year for r in records] == [2011, 2005, 2021, 2010, 2001, 1976, 2018, 2010, 2019]


@pytest.mark.parametrize("layout", ["\n", "\n\n"], ids=["plain", "blank-lines"])
def test_all_hand_written_strings_are_found_one_by_one(layout: str) -> None:
    texts = [json.loads(line)["text"] for path in sorted((ROOT / "tests" / "data" / "parse").glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records, _ = parse_text(layout.join(texts))
    assert len(records) == len(texts)


@pytest.mark.parametrize("path", HALVES, ids=lambda p: p.stem)
def test_holdout_half_is_well_formed_and_balanced(path: Path) -> None:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) == 60
    assert {i["lang"] for i in items} == LANGS
    assert len({i["text"] for i in items}) == 60
    for item in items:
        exp = item["expected"]
        assert exp["type"] and exp.get("title"), item["text"]
        assert isinstance(exp.get("year", 0), int)
        assert "–" not in exp.get("page", ""), "pages use an ASCII hyphen"


#: measured with the sequence model (docs/parse.md): A 94.3%, B 94.4%; the fifth round's model
#: (more real strings, fewer hand-written ones in the mix) A 92.5% (the rule-based parser
#: scored 100% on A, which it was fixed on, and 96.0% on B)
@pytest.mark.parametrize(("path", "floor"), list(zip(HALVES, (92.0, 93.5), strict=True)),
                         ids=lambda x: getattr(x, "stem", x))
def test_holdout_half_does_not_regress(path: Path, floor: float) -> None:
    # a regression floor a little under the figures in docs/parse.md, not a target
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_parse_eval as scoring

    res = scoring.evaluate(scoring.load(path))
    assert res["overall"].pct("core") >= floor
