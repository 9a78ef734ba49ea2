"""An organisation's report or letter as one self-contained HTML page (inline CSS and SVG, no script)."""

from __future__ import annotations

from html import escape

from competentiecheck.feedback.figure import svg

__all__ = ["html_page", "index_page"]

CSS = """
body{font-family:'Libertinus Serif',Georgia,serif;color:#1c2833;background:#fff;margin:0;line-height:1.5;font-size:17px}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.45rem;margin:2rem 0 .5rem;color:#1b4f72;border-bottom:1px solid #d5dbdb;padding-bottom:.2rem}
h2{font-size:1.15rem;margin:1.4rem 0 .4rem;color:#1b4f72}
.titel{font-size:1.9rem;line-height:1.2;margin:.5rem 0 .3rem;color:#1b4f72;border:0}
.ondertitel{color:#4d5656;margin:0 0 1rem}
.melding{border-left:4px solid #b9770e;background:#fef5e7;padding:.5rem .8rem;margin:1rem 0}
figure{margin:.6rem 0 1rem}
figure svg{width:100%;height:auto;display:block}
.pdf{font-size:.9rem;text-align:right;margin:0}
@media print{.pdf{display:none}}
"""


def _block(block: dict) -> str:
    kind = block["t"]
    if kind == "title":
        return f'<h1 class="titel">{escape(block["text"])}</h1>'
    if kind == "subtitle":
        return f'<p class="ondertitel">{escape(block["text"])}</p>'
    if kind in ("h1", "h2"):
        return f"<{kind}>{escape(block['text'])}</{kind}>"
    if kind == "p":
        return f"<p>{escape(block['text'])}</p>"
    if kind == "note":
        return f'<p class="melding">{escape(block["text"])}</p>'
    if kind == "list":
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block["items"]) + "</ul>"
    if kind == "figure":
        return f"<figure>{svg(block['figure'])}</figure>"
    if kind == "pagebreak":
        return ""
    raise ValueError(f"onbekend blok {kind!r}")


def html_page(title: str, blocks: list[dict], pdf_name: str) -> str:
    body = "\n".join(_block(b) for b in blocks)
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<p class="pdf"><a href="{escape(pdf_name)}">PDF om af te drukken</a></p>\n{body}\n</main>\n</body>\n</html>\n'
    )


def index_page(rows: list[dict], summary: list[str]) -> str:
    """The evaluation team's overview: every organisation of the register with what it received."""
    lines = "".join(
        f"<tr><td>{escape(r['code'])}</td><td>{escape(r['organisatie'])}</td><td>{r['perceel']}</td>"
        f"<td>{escape(r['soort'])}</td><td>{escape(r['invullers'])}</td>"
        f'<td><a href="{escape(r["html"])}">HTML</a> · <a href="{escape(r["pdf"])}">PDF</a></td></tr>'
        for r in rows
    )
    items = "".join(f"<li>{escape(s)}</li>" for s in summary)
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n'
        f"<title>Feedbackrapporten per organisatie (alleen voor het evaluatieteam)</title>\n<style>{CSS}"
        "table{border-collapse:collapse;width:100%;font-size:.95rem}td,th{border-bottom:1px solid #d5dbdb;"
        "padding:.25rem .4rem;text-align:left}</style>\n</head>\n<body>\n<main>\n"
        '<h1 class="titel">Feedbackrapporten per organisatie</h1>\n'
        '<p class="melding">Alleen voor het evaluatieteam: elk rapport en elke brief is alleen voor de organisatie '
        "zelf bestemd. Niet publiceren en niet doorsturen naar een andere organisatie.</p>\n"
        f"<ul>{items}</ul>\n<table>\n<thead><tr><th>Code</th><th>Organisatie</th><th>Perceel</th><th>Krijgt</th>"
        f"<th>Invullers</th><th>Bestanden</th></tr></thead>\n<tbody>{lines}</tbody>\n</table>\n</main>\n</body>\n</html>\n"
    )
