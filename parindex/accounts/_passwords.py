"""Password hashes: salted scrypt from the standard library, slow on purpose, compared in constant time.

A stored hash reads ``scrypt$N$r$p$salt$hash`` (salt and hash in base64), so the cost can be raised
later and old hashes still verify (:func:`needs_rehash` tells when to store a new one). The clear
password is never stored, logged or kept anywhere; only this string is.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

COST_N, COST_R, COST_P = 2**15, 8, 1  # about 32 MiB and 0,1 s per check: slow for a guesser, fine for a login
SALT_BYTES, KEY_BYTES = 16, 32
MIN_LENGTH = 10
MAX_PASSWORD_CHARS = 256  # a passphrase fits; a pasted file would only cost hashing time


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * r * n + 2**20, dklen=KEY_BYTES
    )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, COST_N, COST_R, COST_P)
    encode = base64.b64encode
    return f"scrypt${COST_N}${COST_R}${COST_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``; a missing or malformed hash never matches.

    A missing hash still costs one derivation, so an unknown user takes as long as a wrong password. A password
    longer than any accepted one (:data:`MAX_PASSWORD_CHARS`) never matches, and is not hashed.
    """
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        expected = base64.b64decode(digest, validate=True)
        actual = _derive(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except ValueError:
        _derive(password, b"no-such-user-salt", COST_N, COST_R, COST_P)
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    return not stored.startswith(f"scrypt${COST_N}${COST_R}${COST_P}$")


def weak_password_reason(password: str, username: str = "") -> str | None:
    """A message key when the password is too weak to accept, else None."""
    if len(password) < MIN_LENGTH:
        return "auth.password_short"
    if len(password) > MAX_PASSWORD_CHARS:
        return "auth.password_long"
    if username and username.casefold() in password.casefold():
        return "auth.password_has_name"
    if len(set(password)) < 4:
        return "auth.password_repetitive"
    return None
