"""repair: Hanyu-Pinyin annotations that mirror sites insert after characters.

``網(wǎng)`` -> ``網``. An annotation is removed only when the syllable is a real
reading of the character before it (from pypinyin's dictionary) and the document
shows the mirror pattern (several annotations, the same character annotated again
and again). A lone intentional annotation such as ``“行(háng)”`` in a dictionary
entry stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from .chardata import HAN, PINYIN_TONE_VOWELS, has_han
from .edits import Edit, LineIndex
from .filter import Filter, register

_TONED = PINYIN_TONE_VOWELS + "üńňǹḿ"
_ANNOTATION_RE = re.compile(rf"([{HAN}])[(（]([a-z{_TONED}]{{1,7}}[1-5]?)[)）]")
#: the same annotations found from their opening parenthesis (rare in Chinese text, which
#: the engine then skips instead of trying every Han character); group 1 is the character
#: before it, group 2 the syllable
_PAREN_FIRST_RE = re.compile(rf"[(（](?<=([{HAN}])[(（])([a-z{_TONED}]{{1,7}}[1-5]?)[)）]")


def annotations(text: str) -> Iterator[re.Match[str]]:
    """``_ANNOTATION_RE.finditer(text)``, faster: each match starts at the Han character
    right before an annotation's parenthesis, and matches never overlap.

    >>> [m.group(0) for m in annotations("網(wǎng)站(zhàn)，(a)")]
    ['網(wǎng)', '站(zhàn)']
    """
    for m in _PAREN_FIRST_RE.finditer(text):
        full = _ANNOTATION_RE.match(text, m.start() - 1)
        if full is not None:
            yield full

#: Minimum number of valid annotations in a document before any is removed.
MIN_ANNOTATIONS = 3


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """All readings of ``char`` in tone-mark and tone-number forms (plus toneless).

    >>> "wǎng" in readings("網") and "wang3" in readings("網")
    True
    """
    from pypinyin import Style, pinyin

    marks = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    nums = pinyin(char, heteronym=True, style=Style.TONE3, errors="ignore", neutral_tone_with_five=True)
    plain = pinyin(char, heteronym=True, style=Style.NORMAL, errors="ignore")
    out: set[str] = set()
    for group in (marks, nums, plain):
        for alts in group:
            out.update(a.replace("v", "ü") if group is plain else a for a in alts)
    return frozenset(unicodedata.normalize("NFC", r) for r in out)


@lru_cache(maxsize=1)
def toned_syllables() -> frozenset[str]:
    """Every tone-marked syllable in pypinyin's dictionary (about 1,400)."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for value in pinyin_dict.values():
        out.update(value.split(","))
    return frozenset(unicodedata.normalize("NFC", s) for s in out if not s.isascii())


#: An annotation as the filter works with it: (where its character starts, where it ends,
#: the character, the syllable in NFC).
Found = tuple[int, int, str, str]


def _found(text: str) -> list[Found]:
    """Every annotation of ``text``, as :func:`annotations` finds them (one regex pass).

    >>> _found("網(wǎng)站")
    [(0, 7, '網', 'wǎng')]
    """
    nfc = unicodedata.normalize
    return [(m.start() - 1, m.end(), char, nfc("NFC", syllable))
            for m in _PAREN_FIRST_RE.finditer(text) for char, syllable in (m.groups(),)]


def _valid(a: Found) -> bool:
    return a[3] in readings(a[2])


def _toned(a: Found) -> bool:
    return a[3] in toned_syllables()


#: A document with at least this share of its annotations on characters annotated with more
#: than one reading teaches polyphones: it is not a mirror (a mirror's annotator may read
#: 行 as háng and xíng by context, but most characters it annotates have one reading).
MAX_POLYPHONE_SHARE = 0.5

#: Share of annotated characters that differ between scripts (網/网) for the mirror pattern.
MIN_VARIANT_SHARE = 0.8


@lru_cache(maxsize=8192)
def is_script_variant(char: str) -> bool:
    """Does ``char`` differ between Simplified and Traditional (網/网, 業/业)?

    Mirror sites annotate the characters their converter changed.

    >>> is_script_variant("網"), is_script_variant("网"), is_script_variant("行")
    (True, True, False)
    """
    return _t2s().convert(char) != char or _s2t().convert(char) != char


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _valid_annotations(text: str) -> list[Found]:
    if "(" not in text and "（" not in text:
        return []
    return [a for a in _found(text) if _valid(a)]


def count_annotations(text: str) -> int:
    """How many ``char(reading)`` annotations with a real reading ``text`` holds.

    >>> count_annotations("網(wǎng)站、網(ma)友、業(yè)務")
    2
    """
    return len(_valid_annotations(text))


def _mirror_pattern(valid: list[Found], text: str) -> bool:
    """Several annotations that a mirror inserted, not a textbook's or dictionary's."""
    if len(valid) < MIN_ANNOTATIONS:
        return False
    readings_of: dict[str, set[str]] = {}
    for _, _, char, syllable in valid:
        readings_of.setdefault(char, set()).add(syllable)
    # A mirror gives a character one reading; a lesson on polyphones gives it several
    # (行(háng) and 行(xíng), 长(cháng)/长(zhǎng)).
    polyphone = sum(1 for a in valid if len(readings_of[a[2]]) > 1)
    if polyphone >= MAX_POLYPHONE_SHARE * len(valid):
        return False
    per_char = Counter(a[2] for a in valid)
    if per_char.most_common(1)[0][1] >= 2:
        return True  # the same character annotated again and again
    variants = sum(1 for a in valid if is_script_variant(a[2]))
    lines = {text.count("\n", 0, a[0]) for a in valid}
    # every annotated character is one a script converter changes, spread over the text
    return variants >= MIN_VARIANT_SHARE * len(valid) and (len(lines) >= 2 or len(valid) >= 6)


def remove_pinyin_annotations(text: str, edits: list[Edit] | None = None) -> str:
    """Remove mirror-site pinyin annotations, keeping the character.

    >>> remove_pinyin_annotations("中國新聞網(wǎng)，工業(yè)園區(qū)，網(wǎng)站")
    '中國新聞網，工業園區，網站'
    >>> remove_pinyin_annotations("“行(háng)”是多音字")
    '“行(háng)”是多音字'
    >>> remove_pinyin_annotations("行(háng)和行(xíng)，长(cháng)和长(zhǎng)")
    '行(háng)和行(xíng)，长(cháng)和长(zhǎng)'
    """
    if ("(" not in text and "（" not in text) or not has_han(text):
        return text  # (an annotation follows a Han character)
    candidates = _found(text)
    ok = [_valid(a) for a in candidates]
    if not _mirror_pattern([a for a, good in zip(candidates, ok) if good], text):
        return text  # none, a lone one, or a textbook's list of different characters
    # In a mirrored page, a tone-marked syllable after a character is an annotation even
    # when the dictionary does not list that reading for that character.
    valid = [a for a, good in zip(candidates, ok) if good or _toned(a)]
    index = LineIndex(text) if edits is not None else None
    out: list[str] = []
    pos = 0
    for start, end, char, _ in valid:
        out.append(text[pos:start])
        out.append(char)
        pos = end
        if edits is not None and index is not None:
            edits.append(Edit("pinyin", index.line_of(start), text[start:end], char))
    out.append(text[pos:])
    return "".join(out)


@register
class Pinyin(Filter):
    name = "pinyin"
    stage = "repair"
    summary = "Hanyu-Pinyin annotations inserted by mirror sites (網(wǎng) -> 網)"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return remove_pinyin_annotations(text, edits)
