"""Sending text messages through a pluggable backend (``settings.SMS_BACKEND``, a dotted path to a class).

A backend has ``send(to: str, text: str) -> None`` and raises on failure. Shipped: the console backend (the demo
and development: prints the message, like Django's console e-mail backend) and the memory backend (tests:
``outbox``). A provider's gateway is one small class with the same method.
"""

from __future__ import annotations

import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Backend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleBackend:
    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}:\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()


outbox: list[tuple[str, str]] = []


class MemoryBackend:
    def send(self, to: str, text: str) -> None:
        outbox.append((to, text))


def send_sms(to: str, text: str) -> None:
    backend: Backend = import_string(settings.SMS_BACKEND)()
    backend.send(to, text)
