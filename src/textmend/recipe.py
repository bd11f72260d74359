"""Recipes: a TOML file naming the filters and their options, so one file drives local
and Ray runs alike.

Either options for the default chain::

    convert = "t2s"            # OpenCC config (optional)
    skip = ["punctuation"]     # leave filters out
    profile = "zh-hans"        # normalizations for a language
    rules = ["site.toml"]      # extra strip rule packs (paths relative to the recipe)
    disable_rules = ["ads"]
    restore_mirror = true
    strict = false             # undecodable bytes fail the file
    encoding = "gb18030"       # skip detection

or an explicit chain, each filter with its options::

    [[filter]]
    name = "pinyin"
    [[filter]]
    name = "convert"
    options = { config = "s2t" }

>>> opts = from_dict({"convert": "t2s", "skip": ["punctuation"]})
>>> opts.convert, opts.skip
('t2s', ('punctuation',))
>>> [n for n, _ in from_dict({"filter": [{"name": "layout"}]}).steps]
['layout']
"""

from __future__ import annotations

import os

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from .batch import BatchOptions
from .filter import REGISTRY

_KEYS = {"convert", "skip", "profile", "rules", "disable_rules", "restore_mirror", "strict", "encoding",
         "output_encoding", "max_bytes", "filter"}


class RecipeError(ValueError):
    """A recipe file that cannot be used; the message says where and why."""


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def from_dict(doc: dict, base: str = ".") -> BatchOptions:
    """Build :class:`BatchOptions` from a parsed recipe (``base``: folder for relative paths)."""
    unknown = set(doc) - _KEYS
    if unknown:
        raise RecipeError(f"unknown recipe key(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}")
    kw: dict = {}
    for key in ("convert", "profile", "encoding", "output_encoding", "max_bytes", "restore_mirror", "strict"):
        if key in doc:
            kw[key] = doc[key]
    for key in ("skip", "disable_rules"):
        if key in doc:
            kw[key] = tuple(doc[key])
    if "rules" in doc:
        kw["rules"] = tuple(os.path.join(base, r) for r in doc["rules"])
    if "filter" in doc:
        steps = []
        for i, f in enumerate(doc["filter"]):
            name = f.get("name") if isinstance(f, dict) else None
            if name not in REGISTRY:
                raise RecipeError(f"filter #{i + 1}: unknown filter {name!r}; known: {', '.join(sorted(REGISTRY))}")
            opts = f.get("options", {})
            if not isinstance(opts, dict):
                raise RecipeError(f"filter {name!r}: options must be a table")
            steps.append((name, tuple(sorted((k, _frozen(v)) for k, v in opts.items()))))
        kw["steps"] = tuple(steps)
    return BatchOptions(**kw)


def load(path: str) -> BatchOptions:
    """Read a recipe file."""
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except OSError as e:
        raise RecipeError(f"{path}: cannot read: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise RecipeError(f"{path}: not valid TOML: {e}") from None
    try:
        return from_dict(doc, os.path.dirname(path) or ".")
    except RecipeError as e:
        raise RecipeError(f"{path}: {e}") from None
