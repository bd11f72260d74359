from __future__ import annotations

import pytest

from textmend.rules import RuleError, load_pack_file, parse_pack
from textmend.strip import Strip, strip_boilerplate

ARTICLE = "這是正文的第一段，記者今天從有關部門獲悉，新的政策將於下個月正式實施。"
ARTICLE_HANS = "这是正文的第一段，记者今天从有关部门获悉，新的政策将于下个月正式实施。"


def stripped(text: str) -> list[str]:
    edits = []
    strip_boilerplate(text, edits=edits)
    return [e.before for e in edits]


@pytest.mark.parametrize(
    "line",
    [
        "精品国产在线观看_日韩无码一区二区_天天综合网_成人福利视频",
        "澳门百家乐|时时彩计划|六合彩开奖|真人娱乐城",
        "首頁 > 新聞 > 正文",
        "当前位置：首页 > 财经 > 正文",
        "返回頂部",
        "某某新闻网江苏频道正文",
        "新闻热线：025-12345678  电子邮箱：news@example.cn",
    ],
)
def test_head_boilerplate(line):
    doc = f"{line}\n標題在這裡\n\n{ARTICLE}\n"
    assert stripped(doc) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "責任編輯：王小明",
        "（编辑：李华）",
        "版权所有 某某日报社 Copyright © 2008-2024 All Rights Reserved",
        "京ICP备12345678号-1 京公网安备11010502030001号",
        "本网站所刊载信息，不代表本网观点。刊用本网站稿件，务经书面授权。",
        "未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。",
        "联系我们 | 广告服务 | 网站地图",
        "熱點",
    ],
)
def test_tail_boilerplate(line):
    doc = f"標題\n\n{ARTICLE}\n\n{line}\n"
    assert stripped(doc) == [line]


def test_placeholder_and_alt_text_anywhere():
    doc = (
        f"標題\n\n{ARTICLE}\n\nphoto-banner-20230517083000\n\n{ARTICLE}\n\n"
        f"新建的大橋\n新建的大橋。記者 張三 攝\n\n{ARTICLE}\n"
    )
    assert stripped(doc) == ["photo-banner-20230517083000", "新建的大橋"]


def test_icp_anywhere_but_copyright_mention_in_body_stays():
    body = "他說，版权所有人有權決定作品是否轉載，這一點在合同中寫得很清楚。"
    doc = f"標題\n\n{ARTICLE}\n\n{body}\n\n{ARTICLE}\n"
    assert stripped(doc) == []


def test_body_lines_are_never_stripped_even_at_the_edges():
    # a last paragraph that mentions a hotline and editing is still article text
    last = "市民如有疑问，可拨打热线电话咨询，编辑部也将持续关注此事的进展。"
    doc = f"标题\n\n{ARTICLE_HANS}\n\n{last}\n"
    assert stripped(doc) == []


def test_english_page():
    doc = (
        "Home > News > Local\n"
        "Share this: Facebook | Twitter | Email\n"
        "Council approves bike lanes\n\n"
        "The city council voted on Tuesday to approve a network of protected bike lanes downtown.\n\n"
        "Copyright law was not discussed, though the drawings are all rights reserved by the firm.\n\n"
        "Privacy Policy | Terms of Use | Contact Us\n"
        "Copyright © 2024 Example News. All Rights Reserved.\n"
    )
    assert stripped(doc) == [
        "Home > News > Local",
        "Share this: Facebook | Twitter | Email",
        "Privacy Policy | Terms of Use | Contact Us",
        "Copyright © 2024 Example News. All Rights Reserved.",
    ]


def test_blank_lines_merge_where_a_line_was_removed():
    doc = f"{ARTICLE}\n\nnews-icon-20241120112918\n\n{ARTICLE}"
    assert strip_boilerplate(doc) == f"{ARTICLE}\n\n{ARTICLE}"


def test_user_pack_and_disabling(tmp_path):
    pack = tmp_path / "site.toml"
    pack.write_text(
        'name = "site"\n[families.promo]\nzone = "tail"\npatterns = [\'^关注我们的公众号\']\n', encoding="utf-8"
    )
    doc = f"{ARTICLE_HANS}\n\n关注我们的公众号，获取更多资讯\n"
    assert Strip().apply(doc) == doc
    packs = [load_pack_file(pack)]
    assert Strip(packs=packs).apply(doc) == f"{ARTICLE_HANS}\n"
    assert Strip(packs=packs, disable=["site"]).apply(doc) == doc


def test_bad_packs_are_reported():
    with pytest.raises(RuleError, match="zone"):
        parse_pack('[families.x]\nzone = "middle"\n', "x.toml")
    with pytest.raises(RuleError, match="bad regex"):
        parse_pack("[families.x]\npatterns = ['(']\n", "x.toml")
    with pytest.raises(RuleError, match="TOML"):
        parse_pack("[families", "x.toml")


def test_prev_next_links_whose_title_reads_as_a_sentence():
    doc = f"標題\n\n{ARTICLE}\n\n上一篇：颱風假到底怎麼放？\n下一篇：夏季用電創新高！\n更多新聞\n"
    assert stripped(doc) == ["上一篇：颱風假到底怎麼放？", "下一篇：夏季用電創新高！", "更多新聞"]


def test_related_links_list_under_a_tail_header():
    doc = (
        f"標題\n\n{ARTICLE}\n\n責任編輯:王芳\n分享到:微信 微博\n相關新聞\n"
        "· 央行開展5000億元MLF操作\n· 10月CPI同比上漲0.3%\n1. 第三條相關報道的標題\n"
        "Copyright © 2003-2024 某某財經網 All Rights Reserved\n"
    )
    got = stripped(doc)
    assert "相關新聞" in got and "· 央行開展5000億元MLF操作" in got and "1. 第三條相關報道的標題" in got
    assert ARTICLE not in got


def test_a_list_inside_the_article_stays():
    doc = f"標題\n\n{ARTICLE}\n\n要點如下：\n· 第一，加強監管。\n· 第二，擴大開放。\n\n{ARTICLE}\n"
    assert stripped(doc) == []


def test_literal_prefilter_gives_the_same_verdict_as_asking_every_family():
    # the matcher asks only families whose required literals occur in a line: on every
    # line of the fixtures and seeds it must pick what asking every family in order picks

    from textmend.rules import builtin_packs
    from textmend.strip import _Matcher, reads_as_prose, to_simplified

    from .conftest import fixture_lines

    families = [f for p in builtin_packs() for f in p.families]
    matcher = _Matcher(families)
    checked = 0
    for line in fixture_lines():
        s = line.strip()
        if not s:
            continue
        for zone in ("head", "tail", "anywhere"):
            expected = None
            for fam in families:
                if fam.in_zone(zone):
                    form = to_simplified(s) if fam.match_on == "simplified" else s
                    if fam.matches(form, reads_as_prose(s)):
                        expected = fam
                        break
            assert matcher.match(line, zone) is expected, (zone, line)
            checked += expected is not None
    assert checked > 50  # the fixtures hold plenty of boilerplate


def test_document_scan_finds_every_line_a_pattern_matches():
    # possible_families rules a family out when the document scan finds nothing: the scan
    # form (line-start patterns rewritten to begin with "\n") must find any line p finds

    from textmend.rules import builtin_packs
    from textmend.strip import _doc_form, to_simplified

    from .conftest import fixture_lines

    lines = set(fixture_lines())
    forms = sorted(lines | {to_simplified(s) for s in lines})
    hits = 0
    for pack in builtin_packs():
        for fam in pack.families:
            for p in fam.patterns:
                scan = _doc_form(p)
                for s in forms:
                    if p.search(s):
                        hits += 1
                        assert scan.search("\n" + s), (fam.label, p.pattern, s)
                        assert scan.search("\n" + "\n".join(["x", s, "y"])), (fam.label, p.pattern, s)
    assert hits > 100


def test_traditional_record_numbers_inside_the_body_are_stripped_and_prose_is_kept():
    # the Simplified form of a Traditional page is converted only where a rule may match
    # (公[网網]安[备備] …): the result is what converting every line gives
    body = "這是正文的第一段，內容很長很長，記者今天從有關部門獲悉相關情況。"
    doc = f"{body}\n\n京公網安備11010502030143號\n\n{body}\n\n蘇ICP備10080896號-6\n\n{body}\n"
    assert strip_boilerplate(doc) == f"{body}\n\n{body}\n\n{body}\n"
    prose = f"{body}\n\n公安部門網站已經備案完畢，編號11010502030143號。\n\n{body}\n"
    assert strip_boilerplate(prose) == prose


def test_lazy_subset_keeps_what_was_converted_and_converts_the_rest():
    # the anywhere pass asks for the non-blank lines of a Traditional page: it reuses the
    # conversions of the zone scans and converts the other lines as the full list would
    from textmend.strip import _LazySimplified, to_simplified

    src = ["網站地圖", "", "版權所有", "Home", "責任編輯：王明"]
    lazy = _LazySimplified(src)
    assert lazy[0] == "网站地图"
    keep = [i for i, s in enumerate(src) if s]
    sub = lazy.subset(keep)
    assert sub._done == {0: "网站地图"}
    assert sub.pick(range(len(keep))) == [to_simplified(src[i]) for i in keep]


def test_site_address_with_postcode_or_phone_is_stripped_an_event_venue_is_kept():
    body = "近日，经专家评审，我公司被认定为2024年度高新技术企业，这是对公司自主创新的充分肯定。"
    for footer in ("地址：北京市海淀区中关村大街1号 邮编：100080", "聯絡地址：台北市信義區市府路1號 電話：02-27208889",
                   "公司地址：深圳市南山区科技园 传真：0755-12345678"):
        assert strip_boilerplate(f"{body}\n{footer}\n") == f"{body}\n", footer
    venue = "活动地址：市民公园东门，届时将有专人引导。"
    assert strip_boilerplate(f"{body}\n{venue}\n") == f"{body}\n{venue}\n"


def test_english_site_address_and_call_us_lines_are_stripped_an_address_in_prose_is_kept():
    body = ("The city council approved the new budget on Tuesday, allocating more money to parks "
            "and public transit over the next year.")
    for footer in ("Address: 123 Main Street, Springfield, IL 62701 | Phone: (217) 555-0100",
                   "Our office address: 10 Downing St. Tel: 020 7946 0000",
                   "Call us: 1-800-555-0199 or email info@example.com"):
        assert strip_boilerplate(f"{body}\n{footer}\n") == f"{body}\n", footer
    prose = "The address of the new library is 12 Elm Street, and it opens on Monday; call 555-0100."
    assert strip_boilerplate(f"{body}\n{prose}\n") == f"{body}\n{prose}\n"


WECHAT_BODY = ("近年来，大模型技术快速发展，越来越多的制造企业开始尝试将其应用于质检、排产和设备维护等环节。\n"
               "业内专家认为，大模型在制造业的落地仍面临数据质量、算力成本和人才短缺等挑战。\n")


@pytest.mark.parametrize("head,tail", [
    ("点击上方蓝字关注我们", "长按识别二维码关注我们"),
    ("点击上方“科技观察”，设为星标", "— END —"),
    ("點擊上方藍字關注我們", "分享、点赞、在看，是对我们最大的支持"),
    ("", "编辑 | 李四"),
    ("", "点个在看你最好看"),
])
def test_wechat_article_furniture_is_stripped(head, tail):
    doc = (f"{head}\n" if head else "") + WECHAT_BODY + f"{tail}\n"
    assert strip_boilerplate(doc) == WECHAT_BODY


@pytest.mark.parametrize("edge", ["赞！中国队夺冠", "The End", "点赞功能上线", "二维码支付普及率调查"])
def test_wechat_rules_leave_titles_and_story_ends(edge):
    for doc in (f"{edge}\n{WECHAT_BODY}", f"{WECHAT_BODY}{edge}\n"):
        assert strip_boilerplate(doc) == doc


PTT_BODY = ("大家好，轉職成為軟體工程師已經一年了，想跟大家分享一下這段時間的心得。\n"
            "建議想轉職的朋友多做專案，並且把作品放在 GitHub 上，面試時會很有幫助。\n")


def test_bbs_post_tail_is_stripped():
    tail = ("--\n※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 123.45.67.89 (臺灣)\n"
            "※ 文章網址: https://www.ptt.cc/bbs/Tech_Job/M.1732069293.A.123.html\n"
            "推 user1: 恭喜！ 11/20 10:30\n→ user2: 謝謝分享 11/20 10:35\n噓 user3: 太長了 11/20 11:02\n")
    assert strip_boilerplate(PTT_BODY + tail) == PTT_BODY


@pytest.mark.parametrize("line", ["推薦大家去看看這部電影，真的很好看。", "→ 下一步：打开设置页面", "-- 完 --"])
def test_bbs_rules_leave_sentences_that_look_alike(line):
    doc = f"{PTT_BODY}{line}\n"
    assert strip_boilerplate(doc) == doc


def test_editor_after_a_correction_link_is_stripped():
    body = "国家统计局20日发布数据显示，10月份全国规模以上工业增加值同比增长5.3%，比上月加快0.9个百分点。\n"
    assert strip_boilerplate(body + "【我要纠错】 责任编辑：王某\n") == body


BLOG_BODY = ("Tomatoes are surprisingly easy to grow in containers, as long as they get at least six hours "
             "of sun a day and regular watering.\n"
             "I use a mix of compost and potting soil, and I feed the plants every two weeks.\n")


def test_blog_comment_form_under_the_post_is_stripped():
    tail = ("Share this:\nTwitter\nFacebook\nLike this:\nLike Loading...\nRelated\nLeave a Reply Cancel reply\n"
            "Your email address will not be published. Required fields are marked *\nComment\nName *\nEmail *\n"
            "Website\nSave my name, email, and website in this browser for the next time I comment.\nPost Comment\n"
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.\n")
    assert strip_boilerplate(BLOG_BODY + tail) == BLOG_BODY


def test_sentences_about_comments_and_email_stay():
    doc = BLOG_BODY + "Leave a comment below if you have questions about your own garden, I read every one.\n"
    assert strip_boilerplate(doc) == doc


NEWS_BODY = ("Stocks rose sharply on Wednesday after data showed consumer prices rose less than expected "
             "in October.\nAnalysts cautioned that one month of data does not make a trend.\n")


def test_syndication_note_read_more_link_and_wire_credit_are_stripped():
    doc = (NEWS_BODY.replace("\n", "\nREAD MORE: Five charts that explain the economy right now\n", 1)
           + "(Reporting by John Smith; Editing by Jane Doe)\n"
           + "Sign up for our daily newsletter to get the latest market news.\n"
           + "This article originally appeared on Example News.\n")
    assert strip_boilerplate(doc) == NEWS_BODY


@pytest.mark.parametrize("line", ["See also: the section on generators below.",
                                  "This article was updated on Tuesday to correct a figure."])
def test_lines_that_merely_resemble_them_stay(line):
    doc = NEWS_BODY + line + "\n"
    assert strip_boilerplate(doc) == doc


def test_related_header_behind_a_bullet_takes_its_list_with_it():
    body = ("港府今日公布最新施政報告，提出多項改善民生措施，包括增加公營房屋供應及推出新一輪消費券。\n"
            "行政長官表示，政府會繼續全力拼經濟、謀發展，並加強與大灣區其他城市的合作。\n")
    for header in ("▼相關新聞", "【延伸阅读】", "※相关阅读："):
        assert strip_boilerplate(f"{body}{header}\n施政報告重點一覽\n消費券下月發放\n") == body, header
