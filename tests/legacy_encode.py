"""Writing text in the legacy Vietnamese encodings: moved to dvlint.testing.legacy (case files name an
``encoding``, so plugin authors have it too); this name stays for the tests that import it."""

from dvlint.testing.legacy import ENCODERS, _nfc, to_tcvn3, to_vni, to_windows_1258  # noqa: F401
