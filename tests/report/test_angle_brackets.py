"""The comparison '<' is escaped for Pandoc's reader, and only where Pandoc reads the Markdown as prose."""

from __future__ import annotations

import subprocess

import pytest

from competentiecheck.report.angle_brackets import escape_comparisons
from competentiecheck.report.offline import pandoc_path

SAMPLE = """\
Een cel met minder dan vijf personen toont < 5, een p-waarde p < 0,05 en n <= 3.

| perceel | n |
|---|---|
| 1 | < 5 |
| 2 | 12 |

Code blijft code: `p < 0,05` en ``a `b` < 5``, ook in een blok:

```
x < 5
```

~~~~{=typst}
#if n < 5 [verborgen]
~~~~

    ingesprongen < 5

Een shortcode {{< meta n_totaal >}}, een tag <span>, een autolink <https://example.org>,
een commentaar <!-- < 5 --> en een al ontsnapte \\< 5.

<!-- een commentaar
over < 5 regels --> en daarna < 5.
"""


def test_escapes_only_prose_comparisons():
    escaped = escape_comparisons(SAMPLE)
    lines = escaped.split("\n")
    assert lines[0] == r"Een cel met minder dan vijf personen toont \< 5, een p-waarde p \< 0,05 en n \<= 3."
    assert lines[4] == r"| 1 | \< 5 |"
    assert lines[7] == "Code blijft code: `p < 0,05` en ``a `b` < 5``, ook in een blok:"
    assert "x < 5" in lines and "#if n < 5 [verborgen]" in lines and "    ingesprongen < 5" in lines
    assert "{{< meta n_totaal >}}" in escaped and "<span>" in escaped and "<https://example.org>" in escaped
    assert escaped.count(r"\\<") == 0  # the escaped one is not escaped again
    assert lines[-2] == r"over < 5 regels --> en daarna \< 5."
    assert escape_comparisons(escaped) == escaped


@pytest.mark.parametrize("writer", ["html5", "typst"])
def test_pandoc_reads_the_same_document(writer):
    """Pandoc writes the same output from the escaped text (the shortcode left out: it is Quarto's)."""
    source = SAMPLE.replace("{{< meta n_totaal >}}", "12")

    def convert(text: str) -> str:
        done = subprocess.run(
            [pandoc_path(), "--from", "markdown", "--to", writer],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    assert escape_comparisons(source) != source
    assert convert(escape_comparisons(source)) == convert(source)
