"""decode: bytes to text (BOMs, strict UTF-8 first, then detection)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from . import guess, mixed
from .cjkguess import guess_chinese_text
from .edits import Edit

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: The decoder used for a *detected* encoding when it is not the codec of the same name.
#: GB2312 text is read with the GB18030 decoder, as browsers do (the WHATWG Encoding
#: Standard maps the ``gb2312`` label to its GBK decoder): Python's own ``gb2312`` codec
#: reads 0xA1AA as U+2015 HORIZONTAL BAR and 0xA1A4 as U+30FB KATAKANA MIDDLE DOT where
#: Chinese text means the dash ``——`` (U+2014) and the name separator ``·`` (U+00B7).
DECODERS = {"gb2312": "gb18030"}


def codec_for(detected: str) -> str:
    """The Python codec that decodes text detected as ``detected``.

    >>> codec_for("gb2312"), codec_for("big5hkscs")
    ('gb18030', 'big5hkscs')
    >>> b"\\xa1\\xaa".decode(codec_for("gb2312"))
    '—'
    """
    return DECODERS.get(detected, detected)


class DecodeError(ValueError):
    """The bytes are not text (binary) or cannot be decoded under the given rules."""


@dataclass(frozen=True)
class Detection:
    """What :func:`detect` decided about some bytes."""

    encoding: str
    confidence: float
    language: str = ""
    reason: str = ""
    bom: bool = False


#: Control bytes that do not occur in text (tab, LF, FF, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NULs outside UTF-16/32, or many control bytes.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR"), looks_binary("中文".encode())
    (True, False)
    """
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def _is_utf8(data: bytes) -> bool:
    """Strict UTF-8 on the sample, then on windows over the rest (:func:`guess.verify`).

    >>> _is_utf8("中文".encode()), _is_utf8("中文".encode("gbk"))
    (True, False)
    """
    head = data[: guess.SAMPLE_BYTES]
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=len(data) <= guess.SAMPLE_BYTES)
    except UnicodeDecodeError:
        return False
    return len(data) <= guess.SAMPLE_BYTES or guess.verify(data, "utf-8", guess.SAMPLE_BYTES)


#: How stray bytes in UTF-8 are read (see :func:`textmend.mixed.decode_with_stray_bytes`).
STRAY_NOTE = "a byte alone between ASCII read as Windows-1252, others as U+FFFD"

#: The detection of valid UTF-8 (one frozen instance serves every such input).
_PLAIN_UTF8 = Detection("utf-8", 1.0, reason="valid UTF-8")


def detect(data: bytes) -> Detection:
    """Decide the encoding of ``data``: byte order marks, UTF-16/32 without one, ISO-2022,
    binary, strict UTF-8, the fast GB18030/Big5 check, then chardet with the decision
    layer of :mod:`textmend.guess` (candidates scored by character frequencies).

    >>> detect("中文".encode("utf-8")).encoding
    'utf-8'
    >>> detect("蘇州:園區".encode("gb18030")).encoding
    'gb18030'
    """
    return _detect(data)[0]


def _detect(data: bytes) -> tuple[Detection, str | None]:
    """:func:`detect`, and the decoded text when deciding already produced it (else None)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Detection(name, 1.0, reason="byte order mark", bom=True), None
    wide = guess.utf16_32_without_bom(data)
    if wide is not None:
        return Detection(wide, 0.9, reason="UTF-16/32 without byte order mark (zero-byte pattern)"), None
    escaped = guess.iso2022(data)
    if escaped is not None:
        return Detection(escaped, 0.99, reason="ISO-2022 escape sequences"), None
    if looks_binary(data):
        return Detection("binary", 1.0, reason="NUL or control bytes"), None
    if _is_utf8(data):
        return _PLAIN_UTF8, None
    if mixed.maybe_mixed(data):
        found = mixed.decode_mixed(data)
        if found is not None:
            encs = sorted({seg.encoding for seg in found[1]})
            if encs == [mixed.STRAY_UTF8]:
                return Detection("utf-8", 0.9, reason=f"UTF-8 with stray bytes in {len(found[1])} run(s) of lines "
                                 f"({STRAY_NOTE})"), found[0]
            why = f"UTF-8 with {len(found[1])} run(s) of lines in {', '.join(encs)}"
            return Detection("mixed", 0.9, reason=why), None
    chinese = guess_chinese_text(data)  # (UTF-8 read as GBK/Big5 is far from common Chinese)
    if chinese is None and (stray := mixed.decode_with_stray_bytes(data)) is not None:
        return Detection("utf-8", 0.9, reason=f"UTF-8 with {stray[1]} stray byte(s) ({STRAY_NOTE})"), stray[0]
    if chinese is not None:
        name = guess._superset(chinese[0], data[: guess.SAMPLE_BYTES], len(data) <= guess.SAMPLE_BYTES,
                               chinese[2] if chinese[0] == "gb18030" else None)
        # the check decoded the whole input already: keep it when decoding would repeat it
        text = chinese[2] if codec_for(name) == chinese[0] else None
        return Detection(name, round(min(0.99, 0.5 + chinese[1]), 2), "Chinese", "common-character check"), text
    cache: dict = {}
    name, confidence, language, reason = guess.choose(data, [], cache)
    if confidence < guess.OWN_TRUSTED:  # not sure enough alone: ask chardet for a first opinion
        import chardet

        answers = chardet.detect_all(data[: guess.SAMPLE_BYTES], ignore_threshold=True)
        name, confidence, language, reason = guess.choose(data, answers, cache)
    if len(data) > guess.SAMPLE_BYTES and not guess.verify(data, name, guess.SAMPLE_BYTES):
        return Detection(name, round(confidence / 2, 2), language, reason + "; invalid bytes after the sample"), None
    return Detection(name, confidence, language, reason), None


def _plain_utf8(data: bytes) -> str | None:
    """The text of ``data`` when :func:`_detect` would call it UTF-8 at once: no byte
    order mark, no NUL (so not UTF-16/32 without a mark, not binary), no ESC (so not
    ISO-2022), few control bytes, and valid UTF-8 throughout. One strict decode, and no
    separate check of a sample (most input is like this); None for anything else.

    >>> _plain_utf8("中文".encode()), _plain_utf8("中文".encode("gbk")), _plain_utf8(b"\\xef\\xbb\\xbfa")
    ('中文', None, None)
    """
    if data.startswith(codecs.BOM_UTF8) or b"\x1b" in data:
        return None
    try:
        text = data.decode("utf-8")  # (first: legacy bytes fail at once, sparing the binary check)
    except UnicodeDecodeError:
        return None
    return None if looks_binary(data) else text


def decode(
    data: bytes,
    encoding: str | None = None,
    errors: str = "replace",
    edits: list[Edit] | None = None,
) -> tuple[str, Detection]:
    """Decode ``data`` to text; returns ``(text, detection)``.

    ``encoding`` overrides detection. Raises :class:`DecodeError` for binary input.
    """
    decoded = None
    if encoding:
        det = Detection(encoding, 1.0, reason="given by the user")
    elif (decoded := _plain_utf8(data)) is not None:
        return decoded, _PLAIN_UTF8
    else:
        det, decoded = _detect(data)
    if det.encoding == "binary":
        raise DecodeError("looks like a binary file (NUL or control bytes), not text")
    if errors == "strict" and STRAY_NOTE in det.reason:
        raise DecodeError(f"not valid UTF-8: {det.reason.split(' (')[0]}")
    enc = det.encoding if encoding else codec_for(det.encoding)
    if enc == "mixed":
        found = mixed.decode_mixed(data, errors)
        if found is not None:
            if edits is not None:
                for seg in found[1]:
                    where = f"line {seg.start}" if seg.start == seg.end else f"lines {seg.start}-{seg.end}"
                    note = f"{where} decoded as {seg.encoding}; the rest as UTF-8"
                    edits.append(Edit("decode", seg.start, "", "", note))
            return found[0], det
        enc = "utf-8"
    if det.bom:
        enc = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
               "utf-32-le": "utf-32", "utf-32-be": "utf-32"}[enc]
    try:
        text = decoded if decoded is not None else data.decode(enc, errors=errors)
    except UnicodeDecodeError as e:
        raise DecodeError(f"cannot decode as {enc}: {e.reason} at byte {e.start}") from None
    except LookupError:
        raise DecodeError(f"unknown encoding {enc!r}") from None
    if edits is not None and (enc not in ("utf-8",) or det.bom or STRAY_NOTE in det.reason):
        edits.append(Edit("decode", None, "", "", f"decoded as {det.encoding} ({det.reason})"))
    return text, det
