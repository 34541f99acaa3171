"""Benchmark: importing a 20-page .docx, and a Markdown seed.

Builds a .docx of about 20 pages with the test corpus generator (header
table, numbered lists, a footnote, signature table, appendix table), then
measures in one invocation:

  open floor     python-docx opening the file alone (the least any reader pays);
  import (lib)   dvlint's .docx loader in this process: read, classify, validate;
  import (cli)   ``dvlint import FILE`` wall time, start-up included (best of 3);
  markdown       the loader on the largest seed, in this process;
  spaced text    text of N lines with a wide gap on every other line (what
                 pdftotext -layout gives a table-heavy report), at 3,000 and
                 30,000 lines: the time per line must not grow with N.

Figures are measured, never asserted in tests. The target for issue 3 is an
import of a 20-page .docx under 1 s.

    python bench/bench_import.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from docx_corpus import state_report  # noqa: E402


from _timing import best  # noqa: E402


def main() -> None:
    import docx

    from dvlint.engine.config import Settings
    from dvlint.read.loaders import load_docx_report, load_text_report

    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="dvlint-bench-") as tmp:
        path = state_report(Path(tmp) / "twenty-pages.docx", paragraphs_per_section=150)
        words = sum(len(p.text.split()) for p in docx.Document(str(path)).paragraphs)
        floor = best(lambda: docx.Document(str(path)))
        lib = best(lambda: load_docx_report(path, settings))
        cli = best(lambda: subprocess.run([sys.executable, "-m", "dvlint", "import", str(path)],
                                          stdout=subprocess.DEVNULL, check=True), repeat=3)
        loaded = load_docx_report(path, settings)
    seed = max((ROOT / "tests" / "data" / "seeds").glob("*.md"), key=lambda p: p.stat().st_size)
    md = best(lambda: load_text_report(seed, settings))
    paragraphs = len(loaded.positions.lines)
    print(f".docx: {paragraphs} paragraphs, {words} words (about {words / 500:.0f} pages)")
    print(f"python-docx open (floor): {floor * 1000:7.1f} ms   1.00x")
    print(f"dvlint .docx loader:      {lib * 1000:7.1f} ms   {lib / floor:.2f}x")
    print(f"dvlint import (command):  {cli * 1000:7.1f} ms   (start-up included)")
    print(f"markdown seed {seed.name}: {md * 1000:.1f} ms ({seed.stat().st_size / 1024:.0f} KB)")
    small, large = (spaced_text_per_line(n, settings) for n in (3_000, 30_000))
    print(f"spaced text: {small * 1e6:.0f} us/line at 3,000 lines, {large * 1e6:.0f} us/line at 30,000 "
          f"({large / small:.2f}x: 1 is linear)")


def spaced_text_per_line(count: int, settings) -> float:
    """Seconds per line to load a text whose every other line has columns set apart by spaces."""
    from dvlint.read.loaders import load_text_report

    lines = [f"Số liệu      năm {i}      {i}" if i % 2 else f"Đoạn văn bình thường số {i}." for i in range(count)]
    with tempfile.TemporaryDirectory(prefix="dvlint-bench-") as tmp:
        path = Path(tmp) / "spaced.txt"
        path.write_text("BÁO CÁO\n" + "\n".join(lines) + "\n", encoding="utf-8")
        return best(lambda: load_text_report(path, settings), repeat=1) / count


if __name__ == "__main__":
    main()
