"""Reading and writing BibTeX (refs.io.bibtex): round trips, macros, crossref,
changed values, new records, ascii and Zotero modes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.io import bibtex
from refs.model import Library, Record

DATA = Path(__file__).parent / "data" / "bibtex"


def load(name: str) -> tuple[Library, str]:
    text = (DATA / name).read_text(encoding="utf-8")
    library, _ = bibtex.loads(text, name)
    return library, text


# -- round trip --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["roundtrip.bib", "unicode.bib"])
def test_unchanged_file_is_written_back_byte_for_byte(name: str) -> None:
    library, text = load(name)
    assert bibtex.dumps(library) == text


def test_csl_view_matches_golden() -> None:
    library, _ = load("roundtrip.bib")
    golden = json.loads((DATA / "roundtrip.csl.json").read_text(encoding="utf-8"))
    assert [r.to_csl() for r in library.records] == golden


def test_blocks_kept_in_place() -> None:
    library, _ = load("roundtrip.bib")
    kinds = [(b.kind, b.position) for b in library.blocks]
    assert kinds == [("text", 0), ("preamble", 0), ("string", 0), ("string", 0), ("comment", 0),
                     ("text", 6)]
    assert library.strings == {"nato": "North Atlantic Treaty Organization", "fa": "Foreign Affairs"}
    assert [r.id for r in library.records] == ["asmus2002", "talbott2002", "smith2001", "garcia2010",
                                               "web2019", "doe1999", "collection1999"]


def test_bibtex_source_and_origin() -> None:
    library, _ = load("roundtrip.bib")
    rec = library.by_id()["asmus2002"]
    assert rec.bibtex is not None
    assert rec.bibtex.entry_type == "Article"
    assert rec.bibtex.get("journal") == "fa"
    assert rec.bibtex.get("x-custom-field") == "{kept as is}"
    assert [n for n, _ in rec.bibtex.fields][:3] == ["author", "title", "journal"]
    assert rec.bibtex.decoded["title"] == rec.csl["title"]
    assert rec.origin.file == "roundtrip.bib" and rec.origin.line == 11
    assert rec.origin.text.startswith("@Article{asmus2002,")


def test_macros_months_and_concatenation() -> None:
    library, _ = load("roundtrip.bib")
    recs = library.by_id()
    assert recs["asmus2002"].csl["container-title"] == "Foreign Affairs"
    assert recs["asmus2002"].csl["issued"] == {"date-parts": [[2002, 3]]}
    garcia = recs["garcia2010"].csl
    assert garcia["container-title"] == "North Atlantic Treaty Organization Summit Proceedings"
    assert garcia["issued"] == {"date-parts": [[2010, 1, 10]]}  # "10~" # jan


def test_conventions_aliases_custom_note() -> None:
    library, _ = load("roundtrip.bib")
    rec = library.by_id()["asmus2002"]
    assert rec.aliases == ["asmus2002a", "asmusOpening"]
    assert rec.custom("archive-url") == "https://web.archive.org/web/2020/https://example.org/asmus"
    assert rec.custom("archive-date") == "2020-01-02"
    assert rec.custom("url-status") == "live"
    assert rec.csl["note"] == "Reprinted with a new preface"
    assert rec.csl["language"] == "en"


def test_crossref_inherited_for_csl_but_not_written() -> None:
    library, text = load("roundtrip.bib")
    chapter = library.by_id()["smith2001"].csl
    assert chapter["container-title"] == "The Collection"  # parent title -> booktitle
    assert chapter["publisher"] == "Oxford University Press"
    assert chapter["editor"] == [{"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}]
    assert chapter["issued"] == {"date-parts": [[1999]]}
    # a change elsewhere in the record keeps crossref and writes nothing inherited
    library.by_id()["smith2001"].csl["page"] = "1-26"
    out = bibtex.dumps(library)
    entry = out[out.index("@incollection{smith2001"):].split("\n\n")[0]
    assert "crossref = {collection1999}" in entry
    assert "publisher" not in entry and "booktitle" not in entry
    assert "pages = {1--26}" in entry


def test_xdata_and_crossref_chains() -> None:
    text = """
@xdata{pub, publisher = {Springer}, location = {Berlin}}
@mvbook{mv, title = {Collected Works}, author = {Doe, Jane}, year = 1990, xdata = {pub}}
@book{vol, title = {Volume One}, crossref = {mv}, volume = 1}
@inbook{ch, title = {Chapter}, crossref = {vol}, pages = {3--4}}
@article{loop, crossref = {loop}, title = {Self}}
@article{orphan, crossref = {nowhere}, title = {Orphan}}
"""
    library, report = bibtex.loads(text, "x.bib")
    recs = library.by_id()
    assert "pub" not in recs  # @xdata is a data container, not a work
    assert recs["mv"].csl["publisher"] == "Springer"
    assert recs["vol"].csl["collection-title"] == "Collected Works"  # maintitle
    assert recs["vol"].csl["publisher-place"] == "Berlin"
    assert recs["ch"].csl["author"] == [{"family": "Doe", "given": "Jane"}]
    assert recs["ch"].csl["issued"] == {"date-parts": [[1990]]}
    messages = " ".join(p.message for p in report.problems)
    assert "crossref cycle" in messages and "'nowhere' not found" in messages
    assert bibtex.dumps(library) == text


# -- writing changed and new records ------------------------------------------------------------

def test_changed_value_rewrites_only_its_fields() -> None:
    library, _ = load("roundtrip.bib")
    rec = library.by_id()["asmus2002"]
    rec.csl["title"] = "NATO enlargement and the EU"
    rec.csl["author"].append({"family": "Müller", "given": "Jörg"})
    out = bibtex.dumps(library)
    entry = out[out.index("@Article{asmus2002"):].split("\n\n")[0]
    assert "title = {{NATO} enlargement and the {EU}}" in entry
    assert "{RAND Corporation} and Müller, Jörg}" in entry
    assert "journal = fa" in entry and "month = mar" in entry  # untouched raw text
    assert "x-custom-field = {kept as is}" in entry
    # the other entries are unchanged
    assert out.count("@book{talbott2002,\n  author = \"Talbott, Strobe\",") == 1
    again, _ = bibtex.loads(out)
    assert again.by_id()["asmus2002"].csl["title"] == "NATO enlargement and the EU"


def test_changed_title_keeps_original_protection() -> None:
    library, _ = load("roundtrip.bib")
    rec = library.by_id()["talbott2002"]
    rec.csl["title"] = "The Russia Hand: a memoir"
    out = bibtex.dumps(library)
    assert "title = {The {Russia} Hand: a memoir}" in out


def test_aliases_custom_and_key_written() -> None:
    library, _ = load("roundtrip.bib")
    rec = library.by_id()["talbott2002"]
    rec.aliases = ["talbott2002b"]
    rec.set_custom("archive-url", "https://web.archive.org/x")
    rec.set_custom("url-status", "dead")
    rec.id = "talbott2002hand"
    out = bibtex.dumps(library)
    entry = out[out.index("@book{talbott2002hand"):].split("\n\n")[0]
    assert "ids = {talbott2002b}" in entry
    assert "archiveurl = {https://web.archive.org/x}" in entry and "urlstatus = {dead}" in entry
    again, _ = bibtex.loads(out)
    back = again.by_id()["talbott2002hand"]
    assert back.aliases == ["talbott2002b"] and back.custom("url-status") == "dead"


def test_deleted_value_removes_field() -> None:
    library, _ = load("roundtrip.bib")
    del library.by_id()["talbott2002"].csl["ISBN"]
    out = bibtex.dumps(library)
    assert "978-0-375-50849-5" not in out


def test_new_records_get_type_and_fields() -> None:
    article = Record.from_csl({
        "id": "new2020", "type": "article-journal", "title": "NATO & the EU",
        "author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
                   {"literal": "RAND Corporation"}],
        "container-title": "Survival", "issued": {"date-parts": [[2020, 5, 4]]}, "page": "10–20",
        "DOI": "10.1/x_y", "note": "A note", "custom": {"archive-url": "https://web.archive.org/y"},
    })
    thesis = Record.from_csl({"id": "t", "type": "thesis", "title": "T", "publisher": "MIT",
                              "genre": "Master's thesis", "issued": {"date-parts": [[1999]]}})
    web = Record.from_csl({"id": "", "type": "webpage", "title": "Web page", "URL": "https://w.org",
                           "accessed": {"date-parts": [[2021, 1, 2]]}})
    out = bibtex.dumps(Library(records=[article, thesis, web]))
    assert out.startswith("@article{new2020,\n  author = {van der Berg, Jan and {RAND Corporation}},")
    assert "title = {{NATO} \\& the {EU}}" in out and "journal = {Survival}" in out
    assert "year = {2020},\n  month = may,\n  day = {4}" in out and "pages = {10--20}" in out
    assert "doi = {10.1/x_y}" in out and "archiveurl = {https://web.archive.org/y}" in out
    assert "@mastersthesis{t," in out and "school = {MIT}" in out
    assert "@online{web," in out and "urldate = {2021-01-02}" in out
    again, report = bibtex.loads(out)
    assert not report.problems
    back = again.by_id()["new2020"].csl
    assert back["title"] == "NATO & the EU" and back["issued"] == {"date-parts": [[2020, 5, 4]]}
    assert back["author"] == article.csl["author"]
    assert again.by_id()["t"].csl["genre"] == "Master's thesis"


# -- ascii and Zotero ---------------------------------------------------------------------------

def test_ascii_mode_golden() -> None:
    library, _ = load("unicode.bib")
    out = bibtex.dumps(library, ascii=True)
    assert out == (DATA / "unicode.ascii.bib").read_text(encoding="utf-8")
    assert out.isascii()
    again, _ = bibtex.loads(out)
    assert again.records[0].csl == library.records[0].csl


def test_ascii_mode_on_changed_values() -> None:
    library, _ = load("roundtrip.bib")
    library.by_id()["talbott2002"].csl["publisher"] = "Éditions du Seuil"
    out = bibtex.dumps(library, ascii=True)
    assert out.isascii() and "publisher = {{\\'E}ditions du Seuil}" in out


def test_zotero_mode_golden_and_nothing_lost() -> None:
    library, _ = load("roundtrip.bib")
    out = bibtex.dumps(library, zotero=True)
    assert out == (DATA / "roundtrip.zotero.bib").read_text(encoding="utf-8")
    entry = out.split("\n\n")[0]
    # Better BibTeX decides sentence-casing by the entry's own langid: it is copied as written
    assert "langid = {english}" in entry and "language = {en}" in entry
    # case protection and the user's LaTeX arrive as written
    assert "title = {The {Russia} Hand: A Memoir of Presidential Diplomacy}" in out
    # fields Zotero drops are folded into a comment (a child note after import)
    for kept in ("Archive url: https://web.archive.org/web/2020/https://example.org/asmus",
                 "Url status: live", "x-custom-field: kept as is",
                 "Citation key aliases: asmus2002a, asmusOpening"):
        assert kept in entry
    assert "note = {Reprinted with a new preface}" in entry
    # macros and crossref are resolved: Zotero needs no @string and no parent
    assert "@string" not in out and "crossref" not in out
    assert "booktitle = {The Collection}" in out
    assert "urldate = {2020-02-03}" in out


# -- duplicates and bad input -------------------------------------------------------------------

def test_duplicate_keys_reported_and_both_kept() -> None:
    text = "@article{a, title={One}}\n\n@article{a, title={Two}}\n"
    library, report = bibtex.loads(text, "d.bib")
    assert [r.csl["title"] for r in library.records] == ["One", "Two"]
    dup = [p for p in report.problems if "duplicate citation key" in p.message]
    assert len(dup) == 1 and dup[0].line == 3 and dup[0].file == "d.bib"
    assert report.skipped == 0
    assert bibtex.dumps(library) == text


def test_duplicate_fields_reported_first_wins() -> None:
    library, report = bibtex.loads("@article{a, title={One}, title={Two}}")
    assert library.records[0].csl["title"] == "One"
    assert any("more than once" in p.message for p in report.problems)
    assert len(library.records[0].bibtex.fields) == 2


@pytest.mark.parametrize(
    ("text", "line", "words", "kept"),
    [
        ("@article{a, title={x}\n@article{b, title = {ok}}\n", 1, "not closed", ["b"]),
        ("@article{b, title={ok}}\n@article{a, title = {x}\n", 2, "end of the file", ["b"]),
        ("@article{b, title={ok}}\n@book{c, title {y}}\n", 2, "=", ["b"]),
    ],
)
def test_malformed_entries_reported_good_ones_read(text: str, line: int, words: str,
                                                  kept: list[str]) -> None:
    library, report = bibtex.loads(text, "bad.bib")
    assert [r.id for r in library.records] == kept
    errors = report.errors
    assert errors and errors[0].file == "bad.bib" and errors[0].line == line
    assert words in errors[0].message
    assert report.skipped == 1
    assert bibtex.dumps(library).strip() == text.strip()  # nothing lost on write-back


def test_missing_commas_are_repaired_with_a_warning() -> None:
    text = "@book{c title={Y}, year=2000}\n\n@article{d, title={Z} year = 2001}\n"
    library, report = bibtex.loads(text, "m.bib")
    recs = library.by_id()
    assert recs["c"].csl["title"] == "Y" and recs["c"].csl["issued"] == {"date-parts": [[2000]]}
    assert recs["d"].csl["title"] == "Z" and recs["d"].csl["issued"] == {"date-parts": [[2001]]}
    assert [p.line for p in report.problems] == [1, 3]
    assert all(p.severity == "warning" for p in report.problems)
    assert report.skipped == 0


def test_unknown_type_undefined_macro_empty_file() -> None:
    library, report = bibtex.loads("@InCollaction{x, title = {T}, journal = jnl}", "u.bib")
    assert library.records[0].type == "document"
    messages = [p.message for p in report.problems]
    assert any("unknown entry type @InCollaction" in m for m in messages)
    assert any("undefined @string macro 'jnl'" in m for m in messages)
    for empty in ("", "   \n\n"):
        library, report = bibtex.loads(empty, "e.bib")
        assert not library.records and report.problems[0].line == 1
        assert "empty file" in report.problems[0].message
    library, report = bibtex.loads("just some text, no entries", "t.bib")
    assert not library.records and "no BibTeX entries" in report.problems[0].message


def test_bom_crlf_and_parentheses() -> None:
    text = "\ufeff@article(a,\r\n  title = {T\u00e9},\r\n  year = 1999\r\n)\r\n"
    library, report = bibtex.loads(text)
    assert not report.problems
    assert library.records[0].csl == {"title": "Té", "issued": {"date-parts": [[1999]]}}


def test_latin1_file_read_with_warning(tmp_path: Path) -> None:
    from refs.io import read

    path = tmp_path / "latin1.bib"
    path.write_bytes("@book{a, title = {Caf\u00e9}, author = {M\u00fcller, J.}}\n".encode("latin-1"))
    library, report = read(path)
    assert library.records[0].csl["title"] == "Café"
    assert any("Latin-1" in p.message and p.severity == "warning" for p in report.problems)


def test_large_file_reads_linearly() -> None:
    entry = "@article{k%d, author = {M{\\\"u}ller, J.}, title = {T %d}, year = 2000}\n"
    text = "".join(entry % (i, i) for i in range(3000))
    library, report = bibtex.loads(text)
    assert len(library.records) == 3000 and not report.problems
    assert library.records[-1].csl["author"] == [{"family": "Müller", "given": "J."}]


def test_registered_in_io() -> None:
    from refs import io

    library, report = io.loads("@misc{a, title={X}}", "bibtex")
    assert library.format == "bibtex" and library.records[0].id == "a"
    assert io.dumps(library, "bibtex", ascii=True).startswith("@misc{a")


def test_large_files_are_read_in_chunks_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    library, text = load("roundtrip.bib")
    expected = [(r.id, r.origin.line, r.to_csl()) for r in library.records]
    monkeypatch.setattr(bibtex, "CHUNK_SIZE", 64)
    chunked, report = bibtex.loads(text, "roundtrip.bib")
    assert [(r.id, r.origin.line, r.to_csl()) for r in chunked.records] == expected
    assert not report.problems
    assert bibtex.dumps(chunked) == text


def test_macros_from_another_file() -> None:
    authors = '@string{knuth = "Knuth, Donald E."}\n@string{aw = {Addison-}}\n@string{awl = aw # "Wesley"}\n'
    lib, _ = bibtex.loads(authors, "authors.bib")
    macros = bibtex.string_macros(lib)
    assert macros == {"knuth": "Knuth, Donald E.", "aw": "Addison-", "awl": "Addison-Wesley"}
    main = "@book{taocp, author = knuth, publisher = awl, title = {TAOCP}, year = 1968}"
    library, report = bibtex.loads(main, "main.bib", macros=macros)
    assert not report.problems
    assert library.records[0].csl["author"] == [{"family": "Knuth", "given": "Donald E."}]
    assert library.records[0].csl["publisher"] == "Addison-Wesley"
    assert bibtex.dumps(library) == main + "\n"


def test_zotero_mode_places_what_zotero_drops() -> None:
    text = r"""@misc{site,
  author = {Doe, Jane},
  title = {A {Web} Page},
  howpublished = {\url{https://example.org/page}},
  urldate = {2021-03-04},
  keywords = {alliances; security},
  langid = {ngerman},
  annotation = {Read twice},
  extra = {Original date: 1999},
  file = {Full Text:files/1.pdf:application/pdf},
  eprint = {2101.00001},
  eprinttype = {arxiv},
  note = {A note},
}"""
    library, _ = bibtex.loads(text, "z.bib")
    csl = library.records[0].csl
    assert csl["URL"] == "https://example.org/page" and csl["language"] == "de"
    out = bibtex.dumps(library, zotero=True)
    assert "url = {https://example.org/page}" in out and "howpublished" not in out
    assert "urldate = {2021-03-04}" in out and "keywords = {alliances; security}" in out
    assert "language = {de}" in out and "note = {A note}" in out
    assert "file = {Full Text:files/1.pdf:application/pdf}" in out
    assert "eprint = {2101.00001}" in out and "eprinttype = {arxiv}" in out
    comment = out[out.index("comment = {"):]
    assert "annote = {Read twice}" in out  # annotation -> annote, a child note in Zotero
    assert "extra: Original date: 1999" in comment
    assert "langid = {ngerman}" in out  # Better BibTeX reads it (no sentence-casing of German)
    for dropped in ("annotation =", "extra ="):
        assert dropped not in out


def test_zotero_mode_keeps_what_zotero_reads() -> None:
    """Issue 16 §6: fields Better BibTeX's import maps arrive as the user wrote them."""
    text = r"""@book{b,
  author = {Kennan, George},
  title = {The {NATO} Question in {Europe}},
  booktitle = {Collected {Essays}},
  publisher = {Norton},
  organization = {Council on Foreign Relations},
  keywords = {nato, russia},
  keywords = {cold war},
  pages = {1-10},
  year = {1990},
}
@proceedings{p,
  booktitle = {Proceedings of the {ACM} Workshop},
  year = {2001},
}"""
    library, _ = bibtex.loads(text, "z.bib")
    out = bibtex.dumps(library, zotero=True)
    assert "title = {The {NATO} Question in {Europe}}" in out  # case protection kept
    assert "booktitle = {Collected {Essays}}" in out  # a book's booktitle is not dropped
    assert "organization = {Council on Foreign Relations}" in out and "publisher = {Norton}" in out
    assert "keywords = {nato, russia, cold war}" in out  # repeated keywords fields: all tags
    assert "pages = {1-10}" in out  # as written, not re-dashed
    # a volume known by its booktitle only: that is its title in Zotero
    assert "title = {Proceedings of the {ACM} Workshop}" in out.split("{p,", 1)[1]


def test_parser_crash_costs_one_entry_not_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    original = bibtex.Splitter.split

    def split(self):  # type: ignore[no-untyped-def]
        if "boom" in self.bibstr:
            raise RuntimeError("internal state")
        return original(self)

    monkeypatch.setattr(bibtex.Splitter, "split", split)
    text = "@article{a, title={ok}}\n@article{b, title={boom}}\n@article{c, title={fine}}\n"
    library, report = bibtex.loads(text, "x.bib")
    assert [r.id for r in library.records] == ["a", "c"]
    assert report.skipped == 1 and report.errors[0].line == 2
    assert "bibtexparser failed" in report.errors[0].message
    assert bibtex.dumps(library) == text


def test_macro_definition_order_and_redefinition() -> None:
    text = """@string{pub = "Springer"}
@string{place = "Berlin"}
@string{full = pub # ", " # place}
@book{a, publisher = full, title = {A}}
@string{pub = "Elsevier"}
@book{b, publisher = pub, title = {B}, month = "1~" # oct}
"""
    library, report = bibtex.loads(text, "m.bib")
    recs = library.by_id()
    assert recs["a"].csl["publisher"] == "Springer, Berlin"
    assert recs["b"].csl["publisher"] == "Elsevier"  # the definition in force at that point
    assert library.strings["full"] == "Springer, Berlin"
    assert not report.problems
    assert bibtex.dumps(library) == text


def test_rewritten_fields_keep_the_file_spelling() -> None:
    text = "@Article{k,\n  Title = {Old {NATO} title},\n  Author = {Doe, J.},\n  Year = {2000}\n}\n"
    library, _ = bibtex.loads(text)
    library.records[0].csl["title"] = "New NATO title"
    library.records[0].csl["issued"] = {"date-parts": [[2001]]}
    assert bibtex.dumps(library) == (
        "@Article{k,\n  Title = {New {NATO} title},\n  Author = {Doe, J.},\n  Year = {2001}\n}\n")


def test_entries_without_a_key_get_unique_keys_and_are_written_back_as_read() -> None:
    text = ("@article{,\n title={X Y}, author={Doe, J}, year=2000}\n"
            "@article{,\n title={X Y}, author={Doe, J}, year=2000}\n"
            "@article{doe2000x, title={Z}}\n")
    library, report = bibtex.loads(text, "k.bib")
    assert [r.id for r in library.records] == ["doe2000xa", "doe2000xb", "doe2000x"]
    assert [str(p) for p in report.problems] == [
        "k.bib:1: warning: @article entry without a citation key; read as 'doe2000xa'",
        "k.bib:3: warning: @article entry without a citation key; read as 'doe2000xb'",
    ]
    assert bibtex.dumps(library) == text
    # a record a stage made without a key (and with a name list stored as text) still gets one
    keyless = Record("", "book", {"author": "just text", "title": "A Title"})
    out = bibtex.dumps(Library([keyless, Record("title", "book", {"title": "B"})]))
    assert out.startswith("@book{titlea,\n") and keyless.id == ""


@pytest.mark.parametrize("text", [
    # bibtexparser restarts inside the broken @string at the '@' of the next one
    '@string{a = "x"}\n@string{gecco202@string{co2023 = a }\n@string{icatt = "ICATT"}\n',
    # text after the last block that bibtexparser gives no block
    "@software{a,\n  version = {1.1},\n{\n",
    "@misc{b, title={B}}\n\n  stray } text\n",
])
def test_broken_files_are_written_back_as_read(text: str) -> None:
    library, report = bibtex.loads(text, "b.bib")
    assert bibtex.dumps(library) == text


def test_missing_key_comma_repair_needs_a_space_between_key_and_field() -> None:
    library, report = bibtex.loads("@article{thitle={blah},\n  x = {y}}\n", "r.bib")
    assert not any("read as if it were there" in p.message for p in report.problems)
    assert bibtex.dumps(library) == "@article{thitle={blah},\n  x = {y}}\n"
    library, report = bibtex.loads("@book{Co   AUTHOR={Bruce M. Cooper}, title={W}}\n", "r.bib")
    assert library.records[0].id == "Co"
    assert library.records[0].csl["author"] == [{"family": "Cooper", "given": "Bruce M."}]


def test_a_whole_book_has_no_container_but_its_chapters_do() -> None:
    text = ("@proceedings{conf, title = {Proceedings of Things}, booktitle = {Proceedings of Things},\n"
            "  editor = {Editor, Ed}, year = 1999}\n"
            "@inproceedings{paper, title = {A Paper}, author = {Doe, Jane}, crossref = {conf}}\n")
    library, report = bibtex.loads(text, "p.bib")
    conf, paper = library.records
    assert conf.type == "book" and "container-title" not in conf.csl
    assert paper.csl["container-title"] == "Proceedings of Things"
    assert bibtex.dumps(library) == text  # booktitle kept as written


def test_a_season_in_the_month_field_is_kept_in_the_csl_date() -> None:
    library, _ = bibtex.loads("@article{k, title = {T}, year = 2001, month = {Fall}}", "s.bib")
    assert library.records[0].csl["issued"] == {"date-parts": [[2001]], "season": 3}
    new = Record("k", "article-journal", {"title": "T", "issued": {"date-parts": [[2001]], "season": 1}})
    assert "  month = {Spring}\n" in bibtex.dumps(Library([new]))


def test_ids_bibtex_cannot_hold_become_valid_unique_keys() -> None:
    records = [Record(rid, "book", {"title": rid}) for rid in ("Smith 2001", "a,b", "a_b", "x{y}")]
    out = bibtex.dumps(Library(records))
    library, report = bibtex.loads(out, "k.bib")
    assert report.problems == []
    assert [(r.id, r.aliases) for r in library.records] == [
        ("Smith_2001", ["Smith 2001"]), ("a_b_1", []), ("a_b", []), ("x_y", [])]
    assert [r.id for r in records] == ["Smith 2001", "a,b", "a_b", "x{y}"]  # the input is untouched
    # a key read from a .bib file is the file's own: written as it was
    text = "@book{odd key, title = {T}}\n"
    assert bibtex.dumps(bibtex.loads(text, "o.bib")[0]) == text


# -- bibtexparser's own log lines ---------------------------------------------------------

BROKEN = ("@article{a,\n  title = {Ok},\n  year = 2001\n}\n\n"
          "@article{b,\n  title = {Broken\n  year = 2002\n}\n\n"
          "@book{c, title={Fine}}\n")


def test_broken_entry_logs_nothing_through_bibtexparser(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    splitter = logging.getLogger("bibtexparser.splitter")
    splitter.setLevel(logging.INFO)  # a level the caller chose is restored afterwards
    try:
        library, report = bibtex.loads(BROKEN, source="broken.bib")
        assert splitter.level == logging.INFO
    finally:
        splitter.setLevel(logging.NOTSET)
    assert [r.id for r in library.records] == ["a", "c"]
    errors = [p for p in report.problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].line == 6 and errors[0].file == "broken.bib"
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]
    assert logging.getLogger("bibtexparser").level == logging.NOTSET


def test_broken_entry_is_reported_once_on_stderr(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = tmp_path / "broken.bib"
    src.write_text(BROKEN, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "refs", "convert", str(src), "--to", "csljson"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len([ln for ln in lines if ln.startswith(f"{src}:6:")]) == 1, run.stderr
    assert not [ln for ln in lines if "aborted" in ln or "Parsing" in ln or "bibtexparser" in ln], run.stderr
    assert len(json.loads(run.stdout)) == 2


def test_plain_bst_journal_macros_are_predefined() -> None:
    text = ("@article{a, journal = jacm, title = {T}, year = 1990}\n"
            "@article{b, journal = tcs # { (special issue)}, title = {U}, year = 1991}")
    library, report = bibtex.loads(text)
    assert not report.problems
    titles = [r.csl["container-title"] for r in library.records]
    assert titles == ["Journal of the ACM", "Theoretical Computer Science (special issue)"]
    assert bibtex.dumps(library).startswith("@article{a, journal = jacm,")  # written back as it was


def test_zotero_mode_keeps_and_others_and_both_places() -> None:
    text = r"""@inproceedings{acm,
  author = {Jackson, J. M. and Paglione, T. A. D. and others},
  title = {Dense Gas},
  booktitle = {Proceedings},
  address = {New York, NY, USA},
  location = {Haifa, Israel},
  pages = {1598 - 1602},
  year = {2010},
}"""
    library, _ = bibtex.loads(text)
    out = bibtex.dumps(library, zotero=True)
    assert "author = {Jackson, J. M. and Paglione, T. A. D. and others}" in out
    assert "address = {New York, NY, USA}" in out and "Haifa, Israel" in out
    assert "pages = {1598 - 1602}" in out
