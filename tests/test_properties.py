"""Property tests (hypothesis): textmend never crashes, never loses text unexplained, and is idempotent.

Runs are bounded and derandomized (the same examples every run) so CI stays fast and stable.
The alphabets lean on what the filters look at: Han, CJK and ASCII punctuation, white space
and line breaks, pinyin letters, mojibake fragments, boilerplate words, URLs.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmend
from textmend.cli import cli

from .conftest import ROOT

BOUNDED = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SMALL = settings(BOUNDED, max_examples=40)

_CHARS = list(
    "中文國語說話的了是在不有人這个们首頁正文編輯来源责任熱點"
    " \n\t\r\u3000\u00a0\u200b\ufeff\u2028\x85\x0c\x1b\x00"
    ",.:;!?()[]（）：，。、；！？「」《》“”\"'-—…·|/>»«#*=_{}<>\\"
    "aeiouāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüABCZ0123456789１２ＡＢｶﾀ"
    "Ã©â€™¤ 한국어Русскийfrançaisالعربية"
)
_PIECES = [
    "首頁 > 熱點 > 正文", "責任編輯：王小明", "来源：新华网", "zhōng guó", "中(zhōng)国(guó)", "Ã©tÃ©",
    "â€œHiâ€\x9d", "\n\n\n", "   ", "（完）", "【", "】", "http://a.b/c?x=1", "分享到：", "Copyright © 2020",
    "上一篇", "下一篇", "点击", ":", "：", ",", "。", "!", "...", "18:03:52", "f(x)", "1,299元", "\r\n",
]
#: text shaped like damaged web pages, and arbitrary text
texts = (
    st.text(alphabet=st.sampled_from(_CHARS), max_size=150)
    | st.lists(st.sampled_from(_PIECES + _CHARS), max_size=25).map("".join)
    | st.text(max_size=80)
)
#: bytes: arbitrary, and text in the encodings the decoder detects
data = st.binary(max_size=400) | st.tuples(texts, st.sampled_from(["utf-8", "gb18030", "big5", "cp1252",
                                                                   "utf-16", "shift_jis"])).map(
    lambda t: t[0].encode(t[1], errors="replace"))

_WS = re.compile(r"\s+")


def _content(s: str) -> int:
    """Characters that are not white space (white space is normalized by design)."""
    return len(_WS.sub("", s))


# --- any input -> valid UTF-8 out, no exception --------------------------------------------------


@BOUNDED
@given(data)
def test_any_bytes_clean_to_utf8(b):
    try:
        out = textmend.clean(b)
    except textmend.DecodeError:
        return  # binary input is refused with a clear error, never garbage
    out.encode("utf-8")


@BOUNDED
@given(st.text(max_size=200) | texts)
def test_any_text_clean_to_utf8(s):
    textmend.clean(s).encode("utf-8")
    textmend.clean(s, convert="t2s").encode("utf-8")


@SMALL
@given(st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=5),
       texts)
def test_lone_surrogates_come_out_as_valid_utf8(sur, s):
    textmend.clean(s + sur + s).encode("utf-8")


@SMALL
@given(data)
def test_cli_any_bytes(b):
    r = CliRunner().invoke(cli, ["clean"], input=b)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code in (0, 1)
    r.stdout_bytes.decode("utf-8")
    if r.exit_code:
        assert r.stdout_bytes == b""
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("textmend: error: <stdin>:"), r.stderr
        assert "Traceback" not in r.stderr


# --- idempotence -----------------------------------------------------------------------------


@BOUNDED
@given(texts)
def test_idempotent_default(s):
    once = textmend.clean(s)
    assert textmend.clean(once) == once


@BOUNDED
@given(texts)
def test_idempotent_t2s(s):
    once = textmend.clean(s, convert="t2s")
    assert textmend.clean(once, convert="t2s") == once


@SMALL
@given(data)
def test_idempotent_from_bytes(b):
    try:
        once = textmend.clean(b, convert="t2s")
    except textmend.DecodeError:
        return
    assert textmend.clean(once.encode("utf-8"), convert="t2s") == once


#: GBK-looking garbage: random double-byte pairs with ASCII, lone lead bytes and line breaks
#: (the dropped-byte repair finds anchors everywhere in it)
_PAIR = st.tuples(st.integers(0x81, 0xFE), st.integers(0x40, 0xFE)).map(bytes)
gbkish = st.lists(st.one_of(_PAIR, _PAIR, _PAIR, st.integers(0x20, 0x7E).map(lambda b: bytes([b])),
                            st.integers(0x81, 0xFE).map(lambda b: bytes([b])),
                            st.sampled_from([b"\n", "，中文。的".encode("gbk")])),
                  min_size=2, max_size=60).map(b"".join)


@BOUNDED
@given(gbkish)
def test_idempotent_on_gbk_garbage(b):
    once = textmend.clean(b.decode("gbk", errors="replace"))
    assert textmend.clean(once) == once


# --- nothing lost unexplained ------------------------------------------------------------------


@BOUNDED
@given(texts, st.sampled_from([None, "t2s"]))
def test_content_lost_only_by_explained_edits(s, convert):
    """Every non-space character that disappears is in some Edit's ``before``."""
    out, edits = textmend.clean_and_explain(s, convert=convert)
    removed = sum(max(0, _content(e.before) - _content(e.after)) for e in edits)
    assert _content(out) >= _content(s) - removed


@BOUNDED
@given(texts)
def test_length_lost_only_by_explained_edits(s):
    """Total length, white space included: a stripped line also takes its line break and
    at most one blank neighbour line (two blank lines around it become one)."""
    out, edits = textmend.clean_and_explain(s)
    removed = sum(max(0, len(e.before) - len(e.after)) for e in edits)
    lines = s.replace("\r\n", "\n").split("\n")
    longest_blank = max((len(x) for x in lines if not x.strip()), default=0)
    removed += sum(1 + longest_blank + 1 for e in edits if e.filter == "strip")
    assert len(out) >= len(s) - removed


# --- clean text in -> unchanged ----------------------------------------------------------------


def _sentences(paths) -> list[str]:
    out: list[str] = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").split("\n"):
            if line.strip():
                out.append(line)
    return out


_CLEAN_FILES = (
    sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    + sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    + sorted((ROOT / "fixtures").glob("pages*/*/c*.txt"))
)
_OTHER_SCRIPTS = sorted((ROOT / "fixtures" / "sentences").glob("*.txt"))
CLEAN_SENTENCES = _sentences(_CLEAN_FILES)
OTHER_SCRIPT_SENTENCES = _sentences(_OTHER_SCRIPTS)


def test_sentence_sources_are_there():
    assert len(_CLEAN_FILES) >= 20 and len(CLEAN_SENTENCES) > 200
    assert {p.stem for p in _OTHER_SCRIPTS} >= {"ko", "ru", "fr", "ar"}


#: Body paragraphs around the sampled lines: the strip filter judges the first and last lines
#: of a document by their position (a lone "苹果 > 香蕉 > 橘子" at the top is a breadcrumb), so
#: the sampled sentences are put where running text is.
_BODY = [line for line in _sentences([ROOT / "fixtures" / "articles" / "hans_01.txt"]) if len(line) > 40]


def _document(sentences: list[str], seps: list[str]) -> str:
    doc = "".join(s + sep for s, sep in zip(sentences, seps))
    return f"{_BODY[0]}\n\n{doc.rstrip()}\n\n{_BODY[-1]}\n"


clean_docs = st.lists(st.sampled_from(CLEAN_SENTENCES + OTHER_SCRIPT_SENTENCES), min_size=1, max_size=8).flatmap(
    lambda ss: st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(ss), max_size=len(ss)).map(
        lambda seps: _document(ss, seps)))


@BOUNDED
@given(clean_docs)
def test_clean_text_is_unchanged(doc):
    out, edits = textmend.clean_and_explain(doc)
    assert out == doc, [e for e in edits if e.filter != "decode"]


@SMALL
@given(st.lists(st.sampled_from(OTHER_SCRIPT_SENTENCES), min_size=1, max_size=8).map("\n".join))
def test_other_scripts_unchanged_by_t2s(doc):
    doc += "\n"
    assert textmend.clean(doc, convert="t2s") == doc
    assert textmend.clean(doc.encode("utf-8"), convert="t2s") == doc
