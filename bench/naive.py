"""The naive chain textmend is measured against, built from the same libraries.

``chardet.detect(whole bytes)`` -> ``bytes.decode`` -> ``ftfy.fix_text`` (defaults) ->
opencc-python-reimplemented (when the case asks for a conversion).

opencc-python-reimplemented installs the module name ``opencc``, the same name as the
official C++ binding textmend depends on. So it is installed into its own folder,
``bench/.naive-deps`` (``pip install --target``; git-ignored; done here on first use),
and imported in isolation: the official ``opencc`` modules are taken out of
``sys.modules``, the folder is put first on ``sys.path``, the reimplementation is
imported, then its modules are taken out again and the official ones put back. Both
live side by side in the process; textmend keeps the official binding.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

NAIVE_DEPS = Path(__file__).resolve().parent / ".naive-deps"
PACKAGE = "opencc-python-reimplemented"


def ensure_installed(target: Path = NAIVE_DEPS) -> None:
    """Install opencc-python-reimplemented into ``target`` unless it is there already."""
    if (target / "opencc" / "opencc.py").exists():
        return
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "--target", str(target), PACKAGE],
        check=True,
    )


def import_isolated(name: str, path: Path):
    """Import the top-level module ``name`` from ``path`` only, without disturbing any
    module of that name already imported (or importable later) from elsewhere."""
    def ours(mod: str) -> bool:
        return mod == name or mod.startswith(name + ".")

    saved = {k: v for k, v in sys.modules.items() if ours(k)}
    for k in saved:
        del sys.modules[k]
    old_path = list(sys.path)
    sys.path.insert(0, str(path))
    importlib.invalidate_caches()
    try:
        module = importlib.import_module(name)
        spec_origin = Path(module.__file__).resolve()
        if path.resolve() not in spec_origin.parents:
            raise ImportError(f"{name} came from {spec_origin}, not {path}")
        return module
    finally:
        sys.path[:] = old_path
        for k in [k for k in sys.modules if ours(k)]:
            del sys.modules[k]
        sys.modules.update(saved)
        importlib.invalidate_caches()


class NaiveChain:
    """chardet -> decode -> ftfy.fix_text -> opencc-python-reimplemented."""

    def __init__(self) -> None:
        import chardet
        import ftfy

        ensure_installed()
        self._detect = chardet.detect
        self._fix_text = ftfy.fix_text
        self._opencc = import_isolated("opencc", NAIVE_DEPS)
        self._converters: dict[str, object] = {}

    def converter(self, config: str):
        if config not in self._converters:
            self._converters[config] = self._opencc.OpenCC(config)
        return self._converters[config]

    def __call__(self, data: bytes, convert: str | None = None) -> str:
        encoding = self._detect(data)["encoding"] or "utf-8"
        text = data.decode(encoding, errors="replace")
        text = self._fix_text(text)
        if convert:
            text = self.converter(convert).convert(text)
        return text
