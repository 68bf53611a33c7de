"""Places and publishers as printed, tidied: GOST place abbreviations expanded
(М. → Москва, СПб. → Санкт-Петербург), a final full stop dropped ("Washington, D.C."
keeps its own), and a list of publishing cities in several languages (a feature of the
parse model).
"""

from __future__ import annotations

import re

PLACE_ABBR = {"М.": "Москва", "М": "Москва", "Л.": "Ленинград", "СПб.": "Санкт-Петербург",
               "СПб": "Санкт-Петербург", "К.": "Киев", "Мн.": "Минск", "Н.Й.": "Нью-Йорк"}
#: the same abbreviations in a Ukrainian reference (told by its letters і, ї, є, ґ)
UK_PLACE_ABBR = {**PLACE_ABBR, "К.": "Київ"}
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")

#: countries and the like, as printed after a city ("Toronto, Canada", "Washington, D.C."): a
#: place's second part, never a publisher
COUNTRIES = frozenset((
    "usa|u.s.a.|us|u.s.|uk|u.k.|united states|united kingdom|england|scotland|wales|ireland|canada|mexico"
    "|brazil|brasil|argentina|chile|peru|colombia|australia|new zealand|japan|china|p.r. china|korea"
    "|south korea|taiwan|india|pakistan|singapore|malaysia|indonesia|thailand|vietnam|philippines|israel"
    "|turkey|iran|egypt|south africa|nigeria|kenya|france|germany|deutschland|italy|italia|spain|españa"
    "|portugal|netherlands|the netherlands|belgium|switzerland|austria|sweden|norway|denmark|finland"
    "|iceland|poland|czech republic|czechia|slovakia|hungary|romania|bulgaria|greece|serbia|croatia"
    "|slovenia|russia|ukraine|estonia|latvia|lithuania|d.c.|dc"
).split("|"))

KNOWN_CITIES = frozenset(w for w in (
    "london|new york|oxford|cambridge|paris|berlin|münchen|munich|frankfurt|frankfurt am main|madrid"
    "|barcelona|"
    "roma|rome|milano|milan|lisboa|lisbon|são paulo|rio de janeiro|moscow|москва|athens|αθήνα|θεσσαλονίκη"
    "|wien|"
    "vienna|zürich|zurich|amsterdam|leiden|boston|chicago|washington|washington, dc|washington, d.c."
    "|princeton|"
    "new haven|stanford|berkeley|toronto|montréal|montreal|bruxelles|brussels|genève|geneva|bologna|torino|"
    "turin|firenze|florence|napoli|buenos aires|méxico|mexico|santiago|bogotá|lima|coimbra|porto|stuttgart|"
    "hamburg|leipzig|göttingen|heidelberg|köln|cologne|bonn|lyon|toulouse|bordeaux|marseille|warsaw|warszawa|"
    "praha|prague|budapest|kyiv|kiev|киев|санкт-петербург|ленинград|минск|thousand oaks|hoboken|abingdon|"
    "basingstoke|cheltenham|lanham|westport|baltimore|philadelphia|los angeles|san francisco|ithaca|durham|"
    "chapel hill|ann arbor|minneapolis|edinburgh|manchester|dublin|stockholm|oslo|copenhagen|helsinki|tokyo|"
    "beijing|singapore|sydney|melbourne|delhi|new delhi|dordrecht|bern|basel|tübingen|freiburg|mainz"
    "|darmstadt|"
    "hannover|münster|wiesbaden|opladen|baden-baden|leuven|rotterdam|utrecht|the hague|den haag|valencia|"
    "sevilla|salamanca|granada|venezia|padova|pisa|bari|lausanne|nice|lille|rennes|grenoble|strasbourg|"
    "nanterre|montpellier|brasília|belo horizonte|porto alegre|curitiba|recife|campinas|santa monica|"
    "arlington|carlisle|newport|camberley|farnham|aldershot|burlington|armonk|boulder|new brunswick|"
    "piscataway|amherst|bloomington|urbana|champaign|evanston|austin|houston|atlanta|seattle|ottawa|"
    "vancouver|montréal|québec|quebec|canberra|wellington|cape town|johannesburg|nairobi|cairo|jerusalem|"
    "tel aviv|istanbul|ankara|seoul|hong kong|taipei|shanghai|mumbai|bangalore|kolkata|karachi|lahore|"
    "sofia|bucharest|belgrade|zagreb|ljubljana|bratislava|vilnius|riga|tallinn|reykjavik|"
    "санкт петербург|новосибирск|екатеринбург|казань|нижний новгород|ростов-на-дону|харьков|одесса|"
    "томск|омск|самара|саратов|воронеж|пермь|уфа|челябинск|красноярск|иркутск|владивосток|волгоград|"
    "ярославль|тверь|калининград|краснодар|барнаул|тюмень|архангельск|петрозаводск|мурманск|курск|"
    "смоленск|владимир|рязань|тула|кемерово|хабаровск|якутск|махачкала|ставрополь|львов|вильнюс|рига|"
    "tomsk|novosibirsk|yekaterinburg|kazan|"
    "lisbonne|londres|nueva york|nova iorque|mosca|moscou|moskau|atenas|atene|athènes|athen|"
    "πάτρα|ηράκλειο|λευκωσία|ιωάννινα"
).split("|"))


_AREA_DASH = re.compile(r"^[-–—]+\s+")
_INITIAL_STOP = re.compile(r"(?:^|[\s.])[A-Z]\.$")
_SPACES = re.compile(r"\s+")


def place_name(text: str, reference: str = "") -> str:
    """The place as printed, tidied; a GOST abbreviation expanded in the language of the whole
    ``reference`` ("К." is Київ in a Ukrainian reference, Киев in a Russian one)."""
    text = _AREA_DASH.sub("", text.strip(" ,;"))  # GOST's area dash: "- Москва : …"
    if text.endswith(".") and not _INITIAL_STOP.search(text):
        text = text[:-1]  # but "Washington, D.C." keeps its full stop
    abbr = UK_PLACE_ABBR if reference and _UKRAINIAN.search(reference) else PLACE_ABBR
    return abbr.get(text, abbr.get(text + ".", text))


#: what may open a publisher without being part of its name: Greek "εκδ." ("published by":
#: "εκδ. Πατάκη"), and a preposition before a capital ("à l’Université …", "chez Gallimard")
_PUB_LEAD = re.compile(r"^(?:[Εε]κδ\.|(?:à|at|chez|bei|presso)\s+(?:l['’])?(?=[A-ZÀ-ÖØ-ÞΑ-ΩА-Я]))\s*")


#: what follows a publisher that is not its name: a page cue cut from its number ("Il Mulino,
#: pagg"), a "no date" mark ("Ulisseia, s/d", "Beck, o.J.", "n.d.")
_PUB_TAIL = re.compile(r"(?:,\s*(?:pp?|S|s|с|σσ?)|(?:,|\s)\s*(?:pagg?|págs?|pgs|стр|s/d|s\.\s?d|n\.\s?d"
                       r"|o\.\s?J|б\.\s?г))\.?$")


def clean_pub(text: str) -> str:
    text = _SPACES.sub(" ", text).strip(" ,.;:()")
    text = _PUB_TAIL.sub("", text).rstrip(" ,.;:") or text
    return _PUB_LEAD.sub("", text, count=1) or text
