"""A fast test that OpenCC's t2s would leave a text alone, so the call can be skipped.

OpenCC changes a text only where one of its dictionary keys occurs whose value differs
from the key: a character it converts on its own (``發`` -> ``发``), or one of the ~110
phrases it converts although none of their characters changes alone (``沈默`` -> ``沉默``,
``回覆`` -> ``回复``). ``data/opencc/t2s_triggers.txt`` lists both, read off the installed
binding's dictionaries by ``tools/opencc_triggers.py``; textmend's mirror restoration
(:mod:`textmend.convert`) adds its own tables and the Taiwan-variant phrases it uses.

Simplified text (most Chinese on the web) holds none of them: one scan (~3 ns a byte)
then stands in for a conversion (~10 ns a byte). The list names the
binding version it was made from; with another version installed there is no gate and
every text is converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from typing import NamedTuple

from .chardata import has_han

try:
    import ahocorasick_rs as _aho
except ImportError:  # pragma: no cover - a platform without a wheel: regexes
    _aho = None

#: the characters and phrases t2s changes, what it makes each character from, the phrases
#: mirror restoration changes, and the binding version they were read from
_TRIGGERS = "t2s_triggers.txt"
#: characters searched first (Traditional text has a trigger among them)
_HEAD = 200


def _data(name: str) -> str:
    return (resources.files("textmend") / "data" / "opencc" / name).read_text(encoding="utf-8")


def _alternation(phrases: list[str]) -> str:
    """One alternative per first character (the engine tries a few, not every phrase)."""
    by_first: dict[str, list[str]] = {}
    for p in sorted(set(phrases)):
        by_first.setdefault(p[0], []).append(re.escape(p[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(sorted(rests, key=len, reverse=True))})"
                    for first, rests in sorted(by_first.items()))


class _Either:
    """Regexes for ``items`` (characters and phrases), the fallback to the automaton: a
    class for the characters and an alternation for the phrases, searched one after the
    other (in one pattern the engine would try every alternative at every position)."""

    def __init__(self, items: list[str]) -> None:
        chars = "".join(re.escape(t) for t in items if len(t) == 1)
        phrases = _alternation([t for t in items if len(t) > 1])
        self.parts = [re.compile(x) for x in (f"[{chars}]" if chars else "", phrases) if x]

    def search(self, text: str) -> bool:
        return any(p.search(text) is not None for p in self.parts)

    def starts(self, text: str) -> list[int]:
        return sorted({m.start() for p in self.parts for m in p.finditer(text)})


class _Gate:
    """Finds a trigger in a text: with ``ahocorasick_rs`` one automaton over the text's
    UTF-8 bytes (all characters and phrases at once, ~3 ns a byte), else regexes."""

    def __init__(self, chars: str, phrases: list[str], mirror: list[str],
                 sources: dict[str, str] | None = None) -> None:
        #: character -> the characters t2s makes it from (besides itself)
        self.sources = sources or {}
        #: per question: t2s, t2s with mirror restoration, the restoration step alone
        self.triggers = {"t2s": [*chars, *phrases], "restore": [*chars, *phrases, *mirror], "mirror": mirror}
        self._found: dict[str, Callable[[str], bool]] = {}
        self._automata: dict[str, object] = {}
        self._patterns: dict[tuple[str, bool], _Either] = {}

    def _automaton(self, which: str):
        found = self._automata.get(which)
        if found is None:
            found = self._automata[which] = _aho.BytesAhoCorasick(  # type: ignore[union-attr]
                [t.encode("utf-8") for t in self.triggers[which]], implementation=_aho.Implementation.DFA)
        return found

    def _pattern(self, which: str, astral: bool = True) -> _Either:
        """The fallback regex; ``astral=False``: without the characters beyond U+FFFF, for
        a text that has none (a class listing them is checked range by range, slowly)."""
        found = self._patterns.get((which, astral))
        if found is None:
            items = [t for t in self.triggers[which] if astral or all(ord(c) <= 0xFFFF for c in t)]
            found = self._patterns[(which, astral)] = _Either(items)
        return found

    def _finder(self, which: str) -> Callable[[str], bool]:
        if _aho is None:
            full, bmp = self._pattern(which), self._pattern(which, False)
            return lambda text: (bmp if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
                                 else full).search(text)
        automaton = self._automaton(which)
        bmp = "".join(re.escape(t) for t in self.triggers[which] if len(t) == 1 and ord(t) <= 0xFFFF)
        if not bmp:
            return lambda text: bool(automaton.find_matches_as_indexes(text.encode("utf-8", "surrogatepass")))
        # (Traditional text has a trigger at once: a regex scan of its head stops there;
        # a class of BMP characters is one table look-up a character, an astral one is not)
        head = re.compile(f"[{bmp}]")
        return lambda text: (head.search(text, 0, _HEAD) is not None or bool(
            automaton.find_matches_as_indexes(text.encode("utf-8", "surrogatepass"))))

    def lines_with(self, text: str, which: str) -> set[int]:
        """The numbers of the lines of ``text`` that hold a trigger of ``which``."""
        if _aho is None:
            return {text.count("\n", 0, at) for at in self._pattern(which).starts(text)}
        data = text.encode("utf-8", "surrogatepass")
        return {data.count(b"\n", 0, start) for _, start, _ in self._automaton(which).find_matches_as_indexes(data)}

    def finds(self, text: str, which: str) -> bool:
        """Does ``text`` hold a trigger of ``which`` (a key of :attr:`triggers`)?"""
        found = self._found.get(which)
        if found is None:
            found = self._found[which] = self._finder(which)
        return found(text)


class Triggers(NamedTuple):
    """The contents of ``data/opencc/t2s_triggers.txt``."""

    made_from: str | None  #: the OpenCC version they were read from
    chars: str  #: the characters t2s changes on their own
    phrases: list[str]  #: the phrases it changes though none of their characters does alone
    mirror: list[str]  #: the Taiwan-variant phrases mirror restoration changes
    sources: dict[str, str]  #: character -> the characters t2s makes it from


def read_triggers() -> Triggers:
    """Parse ``data/opencc/t2s_triggers.txt`` (kind<TAB>value lines)."""
    found = Triggers(None, "", [], [], {})
    chars, made_from = [], None
    for line in _data(_TRIGGERS).splitlines():
        kind, _, value = line.partition("\t")
        if kind == "opencc":
            made_from = value
        elif kind == "char":
            chars.append(value)
        elif kind == "phrase":
            found.phrases.append(value)
        elif kind == "mirror":
            found.mirror.append(value)
        elif kind == "from" and value:
            found.sources[value[0]] = value[1:]
    return found._replace(made_from=made_from, chars="".join(chars))


@lru_cache(maxsize=1)
def _gate() -> _Gate | None:
    """The gate for the installed binding, or None (another version: no gate)."""
    made_from, chars, phrases, mirror, sources = read_triggers()
    try:
        installed = version("opencc")
    except PackageNotFoundError:  # pragma: no cover - the binding is a dependency
        return None
    if made_from != installed or not chars or not all(map(has_han, chars)):
        return None
    # textmend's own mirror tables (key<TAB>value): the entries that change a text
    for name in ("mirror_t2s_chars.txt", "mirror_t2s_phrases.txt"):
        for line in _data(name).splitlines():
            key, _, value = line.partition("\t")
            if key and value and key != value:
                mirror.append(key)
    return _Gate(chars, phrases, mirror, sources)


def t2s_leaves_alone(text: str, restore: bool = False) -> bool:
    """True when OpenCC's t2s would return ``text`` unchanged (``restore``: t2s with
    textmend's mirror restoration): a text without Han (t2s converts Han characters only),
    or one holding none of the triggers. False means it may change it, or that the text
    holds Han and there is no gate for the installed binding.

    >>> t2s_leaves_alone("新质生产力，桥梁"), t2s_leaves_alone("新質生產力"), t2s_leaves_alone("沈默")
    (True, False, False)
    >>> t2s_leaves_alone("瞭望"), t2s_leaves_alone("瞭望", restore=True)
    (True, False)
    """
    if not has_han(text):
        return True  # (every trigger holds a Han character)
    gate = _gate()
    return gate is not None and not gate.finds(text, "restore" if restore else "t2s")


def mirror_trigger_lines(text: str) -> set[int] | None:
    """The numbers (from 0) of the lines of ``text`` in which the first step of t2s with
    mirror restoration (:mod:`textmend.convert`) may change something; the other lines
    convert the same with plain t2s, faster (OpenCC converts line by line: no dictionary
    entry holds a line break). None: no gate for the installed binding.

    >>> mirror_trigger_lines("新質生產力\\n隨著發展\\n發展")
    {1}
    """
    if not has_han(text):
        return set()
    gate = _gate()
    return None if gate is None else gate.lines_with(text, "mirror")


def t2s_source_pattern(literal: str) -> str | None:
    """A regex (source) for the places in a text where its t2s form holds ``literal``:
    a character t2s makes out of others becomes the class of them all (t2s keeps a
    text's length and changes Han characters into Han characters only, so the places
    line up). A text this does not match cannot hold ``literal`` once converted, and
    need not be. None: no gate for the installed binding.

    >>> t2s_source_pattern("版权所有")
    '版[权權]所有'
    """
    gate = _gate()
    if gate is None:
        return None
    return "".join(f"[{re.escape(c)}{re.escape(gate.sources[c])}]" if c in gate.sources else re.escape(c)
                   for c in literal)
