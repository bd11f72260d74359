"""Corpus-learned furniture: lines a site repeats at the head or tail of many pages.

``textmend learn DIR -o site.toml`` reads every file under DIR, groups files by
directory (one directory = one site, or one section of a site), and keeps the lines
that appear among the first or last few non-blank lines of at least ``min_files``
files and at least ``min_share`` of the site's files. They are written as a rule
pack of exact lines (families ``<site>-head`` and ``<site>-tail``) that
``textmend clean --rules site.toml`` applies in the head and tail zones only.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .decode import DecodeError, decode
from .io import DEFAULT_MAX_BYTES
from .rules import line_key

#: Lines looked at, from each end of a file (non-blank lines).
EDGE_LINES = 8
#: A line must repeat in at least this many files, and in this share of the site's files.
MIN_FILES = 3
MIN_SHARE = 0.5
#: Longer lines are article text, never furniture.
MAX_LINE_CHARS = 300


@lru_cache(maxsize=1)
def keep_patterns() -> tuple[re.Pattern[str], ...]:
    """Lines never learned (source, byline, date lines): ``data/learn_keep.txt``."""
    text = (resources.files("textmend") / "data" / "learn_keep.txt").read_text(encoding="utf-8")
    return tuple(re.compile(p, re.IGNORECASE) for p in text.splitlines() if p.strip() and not p.startswith("#"))


def edge_lines(text: str, n: int = EDGE_LINES) -> tuple[set[str], set[str]]:
    """The first and last ``n`` non-blank lines of ``text`` (normalized, as sets).

    >>> head, tail = edge_lines("a\\n\\nb\\nc\\nd\\n", 2)
    >>> sorted(head), sorted(tail)
    (['a', 'b'], ['c', 'd'])
    """
    lines = [line_key(x) for x in text.splitlines() if x.strip()]
    lines = [x for x in lines if len(x) <= MAX_LINE_CHARS]
    return set(lines[:n]), set(lines[-n:] if n else [])


def _learnable(line: str) -> bool:
    return not any(p.search(line) for p in keep_patterns())


@dataclass
class SiteRules:
    site: str
    files: int
    head: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)


def learn_site(texts: Iterable[str], site: str = ".", *, edge: int = EDGE_LINES, min_files: int = MIN_FILES,
               min_share: float = MIN_SHARE) -> SiteRules:
    """Lines repeated at the head or tail of the ``texts`` of one site.

    >>> pages = [f"Daily Bugle | Home\\nStory {i}.\\nBody text {i}.\\n© Daily Bugle" for i in range(4)]
    >>> r = learn_site(pages)
    >>> r.head, r.tail
    (['Daily Bugle | Home', '© Daily Bugle'], ['Daily Bugle | Home', '© Daily Bugle'])
    """
    heads: Counter = Counter()
    tails: Counter = Counter()
    n = 0
    for text in texts:
        h, t = edge_lines(text, edge)
        heads.update(h)
        tails.update(t)
        n += 1
    need = max(min_files, math.ceil(min_share * n))
    if n < min_files:
        return SiteRules(site, n)

    def pick(c: Counter) -> list[str]:
        return sorted((x for x, k in c.items() if k >= need and _learnable(x)), key=lambda x: (-c[x], x))

    return SiteRules(site, n, pick(heads), pick(tails))


def site_files(root: str | Path) -> dict[str, list[Path]]:
    """Regular files under ``root``, grouped by directory relative to ``root`` ("." for root)."""
    root = Path(root)
    groups: dict[str, list[Path]] = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.name.startswith("."):
            groups.setdefault(p.parent.relative_to(root).as_posix(), []).append(p)
    return groups


@dataclass
class LearnResult:
    sites: list[SiteRules]
    files: int
    unreadable: list[str]

    @property
    def lines(self) -> int:
        return sum(len(s.head) + len(s.tail) for s in self.sites)


def _read_texts(paths: list[Path], unreadable: list[str], max_bytes: int) -> Iterable[str]:
    for p in paths:
        try:
            data = p.read_bytes()
            if len(data) > max_bytes:
                raise DecodeError(f"larger than {max_bytes} bytes")
            text, _ = decode(data)
        except (OSError, DecodeError) as e:
            unreadable.append(f"{p}: {e}")
            continue
        yield text


def learn(root: str | Path, *, edge: int = EDGE_LINES, min_files: int = MIN_FILES, min_share: float = MIN_SHARE,
          max_bytes: int = DEFAULT_MAX_BYTES) -> LearnResult:
    """Learn every site (directory) under ``root``."""
    sites = []
    unreadable: list[str] = []
    files = 0
    for site, paths in site_files(root).items():
        files += len(paths)
        rules = learn_site(_read_texts(paths, unreadable, max_bytes), site, edge=edge, min_files=min_files,
                           min_share=min_share)
        if rules.head or rules.tail:
            sites.append(rules)
    return LearnResult(sites, files, unreadable)


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def to_toml(result: LearnResult, name: str = "learned", source: str = "") -> str:
    """The learned lines as a rule pack (see :mod:`textmend.rules`)."""
    out = [
        f"# Learned by `textmend learn {source}`: lines repeated at the head or tail of a site's pages.",
        "# Use with: textmend clean --rules THIS_FILE ...   (edit freely: delete any line to keep it)",
        "",
        f"name = {_toml_str(name)}",
        f"description = {_toml_str(f'learned from {result.files} files')}",
        'match_on = "original"',
    ]
    for s in result.sites:
        for zone, lines in (("head", s.head), ("tail", s.tail)):
            if not lines:
                continue
            family = f"{'root' if s.site == '.' else s.site}-{zone}"
            out += ["", f"[families.{_toml_str(family)}]", f"# {s.files} files", f'zone = "{zone}"',
                    f"max_len = {MAX_LINE_CHARS}", "lines = ["]
            out += [f"  {_toml_str(x)}," for x in lines]
            out.append("]")
    return "\n".join(out) + "\n"
