"""Salted pseudonyms for organisation names, so that no name reaches an output."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .errors import InputError
from .paths import relative

__all__ = ["load_salt", "organisation_key", "pseudonym"]

_LEGAL_FORMS = r"\b(bv|bvba|nv|cv|cvba|vzw|vof|comm ?v|srl|sprl|sa|asbl|scrl|gmbh|ltd)\b"


def load_salt(path: Path) -> str:
    """The secret salt; a missing or short salt stops the run with instructions."""
    path = Path(path)
    if not path.exists():
        raise InputError(
            "het zoutbestand voor pseudonimisering ontbreekt; maak het aan met een lange geheime "
            "tekst (bv. `python -c \"import secrets; print(secrets.token_hex(32))\" > BESTAND`)",
            file=relative(path))
    salt = path.read_text(encoding="utf-8").strip()
    if len(salt) < 16:
        raise InputError("het zout is te kort (minimaal 16 tekens)", file=relative(path))
    return salt


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
    digest = hashlib.sha256(f"{salt}\x1f{key}".encode("utf-8")).hexdigest()
    return f"ORG-{digest[:10]}"
