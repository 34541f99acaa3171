"""From pydantic validation errors to located, two-language load errors.

The same translation serves reports, data tables, templates and anything else
dvlint reads from YAML: the error points at the line of the offending key or
value, says what is wrong in Vietnamese or English, and for an unknown key
suggests the nearest allowed one ("did you mean").
"""

from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from dvlint.source.errors import LoadError
from dvlint.i18n import Msg
from dvlint.source.positions import PositionMap, format_path


def empty_list() -> list:
    """A new empty list: ``Field(default_factory=empty_list)`` in dvlint's models, where ``list`` would do.

    Building a model, pydantic reads each default factory's signature (does it take the validated data?).
    A built-in's signature is parsed from its text form by the tokenizer: 4 ms for the first (compiling the
    tokenizer's pattern), then 0.3 ms each, for the thirty-odd list fields every ``dvlint check`` builds;
    a function written in Python is read in 0.05 ms. What the field holds is the same.
    """
    return []


def custom_error(vi: str, en: str) -> PydanticCustomError:
    """A validator error whose message exists in both languages."""
    return PydanticCustomError("dvlint", "{en}", {"vi": vi, "en": en})


_TYPE_MESSAGES = {
    "string_type": Msg("phải là chuỗi ký tự", "must be a text string"),
    "int_type": Msg("phải là số nguyên", "must be a whole number"),
    "int_parsing": Msg("phải là số nguyên", "must be a whole number"),
    "int_from_float": Msg("phải là số nguyên", "must be a whole number"),
    "float_type": Msg("phải là số", "must be a number"),
    "float_parsing": Msg("phải là số", "must be a number"),
    "bool_type": Msg("phải là true hoặc false", "must be true or false"),
    "bool_parsing": Msg("phải là true hoặc false", "must be true or false"),
    "list_type": Msg("phải là danh sách (các dòng bắt đầu bằng '- ')", "must be a list (lines starting with '- ')"),
    "dict_type": Msg("phải là ánh xạ (khóa: giá trị)", "must be a mapping (key: value)"),
    "model_type": Msg("phải là ánh xạ (khóa: giá trị)", "must be a mapping (key: value)"),
    "model_attributes_type": Msg("phải là ánh xạ (khóa: giá trị)", "must be a mapping (key: value)"),
    "none_required": Msg("phải để trống", "must be empty"),
}


def to_load_error(exc: ValidationError, positions: PositionMap, model: type[BaseModel]) -> LoadError:
    """The first (topmost in the file) of the validation errors, located, saying how many more there are."""
    located = located_errors(exc, positions, model)
    first = located[0]
    if len(located) > 1:
        more = len(located) - 1
        return LoadError("schema", Msg(f"{first.message.vi} (và {more} lỗi khác)", f"{first.message.en} (and {more} more)"),
                         first.line, first.column)
    return first


def located_errors(exc: ValidationError, positions: PositionMap, model: type[BaseModel]) -> list[LoadError]:
    """Every validation error, located, topmost in the file first (``dvlint template check`` lists them all)."""
    located = []
    for err in exc.errors(include_url=False):
        path = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        if path and path[-1] == "[key]":  # the mapping key itself is invalid
            message, at_key = _bad_key(err, path[:-1]), True
            path = path[:-1]
        else:
            message, at_key = _describe(err, path, model)
        span = positions.key_span(path) if at_key else positions.value_span(path)
        line, column = (span.line, span.column) if span else (1, 1)
        if err["type"] == "extra_forbidden" and err.get("input") is None and _after_comma_in_braces(positions, line, column):
            message = Msg(message.vi + COMMA_HINT.vi, message.en + COMMA_HINT.en)
        located.append(LoadError("schema", message, line, column))
    located.sort(key=lambda error: (error.line, error.column))
    return located


# A value with a comma inside {...} is cut there by YAML ({label: Đánh giá, ưu điểm} is label "Đánh giá" and a key
# "ưu điểm" with no value): the unknown key is then the rest of the value.
COMMA_HINT = Msg("; nếu đây là phần sau dấu phẩy của một giá trị trong {...}, đặt cả giá trị trong ngoặc kép: "
                 "{label: \"Đánh giá, ưu điểm\"}",
                 "; if this is the part after a comma of a value inside {...}, put the whole value in quotes: "
                 "{label: \"Đánh giá, ưu điểm\"}")


def _after_comma_in_braces(positions: PositionMap, line: int, column: int) -> bool:
    """Whether the key at ``line``:``column`` follows a comma inside an open ``{`` on its line."""
    lines = positions.lines
    if not 1 <= line <= len(lines):
        return False
    before = lines[line - 1][:column - 1]
    return "{" in before and before.rstrip().endswith(",")


def _bad_key(err: dict, path: tuple) -> Msg:
    where = format_path(path)
    pattern = (err.get("ctx") or {}).get("pattern", "")
    return Msg(f"khóa '{where}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và '_' ({pattern})",
               f"invalid key '{where}': use lower-case ASCII letters, digits and '_' ({pattern})")


def _describe(err: dict, path: tuple, model: type[BaseModel]) -> tuple[Msg, bool]:
    kind = err["type"]
    where = format_path(path) or "(gốc)"
    where_en = format_path(path) or "(top level)"
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else ""
        hint = did_you_mean(key, _allowed_keys(model, path[:-1]))
        hint_vi = f"; có phải ý bạn là '{hint}'?" if hint else ""
        hint_en = f"; did you mean '{hint}'?" if hint else ""
        return Msg(f"khóa không hợp lệ '{where}'{hint_vi}", f"unknown key '{where_en}'{hint_en}"), True
    if kind == "missing":
        return Msg(f"thiếu trường bắt buộc '{where}'", f"missing required field '{where_en}'"), False
    if kind == "dvlint":
        ctx = err.get("ctx") or {}
        return Msg(f"{where}: {ctx.get('vi', '')}", f"{where_en}: {ctx.get('en', '')}"), False
    if kind == "literal_error":
        expected = (err.get("ctx") or {}).get("expected", "")
        return Msg(f"'{where}' phải là một trong: {expected}", f"'{where_en}' must be one of: {expected}"), False
    if kind == "string_pattern_mismatch":
        return _pattern_mismatch(err, where, where_en), False
    known = _TYPE_MESSAGES.get(kind)
    if known:
        return Msg(f"'{where}' {known.vi}", f"'{where_en}' {known.en}"), False
    return Msg(f"'{where}': giá trị không hợp lệ ({err['msg']})", f"'{where_en}': {err['msg']}"), False


_CHOICES = re.compile(r"^\^\((?P<choices>[\w\-|<=>]+)\)\$$")


def _pattern_mismatch(err: dict, where: str, where_en: str) -> Msg:
    """A value that a pattern refuses: the choices when the pattern is a list of them (``^(count|percent)$``:
    "'type' must be one of: count, percent; did you mean 'percent'?"), else the value and the pattern."""
    value, pattern = str(err.get("input", "")), (err.get("ctx") or {}).get("pattern", "")
    m = _CHOICES.match(pattern)
    if m is None:
        return Msg(f"'{where}': '{value}' không đúng dạng {pattern}", f"'{where_en}': '{value}' does not match {pattern}")
    choices = m["choices"].split("|")
    hint = did_you_mean(value, choices)
    listed = ", ".join(choices)
    return Msg(f"'{where}' phải là một trong: {listed}, không phải '{value}'" + (f"; có phải ý bạn là '{hint}'?" if hint else ""),
               f"'{where_en}' must be one of: {listed}, not '{value}'" + (f"; did you mean '{hint}'?" if hint else ""))


def did_you_mean(key: str, allowed: list[str]) -> str | None:
    matches = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _allowed_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """The field names of the model that stands at ``path`` in ``model``."""
    current: object = model
    for part in path:
        current = _unwrap(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: object, part: str | int) -> object:
    """Follow one path step from ``annotation`` (a model, list, dict or union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _unwrap(arg, part)
            if found is not None:
                return found
        return None
    if origin is list and isinstance(part, int):
        return args[0] if args else None
    if origin is dict and isinstance(part, str):
        return args[1] if len(args) > 1 else None
    return None
