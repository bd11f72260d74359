"""Streaming: clean a large document in bounded chunks cut on paragraph boundaries.

Memory stays flat (about ``chunk_chars`` characters of text in flight, plus one read
block). Filters with document-level logic (strip's head and tail zones, pinyin's document
gate, layout's trim) see each chunk as a document, so a file is only streamed above a size
threshold (:data:`STREAM_THRESHOLD`); below it the whole document is cleaned at once, exactly
as before. Chunks are cut at a blank line (a paragraph break), where the whole-document
result has exactly one blank line, so the chunk results join with one blank line; a chunk
only falls back to a line break when no blank line appears in ``4 * chunk_chars``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from .batch import BatchOptions
from .decode import DecodeError, codec_for, detect
from .normalize import _is_cjk_prose

#: Inputs at least this large are streamed (bytes).
STREAM_THRESHOLD = 64 << 20
#: Characters of text per chunk.
CHUNK_CHARS = 4 << 20
_READ = 1 << 20
_BOM_CODECS = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32",
               "utf-32-be": "utf-32"}


_BLANK_RUN = re.compile(r"\r?\n((?:[ \t]*\r?\n)+)(?=[^\r\n])")


def paragraph_chunks(text_blocks: Iterator[str], chunk_chars: int = CHUNK_CHARS) -> Iterator[tuple[str, int]]:
    """Regroup text into chunks of about ``chunk_chars`` that end at a paragraph break.

    Yields ``(chunk, blank_lines)``: how many blank lines separated the chunk from the next
    one in the input (0: cut at a plain line break, only when no blank line appears in
    ``4 * chunk_chars``). The separating blank lines are not part of either chunk.

    >>> list(paragraph_chunks(iter(["a\\n\\nb\\n", "\\n\\n\\nc\\n"]), 3))
    [('a\\n', 1), ('b\\n', 3), ('c\\n', 0)]
    """
    buf = ""
    for block in text_blocks:
        buf += block
        while len(buf) >= chunk_chars:
            m = _BLANK_RUN.search(buf, chunk_chars // 2) or _BLANK_RUN.search(buf, 1)
            if m:
                piece, buf = buf[: m.start(1)], buf[m.end(1):]
                yield piece, m.group(1).count("\n")
                continue
            if len(buf) < 4 * chunk_chars:
                break
            cut = max(buf.rfind("\n", 0, 4 * chunk_chars), buf.rfind("\r", 0, 4 * chunk_chars - 1))
            if cut < 0:
                cut = 4 * chunk_chars - 1
            elif buf[cut] == "\r" and buf[cut + 1: cut + 2] == "\n":
                cut += 1
            piece, buf = buf[: cut + 1], buf[cut + 1:]
            yield piece, 0
    if buf:
        yield buf, 0


def _decoded_blocks(first: bytes, rest: BinaryIO, encoding: str, errors: str) -> Iterator[str]:
    dec = codecs.getincrementaldecoder(encoding)(errors=errors)
    offset = 0
    try:
        data = first
        while True:
            if data:
                yield dec.decode(data)
                offset += len(data)
            data = rest.read(_READ)
            if not data:
                break
        yield dec.decode(b"", final=True)
    except UnicodeDecodeError as e:
        raise DecodeError(f"cannot decode as {encoding}: {e.reason} at byte {offset + e.start}") from None


def clean_stream(src: BinaryIO, dst: BinaryIO, opts: BatchOptions, first: bytes = b"",
                 chunk_chars: int = CHUNK_CHARS) -> dict:
    """Clean bytes from ``src`` (after the already-read prefix ``first``) into ``dst``, chunk by chunk.

    Returns ``{"encoding", "bytes_in", "bytes_out", "chunks"}``. Raises :class:`DecodeError`
    (binary or, under ``strict``, undecodable input) before anything is written for a
    binary input; an undecodable byte later in a strict run raises mid-way (callers write
    to a temporary file, so nothing partial is kept).
    """
    sample = first if len(first) >= _READ else first + src.read(_READ - len(first))
    if opts.encoding:
        enc, bom = opts.encoding, False
    else:
        cut = sample.rfind(b"\n") + 1 if len(sample) >= _READ else len(sample)
        det = detect(sample[: cut or len(sample)])  # whole lines: no character cut in two
        if det.encoding == "mixed":
            # per-line encodings cannot go through one incremental decoder: read as UTF-8
            det = type(det)("utf-8", det.confidence, det.language, det.reason, det.bom)
        if det.encoding == "binary":
            raise DecodeError("looks like a binary file (NUL or control bytes), not text")
        enc, bom = codec_for(det.encoding), det.bom
    codec = _BOM_CODECS.get(enc, enc) if bom else enc
    try:
        codecs.lookup(codec)
    except LookupError:
        raise DecodeError(f"unknown encoding {codec!r}") from None
    pipe = opts.pipeline()
    counter = _Counting(src)
    blocks = _decoded_blocks(sample, counter, codec, "strict" if opts.strict else "replace")
    written = chunks = 0
    blanks = 0
    last_line = ""
    for piece, next_blanks in paragraph_chunks(blocks, chunk_chars):
        out = pipe.run(piece)
        chunks += 1
        if out.strip():
            if written:
                first_line = out.split("\n", 1)[0]
                # layout keeps one blank line next to Chinese prose, other runs as they were
                n = 1 if blanks and (_is_cjk_prose(last_line) or _is_cjk_prose(first_line)) else blanks
                out = "\n" * n + out
            data = out.encode(opts.output_encoding, errors="strict")
            dst.write(data)
            written += len(data)
            last_line = out.rstrip("\n").rsplit("\n", 1)[-1]
            blanks = next_blanks
        elif written:
            blanks = max(blanks, next_blanks)
    return {"encoding": enc, "bytes_in": len(sample) + counter.n, "bytes_out": written, "chunks": chunks}


class _Counting:
    def __init__(self, f: BinaryIO) -> None:
        self.f, self.n = f, 0

    def read(self, n: int) -> bytes:
        b = self.f.read(n)
        self.n += len(b)
        return b
