"""The report uses its own numbering; every number of the evaluation report says whose it is.

Rule: a table, figure, appendix, chapter or section of the evaluation report is named with its source
('Tabel 8 van het eindverslag', or in a source note 'eindverslag, Tabel 8'); the report's own tables and
figures are cross-references (@tbl-, @fig-), its own appendices are lettered ('Bijlage A' …, in the order of
report/index.qmd) and linked as ``[Bijlage A](#sec-…)`` (Quarto cannot number a reference to an unnumbered
heading, so ``@sec-`` to an appendix is not used). In a pipe table, a column whose header names the
'eindverslag' marks its cells as the evaluation report's.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml

from competentiecheck.core.paths import BUILD, DATA, PARAMS, REPORT
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.report_statistics import reproduction_fragment, reproduction_tables
from competentiecheck.survey.statistics import run_statistics

SRC = Path(__file__).resolve().parents[2] / "src" / "competentiecheck"

NUMBER = r"\d+(?:\.\d+)*"
KIND = r"(?:Tabel|Tabellen|Figuur|Figuren|Bijlage|Bijlagen|[Hh]oofdstuk|[Hh]oofdstukken)"
REFERENCE = rf"(?:{KIND} {NUMBER}|§ ?{NUMBER})(?: ?[-–] ?{NUMBER})?"
ASIDE = r"(?: \([^()]*\))?"
JOIN = r"(?:,| en| of| tot en met)"
CHAIN = rf"{REFERENCE}{ASIDE}(?:{JOIN} (?:{REFERENCE}|{NUMBER}(?: ?[-–] ?{NUMBER})?){ASIDE})*"
# the evaluation report (or its bestek, Bijlage 1 of the report; "final report" in the English summary) named
# before or after the numbers
DOCUMENT = r"(?:[Ee]indverslag|[Bb]estek|[Ff]inal report)(?: [^;.()]*?\(\d{4}\))?[,:]?"
MARKED = re.compile(rf"{DOCUMENT} {CHAIN}|{CHAIN} van het eindverslag(?:,? {CHAIN})?")
BARE = re.compile(REFERENCE)
MARK = "⟨eindverslag⟩"
LABEL_ONLY = re.compile(REFERENCE)

APPENDIX_HEADING = re.compile(r"^# (?P<title>Bijlage\b[^{\n]*?)\s*\{(?P<attrs>[^}]*)\}\s*$", re.MULTILINE)
APPENDIX_LINK = re.compile(r"\[Bijlage (?P<letter>[^\]]*)\]\(#(?P<id>sec-[\w-]+)\)")


def _mark_source_columns(text: str) -> str:
    """Cells of pipe-table columns whose header names the 'eindverslag' are the evaluation report's."""
    out, marked = [], None
    for line in text.splitlines():
        if not line.startswith("|"):
            out.append(line)
            marked = None
            continue
        cells = re.split(r"(?<!\\)\|", line)
        if marked is None:  # header row
            marked = {i for i, c in enumerate(cells) if "eindverslag" in c.lower()}
        else:
            cells = [MARK if i in marked and c.strip() else c for i, c in enumerate(cells)]
        out.append("|".join(cells))
    return "\n".join(out)


def unmarked_source_numbers(text: str) -> list[str]:
    """Numbered references that do not say they are the evaluation report's."""
    return [m.group(0) for m in BARE.finditer(MARKED.sub(MARK, _mark_source_columns(text)))]


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (f-strings with '{}' for their fields), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found, inside = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside.update(id(v) for v in node.values)
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            found.append((node.lineno, text))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and id(node) not in inside:
                found.append((node.lineno, node.value))
    return found


def _builders() -> list[Path]:
    """The modules whose strings become report text: fragments, claims, figures and the synthesis."""
    names = ("report*.py", "claims.py", "reproduction.py", "fragments.py", "figures.py", "drawing.py")
    paths = {p for pattern in names for p in SRC.rglob(pattern)}
    paths |= set((SRC / "synthesis").glob("*.py")) | {SRC / "report" / "provenance.py"}
    return sorted(p for p in paths if p.exists())


def _appendices() -> list[tuple[str, str, str]]:
    """(file, title, section id) of every appendix heading, in the order of report/index.qmd."""
    index = (REPORT / "index.qmd").read_text(encoding="utf-8")
    found = []
    for name in re.findall(r"\{\{< include (\S+) >\}\}", index):
        for m in APPENDIX_HEADING.finditer((REPORT / name).read_text(encoding="utf-8")):
            label = re.search(r"#(sec-[\w-]+)", m.group("attrs"))
            found.append((name, m.group("title"), label.group(1) if label else ""))
    return found


def _letters() -> dict[str, str]:
    """Section id -> appendix letter."""
    return {
        ident: m.group(1) for _, title, ident in _appendices() if (m := re.match(r"Bijlage ([A-Z]):", title)) and ident
    }


def _built_fragments() -> list[Path]:
    return sorted(BUILD.glob("*/fragments/*.md"))


# --------------------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(
    "text",
    [
        "gecodeerd met het schema van Bijlage 8.",
        "Respons per perceel (Tabel 8 herberekend)",
        "De methode (§6.3) beschrijft drie stappen",
        "Tabel 4, model 1, ondersteuning voor leren",
        "zie Tabel 2 en Bijlage 3 van het eindverslag en Tabel 5",
    ],
)
def test_the_rule_finds_a_bare_number(text):
    assert unmarked_source_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "gecodeerd met het schema van Bijlage 8 van het eindverslag ([Bijlage E](#sec-codeboek-partnerschappen)).",
        "Bron: eindverslag, Tabel 7 en Bijlage 9; casustabel casussen.csv.",
        "Bron: eindverslag §6.4, Tabel 3. Tolerantie.",
        "Bron: bestek van de werking (eindverslag, Bijlage 1, §1.3.2-1.3.3); parameters",
        "Tabel 1 (§5.2) en Tabel 9 (§9.3) van het eindverslag",
        "Tabel 4-6 van het eindverslag tonen twee modellen",
        "de teksten van Tabel 1 en Tabel 9 van het eindverslag, §5.2 en §9.3",
        "Eindverslag Competentiechecks voor ondernemingen (2025), §9.3 en Figuur 6, §6.3",
        "| Eindverslag | In dit rapport |\n| :-- | :-- |\n| Tabel 4 | @tbl-repro-tabel4 |",
        "@tbl-betrouwbaarheid toont de interne consistentie; zie [Bijlage F](#sec-items).",
    ],
)
def test_the_rule_accepts_a_marked_number(text):
    assert not unmarked_source_numbers(text)


def test_a_table_column_marks_only_its_own_cells():
    table = "| Eindverslag | Hoe |\n| :-- | :-- |\n| Tabel 4 | zoals Tabel 5 |"
    assert unmarked_source_numbers(table) == ["Tabel 5"]


# --------------------------------------------------------------------------- the sources


def test_no_bare_source_number_in_the_report_sources():
    offenders = [
        f"{path.name}:{i}: {hit}"
        for path in sorted(REPORT.glob("*.qmd"))
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hit in unmarked_source_numbers(line)
    ]
    assert not offenders, "nummers zonder 'van het eindverslag': " + "; ".join(offenders)


def test_no_bare_source_number_in_the_fragment_builders():
    builders = _builders()
    assert SRC / "survey" / "report_statistics.py" in builders
    # a literal that is only a label ('Tabel 2') is a key of the published tables or a cell of a column whose
    # header says whose it is; sentences and captions are checked
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {hit}"
        for path in builders
        for line, text in _strings(path)
        if not LABEL_ONLY.fullmatch(text)
        for hit in unmarked_source_numbers(text)
    ]
    assert not offenders, "nummers zonder 'van het eindverslag': " + "; ".join(offenders)


def test_no_bare_source_number_in_the_decisions_and_labels_the_report_shows():
    """The decisions of the codebooks the appendices print (questionnaire, SWOT and partnership schemes) and
    the model labels of the params (table captions of the regressions)."""
    texts = []
    for path in (DATA / "codebook" / name for name in ("vragenlijst.yml", "swot.yml", "partnerschappen.yml")):
        for decision in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("decisions", []):
            texts += [(path.name, decision.get(key, "")) for key in ("topic", "decision", "reason")]
    statistics = yaml.safe_load((PARAMS / "default.yml").read_text(encoding="utf-8"))["statistics"]
    texts += [("default.yml", c.get("label", "")) for c in statistics["configurations"].values()]
    offenders = [f"{name}: {hit}" for name, text in texts for hit in unmarked_source_numbers(str(text))]
    assert not offenders, "nummers zonder 'van het eindverslag': " + "; ".join(offenders)


def test_no_bare_source_number_in_the_reproduction_appendix(cleaned, codebook, params):
    """Generated text (captions and sentences built from the published tables) follows the rule too."""
    stats = run_statistics(cleaned.data, codebook, params, Disclosure.from_params(params))
    tables = reproduction_tables(stats, codebook)
    for demo in (True, False):
        text = reproduction_fragment(tables, codebook, {"alpha": 0.05, "mean": 0.05, "rho": 0.10}, demo=demo)
        assert "Tabel 6 van het eindverslag" in text
        assert not unmarked_source_numbers(text), unmarked_source_numbers(text)


def test_no_bare_source_number_in_the_built_fragments():
    fragments = _built_fragments()
    if not fragments:
        pytest.skip("nog geen build/*/fragments: voer eerst de notebooks uit")
    offenders = [
        f"{path.relative_to(BUILD)}:{i}: {hit}"
        for path in fragments
        for i, line in enumerate(_mark_source_columns(path.read_text(encoding="utf-8")).splitlines(), 1)
        for hit in unmarked_source_numbers(line)
    ]
    assert not offenders, "nummers zonder 'van het eindverslag': " + "; ".join(offenders)


# --------------------------------------------------------------------------- the appendices of this report


def _lettering_problems(appendices: list[tuple[str, str, str]]) -> list[str]:
    problems = []
    for (name, title, ident), letter in zip(appendices, string.ascii_uppercase):
        if not title.startswith(f"Bijlage {letter}: "):
            problems.append(f"{name}: '{title}' moet 'Bijlage {letter}: …' heten")
        if not ident:
            problems.append(f"{name}: de bijlage heeft geen #sec-label")
    return problems


def test_every_appendix_is_lettered_in_the_order_of_the_report():
    appendices = _appendices()
    assert len(appendices) >= 5
    assert not _lettering_problems(appendices), "; ".join(_lettering_problems(appendices))


def test_an_appendix_moved_in_the_index_is_found():
    appendices = _appendices()
    swapped = [appendices[1], appendices[0], *appendices[2:]]
    assert len(_lettering_problems(swapped)) == len(_lettering_problems(appendices)) + 2


def test_appendix_headings_are_unnumbered():
    for name, _, _ in _appendices():
        heading = APPENDIX_HEADING.search((REPORT / name).read_text(encoding="utf-8"))
        assert ".unnumbered" in heading.group("attrs"), name


def _appendix_links() -> list[tuple[str, str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(REPORT.glob("*.qmd"))]
    texts += [(str(p.relative_to(SRC)), "\n".join(t for _, t in _strings(p))) for p in _builders()]
    texts += [(str(p.relative_to(BUILD)), p.read_text(encoding="utf-8")) for p in _built_fragments()]
    return [(where, m.group("letter"), m.group("id")) for where, text in texts for m in APPENDIX_LINK.finditer(text)]


def _wrong_links(links: list[tuple[str, str, str]], letters: dict[str, str]) -> list[str]:
    return [
        f"{where}: [Bijlage {letter}](#{ident}) hoort 'Bijlage {letters.get(ident, '?')}' te zijn"
        for where, letter, ident in links
        if letters.get(ident) != letter
    ]


def test_links_to_an_appendix_carry_its_letter():
    links = _appendix_links()
    assert any(where == "survey/report_statistics.py" for where, _, _ in links)
    assert not _wrong_links(links, _letters()), "; ".join(_wrong_links(links, _letters()))


def test_no_numbered_reference_to_an_appendix():
    """@sec- to an unnumbered heading gets no number in Quarto: appendices are linked by letter."""
    appendix_ids = {ident for _, _, ident in _appendices()}
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(REPORT.glob("*.qmd"))]
    texts += [(str(p.relative_to(SRC)), "\n".join(t for _, t in _strings(p))) for p in _builders()]
    hits = [
        f"{where}: @{ident}"
        for where, text in texts
        for ident in re.findall(r"@(sec-[\w-]+)", text)
        if ident in appendix_ids
    ]
    assert not hits, "; ".join(hits)


def test_a_wrong_letter_is_found():
    letters = _letters()
    ident, letter = next(iter(letters.items()))
    other = "Z" if letter != "Z" else "Y"
    link = APPENDIX_LINK.search(f"zie [Bijlage {other}](#{ident})")
    assert _wrong_links([("tekst", link.group("letter"), link.group("id"))], letters)
    assert not _wrong_links([("tekst", letter, ident)], letters)
