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


# --- generated inputs: the shapes of runaway input (numbering values, aliases, line shapes) ---------------
#
# Mutating real reports rarely makes a value huge or a shape repeat ten thousand times; these make
# inputs that do, from the same seeds, so that a reader that hangs or blows up on them is found.

_NUMBERS = [b"0", b"1", b"-1", b"2", b"9", b"26", b"27", b"3999", b"4000", b"10000", b"10001", b"65535",
            b"2147483648", b"1000000000", b"100000000000", b"9" * 40, b"1e9", b"x", b"", b"+5", b" 3"]
_FORMATS = [b"decimal", b"upperRoman", b"lowerRoman", b"upperLetter", b"lowerLetter", b"bullet", b"none",
            b"ordinalText", b"chineseCounting", b"decimalZero", b""]
_PATTERNS = [b"%1.", b"%1.%2.", b"%9", b"%10", b"%0", b"", b"%", b"\xef\x82\xb7", "Điều %1.".encode()]


def generated(data: bytes, suffix: str, rng: random.Random) -> bytes:
    """An input of a runaway shape made from the seed ``data``: a .docx with odd numbering values, a
    YAML file with aliases, a text with many lines of one shape."""
    if suffix == ".docx":
        return numbering_values(data, rng)
    if suffix in (".yaml", ".yml"):
        return aliases(data, rng)
    return line_shapes(data, rng)


def numbering_values(data: bytes, rng: random.Random) -> bytes:
    """The .docx with its lists' start values, formats, patterns and levels set to values from the
    ordinary to the absurd, and some paragraphs put into lists at odd levels."""
    import io
    import re
    import zipfile

    def value(pool):
        return rng.choice(pool) if rng.random() < 0.9 else rng.choice(pool) * rng.randint(2, 2000)

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/numbering.xml":
                part = re.sub(rb'(<w:start w:val=")[^"]*"', lambda m: m.group(1) + value(_NUMBERS) + b'"', part)
                part = re.sub(rb'(<w:numFmt w:val=")[^"]*"', lambda m: m.group(1) + rng.choice(_FORMATS) + b'"', part)
                part = re.sub(rb'(<w:lvlText w:val=")[^"]*"', lambda m: m.group(1) + value(_PATTERNS) + b'"', part)
                part = re.sub(rb'(<w:lvl w:ilvl=")[^"]*"',
                              lambda m: m.group(1) + (rng.choice(_NUMBERS) if rng.random() < 0.2
                                                      else str(rng.randrange(9)).encode()) + b'"', part)
            elif info.filename == "word/document.xml":
                def listed(match):
                    if rng.random() > 0.3:
                        return match.group(0)
                    level, num = rng.choice(_NUMBERS), str(rng.choice([1, 2, 3, 4, 5, 0, 99])).encode()
                    return (b'<w:p><w:pPr><w:numPr><w:ilvl w:val="' + level + b'"/><w:numId w:val="' + num
                            + b'"/></w:numPr></w:pPr>')
                part = re.sub(rb"<w:p>", listed, part)
            archive.writestr(info.filename, part)
    return out.getvalue()


def aliases(data: bytes, rng: random.Random) -> bytes:
    """The YAML report with a value anchored and aliased many times: a long paragraph, nested lists of
    aliases (billion laughs), aliases as keys, in decomposed Unicode; under 1 MB."""
    import unicodedata

    shape = rng.randrange(4)
    if shape == 0:  # one long paragraph, many times
        text = "Báo cáo kết quả công tác dân vận " * rng.randint(1, 6000)
        if rng.random() < 0.3:
            text = unicodedata.normalize("NFD", text)
        extra = f'x-long: &p "{text}"\nx-copies:\n' + "  - *p\n" * rng.randint(1, 5000)
    elif shape == 1:  # nested laughs
        depth, width = rng.randint(2, 12), rng.randint(2, 12)
        extra = 'x-l0: &l0 "' + "ha" * rng.randint(1, 500) + '"\n'
        for level in range(1, depth + 1):
            extra += f"x-l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]\n"
    elif shape == 2:  # aliases as keys
        extra = 'x-key: &k "' + "khóa" * rng.randint(1, 20000) + '"\nx-map:\n' + "".join(
            f"  m{i}: {{*k : {i}}}\n" for i in range(rng.randint(1, 2000)))
    else:  # an alias inside a real value of the report
        extra = "x-a: &a " + rng.choice(["Hưng Yên", "ngày 08 tháng 01 năm 2025", "[1, 2, 3]", "{a: b}"]) + "\n"
        extra += "x-b: [" + ", ".join(["*a"] * rng.randint(1, 50000)) + "]\n"
    text = data.decode("utf-8", "replace").rstrip("\n") + "\n" + extra
    return text.encode("utf-8")[:1_000_000]


_LINE_SHAPES = ["và tiếp tục {i}", "ab", "{i}", "**", "*", "**BÁO CÁO", "DÂN**", "- mục {i}", "{i}. Mục",
                "I. PHẦN {i}", "a) điểm", "| ô {i} |", "|---|", "Số: {i}/BC-UBND", "      cột trái        cột phải",
                "x" * 70, "Dòng dài không có dấu chấm cuối câu cho đến hết sáu mươi ký tự nữa {i}", "\f", "",
                "Kính gửi: Sở {i}", "<table>", "</table>", "+---+---+", "KT. GIÁM ĐỐC", "ngày {i} tháng 3 năm 2025"]


def line_shapes(data: bytes, rng: random.Random) -> bytes:
    """The text report with, somewhere in it, up to 20,000 lines of one or a few shapes (short lower-case
    lines a wrapped paragraph is made of, open bold runs, rows, columns set with spaces, page breaks)."""
    lines = data.decode("utf-8", "replace").split("\n")
    shapes = [rng.choice(_LINE_SHAPES) for _ in range(rng.randint(1, 3))]
    count = rng.choice([10, 100, 1000, 5000, 20000])
    block = [shapes[i % len(shapes)].format(i=i) for i in range(count)]
    at = rng.randrange(len(lines) + 1)
    return "\n".join(lines[:at] + block + lines[at:]).encode("utf-8")[:1_000_000]


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
