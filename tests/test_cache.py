"""The result cache and the reading cache (issue 21): a hit is the fresh result, a change to anything a
result depends on is a miss, a bad entry is a miss, two runs at once leave it sound, --no-cache touches
nothing, and OCR is not run again on a scan read before.

Every run names its cache folder (``--cache-dir``) in the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY, run_cli

YAML_FIXTURES = ["clean-state-report.yaml", "hung-yen-2024-qcdc-9-thang.yaml", "dak-nong-2023-ke-hoach-dvcq.yaml"]
DOCX_FIXTURE = "bao-cao-dan-van-chinh-quyen-2024.docx"


def entries(cache: Path, kind: str = "results") -> list[Path]:
    return sorted((cache / kind).glob("??/*.json"))


def cached_cli(cache: Path, *args: str, **kwargs):
    return run_cli(*args, "--cache-dir", str(cache), **kwargs)


def reports_folder(folder: Path, count: int = 3) -> Path:
    """``count`` YAML reports copied from the fixtures, each with a small edit so that no two are the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = (FIXTURES / YAML_FIXTURES[i % len(YAML_FIXTURES)]).read_text(encoding="utf-8")
        (folder / f"report-{i:03d}.yaml").write_text(text + f"\n# copy {i}\n", encoding="utf-8")
    return folder


def one_report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.yaml"
    shutil.copyfile(FIXTURES / "hung-yen-2024-qcdc-9-thang.yaml", path)
    return path


def tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


# --- a hit is the fresh result -------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["json", "text"])
def test_a_hit_gives_the_same_output_as_a_fresh_run(tmp_path, output):
    folder = reports_folder(tmp_path / "in")
    shutil.copyfile(FIXTURES / DOCX_FIXTURE, folder / DOCX_FIXTURE)  # paragraphs, table cells, a presentation score
    cache = tmp_path / "cache"
    args = ("check", str(folder), "--format", output, "-j", "1", "--as-of", "2026-11-22", "--lang", "en")
    cold = cached_cli(cache, *args)
    assert len(entries(cache)) == 4, cold.stderr
    warm = cached_cli(cache, *args)
    fresh = run_cli(*args, "--no-cache")
    assert cold.stdout == warm.stdout == fresh.stdout
    assert cold.returncode == warm.returncode == fresh.returncode == 1
    if output == "json":
        reports = json.loads(warm.stdout)["reports"]
        assert {r["unit"] for r in reports} == {"line", "paragraph"} and all(r["findings"] for r in reports)


def test_a_hit_is_read_from_the_cache_not_checked_again(tmp_path):
    """The warm run's findings come from the entry: an entry edited (in its valid shape) shows in the output."""
    path = one_report(tmp_path / "in")
    cache = tmp_path / "cache"
    args = ("check", str(path), "--format", "json", "--lang", "en", "--as-of", "2026-11-22")
    cold = json.loads(cached_cli(cache, *args).stdout)
    [entry] = entries(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["body"]["findings"][0][4] = "planted message"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    warm = json.loads(cached_cli(cache, *args).stdout)
    assert warm["reports"][0]["findings"][0]["message"] == "planted message"
    assert cold["reports"][0]["findings"][0]["message"] != "planted message"


def test_the_same_bytes_under_another_name_is_a_hit_and_keeps_its_own_name(tmp_path):
    first = one_report(tmp_path / "a")
    second = tmp_path / "b" / "other.yaml"
    second.parent.mkdir()
    shutil.copyfile(first, second)
    cache = tmp_path / "cache"
    cached_cli(cache, "check", str(first), "--format", "json")
    out = json.loads(cached_cli(cache, "check", str(second), "--format", "json").stdout)
    assert len(entries(cache)) == 1
    assert out["reports"][0]["path"] == str(second)


# --- each key input changed alone is a miss --------------------------------------------------------------


def _misses_after(tmp_path, change, args=lambda: (), cwd=None) -> tuple[int, int]:
    """Entries after a run, and after the same run once ``change()`` has been made (the report is in ``cwd``'s
    folder ``in``, or the test's)."""
    cache = tmp_path / "cache"
    path = one_report((cwd or tmp_path) / "in")
    run = lambda: cached_cli(cache, "check", str(path), "--format", "json", *args(), cwd=cwd)  # noqa: E731
    first = run()
    assert first.returncode in (0, 1), first.stderr
    again = run()
    assert len(entries(cache)) == 1 and again.stdout == first.stdout  # unchanged: a hit
    change()
    second = run()
    assert second.returncode in (0, 1), second.stderr
    return len(entries(cache)), second


def test_a_local_rule_edited_is_a_miss(tmp_path):
    project = tmp_path / "project"
    (project / "myrules").mkdir(parents=True)
    (project / "dvlint.toml").write_text('rules = ["myrules"]\n', encoding="utf-8")
    rule = project / "myrules" / "mine.py"
    source = textwrap.dedent('''
        from dvlint import Problem, rule

        @rule("DV990", "local-mark", severity="warning", weight=1, vi="Dấu", en="Mark")
        def local_mark(report):
            yield Problem("document.title", vi="MESSAGE", en="MESSAGE")
    ''')
    rule.write_text(source, encoding="utf-8")
    count, second = _misses_after(tmp_path, lambda: rule.write_text(source.replace("MESSAGE", "EDITED"), encoding="utf-8"),
                                  cwd=project)
    assert count == 2
    assert "EDITED" in second.stdout


def test_a_template_edited_is_a_miss(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    template = templates / "mine.yaml"
    original = (ROOT / "rules" / "templates" / "qcdc-report.yaml").read_text(encoding="utf-8")
    template.write_text(original.replace("name: qcdc-report", "name: my-qcdc-report"), encoding="utf-8")
    count, _ = _misses_after(tmp_path, lambda: template.write_text(template.read_text(encoding="utf-8") + "# edited\n",
                                                                   encoding="utf-8"),
                             args=lambda: ("--templates", str(templates)))
    assert count == 2


def test_the_configuration_changed_is_a_miss(tmp_path):
    config = tmp_path / "dvlint.toml"
    config.write_text("per-rule-cap = 15\n", encoding="utf-8")
    count, _ = _misses_after(tmp_path, lambda: config.write_text("per-rule-cap = 14\n", encoding="utf-8"),
                             args=lambda: ("--config", str(config)))
    assert count == 2


def test_the_baseline_changed_is_a_miss(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"version": 1, "tool": "dvlint", "findings": []}\n', encoding="utf-8")
    planted = {"version": 1, "tool": "dvlint", "findings": [{"fingerprint": "0" * 40}]}
    count, _ = _misses_after(tmp_path, lambda: baseline.write_text(json.dumps(planted), encoding="utf-8"),
                             args=lambda: ("--baseline", str(baseline)))
    assert count == 2


def test_the_as_of_date_changed_is_a_miss(tmp_path):
    dates = iter(["2026-11-22", "2026-11-22", "2027-01-05"])
    count, _ = _misses_after(tmp_path, lambda: None, args=lambda: ("--as-of", next(dates)))
    assert count == 2


def test_the_language_changed_is_a_miss_yet_the_result_is_the_same(tmp_path):
    langs = iter(["vi", "vi", "en"])
    count, second = _misses_after(tmp_path, lambda: None, args=lambda: ("--lang", next(langs)))
    assert count == 2 and json.loads(second.stdout)["reports"][0]["findings"]


def test_dvlint_s_version_and_the_day_are_in_the_key(tmp_path, monkeypatch):
    import datetime as dt

    import dvlint
    from dvlint.app.cache import ResultCache
    from dvlint.app.runner import Checker
    from dvlint.source.cachestore import Store

    path = one_report(tmp_path / "in")
    store = Store(tmp_path / "cache")

    def run(today=TODAY):
        cache = ResultCache(store)  # a fresh process's: fingerprints are computed once per engine
        result = Checker({}, today=today, cache=cache).run([path])
        return cache, result.reports[0]

    first_cache, first = run()
    again_cache, again = run()
    assert (first_cache.misses, again_cache.hits) == (1, 1)
    assert [f.message for f in again.findings] == [f.message for f in first.findings]
    monkeypatch.setattr(dvlint, "__version__", "99.0.0")
    bumped, _ = run()
    assert (bumped.hits, bumped.misses) == (0, 1)
    next_day, _ = run(TODAY + dt.timedelta(days=1))
    assert (next_day.hits, next_day.misses) == (0, 1)
    assert len(entries(tmp_path / "cache")) == 3


def test_a_file_changed_while_it_was_checked_is_not_kept(tmp_path, monkeypatch):
    from dvlint.app import runner
    from dvlint.app.cache import ResultCache
    from dvlint.source.cachestore import Store

    path = one_report(tmp_path / "in")
    checker = runner.Checker({}, today=TODAY, cache=ResultCache(Store(tmp_path / "cache")))
    check_file = checker.check_file

    def check_and_touch(p):
        result = check_file(p)
        p.write_text(p.read_text(encoding="utf-8") + "# changed meanwhile\n", encoding="utf-8")
        return result

    monkeypatch.setattr(checker, "check_file", check_and_touch)
    checker.run([path])
    assert entries(tmp_path / "cache") == []


def test_a_load_error_is_not_cached(tmp_path):
    bad = tmp_path / "in" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("document: [unclosed\n", encoding="utf-8")
    cache = tmp_path / "cache"
    proc = cached_cli(cache, "check", str(bad))
    assert proc.returncode == 2
    assert entries(cache) == []


def test_a_file_found_to_be_no_document_is_cached_as_such(tmp_path):
    """"not-a-document" is a verdict on the text read (an OCR'd list, a converted form): kept, so that a
    re-scored inbox does not read such scans and .doc files again; the warm output is the cold one."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "list.txt").write_text("DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ\n\n1. Nguyễn Văn An, Chủ tịch\n"
                                     "2. Trần Thị Bình, Phó Chủ tịch\n", encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("score", str(folder), "--json", str(tmp_path / "out.json"), "--lang", "en")
    cold = cached_cli(cache, *args)
    cold_json = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert cold.returncode == 2 and '"kind": "not-a-document"' in cold_json
    [entry] = entries(cache)
    assert json.loads(entry.read_text(encoding="utf-8"))["body"]["error"][0] == "not-a-document"
    warm = cached_cli(cache, *args)
    assert warm.stdout == cold.stdout and warm.returncode == 2
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == cold_json
    assert entry.stat().st_mtime_ns == entries(cache)[0].stat().st_mtime_ns  # read, not written again


# --- bad entries ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "wrong-shape", "another-key", "pickle"])
def test_a_damaged_entry_is_a_miss_and_is_written_again(tmp_path, damage):
    path = one_report(tmp_path / "in")
    cache = tmp_path / "cache"
    args = ("check", str(path), "--format", "json", "--as-of", "2026-11-22")
    cold = cached_cli(cache, *args)
    [entry] = entries(cache)
    good = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(good[: len(good) // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(300))
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "wrong-shape":
        data = json.loads(good)
        data["body"]["findings"][0][5] = "line five"  # a line that is no number
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "another-key":
        data = json.loads(good)
        data["key"] = "f" * 64
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        import pickle

        entry.write_bytes(pickle.dumps({"format": 1}))
    warm = cached_cli(cache, *args)
    assert warm.returncode == cold.returncode and warm.stdout == cold.stdout, warm.stderr
    assert json.loads(entry.read_bytes()) == json.loads(good)  # replaced by a sound one


def test_two_runs_at_once_leave_the_cache_sound(tmp_path):
    folder = reports_folder(tmp_path / "in", 50)
    cache = tmp_path / "cache"
    args = [sys.executable, "-m", "dvlint", "check", str(folder), "--format", "json", "-j", "1", "--as-of", "2026-11-22",
            "--cache-dir", str(cache)]
    env = {**os.environ, "NO_COLOR": "1"}
    both = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in both]
    fresh = run_cli(*args[3:-2], "--no-cache")
    assert [p.returncode for p in both] == [1, 1], outs[0][1]
    assert outs[0][0].decode() == outs[1][0].decode() == fresh.stdout
    found = entries(cache)
    assert len(found) == 50
    for entry in found:
        assert json.loads(entry.read_bytes())["key"] == entry.stem
    assert not [p for p in cache.rglob("*") if p.name.startswith(".tmp-")]
    warm = cached_cli(cache, *args[3:-2])
    assert warm.stdout == fresh.stdout


# --- where, what, and nothing at all -------------------------------------------------------------------


def test_no_cache_writes_nothing(tmp_path):
    folder = reports_folder(tmp_path / "in")
    cache = tmp_path / "cache"
    before = tree(folder)
    for command in ("check", "score"):
        proc = cached_cli(cache, command, str(folder), "--no-cache")
        assert proc.returncode in (0, 1), proc.stderr
    by_env = run_cli("check", str(folder), "--no-cache", env={"DVLINT_CACHE_DIR": str(cache)})
    assert by_env.returncode in (0, 1)
    assert not cache.exists()
    assert tree(folder) == before


def test_the_cache_folder_is_tagged_and_holds_json_entries_only(tmp_path):
    folder = reports_folder(tmp_path / "in")
    cache = tmp_path / "cache"
    before = tree(folder)
    proc = cached_cli(cache, "score", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert tree(folder) == before  # nothing written inside the checked folder
    tag = (cache / "CACHEDIR.TAG").read_text(encoding="ascii")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert len(entries(cache)) == 3
    for path in cache.rglob("*"):
        if path.is_file() and path.name != "CACHEDIR.TAG":
            entry = json.loads(path.read_text(encoding="utf-8"))
            assert entry["key"] == path.stem and entry["kind"] == "results" and entry["format"] == 1


def test_the_default_folder_is_the_users_cache(tmp_path):
    folder = reports_folder(tmp_path / "in", 1)
    env = {"DVLINT_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")}
    assert run_cli("check", str(folder), env=env).returncode in (0, 1)
    assert len(entries(tmp_path / "xdg" / "dvlint")) == 1
    env["XDG_CACHE_HOME"] = ""
    assert run_cli("check", str(folder), env=env).returncode in (0, 1)
    assert len(entries(tmp_path / "home" / ".cache" / "dvlint")) == 1
    env["DVLINT_CACHE_DIR"] = str(tmp_path / "named")
    assert run_cli("check", str(folder), env=env).returncode in (0, 1)
    assert len(entries(tmp_path / "named")) == 1


def test_a_cache_folder_inside_a_checked_folder_is_not_used(tmp_path):
    folder = reports_folder(tmp_path / "in")
    before = tree(folder)
    proc = cached_cli(folder / "cache", "score", str(folder), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "is inside the checked folder" in proc.stderr
    assert tree(folder) == before


def test_cache_info_and_clear(tmp_path):
    folder = reports_folder(tmp_path / "in")
    cache = tmp_path / "cache"
    cached_cli(cache, "check", str(folder))
    mine = cache / "notes.txt"
    mine.write_text("not dvlint's", encoding="utf-8")
    info = cached_cli(cache, "cache", "info", "--lang", "en")
    assert info.returncode == 0
    assert f"folder: {cache}" in info.stdout and "results: 3 entries" in info.stdout and "of 200 MB" in info.stdout
    cleared = cached_cli(cache, "cache", "clear", "--lang", "en")
    assert cleared.returncode == 0 and "removed 3 entries" in cleared.stdout
    assert entries(cache) == [] and mine.is_file()
    assert "results: 0 entries" in cached_cli(cache, "cache", "info", "--lang", "en").stdout


def test_an_entry_is_written_again_after_its_folder_was_cleared_and_text_that_is_no_unicode_is_not_kept(tmp_path):
    """The store remembers the folders it made; a ``cache clear`` by another process between two writes
    removes them, and the next write makes its folder again. A lone surrogate (no UTF-8) is a write that
    fails, never an exception in the writer thread, and leaves no temporary file."""
    from dvlint.source.cachestore import Store

    store = Store(tmp_path / "cache")
    key = "ab" + "0" * 62
    assert store.write("results", key, {"n": 1}) and store.read("results", key) == {"n": 1}
    assert Store(tmp_path / "cache").clear() == 1 and not (tmp_path / "cache" / "results" / "ab").exists()
    assert store.write("results", key, {"n": 2}) and store.read("results", key) == {"n": 2}
    assert store.write("results", "cd" + "0" * 62, {"text": "\udc80"}) is False
    assert store.read("results", "cd" + "0" * 62) is None
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.startswith(".tmp-")]


def test_the_oldest_entries_go_when_the_cache_is_full(tmp_path):
    from dvlint.source.cachestore import Store

    store = Store(tmp_path / "cache", max_bytes=10_000)
    keys = [f"{i:064x}" for i in range(20)]
    for age, key in enumerate(keys):
        assert store.write("results", key, {"pad": "x" * 900})
        os.utime(store.entry_path("results", key), (1_000_000 + age, 1_000_000 + age))
    assert store.read("results", keys[0]) is not None  # used now: the newest
    store.prune()
    kept = {p.stem for p in entries(tmp_path / "cache")}
    assert sum(p.stat().st_size for p in entries(tmp_path / "cache")) <= 9_000
    assert keys[0] in kept and keys[-1] in kept and keys[1] not in kept


# --- the reading cache ---------------------------------------------------------------------------------


def _counting(tool: str, bin_dir: Path, counter: Path) -> None:
    """A ``tool`` on PATH that notes each call that is not a question of its version or languages, then runs the real one."""
    real = shutil.which(tool)
    assert real, f"{tool} is needed"
    bin_dir.mkdir(exist_ok=True)
    wrapper = bin_dir / tool
    wrapper.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        case "$1" in --version|--list-langs) ;; *) echo call >> "{counter}" ;; esac
        exec "{real}" "$@"
    """), encoding="utf-8")
    wrapper.chmod(0o755)


def _calls(counter: Path) -> int:
    return len(counter.read_text().splitlines()) if counter.exists() else 0


def test_a_scan_read_before_is_not_read_by_ocr_again(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    scan = tmp_path / "in" / "scan.pdf"
    scan.parent.mkdir()
    image = Image.new("L", (1240, 600), 255)
    ImageDraw.Draw(image).text((80, 80), "BÁO CÁO\nKết quả công tác dân vận", fill=0,
                               font=ImageFont.load_default(size=48))
    image.save(scan, resolution=150)
    counter = tmp_path / "calls"
    _counting("tesseract", tmp_path / "bin", counter)
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    cache = tmp_path / "cache"
    first = cached_cli(cache, "check", str(scan), "--format", "json", env=env)
    assert _calls(counter) == 1, first.stderr
    assert len(entries(cache, "reading")) == 1
    second = cached_cli(cache, "check", str(scan), "--format", "json", "--select", "DV1", env=env)  # another rule set
    third = cached_cli(cache, "check", str(scan), "--format", "json", env=env)
    assert _calls(counter) == 1
    assert third.stdout == first.stdout and second.returncode == first.returncode
    cached_cli(cache, "check", str(scan), "--format", "json", "--no-cache", env=env)
    assert _calls(counter) == 2  # without the cache, read again


def test_a_doc_converted_before_is_not_converted_again(tmp_path):
    import docx

    folder = tmp_path / "in"
    folder.mkdir()
    document = docx.Document()
    for line in (FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8").splitlines()[:40]:
        document.add_paragraph(line)
    document.save(tmp_path / "report.docx")
    subprocess.run([shutil.which("soffice") or shutil.which("libreoffice"), f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--headless", "--convert-to", "doc", "--outdir", str(folder), str(tmp_path / "report.docx")],
                   check=True, capture_output=True, timeout=300)
    counter = tmp_path / "calls"
    _counting("soffice", tmp_path / "bin", counter)
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    cache = tmp_path / "cache"
    first = cached_cli(cache, "check", str(folder / "report.doc"), "--format", "json", "--lang", "en", env=env)
    assert _calls(counter) == 1, first.stderr
    [entry] = entries(cache, "reading")
    body = json.loads(entry.read_text(encoding="utf-8"))["body"]
    assert body["tool"] == "libreoffice" and len(body["sha256"]) == 64
    second = cached_cli(cache, "check", str(folder / "report.doc"), "--format", "json", "--lang", "en",
                        "--select", "DV1", env=env)
    assert _calls(counter) == 1
    assert json.loads(second.stdout)["reports"][0]["unit"] == json.loads(first.stdout)["reports"][0]["unit"]
