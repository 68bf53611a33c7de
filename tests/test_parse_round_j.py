"""Rules added while fixing the dev_j set and the known weak spots (invented cases).

Each test uses strings written for the rule, not the dev set's own strings, so that the
rule is checked on its general shape.
"""

from __future__ import annotations

import pytest

from refs.parse import parse_reference, parse_text

#: strings the model trained with real reading-list strings (round 3) gets wrong; they are
#: counted in bench/bench_parse.py (hand-written sets), not hidden: see docs/parse.md
MODEL_MISS = "the current model mislabels this hand-written string"


def _families(rec) -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in rec.csl.get("author", [])]


def test_apa_corporate_author_with_a_series_of_fields() -> None:
    rec = parse_reference("Department of Health, Education, and Welfare. (1979). The Belmont report. "
                          "U.S. Government Printing Office.")
    assert rec.csl["author"] == [{"literal": "Department of Health, Education, and Welfare"}]
    assert rec.csl["title"] == "The Belmont report"
    assert rec.csl["issued"]["date-parts"][0][0] == 1979
    # persons are not merged into one body
    rec = parse_reference("Smith, John, and Mary Jones. A History. London: Verso, 2001.")
    assert _families(rec) == ["Smith", "Jones"]


def test_publisher_name_ending_in_a_number() -> None:
    rec = parse_reference("Schwarz, Roberto. Duas meninas. São Paulo: Editora 34, 1997.")
    assert (rec.type, rec.csl["publisher"], rec.csl["publisher-place"]) == ("book", "Editora 34", "São Paulo")
    assert "volume" not in rec.csl and "container-title" not in rec.csl
    rec = parse_reference("Ángel Viñas, La soledad de la República (Madrid: Historia 16, 1990), 12.")
    assert (rec.type, rec.csl["publisher"], rec.csl["publisher-place"]) == ("book", "Historia 16", "Madrid")
    assert rec.csl["issued"]["date-parts"][0][0] == 1990
    # a journal volume before the year stays a volume
    rec = parse_reference('Smith, J. "Old Borders." Foreign Affairs 16, 1991.')
    assert (rec.type, rec.csl["container-title"], rec.csl["volume"]) == (
        "article-journal", "Foreign Affairs", "16")


def test_hyphenated_given_name_then_compound_surname() -> None:
    rec = parse_reference("Anne-Laure Delatte Moreau, Les banques centrales (Paris: Seuil, 2020), 14.")
    assert rec.csl["author"] == [{"family": "Delatte Moreau", "given": "Anne-Laure"}]
    rec = parse_reference("Hans-Ulrich Wehler, Deutsche Gesellschaftsgeschichte (München: Beck, 1987).")
    assert rec.csl["author"] == [{"family": "Wehler", "given": "Hans-Ulrich"}]
    # without a hyphen the middle word stays a given name (no name list can tell otherwise)
    rec = parse_reference("John Lewis Gaddis, We Now Know (Oxford: Clarendon Press, 1997).")
    assert rec.csl["author"] == [{"family": "Gaddis", "given": "John Lewis"}]


def test_prose_sentence_naming_an_organisation_is_not_an_author() -> None:
    text = ("This course follows relations between the European Union, later the Council, and the "
            "member states from 1957 to today. Students will write two essays of 3,000 words.\n")
    records, _ = parse_text(text)
    assert records == []


def test_mla_volume_of_a_multivolume_book() -> None:
    rec = parse_reference("Caro, Robert A. The Years of Lyndon Johnson. Vol. 4, Knopf, 2012.")
    assert (rec.type, rec.csl["title"], rec.csl["volume"], rec.csl["publisher"]) == (
        "book", "The Years of Lyndon Johnson", "4", "Knopf")
    assert "container-title" not in rec.csl


def test_ieee_forthcoming_in_an_abbreviated_journal() -> None:
    rec = parse_reference('M. Ortiz, "Edge states in graphene ribbons," Phys. Rev. Lett., to appear.')
    assert (rec.type, rec.csl["container-title"]) == ("article-journal", "Phys. Rev. Lett")
    assert "publisher" not in rec.csl and "to appear" in rec.csl["note"]


def test_edition_phrase_with_and() -> None:
    rec = parse_reference("Anna Berg and Carl Olsen, Baltic Ports: Trade and Power, revised and expanded ed. "
                          "(Oslo: Cappelen, 2011), 12.")
    assert [a["family"] for a in rec.csl["author"]] == ["Berg", "Olsen"]
    assert rec.csl["title"] == "Baltic Ports: Trade and Power"
    assert rec.csl["edition"] == "revised and expanded"


def test_french_spaced_colon_after_a_natural_name_is_the_title() -> None:
    rec = parse_reference("Pierre Laborie, Le chagrin et le venin : la France sous l'Occupation, Paris, "
                          "Bayard, 2011, 340 p.")
    assert _families(rec) == ["Laborie"]
    assert rec.csl["title"] == "Le chagrin et le venin : la France sous l'Occupation"
    # German Wikipedia lists authors with a comma and no "und"
    rec = parse_reference("Karl Huber, Eva Wolf: Die Donau im Mittelalter. Pustet, Regensburg 2009.")
    assert _families(rec) == ["Huber", "Wolf"]


def test_url_without_scheme_gets_http() -> None:
    # documented choice: a URL printed without a scheme is stored as a working link
    rec = parse_reference('"Arms Control." Arms Control Association, 2 May 2020, '
                          "www.armscontrol.org/factsheets. Accessed 3 June 2021.")
    assert rec.csl["URL"] == "http://www.armscontrol.org/factsheets"


def test_apa_publisher_ending_in_a_number() -> None:
    rec = parse_reference("Moura, G. (1998). Cultura e política no Brasil. Editora 34.")
    assert (rec.type, rec.csl["publisher"]) == ("book", "Editora 34")
    rec = parse_reference("Smith, J. (2001). Old wars. Journal of History 34.")
    assert (rec.type, rec.csl["container-title"], rec.csl["volume"]) == (
        "article-journal", "Journal of History", "34")


@pytest.mark.xfail(reason=MODEL_MISS, strict=False)
def test_publisher_then_place_year_after_a_title_with_commas() -> None:
    rec = parse_reference("Νίκος Σβορώνος, Η ιστορία, οι μελέτες, τα άρθρα 1940-1980, Θεμέλιο, Αθήνα 1982.")
    assert (rec.csl["title"], rec.csl["publisher"], rec.csl["publisher-place"]) == (
        "Η ιστορία, οι μελέτες, τα άρθρα 1940-1980", "Θεμέλιο", "Αθήνα")
    # (a one-word first chunk, "Νίκος Σβορώνος, Ανάλεκτα, …", cannot be told from an inverted
    # "García Márquez, Gabriel, …" and is read as the latter)
    assert rec.csl["issued"]["date-parts"][0][0] == 1982
