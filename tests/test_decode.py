"""textmend.decode: which decoder reads a detected encoding."""

from __future__ import annotations

import textmend
from textmend.decode import decode, detect

# GB2312-valid bytes (GB18030 writes these characters with GB2312 codes: 0xA1AA, 0xA1A4)
# with the Chinese dash and name separator
GB2312_TEXT = "交汇点——高校院所。阿尔伯特·爱因斯坦在这里工作了三十年，留下了许多手稿和书信。"


def test_gb2312_is_read_as_browsers_read_it():
    data = GB2312_TEXT.encode("gb18030")
    assert detect(data).encoding == "gb2312"  # the name is GB2312's own
    text, _ = decode(data)
    assert text == GB2312_TEXT  # U+2014 and U+00B7, not U+2015 and U+30FB
    assert textmend.clean(data) == GB2312_TEXT + "\n"


def test_explicit_encoding_is_used_as_given():
    data = GB2312_TEXT.encode("gb18030")
    text, _ = decode(data, encoding="gb2312")
    assert text == data.decode("gb2312") and "\u2015" in text
