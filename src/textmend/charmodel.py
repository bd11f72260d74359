"""A character bigram model of Chinese, built from jieba's word frequencies.

jieba ships ``dict.txt`` (about 350,000 words with corpus frequencies) inside its
wheel; the model counts characters and adjacent character pairs in those words,
weighted by frequency. It is built once per machine (about 2 s), cached as a pickle
under the user cache directory, and loaded once per process (about 0.2 s), only when
a filter needs it. Text in Traditional script is scored after OpenCC's t2s.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import threading
from collections import Counter
from pathlib import Path

from .chardata import HAN_RE, PUA

_MODEL_VERSION = 1
_LOCK = threading.Lock()
_MODEL: CharModel | None = None
_JUNK_RE = re.compile(f"[{PUA}\ufffd]")

#: Most (prev, char) log-probabilities remembered per model.
_LP_CACHE_MAX = 1 << 20
#: Interpolation weight of the bigram estimate.
LAMBDA = 0.8
#: Probability of an ASCII letter in Chinese text (each letter), after a Han character
#: (a lone letter between Han characters is rare) and inside a Latin word.
P_LATIN = 2e-4
P_LATIN_IN_WORD = 0.05
#: Probability of any other non-Han character not listed in data/nonhan_freq.tsv.
P_OTHER = 1e-6
#: Probability of an unlisted character at the end of a line.
P_OTHER_EOL = 1e-4
#: Probability floor for a Han character the model has never seen.
P_UNSEEN = 1e-9
#: Probability of a private-use character or U+FFFD: the mark of broken decoding.
P_JUNK = 1e-12


def _nonhan_table() -> tuple[dict[str, float], dict[str, float]]:
    from importlib import resources

    text = (resources.files("textmend") / "data" / "nonhan_freq.tsv").read_text(encoding="utf-8")
    in_text, eol = {}, {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        char, a, b = line.split("\t")
        in_text[char], eol[char] = float(a), float(b)
    return in_text, eol


_NONHAN, _NONHAN_EOL = _nonhan_table()
#: Chinese punctuation marks; two in a row are rare except these pairs.
_CJK_PUNCT = frozenset("，。、；：？！“”‘’（）《》…—")
_PUNCT_PAIRS = frozenset(["。”", "？”", "！”", "”。", "”，", "”、", "）。", "）,", "）、", "》，", "》。", "》、",
                          "）；", "”；", "”：", "：“", "，“", "。“", "……", "——", "）”", "”（", "》（", "”）"])
#: log-penalty for two Chinese punctuation marks in a row that are not a usual pair.
_LOG_PUNCT_PAIR_PENALTY = math.log(1e-3)
_LOG_NONHAN = {c: math.log(p) for c, p in _NONHAN.items()}


_WIDEN = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"})


def eol_logprob(char: str) -> float:
    """log P(a line ends with ``char``)."""
    return math.log(_NONHAN_EOL.get(char, P_OTHER_EOL))


def _jieba_dict() -> Path:
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def _cache_path(source: Path) -> Path:
    base = os.environ.get("TEXTMEND_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    st = source.stat()
    return root / "textmend" / f"charmodel-v{_MODEL_VERSION}-{st.st_size}.pickle"


class CharModel:
    """Unigram and bigram character counts with an interpolated log-probability."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[str, int]) -> None:
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.total = float(sum(unigrams.values()))
        self._t2s = None
        #: log P(char | prev) by ``prev + char``: scoring asks the same pairs again and again.
        self._lp: dict[str, float] = {}

    @classmethod
    def build(cls, source: Path | None = None) -> CharModel:
        source = source or _jieba_dict()
        uni: Counter[str] = Counter()
        bi: Counter[str] = Counter()
        with open(source, encoding="utf-8") as f:
            for line in f:
                parts = line.split(" ")
                if len(parts) < 2:
                    continue
                word, freq = parts[0], int(parts[1])
                for c in word:
                    uni[c] += freq
                for a, b in zip(word, word[1:]):
                    bi[a + b] += freq
        return cls(dict(uni), dict(bi))

    # -- scoring --------------------------------------------------------------------

    def _simplified(self, text: str) -> str:
        """What is scored: Simplified script, with ASCII punctuation as its full-width form
        (a width-folded mirror page must score like the page it was folded from)."""
        if self._t2s is None:
            import opencc

            self._t2s = opencc.OpenCC("t2s")
        out = self._t2s.convert(text)
        if len(out) != len(text):
            out = text
        return out.translate(_WIDEN)

    def char_logprob(self, prev: str, char: str) -> float:
        """log P(char | prev) with interpolation; non-Han characters get fixed rates."""
        if _JUNK_RE.match(char):
            return math.log(P_JUNK)
        if not HAN_RE.match(char):
            lp = _LOG_NONHAN.get(char)
            if lp is not None:
                if prev in _CJK_PUNCT and char in _CJK_PUNCT and prev + char not in _PUNCT_PAIRS:
                    lp += _LOG_PUNCT_PAIR_PENALTY
                return lp
            if char.isascii() and char.isalpha():
                return math.log(P_LATIN_IN_WORD if prev.isascii() and prev.isalnum() else P_LATIN)
            return math.log(P_OTHER)
        uni = self.unigrams.get(char, 0)
        if uni == 0:
            return math.log(P_UNSEEN)
        p_uni = uni / self.total
        prev_count = self.unigrams.get(prev, 0) if prev else 0
        if prev_count:
            p_bi = self.bigrams.get(prev + char, 0) / prev_count
            return math.log(LAMBDA * p_bi + (1 - LAMBDA) * p_uni)
        return math.log(p_uni)

    def _logprobs_of(self, text: str) -> list[float]:
        """Per-character log-probabilities of already-normalized text (memoized pairs)."""
        out = []
        prev = ""
        cache = self._lp
        for c in text:
            key = prev + c
            lp = cache.get(key)
            if lp is None:
                lp = self.char_logprob(prev, c)
                if len(cache) < _LP_CACHE_MAX:
                    cache[key] = lp
            out.append(lp)
            prev = c
        return out

    def logprobs(self, text: str) -> list[float]:
        """Per-character log-probabilities of ``text`` (Traditional is scored as Simplified)."""
        return self._logprobs_of(self._simplified(text))

    def score(self, text: str) -> float:
        """Total log-probability of ``text``."""
        return sum(self.logprobs(text))

    def score_many(self, texts: list[str]) -> list[float]:
        """``[self.score(t) for t in texts]`` with one OpenCC call for all of them (OpenCC
        converts line by line: no dictionary entry contains a line break)."""
        if self._t2s is None:
            self._simplified("")
        if len(texts) < 2 or any("\n" in t for t in texts):
            return [self.score(t) for t in texts]
        joined = self._t2s.convert("\n".join(texts))
        converted = joined.split("\n")
        if len(converted) != len(texts):
            return [self.score(t) for t in texts]
        widened = joined.translate(_WIDEN).split("\n")  # _WIDEN leaves line breaks alone
        return [
            sum(self._logprobs_of(wide if len(conv) == len(text) else text.translate(_WIDEN)))
            for text, conv, wide in zip(texts, converted, widened)
        ]

    def is_common(self, char: str, min_count: int = 1000) -> bool:
        return self.unigrams.get(char, 0) >= min_count


def load() -> CharModel:
    """The process-wide model: from the cache, or built from jieba's dictionary and cached."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    with _LOCK:
        if _MODEL is not None:
            return _MODEL
        source = _jieba_dict()
        cache = _cache_path(source)
        model = None
        try:
            with open(cache, "rb") as f:
                uni, bi = pickle.load(f)
            model = CharModel(uni, bi)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            model = None
        if model is None:
            model = CharModel.build(source)
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as f:
                    pickle.dump((model.unigrams, model.bigrams), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, cache)
            except OSError:
                pass  # read-only home: keep the model in memory only
        _MODEL = model
        return model
