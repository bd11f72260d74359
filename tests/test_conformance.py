"""bench/conformance.py's scoring rules (the peers' data itself is not needed here)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import conformance  # noqa: E402


def test_folder_names_map_to_encodings():
    assert conformance.folder_encoding("windows-1250-czech") == "windows-1250"
    assert conformance.folder_encoding("iso-8859-5-bulgarian") == "iso-8859-5"
    assert conformance.folder_encoding("SHIFT_JIS") == "shift_jis"


def test_truth_falls_back_to_the_superset_codec():
    data = "髙橋さん①".encode("cp932")  # vendor characters outside JIS X 0208
    assert conformance.true_text(data, "shift_jis") == "髙橋さん①"
    assert conformance.true_text("中文".encode("gb2312"), "gb2312") == "中文"
    assert conformance.true_text(b"\xff\xfe\xfd", "utf-8") is None


def test_gb2312_mapping_variants_are_told_apart():
    data = "一\u2015二\u30fb三".encode("gb2312")
    truth, other = data.decode("gb2312"), data.decode("gb18030")
    assert truth != other and conformance.mapping_variant_only(truth, other)
    assert not conformance.mapping_variant_only("中文", "中丈")


def test_a_guess_is_right_when_the_text_is_the_same():
    data = "中文".encode("gb2312")
    truth = conformance.true_text(data, "gb2312")
    assert conformance._decoded(data, conformance._codec("GB18030")) == truth
    assert conformance._decoded(data, conformance._codec("big5")) != truth
    assert conformance._decoded("\ufeffab".encode("utf-16-le"), "utf-16-le") == "ab"  # BOM ignored
