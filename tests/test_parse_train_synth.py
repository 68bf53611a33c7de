"""Training data for the reference-string labeller: synthetic CSL renderings and aligned dev sets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from refs.parse.train import align, labelled, noise, synthetic
from refs.render import render_entries
from refs.render import text as tx

ROOT = Path(__file__).resolve().parents[1]

LABELS = {
    "citation-number",
    "author",
    "editor",
    "translator",
    "title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "pages",
    "date",
    "edition",
    "publisher",
    "location",
    "genre",
    "number",
    "doi",
    "isbn",
    "url",
    "accessed",
    "note",
    "other",
}

CHAPTER = {
    "id": "c1",
    "type": "chapter",
    "title": "The global spread of constitutional review",
    "author": [{"family": "Ginsburg", "given": "Tom"}],
    "editor": [{"family": "Whittington", "given": "Keith E."}, {"family": "van der Berg", "given": "Anna"}],
    "container-title": "The Oxford handbook of law and politics",
    "page": "81-98",
    "publisher": "Oxford University Press",
    "publisher-place": "Oxford",
    "issued": {"date-parts": [[2008]]},
}
ARTICLE = {
    "id": "a1",
    "type": "article-journal",
    "title": "Why the Ukraine crisis is the West's fault",
    "author": [{"family": "Mearsheimer", "given": "John J."}, {"family": "Иванов", "given": "Иван"}],
    "container-title": "Foreign Affairs",
    "volume": "93",
    "issue": "5",
    "page": "77-89",
    "issued": {"date-parts": [[2014]]},
    "DOI": "10.1162/ISEC_a_00236",
}


def _segs(item: dict, style: str, locale: str | None = "en-US") -> list[list[str]]:
    [(_id, text, labels)] = labelled.render_labelled([item], style, locale)
    segs = labelled.segments(text, labels)
    assert " ".join(t for _, t in segs) == text
    return segs


# -- spans from the engine ----------------------------------------------------------------


def test_apa_chapter_spans_follow_anystyle_conventions() -> None:
    assert _segs(CHAPTER, "apa") == [
        ["author", "Ginsburg, T."],
        ["date", "(2008)."],
        ["title", "The global spread of constitutional review."],
        ["editor", "In K. E. Whittington & A. van der Berg (Eds.),"],
        ["container-title", "The Oxford handbook of law and politics"],
        ["pages", "(pp. 81–98)."],
        ["publisher", "Oxford University Press."],
    ]


def test_apa_article_spans() -> None:
    assert _segs(ARTICLE, "apa") == [
        ["author", "Mearsheimer, J. J., & Иванов, И."],
        ["date", "(2014)."],
        ["title", "Why the Ukraine crisis is the West’s fault."],
        ["container-title", "Foreign Affairs,"],
        ["volume", "93(5),"],
        ["pages", "77–89."],
        ["doi", "https://doi.org/10.1162/ISEC_a_00236"],
    ]


def test_spans_survive_title_case_quotes_and_initials() -> None:
    segs = _segs(ARTICLE, "chicago-notes-bibliography")
    assert ["title", "“Why the Ukraine Crisis Is the West’s Fault.”"] in segs
    assert ["volume", "93,"] in segs and ["issue", "no. 5"] in segs
    segs = _segs(CHAPTER, "ieee")
    assert segs[0] == ["citation-number", "[1]"]
    assert ["author", "T. Ginsburg,"] in segs
    assert ["title", "“The global spread of constitutional review,”"] in segs
    assert ["editor", "K. E. Whittington and A. van der Berg, Eds.,"] in segs


def test_spans_in_other_locales_and_national_styles() -> None:
    segs = _segs(ARTICLE, "gost-r-7-0-5-2008", "ru-RU")
    labels = [lab for lab, _ in segs]
    assert labels[:3] == ["citation-number", "author", "title"]
    assert ["volume", "Т. 93."] in segs and ["issue", "№ 5."] in segs
    segs = _segs(CHAPTER, "din-1505-2", "de-DE")
    assert any(lab == "editor" and "(Hrsg.)" in t for lab, t in segs)
    segs = _segs(ARTICLE, "vancouver-nlm")
    assert ["volume", "2014;93(5):77–89."] in segs  # one token: volume, as AnyStyle labels it


def test_marking_is_undone_after_rendering() -> None:
    before = set(tx._INVISIBLE)
    labelled.render_labelled([ARTICLE], "apa", "en-US")
    assert tx._INVISIBLE == before
    text = render_entries([ARTICLE], "apa", "en-US")[0].text
    assert not labelled._MARK_RE.search(text)


def test_mangled_markers_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    real = labelled.spans

    def mangled(marked: str) -> tuple[str, list]:
        text, labels = real(marked)
        return text.replace("Foreign", "Foreign.."), labels

    monkeypatch.setattr(labelled, "spans", mangled)
    kept = labelled.render_labelled([ARTICLE, CHAPTER], "apa", "en-US")
    assert [r[0] for r in kept] == ["c1"]  # the article's marked rendering no longer matches: dropped


def test_gap_words_go_to_the_right_neighbour() -> None:
    text = "Smith, J. 2nd ed. Retrieved from https://x.org [Online]."
    labels: list[str | None] = [None] * len(text)
    for lab, word in (("author", "Smith, J."), ("edition", "2nd"), ("url", "https://x.org")):
        a = text.index(word)
        labels[a : a + len(word)] = [lab] * len(word)
    assert labelled.segments(text, labels, {k: k for k in LABELS}) == [
        ["author", "Smith, J."],
        ["edition", "2nd ed."],
        ["note", "Retrieved from"],
        ["url", "https://x.org [Online]."],
    ]


# -- the generator --------------------------------------------------------------------------


def test_generate_is_deterministic_and_keeps_the_contract() -> None:
    a = list(synthetic.generate(60, seed=3, bib_dir=False))
    b = list(synthetic.generate(60, seed=3, bib_dir=False))
    c = list(synthetic.generate(60, seed=4, bib_dir=False))
    assert a == b and a != c and len(a) == 60
    for ex in a:
        assert set(ex) == {"text", "segments", "source"}
        assert " ".join(t for _, t in ex["segments"]) == " ".join(ex["text"].split()) == ex["text"]
        assert all(lab in LABELS and t.strip() for lab, t in ex["segments"])


def test_generator_covers_styles_and_locales() -> None:
    assert len(synthetic.STYLES) >= 30 and len(synthetic.LOCALES) >= 8
    exs = list(synthetic.generate(400, seed=1, bib_dir=False))
    sources = {ex["source"] for ex in exs}
    assert len({s.split(":")[1] for s in sources if s.startswith("csl:")}) >= 8
    assert len({s.split(":")[2] for s in sources if s.startswith("csl:")}) >= 4
    assert any(s.startswith("template:") for s in sources)


def test_noise_kinds_appear_in_the_stream() -> None:
    exs = list(synthetic.generate(500, seed=2, bib_dir=False))
    texts = [ex["text"] for ex in exs]
    assert any(ex["segments"][-1][0] == "note" and ex["segments"][-1][1] in noise.ANNOTATIONS for ex in exs)
    assert any(
        ex["segments"][0] == ["citation-number", "•"] or ex["segments"][0][1].endswith(")") for ex in exs
    )
    assert any(any(lab == "title" and "- " in t for lab, t in ex["segments"]) for ex in exs)
    assert any(".." in t or ",," in t for t in texts)
    assert any(any(lab == "author" and ("/" in t or "(" in t) for lab, t in ex["segments"]) for ex in exs)


def test_noise_functions() -> None:
    rng = random.Random(0)
    segs = [
        ["author", "Smith, J."],
        ["title", "Projections of population."],
        ["container-title", "Vanity Fair"],
        ["volume", "66(6),"],
        ["pages", "12–20."],
    ]
    outcomes = [noise.missing_space(segs, random.Random(seed)) for seed in range(30)]
    assert [
        ["author", "Smith, J."],
        ["title", "Projections of population."],
        ["container-title", "Vanity"],
        ["volume", "Fair66(6),"],
        ["pages", "12–20."],
    ] in outcomes  # the token goes to the later field
    assert any(" ".join(t for _, t in o).startswith("Smith,J.") for o in outcomes)
    hyph = noise.line_hyphen(segs, rng)
    assert any("- " in t for _, t in hyph) and [lab for lab, _ in hyph] == [lab for lab, _ in segs]
    assert noise.list_marker(segs, rng)[0][0] == "citation-number"
    assert noise.annotation(segs, rng)[-1][0] == "note"
    people = [{"family": "Lentz", "given": "Thierry"}, {"family": "Vogel", "given": "Barbara"}]
    assert noise.format_names(people, "caps-paren") == "LENTZ (Thierry), VOGEL (Barbara)"
    assert noise.format_names(people, "german-slash") == "Lentz, T./B. Vogel"
    ed = noise.rewrite_edition([["title", "T."], ["edition", "5th ed.,"]], random.Random(3))
    assert ed[1][0] == "edition" and "5" in ed[1][1]


# -- alignment of gold records ----------------------------------------------------------------


def test_align_apa_article() -> None:
    text = (
        "Mearsheimer, J. J. (2014). Why the Ukraine crisis is the West's fault. Foreign Affairs, 93(5), "
        "77–89. https://doi.org/10.1162/ISEC_a_00236"
    )
    expected = {
        "type": "article-journal",
        "author": ["Mearsheimer"],
        "title": "Why the Ukraine crisis is the West’s fault",
        "container-title": "Foreign Affairs",
        "volume": "93",
        "issue": "5",
        "page": "77-89",
        "year": 2014,
        "DOI": "10.1162/ISEC_a_00236",
    }
    assert align.segments(text, expected) == [
        ["author", "Mearsheimer, J. J."],
        ["date", "(2014)."],
        ["title", "Why the Ukraine crisis is the West's fault."],
        ["container-title", "Foreign Affairs,"],
        ["volume", "93(5),"],
        ["pages", "77–89."],
        ["doi", "https://doi.org/10.1162/ISEC_a_00236"],
    ]


def test_align_chapter_gost_and_ieee() -> None:
    text = (
        "Whittington, K. E., & Kelemen, R. D. (Eds.). (2008). The Oxford handbook. In T. Ginsburg (Ed.), "
        "Law (pp. 81–8). Oxford University Press."
    )
    segs = align.segments(
        text,
        {
            "editor": ["Whittington", "Kelemen"],
            "year": 2008,
            "title": "The Oxford handbook",
            "author": ["Ginsburg"],
            "container-title": "Law",
            "page": "81-88",
            "publisher": "Oxford University Press",
        },
    )
    assert segs is not None
    assert segs[0] == ["editor", "Whittington, K. E., & Kelemen, R. D. (Eds.)."]
    assert ["author", "In T. Ginsburg (Ed.),"] in segs and ["pages", "(pp. 81–8)."] in segs
    gost = "Лукин А. В. Поворот к Азии. — М.: Весь мир, 2014. — 640 с."
    segs = align.segments(
        gost,
        {
            "author": ["Лукин"],
            "title": "Поворот к Азии",
            "publisher-place": "Москва",
            "publisher": "Весь мир",
            "year": 2014,
        },
    )
    assert segs == [
        ["author", "Лукин А. В."],
        ["title", "Поворот к Азии. —"],
        ["location", "М.:"],
        ["publisher", "Весь мир,"],
        ["date", "2014. —"],
        ["pages", "640 с."],
    ]
    ieee = '[7] V. Mnih et al., "Human-level control," Nature, vol. 518, no. 7540, pp. 529–533, Feb. 2015.'
    segs = align.segments(
        ieee,
        {
            "author": ["Mnih"],
            "title": "Human-level control",
            "container-title": "Nature",
            "volume": "518",
            "issue": "7540",
            "page": "529-533",
            "year": 2015,
        },
    )
    assert segs == [
        ["citation-number", "[7]"],
        ["author", "V. Mnih et al.,"],
        ["title", '"Human-level control,"'],
        ["container-title", "Nature,"],
        ["volume", "vol. 518,"],
        ["issue", "no. 7540,"],
        ["pages", "pp. 529–533,"],
        ["date", "Feb. 2015."],
    ]


def test_align_refuses_when_unsure() -> None:
    text = "Smith, J. (2001). A title. Some Press."
    assert align.segments(text, {"author": ["Smith"], "title": "Another title", "year": 2001}) is None
    # words between fields that are neither cue words nor a known kind of field
    assert (
        align.segments(
            "Smith, J. (2001). A title. Unexplained Words Here. Some Press.",
            {"author": ["Smith"], "title": "A title", "year": 2001, "publisher": "Some Press"},
        )
        is None
    )
    # trailing annotations are notes
    segs = align.segments(
        "Smith, J. (2001). A title. Some Press. online excerpt",
        {"author": ["Smith"], "title": "A title", "year": 2001, "publisher": "Some Press"},
    )
    assert segs is not None and segs[-1] == ["note", "online excerpt"]


def test_load_dev_sets_reads_only_dev_files() -> None:
    files = align.dev_files(ROOT)
    assert files and all("holdout" not in f.name and "parse_real" not in str(f) for f in files)
    stats: dict[str, int] = {}
    examples = list(align.load_dev_sets(ROOT, stats))
    assert len(examples) == stats["aligned"] and stats["aligned"] >= 0.9 * stats["total"]
    for ex in examples:
        assert " ".join(t for _, t in ex["segments"]) == ex["text"]
        assert all(lab in LABELS for lab, _ in ex["segments"])


def test_workers_give_the_same_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synthetic, "CHUNK", 40)
    n = 3 * 40 + 7
    one = list(synthetic.generate(n, seed=5, bib_dir=False))
    two = list(synthetic.generate(n, seed=5, bib_dir=False, workers=2))
    assert one == two and len(one) == n


def test_align_editors_after_cue_words_and_identifier_prefixes() -> None:
    text = (
        "Stefan Meister: Russlands Politik. In: Thomas Jäger (Hrsg.): Die Ukraine-Krise. Springer VS, "
        "Wiesbaden 2016, S. 77–95. doi: 10.1007/978-3-658-09918-1"
    )
    segs = align.segments(
        text,
        {
            "author": ["Meister"],
            "editor": ["Jäger"],
            "title": "Russlands Politik",
            "container-title": "Die Ukraine-Krise",
            "publisher": "Springer VS",
            "publisher-place": "Wiesbaden",
            "year": 2016,
            "page": "77-95",
            "DOI": "10.1007/978-3-658-09918-1",
        },
    )
    assert segs == [
        ["author", "Stefan Meister:"],
        ["title", "Russlands Politik."],
        ["editor", "In: Thomas Jäger (Hrsg.):"],
        ["container-title", "Die Ukraine-Krise."],
        ["publisher", "Springer VS,"],
        ["location", "Wiesbaden"],
        ["date", "2016,"],
        ["pages", "S. 77–95."],
        ["doi", "doi: 10.1007/978-3-658-09918-1"],
    ]
    gost = "Пивоваров Ю. С. Русская политика [Электронный ресурс]. — М.: РОССПЭН, 2006. — 264 с."
    segs = align.segments(
        gost,
        {
            "author": ["Пивоваров"],
            "title": "Русская политика",
            "publisher-place": "Москва",
            "publisher": "РОССПЭН",
            "year": 2006,
        },
    )
    assert segs is not None and ["note", "[Электронный ресурс]. —"] in segs


PROBE_ARTICLE = {
    "id": "p1",
    "type": "article-journal",
    "title": "Quokka behaviour in dry seasons",
    "author": [{"family": "Zyxwyz", "given": "Anna"}, {"family": "Qwertyan", "given": "Bob"}],
    "container-title": "Wombat Review",
    "volume": "4711",
    "issue": "83",
    "page": "5501-5599",
    "issued": {"date-parts": [[1987]]},
    "DOI": "10.9999/xyzzy.42",
}
PROBE_CHAPTER = {
    "id": "p2",
    "type": "chapter",
    "title": "Echidna habitats",
    "author": [{"family": "Zyxwyz", "given": "Anna"}],
    "editor": [{"family": "Plumtree", "given": "Carl"}],
    "container-title": "Marsupial handbook",
    "publisher": "Platypus Press",
    "publisher-place": "Kalgoorlie",
    "page": "7701-7750",
    "issued": {"date-parts": [[1988]]},
}
PROBE_WORDS = {
    "Quokka": "title",
    "Zyxwyz": "author",
    "Qwertyan": "author",
    "Wombat": "container-title",
    "4711": "volume",
    "5501": "pages",
    "xyzzy": "doi",
    "Echidna": "title",
    "Plumtree": "editor",
    "Marsupial": "container-title",
    "Platypus": "publisher",
    "Kalgoorlie": "location",
    "7701": "pages",
}


def test_every_style_puts_each_value_under_its_label() -> None:
    """Distinctive words of each field land in that field's segment in all styles (a
    Vancouver "1987;4711(83):5501–99" token is one volume token, as AnyStyle labels it)."""
    for style, _ in synthetic.STYLES:
        rendered = labelled.render_labelled([PROBE_ARTICLE, PROBE_CHAPTER], style, "en-US")
        assert len(rendered) == 2, style
        for _id, text, labels in rendered:
            for lab, seg in labelled.segments(text, labels):
                for word, want in PROBE_WORDS.items():
                    if word in seg and lab != want:
                        assert lab == "volume" and want in ("pages", "doi"), (style, word, lab, seg)


def test_isbn_and_bare_noise() -> None:
    segs = [
        ["author", "Romano, Sergio."],
        ["title", "Putin e la Russia."],
        ["publisher", "Longanesi,"],
        ["date", "2016"],
        ["note", "online"],
    ]
    out = noise.isbn(segs, {"type": "book", "ISBN": "978-88-304-4614-4"}, random.Random(0))
    assert [lab for lab, _ in out] == ["author", "title", "publisher", "date", "isbn", "note"]
    assert "978-88-304-4614-4" in out[4][1] and out[3][1] in ("2016.", "2016,")
    assert noise.isbn(segs, {"type": "article-journal"}, random.Random(0)) is segs
    assert noise.bare(segs, random.Random(0)) == [
        ["author", "Romano, Sergio"],
        ["title", "Putin e la Russia"],
        ["publisher", "Longanesi"],
        ["date", "2016"],
        ["note", "online"],
    ]
