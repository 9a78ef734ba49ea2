"""Regenerating the demo exports gives byte-identical files."""

import hashlib

from competentiecheck.demo_data import generate
from competentiecheck.paths import RAW_SURVEY


def test_regeneration_is_byte_identical(tmp_path):
    generate(tmp_path)
    committed = sorted(p.name for p in RAW_SURVEY.iterdir() if p.is_file() and p.name != "README.md")
    regenerated = sorted(p.name for p in tmp_path.iterdir())
    assert committed == regenerated
    for name in committed:
        a = hashlib.sha256((RAW_SURVEY / name).read_bytes()).hexdigest()
        b = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        assert a == b, f"{name} differs after regeneration"
