"""Mixed-encoding files: UTF-8 text with lines pasted in a legacy encoding (a GBK paragraph
in a UTF-8 page), decoded segment by segment.

A file is mixed when some of its lines are valid UTF-8 *with* non-ASCII characters (real
UTF-8 evidence, at least MIN_UTF8_BYTES of it) and others are not valid UTF-8 at all.
The invalid lines are grouped into runs (ASCII-only lines in between join a run), each
run is detected on its own bytes (:func:`textmend.decode.detect`) and decoded strictly
in its encoding; the UTF-8 lines stay UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: UTF-8 lines must hold at least this many non-ASCII bytes in all...
MIN_UTF8_BYTES = 12
#: ...and at least this share of the file's non-ASCII bytes.
MIN_UTF8_SHARE = 0.2

_LINE_RE = re.compile(rb"[^\n]*\n|[^\n]+")
_HIGH = bytes(range(128, 256))


@dataclass(frozen=True)
class Segment:
    """A run of lines decoded with one encoding (``start``/``end``: 1-based line numbers)."""

    start: int
    end: int
    encoding: str


def _high(data: bytes) -> int:
    return len(data) - len(data.translate(None, _HIGH))


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def maybe_mixed(data: bytes) -> bool:
    """Cheap pre-check on a 64 KB sample: enough valid UTF-8 among the non-ASCII text to
    be worth splitting (a legacy file has almost none).

    >>> maybe_mixed("中文\\n".encode() * 10 + "中文".encode("gbk")), maybe_mixed("中文".encode("gbk") * 20)
    (True, False)
    """
    head = data[:65536]
    if not _has_utf8_line(head):
        return False  # (no line of it is UTF-8 with non-ASCII bytes: the count below finds none)
    text, nonascii, bad = _read_with_replacement(head)
    good = nonascii - bad
    if not (bad > 0 and good * 2 >= MIN_UTF8_BYTES and good >= MIN_UTF8_SHARE * (good + bad)):
        return False
    # GBK text holds byte runs that happen to be valid UTF-8: ask for whole valid lines
    return _enough_utf8_lines(text, _high(data[:65536]))


def _read_with_replacement(data: bytes) -> tuple[str, int, int]:
    """``data`` decoded as UTF-8 with replacement, its non-ASCII character count and its
    U+FFFD count (the invalid sequences)."""
    text = data.decode("utf-8", errors="replace")
    return text, len(text) - len(text.encode("ascii", errors="ignore")), text.count("\ufffd")


def _has_utf8_line(data: bytes) -> bool:
    """Is some line of ``data`` valid UTF-8 with non-ASCII bytes? A strict decode stops at
    the first invalid byte, which in a GBK/Big5 line comes within a few characters (a
    decode with replacement of the whole input costs as much as reading it).

    >>> _has_utf8_line("中文".encode("gbk") + b"\\nabc\\n" + "中文".encode()), _has_utf8_line("中文".encode("gbk") * 9)
    (True, False)
    """
    return _UTF8_LINE_RE.search(b"\n" + data) is not None


#: One UTF-8 multi-byte sequence as Python's strict decoder accepts it (no overlong forms,
#: no surrogates, nothing past U+10FFFF).
_UTF8_MULTI = (rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
               rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
               rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})")
#: After a line break: a line with a non-ASCII byte that is valid UTF-8 to its end. (The
#: engine jumps from line break to line break; a GBK/Big5 line fails at its first
#: double byte: half the cost of one strict decode and its exception per line.)
_UTF8_LINE_RE = re.compile(rb"\n(?=[^\n\x80-\xff]*[\x80-\xff])(?:[^\n\x80-\xff]|" + _UTF8_MULTI + rb")*(?:\n|\Z)")


#: UTF-8 with stray bytes: at least this many characters of three or four bytes...
MIN_WIDE_CHARS = 6
#: ...and runs of stray bytes next to other non-ASCII bytes at most this share of them and
#: those characters together. Legacy text makes such sequences by chance only now and
#: then: of the chardet corpus's 24,962 non-UTF-8 lines and files, the 1,208 with six
#: have a share of 0.42 or more.
MAX_STRAY_SHARE = 0.15
#: valid UTF-8 (ASCII and whole sequences), or a run of bytes that do not start a sequence
_VALID_OR_STRAY_RE = re.compile(rb"((?:[\x00-\x7f]|" + _UTF8_MULTI + rb")+)|((?:(?!" + _UTF8_MULTI
                                + rb")[\x80-\xff])+)")
_WIDE_LEADS = bytes(range(0xE0, 0xF5))


#: The name :class:`Segment` gives a run of UTF-8 lines with stray bytes.
STRAY_UTF8 = "utf-8 with stray bytes"


def decode_with_stray_bytes(data: bytes) -> tuple[str, int] | None:
    """``data`` read as the UTF-8 it is but for a few stray bytes: ``(text, stray byte
    count)``, or None when it is not that (legacy text, or too little UTF-8 to tell).
    Stray bytes between ASCII characters are a word pasted in Windows-1252 (``caf\\xe9``,
    ``\\x93quoted\\x94``) and read as such; others (a sequence cut short, a lost lead byte)
    become U+FFFD. Reading such a file in a legacy encoding would garble all of it.

    >>> decode_with_stray_bytes("中文测试：新型工业化，新质生产力。".encode() + b"\\xff" + "完".encode())
    ('中文测试：新型工业化，新质生产力。�完', 1)
    >>> decode_with_stray_bytes("“Quoted” and ‘single’ text — fine… ".encode() + b"caf\\xe9 \\x93au lait\\x94.")
    ('“Quoted” and ‘single’ text — fine… café “au lait”.', 3)
    >>> decode_with_stray_bytes("新型工业化，新质生产力。".encode("gbk")) is None
    True
    """
    # (legacy text first fails a cheap test on its head: it is full of invalid sequences)
    _, nonascii, bad = _read_with_replacement(data[:65536])
    if bad > MAX_STRAY_SHARE * nonascii + 2:
        return None
    parts: list[str] = []
    wide = stray = loose = 0  # loose: runs of stray bytes next to other non-ASCII bytes
    for m in _VALID_OR_STRAY_RE.finditer(data):
        valid, bad = m.group(1), m.group(2)
        if valid is not None:
            wide += len(valid) - len(valid.translate(None, _WIDE_LEADS))
            parts.append(valid.decode("utf-8"))
            continue
        stray += len(bad)
        a, b = m.span()
        if (a == 0 or data[a - 1] < 0x80) and (b == len(data) or data[b] < 0x80):
            # (double-byte encodings never leave bytes alone between ASCII ones: such
            # bytes tell nothing against UTF-8)
            parts.append(bad.decode("cp1252", errors="replace"))
        else:
            loose += 1
            parts.append("\ufffd")
    if wide < MIN_WIDE_CHARS or loose > MAX_STRAY_SHARE * (wide + loose):
        return None
    return "".join(parts), stray


def _enough_utf8_lines(text: str, total_high: int) -> bool:
    """Valid UTF-8 lines with non-ASCII bytes: at least MIN_UTF8_BYTES of them in all, and
    MIN_UTF8_SHARE of the ``total_high`` non-ASCII bytes (the rest in lines that are not
    UTF-8). ``text`` is the bytes decoded as UTF-8 with replacement: a line is valid UTF-8
    when it holds no U+FFFD ("\\n" is never inside a sequence, so lines correspond).

    >>> _enough_utf8_lines(("中文，第一句。".encode("gbk") + b"\\n").decode("utf-8", "replace") * 30, 420)
    False
    """
    utf8_high = 0
    for line in text.split("\n"):
        if not line.isascii() and "\ufffd" not in line:
            utf8_high += len(line.encode("utf-8")) - len(line.encode("ascii", "ignore"))
    bad_high = total_high - utf8_high
    return bad_high > 0 and utf8_high >= MIN_UTF8_BYTES and utf8_high >= MIN_UTF8_SHARE * (utf8_high + bad_high)


def split(data: bytes) -> list[tuple[bytes, bool]] | None:
    """The file as runs of ``(bytes, is_utf8)``, or None when it is not mixed.

    >>> runs = split("第一行是UTF-8。\\n".encode() + "第二行是GBK。\\n".encode("gbk") + "第三行。\\n".encode())
    >>> [ok for _, ok in runs]
    [True, False, True]
    >>> split("全是GBK的文字，第二句。\\n".encode("gbk") * 3) is None
    True
    """
    lines = _LINE_RE.findall(data)
    kinds = []  # True: UTF-8 with non-ASCII, False: invalid UTF-8, None: ASCII only
    utf8_high = bad_high = 0
    for line in lines:
        if line.isascii():
            kinds.append(None)
        elif _is_utf8(line):
            kinds.append(True)
            utf8_high += _high(line)
        else:
            kinds.append(False)
            bad_high += _high(line)
    if not bad_high or utf8_high < MIN_UTF8_BYTES or utf8_high < MIN_UTF8_SHARE * (utf8_high + bad_high):
        return None
    # an ASCII-only line joins the run before it (ASCII is valid UTF-8 at the start)
    runs: list[tuple[list[bytes], bool]] = []
    for line, kind in zip(lines, kinds):
        ok = (runs[-1][1] if runs else True) if kind is None else kind
        if runs and runs[-1][1] == ok:
            runs[-1][0].append(line)
        else:
            runs.append(([line], ok))
    return [(b"".join(ls), ok) for ls, ok in runs]


def decode_mixed(data: bytes, errors: str = "replace") -> tuple[str, list[Segment]] | None:
    """Decode a mixed file run by run: ``(text, the runs not in UTF-8)``, or None when the
    file is not mixed.

    >>> text, segs = decode_mixed("标题：测试\\n".encode() + "这一段是GBK编码的中文。\\n".encode("gbk"))
    >>> text
    '标题：测试\\n这一段是GBK编码的中文。\\n'
    >>> segs
    [Segment(start=2, end=2, encoding='gb18030')]
    """
    from .decode import codec_for, detect

    runs = split(data)
    if runs is None:
        return None
    parts: list[str] = []
    segments: list[Segment] = []
    line = 1
    for chunk, ok in runs:
        n = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
        if ok:
            parts.append(chunk.decode("utf-8", errors=errors))
        elif (stray := decode_with_stray_bytes(chunk)) is not None:
            parts.append(stray[0])  # (UTF-8 lines with a stray byte, not a pasted legacy run)
            segments.append(Segment(line, line + n - 1, STRAY_UTF8))
        else:
            enc = codec_for(detect(chunk).encoding)
            if enc in ("binary", "utf-8", "mixed"):
                enc = "utf-8"
            try:
                parts.append(chunk.decode(enc, errors=errors))
            except (LookupError, UnicodeDecodeError):
                enc = "utf-8"
                parts.append(chunk.decode("utf-8", errors="replace"))
            segments.append(Segment(line, line + n - 1, enc))
        line += n
    return "".join(parts), segments
