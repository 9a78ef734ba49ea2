"""Inline values for the report (``values.yml``), read by ``{{< meta key >}}`` shortcodes."""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["write_values"]


def write_values(values: dict, path: Path) -> None:
    """Sorted keys, plain scalars only, so the file is stable and easy to review."""
    for key, value in values.items():
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            raise TypeError(f"waarde voor {key!r} moet een enkelvoudige waarde zijn, niet {type(value).__name__}")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(
        yaml.safe_dump(dict(sorted(values.items())), allow_unicode=True, sort_keys=True), encoding="utf-8"
    )
