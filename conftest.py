"""Shared fixtures: named personas, settings for tests, and Playwright with Debian's Chromium."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.core.cache import cache

from mentornet.accounts.models import Role, User
from mentornet.core.testing import make_branch, make_organisation, make_programme, make_user
from mentornet.notifications import sms
from mentornet.organisations.models import Branch, Organisation, Programme

# live_server runs in a thread beside sync Playwright.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    """Plain static files (no collectstatic), tasks run at once, and nothing carried between tests: no lockouts, no
    cached figures, no text messages."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SMS_BACKEND = "mentornet.notifications.sms.MemoryBackend"
    sms.outbox.clear()
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_lists(request: pytest.FixtureRequest) -> None:
    """The languages, list items and default consent texts that a data migration loads.

    A transactional test (every browser journey) empties all tables when it ends, so a later test would find
    the lists gone: load them again, exactly as the migration does, whenever a database test starts without them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not (marker or transactional or "db" in request.fixturenames):
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps

    from mentornet.people.models import Language

    if not Language.objects.exists():
        import_module("mentornet.people.migrations.0002_reference_data").load(apps, None)


@dataclass
class World:
    """Two organisations. KVINFO has København and Tingbjerg; Ishøj is another organisation altogether."""

    kvinfo: Organisation
    kbh: Branch
    tingbjerg: Branch
    kbh_programme: Programme
    tingbjerg_programme: Programme
    ishoj: Organisation
    ishoj_branch: Branch


@pytest.fixture
def world(db: None) -> World:
    kvinfo = make_organisation(name="KVINFOs Mentornetværk")
    kbh = make_branch(kvinfo, name="København")
    tingbjerg = make_branch(kvinfo, name="Tingbjerg")
    ishoj = make_organisation(name="Ishøj Kommune", kind=Organisation.Kind.MUNICIPALITY)
    return World(
        kvinfo=kvinfo,
        kbh=kbh,
        tingbjerg=tingbjerg,
        kbh_programme=make_programme(kbh, name="Mentornetværket København"),
        tingbjerg_programme=make_programme(tingbjerg, name="Mentornetværk i Tingbjerg"),
        ishoj=ishoj,
        ishoj_branch=make_branch(ishoj, name="#MentorIshøj"),
    )


@pytest.fixture
def alice(world: World) -> User:
    """Coordinator in København."""
    return make_user(role=Role.COORDINATOR, branch=world.kbh, email="alice@example.org", full_name="Alice Andersen")


@pytest.fixture
def bob(world: World) -> User:
    """Mentor in København."""
    return make_user(role=Role.MENTOR, branch=world.kbh, email="bob@example.org", full_name="Bob Berg")


@pytest.fixture
def charlie(world: World) -> User:
    """Coordinator in Tingbjerg: an outsider to København's objects."""
    return make_user(
        role=Role.COORDINATOR, branch=world.tingbjerg, email="charlie@example.org", full_name="Charlie Christensen"
    )


@pytest.fixture
def olivia(world: World) -> User:
    """Organisation admin of KVINFO."""
    return make_user(
        role=Role.ORGANISATION_ADMIN, organisation=world.kvinfo, email="olivia@example.org", full_name="Olivia Olsen"
    )


@pytest.fixture
def rashid(world: World) -> User:
    """Partner referrer (jobkonsulent) in Tingbjerg."""
    return make_user(role=Role.REFERRER, branch=world.tingbjerg, email="rashid@example.org", full_name="Rashid Rahman")


@pytest.fixture
def nadia(world: World) -> User:
    """Municipal analyst in Ishøj Kommune."""
    return make_user(role=Role.ANALYST, organisation=world.ishoj, email="nadia@example.org", full_name="Nadia Nielsen")


@pytest.fixture
def ivan(world: World) -> User:
    """Organisation admin of Ishøj: an outsider to KVINFO."""
    return make_user(
        role=Role.ORGANISATION_ADMIN, organisation=world.ishoj, email="ivan@example.org", full_name="Ivan Iversen"
    )
