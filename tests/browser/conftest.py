"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`.")
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `npm ci`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "allow_origins(*prefixes): URL prefixes a browser test may request besides the site",
    )


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab; fails the test if any request leaves the site's origin.

    A test that expects a request elsewhere (a video player after the visitor pressed play)
    names it with @pytest.mark.allow_origins("https://www.youtube-nocookie.com/").
    """
    allowed = [live_server.url, "data:", "blob:"]
    for marker in request.node.iter_markers("allow_origins"):
        allowed.extend(marker.args)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    foreign = []
    tab.on(
        "request",
        lambda req: None if req.url.startswith(tuple(allowed)) else foreign.append(req.url),
    )
    yield tab
    context.close()
    assert foreign == [], f"Requests left the site's origin: {foreign}"


def assert_no_axe_violations(page):
    """Run axe-core on the page as it is now; fail listing every WCAG 2.2 A/AA violation."""
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]
    assert violations == [], f"axe found violations on {page.url}:\n" + "\n".join(violations)


@pytest.fixture
def axe():
    return assert_no_axe_violations


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} never received focus after {limit} presses of Tab")


def type_by_keyboard(page, fields: dict[str, str]):
    """Tab to each field in turn and type into it, as a keyboard user fills a form."""
    for selector, text in fields.items():
        tab_to(page, selector)
        page.keyboard.type(text)


def choose_by_keyboard(page, selector, value, limit=40):
    """Tab to a <select> and move through it with the arrow keys until `value` is chosen."""
    tab_to(page, selector)
    for _ in range(limit):
        if page.locator(selector).input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"Could not reach {value!r} in {selector}")


def press_button(page, selector):
    """Tab to a button or link and press Enter."""
    tab_to(page, selector)
    page.keyboard.press("Enter")


def sign_in(page, user, password):
    """Sign in through the real form with the keyboard, ending on My KNOWvember."""
    page.goto("/accounts/login/")
    type_by_keyboard(page, {"#id_login": user.email, "#id_password": password})
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/")
