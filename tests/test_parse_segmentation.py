"""Segmentation: which lines of a list make one reference (issue 12), numbered lists of
any width (issue 16 §2) and long lines in linear time (issue 16 §3).

Strings are invented for this file. The finder's measured figures are in
bench/bench_parse_find.py and bench/bench_parse_scale.py, not here.
"""

from __future__ import annotations

import time

from refs.model import SourceBlock
from refs.parse import parse_blocks, parse_text
from refs.parse.find import MAX_REF, entries

#: one reference per line; none of the lines after the first two starts with an author list
ONE_PER_LINE = [
    "Introducción a la crítica literaria actual / coordinador, Pedro Aullón de Haro. Madrid: Playor, 1984.",
    "Teoría de la literatura y literatura comparada / Antonio García Berrio y Teresa Hernández Fernández. "
    "Madrid: Síntesis, 2004.",
    "LENTZ (Thierry), Napoléon, Paris, « Découvertes Gallimard », 2005, 159 p.",
    "TULARD (Jean), Napoléon ou le mythe du sauveur, Paris, Fayard, 1977, 496 p.",
    "Borowski, P./B. Vogel/H. Wunder, Einführung in die Geschichtswissenschaft, 5. Auflage, Opladen 1989.",
    "Geschichte der Deutschen / hrsg. von Karl Berg. 2. Aufl. München: Beck, 1999.",
    "Diccionario de términos literarios / Demetrio Estébanez Calderón. Madrid: Alianza, 1996.",
    "The Oxford Handbook of Political Theory, ed. John S. Dryzek, Bonnie Honig and Anne Phillips. Oxford: "
    "Oxford University Press, 2006.",
]


def test_one_per_line_list_gives_one_record_per_line() -> None:
    records, _ = parse_text("\n".join(ONE_PER_LINE))
    assert [r.origin.text for r in records] == ONE_PER_LINE
    assert [r.origin.line for r in records] == list(range(1, len(ONE_PER_LINE) + 1))


def test_title_first_line_is_not_glued_to_the_line_before() -> None:
    text = "\n".join([
        "Smith, John. The Book of Things. London: Penguin, 2010.",
        "Jones, Mary. Harbours and Trade. Oxford: Clarendon Press, 1998.",
        ONE_PER_LINE[0],
        "Lee, Ann. The Sea. New York: Harbor, 2019.",
    ])
    records, _ = parse_text(text)
    assert len(records) == 4
    assert records[2].origin.text.startswith("Introducción")


def test_numbered_lines_without_a_full_stop_after_a_number_stay_apart() -> None:
    # AnyStyle-like "37 Author" numbering: a line starting with a digit is a reference of its own
    text = "\n".join([
        "36 Choi, J. A. & Sullivan, J. Evaluation of drug information databases. Journal of Pharmacy 1999, "
        "39, 683–687.",
        "37 Cluxton, R. J. & Reed, R. C. Comparison of five information services. American Journal of "
        "Pharmacy 1979, 36, 1215–1218.",
        "38 Lee, A. & Roe, B. Harbour records as sources. Maritime History 2001, 12, 45–67.",
    ])
    records, _ = parse_text(text)
    assert [r.authors[0]["family"] for r in records] == ["Choi", "Cluxton", "Lee"]


def test_wrapped_hanging_indent_entries_are_still_joined() -> None:
    text = "\n".join([
        "Conneau, A., Khandelwal, K., Goyal, N., Chaudhary, V., & Stoyanov, V. (2020). Unsupervised",
        "    cross-lingual representation learning at scale. In Proceedings of ACL (pp. 8440–8451).",
        "Devlin, J., Chang, M.-W., Lee, K., & Toutanova, K. (2019). BERT: Pre-training of deep",
        "    bidirectional transformers. In Proceedings of NAACL-HLT 2019 (pp. 4171–4186).",
        "Zukofsky, Louis. \"Sincerity and Objectification.\" Poetry 37 (February 1931):",
        "    269. Quoted in Bonnie Costello, Imaginary Possessions (Cambridge: Harvard UP, 1981).",
    ])
    assert [e.line for e in entries(text)] == [1, 3, 5]
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 3, 5]


def test_wrapped_flush_entries_are_still_joined() -> None:
    text = "\n".join([
        "Anne Berg, La grande migration : la Russie et les Russes depuis 1989, Paris,",
        "Plon, 2004, 662 p.",
        "Marie Roux, Russie : l'envers du pouvoir, Paris, Odile Jacob, 2008, 330 p.",
        "Лузянин С. Г. Восточная политика Владимира Путина. Возвращение России на «Большой Восток».",
        "— М.: Восток — Запад, 2007. — 448 с.",
    ])
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 3, 4]
    assert records[0].csl.get("publisher") == "Plon" and records[2].year == 2007


def test_ditto_line_is_a_new_entry_in_a_list() -> None:
    text = "\n".join([
        "Sterne, Laurence. The Life and Opinions of Tristram Shandy. New York: Modern Library, n.d.",
        "———. A Sentimental Journey. London: Penguin, 2006.",
    ])
    records, _ = parse_text(text)
    assert len(records) == 2 and records[1].authors[0]["family"] == "Sterne"


def test_prose_around_a_one_per_line_list_is_not_taken() -> None:
    text = "\n".join([
        "The seminar reads the books below in the order given; each week one student introduces the reading.",
        "Students who miss a session write a short summary of the reading instead.",
        "",
        "Required books",
        *ONE_PER_LINE[:4],
        "",
        "Office hours are on Wednesdays from two to four in room 204 of the main building.",
    ])
    records, _ = parse_text(text)
    assert [r.origin.text for r in records] == ONE_PER_LINE[:4]


def test_numbers_of_any_width_are_list_numbers() -> None:
    # issue 16 §2: a numbered reference with a number of 10,000 or more was dropped
    for fmt in ("{n}. ", "[{n}] ", "({n}) "):
        lines = [fmt.format(n=n) + f"Smith, John. The Book of Things, Part {n}. London: Penguin, 2010."
                 for n in (9999, 10000, 10001, 123456)]
        records, _ = parse_text("\n".join(lines))
        assert len(records) == 4, fmt
        assert all(r.title.startswith("The Book of Things") for r in records)
        assert [r.origin.text for r in records] == lines
        assert all(r.authors == [{"family": "Smith", "given": "John"}] for r in records)


def test_a_long_line_of_numbered_references_is_cut_into_references() -> None:
    refs = [f"[{n}] Smith, John. The Book of Things, Part {n}. London: Penguin, {1900 + n % 100}."
            for n in range(1, 400)]
    line = " ".join(refs)
    assert len(line) > MAX_REF
    records, _ = parse_text(line)
    assert len(records) == len(refs)
    assert records[10].origin.text.startswith("[11] Smith, John. The Book of Things, Part 11.")


def test_a_200_kb_line_of_prose_is_rejected_quickly() -> None:
    # a regression guard for linear time (the figures are in bench/bench_parse_scale.py)
    sentence = ("The council met in 2002 and again in 2004, when members agreed to expand cooperation "
                "(Smith, 2004).[5] ")
    text = sentence * (200_000 // len(sentence))
    start = time.perf_counter()
    records, _ = parse_text(text)
    assert records == []
    assert time.perf_counter() - start < 5
    start = time.perf_counter()
    records, _ = parse_text("x" * 200_000 + "\n" + "(" * 200_000)
    assert records == [] and time.perf_counter() - start < 5


def test_item_blocks_are_never_joined_and_long_items_are_cut() -> None:
    blocks = [
        SourceBlock(text="Smith, John. The Book of Things. London:", kind="item", line=1),
        SourceBlock(text="Penguin, 2010.", kind="item", line=2),
        SourceBlock(text=" ".join(f"[{n}] Lee, Ann. Harbours, Part {n}. Oxford: Clarendon Press, 2001."
                                  for n in range(1, 60)), kind="item", line=3),
    ]
    records, _ = parse_blocks(blocks)
    assert all(r.origin.line != 2 for r in records)  # "Penguin, 2010." was not glued to the item before
    assert sum(r.origin.line == 3 for r in records) == 59
    # (cut at its own markers only: "[2] Lee, Ann." stays with "Harbours, Part 2.", a title
    # shaped as a name)
    assert all(r.csl["author"][0]["family"] == "Lee" for r in records if r.origin.line == 3)


def test_a_short_list_of_titles_and_their_authors_without_years_is_read_line_by_line() -> None:
    """A newspaper's recommendations, "Title de Author." one per line with no year and no
    publisher: most lines end well before the width, so each line is one reference (and a
    given name the lexicon does not know still starts the author: "de Chil Rajchman")."""
    text = ("Los viajes del capitán Alatriste por el norte de Charles Dickens.\n"
            "Ravel de Jean Echenoz.\n"
            "Treblinka de Chil Rajchman.\n"
            "El barón rampante de Italo Calvino.\n"
            "Pedra de tartera, de Maria Barbal.\n"
            "Los puertos del norte de Ana Lind.\n")
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[2].csl["title"] == "Treblinka" and records[2].csl["author"][0]["family"] == "Rajchman"


def test_short_title_then_author_lines_are_each_a_reference() -> None:
    """A blog's list of short lines "Title - Author" (hyphens with or without a space before):
    no line is cut by a margin, so none is the rest of the line before."""
    lines = ["The Secret Agent - Joseph Conrad", "The Mill on the Floss- George Eliot",
             "Far from the Madding Crowd – Thomas Hardy", "The Woman in White- Wilkie Collins",
             "North and South - Elizabeth Gaskell", "The Way We Live Now – Anthony Trollope"]
    records, report = parse_text("\n".join(lines))
    assert [r.origin.text for r in records] == lines
    assert report.summary["left_out"] == 0
    # (and the dash between the title and the author is neither's)
    assert records[0].csl["title"] == "The Secret Agent"
    assert records[1].csl["title"] == "The Mill on the Floss"


#: a list mixing scripts without capitals and lines ending in a label set apart ("[15]": the
#: list's own numbering, not a footnote marker of prose)
MIXED_SCRIPTS = [
    "Smith, John. The Book of Things. London: Penguin, 2010.",
    "김민수(2015). 한국 교육의 역사. 서울: 학지사.",
    "Jones, Mary. Harbours and Trade. Oxford: Clarendon Press, 1998.",
    '- محمد رضايي ، "تاريخ الأدب" ؛ تهران : نشر نو ؛ 1370',
    "Brown, Alan. Rivers of the North. Cambridge: Cambridge University Press, 2004.",
    "Nowak, A., Lis, B., 1998 — Klucz do oznaczania roślin Polski. p.467 [15]",
    "Kowalski, J., 2001 — Atlas roślin naczyniowych w Polsce. p.12 [80]",
    "Green, Paula. Salt and Stone. New York: Norton, 2012.",
]


def test_lines_in_scripts_without_capitals_and_with_a_label_at_the_end_are_kept() -> None:
    records, report = parse_text("\n".join(MIXED_SCRIPTS))
    assert [r.origin.text for r in records] == MIXED_SCRIPTS
    assert report.summary["left_out"] == 0


def test_a_footnote_marker_ending_a_sentence_of_prose_is_still_prose() -> None:
    text = "\n".join(["Smith, John. The Book of Things. London: Penguin, 2010.",
                      "Since 1991 the three governments have met every year to agree their positions.[5]",
                      "Jones, Mary. Harbours and Trade. Oxford: Clarendon Press, 1998."])
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 3]


#: a GOST list whose lines have two "sentences" each ("комм. А. Б. Петрова. М., 1971"): still
#: shaped as references (their words are mostly capitalised), not prose
GOST_NOTES = [
    "Записки путешественника / Пер. и комм. А. Б. Петрова. М., 1971.",
    "Хроника города / Изд. В. Г. Сидорова. Казань, 1966. Т. 2.",
    "Летопись монастыря / Обр. Д. Е. Орлова. Тверь, 1958.",
    "Смирнов И. П. Очерки торговли на Волге. Самара, 1963.",
    "Сборник грамот / Сост. К. Л. Жуков. Пермь, 1977. Вып. 3.",
]


def test_reference_lines_with_two_sentences_are_list_shaped() -> None:
    from refs.parse.find import _list_shaped

    assert all(_list_shaped(line) for line in GOST_NOTES)
    assert not _list_shaped("Read the first chapter before class. We discuss it in week two with the tutor.")


def test_every_line_of_a_list_left_out_is_in_the_report() -> None:
    """Nothing is lost in silence: a line of a one-per-line list that is not read as a
    reference ("Handbook … 320.9 H236 2011", no part set apart) is listed in the report."""
    lines = ["Smith, John. The Book of Things. London: Penguin, 2010.",
             "Jones, Mary. Harbours and Trade. Oxford: Clarendon Press, 1998.",
             "Handbook of Regional Statistics 310.5 H236 2011",
             "Brown, Alan. Rivers of the North. Cambridge: Cambridge University Press, 2004.",
             "Green, Paula. Salt and Stone. New York: Norton, 2012."]
    records, report = parse_text("\n".join(lines))
    kept = {r.origin.line for r in records}
    told = {p.line for p in report.problems if p.severity == "info"}
    assert kept | told == {1, 2, 3, 4, 5}
    assert report.summary["left_out"] == len(told - kept)


def test_a_reference_with_two_sentences_does_not_make_its_neighbours_captions() -> None:
    """A line next to a paragraph of prose is a heading or a caption, not a list line; a
    reference whose title and subtitle read as two sentences ("… anders. Raumbezogene …") is
    no paragraph, so the line after it is still a line of the list."""
    from refs.parse.find import _paragraph

    long_ref = ("Anna Roe und Jan Berg (Hg.): Häfen im Norden. Handel und Wandel in der Geschichte der "
                "Städte. Kiel (Nordische Studien 6.) 2010. 283 S.")
    assert not _paragraph(long_ref)
    assert _paragraph("Read the first chapter before class. Then we discuss it in week two. Bring notes.")
    lines = ["Jan Berg: Schiffe und Menschen. Bremen 2008. 211 S.", long_ref,
             "Dora Lind: Afrika am Meer. Berlin 2011. 106 S.", "Paul Ek: Der Hafen. Hamburg 2012. 90 S."]
    found = entries("\n".join(lines))
    assert [e.text for e in found] == lines
    assert not any(e.by_prose for e in found)


def test_a_title_and_its_authors_with_a_publisher_make_a_whole_list_line() -> None:
    """The one-per-line vote counts the lines that are whole references by themselves: a line
    with a title and its authors and one thing more (a publisher, no year: "Title, de Author
    (Publisher)") is one, one point short of the threshold; a title alone so short is not, nor a
    name alone."""
    from refs.model import Origin, Record
    from refs.parse.find import THRESHOLD, Entry, Line

    def entry(score: int, csl: dict[str, object]) -> Entry:
        e = Entry.start(Line(text="Cómo entrenar a tu dragón, de Cressida Cowell (Planeta)", line=1, block=0))
        e.rec = Record(id="", csl=csl, origin=Origin("text", "", 1, e.text))
        e.score = score
        return e

    both = {"title": "Cómo entrenar a tu dragón", "author": [{"family": "Cowell", "given": "Cressida"}]}
    assert entry(THRESHOLD - 1, both).complete()
    assert not entry(THRESHOLD - 1, {"title": "Cómo entrenar a tu dragón"}).complete()
    assert not entry(THRESHOLD - 1, {"author": both["author"]}).complete()
    assert not entry(THRESHOLD - 2, both).complete()
