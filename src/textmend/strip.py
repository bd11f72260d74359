"""strip: boilerplate lines (SEO spam headers, navigation, contact, editor, footers,
image placeholders, alt-text lines repeated by the caption after them).

A line is stripped only in the document's head zone (before the first body
paragraph) or tail zone (after the last one), or anywhere when a high-precision
family matches it. The rules are data: see :mod:`textmend.rules`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import compress, count

from .chardata import HAN, HAN_RE, has_han
from .edits import Edit
from .filter import Filter, register
from .literals import LiteralIndex, fold, required_literals, requires_han, starts_at_line_start, whole_space_free_line
from .opencc_gate import t2s_leaves_alone, t2s_source_pattern
from .rules import Family, RulePack, builtin_packs, select_packs

#: A body paragraph: at least this many characters and a sentence-ending mark.
BODY_MIN_CHARS = 20
_SENTENCE_END_RE = re.compile(r"[。！？；!?;]|[.](?:\s|$)|[，,].*[，,]")
@lru_cache(maxsize=1)
def _t2s_converter():
    """OpenCC's plain t2s, loaded once per process (loading its dictionaries takes ~2 ms)."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(line: str) -> str:
    """The line in Simplified script (OpenCC t2s), which ``match_on = "simplified"`` packs see.

    >>> to_simplified("版權所有")
    '版权所有'
    """
    if HAN_RE.search(line) is None:
        return line
    return _t2s_converter().convert(line)


#: Lines that are neither body nor boilerplate (a title, a date, a byline) that the
#: zone scan passes over before it stops.
MAX_KEPT_IN_ZONE = 5


_HAN_SENTENCE_PUNCT_RE = re.compile(r"[，。！？；,;!?]")
_NAV_SEP_RE = re.compile(r"[|｜]|\s[>›»＞]\s")
#: an English word (a letter, then letters and apostrophes), giving its first letter when
#: that is lower-case
_LATIN_WORD_FIRST_RE = re.compile(r"(?:([a-z])|[A-Z])[A-Za-z'’]*")
_LATIN_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]*(?:\s|$)")
#: A Chinese line with at least this many Han characters and sentence punctuation is prose.
PROSE_MIN_HAN = 8
#: An English line with at least this many words, a sentence end and mostly lower-case words is prose.
PROSE_MIN_WORDS = 6


@lru_cache(maxsize=4)
def _han_at_least(n: int) -> re.Pattern[str]:
    """Matches a line with at least ``n`` Han characters (stops at the n-th, lists none)."""
    return re.compile(f"(?:[^{HAN}]*[{HAN}]){{{n}}}")


def reads_as_prose(line: str) -> bool:
    """Does ``line`` read as a sentence (so loose furniture patterns must not strip it)?

    >>> reads_as_prose("该公司表示，其对这一商标享有版权所有权，将依法维权。")
    True
    >>> reads_as_prose("版权所有 某某网 京ICP备12345678号")
    False
    >>> reads_as_prose("The court said the copyright claim was filed in March.")
    True
    >>> reads_as_prose("Copyright © 2024 Example Media Ltd. All Rights Reserved.")
    False
    """
    if _NAV_SEP_RE.search(line):
        return False
    if HAN_RE.search(line) is not None and _han_at_least(PROSE_MIN_HAN).match(line) is not None:
        return _HAN_SENTENCE_PUNCT_RE.search(line) is not None
    # one findall: "x" for a word starting lower-case, "" for one starting upper-case
    firsts = _LATIN_WORD_FIRST_RE.findall(line)
    if len(firsts) < PROSE_MIN_WORDS or not _LATIN_SENTENCE_END_RE.search(line):
        return False
    lower = len(firsts) - firsts.count("")
    return lower * 2 >= len(firsts)


class _ZoneFamilies:
    """The families that apply in one zone, in order, with an index (per line form and
    length) of what each requires of a line — literals it contains, a prefix it starts
    with: a family whose requirements a line does not meet is not asked about it."""

    def __init__(self, families: list[Family]) -> None:
        self.families = families
        self.forms = sorted({f.match_on for f in families})
        #: per form (None: every form), the distinct max_len of its families, ascending
        self._limits: dict[str | None, list[int]] = {
            form: sorted({f.max_len for f in families if f.match_on == form}) for form in self.forms}
        self._limits[None] = sorted({f.max_len for f in families})
        self._indexes: dict[tuple[str | None, int], LiteralIndex] = {}

    def index(self, form: str | None, length: int) -> LiteralIndex | None:
        """The index of what the families of ``form`` (None: of every form, for a line
        that reads the same in all of them) that take a line of ``length`` characters
        require of it, or None for none. Long sentences, the lines most often asked about,
        go to a few families only."""
        limits = self._limits[form]
        at = bisect_left(limits, length)
        if at == len(limits):
            return None
        limit = limits[at]
        key = (form, limit)
        idx = self._indexes.get(key)
        if idx is None:
            idx = self._indexes[key] = LiteralIndex()
            for i, fam in enumerate(self.families):
                if form in (None, fam.match_on) and fam.max_len >= limit:
                    idx.add(i, *fam.requirements())
        return idx


class _Matcher:
    def __init__(self, families: Sequence[Family]) -> None:
        self.families = list(families)
        self._in_zone: dict[str, _ZoneFamilies] = {}

    def _zone(self, zone: str) -> _ZoneFamilies:
        found = self._in_zone.get(zone)
        if found is None:
            found = self._in_zone[zone] = _ZoneFamilies([f for f in self.families if f.in_zone(zone)])
        return found

    def match(self, line: str, zone: str, simplified: str | None = None) -> Family | None:
        """The first family (in order) of ``zone`` that ``line`` belongs to, or None.
        ``simplified``: the trimmed line in Simplified script when the caller has it
        (a document converts all its lines in one OpenCC call)."""
        s = line.strip()
        if not s:
            return None
        z = self._zone(zone)
        simp = s if "simplified" not in z.forms else simplified if simplified is not None else to_simplified(s)
        # The candidates of a line that does not read as prose are a superset of those of
        # one that does (prose only rules out families with match_prose = false), so the
        # prose check, the costliest part, runs only when such a family is a candidate.
        if simp == s:  # one reading for every form (no Han, or Simplified already)
            idx = z.index(None, len(s))
            if idx is None:
                return None
            candidates = idx.candidates(fold(s))
        else:
            candidates = set()
            for how in z.forms:
                form = simp if how == "simplified" else s
                idx = z.index(how, len(form))
                if idx is not None:  # else no family of this form takes this line
                    candidates |= idx.candidates(fold(form))
        if not candidates:
            return None
        prose: bool | None = None
        for i in sorted(candidates):
            fam = z.families[i]
            form = simp if fam.match_on == "simplified" else s
            if len(form) > fam.max_len:
                continue
            if not fam.match_prose:
                if prose is None:
                    prose = reads_as_prose(s)
                if prose:
                    continue
            if fam.matches(form, False):
                return fam
        return None


_MATCHERS: dict[tuple[int, ...], tuple[list[Family], _Matcher]] = {}


def _per_families(cache: dict, families: list[Family], build):
    """``build(families)``, made once per list of families and reused across documents;
    families are compared by identity (a cache of at most 64 lists)."""
    key = tuple(map(id, families))
    found = cache.get(key)
    if found is not None and all(a is b for a, b in zip(found[0], families)):
        return found[1]
    if len(cache) > 64:
        cache.clear()
    made = build(families)
    cache[key] = (families, made)
    return made


def _matcher(families: list[Family]) -> _Matcher:
    """One :class:`_Matcher` (and its literal indexes) per list of families."""
    return _per_families(_MATCHERS, families, _Matcher)


def _is_body(line: str) -> bool:
    s = line.strip()
    return len(s) >= BODY_MIN_CHARS and _SENTENCE_END_RE.search(s) is not None


def _scan_zone(lines: list[str], order: Iterable[int], zone: str, matcher: _Matcher,
               verdict: dict[int, str], simplified: Sequence[str] | _LazySimplified | None = None) -> None:
    kept = 0
    for i in order:
        line = lines[i]
        if not line.strip():
            continue
        fam = matcher.match(line, zone, simplified[i] if simplified is not None else None)
        if fam is not None:
            verdict[i] = fam.label
            continue
        if _is_body(line):
            return
        if zone == "tail" and _LIST_ITEM_RE.match(line):
            continue  # an item of a related-links list: keep looking for its header
        kept += 1
        if kept > MAX_KEPT_IN_ZONE:
            return


_CAPTION_CONT_RE = re.compile(r"^[\s。．.，,：:、]")


def _alt_text_lines(stripped: list[str]) -> dict[int, str]:
    """Lines that repeat the start of the caption line right after them (image alt text).
    ``stripped``: the document's lines, trimmed.

    >>> _alt_text_lines(["", "园区夜景", "园区夜景。新华社记者 摄", "正文"])
    {1: 'alt-text'}
    """
    out = {}
    # (one C-level pass finds the few lines the next one starts with, and blank ones)
    for i in compress(count(), map(str.startswith, stripped[1:], stripped[:-1])):
        a, b = stripped[i], stripped[i + 1]
        if 2 <= len(a) <= 80 and len(b) > len(a) and _CAPTION_CONT_RE.match(b[len(a):]):
            out[i] = "alt-text"
    return out


#: " | Site", "_网站名", " - Site" after a title (a site name does not start lower-case: " - and more" is a subtitle)
_SITE_SUFFIX_RE = re.compile(r"^\s*(?:[_|｜]|\s[-–—]\s)\s*(?![a-z])\S.{0,30}$")


def _titled_duplicate_lines(stripped: list[str]) -> dict[int, str]:
    """A page-title line: the next non-blank line plus a site suffix ("标题_证券时报", "Title | Site").
    ``stripped``: the document's lines, trimmed.

    >>> _titled_duplicate_lines(["江苏苏州：孕育新质生产力_证券时报", "", "江苏苏州：孕育新质生产力", "正文"])
    {0: 'page-title'}
    """
    out = {}
    texts = list(filter(None, stripped))
    nonblank: list[int] = []  # (the line numbers of texts, listed when a title is found)
    for k in compress(count(), map(str.startswith, texts[:-1], texts[1:])):
        x, y = texts[k], texts[k + 1]
        if len(y) >= 4 and len(x) > len(y) and _SITE_SUFFIX_RE.match(x[len(y):]):
            nonblank = nonblank or [i for i, s in enumerate(stripped) if s]
            out[nonblank[k]] = "page-title"
    return out


# --- the "anywhere" pass: rule out whole families with one scan of the document ------------

#: Pattern syntax whose meaning at a line's edge changes when lines are joined by "\n"
#: (lookarounds, absolute anchors): families using it are always checked line by line.
_LINE_EDGE_SYNTAX = ("(?=", "(?!", "(?<=", "(?<!", "\\A", "\\Z", "\\z")
#: One pattern of a family for the document scan: the compiled scan form, the literals
#: one of which every match contains (None: unknown), and whether it starts at a line start.
DocPattern = tuple[re.Pattern[str], "frozenset[str] | None", bool]
_DOC_PATTERNS: dict[int, tuple[Family, list[DocPattern] | None]] = {}


def _doc_patterns(fam: Family) -> list[DocPattern] | None:
    """The family's patterns in the form for a scan of all lines joined by "\n" (see
    :func:`_doc_form`), or None when the family cannot be ruled out that way (word, line or
    keyword criteria, or syntax that looks past a line's edge)."""
    cached = _DOC_PATTERNS.get(id(fam))
    if cached is not None and cached[0] is fam:
        return cached[1]
    pats: list[DocPattern] | None = None
    if not (fam.words or fam.lines or fam.keywords) and fam.patterns and not any(
        tok in p.pattern for p in fam.patterns for tok in _LINE_EDGE_SYNTAX
    ):
        try:
            pats = [(_doc_form(p), required_literals(p), starts_at_line_start(p)) for p in fam.patterns]
        except re.error:
            pats = None
    if len(_DOC_PATTERNS) > 1024:
        _DOC_PATTERNS.clear()
    _DOC_PATTERNS[id(fam)] = (fam, pats)
    return pats


def _doc_form(p: re.Pattern[str]) -> re.Pattern[str]:
    """``p`` for a scan of lines joined by "\n" *after a leading "\n"*: MULTILINE, and a
    pattern that starts with ``^`` (and has no top-level ``|``) starts with "\n" instead,
    so the engine jumps from line break to line break rather than trying ``^`` at every
    character (a 3 KB English page: ~60 µs -> a few µs per pattern). Same lines match."""
    if p.pattern.startswith("^") and starts_at_line_start(p):
        return re.compile("\n(?:" + p.pattern[1:] + ")", p.flags | re.MULTILINE)
    return re.compile(p.pattern, p.flags | re.MULTILINE)


def _simplified_lines(stripped: list[str]) -> list[str]:
    """``[to_simplified(s) for s in stripped]`` with one OpenCC call for the whole document
    (OpenCC converts line by line: no dictionary entry contains a line break).

    >>> _simplified_lines(["網站地圖", "", "Home"])
    ['网站地图', '', 'Home']
    """
    joined = "\n".join(stripped)
    if not stripped or t2s_leaves_alone(joined):
        return stripped  # (one scan: English pages, and most Simplified ones)
    converted = to_simplified(joined).split("\n")
    if len(converted) != len(stripped):  # pragma: no cover - OpenCC never joins lines
        return [to_simplified(s) for s in stripped]
    for i, (a, b) in enumerate(zip(stripped, converted)):
        if a != b and HAN_RE.search(a) is None:  # a line without Han is left as it is
            converted[i] = a
    return converted


_SPACE_RE = re.compile(r"\s")
_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


class _FormScreen:
    """For the families of one line form: one scan of the document for all their
    line-start patterns together, and a literal check for their other patterns. When
    neither finds anything, no family of the form can match a line (most documents), and
    the per-family scans are skipped. Each scan reads only the lines short enough for the
    families it stands for (``max_len``): most lines of Chinese prose are longer than a
    placeholder or a forum stamp can be."""

    def __init__(self, families: Sequence[Family]) -> None:
        # line-start patterns: those that match only a whole line without white space
        # (placeholder tokens, file names) are scanned over such lines only
        sources: dict[bool, list[str]] = {False: [], True: []}
        flags: set[int] = set()
        #: (scan pattern, literals one of which it needs, longest line its family takes,
        #: whether it needs a Han character)
        self.others: list[tuple[re.Pattern[str], frozenset[str], int, bool]] = []
        #: the longest line a family with a line-start pattern takes (per kind of pattern)
        self.anchored_max_len = {False: 0, True: 0}
        self.usable = True
        for fam in families:
            for p in fam.patterns:
                if p.pattern.startswith("^") and starts_at_line_start(p) and not _BACKREF_RE.search(p.pattern):
                    solid = whole_space_free_line(p)
                    sources[solid].append(p.pattern[1:])
                    flags.add(p.flags)
                    self.anchored_max_len[solid] = max(self.anchored_max_len[solid], fam.max_len)
                    continue
                lits = required_literals(p)
                if lits is None:
                    self.usable = False
                    return
                self.others.append((_doc_form(p), lits, fam.max_len, requires_han(p)))
        #: the combined scan of the line-start patterns, per kind (True: lines without spaces)
        self.anchored: dict[bool, re.Pattern[str]] = {}
        try:
            if len(flags) > 1:
                raise re.error("mixed flags")
            for solid, alts in sources.items():
                if alts:
                    self.anchored[solid] = re.compile("\n(?:" + "|".join(f"(?:{x})" for x in alts) + ")",
                                                      next(iter(flags)) | re.MULTILINE)
        except re.error:
            self.usable = False

    def finds_nothing(self, doc: Callable[[int, bool], str], may_hold: Callable[[str], bool],
                      holding: Callable[[int, frozenset[str]], str], han: Callable[[], bool]) -> bool:
        """``doc(n, solid)``: the lines of at most ``n`` characters (``solid``: only those
        without white space) joined by "\n" after a leading "\n"; ``may_hold(literal)``:
        whether the lines may hold a (folded) literal; ``holding(n, literals)``: like
        ``doc(n, False)``, or only its lines that may hold one of ``literals``; ``han()``:
        whether the lines hold Han."""
        if not self.usable:
            return False
        for solid, scan in self.anchored.items():
            if scan.search(doc(self.anchored_max_len[solid], solid)):
                return False
        # (a pattern that needs a Han character is not looked for in a text without one,
        # such as an English page: its literals need no folded copy of the page)
        return not any((not needs_han or han()) and any(map(may_hold, lits))
                       and pat.search(holding(n, lits)) for pat, lits, n, needs_han in self.others)


_ANYWHERE_PLANS: dict[tuple[int, ...], tuple[list[Family], _AnywherePlan]] = {}


class _AnywherePlan:
    """What :func:`possible_families` derives from one list of families: which of them a
    document scan can rule out (with their scan patterns) and one :class:`_FormScreen`
    per line form; made once per list and reused for every document."""

    def __init__(self, families: list[Family]) -> None:
        self.families = families
        #: per family (in order): its patterns for the document scan, or None (always kept)
        self.patterns = [_doc_patterns(f) for f in families]
        #: every family can be ruled out by the scans (else some are always kept)
        self.all_scannable = all(pats is not None for pats in self.patterns)
        scannable = [f for f, pats in zip(families, self.patterns) if pats is not None]
        forms = sorted({f.match_on for f in scannable})
        self.screens = {form: _FormScreen([f for f in scannable if f.match_on == form]) for form in forms}
        #: one screen for the families of every form, for a document whose lines read the
        #: same in all of them (no Han, or Simplified already); None when it cannot serve
        merged = _FormScreen(scannable) if len(forms) > 1 else None
        self.merged = merged if merged is not None and merged.usable else None


def _anywhere_plan(families: list[Family]) -> _AnywherePlan:
    return _per_families(_ANYWHERE_PLANS, families, _AnywherePlan)


class _LazySimplified:
    """The Simplified form of some trimmed lines, each converted when first asked for
    (a batch in one OpenCC call): strip looks at few lines of a Traditional page in that
    form, and converting all of it cost a third of strip's time on such pages."""

    __slots__ = ("src", "_done")

    def __init__(self, src: list[str]) -> None:
        self.src = src
        self._done: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.src)

    def __getitem__(self, i: int) -> str:
        found = self._done.get(i)
        if found is None:
            found = self._done[i] = to_simplified(self.src[i])
        return found

    def subset(self, keep: list[int]) -> _LazySimplified:
        """The lines at ``keep`` (in that order), with those already converted here."""
        out = _LazySimplified([self.src[i] for i in keep])
        done = self._done
        if done:
            out._done = {j: done[i] for j, i in enumerate(keep) if i in done}
        return out

    def pick(self, keep: Iterable[int]) -> list[str]:
        """The lines at ``keep``, those not converted yet in one OpenCC call."""
        keep = list(keep)
        todo = [i for i in keep if i not in self._done]
        if todo:
            self._done.update(zip(todo, _simplified_lines([self.src[i] for i in todo])))
        return [self._done[i] for i in keep]


@lru_cache(maxsize=256)
def _source_re(literal: str) -> re.Pattern[str] | None:
    """Where a page as it is may hold ``literal`` in its Simplified form (see
    :func:`~textmend.opencc_gate.t2s_source_pattern`), or None when that is not known."""
    source = t2s_source_pattern(literal)
    return None if source is None else re.compile(source)


class _FormLines:
    """The lines of one form for the anywhere screens: the short ones joined, and whether
    they may hold a literal. ``lines`` is a list, or a :class:`_LazySimplified` whose
    source lines (``origin``, the original form) answer what they can without converting."""

    def __init__(self, lines: list[str] | _LazySimplified, origin: _FormLines | None = None) -> None:
        self.lines = lines
        self.origin = origin
        self._docs: dict[tuple[int, bool], str] = {}
        self._folded: str | None = None

    def short(self, n: int, solid: bool = False) -> str:
        """The lines of at most ``n`` characters (``solid``: and without white space)
        joined by "\n" after a leading "\n"."""
        key = (n, solid)
        found = self._docs.get(key)
        if found is None:
            lines = self.lines
            src = lines.src if isinstance(lines, _LazySimplified) else lines
            # (t2s keeps lengths and white space: the source lines tell which to take)
            if solid:  # (" " first: nearly every line of prose has one; then any other space)
                keep = [i for i, s in enumerate(src) if len(s) <= n and " " not in s and (
                    s.isprintable() or _SPACE_RE.search(s) is None)]
                picked = lines.pick(keep) if isinstance(lines, _LazySimplified) else [src[i] for i in keep]
            elif isinstance(lines, _LazySimplified):
                picked = lines.pick(compress(count(), map(n.__ge__, map(len, src))))
            else:  # (picked out in C: every line of most English pages, most of Chinese ones)
                picked = compress(src, map(n.__ge__, map(len, src)))
            found = self._docs[key] = "\n" + "\n".join(picked)
        return found

    def folded(self) -> str:
        """All the lines, folded, after a leading "\n"."""
        if self._folded is None:
            lines = self.lines
            if isinstance(lines, _LazySimplified):
                lines = lines.pick(range(len(lines)))
            self._folded = "\n" + fold("\n".join(lines))
        return self._folded

    def _lines_with(self, literals: Iterable[str]) -> list[int] | None:
        """For a lazily converted form: the lines whose source may hold one of
        ``literals`` once converted (``公网安备`` needs ``公[网網]安[备備]``), in order;
        None when that is not known (no gate for the installed OpenCC)."""
        assert self.origin is not None
        found: set[int] = set()
        page = self.origin.folded()
        for lit in literals:
            source = _source_re(lit)
            if source is None:
                return None
            # (folding keeps line breaks: count them to know the line)
            found.update(page.count("\n", 0, m.start()) - 1 for m in source.finditer(page))
        return sorted(found)

    def may_hold(self, literal: str) -> bool:
        """May one of the lines hold ``literal`` (folded)? A lazily converted form converts
        only the lines whose source may hold it."""
        if self.origin is not None:
            at = self._lines_with((literal,))
            if at is not None:
                return any(literal in fold(s) for s in self.lines.pick(at))  # type: ignore[union-attr]
        return literal in self.folded()

    def holding(self, n: int, literals: frozenset[str]) -> str:
        """Like :meth:`short`, for a pattern that needs one of ``literals``: a lazily
        converted form joins only the short lines that may hold one."""
        if self.origin is not None:
            at = self._lines_with(literals)
            if at is not None:
                src = self.lines.src  # type: ignore[union-attr]
                return "\n" + "\n".join(self.lines.pick([i for i in at if len(src[i]) <= n]))  # type: ignore[union-attr]
        return self.short(n)


def possible_families(families: Sequence[Family], stripped: list[str],
                      simplified: list[str] | _LazySimplified | None = None, han: bool | None = None,
                      plan: _AnywherePlan | None = None) -> list[Family]:
    """The families (in order) that may match one of the ``stripped`` lines: a family whose
    patterns find nothing in the joined lines cannot match any single line. Clean text
    then costs one regex scan per line form (all line-start patterns at once, see
    :class:`_FormScreen`) instead of a rule check per line; when that scan finds something,
    each family is scanned on its own: a fast scan for a pattern anchored at the line
    start, and none at all for another pattern when none of its required literals occurs
    in the document. ``simplified``: the lines in Simplified script when the caller has
    them, or a :class:`_LazySimplified` of them (else they are converted as needed);
    ``han``: whether the lines hold Han, when the caller knows; ``plan``: the
    :class:`_AnywherePlan` of ``families`` when the caller keeps it.
    """
    if plan is None:
        plan = _anywhere_plan(families if isinstance(families, list) else list(families))
    original = _FormLines(stripped)
    forms: dict[str, _FormLines] = {}
    ruled_out: set[str] = set()
    asked_han = [] if han is None else [han]  # (do the lines hold Han? the same in every form)

    def has_han_lines() -> bool:
        if not asked_han:
            asked_han.append(has_han("\n".join(stripped)))
        return asked_han[0]

    for form in plan.screens:
        if form != "simplified":
            forms[form] = original
        elif isinstance(simplified, _LazySimplified):
            forms[form] = _FormLines(simplified, original) if has_han_lines() else original
        elif simplified is not None:
            forms[form] = original if simplified is stripped else _FormLines(simplified)
        else:  # (lines without Han read the same in both forms: one set of joined lines)
            forms[form] = _FormLines(_LazySimplified(stripped), original) if has_han_lines() else original
    merged = plan.merged
    if merged is not None and all(lines is original for lines in forms.values()) and merged.finds_nothing(
            original.short, original.may_hold, original.holding, has_han_lines):
        ruled_out.update(forms)  # (every form reads the same lines: one scan for all)
    else:
        for form, screen in plan.screens.items():
            lines = forms[form]
            if screen.finds_nothing(lines.short, lines.may_hold, lines.holding, has_han_lines):
                ruled_out.add(form)
    if plan.all_scannable and len(ruled_out) == len(plan.screens):
        return []  # (clean text: every family ruled out by one scan per form)
    out = []
    for fam, pats in zip(plan.families, plan.patterns):
        if pats is None:
            out.append(fam)
            continue
        form = fam.match_on
        if form in ruled_out:
            continue
        lines = forms[form]
        for pat, lits, anchored in pats:
            if lits is not None and not anchored:  # (an anchored scan costs less than the check)
                if not any(map(lines.may_hold, lits)):
                    continue
                doc = lines.holding(fam.max_len, lits)
            else:
                doc = lines.short(fam.max_len)
            if doc == "\n":
                continue
            if pat.search(doc):
                out.append(fam)
                break
    return out


_LIST_ITEM_RE = re.compile(r"^\s*(?:[·•●▪◆■□○\-*>›»]|\d{1,2}[.、)）])\s*\S")


def _strip_lists_under_headers(lines: list[str], tail: dict[int, str], headers: frozenset[str]) -> None:
    """Below a tail-zone header such as 相关新闻 / Related articles, every line that does
    not read as prose is part of the list of links: strip it too. ``headers``: the labels
    of the families that are such headers."""
    starts = [i for i, why in tail.items() if why in headers]
    if not starts:
        return
    first = min(starts)
    for j in range(first + 1, len(lines)):
        s = lines[j].strip()
        if s and j not in tail and not reads_as_prose(s):
            tail[j] = f"{tail[first]} (list under it)"


class _Plan:
    """What strip derives from one list of families (matchers, the anywhere families,
    the header labels), made once and reused for every document."""

    def __init__(self, families: list[Family]) -> None:
        self.families = families
        self.matcher = _Matcher(families)
        self.simplified = any(f.match_on == "simplified" for f in families)
        self.headers = frozenset(f.label for f in families if f.strip_following)
        self.anywhere = [f for f in families if f.zone == "anywhere"]
        self.any_matcher = _Matcher(self.anywhere)
        self.any_plan = _AnywherePlan(self.anywhere)


_PLANS: dict[tuple[int, ...], tuple[list[Family], _Plan]] = {}


def strip_boilerplate(text: str, packs: Sequence[RulePack] | None = None,
                      edits: list[Edit] | None = None) -> str:
    """Remove boilerplate lines; one blank line is left where a removal joined two gaps.

    >>> strip_boilerplate("首頁 > 熱點 > 正文\\n標題\\n\\n這是正文的第一段，很長很長的一段話。\\n\\n版權所有 某某網\\n")
    '標題\\n\\n這是正文的第一段，很長很長的一段話。\\n'
    >>> strip_boilerplate("苹果 > 香蕉 > 橘子\\n")  # nothing but "boilerplate": kept
    '苹果 > 香蕉 > 橘子\\n'
    """
    if packs is None:
        packs = builtin_packs()
    families = [f for p in packs for f in p.families]
    return _strip(text, _per_families(_PLANS, families, _Plan), edits)


def _strip(text: str, plan: _Plan, edits: list[Edit] | None) -> str:
    lines = text.split("\n")
    stripped = list(map(str.strip, lines))
    # the lines in Simplified script, for the families that read them so: the lines
    # themselves when t2s would change nothing (no Han, or Simplified already), else each
    # converted when a rule first looks at it
    simplified: list[str] | _LazySimplified = stripped
    han = has_han(text)
    if plan.simplified and han:
        simplified = _LazySimplified(stripped) if not t2s_leaves_alone(text) else stripped
    matcher = plan.matcher
    verdict: dict[int, str] = {}
    _scan_zone(lines, range(len(lines)), "head", matcher, verdict, simplified)
    tail: dict[int, str] = {}
    _scan_zone(lines, range(len(lines) - 1, -1, -1), "tail", matcher, tail, simplified)
    if tail and plan.headers:
        _strip_lists_under_headers(lines, tail, plan.headers)
    verdict.update(tail)
    if plan.anywhere:
        if verdict:
            todo = [i for i, s in enumerate(stripped) if s and i not in verdict]
            asked = [stripped[i] for i in todo]
        else:  # (most documents: every non-blank line, picked out in C)
            todo = None
            asked = list(filter(None, stripped))
        # (the asked lines' Simplified form: the same lines, or converted as needed, with
        # the lines the zone scans converted already)
        if isinstance(simplified, _LazySimplified):
            if todo is None:
                todo = [i for i, s in enumerate(stripped) if s]
            asked_simplified: list[str] | _LazySimplified = simplified.subset(todo)
        else:
            asked_simplified = asked
        anywhere = possible_families(plan.anywhere, asked, asked_simplified, han, plan.any_plan)
        if anywhere:
            if todo is None:
                todo = [i for i, s in enumerate(stripped) if s]
            any_matcher = plan.any_matcher if len(anywhere) == len(plan.anywhere) else _matcher(anywhere)
            for i in todo:
                fam = any_matcher.match(stripped[i], "anywhere", simplified[i])
                if fam is not None:
                    verdict[i] = fam.label
    for i, why in _alt_text_lines(stripped).items():
        verdict.setdefault(i, why)
    for i, why in _titled_duplicate_lines(stripped).items():
        verdict.setdefault(i, why)
    if not verdict:
        return text
    if all(i in verdict for i, line in enumerate(lines) if line.strip()):
        return text  # boilerplate only stands out against content: never empty a document
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in verdict:
            if edits is not None:
                edits.append(Edit("strip", i + 1, line, "", verdict[i]))
            # removing a line between two blank lines leaves one blank line, not two
            if out and not out[-1].strip() and i + 1 < len(lines) and not lines[i + 1].strip():
                out.pop()
            continue
        out.append(line)
    return "\n".join(out)


@register
class Strip(Filter):
    name = "strip"
    stage = "strip"
    summary = "boilerplate lines: spam headers, navigation, contact/editor lines, footers, placeholders"

    def __init__(self, packs: Sequence[RulePack] | None = None, disable: Iterable[str] = ()) -> None:
        chosen = list(packs) if packs is not None else list(builtin_packs())
        self.packs = select_packs(chosen, disable)
        self._plan = _Plan([f for p in self.packs for f in p.families])

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return _strip(text, self._plan, edits)
