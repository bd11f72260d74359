"""Fenced code blocks: found exactly, and left alone by the normalize filters."""

from __future__ import annotations

import pytest

import textmend
from textmend.codeblocks import fenced_blocks, outside_code_blocks
from textmend.edits import Edit

README = """# 安装说明

下面的代码打印问候语:

```python
def greet():
    print("你好,世界!欢迎使用本工具")
    return 0
```

运行后会看到输出,说明安装成功.

```
  配置:  保持原样
```
"""


def test_blocks_are_found_from_fence_to_fence():
    blocks = [README[a:b] for a, b in fenced_blocks(README)]
    assert blocks[0].startswith("```python\n") and blocks[0].endswith('return 0\n```')
    assert blocks[1] == "```\n  配置:  保持原样\n```"


@pytest.mark.parametrize("text,expected", [
    ("a\n```\nx\n", ["```\nx\n"]),             # left open: to the end
    ("a\n````\n```\nx\n````\nb", ["````\n```\nx\n````"]),  # a longer fence holds a shorter one
    ("a ``` b", []),                              # not at a line start
    ("正文\n~~~~~~~~~~\n  缩进的正文\n~~~~~~~~~~\n", []),  # a row of tildes is a rule line
    ("plain text", []),
])
def test_fence_edges(text, expected):
    assert [text[a:b] for a, b in fenced_blocks(text)] == expected


def test_edits_outside_blocks_keep_whole_text_line_numbers():
    def fix(text: str, edits: list[Edit] | None) -> str:
        if edits is not None:
            edits.extend(Edit("t", i + 1, "a", "b") for i, line in enumerate(text.split("\n")) if line == "a")
        return text.replace("a", "b")

    edits: list[Edit] = []
    out = outside_code_blocks("a\n```\na\n```\nc\na", edits, fix)
    assert out == "b\n```\na\n```\nc\nb"
    assert [e.line for e in edits] == [1, 6]


def test_clean_leaves_code_in_fences_and_fixes_the_prose_around_it():
    out = textmend.clean(README)
    assert '    print("你好,世界!欢迎使用本工具")\n    return 0\n' in out
    assert "  配置:  保持原样" in out
    assert "下面的代码打印问候语：" in out and "运行后会看到输出，说明安装成功。" in out


def test_an_indented_code_line_with_chinese_keeps_its_indent():
    text = "说明如下。\n\n    print('你好世界，欢迎使用')\n    x = 1\n"
    assert textmend.clean(text) == text


@pytest.mark.parametrize("text", [
    "# 安装说明\n\n运行以下命令：\n\n```bash\npip install textmend\n```\n\n完成后，重启终端。\n",
    "# Install\n\nRun:\n\n```python\nimport textmend\nprint(textmend.clean('x'))\n```\n",
    "說明如下：\n\n```\n  配置:  保持原樣\n```\n",
    "No fences, just prose with `inline code` and numbers 1,299.00.\n",
])
def test_clean_markdown_comes_out_unchanged(text):
    assert textmend.clean(text) == text
