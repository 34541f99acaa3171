"""Mutation fuzzing of the whole check pipeline, shared by tests/test_fuzz.py and bench/fuzz.py.

Inputs start from real reports (the fixtures, the seeds, generated .docx) and
are broken the way files get broken: bytes flipped, lines cut, duplicated or
swapped, YAML punctuation and tags dropped in, encodings mixed, the file
truncated, a zip's bytes damaged. Each input goes through what ``dvlint
check`` does to a file (``Checker.check_file``). The only acceptable outcomes
are a result with findings and a score, or a located load error. A crash is
anything else: an exception out of dvlint, a DV000 internal-error finding (a
rule that crashed on the input), a loader crash, or a load error without a
location.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Pieces that make YAML, dates, citations and text interesting when dropped in.
TOKENS = [
    b":", b": ", b"- ", b"-", b"? ", b"&a ", b"*a", b"&a [1, 2]", b"<<: *a", b"!!python/object:os.system ",
    b"!!str ", b"!!binary ", b"!include ", b"%YAML 1.1\n", b"---\n", b"...\n", b"\t", b"  ", b"\n", b"\r\n", b"\r",
    b'"', b"'", b"{", b"}", b"[", b"]", b",", b"#", b"|", b">-", b"|+\n", b"\\x", b"\\u00", b"\x00", b"\xef\xbb\xbf",
    b"\xff\xfe", b"\xb8\xb5", b"a\xf8o", b"null", b"~", b"true", b"1e999", b"0x1F", b"2024-02-30", b"-.inf",
    "ngày 31 tháng 02 năm 2020".encode(), "ngày  tháng  năm".encode(), b"31/02/2020", b"29/2/2023", b"5/3/20",
    "Số: 12-BC/ĐU".encode(), "Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019 của Sở".encode(), b"15/16 ... 100%",
    "Nghị định số 30/2020/NĐ-CP".encode(), "Quyết định 23-QĐ/TW".encode(), "KT. GIÁM ĐỐC".encode(),
    "T/M BAN THƯỜNG VỤ".encode(), "Nơi nhận:".encode(), "Căn cứ Căn cứ".encode(), "o\u0302\u0300".encode(),
    "\u202e".encode(), "\u2028".encode(), "\ufeff".encode(), "𝔘𝔫𝔦𝔠𝔬𝔡𝔢".encode(), b"<placeholder>",
    b"sections:\n  - heading: X\n", b"indicators: {a: 1}\n", b"document: 5\n", b"label: '1.'\n",
]


def seed_inputs() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of the real reports the mutations start from."""
    seeds = [(".yaml", path.read_bytes()) for path in sorted((ROOT / "fixtures").glob("*.yaml"))]
    shared = ROOT.parent / "shared" / "seeds"
    seeds += [(".md", path.read_bytes()) for path in sorted(shared.glob("*.md"))]
    seeds += [(".txt", path.read_bytes()) for path in sorted((ROOT / "tests" / "import_cases").glob("*.txt"))]
    docx = ROOT / "tests" / "bad_inputs" / "files" / "valid.docx"
    if docx.exists():
        seeds.append((".docx", docx.read_bytes()))
    return seeds


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` broken by one to eight random edits."""
    for _ in range(rounds if rounds is not None else rng.randint(1, 8)):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data


def _flip(data, rng):
    """One character replaced: mostly by a printable one (the text stays UTF-8), sometimes by any byte."""
    if not data:
        return data
    i = _at(data, rng, 0, len(data) - 1)
    if i >= len(data):
        return data
    byte = bytes([rng.randrange(256)]) if rng.random() < 0.1 else chr(rng.choice(_PRINTABLE)).encode()
    return data[:i] + byte + data[i + 1:]


_PRINTABLE = [*range(0x20, 0x7f), *map(ord, "ăâđêôơưàáảãạĐƯ“”–…")]


def _at(data: bytes, rng, start: int = 0, length: int | None = None) -> int:
    """A random offset that does not split a UTF-8 character (most edits keep the text decodable)."""
    i = rng.randrange(start, (len(data) if length is None else min(len(data), start + length)) + 1)
    while i < len(data) and 0x80 <= data[i] < 0xC0:
        i += 1
    return i


def _insert_token(data, rng):
    i = _at(data, rng)
    return data[:i] + rng.choice(TOKENS) + data[i:]


def _insert_at_line_start(data, rng):
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i] = rng.choice(TOKENS) + lines[i]
    return b"\n".join(lines)


def _delete_range(data, rng):
    i = _at(data, rng)
    return data[:i] + data[_at(data, rng, i, 200):]


def _duplicate_range(data, rng):
    i = _at(data, rng)
    j = _at(data, rng, i, 400)
    return data[:j] + data[i:j] * rng.randint(1, 3) + data[j:]


def _lines(data, rng):
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.randrange(4)
    if action == 0:
        lines[i], lines[j] = lines[j], lines[i]
    elif action == 1:
        del lines[i]
    elif action == 2:
        lines.insert(i, lines[j])
    else:
        lines[i] = b" " * rng.randint(0, 8) + lines[i].lstrip()
    return b"\n".join(lines)


def _truncate(data, rng):
    return data[:_at(data, rng) if rng.random() < 0.8 else rng.randrange(len(data) + 1)]


def _reencode(data, rng):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    import unicodedata

    choice = rng.randrange(6)
    if choice < 3:
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if choice < 5:
        return text.encode("utf-16")
    return text.encode("cp1258", "replace")


def _repeat_token(data, rng):
    i = _at(data, rng)
    return data[:i] + rng.choice(TOKENS) * rng.randint(2, 300) + data[i:]


_MUTATIONS = [_flip, _insert_token, _insert_token, _insert_at_line_start, _delete_range, _duplicate_range, _lines,
              _lines, _truncate, _reencode, _repeat_token]


class Crash(AssertionError):
    """dvlint did something other than check the input or say where it is wrong."""


def check_input(checker, path: Path):
    """Check one file as ``dvlint check`` does; raise Crash unless it gives findings or a located load error."""
    from dvlint.engine import INTERNAL_ERROR_CODE

    try:
        result = checker.check_file(path)
    except Exception as exc:  # noqa: BLE001 - exactly what is being looked for
        raise Crash(f"{type(exc).__name__} escaped: {exc}") from exc
    if result.error is not None:
        error = result.error
        if error.kind == "loader-crashed":
            raise Crash(error.message.en)
        if not (isinstance(error.line, int) and error.line >= 1 and isinstance(error.column, int) and error.column >= 1):
            raise Crash(f"load error without a location: {error.kind} {error.line}:{error.column}")
        if not (error.message.vi and error.message.en):
            raise Crash(f"load error {error.kind} lacks a message in one language")
        return result
    crashed = [f for f in result.findings if f.code == INTERNAL_ERROR_CODE]
    if crashed:
        raise Crash(crashed[0].message.en)
    if result.score is None:
        raise Crash("a loaded report without a score")
    return result
