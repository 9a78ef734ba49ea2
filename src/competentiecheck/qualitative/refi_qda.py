"""Read and write REFI-QDA projects (``.qdpx``), the exchange format of MAXQDA, NVivo, ATLAS.ti and QualCoder.

A ``.qdpx`` file is a zip with ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``) and the
source texts under ``Sources/``. What is read: users (coders), the codebook (nested codes with GUIDs),
text sources, every ``PlainTextSelection`` with its ``Coding``/``CodeRef`` and coder, cases with the
sources they refer to, and case variables.

Known traps, handled:

* a UTF-8 byte-order mark at the start of a source text is not part of the text;
* positions are code points in the text as stored; some tools count a CRLF line end as one
  character (``newlines="crlf-as-one"`` maps such positions onto the stored text);
* positions that do not fit the text are detected (:func:`position_fit`): a selection boundary
  strictly inside a word (a letter on both sides) is rare in real coding, and a selection ``name``
  that a tool wrote as the selected text must match it. When the chosen ``newlines`` convention puts
  far more boundaries inside words than another one, the project is refused naming the setting and the
  value that fits; when the only better fit is counting a source's byte-order mark as a character
  (no setting covers it), that convention is used and recorded in :attr:`CodedProject.positions`
  (with a warning);
* a zero-length selection (start = end) is refused: it cannot mean that a theme is present;
* every coding has a coder among the project's users (``creatingUser`` of the coding or its
  selection, a GUID of ``<Users>``), else the coding is refused naming its GUID;
* codes nested several levels deep (the path is kept as a tuple of names);
* one selection coded by two users (one row per coding, with its own coder);
* the XML is parsed without entity expansion or network access (a hostile file cannot read local
  files or expand itself).

Every error names the file and the element (tag and GUID or name).
"""

from __future__ import annotations

import uuid
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from lxml import etree

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import public_name, relative

__all__ = ["CodedProject", "read_qdpx", "write_qdpx", "stable_guid", "position_fit", "NAMESPACE", "NEWLINES"]

NAMESPACE = "urn:QDA-XML:project:1.0"
NS = {"q": NAMESPACE}
CODE_COLUMNS = ["code_guid", "code", "path", "parent_guid", "level"]
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one unpacked file of a project; more is refused (a zip bomb, not a transcript)
CODING_COLUMNS = ["source_guid", "source", "selection_guid", "start", "end", "code_guid", "path", "coder", "text"]
NEWLINES = ("as-stored", "crlf-as-one")
BOM_COUNTED = "byte-order-teken meegeteld"
# positions are refused as not fitting when at least this many checks fail, this share of all checks, and
# another convention fails at most a quarter as often
MISFIT_MIN, MISFIT_SHARE, MISFIT_RATIO = 2, 0.25, 4


@dataclass
class CodedProject:
    """Coded data of one project, as tidy tables.

    codes : one row per code (``CODE_COLUMNS``); ``path`` is the tuple of names from the top.
    sources : ``source_guid, source, text``.
    codings : one row per coding of a selection (``CODING_COLUMNS``); ``text`` is the coded segment.
    cases : ``case_guid, case, source_guid``, one row per source a case refers to.
    variables : ``case, variable, value``.
    users : ``user_guid, user``.
    positions : how the positions were read: the ``newlines`` convention, with
        ``"; byte-order-teken meegeteld"`` when the tool counted a source's byte-order mark.
    """

    name: str
    codes: pd.DataFrame
    sources: pd.DataFrame
    codings: pd.DataFrame
    cases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["case_guid", "case", "source_guid"]))
    variables: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["case", "variable", "value"]))
    users: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["user_guid", "user"]))
    positions: str = "as-stored"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


def _where(element) -> str:
    label = element.get("guid") or element.get("name") or element.get("targetGUID") or ""
    tag = etree.QName(element).localname
    return f"element {tag}" + (f" {label}" if label else "") + f" (regel {element.sourceline})"


def _codes(root, path: str) -> pd.DataFrame:
    rows = []

    def walk(element, parents: tuple[str, ...], parent_guid: str | None) -> None:
        for code in element.findall("q:Code", NS):
            guid, name = code.get("guid"), code.get("name")
            if not guid or not name:
                raise InputError(f"{_where(code)}: code zonder guid of naam", file=path)
            rows.append(
                {
                    "code_guid": guid,
                    "code": name,
                    "path": parents + (name,),
                    "parent_guid": parent_guid,
                    "level": len(parents) + 1,
                }
            )
            walk(code, parents + (name,), guid)

    codes = root.find("q:CodeBook/q:Codes", NS)
    if codes is not None:
        walk(codes, (), None)
    frame = pd.DataFrame(rows, columns=CODE_COLUMNS)
    duplicated = frame["code_guid"].duplicated()
    if duplicated.any():
        raise InputError(f"code-GUID {frame.loc[duplicated, 'code_guid'].iat[0]} komt twee keer voor", file=path)
    return frame


def _source_text(archive: zipfile.ZipFile, source, path: str) -> tuple[str, bool]:
    """The text of a source and whether its file started with a byte-order mark (not part of the text)."""
    inline = source.find("q:PlainTextContent", NS)
    if inline is not None:
        return inline.text or "", False
    location = source.get("plainTextPath")
    if not location:
        raise InputError(f"{_where(source)}: geen tekst (plainTextPath of PlainTextContent)", file=path)
    member = "Sources/" + location.split("internal://", 1)[1] if location.startswith("internal://") else location
    try:
        data = archive.read(member)
    except KeyError:
        raise InputError(f"{_where(source)}: bronbestand {member} ontbreekt in het archief", file=path) from None
    try:
        return data.decode("utf-8-sig"), data.startswith(b"\xef\xbb\xbf")  # a byte-order mark is not part of the text
    except UnicodeDecodeError as exc:
        raise InputError(f"{_where(source)}: {member} is geen UTF-8 (byte {exc.start})", file=path) from None


def _crlf_as_one(text: str) -> list[int]:
    """Offsets in the stored text for positions counted with CRLF as one character."""
    offsets, position = [], 0
    while position < len(text):
        offsets.append(position)
        position += 2 if text.startswith("\r\n", position) else 1
    offsets.append(len(text))
    return offsets


def _inside_word(text: str, position: int) -> bool:
    """A selection boundary strictly inside a word: a letter on both sides."""
    return 0 < position < len(text) and text[position - 1].isalpha() and text[position].isalpha()


def _folded(text: str) -> str:
    return " ".join(text.split())


def _name_fits(name: str, segment: str) -> bool:
    """A selection name written as the selected text (possibly cut off with '…' or '...') fits the segment."""
    name = _folded(name)
    cut = name.rstrip(".…").rstrip()
    segment = _folded(segment)
    return name == segment or (bool(cut) and cut != name and segment.startswith(cut))


def _mapping(text: str, has_bom: bool, newlines: str, bom_counted: bool):
    """Position as the tool counted it -> offset in the stored text (None when outside the text)."""
    offsets = _crlf_as_one(text) if newlines == "crlf-as-one" else None
    limit = len(offsets) - 1 if offsets else len(text)
    shift = 1 if bom_counted and has_bom else 0

    def position(p: int) -> int | None:
        q = max(p - shift, 0)
        if q > limit:
            return None
        return offsets[q] if offsets else q

    return position, limit


def position_fit(
    sources: list[tuple[str, bool, list[tuple[int, int, str | None]]]], newlines: str, bom_counted: bool
) -> tuple[int, int] | None:
    """How badly positions read with one convention fit the texts: (failed checks, checks), or None when a
    selection falls outside its text.

    ``sources``: per source its stored text, whether its file had a byte-order mark, and its selections
    ``(start, end, name)`` as the tool counted them. Checks: each boundary (start, end) strictly inside a
    word fails; each selection ``name`` (``None``: no name, or a name that is a label rather than the
    selected text) is a check too, failing where it does not match the selected text.
    """
    failed = checks = 0
    for text, has_bom, selections in sources:
        position, _ = _mapping(text, has_bom, newlines, bom_counted)
        for start, end, name in selections:
            a, b = position(start), position(end)
            if a is None or b is None:
                return None
            failed += _inside_word(text, a) + _inside_word(text, b)
            checks += 2
            if name is not None:
                checks += 1
                failed += not _name_fits(name, text[a:b])
    return failed, checks


def _evidence_names(sources):
    """Keep a selection's name only when it matches the selected text under some convention (then it is the
    text as the tool saw it); other names are labels ('Selectie 3') and say nothing about positions."""
    kept = []
    for text, has_bom, selections in sources:
        if not any(name for _, _, name in selections):
            kept.append((text, has_bom, selections))
            continue
        positions = [_mapping(text, has_bom, n, b)[0] for n in NEWLINES for b in (False, True)]
        rows = []
        for start, end, name in selections:
            evidence = bool(name) and any(
                position(start) is not None
                and position(end) is not None
                and _name_fits(name, text[position(start) : position(end)])
                for position in positions
            )
            rows.append((start, end, name if evidence else None))
        kept.append((text, has_bom, rows))
    return kept


def _choose_positions(sources, newlines: str, path: str, setting: str, shown: str) -> tuple[str, bool]:
    """The convention to read positions with: the configured one unless it clearly does not fit (see module).
    ``path`` names the file in an error (it stops the run), ``shown`` in the warning (notebook output: the
    public name, never a free file name)."""
    any_crlf = any("\r\n" in text for text, _, _ in sources)
    any_bom = any(has_bom for _, has_bom, _ in sources)
    candidates = [(n, b) for n in NEWLINES for b in (False, True) if (n == newlines or any_crlf) and (not b or any_bom)]
    if len(candidates) == 1:
        return newlines, False
    sources = _evidence_names(sources)
    fits = {c: position_fit(sources, *c) for c in candidates}
    chosen = fits[(newlines, False)]
    # the best other convention (fewest failed checks; on a tie, only counting the byte-order mark)
    alternatives = sorted(
        (fit[0], fit[1], c != (newlines, True), c)
        for c, fit in fits.items()
        if c != (newlines, False) and fit is not None
    )
    if not alternatives:
        return newlines, False  # nothing fits better: the range check names the selection outside the text
    failed, total, _, best = alternatives[0]
    label = (
        "met het byte-order-teken meegeteld"
        if best[0] == newlines
        else f"met '{best[0]}'" + (" en het byte-order-teken meegeteld" if best[1] else "")
    )
    if chosen is not None:
        wrong, checks = chosen
        if not (wrong >= MISFIT_MIN and wrong >= MISFIT_SHARE * checks and failed * MISFIT_RATIO <= wrong):
            return newlines, False
        what = (
            f"{wrong} van de {checks} controles mislukken (selectiegrens midden in een woord, of selectienaam "
            f"anders dan de geselecteerde tekst), {label} {failed}"
        )
    else:
        if failed >= MISFIT_SHARE * total:
            return newlines, False  # the alternative does not fit either: the range check names the selection
        what = f"een selectie valt buiten de tekst, {label} niet en mislukken {failed} van de {total} controles"
    if best[0] == newlines:  # only counting the byte-order mark fits: no setting for it, corrected and recorded
        warnings.warn(
            f"bestand {shown}: de tool telde het byte-order-teken aan het begin van een brontekst als teken "
            f"mee; de posities zijn daarvoor gecorrigeerd (met newlines '{newlines}': {what})",
            stacklevel=3,
        )
        return newlines, True
    reason = (
        "de tool telde vermoedelijk een regeleinde CRLF als één teken"
        if best[0] == "crlf-as-one"
        else "de tool telde vermoedelijk elk opgeslagen teken, ook CR en LF apart"
    )
    raise InputError(
        f"de posities van de selecties passen niet bij de tekst met newlines '{newlines}': {what}. "
        f"{reason[0].upper() + reason[1:]}; zet {setting} op '{best[0]}'",
        file=path,
    )


def read_qdpx(file: str | Path, newlines: str = "as-stored", setting: str | None = None) -> CodedProject:
    """Read a REFI-QDA project.

    Parameters
    ----------
    file : path of the ``.qdpx`` file.
    newlines : ``"as-stored"`` (positions count every stored character, the standard) or
        ``"crlf-as-one"`` (the tool counted a CRLF line end as one character).
    setting : the parameter that sets ``newlines``, named when the positions do not fit the text
        (default: ``interviews.newlines`` or ``partnerships.newlines``).
    """
    if newlines not in NEWLINES:
        raise ValueError("newlines moet 'as-stored' of 'crlf-as-one' zijn")
    setting = setting or "de parameter newlines van de stap (interviews.newlines of partnerships.newlines)"
    path = relative(Path(file))
    if not zipfile.is_zipfile(file):
        raise InputError("geen REFI-QDA-project: het bestand is geen zip-archief", file=path)
    with zipfile.ZipFile(file) as archive:
        for info in archive.infolist():
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError(
                    f"{info.filename} is uitgepakt {info.file_size:,} bytes, meer dan de grens van "
                    f"{MAX_MEMBER_BYTES:,}: geen gewoon REFI-QDA-project",
                    file=path,
                )
        try:
            xml = archive.read("project.qde")
        except KeyError:
            raise InputError("geen REFI-QDA-project: project.qde ontbreekt in het archief", file=path) from None
        try:
            root = etree.fromstring(xml, _parser())
        except etree.XMLSyntaxError as exc:
            raise InputError(f"project.qde is geen geldige XML: {exc}", file=path) from None
        if etree.QName(root).namespace != NAMESPACE or etree.QName(root).localname != "Project":
            raise InputError(
                f'project.qde is geen REFI-QDA-project (verwacht <Project xmlns="{NAMESPACE}">)', file=path
            )
        users = pd.DataFrame(
            [
                {"user_guid": u.get("guid"), "user": u.get("name") or u.get("id") or u.get("guid")}
                for u in root.findall("q:Users/q:User", NS)
            ],
            columns=["user_guid", "user"],
        )
        user_names = dict(zip(users["user_guid"], users["user"]))
        codes = _codes(root, path)
        code_paths = dict(zip(codes["code_guid"], codes["path"]))
        source_rows, coding_rows, raw = [], [], []
        for source in root.findall("q:Sources/q:TextSource", NS):
            guid, name = source.get("guid"), source.get("name")
            text, has_bom = _source_text(archive, source, path)
            source_rows.append({"source_guid": guid, "source": name, "text": text})
            selections = []
            for selection in source.findall("q:PlainTextSelection", NS):
                try:
                    start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                except (TypeError, ValueError):
                    raise InputError(
                        f"{_where(selection)}: startPosition/endPosition ontbreken of zijn geen getal", file=path
                    ) from None
                if not 0 <= start <= end:
                    raise InputError(
                        f"{_where(selection)}: selectie {start}-{end} valt buiten de tekst van bron {name!r}", file=path
                    )
                if start == end:
                    raise InputError(
                        f"{_where(selection)}: selectie van lengte 0 ({start}-{end}) in bron {name!r}: een "
                        f"lege codering betekent niet dat het thema er is",
                        file=path,
                    )
                codings = []
                for coding in selection.findall("q:Coding", NS):
                    ref = coding.find("q:CodeRef", NS)
                    target = ref.get("targetGUID") if ref is not None else None
                    if target not in code_paths:
                        raise InputError(f"{_where(coding)}: CodeRef naar onbekende code-GUID {target}", file=path)
                    coder = coding.get("creatingUser") or selection.get("creatingUser")
                    if not coder:
                        raise InputError(
                            f"{_where(coding)}: codering zonder codeur (creatingUser ontbreekt bij de "
                            f"codering en de selectie)",
                            file=path,
                        )
                    if coder not in user_names:
                        raise InputError(
                            f"{_where(coding)}: codeur (creatingUser) {coder} staat niet bij de gebruikers "
                            f"(Users) van het project",
                            file=path,
                        )
                    codings.append((target, user_names[coder]))
                selections.append((selection, start, end, codings))
            raw.append((guid, name, text, has_bom, selections))
        sources_seen = [
            (text, has_bom, [(s, e, sel.get("name")) for sel, s, e, _ in selections])
            for _, _, text, has_bom, selections in raw
        ]
        convention, bom_counted = _choose_positions(sources_seen, newlines, path, setting, public_name(Path(file)))
        for guid, name, text, has_bom, selections in raw:
            position, limit = _mapping(text, has_bom, convention, bom_counted)
            for selection, start, end, codings in selections:
                a, b = position(start), position(end)
                if a is None or b is None:
                    raise InputError(
                        f"{_where(selection)}: selectie {start}-{end} valt buiten de tekst van bron "
                        f"{name!r} ({limit} tekens)",
                        file=path,
                    )
                if a == b:
                    raise InputError(
                        f"{_where(selection)}: selectie van lengte 0 in bron {name!r} (alleen het byte-order-teken)",
                        file=path,
                    )
                for target, coder in codings:
                    coding_rows.append(
                        {
                            "source_guid": guid,
                            "source": name,
                            "selection_guid": selection.get("guid"),
                            "start": a,
                            "end": b,
                            "code_guid": target,
                            "path": code_paths[target],
                            "coder": coder,
                            "text": text[a:b],
                        }
                    )
        sources = pd.DataFrame(source_rows, columns=["source_guid", "source", "text"])
        source_guids = set(sources["source_guid"])
        case_rows, variable_rows = [], []
        variable_names = {v.get("guid"): v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
        for case in root.findall("q:Cases/q:Case", NS):
            for ref in case.findall("q:SourceRef", NS):
                if ref.get("targetGUID") not in source_guids:
                    raise InputError(
                        f"{_where(case)}: SourceRef naar onbekende bron {ref.get('targetGUID')}", file=path
                    )
                case_rows.append(
                    {"case_guid": case.get("guid"), "case": case.get("name"), "source_guid": ref.get("targetGUID")}
                )
            for value in case.findall("q:VariableValue", NS):
                ref = value.find("q:VariableRef", NS)
                content = next((c.text for c in value if etree.QName(c).localname.endswith("Value")), None)
                variable_rows.append(
                    {
                        "case": case.get("name"),
                        "variable": variable_names.get(ref.get("targetGUID") if ref is not None else None),
                        "value": content,
                    }
                )
    return CodedProject(
        name=root.get("name") or Path(file).stem,
        codes=codes,
        sources=sources,
        codings=pd.DataFrame(coding_rows, columns=CODING_COLUMNS),
        cases=pd.DataFrame(case_rows, columns=["case_guid", "case", "source_guid"]),
        variables=pd.DataFrame(variable_rows, columns=["case", "variable", "value"]),
        users=users,
        positions=convention + (f"; {BOM_COUNTED}" if bom_counted else ""),
    )


def stable_guid(*parts: str) -> str:
    """A stable GUID for generated elements (same input, same GUID, same bytes)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "competentiecheck:" + "/".join(parts))).upper()


def write_qdpx(project: CodedProject, file: str | Path) -> Path:
    """Write a project as ``.qdpx`` (sources as ``Sources/<guid>.txt``), deterministically."""
    file = Path(file)
    q = f"{{{NAMESPACE}}}"
    root = etree.Element(q + "Project", nsmap={None: NAMESPACE}, name=project.name, origin="competentiecheck")
    users = etree.SubElement(root, q + "Users")
    user_guids = {}
    coders = sorted(set(project.users["user"]) | set(project.codings["coder"].dropna()))
    known = dict(zip(project.users["user"], project.users["user_guid"]))
    for coder in coders:
        user_guids[coder] = known.get(coder) or stable_guid("user", coder)
        etree.SubElement(users, q + "User", guid=user_guids[coder], name=coder)
    codebook = etree.SubElement(etree.SubElement(root, q + "CodeBook"), q + "Codes")
    elements = {}
    for row in project.codes.sort_values("level", kind="stable").itertuples():
        parent = elements.get(row.parent_guid, codebook)
        elements[row.code_guid] = etree.SubElement(
            parent, q + "Code", guid=row.code_guid, name=row.code, isCodable="true"
        )
    if not project.variables.empty:
        variables = etree.SubElement(root, q + "Variables")
        for name in sorted(project.variables["variable"].dropna().unique()):
            etree.SubElement(
                variables, q + "Variable", guid=stable_guid("variable", name), name=name, typeOfVariable="Text"
            )
    if not project.cases.empty:
        cases = etree.SubElement(root, q + "Cases")
        for (guid, name), group in project.cases.groupby(["case_guid", "case"], sort=True):
            case = etree.SubElement(cases, q + "Case", guid=guid, name=name)
            for v in project.variables[project.variables["case"] == name].itertuples():
                value = etree.SubElement(case, q + "VariableValue")
                etree.SubElement(value, q + "VariableRef", targetGUID=stable_guid("variable", v.variable))
                etree.SubElement(value, q + "TextValue").text = "" if pd.isna(v.value) else str(v.value)
            for source_guid in group["source_guid"]:
                etree.SubElement(case, q + "SourceRef", targetGUID=source_guid)
    sources = etree.SubElement(root, q + "Sources")
    by_source = dict(list(project.codings.groupby("source_guid", sort=False)))
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for source in project.sources.itertuples():
            element = etree.SubElement(
                sources,
                q + "TextSource",
                guid=source.source_guid,
                name=source.source,
                plainTextPath=f"internal://{source.source_guid}.txt",
            )
            codings = by_source.get(source.source_guid, project.codings.iloc[:0])
            for (selection_guid, start, end), group in codings.groupby(["selection_guid", "start", "end"], sort=True):
                selection = etree.SubElement(
                    element,
                    q + "PlainTextSelection",
                    guid=selection_guid,
                    startPosition=str(start),
                    endPosition=str(end),
                )
                for coding in group.itertuples():
                    node = etree.SubElement(
                        selection,
                        q + "Coding",
                        guid=stable_guid("coding", selection_guid, coding.code_guid, coding.coder),
                        creatingUser=user_guids[coding.coder],
                    )
                    etree.SubElement(node, q + "CodeRef", targetGUID=coding.code_guid)
            info = zipfile.ZipInfo(f"Sources/{source.source_guid}.txt", date_time=(2025, 1, 1, 0, 0, 0))
            archive.writestr(info, source.text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("project.qde", date_time=(2025, 1, 1, 0, 0, 0))
        xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
        archive.writestr(info, xml, compress_type=zipfile.ZIP_DEFLATED)
    return file
