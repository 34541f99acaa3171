"""Rules, fixtures, hooks and the plugin manager, configuration, scoring.

The engine never imports a plugin: dvlint's own plugins register on it
through the same hooks as any third-party pack (see dvlint.app).
"""

# ``from dvlint.engine import Engine`` (the path the hook specifications name) reads dvlint.engine.core,
# imported when first asked for: a rule module importing dvlint.engine.rule does not pay for the engine.
_CORE_NAMES = frozenset({"CheckContext", "Engine", "Finding", "INTERNAL_ERROR_CODE", "ReportResult", "RunResult",
                         "SKIP", "as_of_for", "gate_failed", "report_identity"})


def __getattr__(name):
    if name in _CORE_NAMES:
        from dvlint.engine import core

        return getattr(core, name)
    raise AttributeError(f"module 'dvlint.engine' has no attribute {name!r}")
