"""Fixtures and helpers for the Playwright journeys in this folder.

Chromium itself is set up in the root conftest (Debian's /usr/bin/chromium; never `playwright install`).
Here every page opens relative to the live server, in a browser that asks for English (the site must still
answer in Danish), with short timeouts and a watch on the browser console: a script blocked by the
Content-Security-Policy, or any other JavaScript error, fails the journey.

axe-core is injected by axe_playwright_python with ``page.evaluate``. That runs through the DevTools
protocol, which the page's nonce-based Content-Security-Policy does not govern, so no context needs
``bypass_csp`` and the pages are tested under the real policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from mentornet.core.testing import PASSWORD

# A local live server answers in milliseconds; a stuck journey should fail fast rather than hang for 30 s.
TIMEOUT_MS = 5_000

_axe = Axe()


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Pages open relative to the live server: ``page.goto("/log-ind/")``."""
    return str(live_server.url)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "en-GB",  # the site is Danish first, whatever language the browser asks for
        "viewport": {"width": 1280, "height": 800},
    }


@pytest.fixture
def page(page: Page) -> Iterator[Page]:
    """pytest-playwright's page, failing the test if the browser console reports an error."""
    errors: list[str] = []

    def on_console(message: Any) -> None:
        # An error page (404) is itself a "failed resource"; what counts is a failing script, style or image.
        document = message.location.get("url") == page.url and message.text.startswith("Failed to load resource")
        if message.type == "error" and not document:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    assert not errors, "The browser console reported errors:\n" + "\n".join(errors)


def axe_check(page: Page) -> None:
    """Run axe-core on the page as it is now; fail with every violation's rule, help and elements."""
    page.wait_for_load_state()
    violations = _axe.run(page).response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    pytest.fail("\n".join(lines), pytrace=False)


def submit_login_form(page: Page, email: str, password: str = PASSWORD) -> None:
    """Fill in and submit the log-in form on the current page, as a person would."""
    main = page.get_by_role("main")
    main.get_by_label("E-mail").fill(email)
    main.get_by_label("Adgangskode").fill(password)
    main.get_by_role("button", name="Log ind").click()


def login(page: Page, user: User, password: str = PASSWORD) -> None:
    """Log in through the real form (so django-axes sees a real request) and wait for the overview."""
    page.goto("/log-ind/")
    submit_login_form(page, user.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversigt")
