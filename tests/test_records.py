"""JSON Lines field mode, Parquet, recipes, streaming and the Ray engine."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from textmend import clean
from textmend.batch import BatchOptions, clean_bytes
from textmend.cli import cli
from textmend.recipe import RecipeError, load
from textmend.stream import clean_stream

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


RECORDS = [
    {"id": 3, "text": "江蘇蘇州:孕育新質生產力", "meta": {"lang": "zh"}},
    {"id": 1, "text": "Plain English, unchanged.\n", "tags": ["en"]},
    {"id": 2, "text": 42},
    {"id": 9, "text": "新聞網(wǎng),首頁"},
]


def test_jsonl_field_mode_keeps_ids_order_and_other_fields(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", "--jsonl", "--field", "text", "-c", "t2s", str(src), "-o", str(out), "-j", "2")
    assert r.exit_code == 1  # the record whose text is a number failed (and was kept)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == [3, 1, 2, 9]
    assert rows[0]["text"] == clean(RECORDS[0]["text"], convert="t2s") and rows[0]["meta"] == {"lang": "zh"}
    assert rows[1] == RECORDS[1] and rows[2] == RECORDS[2]
    assert "1 failed" in r.stderr and "record 3" in r.stderr
    r = run_cli("clean", "--jsonl", "-c", "t2s", "-", input=src.read_bytes())
    assert r.stdout.encode() == out.read_bytes()


def test_parquet_column(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": [r["id"] for r in RECORDS if isinstance(r["text"], str)],
                      "text": [r["text"] for r in RECORDS if isinstance(r["text"], str)]})
    pq.write_table(table, tmp_path / "in.parquet")
    r = run_cli("clean", "--parquet", "-c", "t2s", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "o.parquet"))
    assert r.exit_code == 0
    got = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [g["id"] for g in got] == [3, 1, 9]
    assert got[0]["text"] == clean(RECORDS[0]["text"], convert="t2s")


def test_recipe_drives_the_pipeline(tmp_path):
    recipe = tmp_path / "r.toml"
    recipe.write_text('[[filter]]\nname = "pinyin"\n[[filter]]\nname = "convert"\noptions = { config = "t2s" }\n')
    opts = load(str(recipe))
    assert opts.pipeline().names == ["pinyin", "convert"]
    src = tmp_path / "a.txt"
    src.write_text("新聞網(wǎng)的首頁,也就是說\n")
    r = run_cli("clean", "--recipe", str(recipe), str(src))
    assert r.stdout == opts.pipeline().run(src.read_text())
    default = tmp_path / "d.toml"
    default.write_text('convert = "t2s"\nskip = ["punctuation"]\n')
    names = load(str(default)).pipeline().names
    assert names[-1] == "convert" and "punctuation" not in names
    bad = tmp_path / "bad.toml"
    bad.write_text('[[filter]]\nname = "nope"\n')
    with pytest.raises(RecipeError):
        load(str(bad))
    assert run_cli("clean", "--recipe", str(bad), str(src)).exit_code == 2


def realistic_doc() -> bytes:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    body = (ROOT / "fixtures").glob("*.txt")
    middle = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(body))
    english = "\n\n".join(f"Paragraph {i}: plain English text, 3.14, https://example.com/{i}." for i in range(40))
    return (parts[0] + "\n\n" + middle + "\n\n" + english + "\n\n\n" + middle + "\n").encode()


@pytest.mark.parametrize("chunk", [1000, 2000, 5000])
def test_streamed_chunks_equal_whole_document(chunk):
    data = realistic_doc()
    for opts in (BatchOptions(convert="t2s"), BatchOptions()):
        whole, _ = clean_bytes(data, opts)
        out = io.BytesIO()
        info = clean_stream(io.BytesIO(data), out, opts, chunk_chars=chunk)
        assert info["chunks"] > 1 and info["bytes_in"] == len(data)
        assert out.getvalue() == whole


def test_seeds_stream_the_same_as_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTMEND_STREAM_THRESHOLD", "1000")
    monkeypatch.setenv("TEXTMEND_STREAM_CHUNK", "1500")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        r = run_cli("clean", "-c", "t2s", str(seed))
        assert r.stdout.encode() == (ROOT / "fixtures" / seed.name).read_bytes()
        r = run_cli("clean", "-c", "t2s", "-", input=seed.read_bytes())
        assert r.stdout.encode() == (ROOT / "fixtures" / seed.name).read_bytes()
    big = tmp_path / "bin.dat"
    big.write_bytes(bytes(range(256)) * 8)
    r = run_cli("clean", str(big), "-o", str(tmp_path / "o"))
    assert r.exit_code == 1 and "bin.dat" in r.stderr and not (tmp_path / "o").exists()


def test_ray_engine_matches_local(tmp_path):
    pytest.importorskip("ray")
    import textmend.ray as tray

    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (src / "a" / "b" / seed.name).write_bytes(seed.read_bytes())
    (src / "gb.txt").write_bytes("江蘇蘇州:孕育新質生產力。\n".encode("gb18030"))
    (src / "x.bin").write_bytes(b"\x00\x01\x02binary")
    recipe = tmp_path / "r.toml"
    recipe.write_text('convert = "t2s"\n')
    assert run_cli("clean", str(src), "-o", str(tmp_path / "local"), "--recipe", str(recipe), "-j", "1").exit_code == 1
    tray.init(num_cpus=2)
    try:
        r = run_cli("clean", "--engine", "ray", str(src), "-o", str(tmp_path / "ray"), "--recipe", str(recipe))
        assert r.exit_code == 1 and "x.bin" in r.stderr
        local = {p.relative_to(tmp_path / "local"): p.read_bytes()
                 for p in (tmp_path / "local").rglob("*") if p.is_file()}
        remote = {p.relative_to(tmp_path / "ray"): p.read_bytes() for p in (tmp_path / "ray").rglob("*") if p.is_file()}
        assert local == remote and len(local) == 3
        # --resume skips finished outputs; --report has the local engine's per-file facts
        rep = tmp_path / "ray.json"
        r = run_cli("clean", "--engine", "ray", str(src), "-o", str(tmp_path / "ray"), "--recipe", str(recipe),
                    "--resume", "--report", str(rep))
        doc = json.loads(rep.read_text(encoding="utf-8"))
        assert doc["summary"]["skipped"] == 3 and doc["summary"]["failed"] == 1 and r.exit_code == 1
        # --glob / --exclude choose the same files as locally
        for args in (["--glob", "*.txt", "--exclude", "a"], ["--glob", "a/b/*"]):
            run_cli("clean", str(src), "-o", str(tmp_path / "lg"), "--recipe", str(recipe), "-j", "1", *args)
            r = run_cli("clean", "--engine", "ray", str(src), "-o", str(tmp_path / "rg"), "--recipe", str(recipe),
                        "--report", str(rep), *args)
            assert r.exit_code == 0, r.stderr
            lg = {p.relative_to(tmp_path / "lg"): p.read_bytes() for p in (tmp_path / "lg").rglob("*") if p.is_file()}
            rg = {p.relative_to(tmp_path / "rg"): p.read_bytes() for p in (tmp_path / "rg").rglob("*") if p.is_file()}
            assert lg == rg and 1 <= len(rg) <= 2
            files = json.loads(rep.read_text(encoding="utf-8"))["files"]
            assert {f["status"] for f in files} <= {"ok", "unchanged"} and all(f["encoding"] for f in files)
            assert any(f["changes"] for f in files) or args[1] == "*.txt"
            shutil.rmtree(tmp_path / "lg")
            shutil.rmtree(tmp_path / "rg")
        jl = tmp_path / "in.jsonl"
        jl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
        run_cli("clean", "--jsonl", str(jl), "-o", str(tmp_path / "l.jsonl"), "--recipe", str(recipe))
        run_cli("clean", "--engine", "ray", "--jsonl", str(jl), "-o", str(tmp_path / "r.jsonl"),
                "--recipe", str(recipe))
        assert (tmp_path / "l.jsonl").read_bytes() == (tmp_path / "r.jsonl").read_bytes()
    finally:
        import ray

        ray.shutdown()


def test_stream_detects_utf8_when_the_first_read_cuts_a_character(monkeypatch):
    """The detection sample ends at a byte count; a UTF-8 character cut in two there must not
    turn the file into a 'mixed' or legacy one (a large UTF-8 file used to fail)."""
    from textmend import stream

    para = "今天天气很好，我们去公园散步。这是一个测试段落。\n\n"
    data = (para * 400).encode("utf-8")
    monkeypatch.setattr(stream, "_READ", 1000)  # 1000 is not a multiple of 3: a character is cut
    assert data[:1000].decode("utf-8", errors="replace").endswith("\ufffd")
    out = io.BytesIO()
    facts = stream.clean_stream(io.BytesIO(data), out, BatchOptions(), chunk_chars=2000)
    assert facts["encoding"] == "utf-8"
    assert out.getvalue().decode("utf-8") == clean(data)
