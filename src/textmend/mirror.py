"""Is this Traditional-script page a machine-converted (mirrored) Simplified page?

Mirror sites copy mainland pages and run them through a Simplified -> Traditional
converter. What gives them away:

- Simplified characters left behind that no Traditional writer uses in that spot
  (``這里``, ``11分鐘后``, ``用于``, ``開園并``): characters that OpenCC's s2t, s2tw and
  s2hk would all still change;
- Hanyu-Pinyin annotations inserted after characters (``網(wǎng)``);
- mainland wording (``信息``, ``软件``, ``同比增长``) in Traditional script.

:func:`detect_mirror` weighs these and says why; the pipeline adds its verdict to
``--explain`` as a note, and ``textmend detect`` prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .chardata import HAN_RE, has_kana
from .edits import Edit

#: At least this many Han characters before any verdict.
MIN_HAN = 20
#: Share of Han characters that t2s changes for the text to count as Traditional.
MIN_TRADITIONAL_SHARE = 0.10
#: Residual Simplified characters, pinyin annotations, distinct mainland terms needed.
MIN_RESIDUE = 3
MIN_ANNOTATIONS = 3
MIN_TERMS = 4
#: Characters the three converters change that genuine Taiwan/Hong Kong text also writes
#: this way (宣布, 了解): not evidence.
BENIGN_RESIDUE = frozenset("布了")


@dataclass
class MirrorReport:
    """The verdict and the evidence behind it."""

    mirrored: bool
    traditional_share: float = 0.0
    residue: dict[str, int] = field(default_factory=dict)
    annotations: int = 0
    terms: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.residue:
            top = "".join(sorted(self.residue, key=self.residue.get, reverse=True)[:6])
            out.append(f"{sum(self.residue.values())} Simplified-only characters in Traditional text ({top})")
        if self.annotations:
            out.append(f"{self.annotations} pinyin annotations")
        if self.terms:
            out.append(f"mainland wording ({'、'.join(self.terms[:5])})")
        return out

    def describe(self) -> str:
        if not self.mirrored:
            return "not a mirrored Simplified page"
        return "looks like a mirrored Simplified page: " + "; ".join(self.reasons)


@cache
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def mainland_terms() -> tuple[str, ...]:
    """The mainland-wording list shipped in ``data/mirror/mainland_terms.txt``."""
    path = resources.files("textmend") / "data" / "mirror" / "mainland_terms.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(t.strip() for t in lines if t.strip() and not t.startswith("#"))


def simplified_residue(text: str) -> dict[str, int]:
    """Han characters that s2t, s2tw and s2hk would all still change (Simplified leftovers).

    >>> simplified_residue("這里的發展，11分鐘后")
    {'里': 1, '后': 1}
    """
    converted = [_opencc(c).convert(text) for c in ("s2t", "s2tw", "s2hk")]
    out: dict[str, int] = {}
    if any(len(c) != len(text) for c in converted):
        return out
    for i, ch in enumerate(text):
        if ch in BENIGN_RESIDUE or not HAN_RE.match(ch):
            continue
        if all(c[i] != ch for c in converted):
            out[ch] = out.get(ch, 0) + 1
    return out


def detect_mirror(text: str) -> MirrorReport:
    """Weigh the evidence that ``text`` is a Simplified page converted to Traditional.

    >>> detect_mirror("我們在這里看到，11分鐘后無人機用于救治病人，開園并公布規劃。").mirrored
    True
    >>> detect_mirror("我們在這裡看到，11分鐘後無人機用於救治病人，開園並公布規劃。").mirrored
    False
    """
    han = HAN_RE.findall(text)
    if len(han) < MIN_HAN or has_kana(text):  # Japanese kanji are not mirrored Chinese
        return MirrorReport(False)
    simp = _opencc("t2s").convert(text)
    changed = sum(1 for a, b in zip(text, simp) if a != b) if len(simp) == len(text) else len(han)
    share = changed / len(han)
    if share < MIN_TRADITIONAL_SHARE:
        return MirrorReport(False, share)
    from .pinyin import count_annotations

    residue = simplified_residue(text)
    annotations = count_annotations(text)
    terms = [t for t in mainland_terms() if t in simp]
    mirrored = (sum(residue.values()) >= MIN_RESIDUE or annotations >= MIN_ANNOTATIONS
                or len(terms) >= MIN_TERMS)
    return MirrorReport(mirrored, share, residue, annotations, terms)


_NOTE_RE = re.compile(r"[\u3400-\u9fff]")


def mirror_note(text: str) -> Edit | None:
    """An explain-only :class:`Edit` (no change) when ``text`` looks mirrored, else None."""
    if _NOTE_RE.search(text) is None:
        return None
    report = detect_mirror(text)
    if not report.mirrored:
        return None
    return Edit("mirror", None, "", "", report.describe())
