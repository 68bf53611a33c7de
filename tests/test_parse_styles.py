"""One reference string per style and per trap, with the fields a careful reader
would write down. Families are compared as a list; other fields exactly."""

from __future__ import annotations

import pytest

from refs.parse import parse_reference

CASES: list[tuple[str, dict]] = [
    # --- Chicago bibliography -------------------------------------------------------
    ('Lewis, David. "Counterfactual Dependence and Time\'s Arrow." Noûs 13, no. 4 (1979): 455–76.',
     dict(type="article-journal", families=["Lewis"], title="Counterfactual Dependence and Time's Arrow",
          container="Noûs", volume="13", issue="4", page="455-476", year=2015 - 36)),
    ("Van Evera, Stephen. Causes of War: Power and the Roots of Conflict. Ithaca, NY: Cornell University "
     "Press, 1999.",
     dict(type="book", families=["Van Evera"], title="Causes of War: Power and the Roots of Conflict",
          publisher="Cornell University Press", place="Ithaca, NY", year=1999)),
    ('Nichols, Bill. "Getting to Know You." In Theorizing Documentary, edited by Michael Renov, 1–11. '
     "London: Routledge, 1993.",
     dict(type="chapter", families=["Nichols"], editors=["Renov"], title="Getting to Know You",
          container="Theorizing Documentary", page="1-11", publisher="Routledge", place="London",
          year=1993)),
    ('Kaiser, Łukasz. "Attention in Neural Networks." PhD diss., University of Amsterdam, 2016.',
     dict(type="thesis", families=["Kaiser"], genre="PhD diss.", publisher="University of Amsterdam",
          year=2016)),
    # --- Chicago notes ------------------------------------------------------------------
    ("1. Lukáš Holas, Theory of Things (Prague: Charles University Press, 2011), 45.",
     dict(type="book", families=["Holas"], title="Theory of Things", publisher="Charles University Press",
          place="Prague", year=2011, note="45")),
    ('2. Fergus Carr and Paul Flenley, "NATO and the Russian Federation," Journal of Communist Studies 15, '
     "no. 2 (1999): 88–110.",
     dict(type="article-journal", families=["Carr", "Flenley"], title="NATO and the Russian Federation",
          container="Journal of Communist Studies", volume="15", issue="2", page="88-110", year=1999)),
    # --- APA ------------------------------------------------------------------------------
    ("Smith, J. A., & Jones, B. (2019). Deep learning for citation parsing. Journal of Documentation, "
     "75(3), 512–530. https://doi.org/10.1108/JD-01-2019-0001",
     dict(type="article-journal", families=["Smith", "Jones"], title="Deep learning for citation parsing",
          container="Journal of Documentation", volume="75", issue="3", page="512-530", year=2019,
          DOI="10.1108/JD-01-2019-0001")),
    ("Brown, A. (2008). The politics of memory (2nd ed.). Oxford University Press.",
     dict(type="book", families=["Brown"], title="The politics of memory", edition="2",
          publisher="Oxford University Press", year=2008)),
    ("García Márquez, G., López, M., & Pérez, R. (2015). Redes sociales y política. In M. Castells (Ed.), "
     "La sociedad red (pp. 45–67). Madrid: Alianza.",
     dict(type="chapter", families=["García Márquez", "López", "Pérez"], editors=["Castells"],
          title="Redes sociales y política", container="La sociedad red", page="45-67", publisher="Alianza",
          place="Madrid", year=2015)),
    # --- MLA ------------------------------------------------------------------------------
    ('Smith, John. "Title of an Article." Journal of Studies, vol. 30, no. 4, 2015, pp. 100-120.',
     dict(type="article-journal", families=["Smith"], container="Journal of Studies", volume="30",
          issue="4", page="100-120", year=2015)),
    ('Doe, Jane. "A Chapter." The Big Book, edited by Ann Editor, Routledge, 2012, pp. 5-25.',
     dict(type="chapter", families=["Doe"], editors=["Editor"], container="The Big Book", page="5-25",
          publisher="Routledge", year=2012)),
    ("Jones, Mary, and Peter Brown. The Book of Things. Penguin, 2010.",
     dict(type="book", families=["Jones", "Brown"], title="The Book of Things", publisher="Penguin",
          year=2010)),
    # --- Harvard --------------------------------------------------------------------------
    ("Smith, J. and Brown, K. (2012) 'Security and trust', International Affairs, 88(2), pp. 255-270.",
     dict(type="article-journal", families=["Smith", "Brown"], title="Security and trust",
          container="International Affairs", volume="88", issue="2", page="255-270", year=2012)),
    ("Smith, J. (2010) Global politics. London: Routledge.",
     dict(type="book", families=["Smith"], title="Global politics", publisher="Routledge", place="London",
          year=2010)),
    # --- IEEE -----------------------------------------------------------------------------
    ('[1] A. B. Smith, C. D. Jones, and E. Brown, "Neural parsing of references," IEEE Trans. Pattern '
     "Anal. Mach. Intell., vol. 41, no. 6, pp. 1234–1245, Jun. 2019.",
     dict(type="article-journal", families=["Smith", "Jones", "Brown"], title="Neural parsing of references",
          volume="41", issue="6", page="1234-1245", year=2019)),
    ("[2] L. Kaiser, Deep Learning Systems. Cambridge, MA, USA: MIT Press, 2017.",
     dict(type="book", families=["Kaiser"], title="Deep Learning Systems", publisher="MIT Press",
          place="Cambridge, MA, USA", year=2017)),
    # --- Vancouver ------------------------------------------------------------------------
    ("1. Smith AB, Jones CD, Brown E. Citation parsing in medicine. N Engl J Med. 2005;352(12):1234-40.",
     dict(type="article-journal", families=["Smith", "Jones", "Brown"], title="Citation parsing in medicine",
          container="N Engl J Med", volume="352", issue="12", page="1234-1240", year=2005)),
    ("2. World Health Organization. Global tuberculosis report 2020. Geneva: WHO; 2020.",
     dict(families=[], literal="World Health Organization", title="Global tuberculosis report 2020",
          publisher="WHO", place="Geneva", year=2020)),
    # --- Wikipedia shorthand --------------------------------------------------------------
    ("Braun, Aurel, ed. NATO-Russia relations in the twenty-first century (Routledge, 2008).",
     dict(type="book", families=[], editors=["Braun"], title="NATO-Russia relations in the twenty-first"
                                                             " century",
          publisher="Routledge", year=2008)),
    ("Pouliot, Vincent. International security in practice (Cambridge UP, 2010).",
     dict(type="book", families=["Pouliot"], title="International security in practice",
          publisher="Cambridge UP", year=2010)),
    ('Kupchan, Charles A. "NATO\'s Final Frontier" Foreign Affairs 89#3 (2010), pp. 100–112 online',
     dict(type="article-journal", volume="89", issue="3", page="100-112", year=2010, note="online")),
    ('Wohlforth, William. "An abiding antagonism." International Politics (2017) 54#4 pp 405–419.',
     dict(volume="54", issue="4", page="405-419", year=2017)),
    ('Mearsheimer, John J. "Why the Ukraine Crisis Is the West\'s Fault." Foreign Affairs 93(5) (2014):'
     ' 77-89.',
     dict(volume="93", issue="5", page="77-89", year=2014, container="Foreign Affairs")),
    ('Brown, Kate. "Cities." Urban Studies no. 16 (2004): 5-9.',
     dict(issue="16", page="5-9", year=2004, container="Urban Studies")),
    ("Talbott, Strobe. The Russia Hand: A memoir of Presidential Diplomacy (2002) online",
     dict(type="book", title="The Russia Hand: A memoir of Presidential Diplomacy", year=2002,
          note="online")),
    # --- GOST -----------------------------------------------------------------------------
    ("Иванов И. И. История России : учебник / И. И. Иванов. – М. : Наука, 2004. – 256 с.",
     dict(type="book", families=["Иванов"], title="История России : учебник", publisher="Наука",
          place="Москва", year=2004)),
    ("Петров П. П. Экономика переходного периода // Вопросы экономики. – 2010. – № 5. – С. 12–25.",
     dict(type="article-journal", families=["Петров"], title="Экономика переходного периода",
          container="Вопросы экономики", issue="5", page="12-25", year=2010)),
    ("Сидоров С. С. Политика и общество. – М., 2004. – 312 с.",
     dict(type="book", families=["Сидоров"], title="Политика и общество", place="Москва", year=2004)),
    # --- other languages ------------------------------------------------------------------
    ("Dupont, Jean. Histoire de la France contemporaine. Paris : Gallimard, 1998.",
     dict(type="book", families=["Dupont"], publisher="Gallimard", place="Paris", year=1998)),
    ("MÜLLER, Hans. « La politique étrangère allemande ». Revue française de science politique, vol. 52, "
     "n° 3, 2002, p. 305-330.",
     dict(type="article-journal", families=["Müller"], title="La politique étrangère allemande",
          container="Revue française de science politique", volume="52", issue="3", page="305-330",
          year=2002)),
    ("Müller, H. (2005): Die deutsche Außenpolitik. In: Schmidt, M. (Hrsg.): Handbuch Politik. Wiesbaden: "
     "VS Verlag, S. 123–145.",
     dict(type="chapter", families=["Müller"], editors=["Schmidt"], container="Handbuch Politik",
          page="123-145", publisher="VS Verlag", place="Wiesbaden", year=2005)),
    ("Rossi, Mario. La politica estera italiana. Bologna: Il Mulino, 2007.",
     dict(type="book", families=["Rossi"], publisher="Il Mulino", place="Bologna", year=2007)),
    ("Silva, João da. O Brasil e o mundo. São Paulo: Companhia das Letras, 2010.",
     dict(type="book", families=["Silva"], publisher="Companhia das Letras", place="São Paulo", year=2010)),
    ("Παπαδόπουλος, Γιώργος. Η εξωτερική πολιτική της Ελλάδας. Αθήνα: Πατάκης, 2005.",
     dict(type="book", families=["Παπαδόπουλος"], title="Η εξωτερική πολιτική της Ελλάδας",
          publisher="Πατάκης", place="Αθήνα", year=2005)),
    # --- reports, corporate authors, web ----------------------------------------------------
    ("Congressional Research Service. NATO Enlargement: Issues for Congress. CRS Report RL34701, 2009.",
     dict(type="report", literal="Congressional Research Service", number="RL34701", year=2009)),
    ('"NATO–Russia Council". NATO. Retrieved 5 October 2020.',
     dict(type="webpage", title="NATO–Russia Council", container="NATO")),
    ("Brown, Anna. Urban Gardening in Berlin. Master's thesis, Humboldt University, 2018.",
     dict(type="thesis", genre="Master's thesis", publisher="Humboldt University", year=2018)),
]

FIELD = {"container": "container-title", "place": "publisher-place"}


def _families(names):
    return [n.get("family") or n.get("literal") for n in names]


def _case_right(text: str, expected: dict) -> bool:
    rec = parse_reference(text)
    for key, want in expected.items():
        if key == "families":
            got = _families(rec.authors)
            if want and got != want:
                return False
        elif key == "editors":
            if _families(rec.editors) != want:
                return False
        elif key == "literal":
            if not rec.authors or rec.authors[0] != {"literal": want}:
                return False
        elif key == "year":
            if rec.year != want:
                return False
        elif key == "type":
            if rec.type != want:
                return False
        elif rec.csl.get(FIELD.get(key, key)) != want:
            return False
    return True


#: how many of CASES the model parses with every listed field right (measured when the
#: rule-based parser was replaced by the model: see docs/parse.md); raise it, never lower it
STYLE_FLOOR = 33  # of 37


def test_styles_floor():
    wrong = [text for text, expected in CASES if not _case_right(text, expected)]
    assert len(CASES) - len(wrong) >= STYLE_FLOOR, wrong


@pytest.mark.parametrize("text,page", [
    ("Smith, J. (2001). T. Journal, 3(1), 566–82.", "566-582"),
    ("Smith, J. (2001). T. Journal, 3(1), pp. 100–112.", "100-112"),
    ("Smith, J. (2001). T. Journal, 3(1), 1215-18.", "1215-1218"),
    ("Smith, J. (2001). T. Journal, 3(1), e1002.", None),
])
def test_page_convention(text, page):
    rec = parse_reference(text)
    if page:
        assert rec.csl["page"] == page


@pytest.mark.parametrize("text,date", [
    ('Doe, J. "T." Journal 1.1 (2018). online Archived 2022-10-04 at the Wayback Machine.', "2022-10-04"),
    ('Doe, J. "T." Journal 1.1 (2018). Αρχειοθετήθηκε 2022-10-04 στο Wayback Machine.', "2022-10-04"),
    ('Doe, J. "T." Journal 1.1 (2018). Archiviert am 4. Oktober 2022 im Internet Archive.', "2022-10-04"),
    ('Doe, J. "T." Journal 1.1 (2018). Archived from the original on 4 October 2022.', "2022-10-04"),
    ('Doe, J. "T." Journal 1.1 (2018). Архивировано 4 октября 2022 года.', "2022-10-04"),
])
def test_archive_notice_any_language(text, date):
    rec = parse_reference(text)
    assert rec.custom("archive-date") == date
    assert rec.csl["container-title"] == "Journal" and rec.year == 2018
    assert "rchiv" not in str(rec.csl.get("note", "")) and "Αρχειο" not in str(rec.csl.get("note", ""))


def test_year_never_from_title():
    rec = parse_reference('Unverdi, G. "Relations between 1991-2014?" (MA thesis, Leiden University 2015).')
    assert rec.year == 2015 and rec.type == "thesis" and rec.csl["genre"] == "MA thesis"
    rec = parse_reference("Smith, J. The Wars of 1914. London: Routledge, 2001.")
    assert rec.year == 2001 and rec.title == "The Wars of 1914"


def test_annotation_with_years_goes_to_note():
    rec = parse_reference("RAND, Russia's Hostile Measures (2020) online Covers Moldova (1992–2016); Georgia "
                          "(2004–2012)")
    assert rec.year == 2020 and rec.title == "Russia's Hostile Measures"
    assert rec.csl["note"] == "online; Covers Moldova (1992–2016); Georgia (2004–2012)"


def test_identifiers():
    rec = parse_reference("Smith, J. Big Book. London: Routledge, 2001. ISBN 978-0-415-12345-6. "
                          "https://example.org/book")
    assert rec.csl["ISBN"] == "978-0-415-12345-6"
    assert rec.csl["URL"] == "https://example.org/book"
    assert rec.csl["publisher"] == "Routledge"


def test_pinpoint_and_excerpt_to_note():
    rec = parse_reference("↑Strobe Talbott, The Russia Hand (2002) p. 246.")
    assert rec.csl["note"] == "p. 246" and rec.title == "The Russia Hand" and "page" not in rec.csl
    rec = parse_reference("Goldgeier, James M. Not Whether But When: The U.S. Decision (1999) excerpt")
    assert rec.csl["note"] == "excerpt" and rec.title == "Not Whether But When: The U.S. Decision"


def test_et_al_kept_as_note():
    rec = parse_reference("Gurney, M. E. et al. Motor neuron degeneration in mice. Science 264, 1772-1775"
                          " (1994).")
    assert _families(rec.authors) == ["Gurney"]
    assert "et al." in rec.csl["note"] and rec.title == "Motor neuron degeneration in mice"
    assert rec.csl["volume"] == "264" and rec.csl["page"] == "1772-1775" and rec.year == 1994
