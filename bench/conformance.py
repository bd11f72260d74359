"""Conformance against the peers' own test suites, in one run.

    python bench/conformance.py [--peers DIR] [--only detect|ftfy|opencc]

DIR defaults to ../shared/peers/ next to the repository (see its README.md; the data is
never copied into this repository). Three parts:

1. **Detection** on chardet's corpus (``chardet-tests/<ENCODING>[-language]/*``): textmend,
   chardet, charset-normalizer and cchardet (faust-cchardet; reported as missing when not
   installed). A guess is right when the bytes decode under it to the same text as under
   the true encoding (so ``gb18030`` is right for a GB2312 file, and ``ascii`` for an ASCII
   one). The true text is the strict decoding under the folder's encoding, or, when that
   fails (real files carry vendor extensions), under its superset codec (GB2312 -> GB18030,
   Big5 -> Big5-HKSCS, Shift_JIS -> CP932, EUC-KR -> CP949); a leading BOM is ignored on
   both sides. Files whose encoding Python has no codec for (EUC-TW) are skipped. Accuracy
   is given per encoding (the folder name without its language) and per family, with the
   total seconds each detector took, plus the time to detect one ~1 MB document.
2. **ftfy's test cases** (``ftfy-test-cases/*.json``): the cases ftfy itself passes, and
   those textmend passes. ftfy's ``fix_text`` is a repair step, so textmend's counterpart is
   its chain of repair-stage filters in default order plus the Unicode form (NFC, ftfy's
   default), not the whole ``clean`` (which also strips boilerplate lines and widens
   punctuation between Chinese characters, things ftfy never does). textmend deliberately
   keeps curly quotes and full-width characters that ftfy's defaults fold
   (``中文：“你好”`` stays), so its output is compared after the same folding ftfy's
   defaults do (``ftfy.fixes.uncurl_quotes`` and ``ftfy.fixes.fix_character_width``); the
   expected text is ``fixed``. ftfy is run with its defaults, as its own test suite does. Cases marked
   ``"expect": "fail"`` are counted separately (ftfy documents that it fails them).
3. **OpenCC's test cases** (``opencc-testcases/testcases.json``): cases passed by
   ``textmend.convert(text, config, restore=False)``.
"""

from __future__ import annotations

import argparse
import codecs
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DEFAULT_PEERS = HERE.parents[1] / "shared" / "peers"

#: Folder encodings -> the superset codec used for the true text when the strict
#: decoding under the folder's own codec fails.
TRUTH_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc-jp": "euc_jis_2004",
    "euc-kr": "cp949",
    "iso-8859-1": "cp1252",
    "ascii": "cp1252",
}

#: Encoding folder -> family (for the summary rows).
FAMILIES = {
    "big5": "Chinese", "gb2312": "Chinese", "euc-tw": "Chinese",
    "cp932": "Japanese", "euc-jp": "Japanese", "shift_jis": "Japanese", "iso-2022-jp": "Japanese",
    "cp949": "Korean", "euc-kr": "Korean", "johab": "Korean", "iso-2022-kr": "Korean",
    "ibm855": "Cyrillic", "ibm866": "Cyrillic", "koi8-r": "Cyrillic", "maccyrillic": "Cyrillic",
    "iso-8859-5": "Cyrillic", "windows-1251": "Cyrillic",
    "utf-8": "Unicode", "utf-8-sig": "Unicode", "utf-16": "Unicode", "utf-16be": "Unicode",
    "utf-16le": "Unicode", "utf-32": "Unicode", "utf-32be": "Unicode", "utf-32le": "Unicode",
    "ascii": "Western", "iso-8859-1": "Western", "windows-1252": "Western", "macroman": "Western",
    "iso-8859-2": "Central European", "windows-1250": "Central European",
    "iso-8859-7": "Greek", "iso-8859-9": "Turkish", "windows-1254": "Turkish",
    "iso-8859-6": "Arabic", "windows-1256": "Arabic", "windows-1255": "Hebrew", "tis-620": "Thai",
}

_LANG_SUFFIXES = ("-croatian", "-czech", "-hungarian", "-polish", "-slovak", "-slovene", "-bulgarian",
                  "-russian", "-arabic", "-greek", "-turkish", "-romanian", "-hebrew")


def folder_encoding(name: str) -> str:
    """``windows-1250-czech`` -> ``windows-1250``."""
    name = name.lower()
    for suffix in _LANG_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.replace("_", "-")).name
    except LookupError:
        try:
            return codecs.lookup(name).name
        except LookupError:
            return None


def _decoded(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text[1:] if text.startswith("\ufeff") else text


def true_text(data: bytes, encoding: str) -> str | None:
    """The text of a corpus file under its folder's encoding (see the module notes)."""
    text = _decoded(data, _codec(encoding))
    if text is None and encoding in TRUTH_SUPERSETS:
        text = _decoded(data, TRUTH_SUPERSETS[encoding])
    return text


def corpus(root: Path) -> list[tuple[str, Path, bytes, str]]:
    """(encoding, path, bytes, true text) for every corpus file with a decodable truth."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        enc = folder_encoding(folder.name)
        if _codec(enc) is None:
            print(f"  skipped {folder.name}: Python has no codec for it", file=sys.stderr)
            continue
        for f in sorted(folder.iterdir()):
            data = f.read_bytes()
            text = true_text(data, enc)
            if text is None:
                print(f"  skipped {f.relative_to(root)}: not valid {enc}", file=sys.stderr)
                continue
            out.append((enc, f, data, text))
    return out


def detectors() -> dict[str, object]:
    """name -> function(bytes) -> encoding name or None."""
    import chardet
    import charset_normalizer

    import textmend

    def cn(data: bytes) -> str | None:
        best = charset_normalizer.from_bytes(data).best()
        return best.encoding if best else None

    out = {
        "textmend": lambda data: textmend.detect(data).encoding,
        "chardet": lambda data: chardet.detect(data)["encoding"],
        "charset-normalizer": cn,
    }
    try:
        import cchardet

        out["cchardet"] = lambda data: cchardet.detect(data)["encoding"]
    except ImportError:
        print("  cchardet not installed (pip install faust-cchardet): left out", file=sys.stderr)
    return out


def run_detection(root: Path, big_docs: dict[str, bytes] | None = None) -> dict:
    files = corpus(root)
    dets = detectors()
    right: dict[str, dict[str, int]] = {n: defaultdict(int) for n in dets}
    seconds: dict[str, float] = {}
    wrong: dict[str, list[str]] = {n: [] for n in dets}
    variant: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for enc, _, _, _ in files:
        totals[enc] += 1
    for name, fn in dets.items():
        t0 = time.perf_counter()
        guesses = [fn(data) for _, _, data, _ in files]
        seconds[name] = time.perf_counter() - t0
        for (enc, path, data, text), guess in zip(files, guesses):
            got = _decoded(data, _codec(guess))
            if got == text:
                right[name][enc] += 1
            else:
                variant[name] += got is not None and mapping_variant_only(text, got)
                wrong[name].append(f"{path.parent.name}/{path.name}: {guess}")
    big: dict[str, dict[str, float]] = {}
    for label, doc in (big_docs or {}).items():
        big[label] = {}
        for name, fn in dets.items():
            times = []
            for _ in range(3 if "plain" in label else 5):
                t0 = time.perf_counter()
                fn(doc)
                times.append(time.perf_counter() - t0)
            big[label][name] = min(times)
    return {"right": right, "totals": totals, "seconds": seconds, "wrong": wrong, "big": big,
            "names": list(dets), "variant": variant}


#: Code points where Python's gb2312 codec and GB18030 (and WHATWG's decoder for the
#: gb2312 label) disagree: 0xA1AA HORIZONTAL BAR / EM DASH, 0xA1A4 KATAKANA MIDDLE DOT /
#: MIDDLE DOT.
_GB2312_VARIANTS = {("\u2015", "\u2014"), ("\u30fb", "\u00b7")}


def mapping_variant_only(truth: str, got: str) -> bool:
    """True when ``got`` differs from ``truth`` only at GB2312's two disputed mappings."""
    return len(truth) == len(got) and all(
        (a, b) in _GB2312_VARIANTS for a, b in zip(truth, got) if a != b)


def _big_document(root: Path) -> bytes:
    """About 1 MB of GB2312 Chinese: the corpus's GB2312 files, repeated."""
    parts = b"".join(f.read_bytes() for f in sorted((root / "GB2312").iterdir()))
    return (parts * (1_000_000 // len(parts) + 1))[:1_000_000]


def _plain_document(root: Path, folder: str, codec: str) -> bytes:
    """About 1 MB of one folder's text without markup (no ``charset=`` for a detector to read),
    repeated and cut at a line end."""
    lines = []
    for f in sorted((root / folder).iterdir()):
        text = re.sub(r"<[^>]*>|&\w+;", "", f.read_bytes().decode(codec, "replace"))
        lines += [line.strip() for line in text.splitlines() if line.strip()]
    chunk = ("\n".join(lines) + "\n").encode(codec, "replace")
    data = chunk * (1_000_000 // len(chunk) + 1)
    return data[: data.rfind(b"\n", 0, 1_000_000) + 1]


def big_documents(root: Path) -> dict[str, bytes]:
    docs = {"1 MB GB2312 document (files as they are)": _big_document(root)}
    for folder, codec in (("GB2312", "gb18030"), ("Big5", "big5hkscs"), ("SHIFT_JIS", "cp932"),
                          ("EUC-KR", "cp949"), ("windows-1251-russian", "cp1251")):
        docs[f"1 MB plain {folder} text"] = _plain_document(root, folder, codec)
    return docs


def print_detection(res: dict) -> None:
    names = res["names"]
    fam_right: dict[str, dict[str, int]] = {n: defaultdict(int) for n in names}
    fam_total: dict[str, int] = defaultdict(int)
    print("| encoding | files | " + " | ".join(names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for enc in sorted(res["totals"]):
        total = res["totals"][enc]
        fam = FAMILIES.get(enc, "other")
        fam_total[fam] += total
        for n in names:
            fam_right[n][fam] += res["right"][n][enc]
        print(f"| {enc} | {total} | " + " | ".join(f"{res['right'][n][enc]}" for n in names) + " |")
    print()
    print("| family | files | " + " | ".join(names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for fam in sorted(fam_total):
        print(f"| {fam} | {fam_total[fam]} | "
              + " | ".join(f"{100 * fam_right[n][fam] / fam_total[fam]:.1f}%" for n in names) + " |")
    total = sum(fam_total.values())
    print(f"| **all** | {total} | "
          + " | ".join(f"**{100 * sum(fam_right[n].values()) / total:.1f}%**" for n in names) + " |")
    print("| seconds (whole corpus) | | " + " | ".join(f"{res['seconds'][n]:.2f}" for n in names) + " |")
    for label, times in res["big"].items():
        print(f"| seconds, {label} (best of 3-5) | | " + " | ".join(f"{times[n]:.4f}" for n in names) + " |")
    print("\nWrong only at GB2312's disputed mappings (0xA1AA read as U+2014 not U+2015, 0xA1A4 as U+00B7 "
          "not U+30FB, i.e. read as GB18030): " + ", ".join(f"{n} {res['variant'][n]}" for n in names))


def repair_pipeline():
    """textmend's counterpart of ``ftfy.fix_text``: its repair-stage filters in default order,
    then the Unicode form (NFC, as ftfy's default ``normalization``)."""
    import textmend

    names = [n for n in textmend.DEFAULT_STEPS if textmend.REGISTRY[n].stage == "repair"] + ["unicode"]
    return textmend.Pipeline.from_names(names)


def run_ftfy(root: Path) -> dict:
    import ftfy
    import ftfy.fixes


    def fold(text: str) -> str:
        return ftfy.fixes.fix_character_width(ftfy.fixes.uncurl_quotes(text))

    repair = repair_pipeline()
    counts = {"cases": 0, "ftfy": 0, "textmend": 0, "expected-fail": 0, "ftfy-only": []}
    for f in sorted(root.glob("*.json")):
        cases = json.loads(f.read_text(encoding="utf-8"))
        if not isinstance(cases, list):
            continue
        for case in cases:
            if not isinstance(case, dict) or "original" not in case:
                continue
            original, expected = case["original"], case["fixed"]
            counts["cases"] += 1
            if case.get("expect") == "fail":
                counts["expected-fail"] += 1
            ftfy_ok = ftfy.fix_text(original) == expected
            ours = repair.run(original)
            ours_ok = fold(ours) == expected
            counts["ftfy"] += ftfy_ok
            counts["textmend"] += ours_ok
            if ftfy_ok and not ours_ok:
                counts["ftfy-only"].append(f"{f.name}: {case.get('label', '')}: {original!r} -> {ours!r}")
    return counts


def run_opencc(path: Path) -> dict:
    from opencc_backends import load_cases

    import textmend
    from textmend.convert import ConvertError

    cases = load_cases(path)
    passed, failed = 0, []
    for config, text, expected in cases:
        try:
            got = textmend.convert(text, config, restore=False)
        except ConvertError as e:
            got = f"<{e}>"
        if got == expected:
            passed += 1
        else:
            failed.append(f"{config}: {text!r} -> {got!r} (expected {expected!r})")
    return {"cases": len(cases), "passed": passed, "failed": failed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peers", type=Path, default=DEFAULT_PEERS)
    ap.add_argument("--only", choices=("detect", "ftfy", "opencc"))
    ap.add_argument("--show-wrong", action="store_true", help="list each detector's wrong guesses")
    args = ap.parse_args(argv)
    if args.only in (None, "detect"):
        root = args.peers / "chardet-tests"
        res = run_detection(root, big_documents(root))
        print("## Detection (chardet's corpus)\n")
        print_detection(res)
        if args.show_wrong:
            for n in res["names"]:
                print(f"\n{n} wrong ({len(res['wrong'][n])}):")
                for w in res["wrong"][n]:
                    print("   ", w)
    if args.only in (None, "ftfy"):
        c = run_ftfy(args.peers / "ftfy-test-cases")
        print("\n## ftfy's test cases\n")
        print(f"cases {c['cases']} (of which marked expect=fail: {c['expected-fail']}); "
              f"passed by ftfy {c['ftfy']}; by textmend.clean {c['textmend']}; "
              f"passed by ftfy but not textmend: {len(c['ftfy-only'])}")
        for line in c["ftfy-only"]:
            print("   ", line)
    if args.only in (None, "opencc"):
        o = run_opencc(args.peers / "opencc-testcases" / "testcases.json")
        print("\n## OpenCC's test cases\n")
        print(f"cases {o['cases']}; passed by textmend.convert(restore=False) {o['passed']}")
        for line in o["failed"]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
