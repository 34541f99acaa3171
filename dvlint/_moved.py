"""Import paths named by the documentation before dvlint was split into packages.

Plugins and scripts were written against ``dvlint.collect``, ``dvlint.config``,
``dvlint.loaders`` ... (docs/writing-rules.md, the hook specifications). Those
paths stay importable: ``import dvlint.collect`` gives the very module
``dvlint.engine.collect`` (not a copy), and nothing is imported until a moved
path is asked for. New code imports from the new homes.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

MOVED = {
    "dvlint.builtin": "dvlint.plugins.builtin",
    "dvlint.collect": "dvlint.engine.collect",
    "dvlint.config": "dvlint.engine.config",
    "dvlint.errors": "dvlint.source.errors",
    "dvlint.extract": "dvlint.model.extract",
    "dvlint.hooks": "dvlint.engine.hooks",
    "dvlint.hookspecs": "dvlint.engine.hookspecs",
    "dvlint.loaders": "dvlint.read.loaders",
    "dvlint.runner": "dvlint.app.runner",
}


class _MovedModules:
    """Answers an old path with the module at its new home.

    A meta path finder and loader by its methods alone: subclassing importlib.abc's classes would import
    importlib.resources (and tempfile, shutil, bz2 ...) at every start-up, about 10 ms.
    """

    def find_spec(self, name, path=None, target=None):
        if name in MOVED:
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        module = importlib.import_module(MOVED[spec.name])
        spec.loader_state = module.__spec__  # the import system sets __spec__ to the old path's: put it back
        return module

    def exec_module(self, module):
        module.__spec__ = module.__spec__.loader_state


def install() -> None:
    if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModules())
