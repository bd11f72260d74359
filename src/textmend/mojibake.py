"""repair (Latin): mojibake and Unicode damage, with ftfy.

ftfy is configured so that it never touches what is right in Chinese text: it does
not uncurl quotes and does not fold full-width characters (ftfy's defaults turn
``中文：“你好”`` into ``中文:"你好"``). Only lines that show a sign ftfy could act on
are handed to it, so clean CJK or ASCII text costs one regex scan.
"""

from __future__ import annotations

import re

import ftfy
import ftfy.badness
import ftfy.chardata

from .edits import Edit
from .filter import Filter, register

FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)

#: The same for a document with markup: HTML entities stay as they are.
FTFY_MARKUP_CONFIG = FTFY_CONFIG._replace(unescape_html=False)


def _signs() -> re.Pattern[str]:
    """Characters that any of ftfy's enabled fixes could act on: the upper halves of the
    single-byte encodings ftfy undoes mojibake in (``ftfy.chardata.CHARMAP_ENCODINGS``:
    Latin-1, cp1252, cp1251, cp1250, MacRoman, cp437 …), controls, surrogates, U+FFFD,
    ``&`` (HTML entities) and ftfy's ligatures. CJK text and punctuation are in none of
    them, so a clean Chinese line costs one regex scan."""
    import ftfy.chardata

    chars = set("\ufffd&")
    for enc in ftfy.chardata.CHARMAP_ENCODINGS:
        chars |= set(bytes(range(0x80, 0x100)).decode(enc, errors="ignore"))
    chars |= {chr(c) for c in ftfy.chardata.LIGATURES}
    cls = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\xff\ud800-\udfff{cls}]")


_SIGNS_RE = _signs()


def _ftfy_triggers() -> re.Pattern[str]:
    """Characters without which none of the enabled fixes other than fix_encoding changes
    a line: ``&`` (HTML entities), ESC (terminal escapes), C1 controls, surrogates, and
    the keys of ftfy's own ligature and control-character tables."""
    chars = {chr(c) for c in ftfy.chardata.LIGATURES} | {chr(c) for c in ftfy.chardata.CONTROL_CHARS}
    cls = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"[&\x1b\x80-\x9f\ud800-\udfff{cls}]")


_FTFY_TRIGGERS_RE = _ftfy_triggers()


def _needed_items() -> list[tuple[list[set[str] | None], int]] | None:
    """Per alternative of ftfy's ``BADNESS_RE``: the character sets of its items (None for
    an item that is not one known character) and the item chosen as *needed* — one that
    avoids ASCII and the punctuation clean Chinese and English text is full of (“ ” — … ·).
    None if the pattern is not the shape this reads (a future ftfy: no shortcut)."""
    from .literals import item_chars, top_alternatives

    avoid = {chr(c) for c in range(128)} | set("\u00a0\u00b7\u2014\u2026“”‘’、，。")
    alternatives = top_alternatives(ftfy.badness.BADNESS_RE)
    if alternatives is None or ftfy.badness.BADNESS_RE.flags & re.IGNORECASE:
        return None
    out = []
    for alt in alternatives:
        sets = [item_chars(op, av) for op, av in alt]
        known = [i for i, c in enumerate(sets) if c]
        if not known:
            return None
        out.append((sets, min(known, key=lambda i: (len(sets[i] & avoid), len(sets[i])))))
    return out


_NEEDED_ITEMS = _needed_items()


def _badness_needs() -> re.Pattern[str] | None:
    """Characters without which ``ftfy.badness.is_bad`` is False: the needed item's set of
    every alternative (:func:`_needed_items`). Derived from ftfy's own pattern when the
    module loads, so it follows ftfy's version; None (always ask ``is_bad``) if the
    pattern is not the shape this reads.

    >>> _BADNESS_NEEDS_RE.search("中文：“你好”——《标题》…") is None
    True
    """
    if _NEEDED_ITEMS is None:
        return None
    needed: set[str] = set()
    for sets, j in _NEEDED_ITEMS:
        needed |= sets[j]  # type: ignore[operator]
    return re.compile("[" + "".join(re.escape(c) for c in sorted(needed)) + "]")


_BADNESS_NEEDS_RE = _badness_needs()

#: Per needed character: (the characters one of which must stand right before it, those
#: one of which must stand right after it) for a match of ftfy's badness pattern to hold
#: it where the pattern needs it — one side suffices; None: no condition.
Anchors = dict[str, "tuple[frozenset[str], frozenset[str]] | None"]


def _badness_anchors() -> Anchors | None:
    """For each character of ``_BADNESS_NEEDS_RE``: what a match of ftfy's ``BADNESS_RE``
    holding it at an alternative's needed item (the one :func:`_badness_needs` chose)
    needs next to it. The needed item matches one character; a neighbouring item that also
    matches exactly one known character must find it right before (after) it. Over all
    alternatives that can hold the character there, the union of those sets per side: a
    match needs its neighbour on one side at least in them (a weaker test than each
    alternative's own, and so a safe one).

    A pinyin tone mark between Latin letters (``wáng``) meets no such condition: no window
    around it is searched. None when the pattern is not the shape this reads.

    >>> _could_anchor("wáng", 1), _could_anchor("cafÃ©", 3)
    (False, True)
    """
    if _NEEDED_ITEMS is None:
        return None
    lefts: dict[str, set[str]] = {}
    rights: dict[str, set[str]] = {}
    free: set[str] = set()  # characters with an alternative that needs no neighbour
    for sets, j in _NEEDED_ITEMS:
        left = sets[j - 1] if j > 0 and sets[j - 1] else None
        right = sets[j + 1] if j + 1 < len(sets) and sets[j + 1] else None
        for ch in sets[j]:  # type: ignore[union-attr]
            if left is None and right is None:
                free.add(ch)
            lefts.setdefault(ch, set()).update(left or ())
            rights.setdefault(ch, set()).update(right or ())
    return {ch: None if ch in free else (frozenset(lefts[ch]), frozenset(rights[ch])) for ch in lefts}


_BADNESS_ANCHORS = _badness_anchors()


def _could_anchor(text: str, p: int) -> bool:
    """Can a match of ftfy's badness pattern hold ``text[p]`` (a needed character) where
    its alternative needs it, as far as the characters right before and after tell?"""
    sides = _BADNESS_ANCHORS.get(text[p]) if _BADNESS_ANCHORS is not None else None
    return sides is None or (p > 0 and text[p - 1] in sides[0]) or (p + 1 < len(text) and text[p + 1] in sides[1])


def _badness_width() -> int | None:
    """The longest match of ftfy's ``BADNESS_RE``, when the pattern has no anchors but the
    text's start, no lookarounds and no back-references (then ``search(text, pos, endpos)``
    finds a match inside any window that holds it); else None."""
    from .literals import bounded_plain_width

    return bounded_plain_width(ftfy.badness.BADNESS_RE)


_BADNESS_WIDTH = _badness_width()


def _maybe_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, answered by one character-class scan when ``text``
    has none of the characters every badness pattern needs, else by searching only the
    windows around them: every match holds one and is at most ``_BADNESS_WIDTH`` long
    (a pinyin-annotated mirror line has a few tone marks in a hundred characters; ftfy's
    pattern, tried at every position, costs ~20 µs on it).

    >>> _maybe_bad("中国新闻网(wǎng)，工业(yè)园区(qū)"), _maybe_bad("The cafÃ© is open")
    (False, True)
    """
    needs = _BADNESS_NEEDS_RE
    if needs is None:
        return ftfy.badness.is_bad(text)
    width = _BADNESS_WIDTH
    if width is None:
        return needs.search(text) is not None and ftfy.badness.is_bad(text)
    search = ftfy.badness.BADNESS_RE.search
    # the windows [p - width + 1, p + width) around each needed character p, merged where
    # they overlap: a match holding p lies inside p's window. A window is opened only for
    # a p that a match could hold at its needed position (its neighbours allow it); inside
    # an open window each p just widens it (a dense run of mojibake asks once). The first
    # window is also searched as soon as it opens: in a line of mojibake it holds a match
    # (and the rest of the line need not be walked)
    seg_start = seg_end = -1
    first = True
    for m in needs.finditer(text):
        a, b = max(m.start() - width + 1, 0), m.start() + width
        if a <= seg_end:
            seg_end = b
            continue
        if not _could_anchor(text, m.start()):
            continue
        if seg_end >= 0 and search(text, seg_start, seg_end):
            return True
        seg_start, seg_end = a, b
        if first:
            first = False
            if search(text, a, b):
                return True
    return seg_end >= 0 and search(text, seg_start, seg_end) is not None
#: The same without C1 controls, which UTF-8 read as latin-1 is full of.
_NON_C1_TRIGGERS_RE = re.compile(_FTFY_TRIGGERS_RE.pattern.replace("\x80-\x9f", ""))
#: the white space the whitespace filter may remove at a line's ends (chardata.HSPACE)
_EDGE_SPACE = " \t\u00a0\u3000\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))


def ftfy_would_change(line: str) -> bool:
    """False only when ``ftfy.fix_text(line, FTFY_CONFIG)`` is sure to return ``line``:
    fix_encoding leaves text that ftfy's badness check finds clean, and every other
    enabled fix needs one of its trigger characters. (Accented Latin, pinyin tone marks
    and typographic punctuation in clean text then cost one regex, not a run of ftfy.)

    >>> ftfy_would_change("wǎng lù, café"), ftfy_would_change("cafÃ©"), ftfy_would_change("R&amp;D")
    (False, True, True)
    """
    return _FTFY_TRIGGERS_RE.search(line) is not None or _maybe_bad(line)


def _one_step_fix(line: str, bad: bool | None = None) -> str | None:
    """The common case, without ftfy's machinery: a line that is UTF-8 read once as
    cp1252 (or latin-1) and nothing else. Returns the fix only when ftfy's own badness
    check calls the line bad and the result clean, and no other ftfy fix could apply;
    otherwise None (then ftfy runs). ``tests/test_mojibake.py`` checks that this gives
    ftfy's answer on ftfy's cases and on generated mojibake.

    >>> _one_step_fix("doesnâ€™t")
    'doesn’t'

    ``bad``: ``_maybe_bad(line)``, when the caller knows it.
    """
    if _NON_C1_TRIGGERS_RE.search(line) is not None or not (_maybe_bad(line) if bad is None else bad):
        return None
    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            fixed = line.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != line and not _maybe_bad(fixed) and _FTFY_TRIGGERS_RE.search(fixed) is None:
            return fixed
        return None
    return None


#: ``”`` (E2 80 9D) read as cp1252 is ``â€`` and the undefined byte 0x9D, which most
#: decoders drop: ``â€`` then stands before a space, a mark or the line's end (none of
#: which completes an E2 80 xx sequence: a no-break space does, † is E2 80 A0).
_LOST_QUOTE_RE = re.compile("â€(?=[^\\S\xa0\x85]|[.,;:!)\\]}<'\"]|$)")
#: the double quotes of a line, as they are or read as cp1252: group 1 an opening one
_QUOTE_RE = re.compile("(â€œ|“)|â€\x9d|”")

def restore_lost_closing_quote(line: str) -> str:
    """Put back the byte a closing ``”`` lost: ``”`` in UTF-8 read as cp1252 is ``â€``
    plus 0x9D, which cp1252 does not define, so decoders drop it and ftfy can no longer
    tell the quote from other ``â€`` sequences (it reads ``â€ `` as a dagger, ``†``, and
    eats the space). Restored only where the line opened a double quote (``â€œ`` or ``“``)
    that is still unclosed; then ftfy decodes the quote with the rest of the line.
    ``â€?`` (a lossy decoder's ``?``) and ``â€�`` stay ftfy's.

    >>> restore_lost_closing_quote("the team was â€œover the moonâ€ with the result")
    'the team was â€œover the moonâ€\\x9d with the result'
    >>> restore_lost_closing_quote("a footnoteâ€ here")  # no open quote: left alone
    'a footnoteâ€ here'
    """
    if "â€" not in line or _LOST_QUOTE_RE.search(line) is None:
        return line
    # (one pass over the quotes and the lost ones in order, counting the open quotes)
    events = sorted([(m.start(), m.group(1) is not None) for m in _QUOTE_RE.finditer(line)]
                    + [(m.end(), None) for m in _LOST_QUOTE_RE.finditer(line)], key=lambda e: e[0])
    out: list[str] = []
    last = depth = 0
    for at, opening in events:
        if opening is not None:
            depth += 1 if opening else -1
        elif depth > 0:  # a lost closing quote of an open one
            out += [line[last:at], "\x9d"]
            last, depth = at, depth - 1
    return "".join(out) + line[last:] if out else line


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _is_cjk_read_as_latin(line: str) -> bool:
    """Is ``line`` GBK/Big5 read as latin-1 that the cjk-mojibake filter repairs whole?
    ftfy would read some of its byte pairs as UTF-8 (``È¯`` -> ``ȯ``) and leave the rest
    broken for good, so such a line is left to cjk-mojibake.

    >>> _is_cjk_read_as_latin("ÅÌÃæÉÏ£¬°×¾Æ¡¢°ëµ¼ÌåºÍÈ¯ÉÌ°å¿éÕÇ·ù¾ÓÇ°"), _is_cjk_read_as_latin("doesnÃ¢â‚¬â„¢t")
    (True, False)
    """
    from .cjk_mojibake import LATIN_KINDS, _has_signs, repair_line  # (imported late: the heavier module)

    if _SURROGATE_RE.search(line) is not None:
        return False  # ftfy's to mend
    if not _has_signs(line):
        return False  # a line the cjk-mojibake filter never looks at (pinyin tone marks, accents)
    fixed, changes = repair_line(line)
    return bool(changes) and all(kind in LATIN_KINDS for _, _, kind in changes) \
        and not ftfy_would_change(fixed)


def fix_latin_mojibake(text: str, edits: list[Edit] | None = None) -> str:
    """Repair UTF-8 read as cp1252/latin-1/MacRoman (ftfy's territory), line by line.

    >>> fix_latin_mojibake("The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.")
    'The Mona Lisa doesn’t have eyebrows.'
    >>> fix_latin_mojibake("中文：“你好”")
    '中文：“你好”'
    """
    if _SIGNS_RE.search(text) is None:
        return text
    if _FTFY_TRIGGERS_RE.search(text) is None and _BADNESS_NEEDS_RE is not None \
            and _BADNESS_NEEDS_RE.search(text) is None:
        return text  # no line has what ftfy_would_change looks for
    # ftfy unescapes HTML entities only in text without markup ("auto"); it decides per call,
    # and a line of an HTML or XML page need not hold a "<": decide for the whole document
    config = FTFY_MARKUP_CONFIG if "<" in text else FTFY_CONFIG
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if _SIGNS_RE.search(line) is None:
            continue
        # (ftfy_would_change, keeping the badness answer for the one-step fix below)
        bad = None if _FTFY_TRIGGERS_RE.search(line) is not None else _maybe_bad(line)
        if bad is False:
            continue
        # ftfy judges the line without its surrounding white space (which the whitespace
        # filter may remove later), so that a second run makes the same decision.
        core = line.strip(_EDGE_SPACE)
        start = len(line) - len(line.lstrip(_EDGE_SPACE))
        end = start + len(core)
        restored = restore_lost_closing_quote(core)
        if restored is not core:
            core, bad = restored, None
        fixed_core = _one_step_fix(core, bad if core is line else None)
        if fixed_core is None:
            if _is_cjk_read_as_latin(core):
                continue  # GBK/Big5 bytes read as latin-1: the cjk-mojibake filter's, whole
            fixed_core = ftfy.fix_text(core, config)
        spaced = fixed_core.replace("\u00a0", " ").replace("\u202f", " ")
        if spaced != fixed_core:
            # the whitespace filter turns no-break spaces into spaces, and ftfy's verdict can
            # depend on them: decide on the line as it will be, so that a second run agrees
            again = ftfy.fix_text(spaced, config)
            if again != spaced:
                fixed_core = again
        fixed = line[:start] + fixed_core + line[end:]
        if fixed != line:
            changed = True
            lines[i] = fixed
            if edits is not None:
                edits.append(Edit("mojibake", i + 1, line, fixed, "ftfy"))
    return "\n".join(lines) if changed else text


@register
class Mojibake(Filter):
    name = "mojibake"
    stage = "repair"
    summary = "mojibake in Latin text (UTF-8 read as cp1252/latin-1/MacRoman), via ftfy"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return fix_latin_mojibake(text, edits)
