"""repair: a double-byte run shifted by one lost byte.

When one byte of a GBK/GB18030 or Big5 text is lost, every following byte pair is
misaligned until a byte below 0x80 re-synchronises the decoder: ``海”模式鏈接全球資源``
becomes ``！蹦Ｊ芥溄尤\\ue084蛸Y源`` (and mirror sites then fold the full-width ``！Ｊ`` to
ASCII). When nothing re-synchronises, the run goes on to the end of the line, where a
lone lead byte decodes as U+FFFD (``召开新闻发布会`` -> ``召挛欧⒉蓟幔…苹�``).

This filter finds such runs, re-encodes them, puts the lost byte back, decodes again,
and keeps the candidate that the character model (:mod:`textmend.charmodel`) scores far
better than the damaged text. The lost character itself is the model's best guess
among the characters the surviving byte can form; a byte swallowed by a trailing
U+FFFD is guessed the same way.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .chardata import CJK_PUNCT, HAN, HAN_RE, PUA, has_han, is_japanese, is_korean
from .edits import Edit
from .filter import Filter, register

CODECS = ("gb18030", "big5")
#: How far before the first suspicious character the lost byte is looked for.
LOOKBACK = 80
#: Longest stretch re-decoded after the lost byte.
MAX_RUN = 200
#: At most this many ASCII characters in a run are tried both as ASCII and full width.
MAX_FOLDED = 4
#: How many of the best re-alignments are refined (ASCII variants, lost characters).
TOP_ALIGNMENTS = 5
#: A repair must raise the log-probability of the stretch by this much (nats)...
MIN_GAIN = 8.0
#: ...and by this much per character that changed.
MIN_GAIN_PER_CHAR = 2.0
#: ...and the repaired characters must average at least this log-probability each (nats):
#: real repairs score -5 to -7.5 (the seed's 海”模式鏈接全球資 -6.1; 42 generated repairs, the
#: worst -7.5), re-aligned random bytes -9.7 in the median, down to -14.
MIN_REPAIR_LOGPROB = -9.0
#: ...and must change at least this many characters other than U+FFFD.
MIN_DAMAGED = 2
#: Passes over a line until one changes nothing. A repair changes the context that earlier
#: and later runs were judged in, so one pass is not always the last word; the line is
#: repaired only when a pass confirms it (then cleaning it again changes nothing), and a
#: line that has not settled after this many passes is left as it was.
MAX_PASSES = 4
#: The work allowed for a line, all passes together, in characters scored by the model:
#: this much, plus WORK_PER_CHAR per character of the line. A repair attempt scores
#: thousands to hundreds of thousands of characters, so a line of nothing but suspicious
#: characters took minutes (20,000 x U+9359: 70 s); a line that needs more is left as it was.
WORK = 3_000_000
WORK_PER_CHAR = 300
_BOX_DRAWING_RE = re.compile("[\u2500-\u257f]")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]{2,}")


@lru_cache(maxsize=1)
def anchor_re() -> re.Pattern[str]:
    """Characters that betray a shifted run: Han outside GB2312 and Big5 level 1 (the
    everyday sets of both scripts), private-use characters, U+FFFD, and Greek, Cyrillic,
    box-drawing or single Latin letters wedged between Han characters."""
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
        f"[{cls}\u3400-\u4dbf{PUA}\ufffd]"
        f"|(?<=[{HAN}{CJK_PUNCT}])(?:{_WEDGED})(?=[{HAN}])"
    )


#: Characters that betray a shifted run when wedged between Han characters.
#: (``_ | ~ ` `` are left out: SEO headers join keywords with them between Han characters.)
_WEDGED = "[A-Za-z@\\[\\\\\\]^{}]|[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff]"


@lru_cache(maxsize=1)
def _anchor_scan_re() -> re.Pattern[str]:
    """:func:`anchor_re` with the wedged character first and its context checked after it:
    the same matches, and much faster on Chinese text, where the original form tries its
    lookbehind at every Han character (on Latin text the original form is faster)."""
    rare = anchor_re().pattern.split("]|(?<=", 1)[0][1:]
    letters = "A-Za-z@\\[\\\\\\]^{}\u0370-\u04ff\u2500-\u257f\u3040-\u30ff"
    return re.compile(f"[{rare}{letters}](?:(?<=[{rare}])|(?<=[{HAN}{CJK_PUNCT}][{letters}])(?=[{HAN}]))")


def _has_anchor(text: str) -> bool:
    """``anchor_re().search(text) is not None`` for text with Han, with the faster form
    for Chinese text (the general form tries its lookbehind at every Han character; on
    Latin text with a few Han it is the faster one)."""
    chinese = HAN_RE.search(text, 0, 2000) is not None
    return (_anchor_scan_re() if chinese else anchor_re()).search(text) is not None


def _fullwidth(c: str) -> str:
    return chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c


def _default_fold(seg: str) -> frozenset[int]:
    """ASCII characters that are probably folded full-width forms: all but ASCII words."""
    words = {i for m in _ASCII_WORD_RE.finditer(seg) for i in range(*m.span())}
    return frozenset(i for i, c in enumerate(seg) if "!" <= c <= "~" and i not in words)


def _phase1_folds(seg: str) -> set[frozenset[int]]:
    """A few ways to read the ASCII characters of a run: a letter is a folded full-width
    letter until the run re-synchronises, where a raw byte (an ASCII trail byte) shows."""
    fold = _default_fold(seg)
    letters = sorted(i for i in fold if seg[i].isalnum())[:MAX_FOLDED]
    out = {fold}
    for k in letters:
        out.add(frozenset(i for i in fold if not (seg[i].isalnum() and i >= k)))
    out |= {f - {0} for f in out}
    return out


def _encode(seg: str, codec: str, fold: frozenset[int]) -> bytes | None:
    """``seg`` encoded with the characters at ``fold`` in full width (None if it cannot be)."""
    if fold:
        chars = list(seg)
        for i in fold:
            chars[i] = _fullwidth(chars[i])
        seg = "".join(chars)
    try:
        return seg.encode(codec)
    except UnicodeEncodeError:
        return None


def _decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=2048)
def _with_lost_lead(trail: int, codec: str) -> tuple[str, ...]:
    """Characters ``trail`` forms with a lost byte before it."""
    out = (_decode(bytes([v, trail]), codec) for v in range(0x81, 0xFF))
    return tuple(dict.fromkeys(c for c in out if c and len(c) == 1))


@lru_cache(maxsize=2048)
def _with_lost_trail(lead: int, codec: str) -> tuple[str, ...]:
    """Characters ``lead`` forms with a lost byte after it."""
    if lead < 0x81:
        return ()
    out = (_decode(bytes([lead, v]), codec) for v in range(0x40, 0xFF))
    return tuple(dict.fromkeys(c for c in out if c and len(c) == 1))


#: Log-penalty for guessing that a lost character inside a line was not a Han character
#: (the bigram model knows words, not where clauses end, so it over-rates punctuation).
NON_HAN_PENALTY = 4.0


def _best_char(cands: tuple[str, ...], prev: str, nxt: str, model, eol: bool = False) -> str | None:
    """The candidate the model likes best between ``prev`` and ``nxt`` (or at a line end).

    The same question comes back for every alignment and ASCII variant of a run (in one
    measured case 1,664 calls, 18 distinct), so answers are remembered.
    """
    try:
        return _best_char_memo(cands, prev, nxt, model, eol)
    except TypeError:  # an unhashable model (a test double): compute directly
        return _best_char_uncached(cands, prev, nxt, model, eol)


@lru_cache(maxsize=4096)
def _best_char_memo(cands: tuple[str, ...], prev: str, nxt: str, model, eol: bool) -> str | None:
    return _best_char_uncached(cands, prev, nxt, model, eol)


def _best_char_uncached(cands: tuple[str, ...], prev: str, nxt: str, model, eol: bool = False) -> str | None:
    from .charmodel import eol_logprob

    best, best_score = None, float("-inf")
    texts = [prev + c + nxt for c in cands]
    many = getattr(model, "score_many", None)
    scores = many(texts) if many is not None else [model.score(t) for t in texts]
    for c, score in zip(cands, scores):
        if eol:
            score += eol_logprob(c)
        elif not HAN_RE.match(c):
            score -= NON_HAN_PENALTY
        if score > best_score:
            best, best_score = c, score
    return best


def _realign(data: bytes, codec: str, lost_tail: bool) -> tuple[int, str, int | None] | None:
    """Decode ``data`` as if one byte before it was lost: (first byte, middle text, last byte).

    The first byte pairs with the lost byte; with ``lost_tail`` the last byte pairs with
    a byte that was swallowed by a U+FFFD.
    """
    if len(data) < 2:
        return None
    if lost_tail:
        middle = _decode(data[1:-1], codec)
        return (data[0], middle, data[-1]) if middle is not None else None
    middle = _decode(data[1:], codec)
    return (data[0], middle, None) if middle is not None else None


def _repair_at(line: str, anchor: int, model, budget: list[int] | None = None) -> tuple[int, int, str, float] | None:
    """Best repair of a run that contains ``line[anchor]``: (start, end, new text, gain).

    The work done (characters re-encoded and scored) is taken off ``budget[0]``."""
    fffd = line.find("\ufffd", anchor)
    # a lone lead byte at the run's end decodes as ONE U+FFFD; a run of them means bytes were
    # lost in decoding, which no re-alignment recovers (nothing is invented from them)
    lost_tail = fffd != -1 and fffd - anchor < MAX_RUN and line[fffd + 1 : fffd + 2] != "\ufffd"
    end = fffd if lost_tail else min(len(line), anchor + MAX_RUN)
    after = line[end + 1] if lost_tail and end + 1 < len(line) else ""
    # phase 1: where did the run start, and in which encoding? Every candidate is scored
    # over the same span (s0..end): the unchanged prefix plus the re-aligned rest.
    s0 = max(0, anchor - LOOKBACK)
    prefix = [0.0]
    for lp in model.logprobs(line[s0:end]):
        prefix.append(prefix[-1] + lp)
    aligned = []
    pending = []  # (start, codec, score of the character before, text to score)
    work = end - s0
    for start in range(s0, min(anchor, end - 1) + 1):
        if line[start].isspace():
            continue
        seg = line[start:end]
        prev = line[start - 1] if start else ""
        prev_score = model.score(prev) if prev else 0.0
        folds = _phase1_folds(seg)
        work += len(seg) * (1 + len(CODECS) * len(folds))
        for codec in CODECS:
            for f in folds:
                data = _encode(seg, codec, f)
                if not data or data[0] < 0x40:
                    continue
                got = _realign(data, codec, lost_tail)
                if got is None:
                    continue
                pending.append((start, codec, prev_score, prev + got[1]))
    # all re-aligned texts scored in one batch (same scores, in the same order)
    many = getattr(model, "score_many", None)
    texts = [p[3] for p in pending]
    scores = many(texts) if many is not None else [model.score(t) for t in texts]
    work += sum(map(len, texts))
    for (start, codec, prev_score, _), rest_score in zip(pending, scores):
        aligned.append((prefix[start - s0] + (rest_score - prev_score), start, codec))
    aligned.sort(key=lambda a: a[0], reverse=True)
    distinct: dict[tuple[int, str], float] = {}
    for score, start, codec in aligned:
        distinct.setdefault((start, codec), score)
    aligned = [(score, start, codec) for (start, codec), score in distinct.items()]
    # phase 2: for the best alignments, try ASCII variants and guess the lost characters;
    # gains are measured over the same span for every candidate.
    tail = ("\ufffd" if lost_tail else "") + after
    old_total = prefix[-1] + (model.score(line[end - 1 : end] + tail) - model.score(line[end - 1 : end])
                              if tail else 0.0)
    best = None
    seen = set()
    candidates = []  # (start, score of the character before, new text, text to score)
    for _, start, codec in aligned[:TOP_ALIGNMENTS]:
        if (start, codec) in seen:
            continue
        seen.add((start, codec))
        seg = line[start:end]
        prev = line[start - 1] if start else ""
        prev_score = model.score(prev) if prev else 0.0
        default = _default_fold(seg)
        near = sorted(i for i, c in enumerate(seg) if "!" <= c <= "~")[:MAX_FOLDED]
        variants = {default}
        for r in range(1, len(near) + 1):
            for flip in itertools.combinations(near, r):
                variants.add(default.symmetric_difference(flip))
        work += len(seg) * len(variants)
        for fold in variants:
            data = _encode(seg, codec, fold)
            if not data or data[0] < 0x40:
                continue
            got = _realign(data, codec, lost_tail)
            if got is None or not got[1]:
                continue
            first_byte, middle, last_byte = got
            # the lost byte was the lead of the first character, or the trail of it
            cands = _with_lost_lead(first_byte, codec) + _with_lost_trail(first_byte, codec)
            first = _best_char(cands, prev, middle[:1], model)
            if first is None:
                continue
            last = ""
            if last_byte is not None:
                last = _best_char(_with_lost_trail(last_byte, codec), middle[-1:], after, model,
                                  eol=end + 1 >= len(line)) or ""
                if not last:
                    continue
            new = first + middle + last
            candidates.append((start, prev_score, new, prev + new + after))
    # all candidates scored in one batch, then compared in the order they were made
    texts = [c[3] for c in candidates]
    scores = many(texts) if many is not None else [model.score(t) for t in texts]
    work += sum(map(len, texts))
    if budget is not None:
        budget[0] -= work
    for (start, prev_score, new, _), new_score in zip(candidates, scores):
        total = prefix[start - s0] + new_score - prev_score
        gain = total - old_total
        if best is None or gain > best[3]:
            best = (start, end + 1 if lost_tail else end, new, gain)
    return best


def _same(a: str, b: str) -> bool:
    """Equal, or the same ASCII character in full and half width."""
    return a == b or (a.isascii() and _fullwidth(a) == b) or (b.isascii() and _fullwidth(b) == a)


def _trim_common(old: str, new: str) -> tuple[int, int, int]:
    """Lengths of the common prefix and suffix of old and new (width-insensitive), and of
    new's changed middle."""
    p = 0
    while p < min(len(old), len(new)) and _same(old[p], new[p]):
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and _same(old[-1 - s], new[-1 - s]):
        s += 1
    return p, s, len(new) - p - s


def _in_a_word(line: str, i: int, model) -> bool:
    """Is the suspicious Han character at ``i`` part of a dictionary word with a neighbour
    (a rare character in a real name or term, like 墅 in 别墅)? Then it is not a shifted run:
    byte pairs thrown together by a lost byte almost never form words."""
    if not HAN_RE.match(line[i]):
        return False
    window = model._simplified(line[max(0, i - 1) : i + 2])
    if len(window) < 2:
        return False
    k = 1 if i > 0 else 0
    pairs = []
    if k:
        pairs.append(window[0] + window[1])
    if k + 1 < len(window):
        pairs.append(window[k] + window[k + 1])
    return any(model.bigrams.get(p, 0) > 0 for p in pairs)


def repair_line(line: str, model=None) -> str:
    """Repair every shifted run in one line.

    >>> repair_line("資本活水,以“基金+出!蹦J芥溄尤\\ue084蛸Y源,全年促成融資")
    '資本活水,以“基金+出海”模式鏈接全球資源,全年促成融資'
    >>> repair_line("专家表示，人工智能技术正在深刻改变\\ue08a持圃煲档纳\\ue301\\ue306绞健\\ufffd")
    '专家表示，人工智能技术正在深刻改变传统制造业的生产方式。'
    >>> repair_line("中文測試，一二\\ufffd")  # a truncated file, not a shifted run
    '中文測試，一二\\ufffd'

    The result is a fixed point: ``repair_line(repair_line(x)) == repair_line(x)``.
    """
    pattern = anchor_re()
    if pattern.search(line) is None:
        return line
    if model is None:
        from . import charmodel

        model = charmodel.load()
    # Whatever does not settle within the passes and the attempts is left as it was: then a
    # second run does the same work on the same line and gives the same answer; and a line
    # that settled was confirmed by a whole pass, which a second run repeats.
    budget = [WORK + WORK_PER_CHAR * len(line)]
    current = line
    for _ in range(MAX_PASSES):
        new = _repair_pass(current, pattern, model, budget)
        if new is None:
            return line
        if new == current:
            return current
        current = new
    return line


def _reads_as_text(repaired: str, model) -> bool:
    """Does the repaired stretch read like text (mean log-probability per character at least
    MIN_REPAIR_LOGPROB, and no box-drawing character: GBK and Big5 put those where a byte
    off lands in Chinese text)? Garbage re-aligned is still garbage, only less so: a gain
    alone would let it through, and a second cleaning would "repair" it again."""
    if not repaired:
        return True
    if _BOX_DRAWING_RE.search(repaired):
        return False  # (a re-aligned run that reads as box drawing is still misaligned)
    lps = model.logprobs(repaired)
    return sum(lps) / len(lps) >= MIN_REPAIR_LOGPROB


def _repair_pass(line: str, pattern: re.Pattern[str], model, budget: list[int]) -> str | None:
    """One pass over a line: repair runs from left to right (see :func:`repair_line`);
    None when the work in ``budget`` runs out."""
    pos = 0
    while True:
        m = pattern.search(line, pos)
        if m is None:
            return line
        if _in_a_word(line, m.start(), model):
            pos = m.end()
            continue
        if budget[0] <= 0:
            return None
        found = _repair_at(line, m.start(), model, budget)
        if found is not None:
            start, end, new, gain = found
            old = line[start:end]
            p, s, changed = _trim_common(old, new)
            damaged = old[p : len(old) - s].replace("\ufffd", "")
            # one character before a U+FFFD is too little evidence of a shifted run: a
            # truncated UTF-16 file or a cut-off line ends the same way ("一二\ufffd");
            # and a stretch that reads as text already only lost a character (对话式\ufffd大模型:
            # the gain is the U+FFFD's, and re-aligning it made 对籬笆较大模型)
            if (len(damaged) >= MIN_DAMAGED and gain >= MIN_GAIN
                    and gain >= MIN_GAIN_PER_CHAR * max(changed, len(old) - p - s)
                    and _reads_as_text(new[p : len(new) - s], model)
                    and not _reads_as_text(damaged, model)):
                # outside the damaged middle, keep the original characters (and their width)
                line = line[: start + p] + new[p : len(new) - s] + line[end - s :]
                pos = start + len(new) - s
                continue
        pos = m.end()


def repair_shifted_runs(text: str, edits: list[Edit] | None = None) -> str:
    """Repair double-byte runs shifted by a lost byte, line by line (Chinese text only)."""
    if not has_han(text):
        return text  # (only a line with Han is repaired: no scan for U+FFFD or private use)
    if not _has_anchor(text) or is_japanese(text) or is_korean(text):
        return text
    pattern = anchor_re()
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if pattern.search(line) is None or HAN_RE.search(line) is None:
            continue  # no Han at all: not Chinese (Cyrillic or Latin text with U+FFFD)
        fixed = repair_line(line)
        if fixed != line:
            changed = True
            if edits is not None:
                p, s, _ = _trim_common(line, fixed)
                edits.append(
                    Edit("dropped-byte", i + 1, line[p : len(line) - s], fixed[p : len(fixed) - s],
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
