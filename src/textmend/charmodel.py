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

from .chardata import HAN, PUA

_MODEL_VERSION = 1
_LOCK = threading.Lock()
_MODEL: CharModel | None = None
_HAN_RE = re.compile(f"[{HAN}]")
_JUNK_RE = re.compile(f"[{PUA}\ufffd]")

#: Interpolation weight of the bigram estimate.
LAMBDA = 0.8
#: Probability of a non-Han character (punctuation, Latin, digits) in Chinese text.
P_OTHER = 0.02
#: Probability floor for a Han character the model has never seen.
P_UNSEEN = 1e-9
#: Probability of a private-use character or U+FFFD: the mark of broken decoding.
P_JUNK = 1e-12


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
        if self._t2s is None:
            import opencc

            self._t2s = opencc.OpenCC("t2s")
        out = self._t2s.convert(text)
        return out if len(out) == len(text) else text

    def char_logprob(self, prev: str, char: str) -> float:
        """log P(char | prev) with interpolation; non-Han characters get fixed rates."""
        if _JUNK_RE.match(char):
            return math.log(P_JUNK)
        if not _HAN_RE.match(char):
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

    def logprobs(self, text: str) -> list[float]:
        """Per-character log-probabilities of ``text`` (Traditional is scored as Simplified)."""
        text = self._simplified(text)
        out = []
        prev = ""
        for c in text:
            out.append(self.char_logprob(prev, c))
            prev = c
        return out

    def score(self, text: str) -> float:
        """Total log-probability of ``text``."""
        return sum(self.logprobs(text))

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
