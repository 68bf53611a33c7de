"""The shipped parse model (loading, confidences) and label → record assembly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pycrfsuite
import pytest

from refs.parse import assemble, model
from refs.parse.extras import Extras
from refs.parse.features import assembled, features, for_model
from refs.parse.labels import LABELS


def _spans(text: str, *pairs: tuple[str, str]) -> list[model.Span]:
    out, pos = [], 0
    for label, seg in pairs:
        start = text.index(seg, pos)
        out.append(model.Span(label, start, start + len(seg), seg, 0.9))
        pos = start + len(seg)
    return out


def test_model_ships_small_and_loads_in_a_fresh_process() -> None:
    """The model is in the package (at most 20 MB) and a fresh process loads it and labels with
    it (its load time is measured by bench/bench_parse.py, not asserted here: a timed test fails
    on a busy machine)."""
    assert model.MODEL.exists()
    assert model.MODEL.stat().st_size < 20_000_000
    code = ("from refs.parse import model; model.tagger(); "
            "print(' '.join(s.label for s in model.label('Smith, J. (2001). A history. Oxford: OUP.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[:2] == ["author", "date"]


def test_label_gives_spans_with_confidences() -> None:
    text = "Smith, J. (2001). A history of things. Journal of Stuff, 12(3), 45–67."
    spans = model.label(text)
    assert "".join(text[s.start:s.end] == s.text and "x" or "?" for s in spans) == "x" * len(spans)
    assert all(s.label in LABELS and 0.0 < s.confidence <= 1.0 for s in spans)
    assert [s.label for s in spans][:2] == ["author", "date"]
    assert model.label("   ") == []


_STRINGS = (
    "Smith, J. (2001). A history of things. Journal of Stuff, 12(3), 45–67.",
    "Braudel, Fernand. La Méditerranée et le monde méditerranéen. Paris: Armand Colin, 1949.",
    "[12] A. Einstein, B. Podolsky, N. Rosen, Phys. Rev. 47 (1935) 777–780. doi:10.1103/PhysRev.47.777",
    "МИРАНДА Х. «Мастер и Маргарита» / под ред. И. И. Иванова. — М.: Наука, 2005. — С. 48–59.",
    "zzqx qqzz (in press) ‘Unheard-of words’, in: Xyzzy Plugh (ed.) 3 vols",
)


def _labelled(t: pycrfsuite.Tagger, feats: list[list[str]] | list[list[bytes]]) -> list[tuple[str, float]]:
    tags = t.tag(feats)
    return [(y, t.marginal(y, i)) for i, y in enumerate(tags)]


def test_model_attributes_read_from_the_file() -> None:
    known = model.attributes(model.MODEL.read_bytes())
    assert known is not None and known == frozenset(model.tagger().info().attributes)
    assert model.attributes(b"not a model") is None
    assert model.attributes(model.MODEL.read_bytes()[:40]) is None  # cut short


@pytest.mark.parametrize("text", _STRINGS)
def test_filtered_features_tag_as_the_full_ones(text: str) -> None:
    """The tagger is handed only the attributes the model knows, as bytes: the same labels
    and the same marginals, bit for bit, as with every feature string."""
    t = model.tagger()
    known = model.attributes(model.MODEL.read_bytes())
    full = features(text)
    filtered = assembled(text, None, for_model(known))
    assert len(filtered) == len(full)
    assert [[f.decode() for f in tok] for tok in filtered] == [[f for f in tok if f in known] for tok in full]
    assert sum(map(len, filtered)) < sum(map(len, full))  # (something was left out)
    assert _labelled(t, filtered) == _labelled(t, full)
    assert [[f.decode() for f in tok] for tok in assembled(text, None, for_model(None))] == full
    spans = model.label(text)
    tags = [y for y, _ in _labelled(t, full)]
    assert [s.label for s in spans] == [y for i, y in enumerate(tags) if i == 0 or tags[i - 1] != y]


def test_assemble_article() -> None:
    text = "Smith, J., & Lee, K. (2001). A history of things. Journal of Stuff, 12(3), 45–67."
    rec = assemble.build(_spans(text, ("author", "Smith, J., & Lee, K."), ("date", "(2001)."),
                                ("title", "A history of things."), ("container-title", "Journal of Stuff,"),
                                ("volume", "12(3),"), ("pages", "45–67.")), Extras(), text)
    c = rec.csl
    assert rec.type == "article-journal"
    assert [a["family"] for a in c["author"]] == ["Smith", "Lee"]
    assert c["title"] == "A history of things" and c["container-title"] == "Journal of Stuff"
    assert (c["volume"], c["issue"], c["page"]) == ("12", "3", "45-67")
    assert rec.year == 2001
    assert set(rec.provenance) >= {"author", "title", "container-title", "volume", "issue", "page", "issued"}
    assert all(p.stage == "parse" and p.source == "model" and p.confidence == 0.9
               for p in rec.provenance.values())


def test_assemble_chapter_book_thesis() -> None:
    text = "Doe, A. 2005. Ports. In: Berg, C. (Ed.), Trade. London: Routledge, pp. 1-9."
    rec = assemble.build(_spans(text, ("author", "Doe, A."), ("date", "2005."), ("title", "Ports."),
                                ("other", "In:"), ("editor", "Berg, C. (Ed.),"),
                                ("container-title", "Trade."), ("location", "London:"),
                                ("publisher", "Routledge,"), ("pages", "pp. 1-9.")),
                         Extras(), text)
    assert rec.type == "chapter"
    assert rec.csl["editor"] == [{"family": "Berg", "given": "C."}]
    c = rec.csl
    assert (c["publisher"], c["publisher-place"], c["page"]) == ("Routledge", "London", "1-9")
    text = "Roe, B. Ships of old. Oxford: Clarendon, 1990. p. 210"
    rec = assemble.build(_spans(text, ("author", "Roe, B."), ("title", "Ships of old."),
                                ("location", "Oxford:"), ("publisher", "Clarendon,"), ("date", "1990."),
                                ("pages", "p. 210")),
                         Extras(), text)
    assert rec.type == "book" and rec.csl["note"] == "p. 210" and "page" not in rec.csl
    text = "Poe, C. Ravens. PhD thesis, Monash University, Melbourne, 2011."
    rec = assemble.build(_spans(text, ("author", "Poe, C."), ("title", "Ravens."), ("genre", "PhD thesis,"),
                                ("publisher", "Monash University,"), ("location", "Melbourne,"),
                                ("date", "2011.")), Extras(), text)
    assert rec.type == "thesis" and rec.csl["genre"] == "PhD thesis"
    assert re.fullmatch(r"Monash University", rec.csl["publisher"])


def test_parse_reference_uses_the_model() -> None:
    from refs.parse import parse_reference

    t = time.perf_counter()
    rec = parse_reference("C. J. Hamer, Nucl. Phys. B 195, 503 (1982).")
    assert time.perf_counter() - t < 2
    assert rec.csl["container-title"] == "Nucl. Phys. B"
    assert (rec.csl["volume"], rec.csl["page"], rec.year) == ("195", "503", 1982)
    assert rec.provenance["container-title"].source == "model"


def test_a_city_at_either_end_of_the_publisher_is_the_place() -> None:
    from refs.parse.repair.places import _place_in_publisher

    for pub in ("Oxford, Clarendon Press", "Clarendon Press, Oxford", "Oxford: Clarendon Press"):
        csl = {"publisher": pub}
        _place_in_publisher(csl, {"publisher": 0.9})
        assert csl == {"publisher": "Clarendon Press", "publisher-place": "Oxford"}, pub
    csl = {"publisher": "Oxford, Clarendon Press", "publisher-place": "London"}
    _place_in_publisher(csl, {})
    assert csl["publisher"] == "Oxford, Clarendon Press"  # two places: left as read


def test_a_section_letter_before_the_volume_belongs_to_the_journal() -> None:
    """Physics shorthand: "Phys. Lett. B511" is volume 511 of "Phys. Lett. B"."""
    text = "Kamen, A. and Pas, V., Phys. Lett. B511 (2001) 265."
    rec = assemble.build(_spans(text, ("author", "Kamen, A. and Pas, V.,"),
                                ("container-title", "Phys. Lett."), ("volume", "B511"), ("date", "(2001)"),
                                ("pages", "265.")), Extras(), text)
    assert (rec.csl["container-title"], rec.csl["volume"], rec.csl["page"]) == ("Phys. Lett. B", "511", "265")
    text = "Hooft, G., Nuclear Physics B 72, 461 (1974)."
    rec = assemble.build(_spans(text, ("author", "Hooft, G.,"), ("container-title", "Nuclear Physics B"),
                                ("volume", "72,"), ("pages", "461"), ("date", "(1974).")), Extras(), text)
    assert (rec.csl["container-title"], rec.csl["volume"]) == ("Nuclear Physics B", "72")


@pytest.mark.parametrize("content", [None, b"not a model"])
def test_a_missing_or_broken_model_is_a_one_line_error(tmp_path: Path, content: bytes | None) -> None:
    model_file = tmp_path / "m.crfsuite"
    if content is not None:
        model_file.write_bytes(content)
    (tmp_path / "one.txt").write_text("Smith, J. (2001). A title. Journal, 1, 2-3.\n", "utf-8")
    env = {**os.environ, "REFS_PARSE_MODEL": str(model_file)}
    run = subprocess.run([sys.executable, "-c", "from refs.cli.main import main; main()", "parse",
                          str(tmp_path / "one.txt")], capture_output=True, text=True, env=env)
    assert run.returncode == 2, run.stderr
    assert str(model_file) in run.stderr and "REFS_PARSE_MODEL" in run.stderr
    assert "bug" not in run.stderr and "Traceback" not in run.stderr


def test_only_an_institution_as_author_makes_a_report() -> None:
    """A literal author is corporate when it is an institution or an acronym, not when it is a
    person's name the name parser could not split, nor "AA.VV."."""
    from refs.parse.csl_type import _corporate

    assert _corporate({"literal": "RAND"}) and _corporate({"literal": "World Health Organization"})
    assert not _corporate({"literal": "Henry Kissinger. Diplomacy"})
    assert not _corporate({"literal": "AA.VV."}) and not _corporate({"literal": "COLLECTIF"})
    assert not _corporate({"family": "Smith", "given": "J."})
    text = "Kissinger Henry. Diplomacy, 1994."
    spans = _spans(text, ("author", "Kissinger Henry. Diplomacy,"), ("date", "1994."))
    rec = assemble.build(spans, Extras(), text)
    assert rec.type != "report"


def test_a_title_does_not_keep_what_opens_the_next_field() -> None:
    text = "Harbor Days: A Guide by Ann Lee (Sea Press)"
    rec = assemble.build(_spans(text, ("title", "Harbor Days: A Guide by"), ("author", "Ann Lee"),
                                ("publisher", "(Sea Press)")), Extras(), text)
    assert rec.csl["title"] == "Harbor Days: A Guide" and rec.csl["author"][0]["family"] == "Lee"
    text = "Civil Procedure ( Boston: Sea Press, 2012)."
    rec = assemble.build(_spans(text, ("title", "Civil Procedure ("), ("location", "Boston:"),
                                ("publisher", "Sea Press,"), ("date", "2012).")), Extras(), text)
    assert rec.csl["title"] == "Civil Procedure"


def test_a_place_after_gost_area_dash_is_the_city() -> None:
    from refs.parse.places import place_name

    assert place_name("- Москва") == "Москва" and place_name("– Київ,") == "Київ"
    assert place_name("Henley-on-Thames") == "Henley-on-Thames" and place_name("М.") == "Москва"


def test_a_publisher_loses_the_cue_before_its_name() -> None:
    from refs.parse.places import clean_pub

    assert clean_pub("εκδ. Πατάκη") == "Πατάκη" and clean_pub("(εκδ. Κέδρος)") == "Κέδρος"
    assert clean_pub("à l’Université de Paris-3") == "Université de Paris-3"
    assert clean_pub("à Paris 1") == "Paris 1"
    assert clean_pub("Εκδόσεις Πατάκη") == "Εκδόσεις Πατάκη" and clean_pub("à la carte") == "à la carte"


def test_a_law_review_volume_before_its_name_and_a_nordic_in() -> None:
    text = "Title, 88 Notre Dame Law Review 2065."
    rec = assemble.build(_spans(text, ("title", "Title,"), ("container-title", "88 Notre Dame Law Review"),
                                ("pages", "2065.")), Extras(), text)
    assert rec.csl["container-title"] == "Notre Dame Law Review" and rec.csl["volume"] == "88"
    text = "Lockey, K., Title, i Children’s Literature in Education"
    rec = assemble.build(_spans(text, ("author", "Lockey, K.,"), ("title", "Title,"),
                                ("container-title", "i Children’s Literature in Education")), Extras(), text)
    assert rec.csl["container-title"] == "Children’s Literature in Education"
    text = "Lockey, K., Title, 20th Century Studies"
    rec = assemble.build(_spans(text, ("author", "Lockey, K.,"), ("title", "Title,"),
                                ("container-title", "20th Century Studies")), Extras(), text)
    assert rec.csl["container-title"] == "20th Century Studies" and "volume" not in rec.csl


def test_the_edition_year_wins_over_the_original_in_brackets() -> None:
    text = "Freyre, G. Casa-Grande [1933]. Rio de Janeiro: Olympio, 1980."
    spans = _spans(text, ("author", "Freyre, G."), ("title", "Casa-Grande"), ("date", "[1933]."),
                   ("location", "Rio de Janeiro:"), ("publisher", "Olympio,"), ("date", "1980."))
    rec = assemble.build(spans, Extras(), text)
    assert rec.csl["issued"] == {"date-parts": [[1980]]}
    text = "Smith, J. [2001]. Title."
    rec = assemble.build(_spans(text, ("author", "Smith, J."), ("date", "[2001]."), ("title", "Title.")),
                         Extras(), text)
    assert rec.csl["issued"] == {"date-parts": [[2001]]}


def test_a_publisher_read_as_part_of_the_place() -> None:
    for place, city, pub in (("Batsford, London", "London", "Batsford"), ("Oxford, Clarendon Press", "Oxford",
                                                                           "Clarendon Press")):
        text = f"Green, V 1974, A History, {place}"
        rec = assemble.build(_spans(text, ("author", "Green, V"), ("date", "1974,"), ("title", "A History,"),
                                    ("location", place)), Extras(), text)
        assert (rec.csl["publisher-place"], rec.csl["publisher"]) == (city, pub)
    text = "Green, V 1974, A History, Washington, DC"
    rec = assemble.build(_spans(text, ("author", "Green, V"), ("date", "1974,"), ("title", "A History,"),
                                ("location", "Washington, DC")), Extras(), text)
    assert rec.csl["publisher-place"] == "Washington, DC" and "publisher" not in rec.csl


def test_a_missing_name_lexicon_is_a_model_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "_tagger", None)
    monkeypatch.setattr(model, "NAMES_FILE", tmp_path / "names.txt")
    with pytest.raises(model.ModelError, match="name lexicon"):
        model.tagger()


def test_a_missing_place_lexicon_is_a_model_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "_tagger", None)
    monkeypatch.setattr(model, "PLACES_FILE", tmp_path / "places.txt.gz")
    with pytest.raises(model.ModelError, match="place lexicon"):
        model.tagger()


def test_a_gost_place_abbreviation_in_the_references_language() -> None:
    from refs.parse.places import place_name

    assert place_name("К.", "Шевченко Т. Г. Кобзар. – К.: Дніпро, 1985.") == "Київ"
    assert place_name("К.", "Иванов И. И. Очерки. – К.: Наукова думка, 1985.") == "Киев"
    assert place_name("М.") == "Москва"


def test_vancouver_numbers_after_a_season_read_as_the_date() -> None:
    """"1998 Jan-Mar;4(2):15-22" read whole as the date (one token: no year before the
    semicolon to make it a Vancouver run) still gives the volume, the issue and the pages."""
    text = "Roe B. Ports of the north. Mar Hist Rev. 1998 Jan-Mar;4(2):15-22."
    rec = assemble.build(_spans(text, ("author", "Roe B."), ("title", "Ports of the north."),
                                ("container-title", "Mar Hist Rev."), ("date", "1998 Jan-Mar;4(2):15-22.")),
                         Extras(), text)
    assert (rec.csl["volume"], rec.csl["issue"], rec.csl["page"]) == ("4", "2", "15-22")


def test_page_cues_of_transliterated_and_turkish_lists_and_an_area_dash() -> None:
    """A transliterated GOST list's Latin "C." and "- P." before the pages, Turkish "Sayfa", and
    the area dash set apart before a container ("2004. - Berkut.") are not part of the values."""
    text = "Roe B. Ports of the north. - Avian Notes. 13 (1). 2004. - P. 1-12."
    rec = assemble.build(_spans(text, ("author", "Roe B."), ("title", "Ports of the north."),
                                ("container-title", "- Avian Notes."), ("volume", "13"), ("issue", "(1)."),
                                ("date", "2004."), ("pages", "- P. 1-12.")), Extras(), text)
    assert (rec.csl["container-title"], rec.csl["page"]) == ("Avian Notes", "1-12")
    for cue in ("C.172-189", "C. 172-189", "Sayfa 172-189", "tr. 172-189", "hlm. 172-189", "pàg. 172-189",
                "pagina 172-189", "صص 172-189", "o. 172-189"):
        text = f"Roe B. Ports // Avian Notes. 2017. № 39 {cue}"
        rec = assemble.build(_spans(text, ("author", "Roe B."), ("title", "Ports"),
                                    ("container-title", "// Avian Notes."), ("date", "2017."),
                                    ("issue", "№ 39"), ("pages", cue)), Extras(), text)
        assert rec.csl["page"] == "172-189", cue


def test_a_quotation_closing_a_value_stays_closed() -> None:
    """A publisher named with a quotation ("Издательство «Наука»", "Verlag „Neue Welt“") keeps
    the closing mark that strips off with the punctuation after it."""
    text = "Петров А. Б. Очерки. — М.: Издательство «Наука», 1995. — 574 с."
    rec = assemble.build(_spans(text, ("author", "Петров А. Б."), ("title", "Очерки."),
                                ("location", "— М.:"), ("publisher", "Издательство «Наука»,"),
                                ("date", "1995."), ("note", "— 574 с.")), Extras(), text)
    assert rec.csl["publisher"] == "Издательство «Наука»"
    text = 'Roe, B. Ports. Berlin: Verlag „Neue Welt“, 1990.'
    rec = assemble.build(_spans(text, ("author", "Roe, B."), ("title", "Ports."), ("location", "Berlin:"),
                                ("publisher", "Verlag „Neue Welt“,"), ("date", "1990.")), Extras(), text)
    assert rec.csl["publisher"] == "Verlag „Neue Welt“"


def test_a_count_of_volumes_read_with_the_publisher_or_the_date() -> None:
    """"3 Bde. Harbor Verlag" read as the publisher and "(4 vol. 1921–23)" as the date: the work
    has that many volumes; the publisher is the rest, and the count is no volume."""
    text = "Roe, Bernd: Häfen des Nordens. 3 Bde. Harbor Verlag, Kiel 1990."
    rec = assemble.build(_spans(text, ("author", "Roe, Bernd:"), ("title", "Häfen des Nordens."),
                                ("publisher", "3 Bde. Harbor Verlag,"), ("location", "Kiel"),
                                ("date", "1990.")), Extras(), text)
    assert (rec.csl["publisher"], rec.csl["number-of-volumes"]) == ("Harbor Verlag", "3")
    text = "Roe, Ann. Ships of Old (4 vol. 1921–23)."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", "Ships of Old"),
                                ("date", "(4 vol. 1921–23).")), Extras(), text)
    assert rec.csl["number-of-volumes"] == "4" and "volume" not in rec.csl
    assert rec.csl["issued"]["date-parts"][0][0] == 1921


def test_an_arxiv_number_read_with_the_pages_is_a_note() -> None:
    """"608-612, 0907.1234" read as the pages: the range is the pages, the arXiv number a note."""
    text = "Roe, A., Slow piles, Geo. Lett. 47 (2020) 608-612, 0907.1234."
    rec = assemble.build(_spans(text, ("author", "Roe, A.,"), ("title", "Slow piles,"),
                                ("container-title", "Geo. Lett."), ("volume", "47"), ("date", "(2020)"),
                                ("pages", "608-612, 0907.1234.")), Extras(), text)
    assert rec.csl["page"] == "608-612" and rec.csl["note"] == "0907.1234"


def test_an_edition_word_read_as_the_editors_is_the_edition() -> None:
    """MLA's "Updated ed.," read as the editors: the edition; "Okafor ed.," stays an editor."""
    text = "Roe, Ann. Ships of Old. Updated ed., Harbor Press, 2014."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", "Ships of Old."),
                                ("editor", "Updated ed.,"), ("publisher", "Harbor Press,"),
                                ("date", "2014.")), Extras(), text)
    assert "editor" not in rec.csl and rec.csl["edition"] == "Updated"
    text = "Roe, Ann. Ships of Old. Okafor ed., Harbor Press, 2014."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", "Ships of Old."),
                                ("editor", "Okafor ed.,"), ("publisher", "Harbor Press,"),
                                ("date", "2014.")), Extras(), text)
    assert rec.csl["editor"][0]["family"] == "Okafor"
    # a numbered edition read as a second editor span, after the book's editors
    text = "Ruiz C. Mareas. En: Olmo P, Ruiz C, editores. Costas. 18.ª ed. Vigo: Faro; 2016. p. 15-22."
    rec = assemble.build(_spans(text, ("author", "Ruiz C."), ("title", "Mareas."),
                                ("editor", "En: Olmo P, Ruiz C, editores."), ("container-title", "Costas."),
                                ("editor", "18.ª ed."), ("location", "Vigo:"), ("publisher", "Faro;"),
                                ("date", "2016."), ("pages", "p. 15-22.")), Extras(), text)
    assert [e["family"] for e in rec.csl["editor"]] == ["Olmo", "Ruiz"] and rec.csl["edition"] == "18"


def test_a_part_of_a_multi_volume_work_read_as_a_note_before_the_publisher() -> None:
    """ "Title. | Τόμος πρώτος. Εστία." with no publisher read, the part and the publisher one
    note: the part ends the title, the rest is the publisher; a longer note stays a note."""
    text = "Δερτιλής, Γ. Β. (2005). Ιστορία του ελληνικού κράτους. Τόμος πρώτος. Εστία."
    spans = _spans(text, ("author", "Δερτιλής, Γ. Β."), ("date", "(2005)."),
                   ("title", "Ιστορία του ελληνικού κράτους."), ("note", "Τόμος πρώτος. Εστία."))
    rec = assemble.build(spans, Extras(), text)
    assert rec.csl["title"] == "Ιστορία του ελληνικού κράτους. Τόμος πρώτος"
    assert rec.csl["publisher"] == "Εστία" and "note" not in rec.csl
    text = "Smith, J. (2005). Histoire. Tome II. réédition revue et augmentée par les soins de l'auteur."
    spans = _spans(text, ("author", "Smith, J."), ("date", "(2005)."), ("title", "Histoire."),
                   ("note", "Tome II. réédition revue et augmentée par les soins de l'auteur."))
    rec = assemble.build(spans, Extras(), text)
    assert rec.csl["title"] == "Histoire" and "publisher" not in rec.csl and "Tome II" in rec.csl["note"]


def test_a_report_number_after_a_comma_at_the_title_end() -> None:
    """A note's "Title, CRS Report R12345" read as one title: the report's kind and number are
    taken off; a year after "Report" is no report number."""
    text = "Jane Doe, Arctic Security in 2030, CRS Report R12345 (Washington, DC: Congress, 2021)."
    spans = _spans(text, ("author", "Jane Doe,"), ("title", "Arctic Security in 2030, CRS Report R12345"),
                   ("location", "(Washington, DC:"), ("publisher", "Congress,"), ("date", "2021)."))
    rec = assemble.build(spans, Extras(), text)
    assert (rec.type, rec.csl["title"], rec.csl["number"], rec.csl["genre"]) == (
        "report", "Arctic Security in 2030", "R12345", "CRS Report")
    text = "Jane Doe, The Future of Work, Global Report 2030 (Geneva: ILO, 2021)."
    spans = _spans(text, ("author", "Jane Doe,"), ("title", "The Future of Work, Global Report 2030"),
                   ("location", "(Geneva:"), ("publisher", "ILO,"), ("date", "2021)."))
    rec = assemble.build(spans, Extras(), text)
    assert rec.csl["title"] == "The Future of Work, Global Report 2030" and "number" not in rec.csl


def test_a_part_of_a_multi_volume_work_read_with_the_place() -> None:
    """ "Title. | Τόμος Α΄. Αθήνα: | Βιβλιόραμα." with the part read as the place's first words:
    the part ends the title, the rest is the place."""
    text = "Μαργαρίτης, Γιώργος (2000). Ιστορία του εμφυλίου. Τόμος Α΄. Αθήνα: Βιβλιόραμα."
    spans = _spans(text, ("author", "Μαργαρίτης, Γιώργος"), ("date", "(2000)."),
                   ("title", "Ιστορία του εμφυλίου."), ("location", "Τόμος Α΄. Αθήνα:"),
                   ("publisher", "Βιβλιόραμα."))
    rec = assemble.build(spans, Extras(), text)
    assert (rec.csl["title"], rec.csl["publisher-place"]) == ("Ιστορία του εμφυλίου. Τόμος Α΄", "Αθήνα")


def test_a_damaged_place_lexicon_is_a_model_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lexicon file that is there but cannot be read (not gzip data) is a clear error naming
    the file, not a traceback on the first parse."""
    from refs.parse import lexicon

    bad = tmp_path / "places.txt.gz"
    bad.write_bytes(b"not gzip data")
    monkeypatch.setattr(model, "_tagger", None)
    monkeypatch.setattr(model, "PLACES_FILE", bad)
    monkeypatch.setattr(lexicon, "PLACES_FILE", bad)
    lexicon.place_keys.cache_clear()
    try:
        with pytest.raises(model.ModelError, match="place lexicon .*places.txt.gz cannot be read"):
            model.tagger()
    finally:
        lexicon.place_keys.cache_clear()


def test_a_volume_label_in_other_languages_and_after_the_number() -> None:
    """ "Tom I" (not "om I": the label is a whole word), Hungarian "XL. évf." and "I. kötet" with the
    label after the number, Turkish "C. III": the volume is the number alone."""
    text = "Roe, Ana. Istoria. Tom I 1972, Bucuresti: Editura Nord, p. 12-15."
    rec = assemble.build(_spans(text, ("author", "Roe, Ana."), ("title", "Istoria."), ("volume", "Tom I"),
                                ("date", "1972,"), ("location", "Bucuresti:"), ("publisher", "Editura Nord,"),
                                ("pages", "p. 12-15.")), Extras(), text)
    assert rec.csl["volume"] == "I"
    text = "KISS Anna: Levelek. Magyar Nyelvőr. XL. évf. (1911) 7. sz. 335."
    rec = assemble.build(_spans(text, ("author", "KISS Anna:"), ("title", "Levelek."),
                                ("container-title", "Magyar Nyelvőr."), ("volume", "XL. évf."),
                                ("date", "(1911)"), ("issue", "7. sz."), ("pages", "335.")), Extras(), text)
    assert (rec.csl["volume"], rec.csl["issue"]) == ("XL", "7")
    text = "Kaya, Ali, Osmanlı Tarihi, C. III, s. 236, İstanbul, 1930."
    rec = assemble.build(_spans(text, ("author", "Kaya, Ali,"), ("title", "Osmanlı Tarihi,"),
                                ("volume", "C. III,"), ("pages", "s. 236,"), ("location", "İstanbul,"),
                                ("date", "1930.")), Extras(), text)
    assert rec.csl["volume"] == "III"
    text = "Roe, Ann. Ships. Tomás 2, Harbor Press, 2014."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", "Ships."), ("volume", "Tomás 2,"),
                                ("publisher", "Harbor Press,"), ("date", "2014.")), Extras(), text)
    assert rec.csl["volume"] == "2"


def test_a_place_glued_to_a_word_ending_a_publishers_name_is_the_publisher() -> None:
    """ "Lexington | Books.", "Korona | Kiadó," and "…, Scholar | Press," read as two fields with
    nothing between them: one publisher; a place set apart by punctuation ("Budapest: Korona Kiadó")
    stays one."""
    text = "Roe, Ann. The End, Lexington Books."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", "The End,"),
                                ("location", "Lexington"), ("publisher", "Books.")), Extras(), text)
    assert rec.csl["publisher"] == "Lexington Books" and "publisher-place" not in rec.csl
    text = "KISS Anna: Levelek, Budapest: Korona Kiadó, 1998."
    rec = assemble.build(_spans(text, ("author", "KISS Anna:"), ("title", "Levelek,"),
                                ("location", "Budapest:"), ("publisher", "Korona Kiadó,"), ("date", "1998.")),
                         Extras(), text)
    assert (rec.csl["publisher"], rec.csl["publisher-place"]) == ("Korona Kiadó", "Budapest")
    text = "Roe, A 1988, The End: Oxford and Cambridge to c. 1500, Scholar Press, Aldershot"
    rec = assemble.build(_spans(text, ("author", "Roe, A"), ("date", "1988,"),
                                ("title", "The End: Oxford and"), ("note", "Cambridge to c. 1500, Scholar"),
                                ("publisher", "Press,"), ("location", "Aldershot")), Extras(), text)
    assert (rec.csl["publisher"], rec.csl["publisher-place"]) == ("Scholar Press", "Aldershot")
    text = "Roe, Ann. The End, Madrid Alianza, 1990."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", "The End,"), ("location", "Madrid"),
                                ("publisher", "Alianza,"), ("date", "1990.")), Extras(), text)
    assert (rec.csl["publisher"], rec.csl["publisher-place"]) == ("Alianza", "Madrid")


def test_an_abbreviated_journal_after_in_is_a_journal_and_ss_follows_the_page() -> None:
    """Italian law's "in Giur. it., 2022, p. 2487 ss.": a container cut short word by word is a
    journal's name, not a book's, though "in" stands before it; "ss." ("and the following") is
    no part of the page. A written-out book after "in" stays a chapter."""
    text = "Rossi V., La legge, in Giur. it., 2022, p. 2487 ss."
    rec = assemble.build(_spans(text, ("author", "Rossi V.,"), ("title", "La legge,"),
                                ("container-title", "in Giur. it.,"), ("date", "2022,"),
                                ("pages", "p. 2487 ss.")), Extras(), text)
    assert (rec.type, rec.csl["container-title"], rec.csl["page"]) == ("article-journal", "Giur. it", "2487")
    text = "Rossi V., La legge, in Studi di diritto, Milano, Giuffrè, 2022, p. 24-48."
    rec = assemble.build(_spans(text, ("author", "Rossi V.,"), ("title", "La legge,"),
                                ("container-title", "in Studi di diritto,"), ("location", "Milano,"),
                                ("publisher", "Giuffrè,"), ("date", "2022,"), ("pages", "p. 24-48.")),
                         Extras(), text)
    assert rec.type == "chapter"


def test_a_line_ending_in_a_by_clause_is_the_title_then_its_authors() -> None:
    """ "Title, de Given Family." read as names, or with the "by" clause inside the title: the
    title before the comma, the authors after "de"/"d’"/"by" (two joined by "et"); the publisher
    in brackets after them keeps its label. A container before the clause is no such line."""
    text = "Vercingétorix. Le stratège, de Paul-Marius MARTIN."
    rec = assemble.build(_spans(text, ("author", "Vercingétorix."), ("title", "Le stratège,"),
                                ("author", "de Paul-Marius MARTIN.")), Extras(), text)
    assert (rec.csl["title"], rec.csl["author"][0]["family"]) == ("Vercingétorix. Le stratège", "Martin")
    text = "Un home de paraula, d’Imma Monsó (Columna)."
    rec = assemble.build(_spans(text, ("title", "Un home de paraula, d’Imma Monsó"),
                                ("publisher", "(Columna).")), Extras(), text)
    assert (rec.csl["title"], rec.csl["author"][0]["family"], rec.csl["publisher"]) == (
        "Un home de paraula", "Monsó", "Columna")
    text = "Études, d’Anne MOREAU et de Jean LEROY."
    rec = assemble.build(_spans(text, ("title", "Études, d’Anne MOREAU et de Jean LEROY.")), Extras(), text)
    assert [a["family"] for a in rec.csl["author"]] == ["Moreau", "Leroy"]
    text = "Formação do Brasil, de Caio Prado Jr."
    rec = assemble.build(_spans(text, ("author", "Formação do Brasil, de Caio Prado Jr.")), Extras(), text)
    assert (rec.csl["title"], rec.csl["author"][0]["family"]) == ("Formação do Brasil", "Prado")
    text = "Rossi, A. Il capitolo, nel libro Figure del secolo, di Raffaello Barbiera."
    rec = assemble.build(_spans(text, ("author", "Rossi, A."), ("title", "Il capitolo,"),
                                ("container-title", "nel libro Figure del secolo,"),
                                ("editor", "di Raffaello Barbiera.")), Extras(), text)
    assert rec.csl["title"] == "Il capitolo"


def test_a_standards_designation_read_as_the_container_is_its_number() -> None:
    """IEEE's '"Title," IEEE Std 754-2019, pp. 1–84' with the designation read as a journal: a
    standard, the designation its number; a journal's name that only starts like one stays."""
    text = '"Harbor cranes," IEEE Std 1234-2019, pp. 1–84, Jul. 2019.'
    rec = assemble.build(_spans(text, ("title", '"Harbor cranes,"'),
                                ("container-title", "IEEE Std 1234-2019,"), ("pages", "pp. 1–84,"),
                                ("date", "Jul. 2019.")), Extras(), text)
    assert (rec.type, rec.csl["number"]) == ("standard", "IEEE Std 1234-2019")
    assert "container-title" not in rec.csl
    assert rec.provenance["number"].confidence is not None
    text = '"Harbor cranes," ISO Journal, 12, pp. 1–84, 2019.'
    rec = assemble.build(_spans(text, ("title", '"Harbor cranes,"'), ("container-title", "ISO Journal,"),
                                ("volume", "12,"), ("pages", "pp. 1–84,"), ("date", "2019.")), Extras(), text)
    assert rec.type == "article-journal" and rec.csl["container-title"] == "ISO Journal"


def test_a_vancouver_run_after_a_season_read_as_a_note() -> None:
    """ "1995 Jan-Mar [cited …];1(1):7-15." with the run read as a note after the year: the
    volume, issue and pages, and no note repeating them."""
    text = "Roe A. Harbor fevers. Emerg Ports. 1995 Jan-Mar;1(1):7-15."
    rec = assemble.build(_spans(text, ("author", "Roe A."), ("title", "Harbor fevers."),
                                ("container-title", "Emerg Ports."), ("date", "1995"),
                                ("note", "Jan-Mar;1(1):7-15.")), Extras(), text)
    assert (rec.csl["volume"], rec.csl["issue"], rec.csl["page"]) == ("1", "1", "7-15")
    assert "note" not in rec.csl and rec.type == "article-journal"


def test_a_journal_after_in_read_as_the_editors_is_the_container() -> None:
    """ "in Giur. it.," read as editors, with no editors' cue and no person in it: the container;
    "in: Werke, hg. von Roe" (a cue in it) keeps its editors."""
    text = "Rossi V., La legge, in Giur. it., 2022, p. 2487 ss."
    rec = assemble.build(_spans(text, ("author", "Rossi V.,"), ("title", "La legge,"),
                                ("editor", "in Giur. it.,"), ("date", "2022,"), ("pages", "p. 2487 ss.")),
                         Extras(), text)
    assert (rec.type, rec.csl["container-title"]) == ("article-journal", "Giur. it")
    assert "editor" not in rec.csl
    text = "Roe, Ann: Musik, in: Werke, hg. von Berg, Laaber 1989, S. 15-18."
    rec = assemble.build(_spans(text, ("author", "Roe, Ann:"), ("title", "Musik,"),
                                ("editor", "in: Werke, hg. von Berg,"), ("location", "Laaber"),
                                ("date", "1989,"), ("pages", "S. 15-18.")), Extras(), text)
    assert "editor" in rec.csl


def test_a_law_reviews_volume_name_and_page_after_the_title() -> None:
    """Bluebook's '"Title," 160 University of Pennsylvania Law Review 1853 (2012).' read as a
    publisher and a date: the volume, the journal, the first page and the year."""
    text = '"Harbor Law," 160 University of Harbor Law Review 1853 (2012).'
    rec = assemble.build(_spans(text, ("title", '"Harbor Law,"'),
                                ("publisher", "160 University of Harbor Law Review"),
                                ("date", "1853 (2012).")), Extras(), text)
    assert (rec.type, rec.csl["container-title"], rec.csl["volume"], rec.csl["page"]) == (
        "article-journal", "University of Harbor Law Review", "160", "1853")
    assert rec.csl["issued"]["date-parts"][0][0] == 2012


def test_volume_issue_and_pages_read_as_one_pages_span() -> None:
    """ "(2017) 54#4 pp 405–419." with the volume, issue and pages read as the pages: each its own,
    the pages after their word "pp" (no full stop) only."""
    text = 'Roe, Ann. "Harbors." Port Politics (2017) 54#4 pp 405–419.'
    rec = assemble.build(_spans(text, ("author", "Roe, Ann."), ("title", '"Harbors."'),
                                ("container-title", "Port Politics"), ("date", "(2017)"),
                                ("pages", "54#4 pp 405–419.")), Extras(), text)
    assert (rec.csl["volume"], rec.csl["issue"], rec.csl["page"]) == ("54", "4", "405-419")


def test_a_volume_of_an_edited_book_with_its_publisher_is_a_chapter() -> None:
    """A chapter in one volume of a multi-volume book ("dans Pierre Nora (dir.), Les Lieux de
    mémoire, t. 1, Paris, Gallimard"): the volume does not make it an article; an article with
    its journal's volume and issue stays one."""
    text = "Anne Roy, « Les ports », dans Jean Roe (dir.), Les Lieux, t. 1, Paris, Gallimard, 1984, p. 19-22."
    rec = assemble.build(_spans(text, ("author", "Anne Roy,"), ("title", "« Les ports »,"),
                                ("editor", "dans Jean Roe (dir.),"), ("container-title", "Les Lieux,"),
                                ("volume", "t. 1,"), ("location", "Paris,"), ("publisher", "Gallimard,"),
                                ("date", "1984,"), ("pages", "p. 19-22.")), Extras(), text)
    assert rec.type == "chapter" and rec.csl["volume"] == "1"
    text = "Anne Roy, « Les ports », Revue des ports, vol. 3, no 2, 1984, p. 195-225."
    rec = assemble.build(_spans(text, ("author", "Anne Roy,"), ("title", "« Les ports »,"),
                                ("container-title", "Revue des ports,"), ("volume", "vol. 3,"),
                                ("issue", "no 2,"), ("date", "1984,"), ("pages", "p. 195-225.")),
                         Extras(), text)
    assert rec.type == "article-journal"


def test_the_publishers_first_word_read_as_the_titles_last_sentence() -> None:
    """ "Harbor report 2020. World | Harbor Organization." with the publisher's first word read as
    the title's last sentence: it is the publisher's; a subtitle before a bracketed publisher
    ("Leben. Fünf | (Hanser)") stays."""
    text = "World Harbor Organization. (2020). Harbor report 2020. World Harbor Organization."
    rec = assemble.build(_spans(text, ("author", "World Harbor Organization."), ("date", "(2020)."),
                                ("title", "Harbor report 2020. World"),
                                ("publisher", "Harbor Organization.")), Extras(), text)
    assert (rec.csl["title"], rec.csl["publisher"]) == ("Harbor report 2020", "World Harbor Organization")
    text = "Ann Roe: Für eine Nacht. Fünf (Hanser)"
    rec = assemble.build(_spans(text, ("author", "Ann Roe:"), ("title", "Für eine Nacht. Fünf"),
                                ("publisher", "(Hanser)")), Extras(), text)
    assert rec.csl["title"] == "Für eine Nacht. Fünf"
