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
        """Both texts with the values put in; a value that is itself a Msg gives each language its own text
        (a counted noun: "1 lỗi" / "1 error")."""
        vi = {k: v.vi if isinstance(v, Msg) else v for k, v in values.items()}
        en = {k: v.en if isinstance(v, Msg) else v for k, v in values.items()}
        return Msg(self.vi.format(**vi), self.en.format(**en))

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def as_dict(self) -> dict[str, str]:
        return {"vi": self.vi, "en": self.en}

    def __reduce__(self):
        # Pickled by its fields: the generic state of a slotted dataclass looks its fields up on every load,
        # which made reading a commission's results back (dvlint score) several times slower.
        return (Msg, (self.vi, self.en))


def counted(n: int, vi: str, en: str, en_plural: str | None = None) -> Msg:
    """``n`` of a noun: Vietnamese has no plural ("1 báo cáo", "2 báo cáo"); English does ("1 report",
    "2 reports"), its plural being ``en`` + "s" unless given."""
    return Msg(f"{n} {vi}", f"{n} {en if n == 1 else en_plural or en + 's'}")


def language_from_env(default: str | None = DEFAULT_LANGUAGE) -> str | None:
    """The language asked for by ``DVLINT_LANG``, if it names one we have."""
    value = os.environ.get("DVLINT_LANG", "").strip().lower()
    return value if value in LANGUAGES else default


SEVERITY_LABELS = {
    "error": Msg("lỗi", "error"),
    "warning": Msg("cảnh báo", "warning"),
    "info": Msg("thông tin", "info"),
}
