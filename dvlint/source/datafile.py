"""Data files: YAML validated into a pydantic model, errors located in the file.

Both the knowledge registers (dvlint.knowledge.data) and the legacy-encoding
tables (dvlint.source.legacy) are such files; a clerk who breaks one by an
edit gets the file's own line and column.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from dvlint.source import yamlload
from dvlint.source.errors import LoadError

M = TypeVar("M", bound=BaseModel)


class DataFileError(Exception):
    """A shipped or user-supplied data file is broken: a bug or a bad edit."""

    def __init__(self, path: str, error: LoadError, errors: list[LoadError] | None = None):
        super().__init__(f"{path}:{error.line}:{error.column}: {error.message.en}")
        self.path = path
        self.error = error  # the first, saying how many more there are
        self.errors = errors or [error]  # every one, topmost in the file first


class DataModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def builtin_data_dir() -> Path:
    """Where the shipped data files are: rules/data, installed as dvlint.rules/data.

    The package's folder, as importlib.resources.files gives it for a package on disk, without importing
    importlib.resources at start-up.
    """
    return Path(importlib.import_module("dvlint.rules").__path__[0]) / "data"


def load_model_file(path: Path, model: type[M], read) -> M:
    """Load the YAML file at ``path`` into ``model``, or raise DataFileError with a location.

    ``read(path)`` gives the file's text: dvlint.source.files.read_text for
    what a user may write (a legacy encoding is then named in the error), a
    plain UTF-8 read for the encoding tables themselves, which that reader uses.
    """
    try:
        raw, positions = yamlload.load(read(path))
        return model.model_validate(raw)
    except LoadError as exc:
        raise DataFileError(str(path), exc) from None
    except ValidationError as exc:
        from dvlint.source.validation import located_errors, to_load_error  # only for a broken file

        raise DataFileError(str(path), to_load_error(exc, positions, model),
                            located_errors(exc, positions, model)) from None
