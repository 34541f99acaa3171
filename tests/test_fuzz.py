"""Property-based tests: no input raises out of dvlint, every failure is a finding or a located load error.

Hypothesis drives the model loader with arbitrary bytes and with YAML-shaped
text, the importers with arbitrary text and damaged .docx bytes, and the whole
check pipeline with real reports broken by random edits (tests/fuzzing.py).
The date and citation extractors have theirs in test_extract.py. For the long
run (100,000 inputs and more) see bench/fuzz.py.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzzing
from dvlint.source import files, yamlload
from dvlint.source.errors import LoadError
from dvlint.read.loaders import validate_report
from dvlint.app.runner import Checker

SEEDS = fuzzing.seed_inputs()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_text = st.lists(st.one_of(
    st.sampled_from([t.decode("utf-8", "replace") for t in fuzzing.TOKENS]),
    st.text(max_size=12),
    st.sampled_from(["document", "kind", "sections", "heading", "paragraphs", "signature", "recipients",
                     "indicators", "number", "date", "title", "label", "children", "lines", "value"]),
), max_size=60).map("".join)


@FUZZ
@given(st.binary(max_size=2000))
def test_the_model_loader_on_arbitrary_bytes(data):
    _load(data)


@FUZZ
@given(yaml_text)
def test_the_model_loader_on_yaml_shaped_text(text):
    _load(text.encode("utf-8", "surrogatepass"))


def _load(data: bytes) -> None:
    """Decode, parse and validate as the YAML loader does: a report, or a LoadError with a location."""
    try:
        text = files.decode_text(data)
        raw, positions = yamlload.load(text)
        validate_report(raw, positions)
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1 and error.message.vi and error.message.en


@pytest.fixture(scope="module")
def checker():
    return Checker({"lang": "en"})


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_the_check_pipeline_on_mutated_reports(checker, tmp_path_factory, seed):
    rng = random.Random(seed)
    suffix, data = rng.choice(SEEDS)
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(fuzzing.mutate(data, rng))
    fuzzing.check_input(checker, path)


@FUZZ
@given(st.text(max_size=3000))
def test_the_text_importer_on_arbitrary_text(checker, tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "input.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    fuzzing.check_input(checker, path)


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_the_docx_importer_on_damaged_files(checker, tmp_path_factory, seed):
    rng = random.Random(seed)
    docx = next(data for suffix, data in SEEDS if suffix == ".docx")
    path = tmp_path_factory.mktemp("fuzz") / "input.docx"
    path.write_bytes(fuzzing.mutate(docx, rng, rounds=rng.randint(1, 3)))
    fuzzing.check_input(checker, path)


def test_the_fuzzer_can_tell_a_crash(tmp_path):
    """A crash must be caught as one: a rule that raises on an input is a Crash, not a pass."""
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "crashing.py").write_text(
        "from dvlint import rule\n\n"
        "@rule('DV999', 'always-crashes', severity='error', weight=1, vi='x', en='x')\n"
        "def always_crashes(report):\n    raise ZeroDivisionError('boom')\n", encoding="utf-8")
    path = tmp_path / "report.yaml"
    path.write_bytes(SEEDS[0][1])
    with pytest.raises(fuzzing.Crash, match="DV999"):
        fuzzing.check_input(Checker({"rule_dirs": (rules_dir,)}), path)
