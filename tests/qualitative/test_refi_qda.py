"""REFI-QDA projects as QualCoder, MAXQDA or NVivo write them: read, write back, and refuse bad ones.

The fixture project is hand-written XML (not made by our writer), with the known traps: a byte-order
mark in a source, CRLF line ends, codes three levels deep and one selection coded by two users.
"""

import zipfile

import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.qualitative.refi_qda import read_qdpx, write_qdpx

TEXT_A = "Interviewer: Hoe verliep de begeleiding?\r\nZaakvoerder: De consultant was sterk.\r\nTijd was krap."
TEXT_B = "Ook hier: te weinig opvolging."
QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="QualCoder 3.5">
  <Users>
    <User guid="U-1" name="coder_a"/>
    <User guid="U-2" name="coder_b"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="C-S" name="2. Strengths" isCodable="false">
      <Code guid="C-SB" name="Begeleiding" isCodable="true">
        <Code guid="C-SBC" name="Consultants" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="C-W" name="3. Weaknesses" isCodable="false">
      <Code guid="C-WT" name="Tijd" isCodable="true"/>
    </Code>
    <Code guid="C-T" name="5. Threats" isCodable="false">
      <Code guid="C-TO" name="Opvolging" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables><Variable guid="V-1" name="perceel" typeOfVariable="Integer"/></Variables>
  <Cases>
    <Case guid="K-1" name="organisatie 1">
      <VariableValue><VariableRef targetGUID="V-1"/><IntegerValue>2</IntegerValue></VariableValue>
      <SourceRef targetGUID="S-A"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="S-A" name="interview 1" plainTextPath="internal://S-A.txt">
      <PlainTextSelection guid="P-1" startPosition="{start1}" endPosition="{end1}" creatingUser="U-1">
        <Coding guid="G-1" creatingUser="U-1"><CodeRef targetGUID="C-SBC"/></Coding>
        <Coding guid="G-2" creatingUser="U-2"><CodeRef targetGUID="C-SBC"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="P-2" startPosition="{start2}" endPosition="{end2}" creatingUser="U-2">
        <Coding guid="G-3" creatingUser="U-2"><CodeRef targetGUID="C-WT"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="S-B" name="interview 2" plainTextPath="internal://S-B.txt">
      <PlainTextSelection guid="P-3" startPosition="10" endPosition="29" creatingUser="U-1">
        <Coding guid="G-4" creatingUser="U-1"><CodeRef targetGUID="C-TO"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""
SEGMENT_1 = "De consultant was sterk."
SEGMENT_2 = "Tijd was krap."


def _positions(crlf_as_one: bool) -> dict:
    text = TEXT_A.replace("\r\n", "\n") if crlf_as_one else TEXT_A
    s1, s2 = text.index(SEGMENT_1), text.index(SEGMENT_2)
    return {"start1": s1, "end1": s1 + len(SEGMENT_1), "start2": s2, "end2": s2 + len(SEGMENT_2)}


def _qdpx(path, qde=None, crlf_as_one=False, files=None):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde if qde is not None else QDE.format(**_positions(crlf_as_one)))
        for name, data in (
            files
            if files is not None
            else {"Sources/S-A.txt": b"\xef\xbb\xbf" + TEXT_A.encode(), "Sources/S-B.txt": TEXT_B.encode()}
        ).items():
            archive.writestr(name, data)
    return path


def test_reads_codebook_sources_codings_cases_and_variables(tmp_path):
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx"))
    assert project.codes.set_index("code")["path"]["Consultants"] == ("2. Strengths", "Begeleiding", "Consultants")
    assert project.codes.set_index("code")["level"]["Consultants"] == 3
    assert not project.sources.set_index("source")["text"]["interview 1"].startswith("\ufeff")  # BOM dropped
    codings = project.codings
    double = codings[codings["selection_guid"] == "P-1"]
    assert sorted(double["coder"]) == ["coder_a", "coder_b"] and set(double["text"]) == {SEGMENT_1}
    assert codings.set_index("selection_guid").loc["P-2", "text"] == SEGMENT_2
    assert codings.set_index("selection_guid").loc["P-3", "text"] == "te weinig opvolging"
    assert project.cases.to_dict("records") == [{"case_guid": "K-1", "case": "organisatie 1", "source_guid": "S-A"}]
    assert project.variables.to_dict("records") == [{"case": "organisatie 1", "variable": "perceel", "value": "2"}]


def test_positions_of_a_tool_that_counts_crlf_as_one_character(tmp_path):
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx", crlf_as_one=True), newlines="crlf-as-one")
    assert set(project.codings["text"]) >= {SEGMENT_1, SEGMENT_2}
    # read as stored, the same positions point one character early per line end before them
    shifted = read_qdpx(tmp_path / "p.qdpx").codings.set_index("selection_guid").loc["P-2", "text"]
    assert shifted != SEGMENT_2


def test_write_and_read_back_gives_the_same_codings(tmp_path):
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx"))
    written = write_qdpx(project, tmp_path / "terug.qdpx")
    again = read_qdpx(written)
    columns = ["source", "start", "end", "path", "coder", "text"]
    key = ["source", "start", "coder", "end"]
    assert (
        again.codings[columns]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(project.codings[columns].sort_values(key).reset_index(drop=True))
    )
    assert list(again.codes["path"]) == list(project.codes["path"])
    assert again.cases.equals(project.cases) and again.variables.equals(project.variables)
    assert write_qdpx(again, tmp_path / "twee.qdpx").read_bytes() == written.read_bytes()  # deterministic


@pytest.mark.parametrize(
    "case, message",
    [
        ("not-zip", "geen zip-archief"),
        ("no-qde", "project.qde ontbreekt"),
        ("bad-xml", "geen geldige XML"),
        ("wrong-root", "geen REFI-QDA-project"),
        ("unknown-code", "onbekende code-GUID C-X"),
        ("outside", "valt buiten de tekst"),
        ("no-source-file", "Sources/S-B.txt ontbreekt"),
    ],
)
def test_bad_projects_name_file_and_element(tmp_path, case, message):
    path = tmp_path / "p.qdpx"
    qde = QDE.format(**_positions(False))
    if case == "not-zip":
        path.write_text("dit is geen zip", encoding="utf-8")
    elif case == "no-qde":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("Sources/S-A.txt", TEXT_A)
    elif case == "bad-xml":
        _qdpx(path, qde=qde.replace("</Sources>", ""))
    elif case == "wrong-root":
        _qdpx(path, qde='<?xml version="1.0"?><Project name="x"/>')
    elif case == "unknown-code":
        _qdpx(path, qde=qde.replace('targetGUID="C-TO"', 'targetGUID="C-X"'))
    elif case == "outside":
        _qdpx(path, qde=qde.replace('endPosition="29"', 'endPosition="290"'))
    else:
        _qdpx(path, files={"Sources/S-A.txt": TEXT_A.encode()})
    with pytest.raises(InputError) as err:
        read_qdpx(path)
    assert message in str(err.value) and "p.qdpx" in str(err.value)
    if case in ("unknown-code", "outside"):
        assert "regel" in str(err.value)  # the element's line in project.qde


def test_an_external_entity_is_not_expanded(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    qde = QDE.format(**_positions(False)).replace(
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>',
    )
    qde = qde.replace('<User guid="U-1" name="coder_a"/>', '<User guid="U-1" name="coder_a"/><!-- &x; -->')
    qde = qde.replace('name="Interviews"', 'name="&x;"')
    with pytest.raises(InputError) as err:  # refused, never read
        read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde))
    assert "GEHEIM" not in str(err.value)


def test_an_oversized_member_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    from competentiecheck.qualitative import refi_qda

    monkeypatch.setattr(refi_qda, "MAX_MEMBER_BYTES", 1000)
    path = _qdpx(tmp_path / "p.qdpx", files={"Sources/S-A.txt": b"x" * 5000, "Sources/S-B.txt": TEXT_B.encode()})
    with pytest.raises(InputError, match="grens"):
        read_qdpx(path)


# --------------------------------------------------------------------------- issue 25: gaps a mutation test found


def test_an_external_entity_in_element_text_does_not_pull_a_local_file_into_the_source(tmp_path):
    """In an attribute libxml2 refuses an external entity anyway; in element text only ``resolve_entities=False``
    keeps the file out: with it on, the secret would become part of the source text."""
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-VAN-DE-SCHIJF", encoding="utf-8")
    qde = (
        QDE.format(**_positions(False))
        .replace(
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>',
        )
        .replace(
            '<TextSource guid="S-B" name="interview 2" plainTextPath="internal://S-B.txt">',
            '<TextSource guid="S-B" name="interview 2"><PlainTextContent>Begin &x; einde</PlainTextContent>',
        )
        .replace('endPosition="29"', 'endPosition="5"')
        .replace('startPosition="10"', 'startPosition="0"')
    )
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde))
    everything = " ".join(project.sources["text"]) + " ".join(project.codings["text"])
    assert "GEHEIM" not in everything
    assert project.sources.set_index("source").loc["interview 2", "text"].startswith("Begin")


def test_inline_source_text_is_read(tmp_path):
    inline = "Ook hier: te weinig opvolging."
    qde = QDE.format(**_positions(False)).replace(
        '<TextSource guid="S-B" name="interview 2" plainTextPath="internal://S-B.txt">',
        f'<TextSource guid="S-B" name="interview 2"><PlainTextContent>{inline}</PlainTextContent>',
    )
    # no Sources/S-B.txt in the archive: the text can only come from the project file
    files = {"Sources/S-A.txt": b"\xef\xbb\xbf" + TEXT_A.encode()}
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde, files=files))
    assert project.sources.set_index("source").loc["interview 2", "text"] == inline
    assert project.codings.set_index("selection_guid").loc["P-3", "text"] == inline[10:29] == "te weinig opvolging"


def test_a_source_without_codings_is_written_without_codings(tmp_path):
    import pandas as pd

    project = read_qdpx(_qdpx(tmp_path / "p.qdpx"))
    project.sources = pd.concat(
        [project.sources, pd.DataFrame([{"source_guid": "S-C", "source": "interview 3", "text": "Niets gecodeerd."}])],
        ignore_index=True,
    )
    again = read_qdpx(write_qdpx(project, tmp_path / "terug.qdpx"))
    assert again.sources.set_index("source").loc["interview 3", "text"] == "Niets gecodeerd."
    assert "interview 3" not in set(again.codings["source"])
    assert len(again.codings) == len(project.codings) == 4


def test_a_selection_past_the_end_in_crlf_as_one_mode_names_file_selection_and_length(tmp_path):
    # interview 2 has 30 characters (no CRLF, no byte-order mark): a selection ending at 31 fits no convention
    qde = QDE.format(**_positions(True)).replace('endPosition="29"', 'endPosition="31"')
    with pytest.raises(InputError) as err:
        read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde, crlf_as_one=True), newlines="crlf-as-one")
    message = str(err.value)
    assert "p.qdpx" in message and "PlainTextSelection P-3" in message
    assert "selectie 10-31 valt buiten de tekst van bron 'interview 2' (30 tekens)" in message


BASE = QDE.format(**_positions(False))
P3 = "element PlainTextSelection P-3 (regel 38)"


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            '<Code guid="C-WT" name="Tijd" isCodable="true"/>',
            '<Code name="Tijd" isCodable="true"/>',
            "element Code Tijd (regel 14): code zonder guid of naam",
        ),
        (
            '<Code guid="C-WT" name="Tijd" isCodable="true"/>',
            '<Code guid="C-WT" isCodable="true"/>',
            "element Code C-WT (regel 14): code zonder guid of naam",
        ),
        ('<Code guid="C-WT" name="Tijd"', '<Code guid="C-TO" name="Tijd"', "code-GUID C-TO komt twee keer voor"),
        (
            ' plainTextPath="internal://S-B.txt"',
            "",
            "element TextSource S-B (regel 37): geen tekst (plainTextPath of PlainTextContent)",
        ),
        ('startPosition="10" ', "", f"{P3}: startPosition/endPosition ontbreken of zijn geen getal"),
        ('startPosition="10"', 'startPosition="tien"', f"{P3}: startPosition/endPosition ontbreken of zijn geen getal"),
        (
            'startPosition="10" endPosition="29"',
            'startPosition="29" endPosition="10"',
            f"{P3}: selectie 29-10 valt buiten de tekst van bron 'interview 2'",
        ),
        (
            'startPosition="10"',
            'startPosition="-1"',
            f"{P3}: selectie -1-29 valt buiten de tekst van bron 'interview 2'",
        ),
        (
            'startPosition="10" endPosition="29"',
            'startPosition="10" endPosition="10"',
            f"{P3}: selectie van lengte 0 (10-10) in bron 'interview 2': een lege codering betekent niet dat het thema er is",
        ),
        (
            'creatingUser="U-1">\n        <Coding guid="G-4" creatingUser="U-1">',
            '>\n        <Coding guid="G-4">',
            "element Coding G-4 (regel 39): codering zonder codeur (creatingUser ontbreekt bij de codering en de selectie)",
        ),
        (
            '<Coding guid="G-4" creatingUser="U-1">',
            '<Coding guid="G-4" creatingUser="U-9">',
            "element Coding G-4 (regel 39): codeur (creatingUser) U-9 staat niet bij de gebruikers (Users) van het project",
        ),
        (
            '<Coding guid="G-4" creatingUser="U-1"><CodeRef targetGUID="C-TO"/>',
            '<Coding creatingUser="U-1"><CodeRef targetGUID="C-X"/>',
            "element Coding (regel 39): CodeRef naar onbekende code-GUID C-X",
        ),
        (
            '<Coding guid="G-4" creatingUser="U-1"><CodeRef targetGUID="C-TO"/></Coding>',
            '<Coding guid="G-4" creatingUser="U-1"></Coding>',
            "element Coding G-4 (regel 39): CodeRef naar onbekende code-GUID None",
        ),
        (
            '<SourceRef targetGUID="S-A"/>',
            '<SourceRef targetGUID="S-X"/>',
            "element Case K-1 (regel 22): SourceRef naar onbekende bron S-X",
        ),
        (
            'endPosition="29"',
            'endPosition="290"',
            f"{P3}: selectie 10-290 valt buiten de tekst van bron 'interview 2' (30 tekens)",
        ),
    ],
)
def test_every_refusal_names_the_file_the_element_and_its_line(tmp_path, old, new, message):
    assert BASE.count(old) == 1
    path = _qdpx(tmp_path / "p.qdpx", qde=BASE.replace(old, new))
    with pytest.raises(InputError) as err:
        read_qdpx(path)
    assert str(err.value) == f"bestand {path}: {message}" and err.value.file == str(path)


def test_refusals_of_the_archive_itself(tmp_path):
    files = {"Sources/S-A.txt": TEXT_A.encode(), "Sources/S-B.txt": b"\xff\xfeab"}
    path = _qdpx(tmp_path / "p.qdpx", files=files)
    with pytest.raises(InputError) as err:
        read_qdpx(path)
    assert (
        str(err.value) == f"bestand {path}: element TextSource S-B (regel 37): Sources/S-B.txt is geen UTF-8 (byte 0)"
    )
    (tmp_path / "x.qdpx").write_text("geen zip", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_qdpx(tmp_path / "x.qdpx")
    assert str(err.value) == f"bestand {tmp_path / 'x.qdpx'}: geen REFI-QDA-project: het bestand is geen zip-archief"
    with zipfile.ZipFile(tmp_path / "y.qdpx", "w") as archive:
        archive.writestr("Sources/x.txt", "x")
    with pytest.raises(InputError) as err:
        read_qdpx(tmp_path / "y.qdpx")
    assert (
        str(err.value) == f"bestand {tmp_path / 'y.qdpx'}: geen REFI-QDA-project: project.qde ontbreekt in het archief"
    )
    with pytest.raises(ValueError, match="^newlines moet 'as-stored' of 'crlf-as-one' zijn$"):
        read_qdpx(path, newlines="crlf")


def test_a_member_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path, monkeypatch):
    from competentiecheck.qualitative import refi_qda

    size = len(b"\xef\xbb\xbf" + TEXT_A.encode())
    monkeypatch.setattr(refi_qda, "MAX_MEMBER_BYTES", max(size, len(BASE.encode()), len(TEXT_B)))
    limit = refi_qda.MAX_MEMBER_BYTES
    files = {"Sources/S-A.txt": b"\xef\xbb\xbf" + TEXT_A.encode(), "Sources/S-B.txt": TEXT_B.encode().ljust(limit)}
    assert len(read_qdpx(_qdpx(tmp_path / "p.qdpx", files=files)).sources) == 2
    files["Sources/S-B.txt"] += b" "
    with pytest.raises(InputError) as err:
        read_qdpx(_qdpx(tmp_path / "q.qdpx", files=files))
    assert f"Sources/S-B.txt is uitgepakt {limit + 1:,} bytes, meer dan de grens van {limit:,}" in str(err.value)
    assert err.value.file == str(tmp_path / "q.qdpx")


def test_users_codes_and_the_project_name_as_read(tmp_path):
    import pandas as pd

    qde = BASE.replace('<User guid="U-2" name="coder_b"/>', '<User guid="U-2" id="b-id"/><User guid="U-3"/>')
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde))
    assert project.users.to_dict("list") == {"user_guid": ["U-1", "U-2", "U-3"], "user": ["coder_a", "b-id", "U-3"]}
    assert project.name == "Interviews" and project.positions == "as-stored"
    assert list(project.codes.columns) == ["code_guid", "code", "path", "parent_guid", "level"]
    codes = project.codes.set_index("code_guid")
    assert codes.loc["C-SBC", "parent_guid"] == "C-SB" and pd.isna(codes.loc["C-S", "parent_guid"])
    assert codes.loc["C-S", "level"] == 1 and codes.loc["C-WT", "path"] == ("3. Weaknesses", "Tijd")
    assert list(project.codings.columns) == [
        "source_guid",
        "source",
        "selection_guid",
        "start",
        "end",
        "code_guid",
        "path",
        "coder",
        "text",
    ]
    p3 = project.codings.set_index("selection_guid").loc["P-3"]
    assert (p3["source_guid"], p3["source"], p3["start"], p3["end"], p3["code_guid"], p3["coder"]) == (
        "S-B",
        "interview 2",
        10,
        29,
        "C-TO",
        "coder_a",
    )
    # a coding without creatingUser takes its selection's; a project without a name is named after its file
    unnamed = BASE.replace(' name="Interviews"', "").replace(
        '<Coding guid="G-3" creatingUser="U-2">', '<Coding guid="G-3">'
    )
    project = read_qdpx(_qdpx(tmp_path / "zonder.qdpx", qde=unnamed))
    assert project.name == "zonder" and project.codings.set_index("selection_guid").loc["P-2", "coder"] == "coder_b"
    assert project.sources.set_index("source_guid").loc["S-A", "text"] == TEXT_A  # the mark is not part of it


def test_a_source_path_outside_the_sources_folder_is_read_as_written(tmp_path):
    qde = BASE.replace('plainTextPath="internal://S-B.txt"', 'plainTextPath="extra/S-B.txt"')
    files = {"Sources/S-A.txt": TEXT_A.encode(), "extra/S-B.txt": TEXT_B.encode()}
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde, files=files))
    assert project.sources.set_index("source_guid").loc["S-B", "text"] == TEXT_B


# --------------------------------------------------------------------------- which convention the positions follow


def _choose(sources, newlines="as-stored"):
    from competentiecheck.qualitative.refi_qda import _choose_positions

    return _choose_positions(sources, newlines, "p.qdpx", "de instelling", "bestand 1")


def _misfit(wrong_boundaries: int, selections: int, text="aaaa bbbb cccc dddd\r\neeee"):
    """``selections`` selections on word boundaries, the first ``wrong_boundaries`` boundaries inside a word."""
    spans = []
    starts = [0, 5, 10, 15, 21]
    for i in range(selections):
        start = starts[i % len(starts)]
        inside = 2 * i < wrong_boundaries
        spans.append((start + (1 if inside else 0), start + 4 - (1 if 2 * i + 1 < wrong_boundaries else 0), None))
    return [(text, False, spans)]


def test_positions_that_fit_keep_the_configured_convention():
    assert _choose([("geen regeleinden", False, [(0, 4, None)])]) == ("as-stored", False)  # nothing to compare
    assert _choose(_misfit(0, 3)) == ("as-stored", False)
    assert _choose(_misfit(0, 3), "crlf-as-one") == ("crlf-as-one", False)


def test_the_thresholds_for_refusing_a_convention():
    from competentiecheck.qualitative.refi_qda import position_fit

    # 2 of 6 checks inside a word (one selection, both ends), as-stored; with CRLF as one the same positions
    # fit no better: not refused. The rule: at least 2 failures, at least a quarter of the checks, and
    # another convention failing at most a quarter as often.
    text = "aaaa bbbb\r\ncccc dddd"
    sources = [(text, False, [(1, 3, None), (5, 9, None), (11, 15, None)])]
    assert position_fit(sources, "as-stored", False) == (2, 6)
    assert position_fit(sources, "crlf-as-one", False)[1] == 6
    fits = [(text, False, [(0, 4, None), (5, 9, None), (11, 15, None), (16, 20, None)])]
    assert position_fit(fits, "as-stored", False) == (0, 8)
    # counted with CRLF as one, 16-20 is 'dddd' shifted by one: 17-21, outside (20 characters)
    assert position_fit(fits, "crlf-as-one", False) is None
    assert position_fit([(text, True, [(1, 5, None)])], "as-stored", True) == (0, 2)  # mark counted: 0-4
    assert position_fit([(text, False, [(0, 4, "aaaa")]), (text, False, [(0, 4, "bbbb")])], "as-stored", False) == (
        1,
        6,
    )


def test_a_convention_that_clearly_misfits_is_refused_naming_the_one_that_fits():
    # every selection was counted with CRLF as one: read as stored, those after a line end start one early per
    # line end, so the ends of cccc, dddd and eeee and both ends of ffff fall inside a word: 5 of 8 checks
    text = "aaaa bbbb\r\ncccc dddd\r\neeee ffff"
    crlf_positions = [(10, 14, None), (15, 19, None), (20, 24, None), (25, 29, None)]  # cccc dddd eeee ffff
    with pytest.raises(InputError) as err:
        _choose([(text, False, crlf_positions)])
    assert str(err.value) == (
        "bestand p.qdpx: de posities van de selecties passen niet bij de tekst met newlines 'as-stored': "
        "5 van de 8 controles mislukken (selectiegrens midden in een woord, of selectienaam anders dan de "
        "geselecteerde tekst), met 'crlf-as-one' 0. De tool telde vermoedelijk een regeleinde CRLF als één teken; "
        "zet de instelling op 'crlf-as-one'"
    )
    # the other way round: counted as stored, read with CRLF as one, each position after a line end lands one
    # character late per line end: the starts of cccc and dddd and both ends of eeee fall inside a word
    stored_positions = [(11, 15, None), (16, 20, None), (22, 26, None)]
    with pytest.raises(InputError) as err:
        _choose([(text, False, stored_positions)], "crlf-as-one")
    assert str(err.value) == (
        "bestand p.qdpx: de posities van de selecties passen niet bij de tekst met newlines 'crlf-as-one': "
        "4 van de 6 controles mislukken (selectiegrens midden in een woord, of selectienaam anders dan de "
        "geselecteerde tekst), met 'as-stored' 0. De tool telde vermoedelijk elk opgeslagen teken, ook CR en LF "
        "apart; zet de instelling op 'as-stored'"
    )


def test_a_selection_outside_the_text_under_one_convention_only():
    # 'cccc' counted as stored is 11-15; with CRLF as one the text has 14 characters, so 15 is outside
    text = "aaaa bbbb\r\ncccc"
    with pytest.raises(InputError) as err:
        _choose([(text, False, [(0, 4, None), (11, 15, None)])], "crlf-as-one")
    assert str(err.value) == (
        "bestand p.qdpx: de posities van de selecties passen niet bij de tekst met newlines 'crlf-as-one': "
        "een selectie valt buiten de tekst, met 'as-stored' niet en mislukken 0 van de 4 controles. De tool telde "
        "vermoedelijk elk opgeslagen teken, ook CR en LF apart; zet de instelling op 'as-stored'"
    )
    # when the other convention misfits as well (here a quarter of its checks), nothing is decided here: the
    # range check names the selection
    assert _choose([(text, False, [(1, 4, None), (11, 15, None)])], "crlf-as-one") == ("crlf-as-one", False)


def test_a_counted_byte_order_mark_is_corrected_with_a_warning_that_names_the_file_by_its_public_name():
    text = "aaaa bbbb cccc"
    with pytest.warns(UserWarning) as caught:
        assert _choose([(text, True, [(1, 5, None), (6, 10, None), (11, 15, None)])]) == ("as-stored", True)
    message = str(caught[0].message)
    assert message == (
        "bestand bestand 1: de tool telde het byte-order-teken aan het begin van een brontekst als teken mee; de "
        "posities zijn daarvoor gecorrigeerd (met newlines 'as-stored': een selectie valt buiten de tekst, met het "
        "byte-order-teken meegeteld niet en mislukken 0 van de 6 controles)"
    )


BOUNDARY_TEXT = "aaaa bbbb cccc dddd eeee\r\nffff gggg hhhh"
BEFORE = [(0, 4, None), (5, 9, None), (10, 14, None), (15, 19, None)]  # the same in both conventions
AFTER_CRLF_AS_ONE = [(25, 29, None), (30, 34, None), (35, 39, None)]  # ffff gggg hhhh with CRLF as one


@pytest.mark.parametrize(
    "selections, refused",
    [
        # read as stored, each of these puts its end inside a word: 2 of 8 checks fail, the other convention 0;
        # exactly at both thresholds (2 failures, a quarter of the checks): refused
        (BEFORE[:2] + AFTER_CRLF_AS_ONE[:2], True),
        # the same 2 failures among 12 checks: below a quarter, kept
        (BEFORE + AFTER_CRLF_AS_ONE[:2], False),
        # one failure only: kept
        (BEFORE[:1] + AFTER_CRLF_AS_ONE[:1], False),
        # a start inside a word in both conventions: 4 against 1 failure, exactly the ratio of 4: refused
        ([(1, 4, None)] + AFTER_CRLF_AS_ONE, True),
        # 4 against 2 (two starts inside a word in both): the other convention is no clear improvement, kept
        ([(1, 4, None), (6, 9, None)] + AFTER_CRLF_AS_ONE, False),
    ],
)
def test_the_thresholds_of_refusing_positions(selections, refused):
    sources = [(BOUNDARY_TEXT, False, selections)]
    if refused:
        with pytest.raises(InputError, match="zet de instelling op 'crlf-as-one'"):
            _choose(sources)
    else:
        assert _choose(sources) == ("as-stored", False)


def test_the_written_project_file_as_a_tool_reads_it(tmp_path):
    import uuid

    import pandas as pd

    from competentiecheck.qualitative.refi_qda import CodedProject

    def guid(*parts):  # the documented stable GUID, worked out here with uuid itself
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "competentiecheck:" + "/".join(parts))).upper()

    project = CodedProject(
        name="Proef",
        codes=pd.DataFrame(
            [
                {"code_guid": "C-2", "code": "Sub", "path": ("Top", "Sub"), "parent_guid": "C-1", "level": 2},
                {"code_guid": "C-1", "code": "Top", "path": ("Top",), "parent_guid": None, "level": 1},
            ]
        ),
        sources=pd.DataFrame(
            {"source_guid": ["S-2", "S-1"], "source": ["b", "a"], "text": ["Tweede.", "Eerste tekst."]}
        ),
        codings=pd.DataFrame(
            [
                {
                    "source_guid": "S-1",
                    "selection_guid": "X-2",
                    "start": 7,
                    "end": 12,
                    "code_guid": "C-2",
                    "coder": "piet",
                },
                {
                    "source_guid": "S-1",
                    "selection_guid": "X-1",
                    "start": 0,
                    "end": 6,
                    "code_guid": "C-1",
                    "coder": "an",
                },
                {
                    "source_guid": "S-2",
                    "selection_guid": "X-3",
                    "start": 0,
                    "end": 6,
                    "code_guid": "C-1",
                    "coder": "an",
                },
            ]
        ),
        cases=pd.DataFrame(
            {"case_guid": ["K-2", "K-1"], "case": ["geval 2", "geval 1"], "source_guid": ["S-2", "S-1"]}
        ),
        # a value left empty, as pandas holds it (NaN), is written as an empty value, not as 'nan'
        variables=pd.DataFrame(
            {"case": ["geval 1", "geval 1"], "variable": ["perceel", "leeg"], "value": ["3", float("nan")]}
        ),
        users=pd.DataFrame({"user_guid": ["U-an"], "user": ["an"]}),
    )
    path = write_qdpx(project, tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["Sources/S-2.txt", "Sources/S-1.txt", "project.qde"]
        assert {(i.date_time, i.compress_type) for i in infos} == {((2025, 1, 1, 0, 0, 0), zipfile.ZIP_DEFLATED)}
        assert archive.read("Sources/S-1.txt") == b"Eerste tekst."
        xml = archive.read("project.qde").decode("utf-8")
    piet, perceel, leeg = guid("user", "piet"), guid("variable", "perceel"), guid("variable", "leeg")
    expected = f"""<?xml version='1.0' encoding='utf-8'?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Proef" origin="competentiecheck">
  <Users>
    <User guid="U-an" name="an"/>
    <User guid="{piet}" name="piet"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="C-1" name="Top" isCodable="true">
        <Code guid="C-2" name="Sub" isCodable="true"/>
      </Code>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="{leeg}" name="leeg" typeOfVariable="Text"/>
    <Variable guid="{perceel}" name="perceel" typeOfVariable="Text"/>
  </Variables>
  <Cases>
    <Case guid="K-1" name="geval 1">
      <VariableValue>
        <VariableRef targetGUID="{perceel}"/>
        <TextValue>3</TextValue>
      </VariableValue>
      <VariableValue>
        <VariableRef targetGUID="{leeg}"/>
        <TextValue></TextValue>
      </VariableValue>
      <SourceRef targetGUID="S-1"/>
    </Case>
    <Case guid="K-2" name="geval 2">
      <SourceRef targetGUID="S-2"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="S-2" name="b" plainTextPath="internal://S-2.txt">
      <PlainTextSelection guid="X-3" startPosition="0" endPosition="6">
        <Coding guid="{guid("coding", "X-3", "C-1", "an")}" creatingUser="U-an">
          <CodeRef targetGUID="C-1"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="S-1" name="a" plainTextPath="internal://S-1.txt">
      <PlainTextSelection guid="X-1" startPosition="0" endPosition="6">
        <Coding guid="{guid("coding", "X-1", "C-1", "an")}" creatingUser="U-an">
          <CodeRef targetGUID="C-1"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="X-2" startPosition="7" endPosition="12">
        <Coding guid="{guid("coding", "X-2", "C-2", "piet")}" creatingUser="{piet}">
          <CodeRef targetGUID="C-2"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""
    assert xml == expected


def test_a_project_without_users_codes_cases_or_codings_still_has_its_columns(tmp_path):
    qde = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Leeg">'
        '<Variables/><Cases><Case guid="K-1" name="geval">'
        '<VariableValue><VariableRef targetGUID="V-9"/></VariableValue>'
        "<VariableValue><TextValue>x</TextValue></VariableValue></Case></Cases>"
        '<Sources><TextSource guid="S-1" name="leeg"><PlainTextContent/></TextSource></Sources></Project>'
    )
    project = read_qdpx(_qdpx(tmp_path / "p.qdpx", qde=qde, files={}))
    assert list(project.users.columns) == ["user_guid", "user"] and project.users.empty
    assert list(project.codes.columns) == ["code_guid", "code", "path", "parent_guid", "level"]
    assert list(project.codings.columns)[:3] == ["source_guid", "source", "selection_guid"] and project.codings.empty
    assert list(project.cases.columns) == ["case_guid", "case", "source_guid"] and project.cases.empty
    assert project.sources.to_dict("records") == [{"source_guid": "S-1", "source": "leeg", "text": ""}]
    variables = project.variables
    assert variables["case"].tolist() == ["geval", "geval"] and variables["variable"].isna().all()
    assert variables["value"].isna().tolist() == [True, False] and variables["value"].iat[1] == "x"


def test_selection_names_count_as_evidence_only_when_they_match_under_some_convention():
    from competentiecheck.qualitative.refi_qda import _evidence_names

    text = "aaaa bbbb\r\ncccc"
    bom = "dddd eeee"
    sources = [
        ("zonder namen", False, [(0, 4, None)]),
        (
            text,
            False,
            [
                (0, 4, "aaaa"),  # as stored
                (10, 14, "cccc"),  # only with CRLF as one
                (5, 9, "Selectie 2"),  # a label: no evidence
                (0, 99, "aaaa"),  # outside the text under every convention
            ],
        ),
        (bom, True, [(1, 5, "dddd")]),  # only with the byte-order mark counted
    ]
    assert _evidence_names(sources) == [
        ("zonder namen", False, [(0, 4, None)]),
        (text, False, [(0, 4, "aaaa"), (10, 14, "cccc"), (5, 9, None), (0, 99, None)]),
        (bom, True, [(1, 5, "dddd")]),
    ]


@pytest.mark.parametrize(
    "name, segment, fits",
    [
        ("De consultant was sterk.", "De consultant was sterk.", True),
        ("De  consultant\nwas sterk.", "De consultant was sterk.", True),  # spaces and line ends folded
        ("De consultant…", "De consultant was sterk.", True),
        ("De consultant ...", "De consultant was sterk.", True),
        ("De consultant", "De consultant was sterk.", False),  # cut off without an ellipsis: a label
        ("…", "De consultant was sterk.", False),
        ("consultant…", "De consultant was sterk.", False),
        ("De consultant was sterk. Meer…", "De consultant was sterk.", False),
        ("Tijd", "De consultant was sterk.", False),
    ],
)
def test_a_selection_name_written_as_the_selected_text(name, segment, fits):
    from competentiecheck.qualitative.refi_qda import _name_fits

    assert _name_fits(name, segment) is fits


def test_an_alternative_that_fails_an_eighth_of_its_checks_is_still_named():
    # as stored 11-15 is outside the 14 characters counted with CRLF as one; as stored, 1 of the 8 checks
    # fails (a start inside a word): below a quarter, so the better convention is named
    text = "aaaa bbbb\r\ncccc"
    with pytest.raises(InputError, match="mislukken 1 van de 8 controles"):
        _choose([(text, False, [(1, 4, None), (5, 9, None), (0, 4, None), (11, 15, None)])], "crlf-as-one")
