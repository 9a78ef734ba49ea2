"""Regenerating the demo exports gives byte-identical files."""

import hashlib

from competentiecheck.core.paths import DEMO_SURVEY
from competentiecheck.survey.demo_data import generate


def test_regeneration_is_byte_identical(tmp_path):
    generate(tmp_path)
    committed = sorted(p.name for p in DEMO_SURVEY.iterdir() if p.is_file() and p.name != "README.md")
    regenerated = sorted(p.name for p in tmp_path.iterdir())
    assert committed == regenerated
    for name in committed:
        a = hashlib.sha256((DEMO_SURVEY / name).read_bytes()).hexdigest()
        b = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        assert a == b, f"{name} differs after regeneration"


def test_literature_synthetic_files_are_byte_identical(tmp_path):
    from competentiecheck.literature.demo import LITERATURE, generate_literature
    from competentiecheck.literature.review import read_records

    real = read_records(LITERATURE)
    generate_literature(tmp_path, included=sorted(r for r in real["record_id"] if not r.startswith("SYN-")))
    for name in ("records_uitgesloten_synthetisch.csv", "screening.csv"):
        assert (tmp_path / name).read_bytes() == (LITERATURE / name).read_bytes(), name
