"""Detection: which lines of an article are references (and nothing else)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refs.parse import parse_text
from refs.parse.find import entries

DATA = Path(__file__).resolve().parent / "data" / "parse"


def test_article_with_markers_wrapped_lines_and_prose():
    records, report = parse_text((DATA / "article_en.txt").read_text(encoding="utf-8"), source="a.txt")
    assert [r.origin.line for r in records] == [9, 10, 11, 13, 16, 18, 20]
    titles = [r.title for r in records]
    assert titles == [
        "Opening NATO's Door", "The Russia Hand", "NATO and the Russian Federation in the new Europe",
        "Founding Act", "NATO-Russia relations in the twenty-first century",
        "Russia and NATO: From Windows of Opportunities to Closed Doors",
        "International security in practice: the politics of NATO-Russia diplomacy"]
    carr = records[2]
    assert carr.csl["container-title"] == "Journal of Communist Studies and Transition Politics"
    assert carr.csl["page"] == "88-110"
    assert records[4].csl["publisher"] == "Routledge" and records[4].year == 2008
    assert records[0].csl["note"] == "p. 210"
    assert records[3].type == "webpage" and records[3].csl["issued"] == {"date-parts": [[1997, 5, 27]]}
    assert all(r.origin.file == "a.txt" for r in records)
    assert report.summary["references"] == 7


def test_prose_headings_captions_are_not_references():
    text = "\n".join([
        "History of relations, 1991–2014",
        "The council met in 2002 and again in 2004, when members agreed to expand cooperation.[5][6]",
        "Map of the member states, 2020.",
        "See also",
        "Smith, John. The Book of Things. London: Penguin, 2010.",
    ])
    records, _ = parse_text(text)
    assert [r.title for r in records] == ["The Book of Things"]


def test_footnote_markers():
    text = "\n".join([
        "↑Ronald D. Azmus, Opening NATO's Door (2002) p. 210.",
        "^ Strobe Talbott, The Russia Hand (2002) p. 246.",
        "3. Smith, J. (2010). Global politics. London: Routledge.",
        "[4] A. B. Smith, \"Neural parsing,\" IEEE Trans. Pattern Anal., vol. 41, no. 6, pp. 1–5, 2019.",
        "(5) Krezel, A.; Bal, W. \"A Formula.\" J. Inorg. Biochem. 2004, 98, 161–166.",
    ])
    records, _ = parse_text(text)
    assert [r.authors[0]["family"] for r in records] == ["Azmus", "Talbott", "Smith", "Smith", "Krezel"]


def test_wrapped_entries_are_joined():
    text = ("Asmus, Ronald D., Richard L. Kugler, and F. Stephen Larrabee. \"Building a new NATO.\"\n"
            "    Foreign Affairs (1993): 28-40.\n"
            "Hanson, Marianne. \"Russia and NATO expansion: The uneasy basis of the founding act.\""
            " European\n"
            "Security 7.2 (1998): 13-29.\n")
    found = entries(text)
    assert [e.line for e in found] == [1, 3]
    records, _ = parse_text(text)
    assert [r.csl.get("container-title") for r in records] == ["Foreign Affairs", "European Security"]
    assert records[1].csl["volume"] == "7" and records[1].csl["issue"] == "2"


def test_hyphen_at_line_end_is_rejoined():
    text = "Smith, John. \"Trust in inter-\nnational alliances.\" Security Studies 3, no. 1 (2004): 1-20.\n"
    records, _ = parse_text(text)
    assert len(records) == 1 and records[0].title == "Trust in international alliances"


def test_empty_and_non_reference_input():
    records, report = parse_text("Just a sentence without anything bibliographic.\n")
    assert records == [] and report.problems and report.problems[0].severity == "warning"
    records, _ = parse_text("")
    assert records == []


def test_short_citations_are_not_references_but_web_citations_are():
    text = "\n".join([
        '^ "NATO-Russia Council". nato.int. Retrieved 2020-01-01.',
        "^ Asmus 2002, p. 210.",
        "^ Ibid., p. 5.",
        "^ Smith, John (2004). The Rise of NATO. London: Routledge.",
    ])
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 4]
    assert records[0].type == "webpage" and records[0].csl["accessed"] == {"date-parts": [[2020, 1, 1]]}


def test_ditto_dashes_repeat_the_authors():
    text = ("Smith, John. The Feeling of Being There. Paris: Semeion, 2011.\n"
            "———. Another Book. Paris: Semeion, 2012.\n")
    records, _ = parse_text(text)
    assert [r.title for r in records] == ["The Feeling of Being There", "Another Book"]
    assert records[1].authors == [{"family": "Smith", "given": "John"}]


def test_wikipedia_backlink_markers_in_several_languages():
    text = "\n".join([
        "↑ 1 2 Иванов И. И. Россия и НАТО. — М.: Наука, 2004. — 256 с.",
        "↑ 1,0 1,1 Φίλης, Κ. (2015). Η Ρωσία και το ΝΑΤΟ. Αθήνα: Παπαζήσης.",
        "^ a b c Smith, John (2004). The Rise of NATO. London: Routledge.",
    ])
    records, _ = parse_text(text)
    assert [r.authors[0]["family"] for r in records] == ["Иванов", "Φίλης", "Smith"]
    assert [r.year for r in records] == [2004, 2015, 2004]
    assert records[0].csl["publisher-place"] == "Москва"


def test_publication_facts_wrapped_after_a_full_stop():
    text = ("Braun, Aurel, ed. NATO-Russia relations in the twenty-first century.\n"
            "Routledge, 2008.\n"
            "Contemporary relations, 2000–2014\n"
            "Smith, John. The Rise of NATO. London: Routledge, 2004.\n")
    records, _ = parse_text(text)
    assert [(r.origin.line, r.year) for r in records] == [(1, 2008), (4, 2004)]
    assert records[0].csl["publisher"] == "Routledge" and records[0].editors[0]["family"] == "Braun"


def test_a_ragged_one_per_line_list_keeps_every_line():
    # lines ended well short of the width (the next first word would have fitted): one
    # reference per line, even where a line has no year or starts with a title
    lines = [
        "Sarah Foot, Athelstan: The First King of England, Yale UP",
        "The Zinn Reader: Second Edition by Howard Zinn (Seven Stories Press)",
        "Green, V H H 1974, A History of Oxford University, Batsford, London",
        "Michael Burleigh, Het Derde Rijk. Een nieuwe geschiedenis (Amsterdam, 2008)",
        "Rogers, D 1991, The Bodleian Library and its treasures 1320-1700, Aidan Ellis, Henley-on-Thames",
        "Peter Heather, The Restoration of Rome, Pan Books, 2013",
        "Alan Bullock, Hitler: leven en ondergang van een tiran (Utrecht, 1958)",
        "Cobban, A B 1988, The Medieval English Universities, Scholar Press, Aldershot",
        "Give My Poor Heart Ease: Voices of the Mississippi Blues by William Ferris (UNC Press)",
        "Aston, T H 1984, The History of the University of Oxford, Clarendon Press, Oxford",
    ]
    assert [e.text for e in entries("\n".join(lines))] == lines


def test_a_wrapped_list_is_still_joined():
    # the same kind of references wrapped at a fixed width: lines end at the margin, so the
    # pieces of one reference are joined, not taken one per line
    import textwrap

    refs = ["Green, V. H. H. 1974. A History of Oxford University. London: Batsford Academic and "
            "Educational Publishers, second edition with a new preface.",
            "Cobban, A. B. 1988. The Medieval English Universities: Oxford and Cambridge to c. 1500. "
            "Aldershot: Scholar Press for the Society of Antiquaries.",
            "Aston, T. H. 1984. The History of the University of Oxford, volume one: The Early Oxford "
            "Schools. Oxford: Clarendon Press."]
    text = "\n".join(textwrap.fill(r, 60) for r in refs)
    assert [e.text for e in entries(text)] == refs


def test_a_list_line_the_model_misreads_is_still_a_reference():
    """In a list where most lines are whole references, a line shaped as one (parts parted by
    commas, names capitalised) is kept even when the model finds no title in it; a heading
    and a sentence of prose among the lines are not."""
    refs = [
        "Berger, Anna. Die Stadt am Fluss. Berlin: Aufbau, 2011.",
        "Marchetti, L. (1998). Il porto e la città. Bologna: Il Mulino.",
        "Lindqvist, Per. Havet och staden. Stockholm: Natur & Kultur, 2004.",
        "Dubois, Claire, Les quais de Loire, Paris, Seuil, 2016.",
        "La casa del puerto, de Marta Esteve Roig.",
        "El molí vell, de Pere Casals.",
        "Novak, J. Mesto na reki. Ljubljana: Mladinska knjiga, 2009.",
        "Keller, Thomas. Brücken und Fähren. München: Beck, 2001.",
    ]
    text = "\n".join([refs[0], "Week 4: rivers and towns", *refs[1:4],
                      "We will read these over the term and discuss them in class, one a week.", *refs[4:]])
    records, _ = parse_text(text)
    found = [r.origin.text for r in records]
    assert found == refs


def test_a_reference_pasted_alone_is_found_even_when_the_model_reads_it_badly() -> None:
    """One reference and nothing else: no list votes for it, so the finder looks at it again
    when nothing was found (the model glued this one's numbers to the journal: score 3)."""
    text = ("Turing AM. On computable numbers, with an application to the Entscheidungsproblem. "
            "Proc Lond Math Soc. 1937;s2-42(1):230-65.")
    records, report = parse_text(text)
    assert [r.authors[0]["family"] for r in records] == ["Turing"] and not report.problems
    # a sentence or a heading alone is still no reference
    for text in ("This course follows relations between states. Students write essays.",
                 "Week 4. No class (spring break)"):
        records, report = parse_text(text)
        assert records == [] and [p.message for p in report.problems] == ["no references found"]


def test_the_second_look_finds_a_reference_after_a_paragraph() -> None:
    line = ("Turing AM. On computable numbers, with an application to the Entscheidungsproblem. "
            "Proc Lond Math Soc. 1937;s2-42(1):230-65.")
    prose = "This paragraph is about something else entirely and it goes on for a while."
    records, _ = parse_text(f"{prose}\n\n{line}\n")
    assert [r.origin.line for r in records] == [3]


def test_two_or_three_lines_shaped_as_references_are_a_short_list() -> None:
    """A reading list of three lines, none a whole reference by the model's count (a name,
    a title, a year): nothing else was found, every line is shaped as a reference of a
    list, so each is one record, on its own line, flagged for its missing title when the
    model could not find it."""
    text = ("Henry Kissinger. Diplomacy (1994).\nSinclair Lewis, Babbitt (1922).\n"
            "Frank McCourt, Teacher Man (2005).\n")
    records, report = parse_text(text)
    assert [r.origin.line for r in records] == [1, 2, 3]
    assert all(r.csl.get("issued") for r in records)
    # one such line alone is not enough when the parser cannot read it whole (no title in it)
    records, report = parse_text("Frank McCourt (2005).")
    assert records == [] and [p.message for p in report.problems] == ["no references found"]
    # (one it reads whole, a name, a title and a year, is a reference pasted alone)
    records, _ = parse_text("Sinclair Lewis, Babbitt (1922).")
    assert [r.csl["title"] for r in records] == ["Babbitt"]


def test_a_line_shaped_as_a_reference_but_not_kept_is_in_the_report() -> None:
    """Nothing left out in silence: a line that looks like a reference but was not read as
    one (here between paragraphs of prose, where no list vouches for it) is named in the
    report with its line, for a person to check; the prose is not."""
    prose = ("This course meets on Mondays, and the essays are due each Friday before noon in the office "
             "of the department. Late essays are not marked at all.")
    text = "\n\n".join([prose, "Smith, J. (2001). A history of things. Journal of Stuff, 12, 45-67.", prose,
                         "The Russia Hand: A Memoir of Presidential Diplomacy. Random House, 2002.", prose])
    records, report = parse_text(text)
    assert [r.origin.line for r in records] == [3]
    assert report.summary["left_out"] == 1
    [p] = [p for p in report.problems if p.line == 7]
    assert p.severity == "info" and "The Russia Hand" in p.message and "shaped as one" in p.message
    # two lines, both shaped as references: a short list, the second kept though the model
    # gave it less than a whole reference
    records, report = parse_text("Smith, J. (2001). A history of things. Journal of Stuff, 12, 45-67.\n"
                                 "The Russia Hand: A Memoir of Presidential Diplomacy. Random House, 2002.\n")
    assert [r.origin.line for r in records] == [1, 2] and report.summary["left_out"] == 0


def test_a_cv_list_with_the_year_first_in_brackets():
    """ "(2014) Title, Publisher" lines: each is an entry, the bracketed year is a year (not a
    list number), and a title with a publishing house's name is whole without authors."""
    text = ("(2014) The Quiet Harbour: Essays on Coastal Towns, Meridian Books.\n"
            "(2009) Salt and Timber (editor), University Press of Wessex\n"
            "(2003) Rivers of the North, Harbor Press Inc.\n")
    recs, _ = parse_text(text)
    assert [r.origin.line for r in recs] == [1, 2, 3]
    assert [r.year for r in recs] == [2014, 2009, 2003]
    assert recs[0].csl["title"] == "The Quiet Harbour: Essays on Coastal Towns"


def test_a_list_bulleted_with_hyphens() -> None:
    """ "- Title (Publisher, 88 pages)," lines: each hyphen is a bullet, so a line ending in a
    comma does not run into the next; GOST's next area after a hyphen still continues a line."""
    text = ("- O rio das almas (Editora Lume, 120 páginas, R$ 39,90),\n"
            "- A casa do vento (Editora Sal, 98 páginas, R$ 29,90),\n"
            "- Mar de dentro (Editora Lume, 210 páginas, R$ 49,90),\n")
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 2, 3]
    gost = "Петров А. В. Очерки истории края,\n- М.: Наука, 1999. - 256 с.\n"
    assert [e.s[:6] for e in entries(gost)] == ["Петров"]


def test_a_list_whose_lines_end_in_commas() -> None:
    """A recommendation list written as one sentence, a line each: "Title di Author (Publisher),"
    — each line is an entry; a reference wrapped after "Paris," still joins its next line."""
    books = ("Rossi, Anna. Il porto. Torino: Einaudi, 2001.\n"
             "Bianchi, Marco. La laguna. Milano: Adelphi, 1999.\n"
             "Verdi, Luca. Le saline. Palermo: Sellerio, 2005.\n"
             "Neri, Paola. I fari. Genova: Sagep, 1994.\n"
             "Gallo, Sara. Le isole. Bari: Laterza, 2010.\n")
    text = books + ("Il mare d’inverno di Luca Sarti (Einaudi),\n"
                    "La casa sul lago (Adelphi),\n"
                    "Le vie del sale di Marta Ferri (Sellerio),\n"
                    "Il vento di Lucia Arno (Feltrinelli),\n"
                    "La luna piena di Paolo Neri (Iperborea);\n") + books
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == list(range(1, 16))
    text = ("LENTZ (Thierry), Napoléon, Paris, « Découvertes Gallimard », 2005, 159 p.\n"
            "CASTELOT (André), L’Aiglon, Paris,\nPerrin, 1995, 498 p.\n"
            "COSSERON (Serge), Les mensonges de Napoléon, Paris, Perrin, 2002, 210 p.\n")
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 2, 4]


def test_a_dash_and_a_year_repeat_the_authors() -> None:
    """Author-year lists write the authors once, then "– 2001:" for each further work: the line
    is an entry of its own (not GOST's next area) with the authors of the one before."""
    text = ("Virta, Aino 1995: Rannan kylät. Helsinki: Otava.\n"
            "– 2001: Saariston talot. Helsinki: Otava.\n"
            "Koski, Eero 1999: Järven rannalla. Turku: Sammakko.\n")
    records, _ = parse_text(text)
    assert [r.origin.line for r in records] == [1, 2, 3]
    assert records[1].csl["author"][0]["family"] == "Virta" and records[1].year == 2001


def test_more_bullet_glyphs() -> None:
    """ "·", "■", "▪" open a list entry like "•": a line ending in a comma does not run into it."""
    for bullet in ("·", "■", "▪"):
        text = (f"{bullet} Nowak, J. — Flora of the northern marshes,\n"
                f"{bullet} Rutkowski L., 1998 — Klucz do roślin. Warszawa: PWN.\n")
        records, _ = parse_text(text)
        assert [r.origin.line for r in records] == [1, 2]
        assert records[1].csl["author"][0]["family"] == "Rutkowski"


def test_a_book_with_its_extent_but_no_year_is_whole() -> None:
    """A review's header gives author, title, publisher and the book's extent, no year: that is a
    whole reference, pasted alone too."""
    records, _ = parse_text("Anna Visser: De stille haven. Over schepen en kaden. Querido, 312 blz. €21,50")
    assert len(records) == 1 and records[0].csl["publisher"] == "Querido"


def test_a_list_line_whose_only_reference_field_the_model_doubts_is_not_kept(monkeypatch) -> None:
    """In a one-per-line list a line is kept on little ("what only references have": a container,
    a publisher …), but not when the model itself doubts that field (a sentence of prose, its
    second half read as a "container" at 0.17): the line is then named in the report."""
    from refs.parse import assemble, fields
    from refs.parse.extras import extract
    from refs.parse.model import Span

    prose = ("The council was founded in 2002 for managing matters of common security. Founding act "
             "on mutual relations, cooperation and security, 1997.")
    cut = prose.index("Founding")
    real_parse = fields.parse_reference

    def parse(text: str, *args: Any, **kw: Any) -> Any:
        if text != prose:
            return real_parse(text, *args, **kw)
        spans = [Span("title", 0, cut - 1, prose[: cut - 1], 0.93),
                 Span("container-title", cut, len(prose) - 6, prose[cut:-6], sure),
                 Span("date", len(prose) - 5, len(prose), prose[-5:], 0.66)]
        return assemble.build(spans, extract(prose)[1], prose)

    monkeypatch.setattr(fields, "parse_reference", parse)
    refs = ["Smith, John. The Book of Things. London: Penguin, 2010.",
            "Jones, Mary. Harbours and Trade. Oxford: Clarendon Press, 1998.",
            "Brown, Alan. Rivers of the North. Cambridge: Cambridge University Press, 2004.",
            "Green, Paula. Salt and Stone. New York: Norton, 2012."]
    text = "\n".join([refs[0], prose, *refs[1:]])
    for sure, kept in ((0.17, False), (0.9, True)):
        records, report = parse_text(text)
        assert (2 in [r.origin.line for r in records]) is kept, sure
        assert any(p.line == 2 for p in report.problems) is not kept, sure


def test_a_sister_project_box_after_a_list_is_no_reference() -> None:
    """German Wikipedia's "Commons: … – Sammlung von Bildern" under "Weblinks", after the
    literature list, is a box pointing elsewhere, never a reference."""
    text = (Path(__file__).parent / "data/parse_eval/detection/de_article.txt").read_text(encoding="utf-8")
    records, _ = parse_text(text)
    assert records and not any(r.origin.text.startswith("Commons:") for r in records)
