"""Issue 18 (points 1, 2 and part of 5): every coded document counts, coders matched on normalised names,
positions checked against the text, nonsense profile rules and empty codings refused.

Each test builds its own small REFI-QDA project (:func:`write_qdpx`, sentences of the demo templates) or
spreadsheet in ``tmp_path``; counts are worked out by hand in the comments.
"""

import warnings

import pandas as pd
import pytest
import yaml

from competentiecheck.core.errors import InputError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA
from competentiecheck.documents.profiles import assign_profiles, parse_rules
from competentiecheck.interviews.analysis import analyse_interviews
from competentiecheck.interviews.demo import INTERVIEWS, TEMPLATES
from competentiecheck.interviews.report import interviews_chapter
from competentiecheck.qualitative.agreement import double_coding_agreement
from competentiecheck.qualitative.codebook import load_scheme, path_text
from competentiecheck.qualitative.coded_data import load_coded_data
from competentiecheck.qualitative.demo_coding import Transcript, coding_rows, demo_users, scheme_code_rows
from competentiecheck.qualitative.refi_qda import CodedProject, read_qdpx, stable_guid, write_qdpx

PARAMS = load_params("totaal")
SCHEME = load_scheme(DATA / "codebook" / "swot.yml")
CASES = pd.read_csv(INTERVIEWS / "casussen.csv", dtype=str)
SALT = "test-zout-" + "0123456789abcdef"
S, W, T = "2. Strengths", "3. Weaknesses", "5. Threats"
CONSULTANTS, LEADERSHIP, TIME, FOLLOW_UP = (
    (S, "Begeleiding", "Consultants"),
    (S, "Leiderschap"),
    (W, "Tijd"),
    (T, "Opvolging"),
)
A, B = "codeur A", "codeur B"


def _transcript(case: str, codes: list) -> Transcript:
    """A short transcript with one coded answer per code (the first sentence of the demo template)."""
    transcript = Transcript()
    transcript.say(f"Interview met {case} (synthetische testtekst).\n")
    for code in codes:
        transcript.say("Interviewer: Kunt u daar iets meer over vertellen?\n")
        transcript.answer(TEMPLATES[code][1][0], code)
    return transcript


def _project(
    file, interviews: dict, users=(A, B), newline: str = "\n", bom: bool = False, positions: str = "as-stored"
):
    """Write ``{case: {coder: [codes]}}`` as a REFI-QDA project.

    ``newline``: the stored line end; ``bom``: the stored source starts with a byte-order mark;
    ``positions``: how the exporting tool counted: 'as-stored' (right), 'crlf-as-one' (a CRLF as one
    character) or 'bom-counted' (the byte-order mark as a character).
    """
    sources, rows, cases = [], [], []
    segments = {}
    for case, by_coder in interviews.items():
        union = [
            c for c in (CONSULTANTS, LEADERSHIP, TIME, FOLLOW_UP) if any(c in codes for codes in by_coder.values())
        ]
        transcript = _transcript(case, union)
        text = transcript.text.replace("\n", newline)
        guid = stable_guid("source", case)
        lf_text = transcript.text

        def stored(p: int) -> int:  # a position in the text with '\n' -> the same place in the stored text
            return p + (len(newline) - 1) * lf_text.count("\n", 0, p)

        items = {
            coder: [(s, e, code) for s, e, code in transcript.codings if code in codes]
            for coder, codes in by_coder.items()
        }
        for coder, found in items.items():
            for s, e, code in found:
                segments[(case, coder, code)] = lf_text[s:e]
                if positions == "as-stored":
                    s, e = stored(s), stored(e)
                if positions == "bom-counted":
                    s, e = stored(s) + 1, stored(e) + 1
                rows += coding_rows(case, guid, text, [(coder, [(s, e, code)])])
        sources.append({"source_guid": guid, "source": case, "text": ("\ufeff" if bom else "") + text})
        cases.append({"case_guid": stable_guid("case", case), "case": case, "source_guid": guid})
    project = CodedProject(
        name="test",
        codes=pd.DataFrame(scheme_code_rows(SCHEME)),
        sources=pd.DataFrame(sources),
        codings=pd.DataFrame(rows),
        cases=pd.DataFrame(cases),
        users=demo_users(list(users)),
    )
    return write_qdpx(project, file), segments


def _documents(results, path) -> tuple[int, int]:
    row = results.swot.set_index("path").loc[path_text(path)]
    return int(row["documents"]), int(row["segments"])


# --------------------------------------------------------------------------- point 1: every coded document counts


def test_coders_who_split_the_work_count_every_interview(tmp_path):
    # A codes interviews 1-4 and 9, B codes 5-8 and interview 2 again (A 5 documents, B 5: a tie, A first)
    org = [f"organisatie {k}" for k in range(1, 10)]
    file, _ = _project(
        tmp_path / "verdeeld.qdpx",
        {
            org[0]: {A: [CONSULTANTS, LEADERSHIP]},
            org[1]: {A: [CONSULTANTS, TIME], B: [CONSULTANTS, TIME, LEADERSHIP]},
            org[2]: {A: [CONSULTANTS, FOLLOW_UP]},
            org[3]: {A: [CONSULTANTS, FOLLOW_UP]},
            org[4]: {B: [CONSULTANTS, LEADERSHIP]},
            org[5]: {B: [CONSULTANTS, LEADERSHIP]},
            org[6]: {B: [CONSULTANTS, TIME]},
            org[7]: {B: [CONSULTANTS, FOLLOW_UP]},
            org[8]: {A: [CONSULTANTS, LEADERSHIP]},
        },
    )
    data = load_coded_data([file], SCHEME, CASES)
    results = analyse_interviews(data, PARAMS, SALT)
    assert results.n_interviews == 9 and results.n_double == 1
    # by hand: Begeleiding (via Consultants) in all 9; Leiderschap in 1, 5, 6, 9 (B's Leiderschap in interview 2
    # is the second coding, not counted); Tijd in 2 and 7; Opvolging in 3, 4 and 8
    assert _documents(results, (S, "Begeleiding")) == (9, 9)
    assert _documents(results, LEADERSHIP) == (4, 4)
    assert _documents(results, TIME) == (2, 2)
    assert _documents(results, FOLLOW_UP) == (3, 3)
    assert set(results.primary["case"]) == set(org)
    assert data.coder_ranking() == [A, B]
    assert data.primary_coders().to_dict() == {**{o: A for o in org[:4]}, **{o: B for o in org[4:8]}, org[8]: A}
    assert results.coding_rule == (
        "per interview de coderingen van de codeur die het codeerde (codeur A of codeur B); "
        "bij een interview dat twee codeurs codeerden die van codeur A, die de meeste "
        "interviews codeerde"
    )
    chapter = interviews_chapter(results, PARAMS, "swot.png", "matrix.png")
    assert "De 9 interviews" in chapter and "die van codeur A, die de meeste interviews codeerde" in chapter


def test_the_demo_counts_codeur_a_everywhere_who_also_coded_most():
    data = load_coded_data(
        sorted(INTERVIEWS.glob("*.qdpx")) + sorted(INTERVIEWS.glob("segmenten_*.csv")), SCHEME, CASES
    )
    assert data.coder_ranking() == [A, B] and set(data.primary_coders()) == {A}
    assert data.primary_rule() == "de coderingen van codeur A"  # the sentence of chapter 7 as before
    assert data.primary_codings().equals(data.codings[data.codings["coder"] == A])


def test_a_coder_spelled_differently_in_a_flat_export_is_the_same_coder(tmp_path):
    flat = pd.read_csv(INTERVIEWS / "segmenten_codeur_a.csv", dtype=str, keep_default_na=False)
    flat["codeur"] = " Codeur  A"
    flat.to_csv(tmp_path / "segmenten.csv", index=False)
    data = load_coded_data([INTERVIEWS / "interviews.qdpx", tmp_path / "segmenten.csv"], SCHEME, CASES)
    assert data.coders == [A, B]  # the project's spelling
    results = analyse_interviews(data, PARAMS, SALT)
    assert results.n_interviews == 9 and "organisatie 9" in set(results.primary["case"])


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_an_empty_coder_cell_names_file_row_and_column(tmp_path, suffix):
    frame = pd.DataFrame(
        {
            "Document": ["organisatie 9"] * 3,
            "Coded by": ["codeur A", None, "codeur A"],
            "Code": ["2. Strengths > Leiderschap"] * 3,
            "Segment": ["een", "twee", "drie"],
        }
    )
    file = tmp_path / f"segmenten.{suffix}"
    frame.to_excel(file, index=False) if suffix == "xlsx" else frame.to_csv(file, index=False)
    with pytest.raises(InputError) as err:
        load_coded_data([file], SCHEME, CASES)
    assert err.value.row == 3 and err.value.column == "Coded by" and f"segmenten.{suffix}" in str(err.value)
    assert "codeur" in str(err.value)


def test_a_coding_by_someone_not_among_the_project_users_names_the_coding(tmp_path):
    file, _ = _project(tmp_path / "p.qdpx", {"organisatie 1": {A: [CONSULTANTS], B: [LEADERSHIP]}}, users=(A,))
    # the writer lists every coder as a user: take B out of <Users> again, as a tool might leave it
    import zipfile

    with zipfile.ZipFile(file) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    guid_b = stable_guid("user", B)
    xml = members["project.qde"].decode()
    user_b = next(line for line in xml.splitlines() if guid_b in line and "<User " in line)
    members["project.qde"] = xml.replace(user_b, "").encode()
    with zipfile.ZipFile(file, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    coding = stable_guid(
        "coding",
        stable_guid("selection", "organisatie 1", *map(str, _selection(LEADERSHIP))),
        stable_guid("code", path_text(LEADERSHIP)),
        B,
    )
    with pytest.raises(InputError) as err:
        load_coded_data([file], SCHEME, CASES)
    assert coding in str(err.value) and guid_b in str(err.value) and "p.qdpx" in str(err.value)


def _selection(code):
    """Start and end of ``code``'s answer in the transcript of organisatie 1 coded with Consultants and it."""
    transcript = _transcript("organisatie 1", [CONSULTANTS, code])
    return next((s, e) for s, e, c in transcript.codings if c == code)


def test_agreement_compares_each_doubly_coded_document_with_its_own_second_coder():
    # A codes d1-d3, B d4, C codes d1 again: kappa must compare A with C on d1 (not A with B, who never met A)
    codings = pd.DataFrame(
        {
            "case": ["d1", "d2", "d3", "d4", "d1"],
            "coder": [A, A, A, B, "codeur C"],
            "path": [LEADERSHIP, LEADERSHIP, TIME, TIME, LEADERSHIP],
        }
    )
    table, alpha, n_double = double_coding_agreement(codings, [path_text(LEADERSHIP), path_text(TIME)], A)
    assert n_double == 1 and table.set_index("code").loc[path_text(LEADERSHIP), "documents"] == 1
    assert table.set_index("code").loc[path_text(LEADERSHIP), "agreement"] == 1.0


# --------------------------------------------------------------------------- point 2: positions against the text

INTERVIEWS_3 = {f"organisatie {k}": {A: [CONSULTANTS, LEADERSHIP, TIME, FOLLOW_UP]} for k in (1, 2, 3)}


def test_positions_counting_crlf_as_one_are_detected_with_newlines_left_at_default(tmp_path):
    file, segments = _project(tmp_path / "crlf.qdpx", INTERVIEWS_3, newline="\r\n", positions="crlf-as-one")
    with pytest.raises(InputError) as err:
        load_coded_data([file], SCHEME, CASES)  # without the setting named: both steps' options
    message = str(err.value)
    assert "crlf.qdpx" in message and "(interviews.newlines of partnerships.newlines) op 'crlf-as-one'" in message
    with pytest.raises(InputError, match="zet interviews.newlines op 'crlf-as-one'"):
        load_coded_data([file], SCHEME, CASES, setting="interviews.newlines")
    data = load_coded_data([file], SCHEME, CASES, newlines="crlf-as-one")  # set as told: every segment right
    assert {(r.case, r.coder, r.path): r.text for r in data.codings.itertuples()} == segments


def test_positions_counting_the_byte_order_mark_are_corrected_and_said(tmp_path):
    file, segments = _project(tmp_path / "bom.qdpx", INTERVIEWS_3, bom=True, positions="bom-counted")
    with pytest.warns(UserWarning, match="byte-order-teken"):
        data = load_coded_data([file], SCHEME, CASES)
    assert {(r.case, r.coder, r.path): r.text for r in data.codings.itertuples()} == segments
    assert list(data.positions.values()) == ["as-stored; byte-order-teken meegeteld"]
    # a CRLF file whose tool counted both the line ends as one and the mark: the newlines setting is named first
    file, _ = _project(tmp_path / "beide.qdpx", INTERVIEWS_3, newline="\r\n", bom=True, positions="crlf-as-one")
    with pytest.raises(InputError, match="'crlf-as-one'"):
        load_coded_data([file], SCHEME, CASES)


def test_correct_positions_with_crlf_and_a_byte_order_mark_read_as_before(tmp_path):
    file, segments = _project(tmp_path / "goed.qdpx", INTERVIEWS_3, newline="\r\n", bom=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = load_coded_data([file], SCHEME, CASES)
    texts = {(r.case, r.coder, r.path): r.text.replace("\r\n", "\n") for r in data.codings.itertuples()}
    assert texts == segments and set(data.positions.values()) == {"as-stored"}


def test_a_selection_name_that_differs_from_the_text_counts_against_the_convention(tmp_path):
    # one short selection per source: boundaries alone are too few to decide, the names (written by the tool
    # as the selected text) tell that the positions count a CRLF as one character
    import zipfile

    file, segments = _project(
        tmp_path / "naam.qdpx",
        {f"organisatie {k}": {A: [TIME]} for k in (1, 2)},
        newline="\r\n",
        positions="crlf-as-one",
    )
    with zipfile.ZipFile(file) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["project.qde"].decode()
    members["project.qde"] = xml.replace(
        "<PlainTextSelection ", f'<PlainTextSelection name="{segments[("organisatie 1", A, TIME)]}" '
    ).encode()
    with zipfile.ZipFile(file, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(InputError, match="op 'crlf-as-one'"):
        read_qdpx(file)


# --------------------------------------------------------------------------- point 5 (part): rules that read nonsense


@pytest.mark.parametrize("value", ["0", "yes", "4", "1.5"])
def test_at_least_must_be_a_whole_number_from_one_to_the_indicators(value):
    definition = yaml.safe_load(f"""
- name: betrokken
  indicators: ["{S} > Medewerkers", "{S} > Leiderschap", "{S} > Begeleiding"]
  rule: {{at_least: {value}}}
""")
    with pytest.raises(InputError) as err:
        parse_rules(definition, SCHEME, "data/demo/documenten/profielen.yml")
    message = str(err.value)
    assert (
        "profielen.yml" in message
        and "'betrokken'" in message
        and "at_least" in message
        and "1 tot en met 3" in message
    )


def test_at_least_one_still_reads():
    rules = parse_rules([{"name": "x", "indicators": [f"{S} > Leiderschap"], "rule": {"at_least": 1}}], SCHEME, "p.yml")
    codings = pd.DataFrame({"case": ["d1"], "path": [LEADERSHIP]})
    assert assign_profiles(codings, rules, ["d1", "d2"])["x"].tolist() == [1, 0]


def test_a_zero_length_selection_is_refused_naming_file_and_selection(tmp_path):
    file, _ = _project(tmp_path / "leeg.qdpx", {"organisatie 1": {A: [CONSULTANTS, LEADERSHIP]}})
    import zipfile

    with zipfile.ZipFile(file) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    start, end = _selection(LEADERSHIP)
    selection = stable_guid("selection", "organisatie 1", str(start), str(end))
    members["project.qde"] = (
        members["project.qde"]
        .decode()
        .replace(f'startPosition="{start}" endPosition="{end}"', f'startPosition="{start}" endPosition="{start}"')
        .encode()
    )
    with zipfile.ZipFile(file, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(InputError) as err:
        load_coded_data([file], SCHEME, CASES)
    assert selection in str(err.value) and "leeg.qdpx" in str(err.value) and "lengte 0" in str(err.value)


def test_a_zero_length_row_of_a_flat_export_is_refused_naming_file_document_and_code(tmp_path):
    file = tmp_path / "segmenten.csv"
    file.write_text(
        "document,codeur,code,begin,einde,segment\n"
        "organisatie 9,codeur A,2. Strengths > Leiderschap,10,40,Als zaakvoerder vind ik dat belangrijk.\n"
        "organisatie 9,codeur A,3. Weaknesses > Tijd,50,50,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_coded_data([file], SCHEME, CASES)
    message = str(err.value)
    assert "segmenten.csv" in message and "organisatie 9" in message and "3. Weaknesses > Tijd" in message
