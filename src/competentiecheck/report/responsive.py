"""The report's HTML on a narrow screen: the contents behind a button, each wide table in its own scroll box.

Both renderers write the contents as ``<nav id="TOC">`` with an ``<h2 id="toc-title">`` and a list. On
a phone that list fills the first screens (pandoc) or is hidden altogether (Quarto hides its sidebar
below 768 px). :func:`collapsible_contents` puts the whole nav in a ``<details>`` whose ``<summary>`` is
the contents' title: a button that works without JavaScript. Where the contents are a sidebar (wide
screens; the stylesheets set ``--inhoud-open: 1`` on the nav there), the summary is hidden, CSS shows
the nav of a closed ``<details>`` (``::details-content``) and a line of script opens it for browsers
without that selector; the nav itself is left as the renderer wrote it, so its own styles still apply.

Pandoc writes a table's caption inside the table; :func:`scrollable_tables` lifts it into a
``<figure>``/``<figcaption>`` around a ``<div class="tabel-scroll">`` with the table (the structure Quarto
writes), so a wide table scrolls sideways in its box while its caption stays readable on the screen.
"""

from __future__ import annotations

import re

from competentiecheck.report.errors import RenderError

__all__ = ["collapsible_contents", "scrollable_tables", "phone_friendly", "OPEN_SCRIPT"]

NAV = re.compile(r'<nav id="TOC"[^>]*>\s*<h2 id="toc-title"[^>]*>(?P<title>.*?)</h2>.*?</nav>', re.S)
TAG = re.compile(r"<[^>]+>")
TABLE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
CAPTION = re.compile(r"^\s*<caption[^>]*>(?P<caption>.*?)</caption>", re.S)
ID = re.compile(r'\s+id="(?P<id>[^"]*)"')

# opens the contents where the stylesheet makes them a sidebar, for browsers without ::details-content
OPEN_SCRIPT = (
    "<script>(function(){var n=document.getElementById('TOC'),d=n&&n.closest('details.inhoud');"
    "function f(){if(d&&getComputedStyle(n).getPropertyValue('--inhoud-open').trim()==='1')d.open=true;}"
    "f();window.addEventListener('resize',f);})();</script>"
)


def collapsible_contents(page: str) -> str:
    """The contents (``nav#TOC``, unchanged inside) in a closed ``<details>`` whose ``<summary>`` is the
    contents' title: the button on narrow screens, hidden where the contents are a sidebar."""
    match = NAV.search(page)
    if match is None:
        raise RenderError("geen inhoudstafel (nav#TOC met h2#toc-title) in de HTML gevonden")
    title = TAG.sub("", match["title"]).strip()
    wrapped = f'<details class="inhoud">\n<summary>{title}</summary>\n{match.group(0)}\n</details>{OPEN_SCRIPT}'
    return page[: match.start()] + wrapped + page[match.end() :]


def scrollable_tables(page: str) -> str:
    """Every table in a ``div.tabel-scroll``; a caption inside the table moves to a ``figcaption`` of a
    ``figure`` that also takes the table's id (the target of the cross-references)."""

    def wrap(match: re.Match) -> str:
        attrs, body = match["attrs"], match["body"]
        caption = CAPTION.match(body)
        if caption is None:
            return f'<div class="tabel-scroll">{match.group(0)}</div>'
        ident = ID.search(attrs)
        figure_id = f' id="{ident["id"]}"' if ident else ""
        attrs = ID.sub("", attrs, count=1)
        return (
            f'<figure class="tabel"{figure_id}>\n<figcaption>{caption["caption"].strip()}</figcaption>\n'
            f'<div class="tabel-scroll">\n<table{attrs}>{body[caption.end() :]}</table>\n</div>\n</figure>'
        )

    return TABLE.sub(wrap, page)


def phone_friendly(page: str) -> str:
    """Pandoc's standalone HTML made readable on a phone (both transformations above)."""
    return scrollable_tables(collapsible_contents(page))
