"""A journey through the platform in a real browser: steps, screenshots, axe, network guard.

Every page a journey lands on is checked with axe-core (serious and critical violations fail
the test, reported readably at the end so one finding does not hide the rest), screenshotted,
and every request is held to the server under test: anything else is blocked and fails the test.
Anything the Content-Security-Policy refused (an inline script or style, a form sent elsewhere)
fails the test too: the browser's ``securitypolicyviolation`` events and its console reports.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, Route

FAILING_IMPACTS = ("serious", "critical")

# Latin words shown to a person reading Arabic: text nodes and the attributes screen readers
# announce. Latin text that belongs there (codes, numbers, names) is isolated in <bdi>, marked
# dir="ltr" or given its own lang, and is skipped.
# Nothing may stick out sideways (on a phone above all): a page wider than the screen scrolls
# sideways and hides what is cut off. Report the elements that are too wide themselves.
_SIDEWAYS_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return [];
  const describe = (el, r) => `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
    + `${el.getAttribute('name') ? ' name=' + el.getAttribute('name') : ''}`
    + `${typeof el.className === 'string' && el.className ? ' class="' + el.className + '"' : ''}>`
    + ` is ${Math.round(r.width)}px wide (${Math.round(r.left)}..${Math.round(r.right)}) on a ${width}px screen`;
  const all = [...document.body.querySelectorAll('*')].filter((el) => {
    if (getComputedStyle(el).position === 'fixed' || el.closest('.visually-hidden,.skip-link')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.width > width + 1 || r.left < -1 || r.right > width + 1);
  });
  // The culprits: too wide themselves, with no too-wide element inside them.
  const wide = all.filter((el) => el.getBoundingClientRect().width > width + 1);
  const culprits = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
  const found = culprits.length ? culprits : all.filter((el) => !all.some((o) => o !== el && o.contains(el)));
  return found.slice(0, 5).map((el) => describe(el, el.getBoundingClientRect()));
}"""

_ENGLISH_ON_ARABIC_PAGE = """() => {
  const skip = 'script,style,noscript,template,bdi,code,kbd,samp,[dir=ltr],[aria-hidden=true],[hidden]';
  // Words with a lower-case letter: acronyms people read as-is (QR, PDF, IBAN, SMS) pass.
  const word = (t) => (t.match(/[A-Za-z]+/g) || []).some((w) => w.length >= 2 && /[a-z]/.test(w));
  const exempt = (el) => {
    const owner = el.closest('[lang]');
    return el.closest(skip) || (owner && !owner.lang.startsWith('ar'));
  };
  const visible = (el) => {
    if (el.tagName === 'OPTION' || el.tagName === 'OPTGROUP') el = el.closest('select') || el;
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    const text = node.textContent.trim();
    if (text && word(text) && !exempt(el) && visible(el)) found.push(text.slice(0, 80));
  }
  for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],img[alt],input[type=submit][value]')) {
    if (exempt(el)) continue;
    for (const attr of ['placeholder', 'aria-label', 'title', 'alt', 'value']) {
      if (attr === 'value' && el.type !== 'submit') continue;
      const value = el.getAttribute(attr);
      if (value && word(value)) found.push(`${el.tagName.toLowerCase()}[${attr}]: ${value.slice(0, 80)}`);
    }
  }
  const title = document.title;
  if (word(title)) found.push(`<title>: ${title}`);
  return [...new Set(found)];
}"""


# Reports each Content-Security-Policy violation of the page (and its frames) to the harness.
_CSP_LISTENER = """document.addEventListener('securitypolicyviolation', (e) => {
  window.__joudCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || 'inline code'}`
    + (e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber})` : '')
    + (e.sample ? `: ${e.sample}` : ''));
}, true);"""


@dataclass(frozen=True)
class Variant:
    """A person's device and language."""

    id: str
    lang: str
    options: dict


PHONE_AR = Variant(
    "ar-phone",
    "ar",
    {
        "viewport": {"width": 390, "height": 844},
        "locale": "ar-OM",
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,  # 2 is closer to a real phone but doubles screenshot time
        "timezone_id": "Asia/Muscat",
    },
)
DESKTOP_EN = Variant(
    "en-desktop",
    "en",
    {"viewport": {"width": 1366, "height": 900}, "locale": "en-US", "timezone_id": "Asia/Muscat"},
)
# Keyboard users are mostly on a computer: the keyboard journey runs on desktop in both languages.
DESKTOP_AR = Variant(
    "ar-desktop",
    "ar",
    {"viewport": {"width": 1366, "height": 900}, "locale": "ar-OM", "timezone_id": "Asia/Muscat"},
)
VARIANTS = [PHONE_AR, DESKTOP_EN]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "step"


class StepFailed(AssertionError):
    pass


class Journey:
    """One journey, possibly with several people (actors), each in their own browser context.

    ``journey.page`` is the current actor's page; ``journey.act_as("reviewer")`` switches (and
    opens a fresh context for a new actor, on the same device and language).
    """

    def __init__(
        self, *, name: str, browser: Browser, base_url: str, out_dir: Path, variant: Variant
    ):
        self.name = name
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(base_url).netloc
        self.out_dir = out_dir
        self.variant = variant
        self.lang = variant.lang
        self.shots = 0
        self.external_requests: list[str] = []
        self.server_errors: list[str] = []
        self.broken_assets: list[str] = []
        self.page_errors: list[str] = []
        self.csp_violations: list[str] = []
        self.a11y_reports: list[str] = []
        self.untranslated: list[str] = []
        self.overflows: list[str] = []
        self.checked_paths: set[str] = set()
        self.visited_paths: list[str] = []
        self.screenshots: list[Path] = []
        self.failed_step: tuple[str, Path | None] | None = None
        self.actors: dict[str, tuple[BrowserContext, Page]] = {}
        self.timings = {"screenshots": 0.0, "axe": 0.0}
        self.pages_checked = 0
        self.actor = ""
        out_dir.mkdir(parents=True, exist_ok=True)
        self.act_as("visitor")

    def act_as(self, actor: str) -> Page:
        if actor not in self.actors:
            context = self.browser.new_context(**self.variant.options)
            context.set_default_timeout(30_000)  # generous: CI machines are shared and slow
            if self.variant.lang != "ar":
                # Joud opens in Arabic whatever the browser says; English is a remembered choice.
                self._language_cookie(context, self.variant.lang)
            context.route("**/*", self._guard)
            context.add_init_script(script=AXE_SCRIPT)
            context.expose_binding("__joudCspViolation", self._on_csp_violation)
            context.add_init_script(script=_CSP_LISTENER)
            page = context.new_page()
            self._watch(page)
            context.on("page", self._watch)
            self.actors[actor] = (context, page)
        self.actor = actor
        return self.page

    @property
    def context(self) -> BrowserContext:
        return self.actors[self.actor][0]

    @property
    def page(self) -> Page:
        return self.actors[self.actor][1]

    def close(self) -> None:
        for context, _page in self.actors.values():
            context.close()

    def _language_cookie(self, context: BrowserContext, lang: str) -> None:
        context.add_cookies([{"name": "joud_language", "value": lang, "url": self.base_url}])

    # -- the network guard and page watchers ------------------------------------------------------
    def _guard(self, route: Route, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == self.host:
            route.continue_()
            return
        self.external_requests.append(f"{request.resource_type} {request.url}")
        route.abort("blockedbyclient")

    def _watch(self, page: Page) -> None:
        page.on("response", self._on_response)
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))
        page.on("console", lambda message: self._on_console(page, message))
        page.on("framenavigated", self._on_navigated)

    def _on_csp_violation(self, source, text: str) -> None:
        self._add_csp_violation(f"{source['frame'].url}: {text}")

    def _on_console(self, page: Page, message) -> None:
        # Chromium's own report of a refusal (it names the directive): also those the event
        # misses, such as a form redirected elsewhere while the page is being left.
        if message.type == "error" and "Content Security Policy" in message.text:
            self._add_csp_violation(f"{page.url}: {message.text[:400]}")

    def _add_csp_violation(self, line: str) -> None:
        if line not in self.csp_violations:
            self.csp_violations.append(line)

    def _on_response(self, response: Response) -> None:
        request = response.request
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {request.method} {response.url}")
        elif response.status >= 400 and request.resource_type not in ("document", "fetch", "xhr"):
            self.broken_assets.append(f"{response.status} {request.resource_type} {response.url}")

    def _on_navigated(self, frame) -> None:
        if frame.parent_frame is None and frame.url.startswith(self.base_url):
            self.visited_paths.append(self._path(frame.url))

    def _path(self, url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    # -- what journeys call -------------------------------------------------------------------
    def choose_language(self, lang: str) -> None:
        """As if the visitor had chosen ``lang`` on an earlier visit (the language cookie)."""
        self._language_cookie(self.context, lang)

    def forget_language(self) -> None:
        self.context.clear_cookies()

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str, *, status: int = 200) -> Response:
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        return response

    @contextmanager
    def step(self, label: str):
        """A named step: on failure, a screenshot and the step's name go with the error."""
        try:
            yield self.page
        except BaseException as exc:
            shot = self._screenshot(f"{label}-FAILED")
            self.failed_step = (label, shot)
            exc.add_note(
                f"e2e journey {self.name!r} [{self.variant.id}] failed at step {label!r} "
                f"(as {self.actor}, on {self.page.url}); screenshot: {shot}"
            )
            raise

    def check_page(self, label: str, *, lang: str | None = None) -> None:
        """Axe, language/direction and a screenshot of the page the browser is on now."""
        page = self.page
        page.wait_for_load_state("load")
        started = time.perf_counter()
        self._screenshot(label)
        self.timings["screenshots"] += time.perf_counter() - started
        expected_lang = lang or self.lang
        html = page.locator("html")
        assert html.get_attribute("lang") == expected_lang, (
            f"{page.url}: <html lang={html.get_attribute('lang')!r}>, expected {expected_lang!r}"
        )
        expected_dir = "rtl" if expected_lang == "ar" else "ltr"
        assert html.get_attribute("dir") == expected_dir, (
            f"{page.url}: <html dir={html.get_attribute('dir')!r}>, expected {expected_dir!r}"
        )
        started = time.perf_counter()
        self.axe(label)
        self.timings["axe"] += time.perf_counter() - started
        self.pages_checked += 1
        sideways = page.evaluate(_SIDEWAYS_OVERFLOW)  # on a phone and on a desktop alike
        if sideways:
            self.overflows.append(f"{page.url} ({label}): " + "; ".join(sideways))
        if expected_lang == "ar":
            english = page.evaluate(_ENGLISH_ON_ARABIC_PAGE)
            if english:
                self.untranslated.append(
                    f"{page.url} ({label}): " + " · ".join(repr(t) for t in english[:15])
                )
        self.checked_paths.add(self._path(page.url))

    def axe(self, label: str) -> None:
        # axe-core is added to every page of the context by an init script (see act_as): sending
        # its half-megabyte source over the wire for each page would cost more than the check.
        results = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]
        if bad:
            self.a11y_reports.append(self._a11y_report(label, bad))

    def _a11y_report(self, label: str, violations: list[dict]) -> str:
        shot = self.screenshots[-1] if self.screenshots else None
        lines = [f"{self.page.url} ({label}, screenshot {shot}):"]
        for v in violations:
            lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
            for node in v["nodes"][:5]:
                target = " ".join(str(t) for t in node.get("target", []))
                html = re.sub(r"\s+", " ", node.get("html", ""))[:200]
                lines.append(f"      at {target}: {html}")
                summary = (node.get("failureSummary") or "").replace("\n", " | ")
                if summary:
                    lines.append(f"         {summary[:300]}")
            if len(v["nodes"]) > 5:
                lines.append(f"      … and {len(v['nodes']) - 5} more")
        return "\n".join(lines)

    def _screenshot(self, label: str) -> Path | None:
        self.shots += 1
        who = "" if self.actor == "visitor" else f"{_slug(self.actor)}-"
        path = self.out_dir / f"{self.shots:02d}-{who}{_slug(label)}.png"
        try:
            self.page.screenshot(path=str(path), full_page=True, timeout=10_000)
        except Exception:  # a crashed page must not hide the original error
            return None
        self.screenshots.append(path)
        return path

    def problems(self) -> list[str]:
        out = []
        if self.external_requests:
            out.append(
                "requests outside the platform (blocked):\n  " + "\n  ".join(self.external_requests)
            )
        if self.server_errors:
            out.append("server errors:\n  " + "\n  ".join(self.server_errors))
        if self.broken_assets:
            out.append("broken assets:\n  " + "\n  ".join(self.broken_assets))
        if self.page_errors:
            out.append("JavaScript errors:\n  " + "\n  ".join(self.page_errors))
        if self.csp_violations:
            out.append(
                "refused by the Content-Security-Policy (move the code to a static file):\n  "
                + "\n  ".join(self.csp_violations)
            )
        unchecked = sorted(set(self.visited_paths) - self.checked_paths)
        if unchecked:
            out.append("pages visited without an axe check:\n  " + "\n  ".join(unchecked))
        if self.overflows:
            out.append("wider than the screen:\n  " + "\n  ".join(self.overflows))
        if self.untranslated:
            out.append(
                "English left on Arabic pages (translate it; a name that stays Latin goes in "
                "<bdi>):\n  " + "\n  ".join(self.untranslated)
            )
        if self.a11y_reports:
            out.append(
                "accessibility (axe-core, serious/critical):\n" + "\n".join(self.a11y_reports)
            )
        return out
