"""An organisation's report or letter as PDF: one Typst compile of ``feedback.typ`` with the blocks as JSON.

One compiler per process is reused for every organisation (the fonts are loaded once); a compile takes a few
milliseconds. ``date: none`` keeps the bytes the same for the same content.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["PdfWriter", "TEMPLATE"]

TEMPLATE = Path(__file__).with_name("feedback.typ")


class PdfWriter:
    def __init__(self):
        import typst

        self._compiler = typst.Compiler(str(TEMPLATE))

    def pdf(self, title: str, blocks: list[dict], footer: str) -> bytes:
        data = json.dumps({"title": title, "blocks": blocks, "footer": footer}, ensure_ascii=False, sort_keys=True)
        return self._compiler.compile(sys_inputs={"data": data})
