"""Where the data files shipped with the application live (the `templates/` folder)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The `templates/` folder: the source checkout's, or the copy packed into the wheel."""
    checkout = _PACKAGE_DIR.parent / "templates"
    if checkout.is_dir():
        return checkout
    packed = _PACKAGE_DIR / "_templates"
    if packed.is_dir():
        return packed
    raise FileNotFoundError("folder templates/ tidak ditemukan (instalasi tidak lengkap)")
