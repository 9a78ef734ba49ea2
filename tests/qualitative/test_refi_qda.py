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
