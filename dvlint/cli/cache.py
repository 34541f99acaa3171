"""dvlint cache: what the cache folder holds (``info``), and emptying it (``clear``)."""

from __future__ import annotations

from pathlib import Path

from dvlint.cli.common import EXIT_OK, cache_root
from dvlint.i18n import Msg


def add_parser(sub, common, h) -> None:
    cache = sub.add_parser("cache", parents=[common], help=h("bộ đệm kết quả và bộ đệm đọc", "the result and reading cache"))
    cache.add_argument("action", choices=("info", "clear"), help=h(
        "info: thư mục, số mục, dung lượng; clear: xóa mọi mục", "info: the folder, its entries and size; clear: remove every entry"))
    cache.add_argument("--cache-dir", type=Path, metavar="DIR", help=h(
        "thư mục bộ đệm (mặc định: $DVLINT_CACHE_DIR, $XDG_CACHE_HOME/dvlint hoặc ~/.cache/dvlint)",
        "the cache folder (default: $DVLINT_CACHE_DIR, $XDG_CACHE_HOME/dvlint or ~/.cache/dvlint)"))
    cache.set_defaults(run=run)


def run(args) -> int:
    from dvlint.cli.common import engine_for_listing
    from dvlint.i18n import language_from_env
    from dvlint.source.cachestore import Store

    lang = args.lang or language_from_env()
    root = cache_root(args)
    store = Store(root)
    if args.action == "clear":
        removed = store.clear()
        print(Msg(f"đã xóa {removed} mục khỏi bộ đệm {root}", f"removed {removed} entries from the cache {root}").text(lang))
        return EXIT_OK
    limit = engine_for_listing(args).settings.cache_size
    usage = store.usage()
    names = {"results": Msg("kết quả", "results"), "reading": Msg("đọc (OCR, .doc)", "reading (OCR, .doc)")}
    print(Msg(f"thư mục: {root}", f"folder: {root}").text(lang))
    for kind, used in usage.items():
        print(Msg(f"{names[kind].vi}: {used.entries} mục, {_size(used.size)}",
                  f"{names[kind].en}: {used.entries} entries, {_size(used.size)}").text(lang))
    total = sum(u.size for u in usage.values())
    print(Msg(f"tổng: {_size(total)} / {limit} MB", f"total: {_size(total)} of {limit} MB").text(lang))
    return EXIT_OK


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.1f} KB"
