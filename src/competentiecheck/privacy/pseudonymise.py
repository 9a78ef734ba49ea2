"""Salted pseudonyms for organisation names, so that no name reaches an output.

The salt is a secret: with it, anyone can hash candidate organisation names and reverse the
pseudonyms. So it never lives in git: it comes from the environment variable
``COMPETENTIECHECK_SALT`` or from an untracked file (``pseudonymisation.salt_file``, in the
git-ignored ``data/raw/survey/``). Only the synthetic demo exports (recognised by their SHA-256,
listed in ``data/demo/survey/SHA256SUMS``) may use the public demo salt; real exports without a salt,
or with the demo salt, stop the run. The audit trail records a fingerprint of the salt, never the salt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DEMO_SURVEY, ROOT, input_files, input_folder, is_demo_input, relative

__all__ = [
    "Salt",
    "interview_labels",
    "resolve_salt",
    "step_salt",
    "keyed_digest",
    "keyed_order",
    "is_demo_export",
    "organisation_key",
    "pseudonym",
    "DEMO_SALT",
    "SALT_ENV",
]

_LEGAL_FORMS = r"\b(bv|bvba|nv|cv|cvba|vzw|vof|comm ?v|srl|sprl|sa|asbl|scrl|gmbh|ltd)\b"
SALT_ENV = "COMPETENTIECHECK_SALT"
# Public on purpose: it only pseudonymises the synthetic demo exports, and is refused for any other export.
DEMO_SALT = "demo-zout-alleen-voor-synthetische-data-5f0c1e9a7b2d4c68"
MIN_SALT_LENGTH = 16


@dataclass(frozen=True)
class Salt:
    value: str
    origin: str  # where it came from, for the notebook (never the value)

    @property
    def fingerprint(self) -> str:
        """Identifies the salt in the audit trail without revealing it (SHA-256 of a tagged salt)."""
        return hashlib.sha256(f"competentiecheck-zout\x1f{self.value}".encode()).hexdigest()[:16]

    @property
    def note(self) -> str:
        return f"{self.origin}; vingerafdruk {self.fingerprint}"


def _demo_checksums() -> dict[str, str]:
    listing = DEMO_SURVEY / "SHA256SUMS"
    if not listing.exists():
        return {}
    sums = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[digest] = name.strip()
    return sums


def is_demo_export(path: Path) -> bool:
    """Is this file one of the synthetic demo exports (by content, not by name or folder)?"""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() in _demo_checksums()


def resolve_salt(exports: list[Path], salt_file: Path) -> Salt:
    """The salt for these exports: the secret one, or the demo salt for demo exports only."""
    env = os.environ.get(SALT_ENV, "").strip()
    salt_file = Path(salt_file)
    if env:
        salt = Salt(env, f"geheim zout uit de omgevingsvariabele {SALT_ENV}")
    elif salt_file.exists():
        salt = Salt(salt_file.read_text(encoding="utf-8").strip(), f"geheim zout uit {relative(salt_file)}")
    else:
        salt = None
    real = [p for p in exports if not is_demo_export(p)]
    if not real:
        return salt or Salt(DEMO_SALT, "publiek demozout (alleen synthetische demo-exports)")
    if salt is None:
        raise InputError(
            f"echte exports ({', '.join(p.name for p in real)}) vragen een geheim zout voor de pseudoniemen: zet het in "
            f"de omgevingsvariabele {SALT_ENV} of in {relative(salt_file)} (niet in git), bv. met "
            f'`python -c "import secrets; print(secrets.token_hex(32))" > {relative(salt_file)}`',
            file=relative(real[0]),
        )
    if salt.value == DEMO_SALT:
        raise InputError(
            "het publieke demozout mag niet met echte exports gebruikt worden: maak een geheim zout aan",
            file=relative(real[0]),
        )
    if len(salt.value) < MIN_SALT_LENGTH:
        raise InputError(
            f"het zout is te kort (minimaal {MIN_SALT_LENGTH} tekens)", file=SALT_ENV if env else relative(salt_file)
        )
    return salt


def step_salt(params: dict, kinds: list[str], folders: dict[str, Path] | None = None) -> Salt:
    """The salt of a step that reads the inputs of ``kinds`` (``folders`` overrides where one is read).

    The team's real inputs (a ``data/raw/<kind>/`` folder, or any folder outside ``data/demo/``) need the
    secret salt, exactly as real survey exports do; the tracked demo inputs may use the public demo salt.
    """
    real: list[Path] = []
    for kind in kinds:
        folder = (folders or {}).get(kind) or input_folder(kind)
        if not is_demo_input(folder):
            real += input_files(Path(folder))
    return resolve_salt(real, ROOT / params["pseudonymisation"]["salt_file"])


def keyed_digest(salt: str, purpose: str, data: bytes) -> str:
    """HMAC-SHA256 of ``data`` under the salt, separated by purpose: without the salt nobody can compute it,
    so it neither reveals an order nor lets a reader confirm a guessed input."""
    return hmac.new(f"{purpose}\x1f{salt}".encode(), data, hashlib.sha256).hexdigest()


def keyed_order(items: list[str], salt: str, purpose: str) -> list[str]:
    """``items`` in an order that only the holder of the salt can compute (a keyed shuffle)."""
    return sorted(items, key=lambda item: (keyed_digest(salt, purpose, item.encode("utf-8")), item))


def organisation_key(name: str) -> str:
    """Fold spelling variants of one organisation: case, accents, punctuation, legal form."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(_LEGAL_FORMS, " ", text)
    return re.sub(r"\s+", " ", text).strip()


def pseudonym(name: str | None, salt: str) -> str | None:
    """``ORG-`` plus 10 hex characters of SHA-256 over salt and folded name."""
    if name is None:
        return None
    key = organisation_key(name)
    if not key:
        return None
    digest = hashlib.sha256(f"{salt}\x1f{key}".encode()).hexdigest()
    return f"ORG-{digest[:10]}"


def interview_labels(cases: list[str], salt: str, prefix: str = "interview") -> dict[str, str]:
    """'interview A', 'interview B', … in an order that only the holder of the secret ``salt`` can compute."""
    order = keyed_order(sorted(set(cases)), salt, f"label {prefix}")
    letters = list(string.ascii_uppercase) + [f"{a}{b}" for a in string.ascii_uppercase for b in string.ascii_uppercase]
    return {case: f"{prefix} {letters[i]}" for i, case in enumerate(order)}
