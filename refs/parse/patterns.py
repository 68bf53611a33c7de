"""Shared patterns: the "———" ditto mark that repeats the authors of the entry before,
and the names of newspapers (a periodical without a volume that is one is a daily)."""

from __future__ import annotations

import re

DITTO = re.compile(r"^[—–_\-]{2,}\s*[.,]?\s*")


NEWSPAPER = re.compile(
    r"(?:The\s+|Le\s+|La\s+|Die\s+|El\s+)?(?:[\w.]+\s+){0,3}"
    r"(?:Times|Post|News|Herald|Guardian|Gazette|Tribune|Telegraph|Independent|Observer|Chronicle|Le Monde|"
    r"Figaro|Libération|Zeitung|Spiegel|Allgemeine|El País|El Mundo|Corriere|Repubblica|La Stampa|Folha|"
    r"Estadão|O Globo|Известия|Коммерсантъ|Ведомости|Газета|Καθημερινή|Βήμα|Wall Street Journal|"
    r"Público|Clarín|La Vanguardia|La Nación|Le Soir|Les Échos|Ouest-France|La Croix|Die Welt|Die Zeit|"
    r"Der Standard|Die Presse|Handelsblatt|Il Sole 24 Ore|Il Messaggero|Expresso|Diário de Notícias|Jornal|"
    r"Российская газета|Новая газета|Ελευθεροτυπία|Τα Νέα|Έθνος|Financial Times)\b"
    r"(?:\s+\w+){0,2}")
