"""Vietnamese place names: matching what people type, and sorting in Vietnamese order.

Names typed in Excel differ from the official list in ways that do not change
the place: Unicode composition (NFC/NFD), old- versus new-style tone placement
(Hoà/Hòa, Thuỷ/Thủy), dash spacing ("Bà Rịa - Vũng Tàu" / "Bà Rịa–Vũng Tàu"),
type prefixes ("TP. Hồ Chí Minh", "Xã Dương Tơ"). `fold_name` removes exactly
those differences and keeps the diacritics, because "Hà Nam" and "Hà Nậm" are
different names. Stripping the prefix makes "Huyện Kỳ Anh" and "Thị xã Kỳ Anh"
fold alike: match a folded name only together with its parent unit.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks as combining characters, in dictionary order (ngang has none):
# huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")  # carry the tone whenever present

# f, j, w, z are not Vietnamese letters but occur in names (Đắk Wil); they sit
# at their Latin places so such names still sort sensibly.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {c: i for i, c in enumerate(_ALPHABET)}

_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_LEADING_ZEROS = re.compile(r"\b0+(\d)")
# Longest alternatives first where one is a prefix of another ("thị xã" / "xã").
_TYPE_PREFIX = re.compile(
    r"^(?:(?:thành phố|thủ đô|tỉnh|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu)\s+"
    r"|(?:tp|tx|tt|p|q)\.\s*"
    r"|(?:tp|tx|tt)\s+)"
)

# Without accents only the multi-word types are unambiguous (see match_key).
_BARE_TYPE_PREFIX = re.compile(r"^(?:thanh pho|thi xa|thi tran|dac khu|thu do)\s+")


def _tone_position(bare: str) -> int | None:
    """Index of the letter that carries the tone in a lower-case syllable without tone.

    The rule is the traditional one used by the official lists ("Hòa", "Thủy",
    "Khỏe"): a vowel with a hat, breve or horn takes it; otherwise the last
    vowel before a final consonant; otherwise, in an open syllable, the first
    of two vowels or the middle of three. "qu" and "gi" before a vowel are
    consonants. Returns None when the word is not shaped like a syllable.
    """
    n = len(bare)
    if bare[:2] in ("qu", "gi") and n > 2 and bare[2] in _VOWELS:
        start = 2
    else:
        start = 0
        while start < n and bare[start] not in _VOWELS:
            start += 1
    end = start
    while end < n and bare[end] in _VOWELS:
        end += 1
    if start == end or any(c in _VOWELS for c in bare[end:]):
        return None
    cluster = bare[start:end]
    marked = [i for i, c in enumerate(cluster) if c in _MARKED_VOWELS]
    if marked:
        return start + marked[-1]  # "ươ" → ơ
    if end < n:
        return end - 1
    return start + (1 if len(cluster) >= 3 else 0)


def _place_tone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    index = _tone_position(bare.lower())
    if index is None:
        return word
    return unicodedata.normalize("NFC", bare[: index + 1] + tones[0] + bare[index + 1:])


def normalize_tone_placement(text: str) -> str:
    """Return NFC text with each syllable's tone mark on the vowel the traditional rule chooses.

    "Hoà" → "Hòa", "Thuỷ" → "Thủy", "Khoẻ" → "Khỏe", "Hùynh" → "Huỳnh"; case
    and everything else are kept. Words that are not Vietnamese syllables are
    left as they are.
    """
    return _WORD.sub(lambda m: _place_tone(m.group()), unicodedata.normalize("NFC", text))


def fold_name(text: str) -> str:
    """Fold a typed place name to a comparison form that keeps its diacritics.

    NFC; lower case; traditional tone placement; any dash (-, –, —, −) with any
    spacing → " - "; typographic apostrophes → "'"; whitespace collapsed; one
    leading type prefix removed (Tỉnh, Thành phố, TP./TP, Thủ đô, Quận, Q.,
    Huyện, Thị xã, TX., Thị trấn, TT., Xã, Phường, P., Đặc khu) unless nothing
    would remain; leading zeros of numbers dropped ("Phường 01" → "1").
    """
    s = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    s = _DASHES.sub(" - ", s).lower()
    s = " ".join(normalize_tone_placement(s).split())
    stripped = _TYPE_PREFIX.sub("", s, count=1).strip()
    if stripped:
        s = stripped
    return _LEADING_ZEROS.sub(r"\1", s)


def strip_accents(text: str) -> str:
    """Remove every diacritic, đ/Đ → d/D included; case is kept. "Đắk Lắk" → "Dak Lak"."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def match_key(text: str, accents: bool = True) -> str:
    """fold_name(text), and with accents=False also without diacritics (for names typed without them).

    Without accents the prefixes "Thanh pho", "Thi xa", "Thi tran", "Dac khu"
    and "Thu do" are removed too, but not "Tinh", "Quan", "Huyen", "Xa",
    "Phuong": those also begin real names (Tịnh Biên, Quan Hóa, Huyền Hội, Xà
    Bang, Phương Mai). Accent-free keys collide for different places ("Hà
    Nam"/"Hà Nậm"), so use them only as a fallback when the accented key finds
    nothing.
    """
    folded = fold_name(text)
    if accents:
        return folded
    bare = strip_accents(folded)
    return _BARE_TYPE_PREFIX.sub("", bare, count=1).strip() or bare


@lru_cache(maxsize=512)
def _letter(ch: str) -> tuple[int, int]:
    """(rank of the base letter with its hat/breve/horn, tone rank) of one lower-case character."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    rank = _LETTER_RANK.get(base)
    if rank is None:
        # Outside the alphabet: after it, in code-point order, so the key stays total.
        rank = len(_ALPHABET) + ord(base[0])
    return rank, tone


def vi_sort_key(text: str) -> tuple:
    """Key for sorted() giving Vietnamese alphabetical order, case-insensitive.

    Letters in the order a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
    x y; word by word, each word compared first on its base letters, then on
    its tone (ngang, huyền, hỏi, ngã, sắc, nặng), as dictionaries do: "ba" <
    "bà" < "bác" < "bạc", "Ba Vì" < "Bà Rịa", "An Giang" < "Ân Thi", and every
    "D…" before "Đà Nẵng". Punctuation and dash style are ignored; numbers
    compare by value ("Phường 2" < "Phường 10") and before words. The folded
    text is the last element, so names that differ only there still sort
    deterministically.
    """
    s = unicodedata.normalize("NFC", text).lower()
    words = []
    for token in _TOKEN.findall(s):
        if token.isdigit():
            words.append((0, (int(token),), ()))
            continue
        letters = [_letter(ch) for ch in token]
        words.append((1, tuple(r for r, _ in letters), tuple(t for _, t in letters if t)))
    return (tuple(words), s)
