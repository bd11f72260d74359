"""textmend: turn damaged text back into clean text.

>>> import textmend
>>> textmend.clean("新型工業化,新質生產力", convert="t2s")
'新型工业化，新质生产力\\n'
"""

from __future__ import annotations

from .cjk_mojibake import CJKMojibake, fix_cjk_mojibake
from .convert import Convert, convert
from .decode import DecodeError, Detection, decode, detect
from .dropped_byte import DroppedByte, repair_shifted_runs
from .edits import Edit
from .filter import REGISTRY, Filter, get_filter, register
from .mirror import MirrorReport, detect_mirror
from .mojibake import Mojibake, fix_latin_mojibake
from .normalize import Layout, Punctuation, UnicodeForm, Whitespace, widen_cjk_punctuation
from .pinyin import Pinyin, remove_pinyin_annotations
from .pipeline import DEFAULT_STEPS, Pipeline, clean, clean_and_explain
from .profiles import detect_profile
from .strip import Strip, strip_boilerplate
from .width import Width, narrow_fullwidth_alnum

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_STEPS",
    "REGISTRY",
    "CJKMojibake",
    "Convert",
    "DecodeError",
    "Detection",
    "DroppedByte",
    "Edit",
    "Filter",
    "Layout",
    "MirrorReport",
    "Mojibake",
    "Pinyin",
    "Pipeline",
    "Punctuation",
    "Strip",
    "UnicodeForm",
    "Whitespace",
    "Width",
    "clean",
    "clean_and_explain",
    "convert",
    "decode",
    "detect",
    "detect_mirror",
    "detect_profile",
    "fix_cjk_mojibake",
    "fix_latin_mojibake",
    "get_filter",
    "narrow_fullwidth_alnum",
    "register",
    "remove_pinyin_annotations",
    "repair_shifted_runs",
    "strip_boilerplate",
    "widen_cjk_punctuation",
]
