"""Simulate what a Simplified -> Traditional mirror site does to a clean article.

Used by the end-to-end tests: clean(mirror(article), convert="t2s") must give the article
back. Each step is one class of damage seen on such sites:
Traditional script (OpenCC s2t), full-width punctuation folded to ASCII, Hanyu-Pinyin
annotations after some characters, paragraph indents and no-break spaces, navigation and
spam lines at the head, editor/copyright/ICP lines at the tail.
"""

from __future__ import annotations

import random

import opencc
from pypinyin import Style, pinyin

FOLD = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})

HEADERS = [
    ["免費看片_國產精品視頻_日韓在線觀看_成人福利網站", "", "返回", "頂部", "首頁 > 新聞 > 正文"],
    ["彩票計劃|時時彩開獎|六合彩資料|百家樂技巧", "", "首頁 > 社會 > 正文", "某某新聞網(wǎng)社會正文"],
    ["當前位置：首頁 > 科技 > 正文", "新聞熱線:010-88886666 電子郵箱:news@example.cn"],
]
FOOTERS = [
    ["", "責任編輯:王曉明", "版權所有 某某傳媒有限公司 Copyright 2005-2024 All Rights Reserved 京ICP備12345678號-2"],
    ["", "熱點", "本網站所刊載信息,不代表本網觀點。 刊用本網站稿件,務經書面授權。",
     "未經授權禁止轉載、摘編、複製及建立鏡像,違者將依法追究法律責任。"],
    ["", "編輯:李華", "關於我們 | 聯繫我們 | 廣告服務 | 網站地圖"],
]


def annotate(text: str, chars: str) -> str:
    out = []
    for c in text:
        out.append(c)
        if c in chars:
            out.append(f"({pinyin(c, style=Style.TONE)[0][0]})")
    return "".join(out)


def mirror(article: str, seed: int, annotated: str = "經濟發展區學會專業為們這進實現過開關動時對說術網") -> str:
    rng = random.Random(seed)
    trad = opencc.OpenCC("s2t").convert(article).translate(FOLD)
    paragraphs = []
    for line in trad.split("\n"):
        if line and rng.random() < 0.7:
            line = "  " + line
        if rng.random() < 0.3:
            line = line.replace(",", ",\u00a0", 1)
        paragraphs.append(line)
    body = annotate("\n".join(paragraphs), annotated)
    head = HEADERS[seed % len(HEADERS)]
    foot = FOOTERS[seed % len(FOOTERS)]
    return "\n".join(head + [body.rstrip("\n")] + foot) + "\n"
