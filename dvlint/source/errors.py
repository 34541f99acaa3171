"""Load errors: what is wrong with a file dvlint could not read as a report.

A load error is not a finding: the file never became a report, so it has no
score. It carries a location (1-based line and column) and a message in both
languages, and the run goes on with the other files. ``kind`` is a stable
identifier for the documentation (docs/errors.md) and the JSON output.
"""

from __future__ import annotations

from dvlint.i18n import Msg


class LoadError(Exception):
    """A file could not be turned into a report."""

    def __init__(self, kind: str, message: Msg, line: int | None = None, column: int | None = None):
        super().__init__(message.en)
        self.kind = kind
        self.message = message
        self.positioned = line is not None  # False: the file as a whole (missing, empty, unreadable ...)
        self.line = line if line is not None else 1  # 1:1 in the machine formats, which always want a place
        self.column = column if column is not None else 1

    def __reduce__(self):  # picklable, to cross from a worker process
        return (LoadError, (self.kind, self.message, self.line if self.positioned else None,
                            self.column if self.positioned else None))

    def where(self, path) -> str:
        """``path:line:column`` where the error has a place in the file, else the path alone (a missing
        file has no line 1)."""
        return f"{path}:{self.line}:{self.column}" if self.positioned else f"{path}"

    def as_dict(self, lang: str) -> dict:
        return {
            "kind": self.kind,
            "message": self.message.text(lang),
            "line": self.line,
            "column": self.column,
        }


class UsageError(Exception):
    """A mistake in how dvlint was called or configured (exit code 2)."""

    def __init__(self, message: Msg):
        super().__init__(message.en)
        self.message = message

    def __reduce__(self):
        return (UsageError, (self.message,))


# The catalogue. Each entry is the message of one kind of load error.
NOT_FOUND = Msg("không tìm thấy tệp", "file not found")
NOT_FOUND_AT = Msg("không có tệp hay thư mục nào ở đường dẫn này (đã tìm {looked})",
                   "no file or folder at this path (looked for {looked})")
IS_DIRECTORY_EMPTY = Msg(
    "thư mục không có báo cáo nào dvlint đọc được: đã tìm trong thư mục và các thư mục con những tệp {suffixes} "
    "(bỏ qua tệp ẩn và tệp khóa '~$' của Word)",
    "the folder holds no report dvlint can read: looked in it and its subfolders for {suffixes} files "
    "(hidden files and Word's '~$' lock files left out)",
)
UNREADABLE = Msg("không đọc được tệp: {reason}", "cannot read the file: {reason}")
UNSUPPORTED = Msg(
    "dvlint không đọc được loại tệp '{suffix}' (đọc được: {suffixes})",
    "dvlint cannot read '{suffix}' files (it reads: {suffixes})",
)
TOO_LARGE = Msg(
    "tệp quá lớn ({size} byte; giới hạn {limit} byte, đổi bằng max-file-size)",
    "the file is too large ({size} bytes; the limit is {limit}, set by max-file-size)",
)
EMPTY = Msg("tệp rỗng: không có nội dung báo cáo", "the file is empty: there is no report in it")
BINARY = Msg(
    "tệp chứa byte NUL: đây không phải tệp văn bản YAML",
    "the file contains NUL bytes: it is not a YAML text file",
)
ENCODING = Msg(
    "tệp không phải UTF-8 (byte 0x{byte:02x} không hợp lệ); hãy lưu lại tệp với mã UTF-8",
    "the file is not UTF-8 (invalid byte 0x{byte:02x}); save it again as UTF-8",
)
LEGACY_ENCODING = Msg(
    "tệp không phải Unicode mà có vẻ là mã cũ {name}: hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã; "
    "hoặc mở và lưu lại với mã UTF-8), hoặc chạy dvlint với --convert-legacy",
    "the file is not Unicode but looks like the legacy {name} encoding: convert it to Unicode (Unikey's "
    "converter, or open it and save it as UTF-8), or run dvlint with --convert-legacy",
)
# Why the operating system would not let a file be read, by errno name.
OS_REASONS = {
    "EACCES": Msg("không có quyền đọc tệp", "permission denied"),
    "EPERM": Msg("không được phép đọc tệp", "operation not permitted"),
    "ELOOP": Msg("liên kết tượng trưng (symlink) trỏ vòng quanh", "a loop of symbolic links"),
    "ENOENT": Msg("không tìm thấy tệp", "file not found"),
    "ENOTDIR": Msg("một phần của đường dẫn không phải thư mục", "a part of the path is not a directory"),
    "EISDIR": Msg("đây là thư mục", "it is a directory"),
    "ENAMETOOLONG": Msg("đường dẫn quá dài", "the path is too long"),
    "EIO": Msg("lỗi đọc đĩa", "a disk read error"),
    "EMFILE": Msg("mở quá nhiều tệp cùng lúc", "too many open files"),
}


def unreadable(exc: OSError) -> "LoadError":
    """The load error for a file the operating system would not read, its reason in both languages."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason = OS_REASONS.get(name) or Msg(str(exc.strerror or exc), str(exc.strerror or exc))
    return LoadError("unreadable", Msg(UNREADABLE.vi.format(reason=reason.vi), UNREADABLE.en.format(reason=reason.en)))


NOT_A_FILE = Msg(
    "không phải tệp thường (thư mục đặc biệt, thiết bị hay ống dẫn): dvlint không đọc",
    "not a regular file (a device, pipe or socket): dvlint does not read it",
)
LOADER_CRASHED = Msg(
    "lỗi nội bộ của dvlint khi đọc tệp (bộ đọc {loader}): {detail}; các tệp khác vẫn được kiểm tra",
    "internal error in dvlint while reading the file ({loader} reader): {detail}; the other files are still checked",
)
YAML_SYNTAX = Msg("lỗi cú pháp YAML: {problem}", "YAML syntax error: {problem}")
SEVERAL_DOCUMENTS = Msg(
    "tệp có nhiều tài liệu YAML (ngăn bởi '---'); mỗi tệp chỉ chứa một báo cáo",
    "the file holds several YAML documents (separated by '---'); put one report in each file",
)
UNSAFE_TAG = Msg(
    "thẻ YAML '{tag}' không được phép; dvlint chỉ đọc YAML an toàn",
    "the YAML tag '{tag}' is not allowed; dvlint reads safe YAML only",
)
DUPLICATE_KEY = Msg(
    "khóa '{key}' lặp lại (đã có ở dòng {first_line})",
    "duplicate key '{key}' (first at line {first_line})",
)
NON_STRING_KEY = Msg(
    "khóa phải là chuỗi ký tự, không phải {kind}",
    "a key must be a string, not a {kind}",
)
TOO_SLOW = Msg(
    "đọc và kiểm tra tệp này mất quá {seconds:g} giây (giới hạn time-limit): bỏ qua tệp, các tệp khác vẫn được kiểm tra",
    "reading and checking this file took over {seconds:g} s (the time-limit setting): it is left out, "
    "the other files are still checked",
)
TOO_DEEP = Msg("cấu trúc lồng nhau quá sâu", "the structure is nested too deeply")
TOO_MANY_NODES = Msg(
    "tệp mở rộng ra quá nhiều giá trị (hơn {limit}); có thể do alias YAML lặp",
    "the file expands to too many values (over {limit}); probably repeated YAML aliases",
)
ALIAS_EXPANSION = Msg(
    "alias YAML mở rộng ra quá nhiều chữ (hơn {limit} ký tự, gấp đôi max-file-size) từ alias này; "
    "hãy viết giá trị ra thay vì lặp alias",
    "the YAML aliases expand to too much text (over {limit} characters, twice max-file-size) at this alias; "
    "write the values out instead of repeating aliases",
)
NOT_A_DOCUMENT = Msg(
    "không nhận ra văn bản hành chính: không thấy tên loại, số hay ngày ban hành",
    "no administrative document recognised: no type name, number or issue date found",
)
# What a file that is no administrative document seems to be instead (the reason a commission reads).
NOT_A_DOCUMENT_ATTACHED = Msg(
    "không phải văn bản hành chính: {what} ban hành kèm theo văn bản khác ('{reference}'), không có số, "
    "ngày ban hành, chữ ký riêng",
    "not an administrative document: {what_en} issued with another document ('{reference}'), with no number, "
    "issue date or signature of its own",
)
NOT_A_DOCUMENT_UNNUMBERED = Msg(
    "không phải văn bản hành chính: '{heading}' không có số văn bản và chữ ký (một biểu mẫu, danh sách hay bảng)",
    "not an administrative document: '{heading}' has neither a number nor a signature (a form, a list or a table)",
)
NOT_A_MAPPING = Msg(
    "báo cáo phải là một ánh xạ YAML (khóa: giá trị) ở cấp cao nhất",
    "a report must be a YAML mapping (key: value) at the top level",
)

# The parser's own problem texts that users meet most, in Vietnamese.
YAML_PROBLEMS_VI = {
    "mapping values are not allowed here": "không được đặt giá trị ánh xạ ở đây (thiếu thụt lề hoặc thiếu dấu nháy?)",
    "mapping values are not allowed in this context": "không được đặt 'khóa: giá trị' ở đây (có dấu ':' trong giá trị mà "
                                                      "thiếu dấu nháy, hoặc thụt lề sai?)",
    "found a tab character where an indentation space is expected": "gặp ký tự tab ở chỗ cần dấu cách thụt lề",
    "found unknown escape character while parsing a quoted scalar": "gặp ký tự thoát không hợp lệ trong chuỗi có nháy",
    "found unexpected document indicator": "gặp dấu '---' hoặc '...' ở chỗ không được phép",
    "did not find expected comment or line break": "cần xuống dòng hoặc chú thích ở đây (thừa nội dung sau giá trị?)",
    "did not find expected <document start>": "không tìm thấy phần đầu tài liệu YAML",
    "did not find expected alphabetic or numeric character": "cần chữ cái hoặc chữ số ở đây (tên anchor/alias sai?)",
    "found undefined tag handle": "thẻ YAML chưa được khai báo",
    "found incompatible YAML document": "tài liệu YAML không tương thích (phiên bản YAML khác)",
    "did not find URI escaped octet": "ký tự thoát trong URI không hợp lệ",
    "found unexpected ':'": "gặp dấu ':' không đúng chỗ",
    "expected a single document in the stream": "tệp có nhiều tài liệu YAML",
    "could not find expected ':'": "không tìm thấy dấu ':' cần có",
    "did not find expected key": "không tìm thấy khóa cần có (thụt lề sai?)",
    "did not find expected '-' indicator": "không tìm thấy dấu '-' của mục danh sách (thụt lề sai?)",
    "found character that cannot start any token": "gặp ký tự không thể bắt đầu một phần tử (có ký tự tab?)",
    "found a tab character that violates indentation": "gặp ký tự tab trong thụt lề; hãy dùng dấu cách",
    "found unexpected end of stream": "tệp kết thúc đột ngột (thiếu dấu nháy đóng?)",
    "found undefined alias": "alias chưa được định nghĩa",
    "did not find expected ',' or ']'": "không tìm thấy dấu ',' hoặc ']' cần có",
    "did not find expected ',' or '}'": "không tìm thấy dấu ',' hoặc '}' cần có",
    "found unknown escape character": "gặp ký tự thoát không hợp lệ trong chuỗi",
    "did not find expected node content": "thiếu nội dung của giá trị",
    "block sequence entries are not allowed in this context": "không được đặt mục danh sách '-' ở đây (thụt lề sai?)",
}


def yaml_problem_message(problem: str) -> Msg:
    """A YAML parser problem, with the Vietnamese text where we have one."""
    problem = (problem or "invalid YAML").strip()
    vi = problem
    for english, vietnamese in YAML_PROBLEMS_VI.items():
        if problem.startswith(english):
            vi = vietnamese
            break
    return Msg(YAML_SYNTAX.vi.format(problem=vi), YAML_SYNTAX.en.format(problem=problem))
