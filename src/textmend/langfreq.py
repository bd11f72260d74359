"""Small per-language character-frequency tables, and a plausibility score for decoded text.

Detection decodes the same bytes with several candidate encodings; the right reading
gives characters that are common in some language the encoding serves, a wrong one
gives characters from all over the table. The tables (``data/freq/chars.tsv``) hold,
per language, the relative frequency of its non-ASCII characters (ASCII reads the same
in every candidate, so it carries no evidence), built by :func:`build_tables` from
wordfreq's word lists (a maintainer step; wordfreq is not a dependency) plus the
Traditional forms of the Chinese characters (OpenCC) and the usual punctuation.

The score of a reading is the best, over the languages its encoding serves, of the
mean log-probability per non-ASCII *byte* (per byte, so that a two-byte reading and a
one-byte reading of the same bytes are compared fairly).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

#: Languages of each encoding family (Python codec names, as codecs.lookup() spells them).
CODEC_LANGUAGES: dict[str, tuple[str, ...]] = {
    "gb18030": ("zh",), "gbk": ("zh",), "gb2312": ("zh",), "big5hkscs": ("zh",), "big5": ("zh",),
    "cp950": ("zh",), "hz": ("zh",),
    "cp932": ("ja",), "shift_jis": ("ja",), "euc_jp": ("ja",), "euc_jis_2004": ("ja",),
    "iso2022_jp": ("ja",), "shift_jis_2004": ("ja",),
    "cp949": ("ko",), "euc_kr": ("ko",), "johab": ("ko",), "iso2022_kr": ("ko",),
    "cp1251": ("ru", "uk", "bg", "mk"), "koi8-r": ("ru", "bg"), "koi8-u": ("uk", "ru"),
    "iso8859-5": ("ru", "bg", "uk", "mk"), "cp866": ("ru", "uk", "bg"), "cp855": ("ru", "bg", "uk", "mk"),
    "mac-cyrillic": ("ru", "bg", "uk", "mk"),
    "cp1250": ("cs", "pl", "hu", "sk", "sl", "sh", "ro"), "iso8859-2": ("cs", "pl", "hu", "sk", "sl", "sh", "ro"),
    "mac-latin2": ("cs", "pl", "hu", "sk", "sl"),
    "cp1252": ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "is", "ca"),
    "iso8859-1": ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "is", "ca"),
    "iso8859-15": ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "is", "ca"),
    "mac-roman": ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "is", "ca"),
    "cp1253": ("el",), "iso8859-7": ("el",),
    "cp1254": ("tr",), "iso8859-9": ("tr",),
    "cp1255": ("he",), "iso8859-8": ("he",),
    "cp1256": ("ar", "fa", "ur"), "iso8859-6": ("ar",),
    "cp1257": ("lt", "lv"), "iso8859-13": ("lt", "lv"), "iso8859-4": ("lt", "lv"),
}

#: Log-probability of a character a language's table does not list.
UNLISTED = math.log(2e-6)
#: Log-probability of a character that marks a wrong or broken reading (C0/C1 controls
#: other than white space, private use, U+FFFD).
BROKEN = math.log(1e-9)
_BROKEN_RUN_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]+")
_ASCII_RUN_RE = re.compile("[\x09\x0a\x0c\x0d\x20-\x7e]+")
#: Non-ASCII punctuation listed for every language (share among its non-ASCII characters).
_PUNCT_CJK = "，。、：；？！“”‘’「」『』（）《》〈〉…—·・【】　"
_PUNCT_EUROPEAN = "“”‘’«»„–—…·°€£¥©®§±×÷½¼¾¡¿•™\u00a0"
_PUNCT_SHARE = 0.004

_WORDFREQ_TOP = {"zh": 4000, "ja": 4000, "ko": 2000}
_MIN_SHARE = 2e-5


def build_tables() -> str:
    """The contents of ``data/freq/chars.tsv`` (run by a maintainer; needs wordfreq and opencc)."""
    import opencc
    import wordfreq

    langs = sorted({lang for langs in CODEC_LANGUAGES.values() for lang in langs})
    lines = ["# Relative frequency of the non-ASCII characters of each language (share among its",
             "# non-ASCII characters), from wordfreq's word lists; Chinese adds the Traditional forms",
             "# (OpenCC s2t/s2tw/s2hk). Built by textmend.langfreq.build_tables.",
             "# lang\tchar\tshare"]
    for lang in langs:
        counts: Counter[str] = Counter()
        for word, freq in wordfreq.get_frequency_dict(lang).items():
            for ch in word:
                if not ch.isascii() and ch.isprintable():
                    counts[ch] += freq
        if lang in ("zh",):
            for config in ("s2t", "s2tw", "s2hk"):
                conv = opencc.OpenCC(config)
                for ch, n in list(counts.most_common(_WORDFREQ_TOP["zh"])):
                    t = conv.convert(ch)
                    if len(t) == 1 and t != ch:
                        counts[t] = max(counts[t], n)
        if lang not in _WORDFREQ_TOP:
            for ch, n in list(counts.items()):  # word lists are lower case
                up = ch.upper()
                if len(up) == 1 and up != ch:
                    counts[up] += n * 0.1
        total = sum(counts.values())
        top = _WORDFREQ_TOP.get(lang)
        ranked = counts.most_common(top)
        punct = _PUNCT_CJK if lang in _WORDFREQ_TOP else _PUNCT_EUROPEAN
        for ch in punct:
            lines.append(f"{lang}\t{ch}\t{_PUNCT_SHARE}")
        for ch, n in ranked:
            share = n / total
            if share < _MIN_SHARE or ch in punct:
                continue
            lines.append(f"{lang}\t{ch}\t{share:.3g}")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, float]]:
    """language -> {character: log-probability among its non-ASCII characters}."""
    text = (resources.files("textmend") / "data" / "freq" / "chars.tsv").read_text(encoding="utf-8")
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lang, ch, share = line.split("\t")
        out.setdefault(lang, {})[ch] = math.log(float(share))
    return out


def languages_for(codec: str) -> tuple[str, ...]:
    """The languages an encoding serves (empty when there is no table for it).

    >>> languages_for("GBK"), languages_for("utf-8")
    (('zh',), ())
    """
    import codecs

    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return ()
    return CODEC_LANGUAGES.get(name, ())


def plausibility(text: str, high_bytes: int, languages: tuple[str, ...]) -> tuple[float, str]:
    """(best mean log-probability per non-ASCII byte, its language) of a decoded ``text``.

    ``high_bytes`` is the number of non-ASCII bytes the text was decoded from.

    >>> good = plausibility("中文的文字", 10, ("zh",))[0]
    >>> bad = plausibility("涓枃鐨勬枃瀛", 10, ("zh",))[0]
    >>> good > bad
    True
    """
    rest = _ASCII_RUN_RE.sub("", text)
    broken = len(rest)
    rest = _BROKEN_RUN_RE.sub("", rest)
    broken -= len(rest)
    if (not rest and not broken) or high_bytes <= 0:
        return 0.0, languages[0] if languages else ""
    return score_counts(Counter(rest), broken, high_bytes, languages)


def score_counts(counts: dict[str, int], broken: int, high_bytes: int,
                 languages: tuple[str, ...]) -> tuple[float, str]:
    """:func:`plausibility` from counts of the non-ASCII characters (``broken`` of them
    marks of a wrong reading, not in ``counts``).

    >>> score_counts({"é": 2}, 0, 2, ("fr",))[0] > score_counts({"Ã": 1, "©": 1}, 0, 2, ("fr",))[0]
    True
    """
    if high_bytes <= 0:
        return 0.0, languages[0] if languages else ""
    items = counts.items()
    best, best_lang = -math.inf, ""
    for lang in languages or ("",):
        get = tables().get(lang, {}).get
        total = sum(n * get(ch, UNLISTED) for ch, n in items)
        score = (total + broken * BROKEN) / high_bytes
        if score > best:
            best, best_lang = score, lang
    return best, best_lang


def is_broken(char: str) -> bool:
    """A control character (not white space), private-use character or U+FFFD."""
    return _BROKEN_RUN_RE.fullmatch(char) is not None
