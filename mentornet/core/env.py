"""Typed helpers that read settings from the environment and fail loudly.

Values come from the process environment; a ``.env`` file in the project root
fills in what the environment does not set (see ``.env.example``).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def load_dotenv(path: Path) -> None:
    """Read KEY=value lines from ``path`` into os.environ without overriding."""
    if not path.is_file():
        return
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ImproperlyConfigured(f"{path}:{number}: expected KEY=value")
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def _raw(name: str, required: bool) -> str | None:
    value = os.environ.get(name)
    if value is None and required:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see .env.example).")
    return value


def env_str(name: str, default: str | None = None) -> str:
    """A string; required when there is no default."""
    value = _raw(name, default is None)
    return value if value is not None else str(default)


def env_bool(name: str, default: bool | None = None) -> bool:
    value = _raw(name, default is None)
    if value is None:
        return bool(default)
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int | None = None) -> int:
    value = _raw(name, default is None)
    if value is None:
        return int(default or 0)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Comma-separated values."""
    value = _raw(name, default is None)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]
