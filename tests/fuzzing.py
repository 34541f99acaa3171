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
    seeds += [(".md", path.read_bytes()) for path in sorted((ROOT / "tests" / "data" / "seeds").glob("*.md"))]
    seeds += [(".txt", path.read_bytes()) for path in sorted((ROOT / "tests" / "import_cases").glob("*.txt"))]
    docx = ROOT / "tests" / "bad_inputs" / "files" / "valid.docx"
    if docx.exists():
        seeds.append((".docx", docx.read_bytes()))
    return seeds


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` broken by one to eight random edits; a .docx half the time inside its XML, half in its bytes."""
    if data.startswith(b"PK") and rng.random() < 0.5:
        return _mutate_docx_parts(data, rng, rounds)
    for _ in range(rounds if rounds is not None else rng.randint(1, 8)):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data


# Pieces of WordprocessingML that make a document's structure odd when dropped into its XML.
XML_TOKENS = [b"<w:p>", b"</w:p>", b"<w:r><w:t>", b"</w:t></w:r>", b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>",
              b'<w:numPr><w:ilvl w:val="9"/><w:numId w:val="999"/></w:numPr>', b'<w:pStyle w:val="Heading1"/>',
              b'<w:footnoteReference w:id="77"/>', b"<w:br/>", b"<w:tab/>", b'w:val="-1"', b'w:id="x"', b"&amp;",
              b"&#0;", b"<![CDATA[x]]>", b"<!-- c -->", b'<w:gridSpan w:val="0"/>', b'<w:vMerge/>', b"<w:sdt>",
              "Số: 12-BC/ĐU".encode(), "KT. GIÁM ĐỐC".encode(), b"<w:drawing/>", b"<w:object/>"]


def _mutate_docx_parts(data: bytes, rng: random.Random, rounds: int | None) -> bytes:
    """The .docx with its XML parts edited (the zip itself stays sound): python-docx and dvlint's reader
    meet odd but well-packed documents, where byte-level edits mostly stop at a broken zip."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = [info.filename for info in source.infolist() if info.filename.endswith(".xml")]
    targets = {rng.choice(names) for _ in range(rng.randint(1, 2))}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename in targets:
                for _ in range(rounds if rounds is not None else rng.randint(1, 6)):
                    if rng.random() < 0.5:
                        i = _at(part, rng)
                        part = part[:i] + rng.choice(XML_TOKENS) + part[i:]
                    else:
                        part = rng.choice(_MUTATIONS)(part, rng)
            archive.writestr(info.filename, part)
    return out.getvalue()


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
    from dvlint.engine.core import INTERNAL_ERROR_CODE

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
