"""dvlint's pytest plugin: fixtures for testing rules, as pytest's ``pytester`` is for testing plugins.

It is registered through the ``pytest11`` entry point, so pytest loads it by
itself wherever dvlint is installed. Under ``PYTEST_DISABLE_PLUGIN_AUTOLOAD=1``,
ask for it: ``pytest -p dvlint.testing.plugin``, or in a conftest.py
``pytest_plugins = ["dvlint.testing.plugin"]``.

``dvlint_rules``
    The rules under test: override it in your conftest.py to return your
    plugin module, rules module, entry point name or rules folder (see
    :class:`dvlint.testing.RuleChecker`). By default None: dvlint's built-in rules alone.

``dvlint_checker``
    A :class:`dvlint.testing.RuleChecker` for ``dvlint_rules`` writing its
    report files in the test's ``tmp_path``::

        def test_the_recipient_is_asked_for(dvlint_checker):
            findings = dvlint_checker.check(REPORT, select="DV951")
            assert [f.code for f in findings] == ["DV951"]

        @pytest.mark.parametrize("case", load_cases(CASES), ids=str)
        def test_case(dvlint_checker, case):
            dvlint_checker.assert_case(case)
"""

from __future__ import annotations

import pytest


@pytest.fixture
def dvlint_rules():
    """The rules ``dvlint_checker`` checks with; override it to name your plugin (default: the built-in rules)."""
    return None


@pytest.fixture
def dvlint_today():
    """The day of the check for ``dvlint_checker`` (a ``datetime.date``); override it to fix one. Default: today."""
    return None


@pytest.fixture
def dvlint_checker(dvlint_rules, dvlint_today, tmp_path):
    """A RuleChecker for ``dvlint_rules``: ``.check(text, **settings)`` gives the findings, ``.result(...)`` the
    whole result, ``.assert_case(case)`` and ``.assert_cases(path)`` run rule cases."""
    from dvlint.testing import RuleChecker

    return RuleChecker(dvlint_rules, today=dvlint_today, folder=tmp_path)
