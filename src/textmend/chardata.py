"""Character classes shared by the filters (regex fragments, no logic).

Like ftfy's ``chardata.py``: the tables live here so the filters stay small.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

#: Han ideographs: CJK Unified (+ Ext A), compatibility ideographs, Ext B-G (SIP/TIP).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Hiragana, Katakana (+ phonetic extensions, half-width katakana).
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
#: Hangul syllables and jamo.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
#: Full-width / CJK punctuation that closes or separates.
CJK_CLOSING_PUNCT = "，。、；：？！）》」』】〕〉”’…—"
CJK_OPENING_PUNCT = "（《「『【〔〈“‘"
CJK_PUNCT = CJK_CLOSING_PUNCT + CJK_OPENING_PUNCT
#: Private Use Area of the BMP (GBK/Big5 user-defined areas decode here).
PUA = "\ue000-\uf8ff"
#: Pinyin vowels with a tone mark (ü alone carries none).
PINYIN_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: The Latin letters of English (and of pinyin without tone marks).
LATIN_RE = re.compile("[A-Za-z]")
#: Horizontal white space that is not a line break.
HSPACE = " \t\u00a0\u3000\u2000-\u200a\u202f\u205f"

HAN_RE = re.compile(f"[{HAN}]")
KANA_RE = re.compile(f"[{KANA}]")
HANGUL_RE = re.compile(f"[{HANGUL}]")

#: ASCII punctuation and its full-width form.
FULLWIDTH = {
    ",": "，",
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
}


#: Texts shorter than this are scanned again (a scan costs less than the bookkeeping).
MEMO_MIN_CHARS = 256


def _same_text_memo(func: Callable[[str], bool]) -> Callable[[str], bool]:
    """Remember ``func``'s answer for the last long text it was asked about. The filters of
    a pipeline pass the same str object on when they change nothing, and several ask the
    same question of it (each scan of a 3 KB page costs ~20 µs); the answer is reused
    only for that very object (``is``), which the memo keeps alive."""
    last: list[tuple[str, bool]] = [("", False)]

    @functools.wraps(func)
    def wrapper(text: str) -> bool:
        if len(text) < MEMO_MIN_CHARS:
            return func(text)
        seen = last[0]  # (one read of one tuple: consistent even if another thread replaces it)
        if seen[0] is text:
            return seen[1]
        answer = func(text)
        last[0] = (text, answer)
        return answer

    return wrapper


#: The first bytes of the UTF-8 form of every character in :data:`HAN` (U+3400-U+9FFF:
#: E3-E9, U+F900-U+FAFF: EF, planes 2-3: F0), and the bytes that are not.
HAN_UTF8_LEADS = bytes(range(0xE3, 0xEA)) + b"\xef\xf0"
_NOT_HAN_LEADS = bytes(b for b in range(256) if b not in HAN_UTF8_LEADS)
#: Scan this many characters before taking the byte test (Chinese text has Han at once).
_HAN_HEAD = 64


@_same_text_memo
def has_han(text: str) -> bool:
    """True when ``text`` contains at least one Han ideograph.

    A scan with a class of wide ranges costs ~10 ns a character; text without Han
    (English with curly quotes, Japanese kana, Korean) is ruled out by its UTF-8 form
    holding none of the first bytes of Han (encoding and deleting bytes: ~1.5 ns).

    >>> has_han("abc"), has_han("abc中"), has_han("“quoted” — dash " * 10), has_han("“quoted” " * 10 + "𠀀")
    (False, True, False, True)
    """
    if text.isascii():
        return False
    if HAN_RE.search(text, 0, _HAN_HEAD) is not None:
        return True
    if len(text) > _HAN_HEAD and not text.encode("utf-8", "surrogatepass").translate(None, _NOT_HAN_LEADS):
        return False
    return HAN_RE.search(text) is not None


def has_kana(text: str) -> bool:
    """True when ``text`` contains Japanese kana (so it is Japanese, not Chinese).

    >>> has_kana("東京は晴れ"), has_kana("东京晴朗"), has_kana("서울")
    (True, False, False)
    """
    return _has_kana_or_hangul(text) and KANA_RE.search(text) is not None


#: Text whose kana make up more than this share of its kana + Han is Japanese.
JAPANESE_KANA_SHARE = 0.15
_KANA_FIND = re.compile("[\u3040-\u30ff]")


_KANA_OR_HANGUL_RE = re.compile(f"[{KANA}{HANGUL}]")


@_same_text_memo
def _has_kana_or_hangul(text: str) -> bool:
    """One scan that rules out :func:`has_kana`, :func:`is_japanese` and :func:`is_korean`
    (Chinese and English text: the usual case), asked once of a text that several
    filters pass on unchanged."""
    return _KANA_OR_HANGUL_RE.search(text) is not None


#: Korean text: at least this share of its Hangul and Han characters are Hangul (Hanja
#: in a Korean text are a minority; a Korean name in a Chinese article is a handful).
KOREAN_HANGUL_SHARE = 0.3
_HANGUL_FIND = re.compile("[\uac00-\ud7af]")


@_same_text_memo
def is_korean(text: str) -> bool:
    """True for Korean text (Hangul, maybe with Hanja), not Chinese with a Korean name.

    >>> is_korean("조선(朝鮮)민주주의인민공화국"), is_korean("韩国总统尹锡悦（윤석열）今天访问北京，会见了中国领导人。")
    (True, False)
    """
    if not _has_kana_or_hangul(text):
        return False
    hangul = len(_HANGUL_FIND.findall(text))
    if hangul == 0:
        return False
    han = len(HAN_RE.findall(text))
    return hangul / (hangul + han) > KOREAN_HANGUL_SHARE


@_same_text_memo
def is_japanese(text: str) -> bool:
    """True for Japanese text (enough kana among the Han), not Chinese with a stray kana.

    >>> is_japanese("東京は晴れです"), is_japanese("东京今天天气晴朗"), is_japanese("日本の一位中文讀者")
    (True, False, False)
    """
    if not _has_kana_or_hangul(text):
        return False
    kana = len(_KANA_FIND.findall(text))
    if kana == 0:
        return False
    han = len(HAN_RE.findall(text))
    return kana / (kana + han) > JAPANESE_KANA_SHARE
