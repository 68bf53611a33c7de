"""Made-up CSL-JSON records for the synthetic training data, and real ones from BibTeX files.

Names come from many languages (Cyrillic and Greek scripts, particles such as "van der",
compound and hyphenated surnames, corporate authors), titles from phrase pools in nine
languages, and the record types people cite: journal articles, books (editions,
translators, series), edited books, chapters with editors, theses, reports with numbers,
web pages with URL and access date, newspaper and magazine articles, conference papers.
:func:`bib_items` reads the real BibTeX files of ``../shared/data/bib`` with refs' own
reader, at training time only.
"""

from __future__ import annotations

import os
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

# (family, given) pools by language; families with particles carry them as written
NAMES: dict[str, tuple[list[str], list[str]]] = {
    "en": (
        [
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Taylor",
            "Clark",
            "Lewis",
            "Walker",
            "Hall",
            "Young",
            "King",
            "Wright",
            "Scott",
            "Green",
            "Baker",
            "Adams",
            "Nelson",
            "Carter",
            "Mitchell",
            "Roberts",
            "Turner",
            "Phillips",
            "Campbell",
            "Parker",
            "Evans",
            "Edwards",
            "Collins",
            "Stewart",
            "Morris",
            "Rogers",
            "Reed",
            "Cook",
            "Morgan",
            "Bell",
            "Murphy",
            "Bailey",
            "O'Brien",
            "McCarthy",
            "MacDonald",
            "Fitzgerald",
            "Garton Ash",
            "Itzkowitz Shifrinson",
            "Lloyd-Jones",
            "Bowen-Smith",
            "Mearsheimer",
            "Sarotte",
            "Kupchan",
            "Wohlforth",
            "Asmus",
        ],
        [
            "John",
            "Mary",
            "Robert",
            "Patricia",
            "Michael",
            "Jennifer",
            "William",
            "Linda",
            "David",
            "Elizabeth",
            "Richard",
            "Susan",
            "Joseph",
            "Jessica",
            "Thomas",
            "Sarah",
            "Charles",
            "Karen",
            "Christopher",
            "Nancy",
            "Daniel",
            "Lisa",
            "Matthew",
            "Margaret",
            "Anthony",
            "Betty",
            "Mark",
            "Sandra",
            "Ronald D.",
            "F. Stephen",
            "Mary Elise",
            "John Lewis",
            "Joshua R.",
            "Charles A.",
            "M. E.",
            "J. R. R.",
            "Kim",
            "Strobe",
            "Fergus",
            "Graeme",
            "Timothy",
        ],
    ),
    "fr": (
        [
            "Dupont",
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Richard",
            "Petit",
            "Durand",
            "Leroy",
            "Moreau",
            "Simon",
            "Laurent",
            "Lefèvre",
            "Michel",
            "Garcia",
            "David",
            "Bertrand",
            "Roux",
            "Vincent",
            "Fournier",
            "Girard",
            "Bonnet",
            "Lentz",
            "de Gaulle",
            "Carrère d'Encausse",
            "Le Goff",
            "Duroselle",
            "de La Fontaine",
            "Jeangène Vilmer",
            "Bourdieu",
            "Rosanvallon",
        ],
        [
            "Jean",
            "Marie",
            "Pierre",
            "Michel",
            "Philippe",
            "Nathalie",
            "Isabelle",
            "Thierry",
            "Jean-Paul",
            "Jean-Baptiste",
            "Hélène",
            "François",
            "Anne-Marie",
            "Sophie",
            "Élise",
            "Gérard",
            "Jacques",
            "Céline",
            "Amélie",
            "Claude",
            "Pierre-Yves",
        ],
    ),
    "de": (
        [
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Bauer",
            "Richter",
            "Klein",
            "Wolf",
            "Schröder",
            "Neumann",
            "Schwarz",
            "Zimmermann",
            "Braun",
            "Krüger",
            "Hofmann",
            "Hartmann",
            "Lange",
            "von Weizsäcker",
            "von Clausewitz",
            "Borowski",
            "Wehler",
            "Kocka",
            "Müller-Armack",
            "zu Guttenberg",
        ],
        [
            "Hans",
            "Peter",
            "Wolfgang",
            "Klaus",
            "Jürgen",
            "Dieter",
            "Ursula",
            "Monika",
            "Petra",
            "Sabine",
            "Helga",
            "Günter",
            "Karl-Heinz",
            "Hans-Ulrich",
            "Jörg",
            "Brigitte",
            "Uwe",
            "Gerhard",
            "Heike",
            "Friedrich",
            "Ernst-Wolfgang",
        ],
    ),
    "es": (
        [
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Martín",
            "Jiménez",
            "Ruiz",
            "Hernández",
            "Díaz",
            "Moreno",
            "Álvarez",
            "Muñoz",
            "Romero",
            "García Márquez",
            "Ortega y Gasset",
            "de la Cruz",
            "Pérez Galdós",
            "Sánchez-Albornoz",
            "del Río",
            "Menéndez Pidal",
        ],
        [
            "José",
            "Antonio",
            "Manuel",
            "Francisco",
            "Juan",
            "David",
            "María",
            "Carmen",
            "Josefa",
            "Isabel",
            "Ana",
            "Dolores",
            "Pilar",
            "Teresa",
            "José Luis",
            "María José",
            "Gabriel",
            "Ramón",
            "Julián",
            "Miguel Ángel",
        ],
    ),
    "it": (
        [
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
            "Bruno",
            "Gallo",
            "Conti",
            "De Luca",
            "Mancini",
            "Costa",
            "Giordano",
            "Rizzo",
            "Lombardi",
            "Moretti",
            "D'Alessandro",
            "Di Stefano",
            "De Felice",
            "Della Porta",
        ],
        [
            "Giuseppe",
            "Giovanni",
            "Antonio",
            "Mario",
            "Luigi",
            "Francesco",
            "Angelo",
            "Vincenzo",
            "Maria",
            "Anna",
            "Giuseppina",
            "Rosa",
            "Angela",
            "Giovanna",
            "Teresa",
            "Lucia",
            "Gian Luca",
            "Pier Paolo",
            "Umberto",
            "Carlo",
        ],
    ),
    "pt": (
        [
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Rodrigues",
            "Ferreira",
            "Alves",
            "Pereira",
            "Lima",
            "Gomes",
            "Costa",
            "Ribeiro",
            "Martins",
            "Carvalho",
            "de Souza",
            "dos Santos",
            "da Silva",
            "Holanda",
            "Buarque de Holanda",
            "Freyre",
            "Cardoso",
        ],
        [
            "João",
            "Maria",
            "José",
            "Ana",
            "Antônio",
            "Francisco",
            "Carlos",
            "Paulo",
            "Pedro",
            "Lucas",
            "Luiz",
            "Marcos",
            "Luís",
            "Gabriel",
            "Rafael",
            "Fernanda",
            "Sérgio",
            "Gilberto",
            "Fernando Henrique",
        ],
    ),
    "ru": (
        [
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Васильев",
            "Петров",
            "Соколов",
            "Михайлов",
            "Новиков",
            "Фёдоров",
            "Морозов",
            "Волков",
            "Алексеев",
            "Лебедев",
            "Семёнов",
            "Егоров",
            "Павлов",
            "Козлов",
            "Степанов",
            "Николаев",
            "Караганов",
            "Цыганков",
            "Лотман",
            "Иванова",
            "Петрова",
            "Смирнова",
        ],
        [
            "Иван",
            "Александр",
            "Сергей",
            "Дмитрий",
            "Андрей",
            "Алексей",
            "Максим",
            "Евгений",
            "Владимир",
            "Ольга",
            "Елена",
            "Наталья",
            "Татьяна",
            "Ирина",
            "Анна",
            "Мария",
            "Юрий Михайлович",
            "Андрей Павлович",
            "Сергей Александрович",
        ],
    ),
    "ru-lat": (
        [
            "Tsygankov",
            "Karaganov",
            "Kropatcheva",
            "Trenin",
            "Lukyanov",
            "Kortunov",
            "Arbatov",
            "Zagorsky",
            "Baranovsky",
            "Ivanova",
            "Petrova",
            "Sokolov",
        ],
        ["Andrei P.", "Sergei", "Elena", "Dmitri", "Fyodor", "Andrey", "Alexei", "Vladimir", "Nadezhda"],
    ),
    "el": (
        [
            "Παπαδόπουλος",
            "Παπαδοπούλου",
            "Γεωργίου",
            "Δημητρίου",
            "Νικολάου",
            "Ιωάννου",
            "Κωνσταντίνου",
            "Σβορώνος",
            "Κολιόπουλος",
            "Βερέμης",
            "Κλαπσης",
            "Τσακαλώτος",
            "Ηλιάδης",
        ],
        [
            "Γιώργος",
            "Νίκος",
            "Κώστας",
            "Γιάννης",
            "Δημήτρης",
            "Μαρία",
            "Ελένη",
            "Αικατερίνη",
            "Σοφία",
            "Θάνος",
            "Ιωάννα",
        ],
    ),
    "el-lat": (
        ["Papadopoulos", "Kalyvas", "Veremis", "Couloumbis", "Triantaphyllou", "Tsoukalis", "Ioakimidis"],
        ["Georgios", "Nikos", "Stathis N.", "Thanos", "Dimitrios", "Loukas", "Theodore A."],
    ),
    "nl": (
        [
            "de Vries",
            "van der Berg",
            "van Dijk",
            "Bakker",
            "Janssen",
            "Visser",
            "Smit",
            "de Jong",
            "van den Bosch",
            "van der Walt",
            "ter Haar",
            "Mulder",
            "de Boer",
            "van Beethoven",
        ],
        ["Jan", "Pieter", "Hendrik", "Willem", "Anneke", "Maarten", "Sanne", "Ludwig", "Femke", "Joost"],
    ),
    "pl": (
        [
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Łukasiewicz",
            "Szymańska",
            "Dąbrowski",
        ],
        ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Łukasz", "Anna", "Katarzyna", "Małgorzata", "Agnieszka"],
    ),
    "nordic": (
        [
            "Sørensen",
            "Hansen",
            "Johansson",
            "Andersson",
            "Nielsen",
            "Forsberg",
            "Lindqvist",
            "Virtanen",
            "Korhonen",
            "Åkesson",
        ],
        ["Lars", "Søren", "Ingrid", "Tuomas", "Anders", "Kari", "Astrid", "Mikko", "Sigrid"],
    ),
    "asia": (
        [
            "Yamamoto",
            "Tanaka",
            "Suzuki",
            "Chen",
            "Wang",
            "Li",
            "Zhang",
            "Kim",
            "Park",
            "Nguyen",
            "Singh",
            "Sharma",
            "Gupta",
            "Al-Rashid",
            "Haddad",
            "Yılmaz",
            "Öztürk",
        ],
        [
            "Hiroshi",
            "Yuki",
            "Wei",
            "Xiaoming",
            "Min-jun",
            "Ji-woo",
            "Thi Lan",
            "Priya",
            "Rahul",
            "Amir",
            "Leila",
            "Mehmet",
            "Ayşe",
        ],
    ),
}
CORPORATE = [
    "World Health Organization",
    "Congressional Research Service",
    "RAND Corporation",
    "European Commission",
    "International Monetary Fund",
    "OECD",
    "United Nations",
    "Bundesministerium der Verteidigung",
    "Organisation mondiale de la santé",
    "NATO",
    "National Academies of Sciences, Engineering, and Medicine",
    "Министерство обороны РФ",
    "Instituto Brasileiro de Geografia e Estatística",
    "UNESCO",
    "World Bank",
    "Human Rights Watch",
    "Amnesty International",
    "Banca d'Italia",
]

TITLES: dict[str, tuple[list[str], list[str]]] = {
    "en": (
        [
            "Russia and NATO",
            "The politics of enlargement",
            "Alliance security after the Cold War",
            "Trust and deterrence",
            "Energy security in Central Europe",
            "Deep learning for citation parsing",
            "Regional security in the Baltic",
            "Nuclear weapons and arms control",
            "Why the Ukraine crisis is the West's fault",
            "A broken promise?",
            "The tragedy of great power politics",
            "Democratization and the danger of war",
            "Designing democracy",
            "The global spread of constitutional review",
            "Climate change and food security",
            "Attention is all you need",
            "The origins of totalitarianism",
            "Borders of belonging",
            "Soil microbial diversity in temperate forests",
            "Effects of exercise on blood pressure in older adults",
            "A history of modern Europe",
            "The making of the English working class",
            "Gender and the politics of history",
            "Machine learning in medicine",
            "Urban transport and air quality",
            "Protein folding dynamics",
            "Language contact and change",
            "The economics of inequality",
            "Monetary policy rules",
            "The Cambridge history of Russia",
            "Handbook of international relations",
        ],
        [
            "",
            "",
            "",
            ": a reappraisal",
            ": theory and practice",
            ": from cooperation to confrontation",
            " in the twenty-first century",
            ": evidence from panel data",
            " since 1991",
            ": a systematic review",
            ": new perspectives",
            ", 1945–1991",
            ": a randomized controlled trial",
            " revisited",
        ],
    ),
    "fr": (
        [
            "La politique étrangère de la France",
            "Napoléon",
            "Histoire de l'Europe contemporaine",
            "Les origines de la guerre froide",
            "La société du spectacle",
            "Sociologie de l'État",
            "L'invention du quotidien",
            "Le Moyen Âge et ses représentations",
            "Les ports de l'Atlantique",
            "Introduction à la linguistique",
            "Les mots et les choses",
            "L'Empire des tsars",
        ],
        [
            "",
            "",
            ": une histoire",
            " : enjeux et perspectives",
            ", 1815-1914",
            " au XXe siècle",
            " : essai",
            " en questions",
        ],
    ),
    "de": (
        [
            "Die deutsche Außenpolitik",
            "Einführung in die Geschichtswissenschaft",
            "Deutsche Gesellschaftsgeschichte",
            "Der Weg nach Westen",
            "Geschichte des Kalten Krieges",
            "Das Zeitalter der Extreme",
            "Grundzüge der Soziologie",
            "Die Erfindung der Nation",
            "Sicherheitspolitik in Europa",
            "Handbuch der Politikwissenschaft",
        ],
        [
            "",
            "",
            ": Eine Einführung",
            " 1949–1990",
            ": Theorie und Praxis",
            " im 20. Jahrhundert",
            ": Ein Überblick",
        ],
    ),
    "es": (
        [
            "Historia de la diplomacia española",
            "Introducción a la crítica literaria actual",
            "La España del siglo XX",
            "Cien años de soledad",
            "La rebelión de las masas",
            "Política exterior de América Latina",
            "El orden internacional",
            "Economía y sociedad",
        ],
        ["", "", ": una introducción", " (1898-1939)", ": nuevas perspectivas", " en el siglo XXI"],
    ),
    "it": (
        [
            "La storia della NATO",
            "Città e campagne nel Settecento",
            "Il sistema politico italiano",
            "La guerra fredda",
            "Introduzione alla filosofia",
            "Le relazioni internazionali",
            "Il Mediterraneo",
        ],
        ["", "", ": una storia", " dal 1945 a oggi", ": teorie e metodi", " nel Novecento"],
    ),
    "pt": (
        [
            "O Brasil e o mundo",
            "Memórias da imprensa operária",
            "Cidades e fronteiras no sertão",
            "Portos, rios e caminhos do interior",
            "A inserção internacional do Nordeste",
            "Metodologia do trabalho científico",
        ],
        ["", "", ": uma introdução", " (1930-1964)", ": desafios e perspectivas"],
    ),
    "ru": (
        [
            "Россия и НАТО",
            "Города Поволжья в XIX веке",
            "Внешняя политика России",
            "Очерки по истории культуры",
            "Торговые пути Северной Евразии",
            "Теория международных отношений",
            "Холодная война",
        ],
        ["", "", ": история отношений", " в XXI веке", ": учебное пособие", " (1945–1991)"],
    ),
    "el": (
        [
            "Η εξωτερική πολιτική της Ελλάδας",
            "Ιστορία του νέου ελληνισμού",
            "Ανάλεκτα",
            "Η Ελλάδα και το ΝΑΤΟ",
            "Διεθνείς σχέσεις",
        ],
        ["", "", ": μια εισαγωγή", " 1945-1974", ": θεωρία και πράξη"],
    ),
}
JOURNALS = [
    "International Politics",
    "Foreign Affairs",
    "Journal of Peace Research",
    "European Security",
    "Communist and Post-Communist Studies",
    "Revue française de science politique",
    "Internationale Politik",
    "Revista Brasileira de Política Internacional",
    "Вопросы экономики",
    "Survival",
    "International Affairs",
    "Journal of Contemporary European Studies",
    "Politics",
    "International Security",
    "Nature",
    "Science",
    "The Lancet",
    "Physical Review Letters",
    "Phys. Rev. B",
    "Nucl. Phys. B",
    "Phys. Lett. B",
    "Phys. Rev. D",
    "Astrophys. J.",
    "Eur. Phys. J. C",
    "J. High Energy Phys.",
    "Rev. Mod. Phys.",
    "Ann. Phys. (N.Y.)",
    "Class. Quantum Grav.",
    "J. Am. Chem. Soc.",
    "PLoS ONE",
    "Cell",
    "American Political Science Review",
    "Annales. Histoire, Sciences Sociales",
    "Geschichte und Gesellschaft",
    "Historia Contemporánea",
    "Rivista italiana di scienza politica",
    "Мировая экономика и международные отношения",
    "Σύγχρονα Θέματα",
    "Journal of Cold War Studies",
    "BMJ",
    "JAMA",
    "Proc Natl Acad Sci U S A",
    "Vanity Fair",
    "The Economic Journal",
    "Language",
    "Past & Present",
    "Europe-Asia Studies",
    "Journal of Strategic Studies",
    "Cahiers du monde russe",
]
NEWSPAPERS = [
    "The New York Times",
    "The Guardian",
    "Le Monde",
    "Frankfurter Allgemeine Zeitung",
    "El País",
    "Corriere della Sera",
    "Folha de S.Paulo",
    "Коммерсантъ",
    "Καθημερινή",
    "The Washington Post",
    "Financial Times",
    "Der Spiegel",
    "The Economist",
]
PUBLISHERS = [
    ("Routledge", "London"),
    ("Oxford University Press", "Oxford"),
    ("Cambridge University Press", "Cambridge"),
    ("Gallimard", "Paris"),
    ("Suhrkamp", "Frankfurt am Main"),
    ("Alianza", "Madrid"),
    ("Il Mulino", "Bologna"),
    ("Companhia das Letras", "São Paulo"),
    ("Наука", "Москва"),
    ("Πατάκης", "Αθήνα"),
    ("Princeton University Press", "Princeton"),
    ("Palgrave Macmillan", "Basingstoke"),
    ("Springer", "Berlin"),
    ("MIT Press", "Cambridge, MA"),
    ("Presses universitaires de France", "Paris"),
    ("C. H. Beck", "München"),
    ("Westdeutscher Verlag", "Opladen"),
    ("Crítica", "Barcelona"),
    ("Laterza", "Roma-Bari"),
    ("Editora Fiocruz", "Rio de Janeiro"),
    ("Прогресс", "Санкт-Петербург"),
    ("Εκδόσεις Θεμέλιο", "Αθήνα"),
    ("University of Chicago Press", "Chicago"),
    ("Wiley-Blackwell", "Malden, MA"),
    ("Yale University Press", "New Haven"),
    ("Brookings Institution Press", "Washington, DC"),
    ("Éditions du Seuil", "Paris"),
    ("Verlag C. H. Beck", "München"),
    ("Fondo de Cultura Económica", "México"),
    ("Einaudi", "Torino"),
    ("Elsevier", "Amsterdam"),
    ("Sage", "Thousand Oaks, CA"),
]
SCHOOLS = [
    "Leiden University",
    "University of Amsterdam",
    "Humboldt-Universität zu Berlin",
    "Sorbonne Université",
    "Monash University",
    "Universidad Complutense de Madrid",
    "Università di Bologna",
    "Universidade de São Paulo",
    "МГУ им. М. В. Ломоносова",
    "Εθνικό και Καποδιστριακό Πανεπιστήμιο Αθηνών",
    "Harvard University",
    "University of Oxford",
]
THESIS_GENRES = [
    "PhD thesis",
    "Doctoral dissertation",
    "MA thesis",
    "Master's thesis",
    "Thèse de doctorat",
    "Dissertation",
    "Tesis doctoral",
    "Tese (Doutorado)",
    "Дис. … канд. ист. наук",
    "doctoral thesis",
]
REPORT_GENRES = [
    "Technical report",
    "Working paper",
    "CRS Report",
    "Policy brief",
    "Discussion paper",
    "Research report",
    "",
]
CONFERENCES = [
    "Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing",
    "Proceedings of the IEEE International Conference on Computer Vision",
    "Actes du colloque international de Lyon",
    "Tagungsband der Jahrestagung der DVPW",
    "Annual Meeting of the American Political Science Association",
    "Proceedings of the 12th International Conference on Web Engineering",
]
SERIES = [
    "Lecture Notes in Computer Science",
    "Cambridge Studies in International Relations",
    "Que sais-je ?",
    "Découvertes Gallimard",
    "Folio histoire",
    "Beck'sche Reihe",
    "Adelphi Papers",
    "Studies in Comparative Politics",
    "Points Histoire",
    "Библиотека всемирной литературы",
]
SITES = [
    "BBC News",
    "Council on Foreign Relations",
    "NATO",
    "World Health Organization",
    "Wikipedia",
    "The Conversation",
    "Le Monde diplomatique",
    "Carnegie Endowment for International Peace",
]
DOMAINS = [
    "www.bbc.com/news",
    "www.cfr.org",
    "www.nato.int/cps/en/natohq",
    "www.who.int/publications",
    "example.org/reports",
    "www.lemonde.fr/international",
    "carnegieendowment.org/research",
]

_LANG_WEIGHTS = [("en", 40), ("fr", 9), ("de", 9), ("es", 7), ("it", 6), ("pt", 6), ("ru", 8), ("el", 4)]
_NAME_WEIGHTS = [
    ("en", 30),
    ("fr", 8),
    ("de", 8),
    ("es", 6),
    ("it", 5),
    ("pt", 5),
    ("ru", 6),
    ("ru-lat", 3),
    ("el", 3),
    ("el-lat", 2),
    ("nl", 4),
    ("pl", 3),
    ("nordic", 3),
    ("asia", 6),
]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def person(rng: random.Random, lang: str | None = None) -> dict[str, str]:
    fams, givens = NAMES[lang or _pick(rng, _NAME_WEIGHTS)]
    given = rng.choice(givens)
    if rng.random() < 0.15 and " " not in given and "." not in given:
        given = given + " " + rng.choice(givens)[0] + "."
    return {"family": rng.choice(fams), "given": given}


def people(rng: random.Random, lang: str | None = None) -> list[dict[str, str]]:
    k = rng.choices([1, 2, 3, 4, 5, 8, 12], [40, 25, 14, 8, 5, 4, 2])[0]
    same = lang if rng.random() < 0.7 else None
    out: list[dict[str, str]] = []
    while len(out) < k:
        p = person(rng, same)
        if all(p["family"] != q["family"] for q in out):
            out.append(p)
    return out


#: Words for made-up titles: (templates, {slot: words}) per language. Titles are built
#: from them half of the time, so that no small set of title words can stand for "title".
TITLE_WORDS: dict[str, tuple[list[str], dict[str, list[str]]]] = {
    "en": (
        [
            "{A} {n} and {n} in {p}",
            "The {a} {n} of {n}",
            "{A} {n}: {n} and {n} in {p}, {y1}–{y2}",
            "Rethinking {n}",
            "{N} of {n}: {a} perspectives",
            "Towards a {a} {n}",
            "{N}, {n}, and the {a} {n}",
            "On the {n} of {a} {n}",
            "{A} {n} under {a} {n}",
            "Why {n} matters",
            "{N} beyond {n}",
        ],
        {
            "a": "social political urban rural global local medieval colonial digital comparative early "
            "modern "
            "economic religious military linguistic cultural democratic informal Baltic Atlantic".split(),
            "n": "power trade memory identity labour migration security conflict law science empire reform "
            "knowledge households markets networks borders elites faith language states cities peasants "
            "citizenship welfare violence diplomacy literacy archives".split(),
            "p": "Europe|Africa|the Balkans|Latin America|South Asia|the Caucasus|Scandinavia|"
            "the Mediterranean|Central Asia|the Andes|Japan|Brazil|Poland|Ireland".split("|"),
        },
    ),
    "fr": (
        [
            "{N} et {n} en {p}",
            "Les {n} de la {n} {a}",
            "{N} {a} : {n} et {n} ({y1}-{y2})",
            "Penser la {n}",
            "Une histoire de la {n} {a}",
            "Aux origines de la {n}",
        ],
        {
            "a": "politique sociale urbaine rurale coloniale moderne religieuse économique ouvrière".split(),
            "n": "mémoire frontière guerre société nation culture justice famille presse ville "
            "réforme".split(),
            "p": "France Algérie Europe Afrique Russie Belgique Suisse Indochine".split(),
        },
    ),
    "de": (
        [
            "{N} und {n} in {p}",
            "Die {a} {n} im {c}. Jahrhundert",
            "{N} und {n}: {A} {n} {y1}–{y2}",
            "Zur Geschichte der {n}",
            "{A} {n} zwischen {n} und {n}",
        ],
        {
            "a": "politische soziale deutsche europäische städtische ländliche bürgerliche".split(),
            "n": "Gesellschaft Herrschaft Erinnerung Arbeit Verwaltung Wirtschaft Religion Sprache "
            "Grenze".split(),
            "p": "Preußen Bayern Europa Mitteleuropa Österreich Sachsen".split(),
            "c": "18 19 20 21".split(),
        },
    ),
    "es": (
        [
            "{N} y {n} en {p}",
            "La {n} {a} en el siglo {r}",
            "Historia de la {n} {a} ({y1}-{y2})",
            "{N}, {n} y {n}: {a} perspectivas",
        ],
        {
            "a": "política social urbana rural colonial moderna económica".split(),
            "n": "memoria frontera guerra sociedad nación cultura justicia familia prensa ciudad".split(),
            "p": "España México Argentina Chile Perú Andalucía Cataluña".split(),
            "r": "XVIII XIX XX XXI".split(),
        },
    ),
    "it": (
        ["{N} e {n} in {p}", "La {n} {a} nel {r} secolo", "Storia della {n} {a} ({y1}-{y2})"],
        {
            "a": "politica sociale urbana rurale moderna economica".split(),
            "n": "memoria frontiera guerra società nazione cultura giustizia famiglia stampa città".split(),
            "p": "Italia Sicilia Toscana Europa Lombardia".split(),
            "r": "XVIII XIX XX".split(),
        },
    ),
    "pt": (
        ["{N} e {n} no {p}", "A {n} {a} no século {r}", "História da {n} {a} ({y1}-{y2})"],
        {
            "a": "política social urbana rural colonial moderna econômica".split(),
            "n": "memória fronteira guerra sociedade nação cultura justiça família imprensa cidade".split(),
            "p": "Brasil|Nordeste|Rio Grande do Sul|Portugal|Minas Gerais".split("|"),
            "r": "XVIII XIX XX".split(),
        },
    ),
    "ru": (
        ["{N} и {n} в {p}", "{N} в {r} веке: {n} и {n}", "История {g} ({y1}–{y2} гг.)", "Очерки {g}"],
        {
            "n": "власть память общество культура реформа война торговля армия".split(),
            "g": "крестьянства дипломатии печати городов империи церкви".split(),
            "p": "России Сибири Европе Поволжье Польше".split(),
            "r": "XVIII XIX XX".split(),
        },
    ),
    "el": (
        ["{N} και {n} στην {p}", "Η {n} στον {r} αιώνα", "Ιστορία της {n} ({y1}-{y2})"],
        {
            "n": "πολιτική κοινωνία μνήμη οικονομία εκκλησία διπλωματία".split(),
            "p": "Ελλάδα Μακεδονία Κρήτη Ευρώπη".split(),
            "r": "19ο 20ό 21ο".split(),
        },
    ),
}
CONTAINER_BOOKS = [
    "The Oxford Handbook of {x}",
    "The Cambridge Companion to {x}",
    "Handbook of {x}",
    "Studies in {x}",
    "Essays on {x}",
    "{X}: A Reader",
    "Festschrift für {name}",
    "Mélanges offerts à {name}",
    "Actas del congreso internacional de {x}",
    "Atti del convegno di studi",
    "Сборник статей",
    "Handbuch {x}",
    "Perspectives on {x}",
    "Encyclopedia of {x}",
    "Dictionnaire de {x}",
    "Proceedings of the {k} Workshop on {x}",
]
_TOPICS = [
    "political theory",
    "migration",
    "medieval history",
    "comparative politics",
    "linguistics",
    "urban history",
    "international law",
    "European integration",
    "social movements",
    "Russian literature",
    "ecology",
]


def _fill(template: str, words: dict[str, list[str]], rng: random.Random) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in ("y1", "y2"):
            return str(rng.randint(1500, 1900) if key == "y1" else rng.randint(1901, 2020))
        w = rng.choice(words[key.lower()])
        return w[:1].upper() + w[1:] if key[:1].isupper() else w

    return re.sub(r"\{(\w+)\}", sub, template)


def title(rng: random.Random, lang: str) -> str:
    if rng.random() < 0.5:
        templates, words = TITLE_WORDS[lang]
        t = _fill(rng.choice(templates), words, rng)
    else:
        heads, tails = TITLES[lang]
        t = rng.choice(heads) + rng.choice(tails)
    if rng.random() < 0.3 and lang == "en":
        t = " ".join(
            w
            if w.lower() in ("and", "of", "the", "in", "for", "a", "on", "to") and i
            else w[:1].upper() + w[1:]
            for i, w in enumerate(t.split(" "))
        )
    return t


_FIELDS = [
    "Political",
    "Social",
    "Economic",
    "Historical",
    "Legal",
    "Medical",
    "Physical",
    "Applied",
    "Environmental",
    "Cognitive",
    "Urban",
    "Regional",
    "Comparative",
    "Theoretical",
    "Clinical",
]
_SUBJECTS = [
    "Studies",
    "Research",
    "History",
    "Science",
    "Economics",
    "Sociology",
    "Linguistics",
    "Chemistry",
    "Psychology",
    "Policy",
    "Geography",
    "Anthropology",
    "Physics",
    "Medicine",
    "Ecology",
]
_ABBR = {
    "Journal": "J.",
    "Political": "Polit.",
    "Social": "Soc.",
    "Economic": "Econ.",
    "Historical": "Hist.",
    "Legal": "Leg.",
    "Medical": "Med.",
    "Physical": "Phys.",
    "Applied": "Appl.",
    "Environmental": "Environ.",
    "Cognitive": "Cogn.",
    "Urban": "Urban",
    "Regional": "Reg.",
    "Comparative": "Comp.",
    "Theoretical": "Theor.",
    "Clinical": "Clin.",
    "Studies": "Stud.",
    "Research": "Res.",
    "History": "Hist.",
    "Science": "Sci.",
    "Economics": "Econ.",
    "Sociology": "Sociol.",
    "Linguistics": "Linguist.",
    "Chemistry": "Chem.",
    "Psychology": "Psychol.",
    "Policy": "Policy",
    "Geography": "Geogr.",
    "Anthropology": "Anthropol.",
    "Physics": "Phys.",
    "Medicine": "Med.",
    "Ecology": "Ecol.",
    "Review": "Rev.",
    "Quarterly": "Q.",
    "International": "Int.",
    "European": "Eur.",
    "American": "Am.",
}


def journal(rng: random.Random) -> str:
    """A journal name: a known one, or a made-up one in full or abbreviated form."""
    if rng.random() < 0.5:
        return rng.choice(JOURNALS)
    f, sub = rng.choice(_FIELDS), rng.choice(_SUBJECTS)
    name = rng.choice(
        [
            f"Journal of {f} {sub}",
            f"{f} {sub} Review",
            f"International Journal of {f} {sub}",
            f"European Journal of {sub}",
            f"{sub} Quarterly",
            f"American {f} {sub}",
            f"Revue d'{sub.lower()}",
            f"Zeitschrift für {sub}",
            f"Revista de {sub.lower()}",
            f"Rivista di {sub.lower()}",
            f"Вестник {sub}",
            f"Annals of {f} {sub}",
        ]
    )
    if rng.random() < 0.3 and name.split()[0] in _ABBR:
        name = " ".join(_ABBR.get(w, w) for w in name.split() if w != "of")
    return name


def book_container(rng: random.Random, lang: str) -> str:
    """The title of an edited volume (a chapter's container)."""
    if rng.random() < 0.4:
        return title(rng, lang)
    x = rng.choice(_TOPICS)
    p = person(rng)
    return rng.choice(CONTAINER_BOOKS).format(
        x=x,
        X=x[:1].upper() + x[1:],
        name=f"{p['given']} {p['family']}",
        k=rng.choice(["3rd", "12th", "First"]),
    )


def _pages(rng: random.Random) -> str:
    first = rng.choice([rng.randint(1, 60), rng.randint(1, 999), rng.randint(100, 3000)])
    if rng.random() < 0.06:
        return str(first)
    return f"{first}-{first + rng.randint(1, 45)}"


def _date(rng: random.Random, year: int, detail: float) -> dict[str, Any]:
    if rng.random() < detail:
        return {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]]}
    if rng.random() < detail:
        return {"date-parts": [[year, rng.randint(1, 12)]]}
    return {"date-parts": [[year]]}


def _doi(rng: random.Random) -> str:
    prefix = rng.choice(["j.", "s", "ISEC_a_", "jcr.", ""])
    return f"10.{rng.randint(1000, 9999)}/{prefix}{rng.randint(10000, 999999)}"


def _isbn(rng: random.Random) -> str:
    digits = "978" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    check = (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(digits)) % 10) % 10
    s = digits + str(check)
    return f"{s[:3]}-{s[3]}-{s[4:8]}-{s[8:12]}-{s[12]}" if rng.random() < 0.6 else s


def _url(rng: random.Random) -> str:
    slug = "-".join(
        rng.choice(
            ["nato", "russia", "report", "security", "data", "policy", "2019", "annual", "analysis", "europe"]
        )
        for _ in range(rng.randint(1, 4))
    )
    scheme = rng.choice(["https://", "http://", "https://"])
    return f"{scheme}{rng.choice(DOMAINS)}/{slug}{rng.choice(['', '.html', '.pdf', '/'])}"


TYPES = [
    ("article-journal", 30),
    ("book", 20),
    ("chapter", 12),
    ("thesis", 5),
    ("report", 6),
    ("webpage", 6),
    ("article-newspaper", 5),
    ("paper-conference", 6),
    ("article-magazine", 2),
    ("edited-book", 4),
    ("entry-encyclopedia", 1),
]


def record(rng: random.Random, n: int) -> dict[str, Any]:
    """One made-up CSL-JSON item (id ``s{n}``)."""
    kind = _pick(rng, TYPES)
    lang = _pick(rng, _LANG_WEIGHTS)
    year = rng.choice([rng.randint(1850, 1990), rng.randint(1990, 2025), rng.randint(2005, 2025)])
    item: dict[str, Any] = {
        "id": f"s{n}",
        "type": "book" if kind == "edited-book" else kind,
        "title": title(rng, lang),
        "issued": _date(rng, year, 0.05),
    }
    name_lang = lang if lang != "en" or rng.random() < 0.5 else None
    if kind == "edited-book":
        item["editor"] = people(rng, name_lang)
    elif kind in ("report", "webpage") and rng.random() < 0.45 or rng.random() < 0.03:
        item["author"] = [{"literal": rng.choice(CORPORATE)}]
    else:
        item["author"] = people(rng, name_lang)
    pub, place = rng.choice(PUBLISHERS)
    if kind == "article-journal":
        item["container-title"] = journal(rng)
        if rng.random() < 0.93:
            item["volume"] = str(rng.choice([rng.randint(1, 40), rng.randint(1, 300), rng.randint(1, 3000)]))
        if rng.random() < 0.7:
            item["issue"] = (
                rng.choice(
                    [
                        str(rng.randint(1, 12)),
                        str(rng.randint(1, 4)),
                        f"{rng.randint(1, 5)}-{rng.randint(6, 8)}",
                        "Suppl 2",
                    ]
                )
                if rng.random() < 0.9
                else str(rng.randint(1, 12))
            )
        if rng.random() < 0.92:
            item["page"] = _pages(rng)
        if rng.random() < 0.35:
            item["DOI"] = _doi(rng)
        if rng.random() < 0.05:
            item["URL"] = _url(rng)
            item["accessed"] = _date(rng, rng.randint(max(year, 2000), 2025), 0.9)
    elif kind in ("article-newspaper", "article-magazine"):
        item["container-title"] = rng.choice(NEWSPAPERS if kind == "article-newspaper" else JOURNALS)
        item["issued"] = _date(rng, year, 0.9)
        if rng.random() < 0.5:
            item["page"] = str(rng.randint(1, 40)) if rng.random() < 0.7 else _pages(rng)
        if kind == "article-magazine" and rng.random() < 0.6:
            item["volume"] = str(rng.randint(1, 120))
            item["issue"] = str(rng.randint(1, 12))
        if rng.random() < 0.3:
            item["URL"] = _url(rng)
            item["accessed"] = _date(rng, rng.randint(max(year, 2000), 2025), 0.95)
    elif kind in ("book", "edited-book", "chapter", "entry-encyclopedia"):
        if rng.random() < 0.9:
            item["publisher"] = pub
        if rng.random() < 0.8:
            item["publisher-place"] = place
        if rng.random() < 0.15:
            item["edition"] = str(rng.randint(2, 9)) if rng.random() < 0.85 else "Rev. ed."
        if rng.random() < 0.1 and kind == "book":
            item["translator"] = people(rng)[: rng.randint(1, 2)]
        if rng.random() < 0.08:
            item["collection-title"] = rng.choice(SERIES)
            if rng.random() < 0.5:
                item["collection-number"] = str(rng.randint(1, 300))
        if rng.random() < 0.1:
            item["ISBN"] = _isbn(rng)
        if rng.random() < 0.05 and kind == "book":
            item["number-of-pages"] = str(rng.randint(90, 900))
        if rng.random() < 0.05 and kind == "book":
            item["volume"] = str(rng.randint(1, 5))
        if kind in ("chapter", "entry-encyclopedia"):
            item["container-title"] = book_container(rng, lang)
            if rng.random() < 0.85:
                item["editor"] = people(rng, name_lang)[: rng.randint(1, 3)]
            if rng.random() < 0.85:
                item["page"] = _pages(rng)
    elif kind == "thesis":
        item["publisher"] = rng.choice(SCHOOLS)
        item["genre"] = rng.choice(THESIS_GENRES)
        if rng.random() < 0.5:
            item["publisher-place"] = place
        item["author"] = item["author"][:1]
    elif kind == "report":
        item["publisher"] = rng.choice([p for p, _ in PUBLISHERS[:6]] + CORPORATE + ["RAND Corporation"])
        if rng.random() < 0.6:
            item["publisher-place"] = place
        if rng.random() < 0.7:
            item["number"] = rng.choice(
                [
                    f"RL{rng.randint(30000, 34999)}",
                    f"WP {rng.randint(1, 99)}/{year}",
                    f"TR-{rng.randint(100, 999)}",
                    str(rng.randint(1, 400)),
                    f"No. {rng.randint(1, 60)}",
                ]
            )
        genre = rng.choice(REPORT_GENRES)
        if genre:
            item["genre"] = genre
        if rng.random() < 0.3:
            item["URL"] = _url(rng)
            item["accessed"] = _date(rng, rng.randint(max(year, 2000), 2025), 0.95)
    elif kind == "webpage":
        item["container-title"] = rng.choice(SITES)
        item["URL"] = _url(rng)
        item["issued"] = _date(rng, max(year, 1998), 0.7)
        if rng.random() < 0.85:
            item["accessed"] = _date(rng, rng.randint(max(year, 2000), 2025), 0.95)
        if rng.random() < 0.1:
            del item["issued"]
    elif kind == "paper-conference":
        item["container-title"] = rng.choice(CONFERENCES)
        if rng.random() < 0.6:
            item["page"] = _pages(rng)
        if rng.random() < 0.5:
            item["publisher"] = rng.choice(["ACL", "IEEE", "ACM", "Springer", pub])
        if rng.random() < 0.5:
            item["publisher-place"] = rng.choice(["Hong Kong", "Seoul", "Lyon", "Berlin", place])
        if rng.random() < 0.3:
            item["event-place"] = rng.choice(["Hong Kong", "Seoul", "Lyon", "Berlin"])
        if rng.random() < 0.3:
            item["DOI"] = _doi(rng)
    item["language"] = {
        "en": "en",
        "fr": "fr",
        "de": "de",
        "es": "es",
        "it": "it",
        "pt": "pt",
        "ru": "ru",
        "el": "el",
    }[lang]
    return item


# -- real records from BibTeX files ------------------------------------------------------


def default_bib_dir() -> Path | None:
    """``$REFS_SHARED/data/bib`` or ``../shared/data/bib`` next to the checkout, if present."""
    root = Path(__file__).resolve().parents[3]
    shared = Path(os.environ.get("REFS_SHARED", root.parent / "shared"))
    d = shared / "data" / "bib"
    return d if d.is_dir() else None


_BIB_FIELDS = (
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "volume",
    "issue",
    "page",
    "edition",
    "genre",
    "number",
    "DOI",
    "ISBN",
    "URL",
    "event",
    "event-title",
    "language",
    "number-of-pages",
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower()))


def evaluation_texts(root: Path | None = None, shared: Path | None = None) -> list[str]:
    """Every string the parser is evaluated on: the held-out halves and real-string sets
    of the repository, AnyStyle's ``gold.jsonl`` and GROBID's ``evaluation`` files."""
    root = root or Path(__file__).resolve().parents[3]
    shared = shared or Path(os.environ.get("REFS_SHARED", root.parent / "shared"))
    paths = sorted((root / "tests" / "data").rglob("holdout_*")) + sorted(
        (root / "tests" / "data").rglob("*real*")
    )
    paths += [shared / "data" / "anystyle" / "gold.jsonl"]
    paths += sorted((shared / "data" / "grobid-citations" / "evaluation").glob("*"))
    out = []
    for p in paths:
        if p.is_file():
            out.append(p.read_text(encoding="utf-8", errors="ignore"))
    return out


class EvalFilter:
    """Tells whether a title occurs in an evaluation string (all its word trigrams do,
    or, for titles of one to three words, the words in a row)."""

    def __init__(self, texts: list[str]) -> None:
        self.grams: set[tuple[str, ...]] = set()
        for text in texts:
            w = _words(text)
            for n in (1, 2, 3):
                self.grams.update(w[i : i + n] for i in range(len(w) - n + 1))

    def seen(self, title: str) -> bool:
        w = _words(title)
        if not w:
            return False
        if len(w) <= 3:
            return w in self.grams and len(" ".join(w)) >= 8
        return all(w[i : i + 3] in self.grams for i in range(len(w) - 2))


@lru_cache(maxsize=4)
def bib_items(bib_dir: str) -> tuple[dict[str, Any], ...]:
    """CSL-JSON items of every ``.bib`` file under ``bib_dir`` (sorted walk; each
    directory's files are read together so ``@string`` definitions resolve), keeping
    only items with a title, a date and an author or editor; notes, abstracts and
    other free text dropped; items whose title occurs in an evaluation string
    (:func:`evaluation_texts`) left out."""
    from refs import io

    held_out = EvalFilter(evaluation_texts())

    out: list[dict[str, Any]] = []
    root = Path(bib_dir)
    dirs = sorted({p.parent for p in root.rglob("*.bib")})
    for d in dirs:
        files = sorted(d.glob("*.bib"))
        text = "\n".join(io.read_text(f) for f in files)
        try:
            lib, _ = io.loads(text, "bibtex", source=str(d))
        except Exception:  # a file refs cannot read is simply not used
            continue
        for rec in lib.records:
            it = rec.to_csl()
            if not it.get("title") or not it.get("issued") or not (it.get("author") or it.get("editor")):
                continue
            strings = [v for v in it.values() if isinstance(v, str)]
            strings += [str(x) for k in ("author", "editor") for p in it.get(k) or [] for x in p.values()]
            if any(c in v for v in strings for c in '{\\$#"'):
                continue  # leftover TeX would teach the model TeX
            if held_out.seen(str(it["title"])):
                continue
            keep = {k: it[k] for k in _BIB_FIELDS if k in it}
            keep.update(
                {
                    k: it[k]
                    for k in ("type", "issued", "author", "editor", "translator", "accessed")
                    if k in it
                }
            )
            out.append(keep)
    return tuple(out)
