"""French typography of the documents: a non-breaking space before the high punctuation and the
percent sign (narrow where French typesetting wants it)."""

import re

NBSP, NNBSP = "\u00a0", "\u202f"
_BEFORE_COLON = re.compile(r"[ \u00a0]+:(?=\s|$)")
_BEFORE_HIGH = re.compile(r"[ \u00a0]+([;!?»])")
_AFTER_QUOTE = re.compile(r"«[ \u00a0]+")
_BEFORE_PERCENT = re.compile(r"(\d)[ \u00a0]*%")


def french(text) -> str:
    if text is None:
        return ""
    text = str(text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_HIGH.sub(NNBSP + r"\1", text)
    text = _AFTER_QUOTE.sub("«" + NNBSP, text)
    return _BEFORE_PERCENT.sub(r"\1" + NNBSP + "%", text)
