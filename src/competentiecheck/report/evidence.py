"""What the audit appendix cites, shipped next to each report with its SHA-256, so that a reviewer can
check it from the report alone.

``report/_output/<run>/`` holds, besides the report and the executed notebooks (``notebooks/``), the
folder ``verantwoording/``: the run's manifest (``manifest.json``: the audit record with the public
name of each input, never the name the team gave a file), the published tables the pipeline is held
against (``data/published/*.csv``, transcribed from the evaluated report) and the data notes
(``data/README.md``: what is real and what is synthetic, file by file). ``SHA256SUMS`` lists every
shipped file in the format of ``sha256sum`` (``sha256sum -c SHA256SUMS`` in the run's folder), and the
appendix prints the same list.

Only what passes the output check is shipped (:func:`~competentiecheck.privacy.output_check.check_shipped_file`):
a published table with counts of people below the threshold or unrounded (the composition of the sample,
§6.1) stays in the repository, and the appendix says so.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA, PUBLISHED, relative
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.output_check import check_shipped_file
from competentiecheck.report.errors import RenderError
from competentiecheck.report.provenance import sha256

__all__ = ["FOLDER", "SUMS_FILE", "DATA_NOTES", "public_manifest", "ship_evidence", "write_checksums", "read_checksums"]

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
        shutil.copyfile(source, target)
        findings = check_shipped_file(target, disclosure, record["run"])
        if findings:
            target.unlink()
            left_out[relative(source)] = findings[0].what
        else:
            written.append(target)
    return written, left_out


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
