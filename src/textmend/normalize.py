"""normalize: punctuation width in CJK context, white space, layout, Unicode form.

Each fix is a small named function (as in ftfy) and each is also a registered
filter so that every change it makes is attributable.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .chardata import (
    CJK_CLOSING_PUNCT,
    CJK_OPENING_PUNCT,
    FULLWIDTH,
    HAN,
    HAN_RE,
    HSPACE,
    LATIN_RE,
    PINYIN_TONE_VOWELS,
    has_han,
    is_japanese,
    is_korean,
)
from .codeblocks import fenced_blocks, gaps, outside_code_blocks
from .edits import Edit, sub_with_edits
from .filter import Filter, register

# --- punctuation width ------------------------------------------------------------

# The mark comes first in each pattern and the context is checked behind it, so that
# the regex engine scans for the mark (fast) instead of trying lookbehinds at every
# position. ``(?<=X.)`` after the mark is ``(?<=X)`` before it.
_AFTER_CJK = (
    rf"(?:(?<=[{HAN}].)|(?<=[{HAN}][{CJK_CLOSING_PUNCT}].)|(?<=[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}].))"
)
# , : ; after CJK, or directly before a Han character. A colon between digits
# (18:03:52) is never touched, nor an emoticon (``:)`` ``;-)`` before a space or the end:
# see _widen_separator_mark).
_SEPARATOR_RE = re.compile(
    rf"[,;:](?:{_AFTER_CJK}(?![0-9]{{2}}(?::|\b))|(?<=[,;])(?<![0-9:].)(?=[“‘《「『{HAN}])|"
    rf"(?<=[A-Za-z0-9.%)\]”’].)(?=[{HAN}]))"
)
# A full stop typed as ASCII in a Chinese sentence: after Han at the end of the line
# ("捞出沥干."), or between a percentage and Han ("涨1.33%.两市"); never between Han
# (a name: 马克.吐温), digits (1.5, "1.总则") or Latin (www.example.cn). Only in a line
# that already has a full-width sentence mark (see _widen_period).
_PERIOD_RE = re.compile(rf"\.(?:(?<=[{HAN}]\.)(?=[{HSPACE}]*$)|(?<=[0-9]%\.)(?=[{HAN}]))", re.M)
_CJK_SENTENCE_MARK_RE = re.compile("[，。；！？：]")
_COLON_DIGITS_RE = re.compile(r"(?<=[0-9]):(?=[0-9])")
_BANG_RE = re.compile(rf"[!?]{_AFTER_CJK}(?![!?=A-Za-z0-9])")
_PAREN_RE = re.compile(r"\(([^()\n]{1,200})\)")
_TONED = PINYIN_TONE_VOWELS
#: pinyin with tone marks or tone numbers: "háng", "yínháng", "zhōng guó", "hang2"
_TONED_PINYIN_RE = re.compile(
    rf"(?=.*[{_TONED}])[a-zü{_TONED}]+(?:[ '’][a-zü{_TONED}]+)*|[a-zü]{{1,6}}[1-5](?:[ '’]?[a-zü]{{1,6}}[1-5])*"
)
_CODE_CHARS_RE = re.compile(r"[\"'=;{}<>\\`$]")
_PAREN_PREV_CJK_RE = re.compile(rf"[{HAN}{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}]")


def _widen_separator(m: re.Match[str]) -> str:
    return FULLWIDTH[m.group(0)]


_EMOTICON_REST_RE = re.compile(r"[-^']?[()DPp](?=\s|$)")
#: the characters that can follow a mark that stays ASCII: an emoticon's rest, or a space
#: before a Latin word (see _EMOTICON_REST_RE and _SPACE_THEN_LATIN_RE)
_KEEP_NEXT = frozenset(" \t-^'()DPp")


_SPACE_THEN_LATIN_RE = re.compile(r"[ \t]+[A-Za-z]")


def _in_latin_sentence(text: str, start: int, end: int) -> bool:
    """Is the mark at ``start`` followed by a space and a Latin word, with more Latin letters
    than Han characters before it on its line? Then it is English punctuation after a
    Chinese name ("The company (腾讯, Tencent) said ...") and stays ASCII; a Chinese label
    ("作者: John Smith") is not."""
    if _SPACE_THEN_LATIN_RE.match(text, end) is None:
        return False
    return _latin_before(text, start)


def _latin_before(text: str, start: int) -> bool:
    """More Latin letters than Han characters on the line before ``start``."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return len(LATIN_RE.findall(before)) > len(HAN_RE.findall(before))


def _widen_separator_mark(m: re.Match[str]) -> str:
    """``_widen_separator`` for , ; : — except the eyes of an emoticon (「開心。」:) ;-) ) and
    a mark inside an English sentence (``腾讯, Tencent``)."""
    nxt = m.string[m.end():m.end() + 1]
    if nxt not in _KEEP_NEXT:  # (the common case, "，" before Han: neither check below can hold)
        return FULLWIDTH[m.group(0)]
    if m.group(0) != "," and _EMOTICON_REST_RE.match(m.string, m.end()) is not None:
        return m.group(0)
    if _in_latin_sentence(m.string, m.start(), m.end()):
        return m.group(0)
    return FULLWIDTH[m.group(0)]


def _widen_period(m: re.Match[str]) -> str:
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    line = text[start : end if end >= 0 else len(text)]
    if _CJK_SENTENCE_MARK_RE.search(line) is None:
        return m.group(0)
    return "。"


def _widen_parens(m: re.Match[str]) -> str:
    inner = m.group(1)
    text = m.string
    prev = text[m.start() - 1] if m.start() > 0 else ""
    if _CODE_CHARS_RE.search(inner):
        return m.group(0)
    if inner.isdigit() and text[m.end() : m.end() + 1].isdigit():
        return m.group(0)  # a phone area code: (02)2345-6789
    if _TONED_PINYIN_RE.fullmatch(inner):
        return m.group(0)  # a reading written in a lesson: 行(háng), 银行(yínháng)
    if prev and _PAREN_PREV_CJK_RE.match(prev):
        return f"（{inner}）"
    if _HAN_START_RE.match(inner) and _is_cjk_prose(inner):
        if prev.isspace() and _latin_before(text, m.start()):
            return m.group(0)  # an English sentence glossing a name: "Kweichow Moutai (茅台) rose"
        return f"（{inner}）"  # SISPARK(蘇州國際科技園): Chinese inside, after a Latin name
    return m.group(0)


_HAN_START_RE = re.compile(rf"\s*[{HAN}]")


# Code, markup and data: assignments, braces, escapes, a call or list with string
# arguments, comment and keyword line starts, and a GB/T 7714 reference ("张三, 李四.
# 书名[M]. 北京: 出版社, 2020.", ASCII by the standard). (ASCII quotes alone are not code:
# some Chinese pages use them for quotations.) Five scans that each let the engine look for
# a rare first character instead of one alternation tried at every Han character (2.3 KB of
# Chinese: 125 µs -> ~10 µs; tests/test_normalize.py checks them against that one pattern).
_CODE_SIGN_RE = re.compile(r"[`=<>{}\\]")
_CALL_WITH_STRING_RE = re.compile(r"\((?<=\w\()\s*[\"']")
_QUOTED_PAIR_RE = re.compile(r"[\"']\s*[,:]\s*[\"'\d\[]")
_CODE_LINE_START_RE = re.compile(r"\n\s*(?:#|//|/\*|\*|def |class |import |from \S+ import|return\b|print\()")
_REFERENCE_RE = re.compile(r"\[(?:M|J|C|D|R|S|P|N|G|Z|A|DB|CP|EB)(?:/(?:OL|CD|MT|DK))?\]\s*[.,/]")


def has_code_line(text: str) -> bool:
    """Does any line of ``text`` look like code, markup or a reference (see above)?

    >>> has_code_line("他说：你好。"), has_code_line('print("时间:", t)'), has_code_line("说明\\n  # 注释")
    (False, True, True)
    """
    return (_CODE_SIGN_RE.search(text) is not None or _QUOTED_PAIR_RE.search(text) is not None
            or ("(" in text and _CALL_WITH_STRING_RE.search(text) is not None)
            or ("[" in text and _REFERENCE_RE.search(text) is not None)
            or _CODE_LINE_START_RE.search("\n" + text) is not None)


#: ``,`` and ``:`` between two Han characters, which the separator rule always widens (the
#: character after the mark is Han: no emoticon, no English word, no digits); replaced
#: without a Python call per mark (most marks of a Chinese page typed in ASCII are these)
_BETWEEN_HAN_RES = tuple((re.compile(rf"{re.escape(mark)}(?<=[{HAN}]{re.escape(mark)})(?=[{HAN}])"), FULLWIDTH[mark])
                         for mark in ",:")


_URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    return [m.span() for m in _URL_RE.finditer(text)]


def _widen_line(text: str, edits: list[Edit] | None) -> str:
    name = "punctuation"
    spans = _url_spans(text)

    def guard(fn):
        if not spans:
            return fn

        def wrapped(m: re.Match[str]) -> str:
            if any(a <= m.start() < b for a, b in spans):
                return m.group(0)
            return fn(m)

        return wrapped

    if edits is None and not spans:
        # (the marks the first pass below would widen anyway, at C speed; a widened mark is
        # only ever more CJK context, and neither mark is code syntax in a bracket, so the
        # passes below end where they would have)
        for pattern, wide in _BETWEEN_HAN_RES:
            text = pattern.sub(wide, text)
    # A widened mark is CJK context for the next one ("中::" -> "中：："), so repeat until
    # nothing changes (a second pass finds nothing in almost all text); one call is idempotent.
    for _ in range(len(text) + 1):
        before = text
        if "(" in text:
            text = sub_with_edits(_PAREN_RE, guard(_widen_parens), text, name, edits)
            spans = _url_spans(text)
        text = sub_with_edits(_SEPARATOR_RE, guard(_widen_separator_mark), text, name, edits)
        text = sub_with_edits(_BANG_RE, guard(_widen_separator), text, name, edits)
        if "." in text:
            text = sub_with_edits(_PERIOD_RE, guard(_widen_period), text, name, edits)
        if text == before:
            break
    return text


_WIDEN_TRIGGER_RE = re.compile(r"[,;:!?(]")


#: A document is tabular when at least this many lines, and this share of its non-empty
#: lines, hold the same number (one or more) of one separator.
TABLE_MIN_LINES = 3
TABLE_MIN_SHARE = 0.8


def looks_tabular(text: str) -> bool:
    """CSV/TSV-like text: most lines have the same number of ``,`` (or ``;`` or tab).

    >>> looks_tabular("id,name\\n1,张三\\n2,李四\\n"), looks_tabular("你好,世界。\\n再见,朋友,明天见。\\n")
    (True, False)
    """
    lines = [line for line in text.split("\n", 200)[:200] if line.strip()]
    if len(lines) < TABLE_MIN_LINES:
        return False
    if sum(1 for line in lines if "。" in line) > (1 - TABLE_MIN_SHARE) * len(lines):
        return False  # sentences, not records
    for sep in (",", ";", "\t"):
        counts = Counter(line.count(sep) for line in lines)
        n, freq = counts.most_common(1)[0]
        if n >= 1 and freq >= TABLE_MIN_LINES and freq >= TABLE_MIN_SHARE * len(lines):
            return True
    return False


#: A document is source code when this many lines, and this share of its lines, look like code.
CODE_MIN_LINES = 3
CODE_MIN_SHARE = 0.2


def looks_like_code(text: str) -> bool:
    """Source code (or markup): several lines with code syntax.

    >>> looks_like_code("import os\\n\\ndef f(x):\\n    return x == 1\\n"), looks_like_code("他说：你好。")
    (True, False)
    """
    lines = [line for line in text.split("\n", 500)[:500] if line.strip()]
    code = sum(1 for line in lines if has_code_line(line))
    return code >= CODE_MIN_LINES and code >= CODE_MIN_SHARE * len(lines)


def widen_cjk_punctuation(text: str, edits: list[Edit] | None = None) -> str:
    """Turn ASCII ``, : ; ( ) ! ?`` into full-width forms where they sit in Chinese text,
    and ``.`` into ``。`` where it ends a Chinese sentence (see ``_PERIOD_RE``).

    Times, decimals, ranges, URLs and lines that look like code are left alone.
    Japanese and Korean text is not touched: each has its own punctuation rules.

    >>> widen_cjk_punctuation("江蘇:新型工業化,新質生產力(ITBT)")
    '江蘇：新型工業化，新質生產力（ITBT）'
    >>> widen_cjk_punctuation("2025-02-27 18:03:52 7.8公里 f(x) 1,299元")
    '2025-02-27 18:03:52 7.8公里 f(x) 1,299元'
    >>> widen_cjk_punctuation('print("时间:", t)')
    'print("时间:", t)'
    >>> widen_cjk_punctuation("電話：(02)2345-6789")
    '電話：(02)2345-6789'
    >>> widen_cjk_punctuation("涨1.33%.两市放量,捞出沥干.\\n马克.吐温,见1.总则")
    '涨1.33%。两市放量，捞出沥干。\\n马克.吐温，见1.总则'
    >>> widen_cjk_punctuation("运行以下命令:\\n```\\nprint(\\"你好,世界\\")\\n```\\n完成后,重启.")
    '运行以下命令：\\n```\\nprint("你好,世界")\\n```\\n完成后，重启。'
    """
    if not _WIDEN_TRIGGER_RE.search(text) or not has_han(text) or is_japanese(text) or is_korean(text):
        return text  # nothing to widen: no ASCII , ; : ! ? ( (the patterns all need one)
    if "```" in text:  # (Markdown: the code between fences stays as it is)
        spans = fenced_blocks(text)
        if looks_like_code("".join(text[a:b] for a, b in gaps(spans, len(text)))):
            return text
        return outside_code_blocks(text, edits, _widen_prose, spans)
    return _widen_prose(text, edits)


def _widen_prose(text: str, edits: list[Edit] | None) -> str:
    """:func:`widen_cjk_punctuation` on text without fenced code blocks."""
    if looks_tabular(text):
        return text  # CSV and the like: the commas are field separators
    if not has_code_line(text):
        return _widen_line(text, edits)
    if looks_like_code(text):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not has_code_line(line) and has_han(line):
            local: list[Edit] | None = [] if edits is not None else None
            lines[i] = _widen_line(line, local)
            if edits is not None and local:
                edits.extend(Edit(e.filter, i + 1, e.before, e.after, e.note) for e in local)
    return "\n".join(lines)


# --- white space --------------------------------------------------------------------

_NBSP_RE = re.compile("[\u00a0\u202f]")
# A run of spaces between a Chinese punctuation mark or a Han character and what follows:
#   after a mark, before Han;  after Han, before a mark;  after a mark, before an opening
#   one, when the first is full-width only (，（ ...) or a Han character stands before it.
# Curly quotes, the ellipsis and the dash are also English punctuation: between two of
# them (He said “yes” “no”) the space is English typography and stays. The run's first
# space comes first in the pattern (the engine scans for spaces, rare in Chinese text)
# and the character before it is checked behind it.
_AMBIGUOUS_PUNCT = "”’…—“‘"
_FULL_PUNCT = "".join(c for c in CJK_CLOSING_PUNCT + CJK_OPENING_PUNCT if c not in _AMBIGUOUS_PUNCT)
_SPACE_AROUND_CJK_PUNCT_RE = re.compile(
    rf"[{HSPACE}](?:(?<=[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}].)[{HSPACE}]*(?=[{HAN}])|"
    rf"(?<=[{HAN}].)[{HSPACE}]*(?=[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}])|"
    rf"(?:(?<=[{_FULL_PUNCT}].)|(?<=[{HAN}][{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}].))"
    rf"[{HSPACE}]*(?=[{CJK_OPENING_PUNCT}]))"
)
#: (a match starts only where a run of spaces starts: the engine never re-scans a run from
#: each of its spaces, which made a long run not at a line end quadratic)
_TRAILING_SPACE_RE = re.compile(rf"(?<![{HSPACE}])[{HSPACE}]+(?=[\r\n\u2028\u2029\x85]|\Z)")
_INDENT_RE = re.compile(rf"^[{HSPACE}]+(?=\S)(.*)$", re.M)
# Cheap necessary conditions for an indent (a literal first, which the regex engine
# scans for quickly): when they find nothing, the full pattern cannot match.
_HSPACE_RE = re.compile(rf"[{HSPACE}]")
_INDENT_HINT_RE = re.compile(rf"\n[{HSPACE}]")
#: a line break right after white space (the break first: the engine scans for it)
_SPACE_THEN_BREAK_RE = re.compile(rf"[\r\n\u2028\u2029\x85](?<=[{HSPACE}][\r\n\u2028\u2029\x85])")
_SPACE_THEN_NEWLINE_RE = re.compile(rf"\n(?<=[{HSPACE}]\n)")
_CJK_PUNCT_RE = re.compile(f"[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}]")
#: spaces right after a full-width sentence mark, before a Latin letter or a digit (the
#: first space first: the engine scans for spaces, rare in Chinese text, then looks behind)
_SPACE_AFTER_CJK_MARK_RE = re.compile(rf"[{HSPACE}](?<=[，。、；：！？][{HSPACE}])[{HSPACE}]*(?=[A-Za-z0-9])")


def replace_nbsp(text: str, edits: list[Edit] | None = None) -> str:
    """Replace no-break spaces with ordinary spaces.

    >>> replace_nbsp("記者\\u00a0董捷")
    '記者 董捷'
    """
    if "\u00a0" not in text and "\u202f" not in text:
        return text
    return sub_with_edits(_NBSP_RE, lambda m: " ", text, "whitespace", edits, "no-break space")


def remove_spaces_around_cjk_punctuation(text: str, edits: list[Edit] | None = None) -> str:
    """Drop stray spaces between Chinese punctuation and Chinese characters.

    >>> remove_spaces_around_cjk_punctuation("新征程中， 園區 。記者 （王某）")
    '新征程中，園區。記者（王某）'
    >>> remove_spaces_around_cjk_punctuation("唔使再為我操心， thanks！電郵： tg@example.com")
    '唔使再為我操心，thanks！電郵：tg@example.com'
    >>> remove_spaces_around_cjk_punctuation("他說“好” “行”。He said “yes” “no” — “fine”.")
    '他說“好”“行”。He said “yes” “no” — “fine”.'
    """
    if not has_han(text) or _CJK_PUNCT_RE.search(text) is None:
        return text  # every match is next to a CJK punctuation mark, in text with Han
    return outside_code_blocks(text, edits, _remove_spaces_around_cjk_punctuation)


def _remove_spaces_around_cjk_punctuation(text: str, edits: list[Edit] | None) -> str:
    text = sub_with_edits(_SPACE_AROUND_CJK_PUNCT_RE, lambda m: "", text, "whitespace", edits)
    # a full-width mark carries its own space: one typed after it (often left by widening
    # "操心, thanks") goes before Latin letters and digits too
    return sub_with_edits(_SPACE_AFTER_CJK_MARK_RE, lambda m: "", text, "whitespace", edits,
                          "space after a full-width mark")


def _is_cjk_prose(line: str) -> bool:
    han = sum(1 for c in line[:40] if "\u3400" <= c <= "\u9fff")
    latin = sum(1 for c in line[:40] if c.isascii() and c.isalpha())
    return han > 0 and han >= latin


def strip_cjk_indents(text: str, edits: list[Edit] | None = None) -> str:
    """Remove paragraph indents in Chinese prose (code and English keep theirs, and so
    does a line of code that holds Chinese, and everything in a fenced code block).

    >>> strip_cjk_indents("  自2017年起。\\n    print('x')\\n    print('你好世界，欢迎')")
    "自2017年起。\\n    print('x')\\n    print('你好世界，欢迎')"
    """

    if _HSPACE_RE.match(text) is None and _INDENT_HINT_RE.search(text) is None:
        return text
    if not has_han(text):
        return text  # only a line of Chinese prose loses its indent
    return outside_code_blocks(text, edits, _strip_indents)


def _strip_indents(text: str, edits: list[Edit] | None) -> str:
    def repl(m: re.Match[str]) -> str:
        body = m.group(1)
        if not _is_cjk_prose(body) or _CODE_LINE_START_RE.match("\n" + body) is not None \
                or ("(" in body and _CALL_WITH_STRING_RE.search(body) is not None):
            return m.group(0)  # (a statement of code that holds Chinese: print("你好"))
        return body

    return sub_with_edits(_INDENT_RE, repl, text, "whitespace", edits, "paragraph indent")


def strip_trailing_whitespace(text: str, edits: list[Edit] | None = None) -> str:
    """Remove white space at the end of lines.

    >>> strip_trailing_whitespace("a  \\nb\\t\\n")
    'a\\nb\\n'
    """
    other_breaks = "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text
    found = (_SPACE_THEN_BREAK_RE if other_breaks else _SPACE_THEN_NEWLINE_RE).search(text)
    if found is None and not (text and _HSPACE_RE.match(text[-1])):
        return text  # (finds line breaks and looks behind them: "\n" alone is a literal, fastest)
    return sub_with_edits(_TRAILING_SPACE_RE, lambda m: "", text, "whitespace", edits)


# --- layout -------------------------------------------------------------------------

_LINE_BREAK_RE = re.compile("\r\n?|[\u2028\u2029\x85]")
_BLANK_RUN_RE = re.compile(r"\n{3,}")
_BLANK_HEAD_RE = re.compile(r"(?:[ \t]*\n)+")


def fix_line_endings(text: str, edits: list[Edit] | None = None) -> str:
    """Turn CRLF, CR and Unicode line separators into ``\\n``.

    >>> fix_line_endings("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return text
    return sub_with_edits(_LINE_BREAK_RE, lambda m: "\n", text, "layout", edits, "line ending")


def collapse_blank_lines(text: str, edits: list[Edit] | None = None) -> str:
    """Keep one blank line between paragraphs of Chinese prose.

    Runs of blank lines next to non-Chinese lines (code, English) are kept as they are.

    >>> collapse_blank_lines("第一段。\\n\\n\\n\\n第二段。")
    '第一段。\\n\\n第二段。'
    >>> collapse_blank_lines("import os\\n\\n\\ndef f():")
    'import os\\n\\n\\ndef f():'
    """

    if "\n\n\n" not in text:
        return text  # (a substring test: far faster than the pattern's own scan)

    def repl(m: re.Match[str]) -> str:
        before = text.rfind("\n", 0, m.start())
        prev_line = text[before + 1 : m.start()]
        after = text.find("\n", m.end())
        next_line = text[m.end() : after if after != -1 else len(text)]
        if _is_cjk_prose(prev_line) or _is_cjk_prose(next_line):
            return "\n\n"
        return m.group(0)

    return sub_with_edits(_BLANK_RUN_RE, repl, text, "layout", edits, "blank lines")


def trim_document(text: str, edits: list[Edit] | None = None) -> str:
    """Drop blank lines at the start and end; end with exactly one newline.

    >>> trim_document("\\n\\nbody\\n\\n\\n")
    'body\\n'
    """
    if not text.strip():
        new = ""
    else:
        start = 0
        m = _BLANK_HEAD_RE.match(text)
        if m:
            start = m.end()
        new = text[start:].rstrip() + "\n"
        # keep a first line's own indentation if it was not blank
    if new != text and edits is not None:
        # what was dropped (blank head, white-space tail) and what was added (the final newline)
        kept = text[start:].rstrip() if new else ""
        dropped = text[:start] + text[start + len(kept):] if new else text
        edits.append(Edit("layout", None, dropped, "\n" if new else "", "trimmed blank lines at start/end"))
    return new


# --- Unicode form -------------------------------------------------------------------


def normalize_unicode(text: str, form: str = "NFC", edits: list[Edit] | None = None) -> str:
    """Put text in a Unicode normal form (NFC by default; NFKC would fold full-width punctuation).

    >>> normalize_unicode("e\\u0301") == "\\u00e9"
    True
    """
    if text.isascii() or unicodedata.is_normalized(form, text):
        return text
    new = unicodedata.normalize(form, text)
    if edits is not None:
        # report the changed characters line by line
        for i, (a, b) in enumerate(zip(text.split("\n"), new.split("\n")), 1):
            if a != b:
                edits.append(Edit("unicode", i, a, b, form))
    return new


# --- filters ------------------------------------------------------------------------


@register
class UnicodeForm(Filter):
    name = "unicode"
    stage = "normalize"
    summary = "Unicode normal form (NFC by default)"

    def __init__(self, form: str = "NFC") -> None:
        self.form = form

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return normalize_unicode(text, self.form, edits)


@register
class Punctuation(Filter):
    name = "punctuation"
    stage = "normalize"
    summary = "ASCII , : ; ( ) ! ? to full width between Chinese characters"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return widen_cjk_punctuation(text, edits)


@register
class Whitespace(Filter):
    name = "whitespace"
    stage = "normalize"
    summary = "no-break spaces, stray spaces around CJK punctuation, CJK indents, trailing spaces"

    def __init__(self, indents: bool = True) -> None:
        #: strip paragraph indents of CJK prose (off in the ja profile: Japanese indents with U+3000)
        self.indents = indents

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        text = replace_nbsp(text, edits)
        text = strip_trailing_whitespace(text, edits)
        if self.indents:
            text = strip_cjk_indents(text, edits)
        text = remove_spaces_around_cjk_punctuation(text, edits)
        return text


@register
class Layout(Filter):
    name = "layout"
    stage = "normalize"
    summary = "line endings, one blank line between Chinese paragraphs, one final newline"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        text = fix_line_endings(text, edits)
        text = collapse_blank_lines(text, edits)
        return trim_document(text, edits)
