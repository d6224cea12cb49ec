"""Personal data at rest: Fernet encryption, masking for display, and keyed lookup hashes.

The Fernet key is derived from DATA_ENCRYPTION_KEY with HKDF, so operators can supply any long random
string; rotating it means re-encrypting (not done automatically).
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64encode
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


@lru_cache(maxsize=8)
def _fernet(key_material: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"shezutong-pii", info=b"fernet").derive(
        key_material.encode())
    return Fernet(urlsafe_b64encode(derived))


class PersonalData:
    """Encrypts, decrypts and hashes personal fields with one key."""

    def __init__(self, key_material: str):
        self._fernet = _fernet(key_material)
        self._hmac_key = hashlib.sha256(b"lookup:" + key_material.encode()).digest()

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ValueError("personal data cannot be decrypted with the configured key") from None

    def lookup_hash(self, value: str) -> str:
        """A keyed hash for equality lookups without storing the plaintext."""
        return hmac.new(self._hmac_key, value.encode(), hashlib.sha256).hexdigest()


def mask_phone(phone: str | None) -> str:
    """138****1234 style; short or odd values keep only their last two characters."""
    if not phone:
        return ""
    if len(phone) >= 11:
        return phone[:3] + "****" + phone[-4:]
    return "*" * max(len(phone) - 2, 0) + phone[-2:]
