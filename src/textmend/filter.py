"""The one interface every filter implements, and the registry of filters by name.

A filter is a named callable ``str -> str`` that can also report what it changed
(as datatrove's pipeline steps share one interface). Filters register themselves
with :func:`register` so pipelines and recipes can name them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from .edits import Edit

REGISTRY: dict[str, type[Filter]] = {}


class Filter:
    """Base class: subclasses set ``name``, ``stage``, ``summary`` and implement :meth:`apply`."""

    name: ClassVar[str] = ""
    stage: ClassVar[str] = ""
    summary: ClassVar[str] = ""

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        """Return the filtered text; append an :class:`Edit` per change when ``edits`` is a list."""
        raise NotImplementedError

    def __call__(self, text: str) -> str:
        return self.apply(text, None)

    def explain(self, text: str) -> tuple[str, list[Edit]]:
        """Return ``(new_text, edits)``."""
        edits: list[Edit] = []
        return self.apply(text, edits), edits

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def register(cls: type[Filter]) -> type[Filter]:
    """Class decorator: make a filter available by its ``name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    REGISTRY[cls.name] = cls
    return cls


def get_filter(name: str, **options) -> Filter:
    """Build a registered filter by name."""
    try:
        cls = REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise KeyError(f"unknown filter {name!r}; known filters: {known}") from None
    return cls(**options)


class FunctionFilter(Filter):
    """Wrap a plain ``str -> str`` function as a filter (edits are whole-text)."""

    def __init__(self, func: Callable[[str], str], name: str | None = None) -> None:
        self.func = func
        self.name = name or func.__name__  # type: ignore[misc]

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        new = self.func(text)
        if edits is not None and new != text:
            edits.append(Edit(self.name, None, text, new))
        return new
