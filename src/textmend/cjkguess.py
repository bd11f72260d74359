"""A fast, conservative decision between GB18030 and Big5 for bytes that are not UTF-8.

chardet costs 2-6 ms per document whatever its size (its pipeline tries many
probers); most legacy Chinese documents are decided by something much cheaper:
decode the bytes both ways (C speed) and count how many of the Han characters are
among the most common ones. Real text in the right encoding scores high (about
half of all Han characters are among the 400 most frequent); the same bytes read in
the wrong encoding give characters from all over the table and score low.

The guess answers only when one reading is clearly right and the other clearly
wrong, with enough Han characters to tell, no kana (Japanese EUC-JP puts kana where
GB2312 has them) and the whole input decoding strictly. Otherwise it returns None
and detection falls back to chardet. The common characters are package data
(``data/freq/han_common.txt``), built by :func:`build_common_chars` from jieba's
dictionary frequencies (the character model's unigram counts) plus their
Traditional forms from OpenCC.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from importlib import resources

from .chardata import HAN, HAN_RE, KANA, has_kana

#: Scored prefix of the input (the whole input is still decoded strictly to verify).
SAMPLE_BYTES = 8192
#: Fewer Han characters than this in the sample: too little evidence, ask chardet.
MIN_HAN = 40
#: The right reading has at least this share of common characters among its Han
#: (Chinese text scores 0.55-0.8; Korean and Japanese read as Chinese score below 0.35)...
MIN_COMMON = 0.45
#: ...and at least this many times the share of the other reading.
MIN_MARGIN = 3.0
#: Candidates, in the names detection reports (the superset codecs).
CANDIDATES = ("gb18030", "big5hkscs")

#: Characters scored: the first window with at least ENOUGH_HAN Han characters
#: (counting is the costly part, ~40 ns a character; pages that open with markup need a
#: longer window). 250 instead of 500 on 2026-12-01: the same answer on all 711 inputs
#: tried (chardet's corpus, the page fixtures, the bench corpora) but one GBK page now
#: left to the slower path, and chardet's corpus still 99.8 % (bench/conformance.py).
SCORE_WINDOWS = (250, 8000, SAMPLE_BYTES)
ENOUGH_HAN = 100

_NON_HAN_RUN_RE = re.compile(f"[^{HAN}]+")
_KANA_RE = re.compile(f"[{KANA}]")
_TOP_SIMPLIFIED = 400


@lru_cache(maxsize=1)
def _non_common_run_re() -> re.Pattern[str]:
    text = (resources.files("textmend") / "data" / "freq" / "han_common.txt").read_text(encoding="utf-8")
    chars = "".join(line for line in text.splitlines() if line and not line.startswith("#"))
    return re.compile("[^" + re.escape(chars) + "]+")


def build_common_chars() -> str:
    """The contents of ``data/freq/han_common.txt`` (run once by a maintainer; needs jieba)."""
    import opencc

    from . import charmodel

    model = charmodel.load()
    ranked = sorted(((n, c) for c, n in model.unigrams.items() if HAN_RE.fullmatch(c)), reverse=True)
    top = [c for _, c in ranked[:_TOP_SIMPLIFIED]]
    variants: list[str] = []
    for config in ("s2t", "s2tw", "s2hk"):
        conv = opencc.OpenCC(config)
        for c in top:
            t = conv.convert(c)
            if len(t) == 1 and t not in top and t not in variants:
                variants.append(t)
    header = (f"# The {_TOP_SIMPLIFIED} most frequent Han characters in jieba's dictionary (by word frequency),\n"
              "# then their Traditional forms (OpenCC s2t, s2tw, s2hk).\n"
              "# Built by textmend.cjkguess.build_common_chars.\n")
    return header + "".join(top) + "\n" + "".join(variants) + "\n"


def _decode_sample(data: bytes, codec: str) -> str | None:
    """Strictly decode the first SAMPLE_BYTES (an incomplete final character is left out)."""
    try:
        if len(data) <= SAMPLE_BYTES:  # (the whole input: a plain decode costs half as much)
            return data.decode(codec)
        decoder = codecs.getincrementaldecoder(codec)("strict")
        return decoder.decode(data[:SAMPLE_BYTES], final=False)
    except UnicodeDecodeError:
        return None


def common_share(text: str) -> tuple[float, int]:
    """(share of Han characters that are common, number of Han characters), in the
    first window of SCORE_WINDOWS with enough Han characters.

    >>> common_share("我们的国家")[0] > 0.5
    True
    """
    for window in SCORE_WINDOWS:
        part = text[:window]
        share, han = _common_share(part)
        if han >= ENOUGH_HAN or len(text) <= window:
            break
        if len(part.encode("ascii", "ignore")) * 2 < len(part):
            break  # not markup pushing the text further: a wrong reading, no need to look on
    return share, han


def _common_share(text: str) -> tuple[float, int]:
    # counting the runs between matches is faster than listing every match
    han = len(text) - sum(map(len, _NON_HAN_RUN_RE.findall(text)))
    if han == 0:
        return 0.0, 0
    common = len(text) - sum(map(len, _non_common_run_re().findall(text)))
    return common / han, han


def guess_chinese(data: bytes) -> tuple[str, float] | None:
    """``(codec, share)`` when ``data`` is clearly GB18030 or Big5 Chinese, else None
    (see :func:`guess_chinese_text`).

    >>> text = "新型工業化，新質生產力，起點在新，關鍵在質。" * 4
    >>> guess_chinese(text.encode("big5"))[0], guess_chinese(text.encode("gb18030"))[0]
    ('big5hkscs', 'gb18030')
    >>> guess_chinese("日本語のテキストです。漢字も少し。".encode("euc-jp")) is None
    True
    """
    found = guess_chinese_text(data)
    return None if found is None else found[:2]


def guess_chinese_text(data: bytes) -> tuple[str, float, str | None] | None:
    """``(codec, share, text)`` when ``data`` is clearly GB18030 or Big5 Chinese, else
    None. ``text`` is ``data`` decoded (strictly) when the whole input was the sample,
    so that decoding need not be done twice; None for a longer input.

    >>> guess_chinese_text("蘇州工業園區，新質生產力。".encode("big5") * 4)[2][:6]
    '蘇州工業園區'
    """
    scores = {}
    texts = {}
    for codec in CANDIDATES:
        text = _decode_sample(data, codec)
        if text is None:
            scores[codec] = (0.0, 0)
        else:
            texts[codec] = text
            scores[codec] = common_share(text)
    best = max(CANDIDATES, key=lambda c: scores[c][0])
    other = CANDIDATES[1] if best == CANDIDATES[0] else CANDIDATES[0]
    share, han = scores[best]
    if han < MIN_HAN or share < MIN_COMMON or share < MIN_MARGIN * scores[other][0]:
        return None
    if has_kana(texts[best]):
        return None
    if best == "big5hkscs":
        # EUC-JP kana bytes read as Big5 are common Han characters (read as GB2312 they
        # stay kana, which the check above catches): let chardet decide Japanese.
        japanese = _decode_sample(data, "euc_jp")
        if japanese is not None and len(_KANA_RE.findall(japanese)) * 20 >= len(japanese):
            return None
    if len(data) > SAMPLE_BYTES:
        from .guess import verify

        if not verify(data, best, SAMPLE_BYTES):
            return None
        return best, share, None
    return best, share, texts[best]
