"""Rule packs: one test per rule family (Simplified, Traditional, English), the prose
guard, pack loading errors, and --rules / --disable-rules from the CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from textmend.cli import cli
from textmend.rules import RuleError, builtin_packs, load_pack_file, parse_pack, select_packs
from textmend.strip import reads_as_prose, strip_boilerplate

BODY_HANS = "这是一篇新闻报道的正文段落，记者在现场采访了多位市民，他们对新政策表示欢迎。"
BODY_HANT = "這是一篇新聞報導的正文段落，記者在現場採訪了多位市民，他們對新政策表示歡迎。"
BODY_EN = "The council met on Tuesday evening and voted to approve the new budget for the coming year."


def stripped(head: list[str], body: str, tail: list[str], **kw) -> list[tuple[str, str]]:
    text = "\n".join([*head, body, body, *tail]) + "\n"
    edits: list = []
    strip_boilerplate(text, edits=edits, **kw)
    return [(e.before, e.note) for e in edits]


def families(head, body, tail, **kw) -> set[str]:
    return {note for _, note in stripped(head, body, tail, **kw)}


# --- one case per family, per script ------------------------------------------------

SPAM = [
    (["澳门六合彩开奖结果_时时彩计划网_北京赛车pk10官网"], BODY_HANS, "zh:spam-header"),
    (["精品国产 日韩在线观看 午夜福利视频 成人无码专区"], BODY_HANS, "zh:spam-header"),
    (["時時彩-北京賽車-體育投注-真人視訊-棋牌娛樂"], BODY_HANT, "zh:spam-header"),
    (["Best Online Casino | Free Spins Bonus | Live Roulette | Sports Betting"], BODY_EN, "en:spam-header"),
]


@pytest.mark.parametrize("head,body,family", SPAM)
def test_spam_header(head, body, family):
    assert families(head, body, []) == {family}


NAV = [
    (["当前位置：首页 > 新闻中心 > 社会新闻 > 正文"], BODY_HANS),
    (["返回顶部"], BODY_HANS),
    (["上一篇：我市启动义务教育招生工作"], BODY_HANS),
    (["分享到：微信 微博 QQ空间"], BODY_HANS),
    (["打印本页 关闭窗口"], BODY_HANS),
    (["【字号：大 中 小】【打印】【关闭】"], BODY_HANS),
    (["首頁 > 熱點 > 正文"], BODY_HANT),
    (["回到頂端"], BODY_HANT),
    (["分享至：Facebook Line Twitter"], BODY_HANT),
    (["Home > News > World"], BODY_EN),
    (["Share this: Facebook | Twitter | Email"], BODY_EN),
    (["Skip to main content"], BODY_EN),
    (["Back to top"], BODY_EN),
]


@pytest.mark.parametrize("head,body", NAV)
def test_navigation(head, body):
    got = stripped(head, body, [])
    assert [b for b, _ in got] == head
    assert all(note.endswith("navigation") for _, note in got)


FOOTERS = [
    ("版权所有 某某日报社", BODY_HANS, "footer"),
    ("Copyright © 2008-2024 某某网 All Rights Reserved", BODY_HANS, "footer"),
    ("京ICP备12345678号-1", BODY_HANS, "footer"),
    ("京公网安备 11010502030143号", BODY_HANS, "footer"),
    ("未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。", BODY_HANS, "footer-legal"),
    ("本网站所刊载信息，不代表本站观点。", BODY_HANS, "footer-legal"),
    ("联系我们 | 广告服务 | 网站地图", BODY_HANS, "footer"),
    ("本網站內容著作權所有，未經授權不得轉載", BODY_HANT, "footer"),
    ("隱私權政策 | 服務條款 | 聯絡我們", BODY_HANT, "footer"),
    ("Copyright © 2008-2024 Example Media. All Rights Reserved.", BODY_EN, "footer"),
    ("Privacy Policy | Terms of Use", BODY_EN, "footer"),
]


@pytest.mark.parametrize("line,body,family", FOOTERS)
def test_footer(line, body, family):
    got = stripped([], body, [line])
    assert [b for b, _ in got] == [line]
    assert got[0][1].split(":")[1].startswith("footer")


CONTACT_EDITOR = [
    ("新闻热线：0571-85101234 投稿邮箱：tougao@example.com.cn", BODY_HANS, "contact"),
    ("责任编辑：王晓燕", BODY_HANS, "editor"),
    ("（责任编辑：陈静）", BODY_HANS, "editor"),
    ("新聞熱線:010-63074589 電子郵箱:news@example.cn", BODY_HANT, "contact"),
    ("（責任編輯：張家豪）", BODY_HANT, "editor"),
    ("爆料專線：0800-012-345 客服信箱：service@example.com.tw", BODY_HANT, "contact"),
    ("Reporting by Tom Wilson; Editing by Jane Merriman", BODY_EN, "editor"),
    ("News tips: newsroom@example.com", BODY_EN, "contact"),
]


@pytest.mark.parametrize("line,body,family", CONTACT_EDITOR)
def test_contact_and_editor(line, body, family):
    got = stripped([], body, [line])
    assert [b for b, _ in got] == [line]
    assert got[0][1].endswith(family)


def test_anywhere_families_strip_mid_article():
    text = f"{BODY_HANS}\nnews-icon-20241120112918\n{BODY_HANS}\n京ICP备12345678号\n{BODY_HANS}\n"
    out = strip_boilerplate(text)
    assert "news-icon" not in out and "ICP" not in out and out.count(BODY_HANS) == 3
    text = f"{BODY_EN}\nAdvertisement\n{BODY_EN}\n"
    assert strip_boilerplate(text) == f"{BODY_EN}\n{BODY_EN}\n"


# --- do no harm ---------------------------------------------------------------------

PROSE_MENTIONS = [
    "该公司表示，其对涉案作品享有版权所有权，已向法院提起诉讼。",
    "法院认为，根据著作权法，未经著作权人许可，不得复制、传播其作品。",
    "法官指出，依著作權法規定，未經著作權人同意，不得重製他人著作。",
    "如对新规有疑问，市民可拨打12345热线或在市政府网站联系我们。",
    "The judge said copyright law protects photographs posted online, and all rights reserved by the license remain.",
    "Researchers read the privacy policy and terms of use of 500 popular websites.",
]


@pytest.mark.parametrize("line", PROSE_MENTIONS)
def test_sentence_mentioning_copyright_stays(line):
    body = BODY_EN if line.isascii() else BODY_HANS
    assert stripped([], body, [line]) == []
    assert reads_as_prose(line)


KEEP_ALONE = [
    "联系电话：010-62751234",
    "電子信箱：library@example.edu.tw",
    "Phone: 555-0142",
    "来源：新华网",
    "2025-02-27 18:03:52",
    "By Sarah Mitchell",
    "（完）",
]


@pytest.mark.parametrize("line", KEEP_ALONE)
def test_single_contact_or_dateline_stays(line):
    body = BODY_EN if line.isascii() else BODY_HANS
    assert stripped([line], body, [line]) == []


def test_body_text_in_the_middle_is_never_zone_stripped():
    text = f"{BODY_HANS}\n返回顶部\n版权所有 某某\n{BODY_HANS}\n"
    assert strip_boilerplate(text) == text


# --- packs --------------------------------------------------------------------------


def test_builtin_pack_names():
    assert [p.name for p in builtin_packs()] == ["en", "zh", "zh-hant"]


def test_bad_packs_are_clear_errors(tmp_path):
    with pytest.raises(RuleError, match="not valid TOML"):
        parse_pack("name = ", "x.toml")
    with pytest.raises(RuleError, match="zone"):
        parse_pack('[families.a]\nzone = "middle"\n', "x.toml")
    with pytest.raises(RuleError, match="bad regex"):
        parse_pack("[families.a]\npatterns = ['(']\n", "x.toml")
    with pytest.raises(RuleError, match="cannot read"):
        load_pack_file(tmp_path / "missing.toml")
    with pytest.raises(RuleError, match="unknown rule pack"):
        select_packs(builtin_packs(), ["nope"])


def test_exact_lines_match_after_whitespace_collapse():
    pack = parse_pack('name = "site"\n[families.tail]\nzone = "tail"\nlines = ["某某晚报  官方网站"]\n', "s.toml")
    got = stripped([], BODY_HANS, ["某某晚报 官方网站"], packs=[pack])
    assert got == [("某某晚报 官方网站", "site:tail")]


# --- CLI ----------------------------------------------------------------------------

PAGE = f"Site Banner Line\n{BODY_HANS}\n{BODY_HANS}\n返回顶部\n"


def test_cli_rules_adds_a_pack(tmp_path):
    pack = tmp_path / "mysite.toml"
    pack.write_text('name = "mysite"\n[families.banner]\nzone = "head"\nlines = ["Site Banner Line"]\n',
                    encoding="utf-8")
    page = tmp_path / "p.txt"
    page.write_text(PAGE, encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", str(page)])
    assert r.exit_code == 0 and "Site Banner Line" in r.output and "返回顶部" not in r.output
    r = CliRunner().invoke(cli, ["clean", "--rules", str(pack), "--explain-json", str(page)])
    assert r.exit_code == 0
    assert "Site Banner Line" not in r.stdout
    assert '"note": "mysite:banner"' in r.stderr


def test_cli_disable_rules(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(PAGE, encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", "--disable-rules", "zh", str(page)])
    assert r.exit_code == 0 and "返回顶部" in r.stdout
    r = CliRunner().invoke(cli, ["clean", "--disable-rules", "nope", str(page)])
    assert r.exit_code == 2 and "unknown rule pack" in r.output


def test_cli_bad_rules_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[families.x]\npatterns = ['(']\n", encoding="utf-8")
    page = tmp_path / "p.txt"
    page.write_text(PAGE, encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", "--rules", str(bad), str(page)])
    assert r.exit_code == 2 and "bad regex" in r.output


def test_page_title_with_site_suffix_is_stripped_when_the_title_follows():
    head = ["A股三大指数集体收涨 成交额突破万亿_证券时报", "A股三大指数集体收涨 成交额突破万亿"]
    assert stripped(head, BODY_HANS, []) == [(head[0], "page-title")]
    head = ["Council approves budget | The Daily Example", "", "Council approves budget"]
    assert stripped(head, BODY_EN, []) == [(head[0], "page-title")]
    # a title with a suffix and nothing to duplicate it stays; so does a subtitle
    assert stripped(["Council approves budget | The Daily Example"], BODY_EN, []) == []
    assert stripped(["Council approves budget - and more", "Council approves budget"], BODY_EN, []) == []
