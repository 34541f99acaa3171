"""The rules under test, for dvlint's fixtures (dvlint_checker): this package's plugin."""

import datetime as dt

import pytest


@pytest.fixture
def dvlint_rules():
    import dvlint_lamdong.plugin

    return dvlint_lamdong.plugin


@pytest.fixture
def dvlint_today():
    return dt.date(2026, 1, 15)  # the day of the check, fixed: the findings never depend on the day the tests run
