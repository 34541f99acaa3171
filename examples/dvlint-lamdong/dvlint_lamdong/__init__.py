"""dvlint-lamdong: Lâm Đồng's own rules for dvlint (an example of a provincial plugin)."""

__version__ = "0.1.0"
