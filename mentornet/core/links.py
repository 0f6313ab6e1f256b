"""The secrets in links that need no log-in (a mentee's choice, an answer, a questionnaire, a calendar feed).

Each link's secret is derived from a random salt stored on its record, a purpose and the site's secret key, so it
is never stored; what is stored to look it up is its SHA-256 hash. A leaked database gives no working links.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import salted_hmac


def new_salt() -> str:
    return secrets.token_hex(16)


def link_token(purpose: str, salt: str) -> str:
    """The secret in a link: 43 characters, the same for the same purpose and salt."""
    return salted_hmac(purpose, salt, algorithm="sha256").hexdigest()[:43]


def token_hash(token: str) -> str:
    """What is stored of a link's secret, to find its record."""
    return hashlib.sha256(token.encode()).hexdigest()
