"""Rule packs for the strip stage: data files (TOML) loaded into compiled families.

The packs that ship with textmend live in ``textmend/data/rules/*.toml``; users add
their own with ``--rules FILE`` and disable a shipped pack by name.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ZONES = ("head", "tail", "edge", "anywhere")
#: In a prose line a family pattern must match within this many leading characters.
PROSE_MATCH_START = 2
_SPLIT_WORDS_RE = re.compile(r"[\s|｜/>›»·•、,，:：\-]+")


class RuleError(ValueError):
    """A rule pack is malformed (bad TOML, unknown zone, bad regex)."""


@dataclass
class Family:
    """One family of boilerplate lines (e.g. footer), from one pack."""

    pack: str
    name: str
    zone: str
    max_len: int
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    words: frozenset[str] = frozenset()

    def matches(self, line: str, prose: bool = False) -> bool:
        """Does ``line`` (stripped) belong to this family?

        In a prose line (a sentence of body text) a pattern must match at the very start
        of the line: a sentence that merely mentions copyright is not a footer.
        """
        if len(line) > self.max_len:
            return False
        if self.words:
            tokens = [t for t in _SPLIT_WORDS_RE.split(line.lower()) if t]
            if tokens and all(t in self.words for t in tokens):
                return True
        for p in self.patterns:
            m = p.search(line)
            if m is not None and (not prose or m.start() <= PROSE_MATCH_START):
                return True
        return False

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


def parse_pack(text: str, origin: str) -> RulePack:
    """Parse one TOML rule pack; ``origin`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RuleError(f"{origin}: not valid TOML: {e}") from None
    name = data.get("name") or Path(origin).stem
    families = []
    for fname, spec in (data.get("families") or {}).items():
        zone = spec.get("zone", "edge")
        if zone not in ZONES:
            raise RuleError(f"{origin}: family {fname!r} has zone {zone!r}; use one of {ZONES}")
        pats = []
        for p in spec.get("patterns", []):
            try:
                pats.append(re.compile(p, re.IGNORECASE))
            except re.error as e:
                raise RuleError(f"{origin}: family {fname!r}: bad regex {p!r}: {e}") from None
        words = frozenset(w.lower() for w in spec.get("words", []))
        families.append(Family(name, fname, zone, int(spec.get("max_len", 200)), pats, words))
    return RulePack(name, data.get("description", ""), families)


@lru_cache(maxsize=1)
def builtin_packs() -> tuple[RulePack, ...]:
    """The packs shipped in ``textmend/data/rules``."""
    root = resources.files("textmend") / "data" / "rules"
    packs = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
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
    return parse_pack(text, str(p))
