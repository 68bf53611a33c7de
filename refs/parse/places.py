"""Place and publisher: "London: Routledge", "(Routledge, 2008)", "Paris, Gallimard",
"Academic Press, London, United Kingdom", "М.: Наука" (GOST place abbreviations are
expanded: М. → Москва).

A small list of publishing cities in several languages and the shape of the text
(colon, commas, regions and US state codes) decide which part is the place.
"""

from __future__ import annotations

import re

from refs.parse.patterns import sentence_end
from refs.parse.state import Parsed

PLACE_ABBR = {"М.": "Москва", "М": "Москва", "Л.": "Ленинград", "СПб.": "Санкт-Петербург",
               "СПб": "Санкт-Петербург", "К.": "Киев", "Мн.": "Минск", "Н.Й.": "Нью-Йорк"}


def is_city(text: str) -> bool:
    t = text.strip(" ,.;").lower()
    if not t:
        return False
    if text.strip() in PLACE_ABBR:
        return True
    if t in KNOWN_CITIES:
        return True
    first = re.split(r",|\s+and\s+|\s*&\s*|;|/|-(?=\w{3})", t)[0].strip()
    return first in KNOWN_CITIES


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


def series(text: str, p: Parsed) -> str:
    """A trailing "(Series Name)" after the publisher is the collection title."""
    m = re.search(r"\(([^()\d]{3,80})\)\s*$", text)
    if m and not is_city(m.group(1)) and text[: m.start()].strip(" ,."):
        p.collection = m.group(1).strip()
        return text[: m.start()].strip(" ,.")
    return text


def looks_like_pubinfo(text: str) -> bool:
    if re.search(r"\bPress\b|\bUP\b|Verlag|Publish|University|Universität|Université|Editions|Éditions"
                 r"|Editora|"
                 r"Editorial|Editore|Издательство|Изд|Εκδόσεις|Books\b|Routledge|Wiley|Springer|Elsevier"
                 r"|Sage|"
                 r"Palgrave|Macmillan|Institute|Centre|Center|School|Dept|Department|Foundation|Corporation|"
                 r"Gallimard|Seuil|Suhrkamp|Beck|Fischer|Einaudi|Mondadori|Laterza|Akal|Alianza|Crítica",
                 text):
        return True
    if re.match(r"^[^:]{2,40}\s?:\s*\S", text) and not re.search(r"\d", text):
        return True
    if is_city(text.split(":")[0].split(",")[0]):
        return True
    parts3 = [x.strip() for x in text.split(",")]
    if len(parts3) >= 3 and len(parts3[0].split()) <= 5 and is_city(parts3[-2]) and \
            REGION.fullmatch(parts3[-1]):
        return True  # IEEE "IEA, Paris, France": an organisation and its city and country
    # German "Verlag, Ort Jahr": "Barbara Budrich, Opladen 2011"
    parts = text.split(",")
    return len(parts) == 2 and len(parts[0].split()) <= 4 and not re.search(r"[.():\d]", parts[0]) and \
        is_city(re.sub(r"\s+\d{4}\S*$", "", parts[1].strip()))


def split_container_pub(text: str, commas: bool = False) -> tuple[str, str]:
    """ "Theorizing Documentary. London: Routledge" → ("Theorizing Documentary", "London: Routledge")."""
    m = re.search(r"\s\(([^()]+)\)?\s*$", text)
    if m and looks_like_pubinfo(m.group(1)):
        return text[: m.start()].strip(), m.group(1).strip()
    for m in re.finditer(r"\.\s+|(?<=[?!])\s+", text):
        if (text[m.start()] != "." or sentence_end(text, m.start())) and looks_like_pubinfo(text[m.end():]):
            return text[: m.start()].strip(), text[m.end():].strip()
    for m in re.finditer(r",\s+", text if commas else ""):
        after = text[m.end():]
        if re.match(r"[^,:]{2,40}\s?:\s*\S", after) and looks_like_pubinfo(after):
            return text[: m.start()].strip(), after.strip()
    return text, ""


def pubinfo(text: str, p: Parsed, school: bool = False) -> None:
    """Place and publisher from "London: Routledge", "(Routledge", "М.: Наука", "Paris, Gallimard"."""
    text = re.sub(r"\s*,\s*,\s*", ", ", text).strip(" ,.;:()[]")
    m = re.match(r"([^;:]{2,40}:[^;:]+);\s*[^;:]{2,40}:\s*\S", text)
    if m:  # "London: Chatham House; Washington, DC: Brookings": the first place and publisher
        text = m.group(1).strip()
    text = re.sub(r"\s+,", ",", text)
    if not text:
        return
    if school:
        # IEEE "Dept. Phys., Univ. of Crete, Heraklion, Greece": the degree comes from the
        # university, not its department
        parts = [x.strip() for x in text.split(",")]
        while len(parts) > 1 and re.match(r"(?:Dept\.|Department|Faculty|Fac\.|Division|Div\.|Sch\.|"
                                          r"Fachbereich|Département|Departamento|Dipartimento)\s", parts[0]) \
                and any(re.search(r"Univ|College|Inst\.|Institute|Universit|École|Hochschule", x)
                        for x in parts[1:]):
            parts.pop(0)
        text = ", ".join(parts)
    if school and not (any(is_city(x) for x in text.split(",")) or re.match(r"[^:]{2,40}:", text)
                       or re.search(r",\s*[A-Z]{2}$", text)
                       or (text.count(",") >= 2 and REGION.fullmatch(text.rsplit(",", 1)[1].strip()))):
        p.publisher = text.strip(" ,.")
        return
    m = re.match(r"^(?P<place>[^:]{1,60}?)\s?:\s*(?P<pub>[^:]+)$", text)
    if m and not re.search(r"\d", m.group("place")) and len(m.group("place").split()) <= 6:
        p.place = place_name(m.group("place"))
        p.publisher = clean_pub(m.group("pub"))
        return
    parts = [x.strip() for x in text.split(",") if x.strip()]
    n = len(parts)
    idx = next((i for i, x in enumerate(parts) if is_city(x) or (
        i + 1 < n and REGION.fullmatch(parts[i + 1]) and not looks_like_pubinfo(x)
        and len(x.split()) <= 3)), None)
    if idx is None:
        if is_city(text) or text in PLACE_ABBR:
            p.place = place_name(text)
        else:
            p.publisher = clean_pub(text)
        return
    end = idx + 1
    while end < n and REGION.fullmatch(parts[end]):
        end += 1  # "Sunderland, MA", "London, United Kingdom"
    p.place = place_name(", ".join(parts[idx:end]))
    before, after = parts[:idx], parts[end:]
    if before and after and not looks_like_pubinfo(", ".join(before)):
        # French and Italian: "Titre, Sous-titre, Paris, Gallimard"
        if p.title and not p.container and not p.quoted:
            p.title = p.title + p.title_sep + ", ".join(before)
        before = []
    if before:
        p.publisher = clean_pub(", ".join(before))
    elif after:
        p.publisher = clean_pub(", ".join(after))


REGION = re.compile(
    r"[A-Z]{2}|[A-Z]\.\s?[A-Z]\.?|D\.?\s?C\.?|U\.?S\.?A?\.?|U\.?K\.?|United\s+(?:Kingdom|States)|England|Scotland|Wales|"
    r"Ireland|Germany|France|Italy|Spain|Portugal|Canada|Australia|Netherlands|Switzerland|Belgium|Austria|"
    r"Russia|Greece|Brazil|Mexico|Japan|China|India|New\s+Jersey|Massachusetts|California|Pennsylvania|"
    r"Virginia|Maryland|Illinois|Connecticut|Deutschland|España|Italia|Россия|Ελλάδα")


def place_name(text: str) -> str:
    text = text.strip(" ,;")
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", text):
        text = text[:-1]  # but "Washington, D.C." keeps its full stop
    return PLACE_ABBR.get(text, PLACE_ABBR.get(text + ".", text))


def clean_pub(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()")
    return text
