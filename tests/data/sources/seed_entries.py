"""The seed article's references with the markup its Wikipedia page had: italics
(``''…''``), external links (``[URL text]``) and the Wayback archive template.

The fixtures in this folder (the saved page, the wikitext, the PDF and the Word file)
are written from this one list by ``make_fixtures.py``, so that every form carries the
same 27 references and the same 14 links. Stripped of markup, each entry is exactly
its line in ``nato_refs/nato-russia-relations.el.txt``; ``make_fixtures.py`` checks that.
"""

from __future__ import annotations

ARCHIVE = ("https://web.archive.org/web/20221004055155/"
           "https://journals.lib.sfu.ca/index.php/jicw/article/view/703")

#: the three footnotes (seed lines 10-12), without the "↑" backlink
FOOTNOTES = [
    "Ronald D. Azmus, ''Opening NATO's Door'' (2002) p. 210.",
    "Strobe Talbott, ''The Russia Hand: A Memoir of Presidential Diplomacy'' (2002) p. 246.",
    "Fergus Carr and Paul Flenley, \"NATO and the Russian Federation in the new Europe: the Founding Act "
    "on Mutual Relations.\" ''Journal of Communist Studies and Transition Politics'' 15.2 (1999): 88-110.",
]

#: the same footnotes as Citation Style 1 templates (the wikitext form)
FOOTNOTE_TEMPLATES = [
    "{{cite book |first=Ronald D. |last=Azmus |title=Opening NATO's Door |year=2002 |page=210}}",
    "{{Cite book | last = Talbott | first = Strobe | title = The Russia Hand: A Memoir of Presidential "
    "Diplomacy | date = 2002 | page = 246 }}",
    "{{cite journal |last1=Carr |first1=Fergus |last2=Flenley |first2=Paul |title=NATO and the Russian "
    "Federation in the new Europe: the Founding Act on Mutual Relations |journal=[[Journal of Communist "
    "Studies and Transition Politics]] |volume=15 |issue=2 |year=1999 |pages=88–110}}",
]

#: the further-reading list (seed lines 13-36)
FURTHER_READING = [
    "Asmus, Ronald. ''Opening NATO's Door: How the Alliance Remade Itself for a New Era'' (2002) "
    "[https://archive.org/details/openingnatosdoor00asmu excerpt]",
    "Asmus, Ronald D., Richard L. Kugler, and F. Stephen Larrabee. \"Building a new NATO.\" "
    "''[[Foreign Affairs]]'' (1993): 28-40 [https://www.jstor.org/stable/20045713 online].",
    "Asmus, Ronald D. \"Europe's eastern promise: Rethinking NATO and EU enlargement.\" ''Foreign Affairs'' "
    "(2008): 95-106. [https://www.jstor.org/stable/20032584 online]",
    "Asmus, Ronald, Stefan Czmur, Chris Donnelly, Aivis Ronis, Tomas Valasek, and Klaus Wittmann. "
    "''NATO, new allies and reassurance'' (London: Centre for European Reform, 2010) "
    "[https://www.cer.eu/sites/default/files/publications/attachments/pdf/2011/rp_967-258.pdf online].",
    "Braun, Aurel, ed. ''NATO-Russia relations in the twenty-first century'' (Routledge, 2008).",
    "Forsberg, Tuomas, and Graeme Herd. \"Russia and NATO: From Windows of Opportunities to Closed Doors.\" "
    "''Journal of Contemporary European Studies'' 23#1 (2015): 41-57.",
    "Goldgeier, James, and Joshua R. Itzkowitz Shifrinson. \"Evaluating NATO enlargement: scholarly debates, "
    "policy implications, and roads not taken.\" ''International Politics'' 57 (2020): 291-321.",
    "Goldgeier, James M. ''Not Whether But When: The U.S. Decision to Enlarge NATO'' (1999) "
    "[https://archive.org/details/notwhetherbutwhe00gold excerpt]",
    "Hanson, Marianne. \"Russia and NATO expansion: The uneasy basis of the founding act.\" "
    "''European Security'' 7.2 (1998): 13-29. [https://doi.org/10.1080/09662839808407367 online]",
    "Holas, Lukáš. \"Prospects for Russia-NATO relations: The SWOT analysis.\" ''Communist and "
    "Post-Communist Studies'' 51.2 (2018): 151-160.",
    "Kropatcheva, Elena. \"NATO–Russia relations and the Chinese factor: An ignored variable.\" "
    "''Politics'' 34.2 (2014): 149-160.",
    "Kupchan, Charles A. \"NATO's Final Frontier: Why Russia Should Join the Atlantic Alliance\" "
    "''[[Foreign Affairs]]'' 89#3 (2010), pp. 100–112 [https://www.jstor.org/stable/20699869 online]",
    "Marten, Kimberly. \"NATO enlargement: evaluating its consequences in Russia.\" ''International "
    "Politics'' 57 (2020): 401-426.",
    "Ozkan, Ozgur. \"NATO-Russia Relations in the Twenty-First Century: Obstacles and Opportunities for "
    "Strategic Partnership\". (Naval Postgraduate School Dept Of National Security Affairs, 2012) "
    "[https://apps.dtic.mil/sti/pdfs/ADA567297.pdf online].",
    "Pouliot, Vincent. ''International security in practice: the politics of NATO-Russia diplomacy'' "
    "(Cambridge UP, 2010).",
    "RAND, ''Russia’s Hostile Measures: Combating Russian Gray Zone Aggression Against NATO in the Contact, "
    "Blunt, and Surge Layers of Competition'' (2020) [https://www.rand.org/pubs/research_reports/RR2539.html "
    "online] Covers Moldova/Transnistria (1992–2016); Georgia (2004–2012); Estonia (2006–2007); Ukraine "
    "(2014–2016); and Turkey (2015–2016)",
    "Ratti, Luca. \"Back to the future? International relations theory and NATO-Russia relations since the "
    "end of the Cold War.\" ''International Journal'' 64.2 (2009): 399-422.",
    "Sushentsov, Andrey A., and William C. Wohlforth. \"The tragedy of US–Russian relations: NATO centrality "
    "and the revisionists’ spiral.\" ''International Politics'' 57 (2020): 427-450.",
    "Talbott, Strobe. ''The Russia Hand: A memoir of Presidential Diplomacy'' (2002) "
    "[https://archive.org/details/russiahandmemoir00talb online]",
    "Tsygankov, Andrei P. \"The sources of Russia's fear of NATO.\" ''Communist and Post-Communist Studies'' "
    "51.2 (2018): 101-111. [https://www.sciencedirect.com/science/article/pii/S0967067X18300254 online]",
    "Tsygankov, Andrei P. \"NATO, Russia, and regional security in Europe and Eurasia. Introduction to the "
    "issue.\" ''Communist and Post-Communist Studies'' 51.2 (2018): 89-90. "
    "[https://www.sciencedirect.com/science/article/pii/S0967067X18300187 online]",
    "Unverdi, Gurbet Behram. \"To what extent is the gradual deterioration in NATO-Russia relations between "
    "1991-2014 causally related to NATO's eastward expansion in Eastern-Europe?.\" (MA thesis, Leiden "
    "University 2015). [https://studenttheses.universiteitleiden.nl/handle/1887/32964 online]",
    "Vancouver, C. A. S. I. S. \"NATO and Canadian Responses to Russia since its Annexation of Crimea in "
    "2014.\" ''Journal of Intelligence, Conflict and Warfare'' 1.1 (2018). "
    "[https://journals.lib.sfu.ca/index.php/jicw/article/view/703 online]"
    "{{Webarchive|url=" + ARCHIVE + "|date=2022-10-04}}",
    "Wohlforth, William, and Vladislav Zubok. \"An abiding antagonism: realism, idealism and the mirage of "
    "Western-Russian partnership after the Cold War.\" ''International Politics'' (2017) 54#4 pp 405–419.",
]

#: the seed's last line but one ends "onlineΑρχειοθετήθηκε 2022-10-04 στο Wayback Machine."
ARCHIVE_TEXT = ("Αρχειοθετήθηκε", " 2022-10-04 στο ", "Wayback Machine", ".")

#: every link the page has inside its references (the "online"/"excerpt" links), in order
LINKS = [
    "https://archive.org/details/openingnatosdoor00asmu",
    "https://www.jstor.org/stable/20045713",
    "https://www.jstor.org/stable/20032584",
    "https://www.cer.eu/sites/default/files/publications/attachments/pdf/2011/rp_967-258.pdf",
    "https://archive.org/details/notwhetherbutwhe00gold",
    "https://doi.org/10.1080/09662839808407367",
    "https://www.jstor.org/stable/20699869",
    "https://apps.dtic.mil/sti/pdfs/ADA567297.pdf",
    "https://www.rand.org/pubs/research_reports/RR2539.html",
    "https://archive.org/details/russiahandmemoir00talb",
    "https://www.sciencedirect.com/science/article/pii/S0967067X18300254",
    "https://www.sciencedirect.com/science/article/pii/S0967067X18300187",
    "https://studenttheses.universiteitleiden.nl/handle/1887/32964",
    "https://journals.lib.sfu.ca/index.php/jicw/article/view/703",
]

#: golden record id -> the link it must carry (the bench and the tests check these)
LINKED_IDS = {
    "asmus2002opening": LINKS[0], "asmus1993building": LINKS[1], "asmus2008europe": LINKS[2],
    "asmus2010nato": LINKS[3], "goldgeier1999not": LINKS[4], "hanson1998russia": LINKS[5],
    "kupchan2010nato": LINKS[6], "ozkan2012nato": LINKS[7], "rand2020russia": LINKS[8],
    "talbott2002russiaa": LINKS[9], "tsygankov2018sources": LINKS[10], "tsygankov2018nato": LINKS[11],
    "unverdi2015what": LINKS[12], "casis2018nato": LINKS[13],
}
ARCHIVED_ID = "casis2018nato"
