"""Fast paths give the same output as the slow paths they replace.

Each speed-up in textmend (regexes rewritten so the engine scans for a mark first,
cheap "nothing to do here" checks, caches) is checked here against a straightforward
reference on varied inputs: hypothesis-generated text over an alphabet that hits the
patterns' edges, plus the seeds and real mixed text. No timings are asserted.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from textmend import normalize
from textmend.chardata import CJK_CLOSING_PUNCT, CJK_OPENING_PUNCT, HAN, HSPACE
from textmend.pipeline import Pipeline, clean, clean_and_explain

ROOT = Path(__file__).resolve().parent.parent

# --- the patterns as first written (lookbehind first), the reference -----------------

_AFTER_CJK = (
    rf"(?:(?<=[{HAN}])|(?<=[{HAN}][{CJK_CLOSING_PUNCT}])|(?<=[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}]))"
)
REF_SEPARATOR = re.compile(
    rf"{_AFTER_CJK}[,;:](?![0-9]{{2}}(?::|\b))|(?<![0-9:])[,;](?=[“‘《「『{HAN}])|"
    rf"(?<=[A-Za-z0-9.%)\]”’])[,;:](?=[{HAN}])"
)
REF_BANG = re.compile(rf"{_AFTER_CJK}[!?](?![!?=A-Za-z0-9])")
_FULL = "".join(c for c in CJK_CLOSING_PUNCT + CJK_OPENING_PUNCT if c not in "”’…—“‘")
REF_AROUND = re.compile(  # (curly quotes, … and — are English marks too: two of them need Han before)
    rf"(?<=[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}])[{HSPACE}]+(?=[{HAN}])|"
    rf"(?<=[{HAN}])[{HSPACE}]+(?=[{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}])|"
    rf"(?:(?<=[{_FULL}])|(?<=[{HAN}][{CJK_CLOSING_PUNCT}{CJK_OPENING_PUNCT}]))[{HSPACE}]+(?=[{CJK_OPENING_PUNCT}])"
)
REF_INDENT = re.compile(rf"^[{HSPACE}]+(?=\S)(.*)$", re.M)

# An alphabet that exercises every branch: Han (BMP and astral), CJK punctuation,
# ASCII marks, digits, Latin, kana, spaces of every kind, line breaks.
ALPHABET = (
    "中文國語𠀀" + CJK_CLOSING_PUNCT + CJK_OPENING_PUNCT + ",;:!?()=.%]” '" + "0123456789" + "abcXYZ"
    + "かカ" + " \t\u00a0\u3000\u2002\u202f\u205f" + "\n\n\r"
)
texts = st.text(alphabet=ALPHABET, max_size=80)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(texts)
def test_separator_pattern_matches_reference(text):
    assert spans(normalize._SEPARATOR_RE, text) == spans(REF_SEPARATOR, text)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_bang_pattern_matches_reference(text):
    assert spans(normalize._BANG_RE, text) == spans(REF_BANG, text)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_space_around_punct_pattern_matches_reference(text):
    assert spans(normalize._SPACE_AROUND_CJK_PUNCT_RE, text) == spans(REF_AROUND, text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_indent_fast_path_matches_reference(text):
    def ref(t: str) -> str:
        return REF_INDENT.sub(lambda m: m.group(1) if normalize._is_cjk_prose(m.group(1)) else m.group(0), t)

    assert normalize.strip_cjk_indents(text) == ref(text)


def _real_texts() -> list[str]:
    out = []
    for folder in ("seeds", "fixtures"):
        for f in sorted((ROOT / folder).glob("*.txt")):
            out.append(f.read_text(encoding="utf-8", errors="replace"))
    out += [
        "The Mona Lisa doesn’t have eyebrows; see https://example.com/a,b?c=1 (2024).\n",
        "  自2017年起, 園區 。\n\n\n\n第二段: 18:03:52, 7.8公里!\n",
        "def f(x):\n    return {'時間:': x}  \n\n\n# 注释, 不改\n",
        "東京は晴れ、気温は20度。 (予報)\n",
        "記者\u00a0董捷 ， 編輯 : 張三\r\n",
    ]
    return out


def test_real_texts_match_reference_patterns():
    for text in _real_texts():
        for new, ref in ((normalize._SEPARATOR_RE, REF_SEPARATOR), (normalize._BANG_RE, REF_BANG),
                         (normalize._SPACE_AROUND_CJK_PUNCT_RE, REF_AROUND)):
            assert spans(new, text) == spans(ref, text)


def test_cached_default_pipeline_gives_fresh_pipeline_output():
    for text in _real_texts():
        for convert in (None, "t2s", "s2t"):
            fresh = Pipeline.default(convert).run(text)
            assert clean(text, convert=convert) == fresh
            assert clean(text, convert=convert) == fresh  # second call: from the cache
            out, edits = clean_and_explain(text, convert=convert)
            assert out == fresh
        assert clean(text, skip=["strip"]) == Pipeline.default(None, skip=["strip"]).run(text)
        assert clean(text, skip={"strip"}) == clean(text, skip=("strip",))


# --- dropped-byte and the character model: memoised scoring == direct scoring ------------

def _encode_reference(seg: str, codec: str, fold: frozenset[int]) -> bytes | None:
    out = bytearray()
    for i, c in enumerate(seg):
        ch = chr(ord(c) + 0xFEE0) if i in fold and "!" <= c <= "~" else c
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            return None
    return bytes(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中文國語出海模式,!:Jab1 \u00e9\u20ac\ue084", max_size=30), st.data())
def test_dropped_byte_encode_matches_reference(seg, data):
    from textmend import dropped_byte

    fold = frozenset(data.draw(st.sets(st.integers(0, max(0, len(seg) - 1)), max_size=5)) if seg else ())
    for codec in dropped_byte.CODECS:
        assert dropped_byte._encode(seg, codec, fold) == _encode_reference(seg, codec, fold)


def test_memoised_scoring_matches_direct_scoring():
    from textmend import charmodel, dropped_byte

    model = charmodel.load()
    for text in ["出海”模式鏈接全球資源", "新型工業化,新質生產力", "abc 中文", "\ue084\ufffd", "。”（", ""]:
        simplified = model._simplified(text)
        direct, prev = [], ""
        for c in simplified:
            direct.append(model.char_logprob(prev, c))
            prev = c
        assert model.logprobs(text) == direct
        assert model.logprobs(text) == direct  # again, from the cache
    cands = dropped_byte._with_lost_lead(0xA3, "gb18030")
    for prev, nxt in [("出", "模"), ("", "的"), ("海", "")]:
        assert dropped_byte._best_char(cands, prev, nxt, model) == \
            dropped_byte._best_char_uncached(cands, prev, nxt, model)


# --- mojibake: lines the ftfy gate lets through unchanged are lines ftfy leaves alone ------

LATIN = ("aeiouAEIOU éèàùçÉÀñüöäßœŒšŠžŽƒˆ˜–—‘’‚“”„†‡•…‰‹›€™¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿"
         "ÃÂâ€\x81\x8d\x90\x9d&;#<>ﬁ\x1b\x7f\x00\ufeffǎāáà中文")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=LATIN, max_size=40))
def test_ftfy_gate_only_skips_lines_ftfy_keeps(line):
    import ftfy

    from textmend.mojibake import FTFY_CONFIG, ftfy_would_change

    if not ftfy_would_change(line):
        assert ftfy.fix_text(line, FTFY_CONFIG) == line


def test_ftfy_gate_on_real_text():
    import ftfy

    from textmend.mojibake import FTFY_CONFIG, ftfy_would_change

    samples = [x for text in _real_texts() for x in text.split("\n")]
    samples += ["naïve café — “quoted” … 1½ °C", "wǎng(wǎng) yè(yè)", "donâ€™t", "Ã©tÃ©", "&eacute; & co",
                "ﬁne", "\x1b[31mred\x1b[0m", "a\x00b", "\ufeffBOM", "Â£100", "cafÃ\xa0 la"]
    for line in samples:
        if not ftfy_would_change(line):
            assert ftfy.fix_text(line, FTFY_CONFIG) == line, line


# --- strip: the matcher's shortcuts (zone lists, lazy prose check) == asking every family --

def _reference_match(families, line: str, zone: str):
    from textmend.chardata import HAN_RE
    from textmend.strip import to_simplified

    s = line.strip()
    if not s:
        return None

    def prose_ref(t: str) -> bool:
        from textmend import strip

        if strip._NAV_SEP_RE.search(t):
            return False
        if len(HAN_RE.findall(t)) >= strip.PROSE_MIN_HAN:
            return strip._HAN_SENTENCE_PUNCT_RE.search(t) is not None
        words = re.findall(r"[A-Za-z][A-Za-z'’]*", t)
        if len(words) < strip.PROSE_MIN_WORDS or not strip._LATIN_SENTENCE_END_RE.search(t):
            return False
        return sum(1 for w in words if w[0].islower()) * 2 >= len(words)

    prose = prose_ref(s)
    for fam in families:
        if fam.in_zone(zone) and fam.matches(to_simplified(s) if fam.match_on == "simplified" else s, prose):
            return fam
    return None


def test_strip_matcher_matches_reference():
    from textmend.rules import builtin_packs
    from textmend.strip import _Matcher

    families = [f for p in builtin_packs() for f in p.families]
    matcher = _Matcher(families)
    lines = [x for text in _real_texts() for x in text.split("\n")]
    lines += ["版权所有 某某网 京ICP备12345678号", "首页 > 新闻 > 正文", "news-icon-20241120112918", "返回顶部",
              "Copyright © 2024 Example Media Ltd. All Rights Reserved.", "Advertisement", "编辑：张三",
              "该公司表示，其对这一商标享有版权所有权，将依法维权。", "图片", "x" * 500]
    for line in lines:
        for zone in ("head", "tail", "anywhere"):
            assert matcher.match(line, zone) is _reference_match(families, line, zone), (line, zone)


def test_whole_document_conversion_is_line_by_line():
    from textmend.strip import _simplified_lines, to_simplified

    for text in _real_texts():
        stripped = [x.strip() for x in text.split("\n") if x.strip()]
        assert _simplified_lines(stripped) == [to_simplified(s) for s in stripped]


def test_strip_without_the_automaton_strips_the_same(monkeypatch):
    # where ahocorasick-rs has no wheel the literal index looks literals up in Python
    from textmend import strip
    from textmend.literals import LiteralIndex

    pages = sorted(p for p in (ROOT / "fixtures").glob("pages*/**/*.txt") if p.is_file())
    docs = _real_texts() + [p.read_text(encoding="utf-8", errors="replace") for p in pages]
    fast = [strip.strip_boilerplate(d) for d in docs]
    assert sum(a != b for a, b in zip(fast, docs)) > 40  # (pages with boilerplate to strip)
    monkeypatch.setattr(LiteralIndex, "use_automaton", False)
    assert [strip.strip_boilerplate(d) for d in docs] == fast


def test_ruling_out_families_does_not_change_stripping(monkeypatch):
    from textmend import strip

    docs = _real_texts() + [
        "正文第一段，很长很长的一段话，记者今天获悉。\n\nnews-icon-20241120112918\n\n苏ICP备10080896号-6\n\n正文第二段。\n",
        "Body text that reads as a sentence, long enough to count.\n\nAdvertisement\n\nMore body text here.\n",
        "图片\n\n正文。\n\n点击查看大图\n\nphoto.jpg\n",
    ]
    fast = [strip.strip_boilerplate(d) for d in docs]
    monkeypatch.setattr(strip, "possible_families", lambda families, *forms: list(families))
    slow = [strip.strip_boilerplate(d) for d in docs]
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "苏ICP备10080896号-6", "京公网安备11010502030143号", "news-icon-20241120112918", "图片", "photo.jpg",
    "Advertisement", "点击查看大图", "正文第一段，很长很长的一段话，记者今天获悉。", "  ", "", "標題",
    "版權所有 某某網", "Body text that reads as a sentence, long enough to count.", "x.png y",
    "logo\u3000x.png", "tab\tnews-icon-20241120112918", "a\x1fphoto.jpg",
    # Traditional forms: the Simplified form is converted only where a rule may need it
    "蘇ICP備10080896號-6", "京公網安備11010502030143號", "圖片", "點擊查看大圖", "正文第一段，記者今天獲悉。",
    "公安網站備案", "京 ICP 備 12345678 號",
]), max_size=12))
def test_ruling_out_families_on_generated_documents(parts):
    from textmend import strip
    from textmend.rules import builtin_packs

    families = [f for p in builtin_packs() for f in p.families if f.zone == "anywhere"]
    stripped = [x.strip() for x in parts if x.strip()]
    kept = strip.possible_families(families, stripped)  # (Simplified lines converted as needed)
    eager = strip.possible_families(families, stripped, strip._simplified_lines(stripped))
    assert set(map(id, kept)) <= set(map(id, eager))
    matcher = strip._Matcher(families)
    for line in stripped:
        fam = matcher.match(line, "anywhere")
        assert fam is None or fam in kept


@settings(max_examples=300, deadline=None)
@given(texts)
def test_widen_fast_path_only_skips_text_without_ascii_marks(text):
    # every widening pattern consumes one of , ; : ! ? ( — text without them cannot change
    if not normalize._WIDEN_TRIGGER_RE.search(text):
        assert not any(p.search(text) for p in (normalize._PAREN_RE, normalize._SEPARATOR_RE, normalize._BANG_RE))
        assert normalize.widen_cjk_punctuation(text) == text


def test_score_many_equals_score_one_by_one():
    from textmend import charmodel, dropped_byte

    model = charmodel.load()
    for first in (0xA3, 0xB3, 0xC4, 0x4A, 0x21):
        for codec in dropped_byte.CODECS:
            cands = dropped_byte._with_lost_lead(first, codec) + dropped_byte._with_lost_trail(first, codec)
            for prev, nxt in (("出", "模"), ("", "的"), ("海", ""), ("隨", "著"), ("a", ",")):
                texts = [prev + c + nxt for c in cands]
                assert model.score_many(texts) == [model.score(t) for t in texts]
    mixed = ["隨著新能源", "著名", "", "abc", "乾隆年間", "頭髮", "中文,英文!", "\ue084\ufffd"]
    assert model.score_many(mixed) == [model.score(t) for t in mixed]


class _OneByOne:
    """The character model without score_many: dropped-byte then scores text by text."""

    def __init__(self, model):
        self._model = model

    def score(self, text):
        return self._model.score(text)

    def logprobs(self, text):
        return self._model.logprobs(text)

    def __getattr__(self, name):
        if name == "score_many":
            raise AttributeError(name)
        return getattr(self._model, name)


def test_batched_dropped_byte_scoring_gives_the_same_repairs():
    from textmend import charmodel, dropped_byte

    model = charmodel.load()
    lines = [x for text in _real_texts() for x in text.split("\n") if dropped_byte.anchor_re().search(x)]
    lines += ["資本活水,以“基金+出!蹦J芥溄尤\ue084蛸Y源,全年促成融資",
              "专家表示，人工智能技术正在深刻改变\ue08a持圃煲档纳\ue301\ue306绞健\ufffd",
              "91精品福利观看_婷婷国产在线综合_天天操天天插", "标题_证券时报"]
    assert lines
    for line in lines[:12]:
        assert dropped_byte.repair_line(line, model) == dropped_byte.repair_line(line, _OneByOne(model))


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="中文國海出模式鏈_|aZ@~^`[]\\αЖ─アか。，“”（\ue084\ufffd㐀蛸溄尤\u9fa5𠀀 \n", max_size=40))
def test_anchor_scan_pattern_matches_anchor_pattern(text):
    from textmend import dropped_byte

    ref = [m.span() for m in dropped_byte.anchor_re().finditer(text)]
    assert [m.span() for m in dropped_byte._anchor_scan_re().finditer(text)] == ref
    assert dropped_byte._has_anchor(text) == bool(ref)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["The", "court", "said", "it's", "Copyright", "©", "2024", "|", "and", "Ltd.",
                                 "rights", "reserved.", "“Quoted”", "don’t", "版权", "，", "。", "x"]), max_size=14))
def test_prose_check_counts_words_as_the_reference(words):
    from textmend import strip

    line = " ".join(words)
    ref_words = re.findall(r"[A-Za-z][A-Za-z'’]*", line)
    expected = (len(ref_words) >= strip.PROSE_MIN_WORDS and strip._LATIN_SENTENCE_END_RE.search(line) is not None
                and sum(1 for w in ref_words if w[0].islower()) * 2 >= len(ref_words))
    if strip._NAV_SEP_RE.search(line) or strip.HAN_RE.search(line):
        return  # (the Han and navigation branches are the reference test's business)
    assert strip.reads_as_prose(line) == expected, line


def _astral_alphabet() -> list[str]:
    from textmend import langfreq

    known = sorted({ch for table in langfreq.tables().values() for ch in table})
    astral_known = [c for c in known if ord(c) > 0xFFFF][:20]
    return known[:200:7] + astral_known + ["\U0001F600", "\U00020B9F", "鍙", "戝", "竷", "Ä", "ã", "\ue000", "a", " "]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(_astral_alphabet()), max_size=30))
def test_unknown_character_checks_agree_with_the_exact_class(line):
    from textmend import cjk_mojibake

    one, pair, one_fast, pair_fast = cjk_mojibake._unknown_res()
    if not cjk_mojibake.has_astral(line):  # the fast forms are used only then
        assert (one_fast.search(line) is None) == (one.search(line) is None)
        assert (pair_fast.search(line) is None) == (pair.search(line) is None)
    assert cjk_mojibake.has_astral(line) == any(ord(c) > 0xFFFF for c in line)
    expected = (pair.search(line) is not None or cjk_mojibake._PUA_RE.search(line) is not None
                or cjk_mojibake._LATIN1_PAIR_RE.search(line) is not None)
    assert cjk_mojibake._has_signs(line) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([
    "新闻：鍖椾含鍙戝竷", "We met at the caf茅 near the station; it was about 26掳C outside.", "新型工业化，新质生产力",
    "AI大模型揚“數實融合”之帆", "ÄãºÃ£¬ÊÀ½ç", "Plain English line.", "", "中文：“你好”，Le café, Москва",
    "\U0001F600 表情",
]), max_size=8))
def test_cjk_mojibake_text_equals_its_lines(lines):
    from textmend.cjk_mojibake import fix_cjk_mojibake

    assert fix_cjk_mojibake("\n".join(lines)) == "\n".join(fix_cjk_mojibake(x) for x in lines)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("網站业務行长a(（)）wǎngzhàn13 ，𠀀") + ["a\u030c"]), max_size=40).map("".join))
def test_pinyin_annotations_found_from_the_parenthesis_equal_the_pattern(text):
    import unicodedata

    from textmend import pinyin

    assert [m.span() for m in pinyin.annotations(text)] == [m.span() for m in pinyin._ANNOTATION_RE.finditer(text)]
    # the filter's own list: one pass, the same places, characters and syllables
    assert pinyin._found(text) == [(m.start(), m.end(), m.group(1), unicodedata.normalize("NFC", m.group(2)))
                                   for m in pinyin._ANNOTATION_RE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab “”’—…→é한かカ\u3000\u33ff\u3400\u4dbf\u9fff\ua000\uf8ff\uf900\ufaff\ufb00"
                                     "\U0001f600\U00020000\U0003134f\U00031350\ud800") + ["english " * 10]),
                max_size=30).map("".join))
def test_has_han_byte_test_equals_the_scan(text):
    # (the UTF-8 lead-byte test rules out text without Han; it must never rule out text with it)
    from textmend import chardata

    assert chardata.has_han(text) == (chardata.HAN_RE.search(text) is not None)


def test_text_memo_answers_for_the_same_object_only():
    from textmend import chardata

    long_zh = "中文" * 200
    long_en = "english " * 100
    assert chardata.has_han(long_zh) and chardata.has_han(long_zh)
    assert not chardata.has_han(long_en)
    assert chardata.has_han(long_en + "字")  # a different object: asked again
    same_value_other_object = "".join(["english "] * 100)
    assert same_value_other_object == long_en and same_value_other_object is not long_en
    assert not chardata.has_han(same_value_other_object)
    jp = "東京は晴れです。" * 40
    assert chardata.is_japanese(jp) and not chardata.is_japanese(long_zh) and chardata.is_japanese(jp)
    ko = "조선민주주의인민공화국 " * 30
    assert chardata.is_korean(ko) and not chardata.is_korean(long_zh) and chardata.is_korean(ko)


_BAD_ALPHABET = list("ÃÂâ€™œ\u009d ©®°±²³µ¶·¸¹º»¼½¾¿ÀÉÎÑÖ×ØÜßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿǎǐǒǔāēīōū") + \
    list("中文網站(wǎng)，。“”—…ЁЖжΩω│┌▀░abc ") + ["Ã ", "Â ", "â€\u009d"]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_BAD_ALPHABET), max_size=40).map("".join))
def test_badness_in_windows_equals_ftfy_is_bad(text):
    import ftfy

    from textmend import mojibake

    assert mojibake._maybe_bad(text) == ftfy.badness.is_bad(text), text


def test_badness_in_windows_on_real_lines():
    import ftfy

    from textmend import mojibake

    from .conftest import fixture_lines

    lines = fixture_lines() + [t for text in _real_texts() for t in text.split("\n")]
    assert lines
    for line in lines:
        assert mojibake._maybe_bad(line) == ftfy.badness.is_bad(line), line


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("ab中 \t\u3000\u00a0\u2003\n\r\u2028") + ["\r\n"]), max_size=30).map("".join))
def test_trailing_space_gate_changes_nothing(text):
    assert normalize.strip_trailing_whitespace(text) == normalize._TRAILING_SPACE_RE.sub("", text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_space_after_mark_pattern_matches_reference(text):
    ref = re.compile(rf"(?<=[，。、；：！？])[{HSPACE}]+(?=[A-Za-z0-9])")
    assert spans(normalize._SPACE_AFTER_CJK_MARK_RE, text) == spans(ref, text)
