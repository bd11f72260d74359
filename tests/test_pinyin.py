from __future__ import annotations

from textmend.pinyin import readings, remove_pinyin_annotations


def test_mirror_pattern_removed_traditional():
    text = "中國新聞網(wǎng)江蘇。蘇州工業(yè)園區(qū):科技創(chuàng)新。本網(wǎng)站。"
    assert remove_pinyin_annotations(text) == "中國新聞網江蘇。蘇州工業園區:科技創新。本網站。"


def test_mirror_pattern_removed_simplified_and_other_chars():
    # characters the seeds never annotate, in Simplified script; a context-aware annotator
    # reads 行 as háng and xíng, but most of what a mirror annotates has one reading
    text = ("银行(háng)的行(xíng)动很快(kuài)，银行(háng)说(shuō)，"
            "长(zhǎng)大以后(hòu)再长(cháng)谈(tán)，时(shí)间(jiān)不多(duō)。")
    assert remove_pinyin_annotations(text) == "银行的行动很快，银行说，长大以后再长谈，时间不多。"


def test_polyphone_lesson_stays():
    # the annotations are mostly on characters given several readings: a lesson, not a mirror
    text = "“行”有两个读音：行(háng)和行(xíng)。再如长(zhǎng)大、长(cháng)城；重(chóng)新、重(zhòng)要。"
    assert remove_pinyin_annotations(text) == text


def test_wrong_reading_is_not_removed():
    # (ma) is not a reading of 網 and carries no tone mark; the other annotations go
    text = "網(wǎng)站、網(wǎng)頁、網(ma)友、業(yè)務"
    assert remove_pinyin_annotations(text) == "網站、網頁、網(ma)友、業務"


def test_unlisted_toned_reading_goes_in_a_mirrored_page():
    # 網 is never read lǎo, but in a page with the mirror pattern a toned syllable is an annotation
    text = "網(wǎng)站、網(wǎng)頁、業(yè)務、網(lǎo)友"
    assert remove_pinyin_annotations(text) == "網站、網頁、業務、網友"


def test_single_intentional_annotation_stays():
    text = "“行(háng)”在这里读作háng，意思是行业。"
    assert remove_pinyin_annotations(text) == text


def test_scattered_textbook_annotations_stay():
    text = "生字：晴(qíng)、阳(yáng)、朵(duǒ)、飘(piāo)。"
    assert remove_pinyin_annotations(text) == text


def test_clean_controls():
    for text in ["函数 f(x) 的值", "English (with parens) text", "東京(とうきょう)に行く", "价格(元)：100"]:
        assert remove_pinyin_annotations(text) == text


def test_readings_forms():
    r = readings("區")
    assert {"qū", "qu1", "qu"} <= r


def test_edits_recorded():
    edits = []
    remove_pinyin_annotations("網(wǎng)站\n網(wǎng)頁\n業(yè)務", edits)
    got = [(e.line, e.before, e.after) for e in edits]
    assert got == [(1, "網(wǎng)", "網"), (2, "網(wǎng)", "網"), (3, "業(yè)", "業")]


# --- mirror pattern beyond the seeds (issue 6) -------------------------------------------


def test_simplified_mirror_each_character_once_across_lines():
    # a Traditional->Simplified mirror annotates converted Simplified characters, each once
    text = "苏州园区(qū)的新能源产业。\n科技创新推动发(fā)展，企业(yè)数量增长。\n网(wǎng)络覆盖全城。\n"
    want = "苏州园区的新能源产业。\n科技创新推动发展，企业数量增长。\n网络覆盖全城。\n"
    assert remove_pinyin_annotations(text) == want


def test_traditional_mirror_other_characters_and_forms():
    text = "這個項(xiàng)目的經(jing1)費由銀行(háng)提供，項(xiàng)目負責人說（shuō）明了計劃。"
    assert remove_pinyin_annotations(text) == "這個項目的經費由銀行提供，項目負責人說明了計劃。"


def test_textbook_list_of_different_characters_stays():
    text = "生字：晴(qíng)、阳(yáng)、朵(duǒ)、飘(piāo)、云(yún)、雨(yǔ)。"
    assert remove_pinyin_annotations(text) == text


def test_two_annotations_stay():
    text = "“网(wǎng)”和“業(yè)”两个字的读音。"
    assert remove_pinyin_annotations(text) == text
