"""The decision layer of detection: structural checks chardet does not make, and a choice
among candidate encodings by how plausible each reading is.

chardet (7.x) is a good first opinion but fails where the evidence is short (ten GBK
characters come back as EBCDIC) and cannot see that two answers give the same text.
Here the candidates (chardet's best few answers plus the usual encodings of the CJK and
single-byte families) are decoded strictly on a sample, each reading is scored with the
per-language character tables (:mod:`textmend.langfreq`), and the best is kept, with
chardet's own answer kept when it is about as plausible. The answer is then named by its
superset codec when that decodes to the same text (GB18030 ⊇ GBK ⊇ GB2312, CP949 ⊇
EUC-KR, CP932 ⊇ Shift_JIS) and verified by decoding the whole input.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from . import langfreq

#: Bytes scored (the whole input is still decoded strictly to verify the answer).
SAMPLE_BYTES = 65536
#: Non-ASCII bytes scored (a prefix of the sample holding about this many).
SCORE_HIGH_BYTES = 1500
#: Chardet's answer is kept unless another reading is more likely by this many nats in
#: all (so a byte or two of evidence never overrules it, ten Chinese characters do).
CHARDET_MARGIN = 8.0
#: Chardet's answer for an encoding without a language table is taken at this confidence,
#: or whenever no reading with a table reaches IMPLAUSIBLE (nats per non-ASCII byte).
CHARDET_TRUSTED = 0.5
IMPLAUSIBLE = -5.8
#: Our own answer (without asking chardet) is taken from this confidence on: on chardet's
#: corpus no wrong own answer reaches 0.71, and CJK text usually scores above 0.75.
OWN_TRUSTED = 0.75
#: An answer that is not ASCII-compatible (EBCDIC) is taken only at this confidence.
EBCDIC_TRUSTED = 0.9

#: Candidates always tried on non-UTF-8 input with non-ASCII bytes.
CJK_CANDIDATES = ("gb18030", "big5hkscs", "cp932", "euc_jp", "cp949")
SINGLE_BYTE_CANDIDATES = (
    "cp1252", "cp1250", "cp1251", "koi8_r", "iso8859_5", "cp866", "cp855", "mac_cyrillic", "iso8859_2",
    "cp1253", "iso8859_7", "cp1254", "cp1255", "cp1256", "iso8859_6", "cp1257", "mac_roman",
)

#: The name detection reports for a chardet answer (the codec decoding a superset of it).
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "euc_kr": "cp949",
    "ascii": "utf-8",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
}

#: Escape sequences that only 7-bit ISO-2022 text contains, and the codecs to try.
_ISO2022 = (
    (re.compile(rb"\x1b\$\)C"), ("iso2022_kr",)),
    (re.compile(rb"\x1b(?:\$[@B]|\$\(D|\(J|\(I)"), ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext")),
)
_HIGH = bytes(range(128, 256))
_LOW = bytes(range(128))
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def codec_name(name: str | None) -> str | None:
    """The canonical Python codec name of an encoding label, or None when Python has none.

    >>> codec_name("GB2312"), codec_name("EUC-KR"), codec_name("x-no-such")
    ('gb2312', 'euc_kr', None)
    """
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, codec: str, final: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(data, final=final)
    except (UnicodeDecodeError, LookupError):
        return None


def utf16_32_without_bom(data: bytes) -> str | None:
    """The UTF-16/32 codec of text without a byte order mark, from where its zero bytes fall.

    >>> utf16_32_without_bom("Plain text, 2024".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_32_without_bom("Plain text".encode("utf-32-le")), utf16_32_without_bom(b"plain")
    ('utf-32-le', None)
    """
    sample = data[:4096]
    n = len(sample) - len(sample) % 4
    if n < 8 or b"\x00" not in sample:
        return None
    sample = sample[:n]
    zeros = [sample[i::4].count(0) / (n // 4) for i in range(4)]
    candidates = []
    if zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.5:
        candidates.append("utf-32-le")
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[3] < 0.5:
        candidates.append("utf-32-be")
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if odd > 0.3 and even < 0.05:
        candidates.append("utf-16-le")
    if even > 0.3 and odd < 0.05:
        candidates.append("utf-16-be")
    for codec in candidates:
        if len(data) % (4 if "32" in codec else 2):
            continue
        text = _strict(data, codec, True)
        if text is not None and not _TEXT_CONTROLS.search(text):
            return codec
    if len(data) % 2 == 0:
        # CJK in UTF-16 has few zero bytes (only its ASCII has): the reading whose
        # characters the language tables know
        for codec in ("utf-16-le", "utf-16-be"):
            text = _strict(data[:n], codec, False)
            if text and not _TEXT_CONTROLS.search(text) and _known_share(text) >= 0.9:
                return codec if _strict(data, codec, True) is not None else None
    return None


def _known_share(text: str) -> float:
    """Share of the characters of ``text`` that are ASCII or listed in a language table."""
    known = _all_known()
    rest = [ch for ch in text if not ch.isascii()]
    return 1 - sum(ch not in known for ch in rest) / max(len(text), 1)


@lru_cache(maxsize=1)
def _all_known() -> frozenset[str]:
    return frozenset(ch for table in langfreq.tables().values() for ch in table)


def iso2022(data: bytes) -> str | None:
    """The ISO-2022 codec of 7-bit text with its escape sequences, verified by decoding.

    >>> iso2022("日本語のテキスト".encode("iso2022_jp")), iso2022("한국어".encode("iso2022_kr"))
    ('iso2022_jp', 'iso2022_kr')
    """
    if b"\x1b" not in data or not data.isascii():
        return None
    for pattern, codecs_ in _ISO2022:
        if pattern.search(data):
            for codec in codecs_:
                if _strict(data, codec, True) is not None:
                    return codec
    return None


#: Inputs up to this size are verified by decoding them whole; larger ones by decoding
#: VERIFY_WINDOWS line-aligned windows of VERIFY_WINDOW bytes spread over the rest.
VERIFY_FULL = 131072
VERIFY_WINDOWS = 8
VERIFY_WINDOW = 4096


def verify(data: bytes, codec: str, checked: int = 0) -> bool:
    """Whether ``data`` decodes strictly as ``codec`` (the first ``checked`` bytes are known
    to). Large inputs are verified on windows that start and end at a line break, which no
    byte of a multi-byte character in the CJK or single-byte encodings can be.

    >>> text = ("第一行文字\\n" * 40000).encode("gb18030")
    >>> verify(text, "gb18030"), verify(text[:-1] + b"\\xff", "gb18030"), verify(text, "utf-8")
    (True, False, False)
    """
    n = len(data)
    if n <= VERIFY_FULL or b"\n" not in data[checked:checked + VERIFY_WINDOW * 4]:
        try:
            data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            return False
        return True
    decoder = codecs.getdecoder(codec)
    spans = []
    for k in range(VERIFY_WINDOWS):
        off = checked + k * (n - checked) // VERIFY_WINDOWS
        s = data.find(b"\n", off, off + VERIFY_WINDOW)
        e = data.rfind(b"\n", s + 1, s + 1 + VERIFY_WINDOW) if s >= 0 else -1
        if e > s:
            spans.append((s + 1, e))
    tail = data.rfind(b"\n", max(checked, n - VERIFY_WINDOW))
    spans.append((tail + 1 if tail >= 0 else max(checked, n - VERIFY_WINDOW), n))
    try:
        for s, e in spans:
            decoder(data[s:e])
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _ascii_compatible(codec: str) -> bool:
    return _strict(b"Text 0-9, a-z.\n", codec, True) == "Text 0-9, a-z.\n"


def _high_bytes(data: bytes) -> int:
    return len(data) - len(data.translate(None, _HIGH))


def _score_prefix(sample: bytes) -> bytes:
    """The prefix of ``sample`` holding about SCORE_HIGH_BYTES non-ASCII bytes."""
    end = 4096
    while end < len(sample) and _high_bytes(sample[:end]) < SCORE_HIGH_BYTES:
        end *= 2
    return sample[:end]


@lru_cache(maxsize=512)
def _byte_logprobs(codec: str, lang: str) -> tuple[float, ...]:
    """Log-probability in ``lang`` of each byte 0x80-0xff read as ``codec`` (single-byte)."""
    table = langfreq.tables().get(lang, {})
    out = []
    for b in range(128, 256):
        ch = bytes((b,)).decode(codec, errors="replace")
        out.append(langfreq.BROKEN if langfreq.is_broken(ch) else table.get(ch, langfreq.UNLISTED))
    return tuple(out)


def _score_bytes(byte_counts: Counter[int], high: int, codec: str, langs: tuple[str, ...]) -> tuple[float, str]:
    """:func:`langfreq.plausibility` of a single-byte reading, from the counts of its bytes."""
    best, best_lang = float("-inf"), ""
    items = [(b - 128, n) for b, n in byte_counts.items()]
    for lang in langs:
        lp = _byte_logprobs(codec, lang)
        score = sum(n * lp[i] for i, n in items) / max(high, 1)
        if score > best:
            best, best_lang = score, lang
    return best, best_lang


def _superset(codec: str, sample: bytes, final: bool, decoded: str | None = None) -> str:
    """Name ``codec`` by its superset when the superset reads ``sample`` the same way.

    >>> _superset("gb2312", "发布".encode("gb2312"), True), _superset("gb18030", b"\\xa1\\xa4", True)
    ('gb18030', 'gb2312')
    """
    if codec in ("gb2312", "gbk", "gb18030"):
        if b"\xa1\xa4" not in sample and b"\xa1\xaa" not in sample:
            return "gb18030"  # the only codes the two mappings read differently are absent
        gb2312 = _strict(sample, "gb2312", final)
        # GB2312's own mapping (A1A4 U+30FB, A1AA U+2015) when it reads the bytes and GBK/GB18030 differ
        if gb2312 is None:
            return "gb18030"
        # (``decoded``: the caller's strict GB18030 reading of the same sample, if it has one)
        return "gb2312" if gb2312 != (decoded if decoded is not None else _strict(sample, "gb18030", final)) \
            else "gb18030"
    if codec in ("shift_jis", "cp932"):
        sjis = _strict(sample, "shift_jis", final)
        cp932 = _strict(sample, "cp932", final)
        # JIS's own mapping (〜 not ～) when both read the bytes and differ
        return "shift_jis" if sjis is not None and sjis != cp932 else "cp932"
    return SUPERSETS.get(codec, codec)


_WESTERN = ("cp1252", "latin_1", "iso8859-1", "iso8859-15")
_MID_WORD_RE = re.compile(r"(?<=[a-z])[^\x00-\x7f](?=[a-z])")


def mid_word_oddities(text: str) -> int:
    """Non-ASCII capitals and symbols between lower-case letters (``BlanchardÕs``): how a
    MacRoman apostrophe or accent reads in cp1252, and never how real words are spelled.

    >>> mid_word_oddities("Blanchard\u2019s café"), mid_word_oddities("Blanchard\u00d5s caf\u00c8")
    (0, 1)
    """
    return sum(1 for c in _MID_WORD_RE.findall(text) if c.isupper() or unicodedata.category(c) in ("Sm", "So"))


#: Share of non-ASCII letters glued to ASCII letters while being of another script, above
#: which a single-byte reading is taken for a Latin text read with a wrong code page.
CLASH_SHARE = 0.3
_GLUED_RE = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f]|[^\x00-\x7f](?=[A-Za-z])")
_NON_ASCII_LETTER_RE = re.compile(r"[^\W\d_\x00-\x7f]")


def script_clash_share(text: str) -> float:
    """Share of the non-ASCII letters that are not Latin yet touch an ASCII letter
    (``caf\u03b9`` is French read as Greek). Real Greek, Cyrillic or Hebrew words rarely
    touch ASCII letters.

    >>> script_clash_share("Le café de l'été"), script_clash_share("Le caf\u03b9 de l'\u03b9t\u03b9")
    (0.0, 1.0)
    >>> script_clash_share("Сегодня Windows-версия")
    0.0
    """
    letters = len(_NON_ASCII_LETTER_RE.findall(text))
    if not letters:
        return 0.0
    glued = sum(1 for c in _GLUED_RE.findall(text) if c.isalpha() and not "\u00c0" <= c <= "\u024f")
    return glued / letters


def choose(
    data: bytes, chardet_answers: list[dict], cache: dict | None = None
) -> tuple[str, float, str, str]:
    """(codec, confidence, language, reason) for non-UTF-8 text with non-ASCII bytes.

    ``chardet_answers`` is ``chardet.detect_all`` of the sample, best first (or empty: our
    own candidates only). ``cache`` (a dict, empty at first) keeps the readings and scores
    between a call without chardet's answers and one with them.
    """
    cache = {} if cache is None else cache
    sample = data[:SAMPLE_BYTES]
    final = len(data) <= SAMPLE_BYTES
    scored, scored_final = _score_prefix(sample), final
    if len(scored) < len(sample):
        scored_final = False
    high = _high_bytes(scored)
    byte_counts = Counter(scored.translate(None, _LOW))
    top = codec_name(chardet_answers[0]["encoding"]) if chardet_answers else None
    top_conf = float(chardet_answers[0].get("confidence") or 0.0) if chardet_answers else 0.0
    top_lang = (chardet_answers[0].get("language") or "") if chardet_answers else ""
    names = [codec_name(a["encoding"]) for a in chardet_answers[:3]]
    candidates = list(dict.fromkeys([n for n in names if n] + [*CJK_CANDIDATES, *SINGLE_BYTE_CANDIDATES]))
    readings: dict[str, str] = {}
    scores: dict[str, tuple[float, str]] = {}
    memo: dict[tuple[str, tuple[str, ...]], tuple[float, str]] = {}
    for codec in candidates:
        if codec in cache:
            if cache[codec] is not None:
                readings[codec], score = cache[codec]
                if score is not None:
                    scores[codec] = score
            continue
        if _strict(sample, codec, final) is None:
            cache[codec] = None
            continue
        text = readings[codec] = _strict(scored, codec, scored_final) or ""
        cache[codec] = (text, None)
        langs = langfreq.languages_for(codec)
        if not langs:
            continue
        if langs[0] in ("zh", "ja", "ko"):
            key = (text, langs)
            if key not in memo:
                memo[key] = langfreq.plausibility(text, high, langs)
            scores[codec] = memo[key]
        else:  # one byte, one character: score the counted bytes, not the text
            scores[codec] = _score_bytes(byte_counts, high, codec, langs)
        cache[codec] = (text, scores[codec])
    if not readings:
        return "cp1252", 0.0, "", "nothing decodes strictly"
    if not scores:
        codec = top if top in readings else next(iter(readings))
        return _superset(codec, sample, final), round(top_conf, 2), top_lang, "chardet"
    best = max(scores, key=lambda c: scores[c][0])
    if script_clash_share(readings[best]) > CLASH_SHARE:
        # Greek or Cyrillic letters glued to Latin ones: a Latin text read with the wrong page
        plain = [c for c in scores if script_clash_share(readings[c]) <= CLASH_SHARE / 10]
        if plain:
            best = max(plain, key=lambda c: scores[c][0])
            if top in scores and top not in plain:
                top = None
    if top in readings and not _ascii_compatible(top) and top_conf < EBCDIC_TRUSTED:
        del readings[top]  # EBCDIC and the like: chardet's fallback for short input
    if top in readings and top not in scores and (top_conf >= CHARDET_TRUSTED or scores[best][0] < IMPLAUSIBLE):
        return _superset(top, sample, final), round(top_conf, 2), top_lang, "chardet"
    reason = "character-frequency check"
    if top in scores and top != best:
        if readings[top] == readings[best] or (scores[best][0] - scores[top][0]) * high < CHARDET_MARGIN:
            best, reason = top, "chardet, confirmed by character frequencies"
    elif top == best:
        reason = "chardet, confirmed by character frequencies"
    score, lang = scores[best]
    ranked = sorted((s for c, (s, _) in scores.items() if readings[c] != readings[best]), reverse=True)
    margin = score - ranked[0] if ranked else 5.0
    confidence = round(min(0.99, 0.5 + margin / 10), 2)
    if best in _WESTERN and "mac_roman" in readings and readings["mac_roman"] != readings[best]:
        odd, mac_odd = mid_word_oddities(readings[best]), mid_word_oddities(readings["mac_roman"])
        if odd and not mac_odd:
            why = f"{odd} capital(s) or symbol(s) inside words as {best}, none as MacRoman"
            return "mac_roman", confidence, lang, why
    return _superset(best, sample, final), confidence, lang, reason
