"""Two-language messages.

Every message dvlint shows exists in Vietnamese (the default: the users read
Vietnamese) and in English. The two texts are written side by side at the place
that emits the message, so that neither can be forgotten or drift away from the
other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@dataclass(frozen=True, slots=True)
class Msg:
    """A message in Vietnamese and English, with ``str.format`` placeholders."""

    vi: str
    en: str

    def format(self, **values: object) -> "Msg":
        return Msg(self.vi.format(**values), self.en.format(**values))

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def as_dict(self) -> dict[str, str]:
        return {"vi": self.vi, "en": self.en}

    def __reduce__(self):
        # Pickled by its fields: the generic state of a slotted dataclass looks its fields up on every load,
        # which made reading a commission's results back (dvlint score) several times slower.
        return (Msg, (self.vi, self.en))


def language_from_env(default: str | None = DEFAULT_LANGUAGE) -> str | None:
    """The language asked for by ``DVLINT_LANG``, if it names one we have."""
    value = os.environ.get("DVLINT_LANG", "").strip().lower()
    return value if value in LANGUAGES else default


SEVERITY_LABELS = {
    "error": Msg("lỗi", "error"),
    "warning": Msg("cảnh báo", "warning"),
    "info": Msg("thông tin", "info"),
}
