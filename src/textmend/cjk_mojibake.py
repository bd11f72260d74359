"""repair (CJK): text decoded with the wrong CJK or Latin codec, undone where it round-trips.

ftfy repairs UTF-8 read as a Latin codec and declines the CJK kinds. This filter
handles them, one segment (a run of non-ASCII characters) at a time:

- UTF-8 read as GBK/GB18030 (``鍙戝竷`` -> ``发布``), as Big5, or as Shift_JIS;
- GBK read as Big5 and Big5 read as GBK;
- GBK or Big5 read as latin-1/cp1252 (``ÄãºÃ`` -> ``你好``).

Precision first: a segment is replaced only when its characters encode in the codec it
was wrongly read with, the bytes decode *strictly* in the right codec, and the result is
much more plausible than the segment by the per-language character tables
(:mod:`textmend.langfreq`), per byte of the same bytes. Clean text in any language stays
as it is. What cannot be recovered (``锟斤拷``: U+FFFD's UTF-8 bytes read as GBK;
``烫烫烫``/``屯屯屯``: uninitialised memory; runs of U+FFFD) is reported as a note,
never replaced with invented text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import langfreq
from .chardata import LATIN_RE, has_han
from .edits import Edit, LineIndex
from .filter import Filter, register

#: (name, codec the text was wrongly decoded with, codec of its bytes), tried in order.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("UTF-8 read as GBK", "gb18030", "utf-8"),
    ("UTF-8 read as Big5", "big5hkscs", "utf-8"),
    ("UTF-8 read as Shift_JIS", "cp932", "utf-8"),
    ("GBK read as Big5", "big5hkscs", "gb18030"),
    # (Python's big5 and cp950 read C6A1-C8FE otherwise than big5hkscs: 区 C7F8 is ⑹ in
    # them, Е in big5hkscs; the reading that fits the text is kept, see repair_segment)
    ("GBK read as Big5", "cp950", "gb18030"),
    ("Big5 read as GBK", "gb18030", "big5hkscs"),
    ("GBK read as latin-1", "cp1252", "gb18030"),
    ("GBK read as latin-1", "latin-1", "gb18030"),
    ("Big5 read as latin-1", "cp1252", "big5hkscs"),
)
#: Codecs of a kind tried second (in a line: only where the kind's first codec's round
#: trips covered it).
_SIBLING_CODECS = ("cp950",)
#: The codecs whose misreading turns double bytes into Latin-1 text, and those kinds.
LATIN_CODECS = ("cp1252", "latin-1")
LATIN_KINDS = frozenset(kind for kind, wrong, _ in KINDS if wrong in LATIN_CODECS)
#: Languages a decoded segment may be in, per codec of its bytes.
TRUE_LANGUAGES = {"utf-8": ("zh", "ja", "ko"), "gb18030": ("zh",), "big5hkscs": ("zh",)}
#: A repair must gain at least this much log-probability per byte...
MIN_GAIN = 2.0
#: ...and the repaired text must score at least this (nats per non-ASCII byte).
MIN_SCORE = -5.5
#: A line is re-read at most this many times (each pass can give the next one context).
MAX_PASSES = 4
#: Segments shorter than this (characters) are left alone: too little evidence.
MIN_CHARS = 3

#: The segments of a line repaired together must gain this much per byte...
MIN_LINE_GAIN = 1.5
#: Within such a line, a segment is repaired unless it gets worse by more than this per
#: byte on its own (a lone ``る`` is plausible Japanese; in a line of Big5-read-as-GBK it is 月).
SEGMENT_SLACK = 2.0
#: ...hold this many bytes together...
MIN_LINE_BYTES = 4
#: ...and at least this share of its non-ASCII text (as UTF-8 bytes, halved).
LINE_COVERAGE = 0.6

#: Candidate segments: runs of non-ASCII, non-space characters.
_SEGMENT_RE = re.compile(r"[^\x00-\x7f\s\u3000]{" + str(MIN_CHARS) + ",}")
_ANY_SEGMENT_RE = re.compile(r"[^\x00-\x7f\s\u3000]+")
#: The same, split at U+FFFD too: what a lossy reading kept between its losses re-reads on
#: its own (GBK read as Big5 with replacement: the text before the first loss is aligned).
_PIECE_RE = re.compile(r"[^\x00-\x7f\s\u3000\ufffd]+")
#: Segments of GBK/Big5 read as latin-1/cp1252: the high characters, with an ASCII
#: character right after a Latin-1 letter (a GBK/Big5 trail byte can be 0x40-0x7e).
_CP1252_HIGH = ("\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_LATIN_SEGMENT_RE = re.compile(f"(?:[{_CP1252_HIGH}]|(?<=[\x81-\xfe])[\x40-\x7e])+")
_NON_CJK_RE = re.compile("[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_PUA_RE = re.compile("[\ue000-\uf8ff]")
_LATIN1_PAIR_RE = re.compile("[\x80-\xff][\x80-\xff]")
#: ASCII characters a GBK trail byte can be (0x40-0x7E), letters and @ only.
_ABSORBED_RE = re.compile("[@A-Za-z]")
#: The marks of lost text.
_LOST_RE = re.compile("(?:锟斤拷)+|烫{3,}|屯{3,}|\ufffd+")
#: Valid UTF-8 multi-byte sequences, two or more in a row.
_UTF8_RUN_RE = re.compile(rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){2,}")


def _score(text: str, nbytes: int, langs: tuple[str, ...]) -> float:
    return langfreq.plausibility(text, nbytes, langs)[0]


Rereads = dict[tuple[str, str, str], "tuple[bytes, str] | None"]


def _reread(text: str, wrong: str, right: str, memo: Rereads | None) -> tuple[bytes, str] | None:
    """(``text``'s bytes in ``wrong``, those bytes read as ``right``), or None when either
    step fails; ``memo``: answers already known for this line (a segment is re-read by
    the whole-line pass and again on its own)."""
    key = (text, wrong, right)
    if memo is not None and key in memo:
        return memo[key]
    try:
        data = text.encode(wrong)
        found: tuple[bytes, str] | None = (data, data.decode(right))
    except (UnicodeEncodeError, UnicodeDecodeError):
        found = None
    if memo is not None:
        memo[key] = found
    return found


def _repair_piece(piece: str, wrong: str, right: str, memo: Rereads | None = None) -> str | None:
    """``piece`` re-read as ``right`` when that round-trips and is much more plausible."""
    reread = _reread(piece, wrong, right, memo)
    if reread is None:
        return None
    data, fixed = reread
    if fixed == piece or fixed.encode(right).decode(right) != fixed:
        return None
    if not any(ch.isalpha() for ch in fixed):
        return None  # signs only (＊＊＊ <-> ’’’): no words to tell a repair from a mistake
    try:
        if fixed.encode(right).decode(wrong) != piece:  # exact round trip both ways
            return None
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    # (a Latin letter right after the text can end up as the trail byte of its last
    # double-byte character: 州E is E5 B7 9E 45, read as GBK 宸濫; it stays at the end)
    known = fixed[:-1] if right == "utf-8" and len(fixed) > 1 and _ABSORBED_RE.match(fixed[-1]) else fixed
    if not fixed.isascii() and any(ch.isascii() or ch not in _known_chars() for ch in known):
        return None  # a piece alone must be made of characters the tables know, nothing else
    n = len(data)
    after = _score(fixed, n, TRUE_LANGUAGES[right])
    if after < MIN_SCORE:  # (implausible as it would be: no need to score it as it is)
        return None
    if after - _score(piece, n, _languages_of(piece)) < MIN_GAIN:
        return None
    return fixed


@lru_cache(maxsize=1)
def _all_languages() -> tuple[str, ...]:
    """Text is scored as it stands in every language with a table: clean Russian read as
    Big5 is plausible Russian, whatever it would be in Chinese."""
    return tuple(sorted(langfreq.tables()))


def _languages_of(segment: str) -> tuple[str, ...]:
    """The languages to score a segment in as it stands: CJK ones for CJK characters,
    all of them otherwise."""
    if _NON_CJK_RE.search(segment) is None:
        return ("zh", "ja", "ko")
    return _all_languages()


@lru_cache(maxsize=1)
def _unknown_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns for :func:`_has_signs`, (any, pair) exactly and (any, pair) for text
    without characters beyond U+FFFF: *pair* is two non-ASCII characters in a row that no
    language table lists (mojibake is made of them); *any* is one character that can
    start a sign (such a character, a private-use one, a Latin-1 one). A class listing
    astral characters is checked range by range by Python's regex engine (~100 ns a
    character); without them it is one table lookup."""
    known = sorted({ch for table in langfreq.tables().values() for ch in table})

    def unknown(chars: list[str], astral: bool) -> str:  # a class of the characters not listed
        bmp = "".join(re.escape(c) for c in chars if ord(c) <= 0xFFFF)
        rest = "".join(re.escape(c) for c in chars if ord(c) > 0xFFFF) if astral else "\U00010000-\U0010ffff"
        return "[^\x00-\x7f" + bmp + rest + "]"

    # a sign starts with an unlisted character, a private-use one or a Latin-1 one
    starts = [c for c in known if not ("\x80" <= c <= "\xff" or "\ue000" <= c <= "\uf8ff")]
    exact, fast = unknown(known, True), unknown(known, False)  # fast: every astral character is listed
    # (a class written twice is scanned faster than class{2}: its first character is a prefilter)
    return (re.compile(unknown(starts, True)), re.compile(exact + exact),
            re.compile(unknown(starts, False)), re.compile(fast + fast))


def has_astral(text: str) -> bool:
    """Does ``text`` hold a character beyond U+FFFF? (Its UTF-16 form is then longer than
    two bytes a character; encoding costs less than a regex scan.)

    >>> has_astral("中文"), has_astral("𠀀")
    (False, True)
    """
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _has_signs(line: str, astral: bool = True) -> bool:
    """Whether a line can hold mojibake of the kinds handled: two characters in a row
    that no language table lists, a private-use character (GB18030 decodes some UTF-8
    byte pairs there), or two Latin-1 characters in a row (GBK/Big5 read as latin-1). A clean line of
    common characters costs one regex scan. ``astral=False``: the caller knows the line
    has no character beyond U+FFFF (then a faster form of the same classes is used).

    >>> _has_signs("新型工业化，新质生产力"), _has_signs("鍙戝竷"), _has_signs("ÄãºÃ")
    (False, True, True)
    """
    any_sign, pair, any_fast, pair_fast = _unknown_res()
    if not astral or not has_astral(line):
        any_sign, pair = any_fast, pair_fast
    if any_sign.search(line) is None:  # (one scan rules out nearly every clean line)
        return False
    return (pair.search(line) is not None or _PUA_RE.search(line) is not None
            or _LATIN1_PAIR_RE.search(line) is not None)


@lru_cache(maxsize=1)
def _known_chars() -> frozenset[str]:
    tables = langfreq.tables()
    return frozenset(ch for lang in ("zh", "ja", "ko") for ch in tables[lang])


def _utf8_pieces(segment: str, wrong: str) -> list[tuple[int, int]]:
    """(start, end) character spans of ``segment`` whose bytes in ``wrong`` are valid UTF-8."""
    # the whole segment at once first: an unencodable character becomes one ASCII byte
    # either way, so when this finds no run, the character-by-character pass finds none
    if _UTF8_RUN_RE.search(segment.encode(wrong, errors="replace")) is None:
        return []
    spans = []
    offsets = [0]
    parts = []
    for ch in segment:  # a character the codec cannot encode (U+FFFD) breaks the run
        try:
            b = ch.encode(wrong)
        except UnicodeEncodeError:
            b = b"\x00"
        parts.append(b)
        offsets.append(offsets[-1] + len(b))
    data = b"".join(parts)
    index = {b: i for i, b in enumerate(offsets)}
    for m in _UTF8_RUN_RE.finditer(data):
        start, end = m.start(), m.end()
        # shrink to character boundaries of the segment
        while start < end and start not in index:
            start += 1
        while end < len(data) and end not in index:
            end += 1  # the character holding the last byte; repair_segment trims if needed
        if end > start and index[end] - index[start] >= MIN_CHARS:
            spans.append((index[start], index[end]))
    return spans


def repair_segment(segment: str, memo: Rereads | None = None) -> tuple[str, str] | None:
    """(repaired segment, kind) or None.

    >>> repair_segment("鍖椾含鍙戝竷")
    ('北京发布', 'UTF-8 read as GBK')
    >>> repair_segment("ÄãºÃ£¬ÊÀ½ç")
    ('你好，世界', 'GBK read as latin-1')
    >>> repair_segment("发布会在北京举行") is None
    True
    """
    for i, (kind, wrong, right) in enumerate(KINDS):
        if wrong in _SIBLING_CODECS:
            continue  # (tried below, as the other reading of its kind)
        fixed = _repair_piece(segment, wrong, right, memo)
        if fixed is not None:
            # another codec of the same kind may read it better (big5hkscs and cp950)
            for other_kind, other_wrong, other_right in KINDS[i + 1:]:
                if other_kind == kind and other_right == right:
                    other = _repair_piece(segment, other_wrong, other_right, memo)
                    if other is not None and other != fixed:
                        n = len(segment.encode(other_wrong, errors="replace"))
                        if _score(other, n, TRUE_LANGUAGES[right]) > _score(fixed, n, TRUE_LANGUAGES[right]):
                            fixed = other
            return fixed, kind
    if not _has_signs(segment):
        return None
    for kind, wrong, right in KINDS:
        if right != "utf-8":
            continue
        spans = _utf8_pieces(segment, wrong)
        if not spans:
            continue
        out, last, changed = [], 0, False
        for start, end in spans:
            if start < last:
                continue
            # the match may begin or end inside a character of the segment (the last
            # byte of a clean character can open a UTF-8 sequence): drop up to two of them
            fixed = None
            for lead, cut in ((0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (2, 0), (1, 2), (2, 1), (2, 2)):
                if end - cut - (start + lead) < MIN_CHARS:
                    continue
                fixed = _repair_piece(segment[start + lead:end - cut], wrong, right)
                if fixed is not None:
                    start, end = start + lead, end - cut
                    break
            if fixed is None:
                continue
            out.append(segment[last:start])
            out.append(fixed)
            last, changed = end, True
        if changed:
            out.append(segment[last:])
            return "".join(out), kind
    return None


def _round_trip(segment: str, wrong: str, right: str, memo: Rereads | None = None) -> tuple[str, int] | None:
    """(``segment`` re-read as ``right``, its byte count) when that round-trips exactly."""
    reread = _reread(segment, wrong, right, memo)
    if reread is None:
        return None
    data, fixed = reread
    try:
        if fixed == segment or fixed.encode(right) != data:
            return None
    except UnicodeEncodeError:
        return None
    return fixed, len(data)


def repair_line(line: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(repaired line, [(before, after, kind)]).

    First the whole line: the kind under which the non-ASCII segments that round-trip
    are, together, much more plausible (mojibake hits a whole line, so short pieces
    between digits such as ``ÔÂ`` in ``12ÔÂ28`` are repaired with the rest); then each
    remaining segment alone (a mojibake phrase inside clean text).

    >>> repair_line("12ÔÂ28ÈÕ£¬±±¾©")[0]
    '12月28日，北京'
    """
    segments = list(_PIECE_RE.finditer(line))
    if not segments:
        return line, []
    total_bytes = sum(len(m.group(0).encode("utf-8")) for m in segments)
    latin = list(_LATIN_SEGMENT_RE.finditer(line))
    best: tuple[float, str, list] | None = None
    memo: dict[tuple[str, int, tuple[str, ...]], float] = {}
    rereads: Rereads = {}

    def score(text: str, n: int, langs: tuple[str, ...]) -> float:
        # (a segment is scored as it stands under every kind: the same arguments, once)
        key = (text, n, langs)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _score(text, n, langs)
        return found

    passed: set[tuple[str, str]] = set()  # (kind, right) whose round trips covered the line
    for kind, wrong, right in KINDS:
        if wrong in _SIBLING_CODECS and (kind, right) not in passed:
            continue  # (a second codec of a kind is tried where the first one's round trips held)
        found = [(m, *rt) for m in (latin if wrong in LATIN_CODECS else segments)
                 if (rt := _round_trip(m.group(0), wrong, right, rereads)) is not None]
        nbytes = sum(n for _, _, n in found)
        if nbytes < MIN_LINE_BYTES or nbytes * 2 < total_bytes * LINE_COVERAGE:
            continue  # (decided by the round trips alone: nothing to score)
        passed.add((kind, right))
        if not any(ch.isalpha() for _, fixed, _ in found for ch in fixed):
            continue  # signs only (＊＊＊ <-> ’’’): no words to tell a repair from a mistake
        afters = [score(fixed, n, TRUE_LANGUAGES[right]) * n for _, fixed, n in found]
        after = sum(afters)
        if after / nbytes < MIN_SCORE:
            continue  # (implausible as it would be: the segments as they are need no score)
        pairs = []
        before = 0.0
        for (m, fixed, n), a in zip(found, afters):
            b = score(m.group(0), n, _languages_of(m.group(0))) * n
            pairs.append((m, fixed, b, a + n * SEGMENT_SLACK))
            before += b
        gain = (after - before) / nbytes
        if gain >= MIN_LINE_GAIN and (best is None or gain > best[0]):
            best = (gain, kind, pairs)
    changes: list[tuple[str, str, str]] = []
    if best is not None:
        out, last = [], 0
        for m, fixed, b, a in best[2]:
            if a >= b:
                out += [line[last:m.start()], fixed]
                last = m.end()
                changes.append((m.group(0), fixed, best[1]))
        if changes:
            return "".join(out) + line[last:], changes
    out, last = [], 0
    for m in segments:
        out.append(line[last:m.start()])
        seg = m.group(0)
        if len(seg) >= MIN_CHARS and (found := repair_segment(seg, rereads)) is not None:
            out.append(found[0])
            changes.append((seg, found[0], found[1]))
        else:
            out.append(seg)
        last = m.end()
    out.append(line[last:])
    return ("".join(out), changes) if changes else (line, [])


#: Lost bytes a document may have restored (each costs ~0.2 ms of scoring: a 5 MB page
#: read as GBK with replacement holds ~700,000); beyond, the characters stay lost.
LOSSY_BUDGET = 20_000


def repair_lossy_runs(line: str, budget: list[int] | None = None) -> tuple[str, list[tuple[str, str, str]]]:
    """The runs of ``line`` that are UTF-8 read as GBK with U+FFFD for the bytes the
    decoder refused, read as UTF-8 with those bytes restored where the character model is
    sure (:mod:`textmend.lost_bytes`); a character still lost stays one U+FFFD. Only a run
    that is then far more plausible is replaced. ``budget``: ``[lost bytes that may still
    be restored]``, shared by a document's lines (see :data:`LOSSY_BUDGET`).

    >>> repair_lossy_runs("新闻：鍥藉�剁粺璁″眬浠婂ぉ鍙戝竷鏁版嵁銆�")[0]
    '新闻：国家统计局今天发布数据。'
    >>> repair_lossy_runs("数据�丢失了一个字")[0]  # a lost character in clean text: left
    '数据�丢失了一个字'
    """
    from .lost_bytes import restore_lost_bytes

    found_runs: list[tuple[int, int, str, str, int, int]] = []  # (start, end, piece, fixed, restored, lost)
    short: list[tuple[int, int, str, str, int, int]] = []
    end = len(line.rstrip())
    for m in _ANY_SEGMENT_RE.finditer(line):
        run = m.group(0)
        if "\ufffd" not in run or run == "\ufffd" * len(run):
            continue
        # (a clean prefix such as 新闻： is not part of the damage: the run may start after
        # one of the first full-width marks)
        for start in _lossy_starts(run):
            a = m.start() + start
            found = restore_lost_bytes(run[start:], at_line_end=m.end() == end,
                                       left=line[max(0, a - 3):a], right=line[m.end():m.end() + 3],
                                       search=budget is None or budget[0] > 0)
            if found is not None:
                if budget is not None:
                    budget[0] -= found[2]
                break
        if found is None:
            continue
        piece, (fixed, restored, lost) = run[start:], found
        clean_fixed, clean_piece = fixed.replace("\ufffd", ""), piece.replace("\ufffd", "")
        n = len(clean_fixed.encode("utf-8"))
        after = _score(clean_fixed, n, TRUE_LANGUAGES["utf-8"]) if clean_fixed else MIN_SCORE - 1
        if after < MIN_SCORE:
            continue
        if len(run) < MIN_CHARS or n < MIN_LINE_BYTES:
            # (月 in 7鏈�19: too short to tell alone; taken when restored whole in a line
            # that shows the damage in a longer run)
            if "\ufffd" not in fixed:
                short.append((a, m.end(), piece, fixed, restored, lost))
            continue
        if after - _score(clean_piece, n, _languages_of(clean_piece)) < MIN_GAIN:
            continue
        found_runs.append((a, m.end(), piece, fixed, restored, lost))
    if not found_runs:
        return line, []
    out: list[str] = []
    changes: list[tuple[str, str, str]] = []
    last = 0
    for a, b, piece, fixed, restored, lost in sorted(found_runs + short):
        out += [line[last:a], fixed]
        last = b
        changes.append((piece, fixed, f"UTF-8 read as GBK, {restored} of {lost} lost byte(s) restored"))
    return "".join(out) + line[last:], changes


def _lossy_starts(run: str) -> list[int]:
    """Where the damage in ``run`` may start: its start, and after each full-width mark
    (a page's own ``：`` before a misread stretch)."""
    return [0] + [m.end() for m in _FULLWIDTH_MARK_RE.finditer(run) if m.end() < len(run)][:3]


_FULLWIDTH_MARK_RE = re.compile("[：，。、；！？]")


#: A line is English-like when it has at least this many Latin letters...
GLUED_MIN_LATIN = 20
#: ...and this many times as many Latin letters as non-ASCII characters (Han and the rest).
GLUED_LATIN_RATIO = 4
#: Runs of Han; in English text, one to three of them inside a word (a Latin letter before
#: or after) mark an accented letter or a typographic sign whose UTF-8 bytes were read as
#: GBK (``caf茅`` café, ``26掳C`` 26°C, ``it鈥檚`` it’s).
_HAN_RUN_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
_HAN_ANY_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _latin_reading(run: str) -> str | None:
    """``run`` re-read as the UTF-8 it was when that gives Latin letters and signs only:
    Latin-1, Latin Extended-A, general punctuation, € and ™ (no combining marks, no CJK)."""
    try:
        fixed = run.encode("gb18030").decode("utf-8")
    except UnicodeError:
        return None
    if not fixed or fixed.isascii():
        return None
    for ch in fixed:
        o = ord(ch)
        if not (0x20 <= o < 0x7f or 0xa0 <= o <= 0x17f or 0x2010 <= o <= 0x203a or ch in "€™"):
            return None
    return fixed


def repair_glued_latin(line: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Han characters glued to Latin words in an English line, re-read as UTF-8.

    >>> repair_glued_latin("We met at the caf茅 near the station; it was about 26掳C outside.")[0]
    'We met at the café near the station; it was about 26°C outside.'
    >>> repair_glued_latin("Kweichow Moutai (茅台) rose 3% on the Shanghai exchange today.")[0]
    'Kweichow Moutai (茅台) rose 3% on the Shanghai exchange today.'
    >>> repair_glued_latin('<a href="http://example.com/promote/">95933网费天天最低6毛/小时</a>')[0]
    '<a href="http://example.com/promote/">95933网费天天最低6毛/小时</a>'
    """
    ascii_chars = len(line.encode("ascii", "ignore"))
    if ascii_chars < GLUED_MIN_LATIN or ascii_chars < GLUED_LATIN_RATIO * (len(line) - ascii_chars) \
            or _HAN_ANY_RE.search(line) is None:
        return line, []  # (cheap tests first: they rule out nearly every Chinese and English line)
    latin = len(LATIN_RE.findall(line))
    if latin < GLUED_MIN_LATIN or latin < GLUED_LATIN_RATIO * (len(line) - ascii_chars):
        return line, []
    # every Han run of the line must be one to three characters inside a Latin word (a letter
    # right before or after it) that re-reads as Latin: one Chinese word ("最低6毛/小时")
    # means the line holds Chinese, and then nothing is touched
    out: list[str] = []
    changes: list[tuple[str, str, str]] = []
    last = 0
    for m in _HAN_RUN_RE.finditer(line):
        a, b = m.span()
        glued = (a > 0 and LATIN_RE.match(line, a - 1) is not None) or \
            (b < len(line) and LATIN_RE.match(line, b) is not None)
        fixed = _latin_reading(m.group(0)) if glued and b - a <= 3 else None
        if fixed is None:
            return line, []
        out += [line[last:a], fixed]
        last = b
        changes.append((m.group(0), fixed, "UTF-8 read as GBK (Latin text)"))
    out.append(line[last:])
    return ("".join(out), changes) if changes else (line, [])


def fix_cjk_mojibake(text: str, edits: list[Edit] | None = None) -> str:
    """Repair CJK mojibake line by line; note lost text without changing it.

    >>> fix_cjk_mojibake("新闻：鍖椾含鍙戝竷")
    '新闻：北京发布'
    >>> fix_cjk_mojibake("中文：“你好”，Le café, Москва")
    '中文：“你好”，Le café, Москва'
    """
    if text.isascii():
        return text
    astral = has_astral(text)  # (asked once: a line of a text without any has none)
    han = has_han(text)  # (the glued-Latin repair needs Han in the line)
    lines = text.split("\n")
    changed = False
    budget = [LOSSY_BUDGET]
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        lossy: list[tuple[str, str, str]] = []
        if "\ufffd" in line:  # (UTF-8 read as GBK with replacement: restore what it can)
            line, lossy = repair_lossy_runs(line, budget)
            if lossy:
                lines[i] = line
                changed = True
        new, changes = repair_line(line) if _has_signs(line, astral) else (line, [])
        changes = lossy + changes
        if not changes and han:
            new, changes = repair_glued_latin(line)  # (English text: caf茅, 26掳C, it鈥檚)
        for _ in range(MAX_PASSES - 1):
            # a repaired segment is context for the next one: repeat to a fixed point, so
            # that cleaning the result again changes nothing (what a second cleaning would do
            # to the line: the sign repair, else the glued-Latin one — Latin-1 mojibake read
            # as GBK by the first becomes Han glued to Latin words, which the second undoes)
            if not changes:
                break
            again, more = repair_line(new) if _has_signs(new, astral or has_astral(new)) else (new, [])
            if not more:
                again, more = repair_glued_latin(new)
            if not more:
                break
            new, changes = again, changes + more
        if changes:
            lines[i] = new
            changed = True
            if edits is not None:
                for before, after, kind in changes:
                    edits.append(Edit("cjk-mojibake", i + 1, before, after, kind))
    new_text = "\n".join(lines) if changed else text
    if edits is not None:
        lost_index = LineIndex(new_text)
        for m in _LOST_RE.finditer(new_text):
            edits.append(Edit("cjk-mojibake", lost_index.line_of(m.start()), m.group(0), m.group(0),
                              f"unrecoverable: {_lost_kind(m.group(0))}; left as it is"))
    return new_text


def _lost_kind(mark: str) -> str:
    if mark.startswith("锟"):
        return "U+FFFD replacement characters saved as UTF-8 and read as GBK (锟斤拷)"
    if mark.startswith(("烫", "屯")):
        return "uninitialised memory (0xCC/0xCD bytes read as GBK)"
    return "replacement characters (U+FFFD): the original bytes were lost in decoding"


@register
class CJKMojibake(Filter):
    name = "cjk-mojibake"
    stage = "repair"
    summary = "CJK mojibake (UTF-8 read as GBK/Big5/Shift_JIS, GBK<->Big5, GBK read as latin-1)"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return fix_cjk_mojibake(text, edits)
