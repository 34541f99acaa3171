"""DV7xx: text hygiene that commission staff notice.

Words typed twice, text not in Unicode NFC, legacy Vietnamese encodings read
as Unicode (mojibake), and abbreviations used before they are spelled out.
The allow-lists (legitimate reduplications, abbreviations everyone knows) are
data: rules/data/text.yaml.
"""

from __future__ import annotations

import re
import unicodedata

from dvlint import Problem, rule
from dvlint.knowledge import data

# A phrase of one to three words, then (after an optional comma) the same again. The choices are
# written as alternatives, longest phrase first, not as "(?: \w++){0,2}" and "(,)?": the same
# matches (compared on the fixtures and 300,000 random texts), a fifth faster, since a repeated
# group costs the engine more at every word than trying one branch after another.
_PHRASE_TWICE = r"(?P<phrase>\w++(?: \w++(?: \w++|)|))(?P<comma>,|) (?P<again>(?P=phrase))(?!\w)"
# The phrase opens after a character that is no letter: that character is matched, not looked behind at, so
# that the engine skips from one such character to the next in C instead of trying at every letter (a sixth
# fewer instructions). The text's first phrase has no character before it: _REPEAT_AT_START is tried there.
_REPEAT = re.compile(r"\W" + _PHRASE_TWICE)
_REPEAT_AT_START = re.compile(_PHRASE_TWICE)


def _repeats(text: str):
    """Each match of a phrase typed twice in ``text``, in order, as one left-to-right scan finds them."""
    first = _REPEAT_AT_START.match(text)
    if first:
        yield first
    yield from _REPEAT.finditer(text, first.end() if first else 0)


def _reported(match, single: set[str], allowed: set[str]) -> bool:
    """Whether a match of _REPEAT is a phrase of 1-3 words typed twice.

    The copies must be identical (case included: "cơ sở Sở" is two words) and
    free of punctuation inside; a comma may stand between two copies of a
    phrase ("Theo đó, Theo đó,"). A single repeated syllable is reported only
    for the function words in ``single``: other syllables repeat across
    compound words ("ý kiến kiến nghị").
    """
    phrase, comma = match.group("phrase"), match.group("comma")
    words = phrase.split()
    if phrase.isdigit() or (comma and len(words) == 1):
        return False
    if comma and not _whole_items(match):
        return False  # a list whose next item grows from the last: "một cửa, một cửa liên thông"
    return len(words) > 1 or (phrase.lower() in single and phrase.lower() not in allowed)


def _whole_items(match) -> bool:
    """Whether both copies around the comma are whole items of a list or clause ("Theo đó, Theo đó,"):
    the first begins one and the second ends one, so nothing tells them apart. The match is in the
    report's texts joined by line breaks: a line break is where a text begins or ends, whatever the
    text beside it ends or begins with."""
    text = match.string
    before = text[:match.start("phrase")].rpartition("\n")[2].rstrip()
    after = text[match.end():].partition("\n")[0].lstrip()
    starts = not before or before[-1] in ",;:.(-–+•"
    ends = not after or after[0] in ",;:.)"
    return starts and ends


@rule("DV701", "repeated-words", exact_text=True, severity="warning", weight=1,
      vi="Không gõ lặp một từ, một cụm từ liền nhau ('Căn cứ Căn cứ')",
      en="No word or phrase typed twice in a row ('Căn cứ Căn cứ')")
def repeated_words(report):
    """
    Tiếng Việt:
        Một từ hay cụm từ lặp lại liền nhau ("Căn cứ Căn cứ Nghị định ...",
        "Theo đó, Theo đó, Sở ...") là lỗi gõ mà người đọc thấy ngay. Từ láy
        toàn bộ hợp lệ ("người người", "nhà nhà", "dần dần") không bị báo;
        danh sách ở rules/data/text.yaml. Hai bản cách nhau dấu phẩy chỉ bị
        báo khi cả hai là trọn một ý: "một cửa, một cửa liên thông" là hai
        khái niệm, không phải gõ lặp.
    English:
        A word or phrase repeated back to back ("Căn cứ Căn cứ Nghị định ...",
        "Theo đó, Theo đó, Sở ...") is a typo every reader sees. Legitimate
        Vietnamese reduplication ("người người", "nhà nhà", "dần dần") is not
        reported; the list is in rules/data/text.yaml. Two copies either side
        of a comma are reported only when each is a whole item: "một cửa,
        một cửa liên thông" names two mechanisms, it is no slip.
    Ví dụ sai / Fails:
        paragraphs: ["Căn cứ Căn cứ Nghị định số 30/2020/NĐ-CP ..."]
    Ví dụ đúng / Passes:
        paragraphs: ["Căn cứ Nghị định số 30/2020/NĐ-CP, người người thi đua ..."]
    """
    words = data.text_data()
    allowed = {w.lower() for w in words.reduplications}
    single = {w.lower() for w in words.single_word_typos}
    for match in _repeats(report.joined_text):
        if _reported(match, single, allowed):
            again = match.group("again")
            yield Problem(report.path_at(match.start("phrase")), snippet=match.string[match.start("again"):match.start("again") + 30],
                          vi=f"'{again}' bị gõ lặp hai lần liền nhau", en=f"'{again}' is typed twice in a row")


@rule("DV702", "unicode-nfc", exact_text=True, severity="warning", weight=1, safe_fix=True,
      vi="Văn bản dùng Unicode dựng sẵn (NFC), không dùng Unicode tổ hợp",
      en="Text is in precomposed Unicode (NFC), not decomposed")
def unicode_nfc(denormalized):
    """
    Tiếng Việt:
        Chữ có dấu phải ở dạng Unicode dựng sẵn (NFC). Văn bản chuyển từ công
        cụ cũ hay từ macOS có thể ở dạng tổ hợp (NFD): trông giống hệt nhưng
        tìm kiếm, sắp xếp, so sánh tên đều sai. Sửa: lưu lại văn bản ở dạng
        Unicode dựng sẵn.
    English:
        Accented letters must be precomposed Unicode (NFC). Text from old
        tools or macOS may be decomposed (NFD): it looks the same, but search,
        sorting and name comparison all go wrong. Fix: save it as NFC.
    Ví dụ sai / Fails:
        place: "Đồng Tháp"   # written with combining marks
    Ví dụ đúng / Passes:
        place: Đồng Tháp
    """
    for path, text in denormalized.items():  # the report holds these in NFC already; here as written
        index = next((i for i, ch in enumerate(text) if unicodedata.combining(ch)), 0)
        yield Problem(path, snippet=text[max(0, index - 8):index], fix=unicodedata.normalize("NFC", text),
                      vi="Chữ có dấu ở dạng Unicode tổ hợp (NFD): chuyển sang Unicode dựng sẵn (NFC)",
                      en="Accented letters are decomposed Unicode (NFD): convert to precomposed (NFC)")


# Signs of a legacy encoding read as Unicode. Each is a character pattern that
# Vietnamese Unicode text does not produce.
_MOJIBAKE = (
    ("UTF-8 đọc như Windows-1252", "UTF-8 read as Windows-1252",
     re.compile(r"Ã[\u0080-\u00bf¡-¿]|áº[¡-¿]|á»[\u0080-\u00bf]|Ä‘|Æ°|Æ¡")),
    # The bytes of VNI's marks and letters that are no Vietnamese letter when read as Unicode (ø for the
    # grave, ï the dot, û the hook, ä å for â with a tone, ñ for đ, ö for ư ...). Those that are
    # (ù á à õ ...) are left out: "luôn", "giúp", "dõi" are ordinary words.
    ("VNI", "VNI", re.compile(r"[øûïåäëüöñæîØÛÏÅÄËÜÖÑÆÎ]")),
    ("TCVN3 (ABC)", "TCVN3 (ABC)", re.compile(r"[µ¸¶·¹¨»¾¼½©ª«¬®§¦]")),
)
_DOUBLE_DECODED = _MOJIBAKE[0][2]
# The micro sign of a unit ("50 µg", "2,5µm") is TCVN3's "à" only inside a word ("lµm" for "làm"):
# standing after no letter and before a unit, it is the sign, and is taken out before the search.
_MICRO_UNIT = re.compile(r"(?<![^\W\d_])µ(?=(?:g|mg|m|l|mol|s|A|V|W|F|Ci|Sv)\b)")


def _holds_any_of(signs: str):
    """A test of whether a text holds one of ``signs``: a literal search per sign, in C."""
    return lambda text: any(sign in text for sign in signs)


_HOLDS_DOUBLE_DECODED_SIGN = _holds_any_of("ºÄÆ»")  # the signs of _DOUBLE_DECODED but "Ã"


def _may_be_double_decoded(text: str) -> bool:
    """Whether _DOUBLE_DECODED can match in ``text``: one of its signs is there, "Ã" counting only before
    a character of U+0080-U+00BF as the pattern asks, since "Ã" is a letter of Vietnamese capitals
    ("LÃNH ĐẠO", "XÃ"): with it alone, the three scans of the text ran on a third of the bench reports."""
    if _HOLDS_DOUBLE_DECODED_SIGN(text):
        return True
    at = text.find("Ã")
    while at != -1:
        if "\x80" <= text[at + 1:at + 2] <= "\xbf":
            return True
        at = text.find("Ã", at + 1)
    return False


# For each pattern of _MOJIBAKE, whether it can match in a text (the VNI and TCVN3 patterns are classes
# of their signs).
_MAY_MATCH = (
    _may_be_double_decoded,
    _holds_any_of(_MOJIBAKE[1][2].pattern[1:-1]),
    _holds_any_of(_MOJIBAKE[2][2].pattern[1:-1]),
)


@rule("DV703", "legacy-encoding", exact_text=True, severity="warning", weight=2,
      vi="Văn bản không có chữ lỗi phông do mã cũ (TCVN3, VNI, Windows-1258)",
      en="The text has no garbled letters from legacy encodings (TCVN3, VNI, Windows-1258)")
def legacy_encoding(report):
    """
    Tiếng Việt:
        Văn bản gõ bằng phông TCVN3 (ABC), VNI hay bị đọc sai mã hiện ra thành
        chữ lỗi ("Céng hoµ", "Coäng hoøa", "Cá»™ng hÃ²a"). Báo trường nào bị
        lỗi và có lẽ là mã gì; sửa bằng công cụ chuyển mã (Unikey) sang
        Unicode. Dấu micro của đơn vị đo ("50 µg") không phải chữ lỗi.
    English:
        Text typed in TCVN3 (ABC) or VNI fonts, or read with the wrong code
        page, shows as garbled letters ("Céng hoµ", "Coäng hoøa", "Cá»™ng
        hÃ²a"). The rule says which field and which encoding it probably is;
        fix it with a converter (Unikey) to Unicode. The micro sign of a unit
        ("50 µg") is not a garbled letter.
    Ví dụ sai / Fails:
        title: "B¸o c¸o kÕt qu¶ c«ng t¸c d©n vËn"
    Ví dụ đúng / Passes:
        title: Báo cáo kết quả công tác dân vận
    """
    # Scans of the whole text in C name the few fields worth a closer look.
    text = report.joined_text
    # Literal tests per sign (str.find: 4x faster than one class scan) name the patterns worth running.
    present = [pattern for (_, _, pattern), may_match in zip(_MOJIBAKE, _MAY_MATCH) if may_match(text)]
    if not present:
        return
    suspects = {path for pattern in present for path, _ in report.search_all(pattern)}
    for path, text in report.texts():
        if path not in suspects:
            continue
        text = _MICRO_UNIT.sub(" ", text)
        for name_vi, name_en, pattern in _MOJIBAKE:
            found = pattern.findall(text)
            if len(found) >= 2 or (found and len(text) < 40):
                if pattern is not _DOUBLE_DECODED:  # TCVN3 and VNI share letters: ask which reads as Vietnamese
                    name_vi = name_en = _legacy_name(text) or name_en
                m = pattern.search(text)
                yield Problem(path, snippet=text[max(0, m.start() - 4):m.start() + 8],
                              vi=f"Có chữ lỗi phông, có lẽ mã {name_vi}: chuyển văn bản sang Unicode",
                              en=f"Garbled letters, probably {name_en}: convert the text to Unicode")
                break


def _legacy_name(text: str) -> str | None:
    """The legacy encoding whose bytes, shown as Windows characters, this text is (see dvlint.source.legacy)."""
    from dvlint.source import legacy

    guess = legacy.detect(text.encode("latin-1", "ignore"))
    return guess.name if guess else None


@rule("DV705", "legacy-encoded-file", exact_text=True, severity="warning", weight=2,
      vi="Tệp được lưu bằng Unicode, không bằng mã cũ (TCVN3, VNI, Windows-1258)",
      en="The file is saved in Unicode, not in a legacy encoding (TCVN3, VNI, Windows-1258)")
def legacy_encoded_file(converted_from):
    """
    Tiếng Việt:
        Tệp gõ bằng phông TCVN3 (ABC), VNI hay lưu bằng mã Windows-1258 thì
        máy khác đọc ra chữ lỗi. Chạy với --convert-legacy, dvlint chuyển tệp
        sang Unicode để kiểm tra, và báo lỗi này để người viết lưu lại tệp
        bằng Unicode (UTF-8) trước khi gửi.
    English:
        A file typed with TCVN3 (ABC) or VNI fonts, or saved in Windows-1258,
        shows garbled letters on other machines. With --convert-legacy dvlint
        converts it to Unicode to check it, and reports this so that the
        writer saves it as Unicode (UTF-8) before sending it.
    Ví dụ sai / Fails:
        # a .txt file saved in TCVN3, checked with --convert-legacy
    Ví dụ đúng / Passes:
        # the same file saved as UTF-8
    """
    yield Problem(None, vi=f"Tệp được lưu bằng mã cũ {converted_from}; dvlint đã chuyển sang Unicode để đọc: "
                           "hãy lưu lại tệp bằng Unicode (UTF-8)",
                  en=f"The file is in the legacy {converted_from} encoding; dvlint converted it to read it: "
                     "save it as Unicode (UTF-8)")


# Opens with a class, not a look-behind, so that the engine skips to capitals in C.
_ABBREVIATION = re.compile(r"([A-ZĐ](?<![\w/\-&][A-ZĐ])[A-ZĐ]+(?:&[A-ZĐ]{1,})?)(?![\w/\-&])")
_ROMAN = re.compile(r"^[IVXLC]+$")
_TWO_CAPITALS = re.compile(r"[A-ZĐ][A-ZĐ&]")


def _is_upper_text(text: str) -> bool:
    return text == text.upper()


@rule("DV704", "abbreviation-defined", exact_text=True, severity="info", weight=0, opt_in=True,
      vi="Chữ viết tắt được viết đầy đủ, kèm chữ viết tắt trong ngoặc, ở lần dùng đầu tiên",
      en="An abbreviation is spelled out, with the abbreviation in brackets, where first used")
def abbreviation_defined(report):
    """
    Tiếng Việt:
        Chữ viết tắt (KH&CN, CCHC, TTHC, QCDC) phải được viết đầy đủ ở lần
        dùng đầu tiên, kèm chữ viết tắt trong ngoặc: "khoa học và công nghệ
        (KH&CN)". Các chữ viết tắt ai cũng biết (UBND, HĐND, MTTQ ...) không
        cần; danh sách ở rules/data/text.yaml. Chỉ xét phần nội dung.
        Nghị định 30/2020 không có quy định này (Phụ lục III chỉ quy định
        chữ viết tắt tên loại văn bản): đây là phép lịch sự với người đọc,
        nên quy tắc tắt theo mặc định, bật bằng --select DV704.
    English:
        An abbreviation (KH&CN, CCHC, TTHC, QCDC) is spelled out where first
        used, with the abbreviation in brackets: "khoa học và công nghệ
        (KH&CN)". Those everyone knows (UBND, HĐND, MTTQ ...) need not be; the
        list is in rules/data/text.yaml. Only the body text is read.
        Nghị định 30/2020 has no such requirement (Phụ lục III only sets the
        abbreviations of document types): it is a courtesy to the reader, so
        the rule is off by default; turn it on with --select DV704.
    Ví dụ sai / Fails:
        paragraphs: ["Đẩy mạnh CCHC trong năm.", "Công tác cải cách hành chính (CCHC) ..."]
    Ví dụ đúng / Passes:
        paragraphs: ["Công tác cải cách hành chính (CCHC) ...", "Đẩy mạnh CCHC trong năm."]
    """
    known = set(data.text_data().known_abbreviations)
    first_use: dict[str, tuple[str, int]] = {}
    defined: set[str] = set()
    for path, text in report.body_texts():
        if not _TWO_CAPITALS.search(text) or _is_upper_text(text):
            continue  # no abbreviation, or an all-capitals heading that is not running text
        brackets = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
        for m in _ABBREVIATION.finditer(text):
            word = m.group(1)
            if word in known or _ROMAN.match(word) or word in defined:
                continue
            if any(start < m.start() < end for start, end in brackets):
                defined.add(word)
                if word in first_use:
                    where, position = first_use.pop(word)
                    yield Problem(where, snippet=word,
                                  vi=f"'{word}' được dùng trước khi được viết đầy đủ",
                                  en=f"'{word}' is used before it is spelled out")
                continue
            first_use.setdefault(word, (path, m.start()))
    for word, (where, _) in first_use.items():
        yield Problem(where, snippet=word,
                      vi=f"'{word}' là chữ viết tắt chưa được viết đầy đủ ở lần dùng đầu tiên",
                      en=f"'{word}' is an abbreviation never spelled out at its first use")


# A place to fill in: "<Tỉnh>", and the long one `dvlint init` writes for a part with a least length, padded
# with " ..." to that length (dvlint.output.skeleton._placeholder).
_PLACEHOLDER = re.compile(r"<[^<>\n]{1,120}?(?: \.\.\.)*>")


@rule("DV708", "placeholder-left", exact_text=True, severity="error", weight=5,
      vi="Không còn chỗ để điền <...> chưa điền",
      en="No placeholder <...> is left unfilled")
def placeholder_left(report):
    """
    Tiếng Việt:
        Khung báo cáo do `dvlint init` tạo ra có các chỗ để điền trong dấu
        <...>. Văn bản gửi đi mà còn những chỗ ấy là chưa hoàn thành.
    English:
        The skeleton `dvlint init` writes has places to fill in, in angle
        brackets <...>. A document sent with any of them left is unfinished.
    Ví dụ sai / Fails:
        place: <Tỉnh>
    Ví dụ đúng / Passes:
        place: Quảng Ngãi
    """
    figures = [(f.field_path("value"), f.value) for f in report.indicators.values() if isinstance(f.value, str)]
    issuer = report.document.issuer  # not among the report's texts, but the skeleton leaves it to fill in
    figures = [(issuer.field_path(name), getattr(issuer, name)) for name in ("parent", "name", "abbreviation")
               if issuer is not None and getattr(issuer, name)] + figures
    if "<" not in report.joined_text and not any("<" in value for _, value in figures):
        return
    for path, match in report.search_all(_PLACEHOLDER):
        yield Problem(path, snippet=match.group(0),
                      vi=f"Còn chỗ chưa điền: {match.group(0)}", en=f"A placeholder is left: {match.group(0)}")
    for path, value in figures:  # the issuer, and a figure the skeleton left to fill in
        for match in _PLACEHOLDER.finditer(value):
            yield Problem(path, snippet=match.group(0),
                          vi=f"Còn chỗ chưa điền: {match.group(0)}", en=f"A placeholder is left: {match.group(0)}")
