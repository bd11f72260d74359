"""Deterministic benchmark corpora, built from text that ships with the project or Python.

Sources (nothing is downloaded):

- Chinese prose: the paragraphs of ``fixtures/*.txt`` (the clean Simplified text of
  the seeds); Traditional text is made from it with the official OpenCC ``s2t``, keeping
  only paragraphs that OpenCC's plain ``t2s`` maps back exactly (so the expected
  Simplified text is known without asking textmend).
- Boilerplate: the head and tail lines of ``seeds/*.txt`` that have no counterpart in
  the fixtures (spam headers, navigation, footers as mirror sites really print them).
- English prose: the paragraphs of the Python documentation that ships with CPython
  (``pydoc_data.topics``), with typographic quotes and dashes put in.

Every corpus is a list of :class:`Case` documents: the bytes given to both contenders
and the clean text a perfect cleaner would return. A seeded ``random.Random`` makes
the same corpus on every run.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20241120


@dataclass
class Case:
    data: bytes
    expected: str


@dataclass
class Corpus:
    name: str
    description: str
    convert: str | None
    cases: list[Case] = field(default_factory=list)

    @property
    def nbytes(self) -> int:
        return sum(len(c.data) for c in self.cases)


# --- sources ---------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def zh_hans_paragraphs() -> list[str]:
    """Body paragraphs of the clean fixtures (Simplified Chinese), de-duplicated, in order."""
    out: list[str] = []
    for f in sorted((ROOT / "fixtures").glob("*.txt")):
        out.extend(_paragraphs(f.read_text(encoding="utf-8")))
    return list(dict.fromkeys(out))


def zh_pairs() -> list[tuple[str, str]]:
    """(Simplified, Traditional) paragraph pairs that round-trip through OpenCC and encode in Big5."""
    import opencc

    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    pairs = []
    for p in zh_hans_paragraphs():
        t = s2t.convert(p)
        if t2s.convert(t) != p:
            continue
        try:
            t.encode("big5")
        except UnicodeEncodeError:
            continue
        pairs.append((p, t))
    return pairs


#: A pinyin reading in brackets, as mirror sites insert them (ignored when matching lines).
_READING_RE = re.compile(r"\([a-z\u00e0-\u01dc]{1,7}\)")


def _line_key(line: str) -> str:
    import opencc

    s = opencc.OpenCC("t2s").convert(unicodedata.normalize("NFKC", line))
    return re.sub(r"[\W_]+", "", _READING_RE.sub("", s))


def seed_boilerplate() -> list[tuple[list[str], list[str]]]:
    """(head lines, tail lines) of each seed: lines before the first / after the last line
    that has a counterpart in the fixture of the same name."""
    out = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        fixture = ROOT / "fixtures" / seed.name
        if not fixture.exists():
            continue
        keys = {_line_key(p) for p in _paragraphs(fixture.read_text(encoding="utf-8"))}
        lines = seed.read_text(encoding="utf-8", errors="replace").split("\n")
        hits = [i for i, line in enumerate(lines) if line.strip() and _line_key(line) in keys]
        if not hits:
            continue
        head = [x.strip() for x in lines[: hits[0]] if x.strip()]
        tail = [x.strip() for x in lines[hits[-1] + 1 :] if x.strip()]
        out.append((head, tail))
    return out


_CONTRACTION_RE = re.compile(r"(?<=[A-Za-z])'(?=[a-z])")
_QUOTED_RE = re.compile(r'"([A-Za-z][^"\n]{0,60}?)"')
_DASH_RE = re.compile(r" -- | - ")


def typographic(text: str) -> str:
    """Curly apostrophes and quotes, real dashes: what English text on the web contains.

    >>> typographic('It\\'s "fine" -- really')
    'It’s “fine” — really'
    """
    text = _CONTRACTION_RE.sub("’", text)
    text = _QUOTED_RE.sub(r"“\1”", text)
    return _DASH_RE.sub(" — ", text)


def en_paragraphs() -> list[str]:
    """Prose paragraphs (no code, no tables) of the CPython documentation topics."""
    from pydoc_data.topics import topics

    out = []
    for name in sorted(topics):
        for block in re.split(r"\n\s*\n", topics[name]):
            lines = block.split("\n")
            if len(lines) < 2 or any(not x or x[0] in " *-=+|>" for x in lines):
                continue
            if any(x.rstrip().endswith("::") or "*****" in x or "=====" in x for x in lines):
                continue
            text = "\n".join(x.rstrip() for x in lines)
            if len(text) >= 120 and text.isascii():
                out.append(typographic(text))
    return out


# --- damage ------------------------------------------------------------------------------

#: What mirror sites fold to ASCII (full-width punctuation -> its ASCII form).
_WIDTH_FOLD = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})


def fold_width(text: str) -> str:
    """Full-width punctuation folded to ASCII, as mirror sites print it.

    >>> fold_width("江蘇：新質生產力，起點（ITBT）")
    '江蘇:新質生產力,起點(ITBT)'
    """
    return text.translate(_WIDTH_FOLD)


def _single_reading(char: str) -> str | None:
    from pypinyin import Style, pinyin

    alts = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    if len(alts) == 1 and len(alts[0]) == 1:
        return alts[0][0]
    return None


def annotate_pinyin(paragraphs: list[str], rng: random.Random, nchars: int = 3) -> list[str]:
    """Insert ``字(zì)`` after every occurrence of a few characters with one reading (the mirror pattern)."""
    text = "".join(paragraphs)
    counts: dict[str, int] = {}
    for c in text:
        if "\u4e00" <= c <= "\u9fff":
            counts[c] = counts.get(c, 0) + 1
    frequent = sorted((c for c, n in counts.items() if n >= 2), key=lambda c: (-counts[c], c))[:40]
    chosen = {}
    for c in rng.sample(frequent, len(frequent)):
        r = _single_reading(c)
        if r:
            chosen[c] = r
        if len(chosen) == nchars:
            break
    if not chosen:
        return paragraphs
    table = str.maketrans({c: f"{c}({r})" for c, r in chosen.items()})
    return [p.translate(table) for p in paragraphs]


def latin_mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252: ``’`` -> ``â€™`` (ftfy's sloppy codec keeps every byte).

    >>> latin_mojibake("it’s")
    'itâ€™s'
    """
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    return text.encode("utf-8").decode("sloppy-windows-1252")


# --- corpora -------------------------------------------------------------------------------


def _docs(paras: list, rng: random.Random, target: int, per_doc: tuple[int, int], size) -> list[list]:
    """Documents of ``per_doc`` random paragraphs until ``size(doc)`` sums to ``target``."""
    docs, total = [], 0
    while total < target:
        doc = [paras[rng.randrange(len(paras))] for _ in range(rng.randint(*per_doc))]
        docs.append(doc)
        total += size(doc)
    return docs


def _join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def build(target_bytes: int) -> list[Corpus]:
    """All benchmark corpora, each about ``target_bytes`` of input."""
    rng = random.Random(SEED)
    pairs = zh_pairs()
    hans = [s for s, _ in pairs]
    en = en_paragraphs()
    out: list[Corpus] = []

    c = Corpus("gb18030-zh", "Simplified Chinese in GB18030", None)
    for doc in _docs(hans, rng, target_bytes, (10, 30), lambda d: 2 * sum(len(p) for p in d)):
        c.cases.append(Case(_join(doc).encode("gb18030"), _join(doc)))
    out.append(c)

    c = Corpus("big5-zh-t2s", "Traditional Chinese in Big5, converted to Simplified", "t2s")
    for doc in _docs(pairs, rng, target_bytes, (10, 30), lambda d: 2 * sum(len(t) for _, t in d)):
        c.cases.append(Case(_join([t for _, t in doc]).encode("big5"), _join([s for s, _ in doc])))
    out.append(c)

    c = Corpus("mirror-zh-t2s", "UTF-8 Traditional mirror page (pinyin, folded punctuation, boilerplate) to Simplified",
               "t2s")
    frames = seed_boilerplate()
    for i, doc in enumerate(_docs(pairs, rng, target_bytes, (10, 30), lambda d: 3 * sum(len(t) for _, t in d))):
        trad = annotate_pinyin([fold_width(t) for _, t in doc], rng)
        head, tail = frames[i % len(frames)] if frames else ([], [])
        body = head + [""] + [x for p in trad for x in (p, "")] + tail
        c.cases.append(Case("\n".join(body).encode("utf-8") + b"\n", _join([s for s, _ in doc])))
    out.append(c)

    c = Corpus("cp1252-en", "English, two paragraphs in three UTF-8 read as Windows-1252", None)
    for doc in _docs(en, rng, target_bytes, (5, 15), lambda d: sum(len(p) for p in d)):
        damaged = [latin_mojibake(p) if rng.random() < 2 / 3 else p for p in doc]
        c.cases.append(Case(_join(damaged).encode("utf-8"), _join(doc)))
    out.append(c)

    c = Corpus("clean-utf8", "clean UTF-8: English, Simplified and Traditional Chinese", None)
    kinds = {"en": en, "hans": hans, "hant": [t for _, t in pairs]}
    total = 0
    names = sorted(kinds)
    while total < target_bytes:
        kind = names[rng.randrange(len(names))]
        paras = kinds[kind]
        doc = [paras[rng.randrange(len(paras))] for _ in range(rng.randint(4, 12))]
        text = _join(doc)
        data = text.encode("utf-8")
        c.cases.append(Case(data, text))
        total += len(data)
    out.append(c)
    return out
