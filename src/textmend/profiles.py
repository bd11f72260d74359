"""Profiles: which normalizations apply to a document's language.

``--profile zh-hans|zh-hant|ja|en`` picks a row of ``data/profiles.toml``;
``--profile auto`` (the default) picks one per document with :func:`detect_profile`.
Example: full-width letters and digits become ASCII in Chinese and English text but
never in Japanese, where they are intended; Japanese keeps its U+3000 indents.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .chardata import HAN_RE, KANA_RE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

AUTO = "auto"
#: A document is Japanese when kana make up at least this share of its Han + kana.
JA_MIN_KANA_SHARE = 0.05
#: A Chinese document is Traditional when t2s changes at least this share of its Han.
HANT_MIN_SHARE = 0.10


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    off: tuple[str, ...] = ()
    add: tuple[tuple[str, str], ...] = ()
    options: dict = field(default_factory=dict, compare=False, hash=False)

    def steps(self, steps: tuple[str, ...] | list[str]) -> list[str]:
        """``steps`` with this profile's steps left out and added.

        >>> get_profile("ja").steps(["unicode", "punctuation", "whitespace"])
        ['unicode', 'whitespace']
        >>> get_profile("zh-hans").steps(["unicode", "punctuation"])
        ['unicode', 'width', 'punctuation']
        """
        out = [s for s in steps if s not in self.off]
        for step, after in self.add:
            if step in out:
                continue
            out.insert(out.index(after) + 1 if after in out else len(out), step)
        return out


@lru_cache(maxsize=1)
def profiles() -> dict[str, Profile]:
    """The profiles shipped in ``data/profiles.toml``, by name."""
    raw = tomllib.loads((resources.files("textmend") / "data" / "profiles.toml").read_text(encoding="utf-8"))
    return {
        name: Profile(
            name,
            spec.get("description", ""),
            tuple(spec.get("off", ())),
            tuple((a, b) for a, b in spec.get("add", ())),
            dict(spec.get("options", {})),
        )
        for name, spec in raw.items()
    }


def profile_names() -> tuple[str, ...]:
    """Names ``--profile`` accepts: the shipped profiles and ``auto``."""
    return (*profiles(), AUTO)


def get_profile(name: str) -> Profile:
    try:
        return profiles()[name]
    except KeyError:
        raise KeyError(f"unknown profile {name!r}; use one of: {', '.join(profile_names())}") from None


def detect_profile(text: str) -> str:
    """The profile for ``text``: ``ja`` (kana), ``zh-hant``/``zh-hans`` (Han), else ``en``.

    >>> detect_profile("東京で新しい店が開いた。"), detect_profile("蘇州工業園區的發展")
    ('ja', 'zh-hant')
    >>> detect_profile("苏州工业园区的发展"), detect_profile("Hello, world.")
    ('zh-hans', 'en')
    """
    sample = text[:20000]
    han = HAN_RE.findall(sample)
    kana = len(KANA_RE.findall(sample))
    if kana and kana >= JA_MIN_KANA_SHARE * (len(han) + kana):
        return "ja"
    if not han:
        return "en"
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    if len(han) * 4 < latin:  # a few Chinese words in an English text
        return "en"
    from .strip import to_simplified

    joined = "".join(han)
    simp = to_simplified(joined)
    changed = sum(1 for a, b in zip(joined, simp) if a != b)
    return "zh-hant" if changed >= HANT_MIN_SHARE * len(han) else "zh-hans"
