"""What the audit appendix cites, shipped next to each report with its SHA-256, so that a reviewer can
check it from the report alone.

``report/_output/<run>/`` holds, besides the report and the executed notebooks (``notebooks/``), the
folder ``verantwoording/``: the run's manifest (``manifest.json``: the audit record with the public
name of each input, never the name the team gave a file), the published tables the pipeline is held
against (``data/published/*.csv``, transcribed from the evaluated report) and the data notes
(``data/README.md``: what is real and what is synthetic, file by file; freely chosen file names replaced
as in the appendix). ``SHA256SUMS`` lists every
shipped file in the format of ``sha256sum`` (``sha256sum -c SHA256SUMS`` in the run's folder), and the
appendix prints the same list.

Only what passes the output check is shipped (:func:`~competentiecheck.privacy.output_check.check_shipped_file`):
a published table with counts of people below the threshold or unrounded (the composition of the sample,
§6.1) stays in the repository, and the appendix says so.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import (
    DATA,
    FIXED_INPUT_NAMES,
    NAMED_BY_THE_TEAM,
    PUBLISHED,
    input_files,
    input_folder,
    public_name,
    relative,
    survey_folder,
)
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.output_check import check_shipped_file
from competentiecheck.report.errors import RenderError
from competentiecheck.report.provenance import sha256

__all__ = [
    "FOLDER",
    "SUMS_FILE",
    "DATA_NOTES",
    "public_manifest",
    "data_notes",
    "ship_evidence",
    "write_checksums",
    "read_checksums",
]

FOLDER = "verantwoording"
SUMS_FILE = "SHA256SUMS"
DATA_NOTES = DATA / "README.md"


def public_manifest(record: dict) -> dict:
    """The run's audit record as it may leave the team: each input by its public name and fingerprint
    (the path a team gave a real file may name a case, :func:`~competentiecheck.core.paths.public_name`)."""
    public = copy.deepcopy(record)
    for step in public["steps"].values():
        step["inputs"] = [{"file": item["public_name"], "fingerprint": item["fingerprint"]} for item in step["inputs"]]
    return public


def ship_evidence(record: dict, out_dir: Path) -> tuple[list[Path], dict[str, str]]:
    """Write ``verantwoording/`` under ``out_dir`` (a run's report folder, or its staging copy).

    Returns the written files and, for each candidate left out, the reason (the output check's finding).
    """
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    disclosure = Disclosure.from_params(load_params(record["run"]))
    manifest = folder / "manifest.json"
    manifest.write_text(
        json.dumps(public_manifest(record), indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    findings = check_shipped_file(manifest, disclosure, record["run"])
    if findings:
        raise RenderError(f"het manifest van run {record['run']} doorstaat de uitvoercontrole niet: {findings[0]}")
    written, left_out = [manifest], {}
    for source in [DATA_NOTES, *sorted(PUBLISHED.glob("*.csv"))]:
        target = folder / relative(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source == DATA_NOTES:
            target.write_text(data_notes(), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        findings = check_shipped_file(target, disclosure, record["run"])
        if findings:
            target.unlink()
            left_out[relative(source)] = findings[0].what
        else:
            written.append(target)
    return written, left_out


def data_notes() -> str:
    """``data/README.md`` as a reader may get it: the names of the input files the team names freely
    (and the demo's, which stand in for them) become 'bestand k' of their folder, as in the audit
    appendix (:func:`~competentiecheck.core.paths.public_name`); the output check refuses those names."""
    text = DATA_NOTES.read_text(encoding="utf-8")
    replacements = {}
    folders = [survey_folder()] + [input_folder(kind) for kind in NAMED_BY_THE_TEAM if kind != "survey"]
    for source in (path for folder in folders for path in input_files(folder)):
        if source.name.casefold() in FIXED_INPUT_NAMES:
            continue
        public = Path(public_name(source)).name
        replacements[source.name] = public
        if len(source.stem) >= 8 and any(c in source.stem for c in "_-0123456789"):  # as the output check
            replacements.setdefault(source.stem, Path(public).stem)
    for name in sorted(replacements, key=len, reverse=True):  # a name before its stem
        text = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", replacements[name], text)
    note = (
        "> Published with the report: the names of input files a team names freely are shown as "
        "'bestand k' of their folder, as in the report's audit appendix.\n\n"
    )
    return note + text


def write_checksums(out_dir: Path, files: list[Path]) -> dict[str, str]:
    """``SHA256SUMS`` in ``out_dir``: one line per file, ``<sha256>  <path relative to out_dir>``, sorted;
    returns the same as a mapping path -> checksum."""
    out_dir = Path(out_dir)
    sums = {path.relative_to(out_dir).as_posix(): sha256(path) for path in files}
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
    (out_dir / SUMS_FILE).write_text(lines, encoding="utf-8")
    return dict(sorted(sums.items()))


def read_checksums(path: Path) -> dict[str, str]:
    """A ``SHA256SUMS`` file read back: path -> checksum."""
    sums = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums
