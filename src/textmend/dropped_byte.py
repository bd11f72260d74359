"""repair: a double-byte run shifted by one lost byte.

When one byte of a GBK/GB18030 or Big5 text is lost, every following byte pair is
misaligned until a byte below 0x80 re-synchronises the decoder: ``海”模式鏈接全球資源``
becomes ``！蹦Ｊ芥溄尤\\ue084蛸Y源`` (and mirror sites then fold the full-width ``！Ｊ`` to
ASCII). This filter finds such runs, re-encodes them, puts one byte back, decodes
again, and keeps the candidate the character model (:mod:`textmend.charmodel`) scores
far better than the damaged text, including the best guess for the lost character.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .chardata import HAN, PUA
from .edits import Edit
from .filter import Filter, register

CODECS = ("gb18030", "big5")
#: How many characters before a suspicious character the lost byte may be.
LOOKBACK = 6
#: Longest stretch re-decoded after the lost byte.
MAX_RUN = 120
#: At most this many ASCII characters in a run are tried both as ASCII and full width.
MAX_FOLDED = 4
#: A repair must raise the log-probability of the stretch by this much (nats)...
MIN_GAIN = 20.0
#: ...and by this much per character that changed.
MIN_GAIN_PER_CHAR = 2.0


@lru_cache(maxsize=1)
def _uncommon_han_re() -> re.Pattern[str]:
    """Han characters outside GB2312 and Big5 level 1 (the everyday sets of both scripts)."""
    common = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                common.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in itertools.chain(range(0x40, 0x7F), range(0xA1, 0xFF)):
            try:
                common.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    ranges = []
    start = None
    for cp in range(0x4E00, 0xA000):
        rare = chr(cp) not in common
        if rare and start is None:
            start = cp
        elif not rare and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x9FFF))
    cls = "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)
    return re.compile(
        f"[{cls}\u3400-\u4dbf{PUA}\ufffd]|(?<=[{HAN}])(?:[A-Za-z]|[\u0370-\u04ff\u2500-\u257f])(?=[{HAN}])"
    )


def _fullwidth(c: str) -> str:
    return chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c


def _encode(seg: str, codec: str, fold: frozenset[int]) -> bytes | None:
    out = bytearray()
    for i, c in enumerate(seg):
        ch = _fullwidth(c) if i in fold else c
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=1024)
def _lost_char_candidates(first: int, codec: str) -> tuple[str, ...]:
    """Characters that byte ``first`` forms with one lost byte before or after it."""
    out = []
    for v in range(0x81, 0xFF):  # lost lead byte
        c = _decode(bytes([v, first]), codec)
        if c and len(c) == 1:
            out.append(c)
    if first >= 0x81:
        for v in range(0x40, 0xFF):  # lost trail byte
            c = _decode(bytes([first, v]), codec)
            if c and len(c) == 1:
                out.append(c)
    return tuple(dict.fromkeys(out))


#: Log-penalty for guessing that the lost character was not a Han character.
NON_HAN_PENALTY = 5.0
_HAN_CHAR_RE = re.compile(f"[{HAN}]")


def _best_lost_char(prev: str, first: int, nxt: str, codec: str, model) -> str | None:
    best, best_score = None, float("-inf")
    for c in _lost_char_candidates(first, codec):
        score = model.score(prev + c + nxt)
        if not _HAN_CHAR_RE.match(c):
            score -= NON_HAN_PENALTY
        if score > best_score:
            best, best_score = c, score
    return best


#: How many of the best re-alignments get a guess for their lost character.
TOP_ALIGNMENTS = 3


def _repair_at(line: str, anchor: int, model) -> tuple[int, int, str, float] | None:
    """Best repair of a run containing ``line[anchor]``: (start, end, new text, gain)."""
    end = min(len(line), anchor + MAX_RUN)
    aligned = []  # (approximate gain, start, codec, first byte, rest)
    for start in range(max(0, anchor - LOOKBACK), anchor + 1):
        if line[start].isspace():
            continue
        seg = line[start:end]
        base = model.score(seg)
        ascii_pos = [i for i, c in enumerate(seg[: anchor - start + 2]) if "!" <= c <= "~"]
        ascii_pos = ascii_pos[:MAX_FOLDED]
        for codec in CODECS:
            for r in range(len(ascii_pos) + 1):
                for fold in itertools.combinations(ascii_pos, r):
                    data = _encode(seg, codec, frozenset(fold))
                    if not data or data[0] < 0x40:
                        continue
                    rest = _decode(data[1:], codec)
                    if not rest:
                        continue
                    aligned.append((model.score(rest) - base, start, codec, data[0], rest))
    aligned.sort(key=lambda a: a[0], reverse=True)
    best = None
    for _, start, codec, first, rest in aligned[:TOP_ALIGNMENTS]:
        prev = line[start - 1] if start else ""
        lost = _best_lost_char(prev, first, rest[0], codec, model)
        if lost is None:
            continue
        new = lost + rest
        gain = model.score(prev + new) - model.score(prev + line[start:end])
        if best is None or gain > best[3]:
            best = (start, end, new, gain)
    return best


def _trim_common(old: str, new: str) -> tuple[int, int, int]:
    """Lengths of the common prefix and suffix of old and new."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[-1 - s] == new[-1 - s]:
        s += 1
    return p, s, len(new) - p - s


def repair_line(line: str, model=None) -> str:
    """Repair every shifted run in one line.

    >>> repair_line("資本活水,以“基金+出!蹦J芥溄尤\\ue084蛸Y源,全年促成融資")
    '資本活水,以“基金+出海”模式鏈接全球資源,全年促成融資'
    """
    pattern = _uncommon_han_re()
    if pattern.search(line) is None:
        return line
    if model is None:
        from . import charmodel

        model = charmodel.load()
    pos = 0
    while True:
        m = pattern.search(line, pos)
        if m is None:
            return line
        found = _repair_at(line, m.start(), model)
        if found is not None:
            start, end, new, gain = found
            old = line[start:end]
            p, s, changed = _trim_common(old, new)
            if gain >= MIN_GAIN and gain >= MIN_GAIN_PER_CHAR * max(changed, len(old) - p - s):
                line = line[:start] + new + line[end:]
                pos = start + len(new) - s
                continue
        pos = m.end()


def repair_shifted_runs(text: str, edits: list[Edit] | None = None) -> str:
    """Repair double-byte runs shifted by a lost byte, line by line."""
    pattern = _uncommon_han_re()
    if pattern.search(text) is None:
        return text
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if pattern.search(line) is None:
            continue
        fixed = repair_line(line)
        if fixed != line:
            changed = True
            if edits is not None:
                old = line
                p, s, _ = _trim_common(old, fixed)
                edits.append(
                    Edit("dropped-byte", i + 1, old[p : len(old) - s], fixed[p : len(fixed) - s],
                         "re-aligned a double-byte run after a lost byte")
                )
            lines[i] = fixed
    return "\n".join(lines) if changed else text


@register
class DroppedByte(Filter):
    name = "dropped-byte"
    stage = "repair"
    summary = "GBK/Big5 runs shifted by one lost byte, re-aligned with a character model"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return repair_shifted_runs(text, edits)
