"""textmend: turn damaged text back into clean text.

>>> import textmend
>>> textmend.clean("新型工業化,新質生產力", convert="t2s")
'新型工业化，新质生产力\\n'
"""

from __future__ import annotations

from .convert import Convert, convert
from .decode import DecodeError, Detection, decode, detect
from .dropped_byte import DroppedByte, repair_shifted_runs
from .edits import Edit
from .filter import REGISTRY, Filter, get_filter, register
from .mojibake import Mojibake, fix_latin_mojibake
from .normalize import Layout, Punctuation, UnicodeForm, Whitespace, widen_cjk_punctuation
from .pinyin import Pinyin, remove_pinyin_annotations
from .pipeline import DEFAULT_STEPS, Pipeline, clean, clean_and_explain
from .strip import Strip, strip_boilerplate

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_STEPS",
    "REGISTRY",
    "Convert",
    "DecodeError",
    "Detection",
    "DroppedByte",
    "Edit",
    "Filter",
    "Layout",
    "Mojibake",
    "Pinyin",
    "Pipeline",
    "Punctuation",
    "Strip",
    "UnicodeForm",
    "Whitespace",
    "clean",
    "clean_and_explain",
    "convert",
    "decode",
    "detect",
    "fix_latin_mojibake",
    "get_filter",
    "register",
    "remove_pinyin_annotations",
    "repair_shifted_runs",
    "strip_boilerplate",
    "widen_cjk_punctuation",
]
