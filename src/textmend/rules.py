"""Rule packs for the strip stage: data files (TOML) loaded into compiled families.

The packs that ship with textmend live in ``textmend/data/rules/*.toml``; users add
their own with ``--rules FILE`` (``textmend learn`` writes such files) and disable
any pack by name with ``--disable-rules NAME``.

A pack is a TOML table::

    name = "zh"                 # the name --disable-rules uses
    match_on = "simplified"     # or "original": the form of the line families see
    [families.footer]
    zone = "tail"               # head | tail | edge | anywhere
    max_len = 400               # longer lines never match
    match_prose = true          # false: never strips a line that reads as a sentence
    patterns = ['版权所有']      # Python regexes, re.search, case-insensitive
    words = ["返回", "顶部"]     # a line made only of these words matches
    lines = ["exact line"]      # exact lines (after trimming white space)
    keywords = ["彩票", "博彩"]  # with min_keywords / min_parts: keyword spam
    min_keywords = 2
    min_parts = 3

A family matches a line when any of its criteria does.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .literals import SEPARATORS, fold, required_literals, required_prefixes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ZONES = ("head", "tail", "edge", "anywhere")
MATCH_ON = ("simplified", "original")
_SPLIT_WORDS_RE = re.compile(f"[{SEPARATORS}]+")  # (one set: the strip index skips the same characters)
_SPLIT_PARTS_STRONG_RE = re.compile(r"\s*[|｜/>›»＞·•・、,，:：;；_【】\[\]「」『』〔〕()（）<>《》]+\s*")
_SPLIT_PARTS_RE = re.compile(r"\s*(?:[_|｜/\\·•]|\s-\s|--)\s*|\s+|-")
_SPACES_RE = re.compile(r"\s+")


class RuleError(ValueError):
    """A rule pack is malformed (bad TOML, unknown zone, bad regex)."""


def line_key(line: str) -> str:
    """The form exact ``lines`` are compared in: trimmed, inner white space collapsed.

    >>> line_key("  返回   顶部 ")
    '返回 顶部'
    """
    return _SPACES_RE.sub(" ", line.strip())


def split_words(line: str) -> list[str]:
    """Split a navigation-like line into lower-cased words.

    >>> split_words("分享到：微信 | 微博")
    ['分享到', '微信', '微博']
    """
    return [t for t in _SPLIT_WORDS_RE.split(line.lower()) if t]


@dataclass
class Family:
    """One family of boilerplate lines (e.g. footer), from one pack."""

    pack: str
    name: str
    zone: str
    max_len: int
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    lines: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    min_keywords: int = 2
    min_parts: int = 1
    match_prose: bool = True
    match_on: str = "simplified"
    #: A tail-zone header ("相关新闻", "Related articles"): the list under it goes too.
    strip_following: bool = False

    @property
    def label(self) -> str:
        return f"{self.pack}:{self.name}"

    def matches(self, line: str, prose: bool = False) -> bool:
        """Does the (trimmed) ``line`` belong to this family? ``prose``: it reads as a sentence."""
        if len(line) > self.max_len or (prose and not self.match_prose):
            return False
        if self.lines and line_key(line) in self.lines:
            return True
        if self.words and self._all_words(line):
            return True
        if self.keywords and self._keyword_spam(line):
            return True
        return any(p.search(line) for p in self.patterns)

    def _all_words(self, line: str) -> bool:
        # each part between separators is a listed word or phrase ("back to top"),
        # or is made of listed words ("返回 顶部")
        parts = [p for p in _SPLIT_PARTS_STRONG_RE.split(line.lower()) if p]
        if not parts:
            return False
        for part in parts:
            if part in self.words or _SPACES_RE.sub(" ", part) in self.words:
                continue
            tokens = split_words(part)
            if not tokens or not all(t in self.words for t in tokens):
                return False
        return True

    def _keyword_spam(self, line: str) -> bool:
        low = line.lower()
        hits = sum(1 for k in self.keywords if k in low)
        if hits < self.min_keywords:
            return False
        parts = [p for p in _SPLIT_PARTS_RE.split(line) if p]
        return len(parts) >= self.min_parts

    def requirements(self) -> tuple[frozenset[str] | None, frozenset[str], frozenset[str]]:
        """What a line must have for this family to match it, as (literals, starts,
        word_starts) in :func:`~textmend.literals.fold` form: it contains one of
        ``literals``, or starts with one of ``starts`` (an anchored pattern, an exact
        line), or its first word after separators starts with one of ``word_starts``
        (a line made of listed words begins with one). ``literals`` is None when a
        criterion admits any line. ``^home`` needs a line starting with "home", which is
        a sharper test than containing it.

        >>> pack = parse_pack('[families.f]\\nwords = ["Back to top"]\\npatterns = ["^Home >", "©"]\\n', "x")
        >>> pack.families[0].requirements()
        (frozenset({'©'}), frozenset({'home >'}), frozenset({'back'}))
        """
        cached = self.__dict__.get("_requirements")
        if cached is None:
            cached = self.__dict__["_requirements"] = self._find_requirements()
        return cached

    def _find_requirements(self) -> tuple[frozenset[str] | None, frozenset[str], frozenset[str]]:
        literals: set[str] = set()
        starts: set[str] = set()
        word_starts: set[str] = set()
        unbounded = (None, frozenset(), frozenset())
        for text in self.lines:  # an exact line starts with its first token
            first = text.split()[0] if text.split() else ""
            if not first:
                return unbounded
            starts.add(fold(first))
        for word in self.words:  # a line of listed words starts (after separators) with one
            tokens = split_words(word)
            if tokens:
                word_starts.add(fold(tokens[0]))
            elif word.strip():
                literals.add(fold(word.strip()))  # a "word" made of separators: it must occur
            else:
                return unbounded
        if self.keywords:
            if self.min_keywords < 1:
                return unbounded
            literals.update(fold(k) for k in self.keywords)
        for p in self.patterns:
            pre = required_prefixes(p)
            if pre is not None:
                starts |= pre
                continue
            lits = required_literals(p)
            if lits is None:
                return unbounded
            literals |= lits
        if not (literals or starts or word_starts):
            return unbounded
        return frozenset(literals), frozenset(starts), frozenset(word_starts)

    def in_zone(self, zone: str) -> bool:
        if self.zone == "anywhere":
            return True
        if self.zone == "edge":
            return zone in ("head", "tail")
        return self.zone == zone


@dataclass
class RulePack:
    name: str
    description: str
    families: list[Family]
    match_on: str = "simplified"


def _compile(patterns: Iterable[str], origin: str, fname: str) -> list[re.Pattern[str]]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, re.IGNORECASE))
        except re.error as e:
            raise RuleError(f"{origin}: family {fname!r}: bad regex {p!r}: {e}") from None
    return out


def parse_pack(text: str, origin: str) -> RulePack:
    """Parse one TOML rule pack; ``origin`` names it in error messages.

    >>> pack = parse_pack('name = "site"\\n[families.nav]\\nwords = ["home", "top"]\\n', "site.toml")
    >>> pack.families[0].matches("Home | Top")
    True
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RuleError(f"{origin}: not valid TOML: {e}") from None
    name = str(data.get("name") or Path(origin).stem)
    match_on = data.get("match_on", "simplified")
    if match_on not in MATCH_ON:
        raise RuleError(f"{origin}: match_on is {match_on!r}; use one of {MATCH_ON}")
    families = []
    fams = data.get("families") or {}
    if not isinstance(fams, dict):
        raise RuleError(f"{origin}: 'families' must be a table of tables")
    for fname, spec in fams.items():
        if not isinstance(spec, dict):
            raise RuleError(f"{origin}: family {fname!r} must be a table")
        zone = spec.get("zone", "edge")
        if zone not in ZONES:
            raise RuleError(f"{origin}: family {fname!r} has zone {zone!r}; use one of {ZONES}")
        try:
            fam = Family(
                pack=name,
                name=fname,
                zone=zone,
                max_len=int(spec.get("max_len", 200)),
                patterns=_compile(spec.get("patterns", []), origin, fname),
                words=frozenset(str(w).lower() for w in spec.get("words", [])),
                lines=frozenset(line_key(str(x)) for x in spec.get("lines", [])),
                keywords=tuple(str(k).lower() for k in spec.get("keywords", [])),
                min_keywords=int(spec.get("min_keywords", 2)),
                min_parts=int(spec.get("min_parts", 1)),
                match_prose=bool(spec.get("match_prose", True)),
                match_on=match_on,
                strip_following=bool(spec.get("strip_following", False)),
            )
        except (TypeError, ValueError) as e:
            raise RuleError(f"{origin}: family {fname!r}: {e}") from None
        families.append(fam)
    return RulePack(name, str(data.get("description", "")), families, match_on)


@lru_cache(maxsize=1)
def builtin_packs() -> tuple[RulePack, ...]:
    """The packs shipped in ``textmend/data/rules``."""
    root = resources.files("textmend") / "data" / "rules"
    packs = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name.removesuffix(".toml")):
        if entry.name.endswith(".toml"):
            packs.append(parse_pack(entry.read_text(encoding="utf-8"), f"textmend:{entry.name}"))
    return tuple(packs)


def load_pack_file(path: str | Path) -> RulePack:
    """Load a user's rule pack from a TOML file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise RuleError(f"{p}: cannot read rule pack: {e.strerror}") from None
    except UnicodeDecodeError:
        raise RuleError(f"{p}: rule pack is not UTF-8") from None
    return parse_pack(text, str(p))


def select_packs(packs: Iterable[RulePack], disable: Iterable[str] = ()) -> list[RulePack]:
    """``packs`` without the ones named in ``disable``; an unknown name is an error.

    >>> [p.name for p in select_packs(builtin_packs(), ["en"])]
    ['zh', 'zh-hant']
    """
    packs = list(packs)
    off = set(disable)
    unknown = off - {p.name for p in packs}
    if unknown:
        known = ", ".join(p.name for p in packs)
        raise RuleError(f"unknown rule pack(s) to disable: {', '.join(sorted(unknown))}; known: {known}")
    return [p for p in packs if p.name not in off]
