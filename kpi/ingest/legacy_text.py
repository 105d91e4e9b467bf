"""Vietnamese typed in the pre-Unicode encodings TCVN3 (ABC, .VnTime) and VNI.

Old workbooks still carry text typed with the .VnTime or VNI-Times fonts:
Excel stores the font's code points, so "Thu ngân sách" arrives as
"Thu ng©n s¸ch" (TCVN3) or "Thu ngaân saùch" (VNI). A cell is converted
only when its text is not Vietnamese as it stands and becomes Vietnamese,
syllable by syllable, after one of the two conversions; otherwise it is left
as it is, and `looks_legacy` tells the reader to explain a failed match by
the encoding.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# TCVN 5712:1993 VN3 ("ABC"): lower-case letters and the seven upper-case
# base letters at 0xA1–0xFF, read by Excel as the Latin-1 characters there.
_TCVN3_FROM = ("µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé"
               "¬êíëìî" "ïóñòô" "\xadõøö÷ù" "úýûüþ" "¡¢§£¤¥¦")
_TCVN3_TO = ("àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ"
             "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ")
_TCVN3 = str.maketrans(_TCVN3_FROM, _TCVN3_TO)

# VNI-Windows: a base letter followed by mark characters. Each row: the
# letter, the mark of its hat or breve ("" for none), the letter it makes,
# then the tone marks sắc, huyền, hỏi, ngã, nặng and the letters they make.
_VNI_ROWS = (
    ("a", "", "a", "ùøûõï", "áàảãạ"), ("a", "â", "â", "áàåãä", "ấầẩẫậ"),
    ("a", "ê", "ă", "éèúüë", "ắằẳẵặ"), ("e", "", "e", "ùøûõï", "éèẻẽẹ"),
    ("e", "â", "ê", "áàåãä", "ếềểễệ"), ("o", "", "o", "ùøûõï", "óòỏõọ"),
    ("o", "â", "ô", "áàåãä", "ốồổỗộ"), ("ô", "", "ơ", "ùøûõï", "ớờởỡợ"),
    ("u", "", "u", "ùøûõï", "úùủũụ"), ("ö", "", "ư", "ùøûõï", "ứừửữự"),
    ("y", "", "y", "ùøûõ", "ýỳỷỹ"),
)
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    lower: dict[str, str] = {}
    for base, hat, letter, marks, results in _VNI_ROWS:
        if hat:
            lower[base + hat] = letter
        for mark, result in zip(marks, results):
            lower[base + mark] = result
    pairs = {}
    for seq, result in lower.items():  # upper-case base: upper-case letter, whatever the mark's case
        for first in (seq[0], seq[0].upper()):
            for second in (seq[1], seq[1].upper()):
                pairs[first + second] = result.upper() if first.isupper() else result
    singles = dict(_VNI_SINGLE)
    singles.update({k.upper(): v.upper() for k, v in _VNI_SINGLE.items()})
    return pairs, singles


_VNI_PAIRS, _VNI_SINGLES = _vni_tables()

# Characters no Unicode Vietnamese text contains but TCVN3/VNI text is full of.
_MARKERS = frozenset("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÄÅÆÇËÎÏÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþÿ")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
           "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "")
_CODAS = ("ch", "ng", "nh", "c", "k", "m", "n", "p", "t", "")
_OPEN = frozenset("ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu ơu iêu yêu oai oay oao "
                  "oeo uây uôi ươi ươu uya uyu".split())
_EITHER = frozenset("a e ê i o ô ơ u ư y oa oe uê uy oo".split())
_CLOSED = frozenset("ă â iê yê uâ uô ươ oă uyê".split())
_TOKEN = re.compile(r"[^\s\d.,;:()\[\]{}/\\|\-–—+*=%‰\"'“”‘’!?<>]+")


def tcvn3_to_unicode(text: str) -> str:
    """Convert text typed with a TCVN3 (.VnTime) font to Unicode."""
    return text.translate(_TCVN3)


def vni_to_unicode(text: str) -> str:
    """Convert text typed with a VNI font to Unicode (a letter and its mark become one)."""
    out, i = [], 0
    while i < len(text):
        pair = _VNI_PAIRS.get(text[i:i + 2])
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        out.append(_VNI_SINGLES.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=4096)
def is_syllable(word: str) -> bool:
    """True when `word` (any case) has the shape of one Vietnamese syllable:
    onset, a valid vowel nucleus, a final consonant it allows, at most one tone."""
    lowered = unicodedata.normalize("NFD", word.lower())
    if sum(lowered.count(t) for t in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in lowered if c not in _TONES))
    for onset in _ONSETS:
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset):]
        for coda in _CODAS:
            if coda and not rest.endswith(coda):
                continue
            nucleus = rest[:len(rest) - len(coda)]
            if (nucleus in _EITHER or (coda and nucleus in _CLOSED)
                    or (not coda and nucleus in _OPEN)):
                return True
    return False


def _verdict(text: str) -> tuple[int, int]:
    """(words checked, words that are not Vietnamese syllables); ASCII words are not checked."""
    checked = bad = 0
    for token in _TOKEN.findall(text):
        if token.isascii():
            continue
        checked += 1
        if not (token.isalpha() and is_syllable(token)):
            bad += 1
    return checked, bad


def looks_legacy(text: str) -> bool:
    """True when the text carries several characters typical of TCVN3/VNI text."""
    return sum(ch in _MARKERS for ch in text) >= 2


def legacy_share(text: str, minimum: int = 20) -> float:
    """Share of the non-ASCII characters that are typical of TCVN3/VNI text —
    near 0 for Unicode Vietnamese, most of them for legacy text; 0 when there
    are fewer than `minimum` non-ASCII characters to judge by."""
    foreign = [ch for ch in text if ord(ch) > 127]
    return sum(ch in _MARKERS for ch in foreign) / len(foreign) if len(foreign) >= minimum else 0.0


_CONVERTERS = {"TCVN3": tcvn3_to_unicode, "VNI": vni_to_unicode}


def to_unicode(text: str, prefer: str | None = None) -> tuple[str, str | None]:
    """(converted, 'TCVN3' or 'VNI') when that conversion makes every non-ASCII
    word a Vietnamese syllable and the text as it stands does not read so;
    else (text, None). With `prefer` (the encoding the rest of the sheet is
    in), text that reads as Vietnamese both ways is converted too."""
    if text.isascii():
        return text, None
    if prefer:
        converted = _CONVERTERS[prefer](text)
        if converted != text and _verdict(converted)[1] == 0:
            return converted, prefer
    if _verdict(text)[1] == 0:
        return text, None
    for name, convert in _CONVERTERS.items():
        converted = convert(text)
        if converted != text and _verdict(converted)[1] == 0:
            return converted, name
    return text, None
