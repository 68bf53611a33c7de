"""refs.render: the gaps citeproc-py has, closed one by one (expected strings are
citeproc-js's output for the same item, style and locale)."""

from __future__ import annotations

import pytest

from refs.model import Record
from refs.render import RenderError, render, render_entries
from refs.render import styles as sty

NUMPY = {"id": "harris", "type": "article-journal", "title": "Array programming with NumPy",
         "author": [{"family": "Harris", "given": "Charles R."}, {"family": "Millman", "given": "K. Jarrod"}],
         "container-title": "Nature", "volume": "585", "page": "357-362",
         "issued": {"date-parts": [[2020, 9, 16]]}}
EDITED = {"id": "braun", "type": "book", "editor": [{"family": "Braun", "given": "Aurel"}],
          "title": "NATO-Russia relations in the twenty-first century", "publisher": "Routledge",
          "publisher-place": "London", "issued": {"date-parts": [[2008]]}}
EDITED2 = {"id": "black", "type": "book", "editor": [{"family": "Black", "given": "J. L."},
                                                     {"family": "Johns", "given": "Michael"}],
           "title": "The return of the Cold War", "publisher": "Routledge",
           "issued": {"date-parts": [[2016]]}}
BEETHOVEN = {"id": "lvb", "type": "book", "title": "Letters",
             "author": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}],
             "issued": {"date-parts": [[1990]]}}
ADAMS = {"id": "adams", "type": "book", "title": "Music", "author": [{"family": "Adams", "given": "John"}],
         "issued": {"date-parts": [[1991]]}}
CHAPTER = {"id": "muller", "type": "chapter", "author": [{"family": "Müller", "given": "Jürgen"}],
           "title": "Self-organizing maps in high-dimensional data analysis",
           "container-title": "Handbook of machine learning",
           "editor": [{"family": "Smith", "given": "Jane A."}, {"family": "O'Brien", "given": "Patrick"}],
           "page": "123-145", "publisher": "Springer", "issued": {"date-parts": [[2021]]}}


def lines(items: list[dict], style: str, **kw: str) -> list[str]:
    return render(items, style, **kw).splitlines()


def test_punctuation_inside_quotes_chicago() -> None:
    out = lines([NUMPY], "chicago-author-date")[0]
    assert "“Array Programming with NumPy.”" in out
    assert "NumPy”," not in out and "NumPy”." not in out


def test_punctuation_stays_outside_quotes_in_en_gb() -> None:
    out = lines([NUMPY], "chicago-author-date", locale="en-GB")[0]
    assert "‘Array Programming with NumPy’." in out


def test_substituted_editors_not_repeated() -> None:
    apa = lines([EDITED], "apa")[0]
    assert apa == "Braun, A. (Ed.). (2008). NATO-Russia relations in the twenty-first century. Routledge."
    chicago = lines([EDITED], "chicago-author-date")[0]
    assert chicago.startswith("Braun, Aurel, ed. 2008.")
    assert chicago.count("Braun") == 1


def test_initialize_false_keeps_given_names() -> None:
    out = lines([EDITED2], "chicago-author-date")[0]
    assert out.startswith("Black, J. L., and Michael Johns, eds. 2016.")
    mla = lines([EDITED2], "mla")[0]
    assert mla.startswith("Black, J. L., and Michael Johns, editors.")


def test_demote_non_dropping_particle_in_sorting() -> None:
    # chicago: display-and-sort demotes "van" -> filed under B, after Adams
    chicago = lines([BEETHOVEN, ADAMS], "chicago-author-date")
    assert chicago[0].startswith("Adams") and chicago[1].startswith("Beethoven, Ludwig van.")
    # APA never demotes: "van Beethoven" files under V
    apa = lines([BEETHOVEN, ADAMS], "apa")
    assert apa[1].startswith("van Beethoven, L.")


def test_title_case_on_hyphenated_words_and_eds_capitalised() -> None:
    out = lines([CHAPTER], "chicago-author-date")[0]
    assert "“Self-Organizing Maps in High-Dimensional Data Analysis.”" in out
    harvard = lines([CHAPTER], "harvard-cite-them-right")[0]
    assert "in J.A. Smith and P. O’Brien (eds.) Handbook of machine learning." in harvard
    apa = lines([CHAPTER], "apa")[0]
    assert "In J. A. Smith & P. O’Brien (Eds.), Handbook of machine learning (pp. 123–145)." in apa


def test_second_field_align_ieee() -> None:
    text = lines([NUMPY], "ieee")[0]
    assert text.startswith("[1] C. R. Harris and K. J. Millman, “Array programming with NumPy,”")
    html = render([NUMPY], "ieee", format="html")
    assert '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">' in html


def test_year_suffixes_in_bibliography_order() -> None:
    a = {"id": "a", "type": "article-journal", "title": "Deep learning for climate",
         "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2019]]}}
    b = dict(a, id="b", title="A second look")
    out = lines([a, b], "apa")
    assert out[0].startswith("Smith, J. (2019a). A second look.")
    assert out[1].startswith("Smith, J. (2019b). Deep learning for climate.")


def test_subsequent_author_substitute_mla() -> None:
    a = {"id": "a", "type": "book", "title": "Alpha", "author": [{"family": "Asmus", "given": "Ronald"}],
         "issued": {"date-parts": [[2002]]}}
    b = dict(a, id="b", title="Beta")
    out = lines([a, b], "mla")
    assert out[0].startswith("Asmus, Ronald. Alpha.")
    assert out[1].startswith("———. Beta.")


def test_typographic_apostrophes_and_quotes() -> None:
    item = {"id": "q", "type": "article-journal", "title": "The \"end of history\" and Russia's place",
            "author": [{"family": "O'Connell", "given": "Siobhán"}], "issued": {"date-parts": [[2016]]}}
    out = lines([item], "apa")[0]
    assert out.startswith("O’Connell, S. (2016). The “end of history” and Russia’s place.")
    ieee = lines([item], "ieee")[0]
    assert "“The ‘end of history’ and Russia’s place,”" in ieee


def test_sort_order_author_then_year_then_title() -> None:
    items = [
        {"id": "z", "type": "book", "title": "Zeta", "author": [{"family": "Zubok", "given": "V."}],
         "issued": {"date-parts": [[2001]]}},
        {"id": "m2", "type": "book", "title": "Later", "author": [{"family": "Müller", "given": "J."}],
         "issued": {"date-parts": [[2010]]}},
        {"id": "m1", "type": "book", "title": "Earlier", "author": [{"family": "Muller", "given": "A."}],
         "issued": {"date-parts": [[2000]]}},
        {"id": "e", "type": "book", "title": "Élan", "author": [{"family": "Élie", "given": "P."}],
         "issued": {"date-parts": [[1999]]}},
    ]
    firsts = [line.split(",")[0] for line in lines(items, "apa")]
    assert firsts == ["Élie", "Muller", "Müller", "Zubok"]
    ids = [e.id for e in render_entries(items, "ieee")]
    assert ids == ["z", "m2", "m1", "e"]  # numeric styles keep citation (input) order


def test_et_al_rules() -> None:
    many = dict(NUMPY, author=[{"family": f"Author{i}", "given": "A."} for i in range(25)])
    apa = lines([many], "apa")[0]
    assert "Author18, A., . . . Author24, A." in apa or "Author18, A., … Author24, A." in apa
    ieee = lines([many], "ieee")[0]
    assert "A. Author0 et al.," in ieee


def test_record_objects_and_dicts_render_alike() -> None:
    rec = Record.from_csl(NUMPY)
    assert render([rec], "apa") == render([NUMPY], "apa")


def test_styles_aliases_paths_and_dependents(tmp_path) -> None:
    assert sty.resolve("mla").path.name == "modern-language-association.csl"
    assert sty.resolve("chicago").path.name == "chicago-author-date.csl"
    assert sty.resolve("harvard").path.name == "harvard-cite-them-right.csl"
    assert sty.resolve("vancouver").path.exists()
    dep = sty.resolve("nature-digest")  # a dependent style
    assert dep.path.name == "nature.csl" and dep.default_locale == "en-GB"
    copy = tmp_path / "mine.csl"
    copy.write_bytes(sty.resolve("apa").path.read_bytes())
    assert render([NUMPY], str(copy)) == render([NUMPY], "apa")
    with pytest.raises(RenderError, match="unknown style"):
        render([NUMPY], "no-such-style-anywhere")
    names = dict(sty.list_styles("modern language"))
    assert "modern-language-association" in names


def test_unknown_locale_and_format_are_errors() -> None:
    with pytest.raises(RenderError, match="unknown locale"):
        render([NUMPY], "apa", locale="xx-YY")
    with pytest.raises(RenderError, match="unknown format"):
        render([NUMPY], "apa", format="pdf")


def test_substitution_suppresses_only_what_rendered() -> None:
    """Regression (checked against citeproc-js): a cs:substitute branch used to suppress
    every variable it *named*, conditions included, so APA lost an edited book's
    container-title; and numbers/dates rendered inside a substituted macro (APA's
    edition) were not suppressed, so they printed twice."""
    items = [
        {"id": "cms", "type": "report", "edition": "15", "publisher": "University of Chicago Press",
         "title": "The Chicago manual of style", "issued": {"date-parts": [[2003]]}},
        {"id": "coll", "type": "book", "title": "Space and beyond", "container-title": "Space and beyond",
         "editor": [{"family": "Westfahl", "given": "Gary"}], "publisher": "Greenwood",
         "issued": {"date-parts": [[2000]]}},
    ]
    assert render(items, "apa").splitlines() == [
        "Space and beyond. (2000). In G. Westfahl (Ed.), Space and beyond. Greenwood.",
        "The Chicago manual of style (15th ed.). (2003). University of Chicago Press.",
    ]
    assert render(items, "harvard-cite-them-right").splitlines()[0] == \
        "The Chicago manual of style. 15th ed (2003). University of Chicago Press."


def test_label_of_an_empty_variable_renders_like_citeproc_js() -> None:
    """Regression: Harvard labels number-of-volumes with ``<label variable="volume">``
    while volume is empty; citeproc-js prints the (singular) term: "(3 vol)"."""
    item = {"id": "a", "type": "book", "title": "T", "number-of-volumes": "3",
            "author": [{"family": "X"}], "issued": {"date-parts": [[2000]]}}
    assert render([item], "harvard-cite-them-right").strip() == "X (2000) T (3 vol)."


def test_upper_case_roman_numerals_are_not_numeric() -> None:
    """Regression (checked against citeproc-js): ``is-numeric`` takes lower-case roman
    numerals only, so APA prints volume "D" as text, "iv" with its label."""
    items = [{"id": f"t{i}", "type": "book", "title": "Tome", "volume": v, "author": [{"family": f"A{i}"}],
              "publisher": "P", "issued": {"date-parts": [[2000]]}} for i, v in enumerate(["D", "iv", "2a"])]
    assert render(items, "apa").splitlines() == [
        "A0. (2000). Tome: D. P.", "A1. (2000). Tome (Vol. Iv). P.", "A2. (2000). Tome (Vol. 2a). P."]
