"""Required literals of a regular expression: strings one of which every match contains.

Rule packs hold about a hundred regexes; a line that contains none of a pattern's
required literals cannot match it, so the strip stage checks a few substrings (found
through a first-character index) instead of running every regex on every line. This is
the prefilter idea of RE2 and Hyperscan, on Python's own regex parse tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .chardata import HAN_RE

try:  # a compiled multi-string matcher (Rust's aho-corasick); the index works without it
    import ahocorasick_rs as _aho
except ImportError:  # pragma: no cover - a platform without its wheel
    _aho = None

try:
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: A character class with at most this many characters counts as alternatives.
MAX_CLASS_CHARS = 12
#: The characters that separate the words of a navigation line (the rule packs' ``words``
#: criterion splits lines on them: :func:`textmend.rules.split_words`).
SEPARATORS = r"\s|｜/>›»＞·•・、,，:：;；\-–—_【】\[\]「」『』〔〕()（）<>《》"
_LEADING_SEPARATORS_RE = re.compile(f"[{SEPARATORS}]*")
#: the characters of :data:`SEPARATORS`, white space included (a line starting with none
#: of them has its first word at once)
#: white space as ``\s`` reads it (str.isspace: every such character is below U+3001)
_SPACES = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
_SEPARATOR_CHARS = frozenset(re.sub(r"\\(.)", r"\1", SEPARATORS.replace(r"\s", ""))) | _SPACES
#: the parser's repeat operators (possessive ones from Python 3.11)
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


def _parse(pattern: re.Pattern[str]):
    """``pattern`` parsed by Python's own regex parser (a SubPattern), or None when the
    parser reads it differently from how it compiled (no shortcut for such a pattern)."""
    try:
        return _p.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None


def _class_escape(ch: str) -> str:
    return re.escape(ch) if ch in "\\]^-[" else ch


def _fold_table() -> dict[int, str]:
    """Characters that case-insensitive regexes treat as equal beyond ``str.lower``
    (``ſ`` and ``s``, the Kelvin sign and ``k`` …), each mapped to one representative."""
    table: dict[int, str] = {}
    try:
        from re import _casefix

        for low, others in _casefix._EXTRA_CASES.items():
            rep = min([low, *others])
            for c in (low, *others):
                if c != rep:
                    table[c] = chr(rep)
    except (ImportError, AttributeError):  # pragma: no cover - older Pythons
        for a, b in (("ſ", "s"), ("\u212a", "k"), ("µ", "μ"), ("ι", "ι"), ("ς", "σ")):
            table[ord(a)] = b
    return table


_FOLD = _fold_table()
_FOLD_CHARS = tuple(chr(c) for c in sorted(_FOLD))
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]") if _FOLD else None


def fold(text: str) -> str:
    """The form literals are compared in: lower case, extra case equivalents merged.

    >>> fold("Copyright ſ")
    'copyright s'
    """
    low = text.lower()
    if low.isascii() or _FOLD_RE is None:
        return low
    if len(low) < 256:
        if _FOLD_RE.search(low) is None:  # (translate is slow on non-ASCII text)
            return low
    elif not any(c in low for c in _FOLD_CHARS):  # (faster than a class scan on long text)
        return low
    return low.translate(_FOLD)


def item_chars(op, av) -> set[str] | None:
    """The characters one parsed item matches when it is a literal or a class of literals
    and ranges; None for anything else (a negated class, a category, a group …)."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is not _c.IN:
        return None
    out: set[str] = set()
    for o, a in av:
        if o is _c.LITERAL:
            out.add(chr(a))
        elif o is _c.RANGE:
            out.update(chr(c) for c in range(a[0], a[1] + 1))
        else:  # NEGATE, CATEGORY
            return None
    return out


def top_alternatives(pattern: re.Pattern[str]) -> list[list] | None:
    """The parsed alternatives of a pattern that is one top-level ``a|b|c``, else None."""
    tree = _parse(pattern)
    items = list(tree) if tree is not None else []
    if len(items) != 1 or items[0][0] is not _c.BRANCH:
        return None
    return [list(alt) for alt in items[0][1][1]]


def _required(seq) -> set[str] | None:
    """For a parsed sequence: a set of strings, one of which every match contains."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _c.SUBPATTERN:
            found = _required(av[-1])
        elif op is _c.BRANCH:
            alts = [_required(a) for a in av[1]]
            found = set().union(*alts) if all(alts) else None  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        elif op is _c.IN:
            found = item_chars(op, av)
            if found is not None and len(found) > MAX_CLASS_CHARS:
                found = None
        else:  # any other item (anchors, lookarounds, optional parts) requires nothing
            found = None
        if found:
            candidates.append(found)
    flush()
    if not candidates:
        return None
    # the most selective: longest shortest member, then fewest members
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


_NOT_PLAIN = tuple(getattr(_c, name) for name in ("ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS",
                                                  "GROUPREF_IGNORE", "GROUPREF_LOC_IGNORE", "GROUPREF_UNI_IGNORE")
                   if hasattr(_c, name))


def _plain(seq) -> bool:
    for op, av in seq:
        if op in _NOT_PLAIN:
            return False
        if op is _c.AT and av not in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
            return False  # (the start of the text is kept by search(text, pos, endpos))
        if op is _c.SUBPATTERN and not _plain(av[-1]):
            return False
        if op is _c.BRANCH and not all(_plain(a) for a in av[1]):
            return False
        if op in _REPEATS and not _plain(av[2]):
            return False
        if op is getattr(_c, "ATOMIC_GROUP", None) and not _plain(av):
            return False
    return True


def bounded_plain_width(pattern: re.Pattern[str]) -> int | None:
    """The longest match of ``pattern`` when that is bounded and the pattern has no
    anchors but the text's start, no lookarounds and no back-references: then
    ``pattern.search(text, pos, endpos)`` finds a match that lies in ``[pos, endpos)``,
    and a search can be limited to windows. Else None.

    >>> bounded_plain_width(re.compile("[ab]c{1,3}|d")), bounded_plain_width(re.compile("a+"))
    (4, None)
    >>> bounded_plain_width(re.compile(r"\\bab")), bounded_plain_width(re.compile("a(?=b)"))
    (None, None)
    >>> bounded_plain_width(re.compile("^ab|c$")), bounded_plain_width(re.compile("^ab|c"))
    (None, 2)
    """
    tree = _parse(pattern)
    if tree is None or not _plain(list(tree)):
        return None
    high = tree.getwidth()[1]
    return high if high < _c.MAXREPEAT else None


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings (in :func:`fold` form) one of which every match of ``pattern`` contains,
    or None when no such set is known (then the pattern must always be run).

    Only case-insensitive and case-sensitive patterns without inline surprises are
    analysed; for a case-sensitive pattern the answer is still correct on folded text
    (folding only merges characters).

    >>> sorted(required_literals(re.compile(r"版权所有|copyright\\s*\\d{4}", re.I)))
    ['copyright', '版权所有']
    >>> required_literals(re.compile(r"^\\d{4}-\\d{2}$")), required_literals(re.compile(r"^\\d+$"))
    (frozenset({'-'}), None)
    """
    try:
        found = _required(list(_p.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a pattern the parser reads differently: no shortcut for it
        return None
    if not found:
        return None
    folded = {fold(s) for s in found}
    if any(not s for s in folded):
        return None
    return frozenset(folded)


def _needs_han(seq) -> bool:
    """For a parsed sequence: does every match hold a Han character?"""
    for op, av in seq:
        if op is _c.LITERAL or op is _c.IN:
            chars = {chr(av)} if op is _c.LITERAL else item_chars(op, av)
            if chars and all(HAN_RE.match(c) for c in chars):
                return True
        elif op is _c.SUBPATTERN:
            if _needs_han(av[-1]):
                return True
        elif op is _c.BRANCH:
            if all(_needs_han(alt) for alt in av[1]):
                return True
        elif op in _REPEATS and av[0] >= 1 and _needs_han(av[2]):
            return True
    return False


def requires_han(pattern: re.Pattern[str]) -> bool:
    r"""Does every match of ``pattern`` hold a Han character (so a text without any cannot
    match it)? False when unsure.

    >>> requires_han(re.compile(r"[京沪]icp[备证]\s*\d{6,}", re.I)), requires_han(re.compile(r"icp\d+"))
    (True, False)
    >>> requires_han(re.compile(r"(?:版权|版權)所有")), requires_han(re.compile(r"版权|\(c\)"))
    (True, False)
    """
    tree = _parse(pattern)
    return tree is not None and _needs_han(list(tree))


def _prefixes(seq) -> set[str] | None:
    """For a parsed sequence: non-empty strings one of which every match starts with."""
    run: list[str] = []
    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            break
        if op is _c.SUBPATTERN:
            return _prefixes(av[-1])
        if op is _c.BRANCH:
            alts = [_prefixes(a) for a in av[1]]
            return set().union(*alts) if all(alts) else None  # type: ignore[arg-type]
        if op in _REPEATS and av[0] >= 1:
            return _prefixes(av[2])
        if op is _c.IN:
            found = item_chars(op, av)
            return found if found is not None and len(found) <= MAX_CLASS_CHARS else None
        return None
    return {"".join(run)} if run else None


def required_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings (in :func:`fold` form) one of which the searched text starts with whenever
    ``pattern`` matches it: the pattern is anchored at the start (``^`` or ``\\A``) and
    begins with literals. None when no such set is known.

    A line that must start with ``home`` is a sharper test than one that must contain
    ``home`` somewhere, and it costs one ``startswith``.

    >>> sorted(required_prefixes(re.compile(r"^(?:上一篇|下一篇)\\s*[:：]")))
    ['上一篇', '下一篇']
    >>> required_prefixes(re.compile(r"^Home\\s*>", re.I)), required_prefixes(re.compile(r"home"))
    (frozenset({'home'}), None)
    """
    tree = _parse(pattern)
    items = list(tree) if tree is not None else []
    if not items or items[0][0] is not _c.AT or items[0][1] not in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
        return None
    if pattern.flags & re.MULTILINE and items[0][1] is _c.AT_BEGINNING:
        return None  # ^ after any line break: a line's start, not the text's
    found = _prefixes(items[1:])
    if not found:
        return None
    folded = {fold(x) for x in found}
    return frozenset(folded) if all(folded) else None


def starts_at_line_start(pattern: re.Pattern[str]) -> bool:
    """Does every match of ``pattern`` start at ``^`` (its first item, with no top-level
    alternative that could start elsewhere)?

    >>> starts_at_line_start(re.compile(r"^(?:a|b)c$")), starts_at_line_start(re.compile(r"^a|b"))
    (True, False)
    """
    tree = _parse(pattern)
    return bool(tree) and tree[0][0] is _c.AT and tree[0][1] is _c.AT_BEGINNING


_SPACE_FREE_CATEGORIES = (_c.CATEGORY_NOT_SPACE, _c.CATEGORY_DIGIT, _c.CATEGORY_WORD)


def _space_free(seq) -> bool:
    """Can no item of the parsed sequence match a white-space character?"""
    for op, av in seq:
        if op is _c.LITERAL:
            if chr(av) in _SPACES:
                return False
        elif op is _c.IN:
            for o, a in av:
                if o is _c.LITERAL:
                    if chr(a) in _SPACES:
                        return False
                elif o is _c.RANGE:
                    if any(a[0] <= ord(c) <= a[1] for c in _SPACES):
                        return False
                elif not (o is _c.CATEGORY and a in _SPACE_FREE_CATEGORIES):
                    return False  # (a negated class, another category)
        elif op in _REPEATS:
            if not _space_free(av[2]):
                return False
        elif op is _c.SUBPATTERN:
            if not _space_free(av[-1]):
                return False
        elif op is _c.BRANCH:
            if not all(_space_free(alt) for alt in av[1]):
                return False
        else:
            return False  # any character, a lookaround, a back-reference, an inner anchor …
    return True


def whole_space_free_line(pattern: re.Pattern[str]) -> bool:
    """Does every match of ``pattern`` span a whole line (``^ … $``) that holds no white
    space? Such a pattern can only match a line without white space, so a scan for it
    may skip every line with a space (most lines of prose).

    >>> whole_space_free_line(re.compile(r"^\\S+\\.(?:jpe?g|png)$")), whole_space_free_line(re.compile(r"^\\S+ \\d$"))
    (True, False)
    >>> whole_space_free_line(re.compile(r"^[a-z]+[-_]\\d{8}")), whole_space_free_line(re.compile(r"^[^x]+$"))
    (False, False)
    """
    if pattern.flags & re.MULTILINE:
        return False
    tree = _parse(pattern)
    items = list(tree) if tree is not None else []
    if len(items) < 2 or items[0] != (_c.AT, _c.AT_BEGINNING) or items[-1] != (_c.AT, _c.AT_END):
        return False
    return _space_free(items[1:-1])


class LiteralIndex:
    """Which of many keys may match a text, from what each key requires of it.

    ``add(key, literals, starts, word_starts)`` registers a key that can only match a
    text that contains one of ``literals`` (``None``: it may match any text), or starts
    with one of ``starts``, or whose first word (after leading separators, see
    :data:`SEPARATORS`) starts with one of ``word_starts``. ``candidates(folded_text)``
    returns the keys that may match: the literals are found in one pass of an
    Aho-Corasick automaton over the text (``ahocorasick_rs``; without it, by looking up
    the literals whose first character occurs in the text), the prefixes from the text's
    first character.

    >>> idx = LiteralIndex()
    >>> idx.add("footer", {"版权所有", "copyright"}); idx.add("nav", set(), {"首页"}); idx.add("any", None)
    >>> idx.add("words", set(), word_starts={"home"})
    >>> sorted(idx.candidates(fold("Copyright 2024 Example"))), sorted(idx.candidates(fold("» Home » 首页")))
    (['any', 'footer'], ['any', 'words'])
    """

    #: use the automaton when ``ahocorasick_rs`` is installed (tests turn it off to check
    #: that both ways give the same keys)
    use_automaton = _aho is not None

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[str, object]]] = {}
        self._firsts: frozenset[str] = frozenset()
        self._firsts_re: re.Pattern[str] | None = None
        self._starts: dict[str, list[tuple[str, object]]] = {}
        self._word_starts: dict[str, list[tuple[str, object]]] = {}
        self._always: set = set()
        #: (automaton, keys of each of its literals), built at the first look-up
        self._automaton: tuple[object, list[list[object]]] | None = None

    def __getstate__(self) -> dict:
        # the automaton does not pickle (a Rust object): a pipeline sent to another process
        # builds it again at its first look-up there
        return {**self.__dict__, "_automaton": None}

    def add(self, key: object, literals: set[str] | frozenset[str] | None,
            starts: Iterable[str] = (), word_starts: Iterable[str] = ()) -> None:
        if literals is None:
            self._always.add(key)
            return
        for lit in literals:
            self._by_first.setdefault(lit[0], []).append((lit, key))
        self._firsts = frozenset(self._by_first)
        self._firsts_re = None
        self._automaton = None
        for table, prefixes in ((self._starts, starts), (self._word_starts, word_starts)):
            for pre in prefixes:  # (filed under their first two characters: short lists)
                table.setdefault(pre[:2], []).append((pre, key))

    def _build_automaton(self) -> tuple[object, list[list[object]]]:
        keys: dict[str, list[object]] = {}
        for pairs in self._by_first.values():
            for lit, key in pairs:
                keys.setdefault(lit, []).append(key)
        lits = sorted(keys)
        self._automaton = (_aho.AhoCorasick(lits), [keys[lit] for lit in lits])  # type: ignore[union-attr]
        return self._automaton

    def _firsts_in(self, folded: str) -> Iterable[str]:
        """The first characters of literals that occur in ``folded``. Iterating a string
        makes an object of each character outside Latin-1: on such text a scan for the
        characters of the set finds them at a fraction of the cost."""
        if folded.isascii() or len(folded) < 24:
            return self._firsts.intersection(folded)
        if self._firsts_re is None:
            self._firsts_re = re.compile("[" + "".join(map(_class_escape, sorted(self._firsts))) + "]")
        return set(self._firsts_re.findall(folded))

    @staticmethod
    def _add_prefixed(out: set, table: dict[str, list[tuple[str, object]]], folded: str, at: int) -> None:
        """Add the keys of ``table`` whose prefix ``folded`` has at ``at``."""
        one, two = folded[at], folded[at:at + 2]
        for _, key in table.get(one, ()):
            out.add(key)  # (a one-character prefix: the character itself)
        if len(two) == 2:
            for pre, key in table.get(two, ()):
                if key not in out and folded.startswith(pre, at):
                    out.add(key)

    def candidates(self, folded: str) -> set:
        out = set(self._always)
        if not folded:
            return out
        first = folded[0]
        if self._starts:
            self._add_prefixed(out, self._starts, folded, 0)
        if self._word_starts:
            at = _LEADING_SEPARATORS_RE.match(folded).end() if first in _SEPARATOR_CHARS else 0  # type: ignore[union-attr]
            if at < len(folded):
                self._add_prefixed(out, self._word_starts, folded, at)
        if not self._firsts:
            return out
        if self.use_automaton:
            automaton, keys = self._automaton or self._build_automaton()
            for found in automaton.find_matches_as_indexes(folded, overlapping=True):  # type: ignore[attr-defined]
                out.update(keys[found[0]])
            return out
        by_first = self._by_first
        for ch in self._firsts_in(folded):
            for lit, key in by_first[ch]:
                if key not in out and lit in folded:
                    out.add(key)
        return out
