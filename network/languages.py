"""The languages a person of the network speaks, as ISO 639 codes (639-1 where one exists, 639-3
otherwise) with their French names; `read_languages` turns the free text people typed ("français,
arabe, anglais") into codes and says what it could not read."""

import re
import unicodedata

# code -> French name. The languages met in the network's work with newcomers, and the usual ones.
LANGUAGES = {
    "fr": "français",
    "nl": "néerlandais",
    "de": "allemand",
    "en": "anglais",
    "es": "espagnol",
    "it": "italien",
    "pt": "portugais",
    "ar": "arabe",
    "ber": "berbère",
    "tr": "turc",
    "ku": "kurde",
    "fa": "persan",
    "prs": "dari",
    "ps": "pachto",
    "ur": "ourdou",
    "hi": "hindi",
    "bn": "bengali",
    "ti": "tigrinya",
    "am": "amharique",
    "so": "somali",
    "sw": "swahili",
    "ln": "lingala",
    "wo": "wolof",
    "ff": "peul",
    "rw": "kinyarwanda",
    "rn": "kirundi",
    "ru": "russe",
    "uk": "ukrainien",
    "pl": "polonais",
    "ro": "roumain",
    "bg": "bulgare",
    "sq": "albanais",
    "sr": "serbe",
    "bs": "bosnien",
    "hy": "arménien",
    "ka": "géorgien",
    "zh": "chinois",
    "vi": "vietnamien",
    "ta": "tamoul",
    "ne": "népalais",
    "el": "grec",
    "he": "hébreu",
    "ht": "créole haïtien",
    "sgn": "langue des signes",
}

# Other spellings people write, folded (lower case, no accents) -> code.
ALIASES = {
    "francais": "fr",
    "french": "fr",
    "neerlandais": "nl",
    "flamand": "nl",
    "dutch": "nl",
    "english": "en",
    "arabic": "ar",
    "arabe dialectal": "ar",
    "arabe marocain": "ar",
    "darija": "ar",
    "amazigh": "ber",
    "tamazight": "ber",
    "kabyle": "ber",
    "farsi": "fa",
    "perse": "fa",
    "pashto": "ps",
    "pachtou": "ps",
    "tigrigna": "ti",
    "tigrinia": "ti",
    "peuhl": "ff",
    "pular": "ff",
    "fula": "ff",
    "russian": "ru",
    "ukrainian": "uk",
    "spanish": "es",
    "castillan": "es",
    "portuguese": "pt",
    "lsfb": "sgn",
    "langue des signes francophone": "sgn",
    "creole": "ht",
    "mandarin": "zh",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)))


_BY_NAME = {fold(name): code for code, name in LANGUAGES.items()} | ALIASES | {c: c for c in LANGUAGES}


def read_languages(text: str) -> tuple[list[str], list[str]]:
    """(codes in the order written, without repeats; the pieces that name no known language)."""
    codes, unread = [], []
    for piece in re.split(r"[,;/+]|\bet\b|\n", text or ""):
        if not piece.strip():
            continue
        code = _BY_NAME.get(fold(piece))
        if code is None:
            unread.append(piece.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unread


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


def language_choices() -> list[tuple[str, str]]:
    return sorted(LANGUAGES.items(), key=lambda item: fold(item[1]))
