"""A pipeline is an ordered list of filters with one interface (as in datatrove).

The default pipeline runs the stages repair -> strip -> normalize -> convert on
text that the decode stage produced from bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import cjk_mojibake as _cjk_mojibake  # noqa: F401  (registers the filters)
from . import convert as _convert  # noqa: F401
from . import dropped_byte as _dropped_byte  # noqa: F401
from . import mojibake as _mojibake  # noqa: F401
from . import normalize as _normalize  # noqa: F401
from . import pinyin as _pinyin  # noqa: F401
from . import strip as _strip  # noqa: F401
from . import width as _width  # noqa: F401
from .decode import Detection, decode
from .edits import Edit
from .filter import REGISTRY, Filter, get_filter
from .mirror import mirror_note
from .normalize import fix_line_endings
from .profiles import AUTO, detect_profile, get_profile
from .rules import RulePack, builtin_packs, load_pack_file

#: The default steps, in order. ``convert`` is added when a conversion is asked for.
DEFAULT_STEPS: tuple[str, ...] = (
    "mojibake",
    "cjk-mojibake",
    "pinyin",
    "dropped-byte",
    "strip",
    "unicode",
    "punctuation",
    "whitespace",
    "layout",
)


class Pipeline:
    """An ordered list of filters; ``Pipeline(...)(text)`` runs them all."""

    def __init__(self, filters: Sequence[Filter]) -> None:
        self.filters = list(filters)

    @classmethod
    def from_names(cls, names: Iterable[str], options: dict[str, dict] | None = None) -> Pipeline:
        options = options or {}
        return cls([get_filter(n, **options.get(n, {})) for n in names])

    @classmethod
    def default(
        cls,
        convert: str | None = None,
        *,
        skip: Iterable[str] = (),
        rules: Sequence[str] = (),
        disable_rules: Iterable[str] = (),
        restore_mirror: bool = True,
        profile: str | None = None,
    ) -> Pipeline:
        """The standard cleaning chain, optionally ending with an OpenCC conversion.

        ``profile`` (``zh-hans``, ``zh-hant``, ``ja``, ``en`` or ``auto``, see
        :mod:`textmend.profiles`) selects the normalizations for a language; ``None``
        runs every default step, each with its own language guards.
        """
        if profile == AUTO:
            return AutoPipeline(convert, skip=skip, rules=rules, disable_rules=disable_rules,
                                restore_mirror=restore_mirror)
        prof = get_profile(profile) if profile else None
        skip = set(skip)
        unknown = skip - set(REGISTRY)
        if unknown:
            raise KeyError(f"unknown filter(s) to skip: {', '.join(sorted(unknown))}")
        packs: list[RulePack] = list(builtin_packs()) + [load_pack_file(r) for r in rules]
        options: dict[str, dict] = {"strip": {"packs": packs, "disable": tuple(disable_rules)}}
        steps = prof.steps(DEFAULT_STEPS) if prof else list(DEFAULT_STEPS)
        names = [n for n in steps if n not in skip]
        if prof:
            for name, opts in prof.options.items():
                options.setdefault(name, {}).update(opts)
        if convert:
            options["convert"] = {"config": convert, "restore": restore_mirror}
            if "convert" not in skip:
                names.append("convert")
        return cls.from_names(names, options)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.filters]

    def run(self, text: str, edits: list[Edit] | None = None) -> str:
        if edits is not None:
            note = mirror_note(text)
            if note is not None:
                edits.append(note)
        if "layout" in self.names:
            # Line-based filters split on "\n": give them CR/CRLF/U+2028 text already as
            # "\n" lines (else a second run sees lines the first did not, e.g. "a\rb  ").
            text = fix_line_endings(text, edits)
        for f in self.filters:
            text = f.apply(text, edits)
        return text

    def __call__(self, text: str) -> str:
        return self.run(text)

    def __repr__(self) -> str:
        return f"Pipeline({self.names})"


_PIPELINES: dict[tuple, Pipeline] = {}
_PIPELINES_MAX = 64


class AutoPipeline(Pipeline):
    """The default chain with the profile chosen per document (``--profile auto``)."""

    def __init__(self, convert: str | None = None, **options) -> None:
        self.convert = convert
        self.options = options
        self._by_profile: dict[str, Pipeline] = {}
        super().__init__(self.for_profile("zh-hans").filters)

    def for_profile(self, name: str) -> Pipeline:
        pipe = self._by_profile.get(name)
        if pipe is None:
            pipe = self._by_profile[name] = Pipeline.default(self.convert, profile=name, **self.options)
        return pipe

    def run(self, text: str, edits: list[Edit] | None = None) -> str:
        return self.for_profile(detect_profile(text)).run(text, edits)


def _default_pipeline(convert: str | None, options: dict) -> Pipeline:
    """``Pipeline.default(convert, **options)``, built once per process for each set of options.

    Filters hold no per-document state, so one pipeline serves every call. Options
    naming rule files (``rules=``) are not cached: the files may change between calls.
    """
    if options.get("rules"):
        return Pipeline.default(convert, **options)
    try:
        key = (convert, tuple(sorted((k, tuple(sorted(v)) if isinstance(v, (list, set, frozenset, tuple)) else v)
                                     for k, v in options.items())))
        pipe = _PIPELINES.get(key)
    except TypeError:  # unhashable or unsortable option values: build afresh
        return Pipeline.default(convert, **options)
    if pipe is None:
        pipe = Pipeline.default(convert, **options)
        if len(_PIPELINES) >= _PIPELINES_MAX:
            _PIPELINES.clear()
        _PIPELINES[key] = pipe
    return pipe


def _to_text(data: str | bytes, encoding: str | None, edits: list[Edit] | None) -> tuple[str, Detection | None]:
    if isinstance(data, str):
        return data, None
    return decode(bytes(data), encoding=encoding, edits=edits)


def clean(
    data: str | bytes,
    *,
    convert: str | None = None,
    encoding: str | None = None,
    pipeline: Pipeline | None = None,
    **options,
) -> str:
    """Clean text (or bytes, which are decoded first) with the default pipeline.

    >>> clean("首頁 > 熱點 > 正文\\n江蘇蘇州:孕育新質生產力\\n", convert="t2s")
    '江苏苏州：孕育新质生产力\\n'
    """
    text, _ = _to_text(data, encoding, None)
    pipe = pipeline or _default_pipeline(convert, options)
    return pipe.run(text)


def clean_and_explain(
    data: str | bytes,
    *,
    convert: str | None = None,
    encoding: str | None = None,
    pipeline: Pipeline | None = None,
    **options,
) -> tuple[str, list[Edit]]:
    """Like :func:`clean`, and also return the list of :class:`Edit` each filter made."""
    edits: list[Edit] = []
    text, _ = _to_text(data, encoding, edits)
    pipe = pipeline or _default_pipeline(convert, options)
    return pipe.run(text, edits), edits
