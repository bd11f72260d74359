"""textmend learn: lines repeated at the head or tail of a site's pages become a rule pack."""

from __future__ import annotations

from click.testing import CliRunner

from textmend.cli import cli
from textmend.learn import edge_lines, learn, learn_site, to_toml
from textmend.rules import load_pack_file
from textmend.strip import strip_boilerplate

BODIES = [
    "市政府今天召开常务会议，研究部署今年的重点工作，会议强调要稳增长、促改革、惠民生。",
    "本市今年将新建改建公园三十座，让市民出门就能享受绿色空间，预计年底前全部完工。",
    "全市中小学将于下周一开学，教育部门提醒家长提前做好孩子的入学准备和交通安排。",
    "气象台预计未来三天以晴到多云天气为主，最高气温将升至三十五摄氏度，请注意防暑。",
    "交通部门发布通知，地铁五号线将于本周末进行设备检修，部分站点临时封闭。",
]


def site_a_page(i: int) -> str:
    return (f"某某日报 | 新闻频道\n热门推荐：春日赏花好去处\n\n标题第{i}号\n\n来源：某某日报\n\n{BODIES[i]}\n\n"
            f"{BODIES[(i + 1) % 5]}\n\n扫码关注某某日报微信公众号\n某某日报社主办 地址：某某路1号\n")


def site_b_page(i: int) -> str:
    return (f"Example Gazette — Local news since 1901\n\nStory {i}\n\n"
            f"The council met on day {i} and voted.\n\n© Example Gazette\n")


def make_corpus(root):
    (root / "a").mkdir()
    (root / "b").mkdir()
    for i in range(5):
        (root / "a" / f"{i}.txt").write_text(site_a_page(i), encoding="utf-8")
        (root / "b" / f"{i}.txt").write_text(site_b_page(i), encoding="utf-8")
    # one page of site a is stored in GB18030 (decoded like any input)
    (root / "a" / "4.txt").write_bytes(site_a_page(4).encode("gb18030"))


def test_edge_lines():
    head, tail = edge_lines("a\n\nb\n  c  \nd\n", 2)
    assert head == {"a", "b"} and tail == {"c", "d"}


def test_learn_site_finds_repeated_furniture_only():
    r = learn_site([site_a_page(i) for i in range(5)], "a")
    assert "某某日报 | 新闻频道" in r.head and "热门推荐：春日赏花好去处" in r.head
    assert "扫码关注某某日报微信公众号" in r.tail and "某某日报社主办 地址：某某路1号" in r.tail
    learned = set(r.head) | set(r.tail)
    assert "来源：某某日报" not in learned  # a source line belongs to the article
    assert not any(b in learned for b in BODIES)
    assert not any(x.startswith("标题") for x in learned)


def test_too_few_files_learn_nothing():
    r = learn_site([site_a_page(0), site_a_page(1)], "a")
    assert r.head == [] and r.tail == []


def test_learned_pack_round_trip(tmp_path):
    make_corpus(tmp_path)
    result = learn(tmp_path)
    assert result.files == 10 and not result.unreadable
    pack_file = tmp_path.parent / "learned.toml"
    pack_file.write_text(to_toml(result, "mysite", str(tmp_path)), encoding="utf-8")
    pack = load_pack_file(pack_file)
    assert pack.name == "mysite"
    assert {f.name for f in pack.families} == {"a-head", "a-tail", "b-head", "b-tail"}
    page = site_a_page(2)
    out = strip_boilerplate(page, packs=[pack])
    assert "某某日报 | 新闻频道" not in out and "扫码关注" not in out and "某某路1号" not in out
    assert "来源：某某日报" in out and BODIES[2] in out and "标题第2号" in out
    # a learned line in the middle of an article is not touched (zones only)
    mid = f"{BODIES[0]}\n扫码关注某某日报微信公众号\n{BODIES[1]}\n"
    assert strip_boilerplate(mid, packs=[pack]) == mid


def test_learn_cli_then_clean_rules(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_corpus(corpus)
    out = tmp_path / "rules.toml"
    r = CliRunner().invoke(cli, ["learn", str(corpus), "-o", str(out), "--name", "gazette"])
    assert r.exit_code == 0, r.output
    assert "learned" in r.stderr and "in 2 site(s)" in r.stderr
    page = tmp_path / "page.txt"
    page.write_text(site_b_page(7), encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", "--rules", str(out), str(page)])
    assert r.exit_code == 0
    assert r.stdout == "Story 7\n\nThe council met on day 7 and voted.\n"
    r = CliRunner().invoke(cli, ["clean", "--rules", str(out), "--disable-rules", "gazette", str(page)])
    assert "Example Gazette" in r.stdout


def test_learn_cli_reports_unreadable_files(tmp_path):
    make_corpus(tmp_path)
    (tmp_path / "b" / "bad.txt").write_bytes(b"\x00\xff\xfe\x00" * 10)
    r = CliRunner().invoke(cli, ["learn", str(tmp_path)])
    assert "name = " in r.stdout  # the pack is still written
