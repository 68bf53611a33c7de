"""CSL-JSON reader and writer: real-world inputs, broken JSON, lossless round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.io import csljson
from refs.model import BibtexSource, Block, Library, Provenance, Record

DATA = Path(__file__).parent / "data" / "formats"


def read(text: str, source: str = "in.json") -> tuple[Library, list[str]]:
    library, report = csljson.loads(text, source)
    return library, [str(p) for p in report.problems]


def test_zotero_export_is_normalised() -> None:
    library, report = csljson.loads((DATA / "zotero-export.json").read_text("utf-8"), "z.json")
    assert [p for p in report.problems if p.severity != "info"] == []
    by_id = library.by_id()
    # Zotero's item URI is replaced by the citation key and kept as an alias
    art = by_id["arbatov1995nato"]
    assert art.aliases == ["http://zotero.org/users/local/q3Xk9PzA/items/7H2KD9QW"]
    assert art.csl["issued"] == {"date-parts": [[1995]]}  # "1995" string -> int
    assert art.csl["accessed"] == {"date-parts": [[2024, 3, 5]]}
    assert art.csl["volume"] == "74"  # numbers are strings in refs
    assert art.csl["container-title-short"] == "Foreign Aff."  # legacy journalAbbreviation
    assert art.origin.format == "csl-json" and art.origin.line == 2
    book = by_id["asmus2002opening"]
    assert book.csl["issued"] == {"date-parts": [[2002, 9]]}  # raw ISO date parsed
    assert book.csl["edition"] == "2"
    web = by_id["nato1997founding"]
    assert web.csl["issued"] == {"literal": "27 May 1997"}
    assert web.csl["accessed"] == {"date-parts": [[2024, 3, 5]]}  # raw timestamp
    assert web.authors == [{"literal": "North Atlantic Treaty Organization"}]
    assert web.custom("archive-url", "").startswith("https://web.archive.org/")


def test_single_object_id_map_and_items_wrapper() -> None:
    one, _ = read('{"id": "a", "type": "book", "title": "T"}')
    assert [r.id for r in one] == ["a"]
    mapping, _ = read('{"k1": {"type": "book", "title": "A"},\n "k2": {"type": "book", "title": "B"}}')
    assert [(r.id, r.title, r.origin.line) for r in mapping] == [("k1", "A", 1), ("k2", "B", 2)]
    pandoc, _ = read('[{"id": "p", "type": "book",'
                     ' "issued": [{"year": "1999"}, {"year": "2001", "month": "2"}]}]')
    assert pandoc.records[0].csl["issued"] == {"date-parts": [[1999], [2001, 2]]}  # old pandoc form
    wrapped, _ = read('{"items": [{"id": "x", "type": "report", "title": "R"}]}')
    assert wrapped.records[0].type == "report"


def test_quirks_of_other_producers() -> None:
    text = json.dumps([{
        "id": 17, "type": "journal-article", "title": "T", "doi": "10.1/X", "url": "http://x",
        "author": ["Smith, John", "World Bank", {"name": "Acme Ltd"}, {"given": "Plato"}, "J. Doe"],
        "issued": {"year": 2001, "month": 2}, "page": 12, "number-of-pages": 300,
    }])
    library, problems = read(text)
    r = library.records[0]
    assert r.id == "17" and r.type == "article-journal"
    assert r.csl["DOI"] == "10.1/X" and r.csl["URL"] == "http://x"
    assert r.authors == [{"family": "Smith", "given": "John"}, {"literal": "World Bank"},
                         {"literal": "Acme Ltd"}, {"given": "Plato"}, {"family": "Doe", "given": "J."}]
    assert r.csl["issued"] == {"date-parts": [[2001, 2]]}
    assert r.csl["page"] == "12" and r.csl["number-of-pages"] == "300"
    assert problems == []


def test_missing_ids_get_keys_and_duplicates_are_reported() -> None:
    items = [
        {"id": "dup", "type": "book", "title": "First"},
        {"type": "book", "title": "The Opening of NATO", "author": [{"family": "Asmus"}],
         "issued": {"date-parts": [[2002]]}},
        {"id": "dup", "type": "book", "title": "Second"},
    ]
    text = "[\n" + ",\n".join(json.dumps(i) for i in items) + "\n]"  # items on lines 2-4
    library, report = csljson.loads(text, "k.json")
    # issue 16: ids in every output are unique; the renamed record is reported
    assert [r.id for r in library] == ["dup", "asmus2002opening", "dup-2"]
    dup = [p for p in report.problems if "duplicate" in p.message]
    assert len(dup) == 1 and dup[0].severity == "warning" and dup[0].line == 4
    assert "first at line 2" in dup[0].message and "'dup-2'" in dup[0].message
    assert report.skipped == 0


def test_broken_json_reports_line_and_column_and_keeps_good_items() -> None:
    text = ('[\n  {"id": "a", "type": "book", "title": "A"},\n'
            '  {"id": "b", "type": "book" "title": "B"},\n'
            '  {"id": "c", "type": "book", "title": "C"}\n]\n')
    library, report = csljson.loads(text, "bad.json")
    assert [r.id for r in library] == ["a", "c"]
    assert report.skipped == 1
    err = report.errors[0]
    assert err.file == "bad.json" and err.line == 3 and "column 30" in err.message
    assert library.records[1].origin.line == 4


def test_unbalanced_json_and_non_arrays() -> None:
    library, report = csljson.loads('[{"id": "a", "type": "book"}, {"id": "b", "title": "x', "t.json")
    assert [r.id for r in library] == ["a"] and report.skipped == 1
    for text in ('"just a string"', "42", '{"foo": 1}', "{not json"):
        library, report = csljson.loads(text, "t.json")
        assert len(library) == 0 and report.skipped == 1 and report.errors[0].line == 1


def test_empty_input_is_a_warning_not_an_error() -> None:
    library, report = csljson.loads("  \n", "e.json")
    assert len(library) == 0 and report.skipped == 0
    assert report.problems[0].severity == "warning" and "empty" in report.problems[0].message
    assert csljson.dumps(library) == "[]\n"


def test_writer_is_pretty_stable_and_utf8() -> None:
    rec = Record(id="k", type="book", csl={
        "publisher": "Εκδόσεις", "title": "Τίτλος", "author": [{"family": "Ωμέγα", "given": "Α."}],
        "issued": {"date-parts": [[2001]]}, "zzz-unknown": "kept", "custom": {"archive-url": "http://a"}})
    text = csljson.dumps(Library([rec]))
    assert text.startswith('[\n  {\n    "id": "k",\n    "type": "book",\n    "title": "Τίτλος",\n')
    assert '"author": [{"family": "Ωμέγα", "given": "Α."}]' in text
    keys = list(json.loads(text)[0])
    assert keys == ["id", "type", "title", "author", "issued", "publisher", "zzz-unknown", "custom"]
    again, _ = csljson.loads(text)
    assert csljson.dumps(again) == text


def test_refs_data_survives_in_custom() -> None:
    rec = Record(id="new", type="article-journal", csl={"title": "T", "custom": {"url-status": "dead"}},
                 aliases=["old1", "old2"],
                 provenance={"DOI": Provenance("enrich", "crossref:10.1/x", 0.97)})
    item = json.loads(csljson.dumps([rec]))[0]
    assert item["custom"]["aliases"] == ["old1", "old2"]
    assert item["custom"]["provenance"]["DOI"] == {"stage": "enrich", "source": "crossref:10.1/x",
                                                   "confidence": 0.97}
    back = csljson.loads(json.dumps([item]))[0].records[0]
    assert back.aliases == ["old1", "old2"]
    assert back.provenance["DOI"] == Provenance("enrich", "crossref:10.1/x", 0.97)
    assert back.csl["custom"] == {"url-status": "dead"}
    plain = json.loads(csljson.dumps([rec], lossless=False))[0]
    assert plain["custom"] == {"url-status": "dead"}


def _bib_record() -> Record:
    csl = {"title": "Über NATO", "issued": {"date-parts": [[2002]]},
           "author": [{"family": "Müller", "given": "Anna"}]}
    src = BibtexSource("Article", "mueller2002", [("title", '{{\\"U}ber {NATO}}'), ("year", "2002"),
                                                 ("author", '{M{\\"u}ller, Anna}'), ("x-weird", "{kept}")],
                       decoded={"type": "article-journal", **json.loads(json.dumps(csl))})
    return Record(id="mueller2002", type="article-journal", csl=csl, bibtex=src)


def test_bibtex_source_and_blocks_are_restored() -> None:
    lib = Library([_bib_record()], blocks=[Block("string", "@string{j = {J}}", 0, name="j", value="J"),
                                           Block("comment", "% end", 1)])
    back, _ = csljson.loads(csljson.dumps(lib))
    rec = back.records[0]
    assert rec.bibtex is not None
    assert rec.bibtex.entry_type == "Article" and rec.bibtex.key == "mueller2002"
    assert rec.bibtex.fields == lib.records[0].bibtex.fields  # type: ignore[union-attr]
    assert rec.bibtex.decoded == {"type": "article-journal", **rec.csl}  # unchanged
    assert [(b.kind, b.raw, b.position, b.name) for b in back.blocks] == [
        ("string", "@string{j = {J}}", 0, "j"), ("comment", "% end", 1, "")]


def test_values_edited_in_the_json_are_marked_changed() -> None:
    item = json.loads(csljson.dumps([_bib_record()]))[0]
    item["title"] = "A new title"
    rec = csljson.loads(json.dumps([item]))[0].records[0]
    assert rec.bibtex is not None
    assert rec.bibtex.decoded["title"] == csljson.CHANGED != rec.csl["title"]
    assert rec.bibtex.decoded["author"] == rec.csl["author"]


def test_bibtex_to_csljson_to_bibtex_loses_nothing() -> None:
    bibtex = pytest.importorskip("refs.io.bibtex")
    text = ('@string{fa = "Foreign Affairs"}\n\n% a comment\n\n'
            '@article{arbatov1995,\n  author    = {Arbatov, Alexei G.},\n'
            '  title     = {{NATO} Expansion: A {R}ussian View},\n  journal   = fa,\n'
            '  year      = 1995,\n  month     = jan,\n  volume    = {74},\n'
            '  x-private = {something CSL has no slot for}\n}\n\n'
            '@inproceedings{k2, title = "Caf{\\\'e} talk", booktitle = {Proc.}, year = {2001}}\n')
    lib, _ = bibtex.loads(text, "a.bib")
    direct = bibtex.dumps(lib)
    via_json, report = csljson.loads(csljson.dumps(lib), "a.json")
    assert report.errors == []
    assert bibtex.dumps(via_json) == direct
    assert "x-private = {something CSL has no slot for}" in direct
    assert via_json.records[1].bibtex.entry_type == "inproceedings"  # type: ignore[union-attr]


def test_shared_bib_files_round_trip_through_csljson() -> None:
    bibtex = pytest.importorskip("refs.io.bibtex")
    import os

    from refs.io import read_text
    shared = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
    files = [shared / "data" / "bib" / "xampl.bib", shared / "data" / "bib" / "biblatex-examples.bib"]
    if not all(f.exists() for f in files):
        pytest.skip("shared bib data not available")
    for f in files:
        lib, _ = bibtex.loads(read_text(f), str(f))
        assert len(lib) > 10
        back, _ = csljson.loads(csljson.dumps(lib), "x.json")
        assert bibtex.dumps(back) == bibtex.dumps(lib), f.name


def test_date_text_parsing() -> None:
    assert csljson.parse_date_text("2002") == [[2002]]
    assert csljson.parse_date_text("2002-05-01T10:00:00Z") == [[2002, 5, 1]]
    assert csljson.parse_date_text("2001/2003") == [[2001], [2003]]
    assert csljson.parse_date_text("2002-13") is None
    assert csljson.parse_date_text("Spring 2002") is None


def test_a_title_edited_in_the_json_reaches_the_bibtex() -> None:
    bibtex = pytest.importorskip("refs.io.bibtex")
    text = ("@article{k,\n  author = {M{\\\"u}ller, Anna},\n  title = {Old {NATO} title},\n"
            "  year = 2001,\n  x-private = {kept}\n}\n")
    lib, _ = bibtex.loads(text, "a.bib")
    items = json.loads(csljson.dumps(lib))
    items[0]["title"] = "New title"
    back, _ = csljson.loads(json.dumps(items))
    out = bibtex.dumps(back)
    assert "New title" in out and "Old" not in out
    assert 'author = {M{\\"u}ller, Anna}' in out and "x-private = {kept}" in out  # untouched: raw


def test_scalar_items_keep_line_numbers_aligned_and_messages_name_the_item() -> None:
    text = '[\n1,\n"s",\n{"id": "a"},\n  null,\n-2.5e3,\n{"id": "b", "type": "book", "author": 5}\n]'
    library, problems = read(text)
    assert [r.id for r in library.records] == ["a", "b"]
    assert problems == [
        "in.json:2: error: item 1 is a JSON number, not an object; skipped",
        "in.json:3: error: item 2 is a JSON string, not an object; skipped",
        "in.json:4: warning: 'a': item has no type; using 'document'",
        "in.json:5: error: item 4 is a JSON null, not an object; skipped",
        "in.json:6: error: item 5 is a JSON number, not an object; skipped",
        "in.json:7: warning: 'b': author: expected a list of names; ignored",
    ]
