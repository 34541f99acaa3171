"""dvlint's cache folder: entries of plain JSON, written whole, read with suspicion.

Two caches share one root (docs/configuration.md, "The cache"):

- ``results/``: a checked file's result, keyed by its bytes and everything
  that can change a result (dvlint.app.cache);
- ``reading/``: what is costly to read, kept apart so that changing a rule
  never re-reads an inbox: the text OCR read on a scan, the .docx LibreOffice
  made of a .doc (dvlint.importers.reading).

The root is ``--cache-dir``, else ``$DVLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/dvlint``, else ``~/.cache/dvlint``: the user's own folder,
never one being checked (a received folder could hold planted entries). An
entry is JSON, never pickle (loading a pickle runs code, and whoever could
write there would choose it); it is written to a temporary file in its own
folder and renamed over its name, so that a reader sees a whole entry or
none, and two runs writing at once leave one of two equal entries. It names
its own key: an entry that does not parse, has not the expected shape or
names another key is a miss, and is written again. The root holds a
``CACHEDIR.TAG`` (backup tools skip the folder), and its size is bounded:
past ``max_bytes``, the entries least recently used go first.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1  # the entries' own format: an entry of another is a miss
KINDS = ("results", "reading")
DEFAULT_MAX_MB = 200
TAG_NAME = "CACHEDIR.TAG"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by dvlint.\n"
       "# For information about cache directory tags, see https://bford.info/cachedir/\n")
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")
_FANOUT = re.compile(r"^[0-9a-f]{2}$")
_TEMP_PREFIX = ".tmp-"
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died mid-write
ENTRY_MAX_BYTES = 256 * 1024 * 1024  # an entry larger than this is no entry dvlint wrote (a .docx is at most 10 MB)


def default_root(environ=os.environ) -> Path:
    """Where the cache is unless ``--cache-dir`` says: ``$DVLINT_CACHE_DIR``, ``$XDG_CACHE_HOME/dvlint``,
    ``~/.cache/dvlint``."""
    named = environ.get("DVLINT_CACHE_DIR", "").strip()
    if named:
        return Path(named).expanduser()
    xdg = environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():  # the XDG specification: a relative path is to be ignored
        return Path(xdg) / "dvlint"
    return Path.home() / ".cache" / "dvlint"


def digest(*parts) -> str:
    """The sha256 of ``parts`` (bytes, or text), each framed by its length so that no two lists give the same."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


@dataclass
class Usage:
    """What ``dvlint cache info`` says of one kind of entry."""

    entries: int = 0
    size: int = 0


class Store:
    """The cache folder at ``root``; nothing is created until the first entry is written."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024):
        self.root = Path(os.path.abspath(Path(root).expanduser()))
        self.max_bytes = max_bytes
        self.written = 0  # entries written by this process: the size is checked once a run that wrote ends
        self._ready = False
        self._folders: set[str] = set()  # the fan-out folders this process made or found

    def entry_path(self, kind: str, key: str) -> Path:
        return Path(self._entry_file(kind, key))

    def _entry_file(self, kind: str, key: str) -> str:
        """The entry's file name as text: a warm run reads a thousand of them, and pathlib's joins cost more
        than the read."""
        return os.path.join(self.root, kind, key[:2], f"{key}.json")

    # --- reading -------------------------------------------------------------------------------------

    def read(self, kind: str, key: str) -> dict | None:
        """The entry's body for ``key``, or None: absent, unreadable, truncated, garbage, of another format
        or naming another key (each a miss, never an error)."""
        path = self._entry_file(kind, key)
        try:
            with open(path, "rb") as handle:
                data = handle.read(ENTRY_MAX_BYTES + 1)
        except OSError:
            return None
        if len(data) > ENTRY_MAX_BYTES:
            return None
        try:
            entry = json.loads(data)
        except (ValueError, RecursionError):
            return None
        if (not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key
                or entry.get("kind") != kind or not isinstance(entry.get("body"), dict)):
            return None
        try:
            os.utime(path)  # used now: the last to be evicted
        except OSError:
            pass
        return entry["body"]

    # --- writing -------------------------------------------------------------------------------------

    def write(self, kind: str, key: str, body: dict) -> bool:
        """Write the entry, whole or not at all; False when it could not be (a read-only or full disk: the
        run goes on uncached).

        Written with the system's own calls, a file of a name no other writer takes (this process, a
        counter, random bytes; created exclusively), then renamed over the entry's name. A score of a
        thousand reports writes a thousand entries, and ``tempfile.mkstemp``, a text wrapper and pathlib
        made about a fifth of each write's time (CPU, median of 15 runs of 300 writes: 0.31 -> 0.26 s);
        the rest is the system creating and renaming a file.
        """
        try:
            data = json.dumps({"format": FORMAT, "kind": kind, "key": key, "body": body}, ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8")
        except (UnicodeEncodeError, ValueError):
            return False  # a text that is no Unicode (a lone surrogate): not kept, checked again next time
        folder = os.path.join(self.root, kind, key[:2])
        tmp = os.path.join(folder, f"{_TEMP_PREFIX}{os.getpid()}-{next(_serial)}-{os.urandom(4).hex()}.json")
        try:
            self._prepare()
            fd = self._create(folder, tmp)
        except OSError:
            return False
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
            os.replace(tmp, os.path.join(folder, f"{key}.json"))
        except OSError:
            _unlink(tmp)
            return False
        self.written += 1
        return True

    def _create(self, folder: str, tmp: str) -> int:
        """A new file ``tmp`` in ``folder`` (made the first time, or again if a ``cache clear`` removed it)."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        if folder in self._folders:
            try:
                return os.open(tmp, flags, 0o600)
            except FileNotFoundError:
                pass
        os.makedirs(folder, exist_ok=True)
        self._folders.add(folder)
        return os.open(tmp, flags, 0o600)

    def _prepare(self) -> None:
        """The root, with its CACHEDIR.TAG."""
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        tag = self.root / TAG_NAME
        if not tag.is_file():
            fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=self.root)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(TAG)
            os.replace(tmp, tag)
        self._ready = True

    # --- the whole folder ----------------------------------------------------------------------------

    def _entries(self, kinds=KINDS):
        """(path, stat) of every entry of ``kinds``, and leftovers of writes that died (path, stat, True)."""
        for kind in kinds:
            try:
                fanouts = list(os.scandir(self.root / kind))
            except OSError:
                continue
            for fanout in fanouts:
                if not _FANOUT.match(fanout.name) or not fanout.is_dir(follow_symlinks=False):
                    continue
                try:
                    names = list(os.scandir(fanout.path))
                except OSError:
                    continue
                for item in names:
                    is_temp = item.name.startswith(_TEMP_PREFIX)
                    if not (is_temp or _ENTRY.match(item.name)) or not item.is_file(follow_symlinks=False):
                        continue
                    try:
                        yield kind, item.path, item.stat(follow_symlinks=False), is_temp
                    except OSError:
                        continue

    def usage(self) -> dict[str, Usage]:
        out = {kind: Usage() for kind in KINDS}
        for kind, _, info, is_temp in self._entries():
            if not is_temp:
                out[kind].entries += 1
                out[kind].size += info.st_size
        return out

    def prune(self) -> int:
        """Keep the cache within ``max_bytes``: remove the entries used longest ago until it holds 90% of it,
        and the temporary files of writes that died. How many entries went."""
        now = time.time()
        entries, total = [], 0
        for _, path, info, is_temp in self._entries():
            if is_temp:
                if now - info.st_mtime > _STALE_TEMP_SECONDS:
                    _unlink(path)
                continue
            entries.append((info.st_mtime, path, info.st_size))
            total += info.st_size
        if total <= self.max_bytes:
            return 0
        removed = 0
        for _, path, size in sorted(entries):
            if total <= self.max_bytes * 0.9:
                break
            if _unlink(path):
                removed += 1
            total -= size
        return removed

    def clear(self) -> int:
        """Remove every entry (only files named as dvlint names its entries, in its own subfolders: a
        ``--cache-dir`` given by mistake loses nothing else). How many went."""
        removed = 0
        for _, path, _, _ in list(self._entries()):
            removed += _unlink(path)
        for kind in KINDS:
            try:
                fanouts = list(os.scandir(self.root / kind))
            except OSError:
                continue
            for fanout in fanouts:
                if _FANOUT.match(fanout.name):
                    try:
                        os.rmdir(fanout.path)
                    except OSError:
                        pass
            try:
                os.rmdir(self.root / kind)
            except OSError:
                pass
        return removed


_serial = itertools.count()  # temporary files' names in this process (with its pid and random bytes)


def _unlink(path) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


# --- the reading cache's store, for the readers (set by the command line; forked workers inherit it) ---

_reading: Store | None = None


def use_for_reading(store: Store | None) -> None:
    global _reading
    _reading = store


def reading_store() -> Store | None:
    return _reading


def is_within(inner: Path, outer: Path) -> bool:
    """Whether ``inner`` is ``outer`` or lies under it (both made absolute, links resolved)."""
    try:
        inner, outer = Path(os.path.realpath(inner)), Path(os.path.realpath(outer))
    except (OSError, RuntimeError):
        return False
    return inner == outer or outer in inner.parents
