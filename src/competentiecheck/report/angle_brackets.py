"""Escape the ``<`` of comparisons (``< 5``, ``p < 0,05``) in the staged Markdown.

Pandoc's Markdown reader tries to read raw HTML at every ``<``; a ``<`` that cannot start a tag still costs
it a scan of much of the rest of the document, again each time a table around it is re-parsed. The 50-odd
'< 5' cells of a report made its reader quadratic: 4,8 s for a 190 KB perceel report, 0,5 s with them
escaped (measured with pandoc 3.9; the HTML written is byte-identical, a ``\\<`` reads as ``<``).

Only a ``<`` followed by a space, a digit or ``=`` is escaped (none of them starts a tag, a comment or an
autolink), and never inside code or comments: fenced blocks (also raw ``{=typst}`` blocks), code spans,
indented lines, HTML comments, shortcodes (``{{< ... >}}``) or a ``<`` already escaped. Applying it twice
changes nothing.
"""

from __future__ import annotations

import re

__all__ = ["escape_comparisons"]

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
# what is read verbatim within a line: a code span, or an HTML comment
VERBATIM = re.compile(r"(?P<ticks>`+)(?:.*?[^`])??(?P=ticks)(?!`)|<!--.*?-->")
COMPARISON = re.compile(r"(?<![\\{])<(?=[ \t\d=])")


def _escape_prose(text: str) -> str:
    """Escape the comparisons of one line outside its code spans and comments."""
    pieces, position = [], 0
    for span in VERBATIM.finditer(text):
        pieces.append(COMPARISON.sub(r"\\<", text[position : span.start()]))
        pieces.append(span.group(0))
        position = span.end()
    pieces.append(COMPARISON.sub(r"\\<", text[position:]))
    return "".join(pieces)


def escape_comparisons(markdown: str) -> str:
    """The Markdown with every comparison ``<`` outside code written as ``\\<``."""
    lines = markdown.split("\n")
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(lines):
        if in_comment:  # the rest of a comment that spans lines
            end = line.find("-->")
            if end == -1:
                continue
            in_comment = False
            lines[number] = line[: end + 3] + _escape_prose(line[end + 3 :])
            continue
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group("fence")[0] == fence[0] and len(opening.group("fence")) >= len(fence):
                if not line.strip().lstrip(fence[0]):
                    fence = None
            continue
        if opening:
            fence = opening.group("fence")
            continue
        if "<" not in line or line.startswith(("    ", "\t")):
            continue
        lines[number] = _escape_prose(line)
        start = line.rfind("<!--")
        in_comment = start != -1 and "-->" not in line[start:]
    return "\n".join(lines)
