"""Checking a set of paths: the library entry point behind ``dvlint check``.

    from dvlint.app.runner import check_paths
    run = check_paths(["reports/"], overrides={"lang": "en"})

Each file is checked with the configuration found for its folder (merged with
``overrides``); a file that cannot be loaded becomes a result with an
``error`` and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from dvlint.engine import config as config_mod
from dvlint.source import errors, files
from dvlint.engine.core import Engine, ReportResult, RunResult
from dvlint.source.children import interrupts_held, release_interrupts
from dvlint.source.errors import LoadError
from dvlint.source.timelimit import TimeLimitExceeded, time_limit
from dvlint.app import new_engine, plugin_manager
from dvlint.app.schedule import Weight, weigh
from dvlint.read.loaders import layout_wanted


def loaders_by_suffix(plugins=None) -> dict:
    table: dict = {}
    for found in reversed((plugins or plugin_manager()).hook.dvlint_loaders()):
        for loader in found or ():
            for suffix in loader.suffixes:
                table[suffix.lower()] = loader
    return table


_TEXT_LOADERS = ("yaml", "text")


def expand_paths(paths, suffixes, kinds=()) -> list[tuple[Path, LoadError | None]]:
    """Files to check, in order; a path that yields nothing comes with its error.

    A folder's every file is listed: one dvlint does not read (by its suffix, or
    by its bytes: ``kinds`` are the loaders' names) comes with an "unsupported"
    error, so that a run never skips a file silently. Hidden files and folders,
    Word's lock files ("~$báo cáo.docx") and dvlint's own configuration
    (dvlint.toml, pyproject.toml) are no one's documents and are left out.
    """
    out: list[tuple[Path, LoadError | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _walk(path)
            # A set: each file is looked up in it below (a list made 1,000 files half a million comparisons).
            readable = {f for f in found if f.suffix.lower() in suffixes or files.sniff(f) in kinds}
            if not readable:
                listed = ", ".join(sorted(suffixes))
                out.append((path, LoadError("no-reports", errors.IS_DIRECTORY_EMPTY.format(suffixes=listed))))
            for f in found:
                readable_file = f in readable
                out.append((f, None if readable_file else _unsupported(f, suffixes)))
        elif path.exists() or path.is_symlink():
            out.append((path, None))
        else:
            looked = path if path.is_absolute() else Path.cwd() / path
            out.append((path, LoadError("not-found", errors.NOT_FOUND_AT.format(looked=looked))))
    return out


def _walk(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith((".", "~$")) and name not in config_mod.CONFIG_NAMES:
                found.append(Path(folder) / name)
    return found


def _unsupported(path: Path, suffixes) -> LoadError:
    listed = ", ".join(sorted(suffixes))
    return LoadError("unsupported", errors.UNSUPPORTED.format(suffix=path.suffix or path.name, suffixes=listed))


def _folder_of(path: Path) -> Path:
    """The folder a file is named in, absolute: its configuration is looked up from there.

    Symbolic links are not followed (a report linked into a folder follows
    that folder's configuration, as ruff does), and a loop of links is then
    the file's load error, not a crash here.
    """
    return Path(os.path.abspath(path)).parent


class Checker:
    """Keeps one engine per configuration file for the duration of a run.

    Which configuration applies, and whether it may load code, is decided
    here (docs/configuration.md, "Which configuration is trusted"):

    - ``config_file`` (``--config``) applies to every file and is trusted;
    - otherwise the file found by walking up from each checked file applies,
      unless ``isolated`` (``--isolated``; ``dvlint score`` by default), which
      ignores every configuration file found on disk;
    - a found file may load local rule modules only if it is the project's
      own, found from the current working directory; any other found file's
      ``rules`` are ignored and listed in ``ignored_rules`` for the command to
      say so. ``local_rules=False`` (``--no-local-rules``) loads none at all.
    - ``received`` (``dvlint score``) turns inline suppressions off unless the
      configuration turns them on: a received report may not silence itself.
    """

    def __init__(self, overrides: dict | None = None, config_file: Path | None = None, today: dt.date | None = None,
                 *, isolated: bool = False, local_rules: bool = True, received: bool = False,
                 stands_for: dict | None = None, cache=None, plugins=None):
        self.plugins = plugins  # a plugin manager of its own (dvlint.testing); else the process-wide one
        self.overrides = overrides or {}
        self.cache = cache  # a dvlint.app.cache.ResultCache, or None: every file is checked
        self.config_file = config_file
        self.today = today
        self.isolated = isolated
        self.local_rules = local_rules
        self.received = received
        self.engines: dict = {}
        self.loaders = loaders_by_suffix(plugins)
        self.ignored_rules: dict[Path, tuple[str, ...]] = {}  # untrusted configuration -> the rule folders it named
        self.stands_for: dict[Path, Path] = dict(stands_for or {})  # standard input saved -> the name it goes by
        self._trusted = {config_file} if config_file or isolated else {config_mod.find_config_file(Path.cwd().resolve())}

    def config_source(self, path: Path) -> Path | None:
        """The configuration file that applies to ``path``, if any."""
        if self.config_file or self.isolated:
            return self.config_file
        return config_mod.find_config_file(_folder_of(self.stands_for.get(path, path)))

    def settings_for(self, path: Path) -> config_mod.Settings:
        source = self.config_source(path)
        file_config = config_mod.read_config_file(source) if source else None
        unloaded: tuple[str, ...] = ()
        if file_config is not None and file_config.rules and not (self.local_rules and source in self._trusted):
            unloaded = self.ignored_rules[source] = tuple(file_config.rules)
            file_config = config_mod.without_code(file_config)
        overrides = self.overrides if self.local_rules else {**self.overrides, "rule_dirs": None}
        if not self.local_rules and self.overrides.get("rule_dirs"):
            unloaded += tuple(str(d) for d in self.overrides["rule_dirs"])
        defaults = {"inline_suppressions": False, "cap_grades": True} if self.received else None
        return config_mod.settings_for(file_config, source, {**overrides, "unloaded_rules": unloaded or None}, defaults)

    def engine_for(self, path: Path) -> Engine:
        source = self.config_source(path)
        if source not in self.engines:
            self.engines[source] = new_engine(self.settings_for(path), self.today, self.plugins)
        return self.engines[source]

    def loader_for(self, path: Path):
        """The loader for the file: by its suffix, unless its bytes say it is something else (a .doc that
        is a .docx, a .pdf that is a photo): then by what it is."""
        by_suffix = self.loaders.get(path.suffix.lower())
        if by_suffix is not None and by_suffix.name in _TEXT_LOADERS:
            return by_suffix  # a text format named so is read as one; bytes that are no text are its load error
        kind = files.sniff(path)
        if kind is None or (by_suffix is not None and by_suffix.name == kind):
            return by_suffix
        return next((loader for loader in self.loaders.values() if loader.name == kind), by_suffix)

    def check_file(self, path: Path) -> ReportResult:
        """Read and check one file within the configured time limit; whatever goes wrong is its result."""
        engine = self.engine_for(path)
        try:
            with time_limit(engine.settings.time_limit):
                result = self._read_and_check(path, engine)
        except TimeLimitExceeded:
            result = ReportResult(path, error=LoadError("too-slow", errors.TOO_SLOW.format(
                seconds=engine.settings.time_limit)))
        result.path = self.stands_for.get(path, result.path)  # standard input goes by the name it was given
        return result

    def _read_and_check(self, path: Path, engine: Engine) -> ReportResult:
        loader = self.loader_for(path)
        try:
            if loader is None:
                raise _unsupported(path, self.loaders)
            with layout_wanted(engine.needs_layout):
                loaded = loader.load(path, engine.settings)
        except LoadError as exc:
            return ReportResult(path, error=exc)
        except RecursionError:
            return ReportResult(path, error=LoadError("too-deep", errors.TOO_DEEP))
        except Exception as exc:  # noqa: BLE001 - a loader bug must not stop the run: the file is reported
            return ReportResult(path, error=LoadError("loader-crashed", errors.LOADER_CRASHED.format(
                loader=loader.name, detail=f"{type(exc).__name__}: {exc}")))
        return engine.check(loaded)

    def run(self, paths, jobs: int = 1, progress=None, store=None) -> RunResult:
        """Check every file under ``paths``; with ``jobs`` > 1, in that many processes.

        Results come back in the order of the paths either way, the same as a
        serial run's. A run of few light files stays in this process: starting
        workers costs more than it saves; a heavy file (a scan to OCR, a .doc to
        convert: dvlint.app.schedule) goes to a worker however few files there
        are, the heaviest first, so that the run does not end waiting for one.
        ``progress``, if given, is called with the number of units first (a
        PDF's pages, one for any other file) and then with each result and its
        units as it arrives (for a progress bar). ``store``, if given, receives
        the results instead of a list (``spill.SpilledResults`` keeps them on disk).
        """
        items = expand_paths(paths, set(self.loaders), {loader.name for loader in self.loaders.values()})
        files = [path for path, error in items if error is None]
        self._settle_configurations(files)
        found, keys = self._from_cache(files)  # looked up here, before any worker starts
        pending = [path for path, hit in zip(files, found) if hit is None]
        weights = self._weigh(pending) if (progress or jobs > 1) and pending else [Weight()] * len(pending)
        units = dict(zip(pending, (w.units for w in weights)))
        if progress:
            progress(len(items) - len(pending) + sum(units.values()))
        arrived = (lambda result, path: progress(result, units[path])) if progress else None
        if jobs > 1 and (len(pending) >= PARALLEL_MIN_FILES or any(w.heavy for w in weights)):
            checked = self._in_workers(pending, jobs, weights, arrived)
        else:
            checked = self._here(pending, arrived)
        run = RunResult(reports=store if store is not None else [])
        index = 0
        for path, error in items:
            if error:
                result = ReportResult(path, error=error)
            else:
                result, key = found[index], keys[index]
                index += 1
            if result is None:
                result = next(checked)  # progress was told as it arrived
                if key is not None:
                    self._to_cache(path, key, result)
            elif progress:
                progress(result, 1)
            run.reports.append(result)
        for _ in checked:  # let the pool finish and close
            pass
        if self.cache is not None:
            self.cache.finish(checked=bool(pending))
        if not self.engines and files:
            self.engine_for(files[0])  # checked in workers: the rules are listed from here
        run.rules = sorted({spec.code: spec for engine in self.engines.values() for spec in engine.rules}.values(),
                           key=lambda spec: spec.code)
        return run

    def _weigh(self, pending: list[Path]) -> list[Weight]:
        """Each file's weight (dvlint.app.schedule), probed within the time limit of one file."""
        settings = self.engine_for(pending[0]).settings
        names = [getattr(self.loader_for(path), "name", None) for path in pending]
        return weigh(pending, names, settings.max_file_size, settings.time_limit)

    def _here(self, pending: list[Path], arrived):
        for path in pending:
            result = self.check_file(path)
            if arrived:
                arrived(result, path)
            yield result

    def _from_cache(self, files: list[Path]) -> tuple[list, list]:
        """For each file, its cached result or None, and the key to keep its fresh result under (with the
        file's state when it was read) or None (no cache, or a file that cannot be read: its check says why)."""
        if self.cache is None:
            return [None] * len(files), [None] * len(files)
        found, keys = [], []
        for path in files:
            key = self._cache_key(path)
            hit = self.cache.get(key[0], self.stands_for.get(path, path)) if key is not None else None
            found.append(hit)
            keys.append(None if hit is not None else key)
        return found, keys

    def _cache_key(self, path: Path):
        from dvlint.importers.reading import reader_version

        engine = self.engine_for(path)
        try:
            before = _state(path)
            data = files.read_bytes(path, engine.settings.max_file_size)
        except (LoadError, OSError):
            return None
        loader = self.loader_for(path)
        if loader is None:
            return None
        return self.cache.key_for(path, data, engine, reader_version(loader.name)), before

    def _to_cache(self, path: Path, key, result: ReportResult) -> None:
        """Keep a fresh result, unless the file changed since its key was made (the result may be of other bytes)."""
        try:
            unchanged = _state(path) == key[1]
        except OSError:
            unchanged = False
        if unchanged:
            self.cache.put(key[0], result)

    def _settle_configurations(self, files: list[Path]) -> None:
        """Build the engine of each configuration that applies, once, here: a bad configuration or a code
        naming no rule fails the run before any file is checked, ``ignored_rules`` and the engines' notes
        are known to the command even when workers check the files, and forked workers inherit the engines."""
        seen: set = set()
        for path in files:
            folder = _folder_of(self.stands_for.get(path, path))
            if folder not in seen:
                seen.add(folder)
                self.engine_for(path)

    def _recipe(self) -> dict:
        """What a worker needs to build the same checker."""
        return {"overrides": self.overrides, "config_file": self.config_file, "today": self.today,
                "isolated": self.isolated, "local_rules": self.local_rules, "received": self.received,
                "stands_for": self.stands_for, "reading": _reading_root()}

    def _in_workers(self, files: list[Path], jobs: int, weights: list[Weight], arrived=None):
        """Results from worker processes, in the order of ``files``; ``arrived(result, path)`` as each comes.

        Heavy files go out first, the heaviest first, one to a task; then the light ones in small
        chunks: at the end of the run one worker waits for the other's last chunk, so a chunk of 8
        reports (about 60 ms of work) wastes less than one of 32 did.
        """
        from concurrent.futures import ProcessPoolExecutor

        global _parent_checker
        self.engine_for(files[0])  # built once here: forked workers inherit it instead of each building one
        _parent_checker = self
        groups = tasks(weights, jobs)
        # Ctrl-C waits until the pool has forked its workers and taken the tasks: cut in the middle, it left a
        # worker that nothing stops, and the command hung at exit waiting for it.
        with interrupts_held():
            pool = ProcessPoolExecutor(min(jobs, len(groups)), initializer=_start_worker, initargs=(self._recipe(),))
            submitted = [(pool.submit(_check_in_worker, [files[i] for i in group]), group) for group in groups]
        try:
            yield from _in_order(submitted, len(files), lambda i, result: arrived and arrived(result, files[i]))
        finally:  # on Ctrl-C or an error, the files not yet started are dropped, not checked first
            pool.shutdown(wait=True, cancel_futures=True)


def tasks(weights: list[Weight], jobs: int) -> list[list[int]]:
    """The files' indices grouped into tasks, in the order they go to the pool: each heavy file alone,
    the heaviest first, then the light files in their order, in chunks."""
    heavy = sorted((i for i, w in enumerate(weights) if w.heavy), key=lambda i: -weights[i].cost)
    light = [i for i, w in enumerate(weights) if not w.heavy]
    chunk = max(1, min(8, len(light) // (jobs * 4)))
    return [[i] for i in heavy] + [light[k:k + chunk] for k in range(0, len(light), chunk)]


def _in_order(tasks, count: int, arrived):
    """The results of ``tasks`` in the order of their files' indices, ``arrived(index, result)`` called as
    each task ends (in whatever order the workers finish)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    results: dict[int, ReportResult] = {}
    waiting = {future: group for future, group in tasks}
    for index in range(count):
        while index not in results:
            done, _ = wait(waiting, return_when=FIRST_COMPLETED)
            for future in done:
                for i, result in zip(waiting.pop(future), future.result()):
                    results[i] = result
                    arrived(i, result)
        yield results.pop(index)


PARALLEL_MIN_FILES = 40


def _state(path: Path) -> tuple:
    """What changes when a file is written to: its size, time of change and inode."""
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _reading_root() -> str | None:
    from dvlint.source.cachestore import reading_store

    store = reading_store()
    return str(store.root) if store is not None else None


_worker_checker: Checker | None = None
_parent_checker: Checker | None = None  # set before the pool starts; a forked worker finds it here


def _start_worker(recipe: dict) -> None:
    """Set up a worker process. Interrupts are the parent's to handle: Ctrl-C reaches every process
    of the terminal's group, and a worker that raised KeyboardInterrupt would print a traceback."""
    import signal

    global _worker_checker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release_interrupts()  # forked while the parent held them (Checker._in_workers)
    tune_gc_for_batch()
    inherited = _parent_checker
    if inherited is not None and inherited._recipe() == recipe:
        _worker_checker = inherited  # forked: the parent's engines, rules and templates are already built
    else:  # started afresh (spawn, forkserver): build them here
        overrides, config_file, today = recipe.pop("overrides"), recipe.pop("config_file"), recipe.pop("today")
        reading = recipe.pop("reading")
        if reading is not None:
            from dvlint.source.cachestore import Store, use_for_reading

            use_for_reading(Store(Path(reading)))
        _worker_checker = Checker(overrides, config_file, today, **recipe)


def _check_in_worker(paths: list[Path]) -> list[ReportResult]:
    """Check files in a worker; only findings and the reports' identity travel back."""
    return [_worker_checker.check_file(path) for path in paths]


def default_jobs() -> int:
    import os

    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def tune_gc_for_batch() -> None:
    """Make Python's cyclic garbage collector cheaper for long batch runs.

    Loading a report allocates thousands of YAML nodes that reference
    counting frees at once (they hold no cycles), yet each allocation burst
    triggers generation-0 collections that re-walk every live object, and the
    checked reports accumulate as the run goes. Freezing what start-up
    created and collecting less often saves about a fifth of a large run
    (bench/bench_check.py). Only the command line calls this: a library user
    keeps control of their own process.

    No collection before the freeze: at this point it walks the ~30,000
    objects of start-up to free a score of them, a few milliseconds of every
    ``dvlint check small.yaml`` for a few kilobytes kept.
    """
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


def check_paths(paths, overrides: dict | None = None, config_file: Path | None = None, today: dt.date | None = None,
                jobs: int = 1) -> RunResult:
    return Checker(overrides, config_file, today).run(paths, jobs)
