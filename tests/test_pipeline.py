from __future__ import annotations

import pytest

import textmend
from textmend import Edit, Filter, Pipeline, register
from textmend.filter import REGISTRY, FunctionFilter, get_filter


def test_default_pipeline_order_and_convert():
    assert Pipeline.default().names == list(textmend.DEFAULT_STEPS)
    assert Pipeline.default("t2s").names[-1] == "convert"
    assert "strip" not in Pipeline.default(skip=["strip"]).names


def test_clean_accepts_bytes_and_str():
    assert textmend.clean("蘇州:園區") == textmend.clean("蘇州:園區".encode()) == "蘇州：園區\n"


def test_clean_and_explain_attributes_every_change():
    text, edits = textmend.clean_and_explain("首頁 > 熱點 > 正文\n隨著(發展),網(wǎng)站、網(wǎng)頁、業(yè)務\n",
                                             convert="t2s")
    assert text == "随着（发展），网站、网页、业务\n"
    assert all(isinstance(e, Edit) and e.filter in REGISTRY for e in edits)
    assert {"strip", "pinyin", "punctuation", "convert"} <= {e.filter for e in edits}


def test_custom_pipeline_from_names_and_functions():
    pipe = Pipeline([get_filter("punctuation"), FunctionFilter(str.upper, "upper")])
    text, edits = textmend.clean_and_explain("ab:中文,x", pipeline=pipe)
    assert text == "AB：中文，X"
    assert [e.filter for e in edits][-1] == "upper"


def test_register_a_new_filter():
    @register
    class Shout(Filter):
        name = "test-shout"
        stage = "normalize"
        summary = "upper-case (test only)"

        def apply(self, text, edits=None):
            return text.upper()

    try:
        assert Pipeline.from_names(["test-shout"])("abc") == "ABC"
    finally:
        del REGISTRY["test-shout"]


def test_unknown_filter_name():
    with pytest.raises(KeyError, match="unknown filter"):
        get_filter("no-such-filter")


def test_a_used_pipeline_pickles():
    # Ray and multiprocessing send pipelines to other processes; the strip stage's literal
    # automaton (ahocorasick-rs, not picklable) is built again there at its first look-up
    import pickle

    from textmend.pipeline import Pipeline

    doc = ("首頁 > 熱點 > 正文\n江蘇蘇州：孕育新質生產力\n\n"
           "正文第一段，很長很長的一段話，記者今天獲悉。\n\n版權所有 某某網\n")
    pipe = Pipeline.default("t2s")
    first = pipe.run(doc)
    copy = pickle.loads(pickle.dumps(pipe))
    assert copy.run(doc) == first == pipe.run(doc)
    assert "版权所有" not in first and "首页" not in first  # (the strip stage did its work)
