"""Who may write: roles and tokens. A token is shown once, when made, and stored only as
its SHA-256 (tokens are 256 random bits, so a fast hash is enough: nothing to brute-force).

- viewer: reads (as anyone may, when reading is open);
- editor: also confirms, corrects, rejects, merges and splits facts;
- admin: also everything an editor does (and, later, managing users).
"""

from __future__ import annotations

import hashlib
import secrets

ROLES = ("viewer", "editor", "admin")
WRITERS = ("editor", "admin")  # roles that may record decisions
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def can_write(role: str) -> bool:
    return role in WRITERS
