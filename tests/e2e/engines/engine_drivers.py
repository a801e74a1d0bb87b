"""One small interface over three browser drivers, so the smoke suite is written once and runs in
every engine: Chromium through Playwright, Firefox (Debian's firefox-esr) through puppeteer-core
over WebDriver BiDi (puppeteer-driver.mjs), WebKit (WebKitGTK's MiniBrowser) through Selenium and
WebKitWebDriver on an Xvfb display. Nothing here knows the lab.

Driver: goto(url), run(source, arg) -> JSON value of an (async) function expression called with
arg, wait(source, arg, timeout) -> its first truthy value, click(selector), type(selector, text),
press(key), viewport(width, height), screenshot(path), close(); what the pages reported:
native_problems() (the driver's own records) and, after harvest(), harvested (the probe's).
`unavailable(engine)` says why an engine cannot run here (None when it can).

What each driver reports about the page: Chromium and Firefox their console errors, uncaught
errors and every request off the allowed origins; in every engine, a probe in the page (PROBE)
records error events, unhandled rejections, Content-Security-Policy violations and console.error
calls, and the page's resource timing lists what it loaded. WebKitWebDriver reports nothing of its
own, so there the probe starts once the document has loaded (it cannot run before the page's
scripts); the Report-Only policy the test server sends covers the load (test_engine_smoke.py).
"""

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent
FIREFOX = os.environ.get("BACKPROP_LAB_FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("BACKPROP_LAB_WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("BACKPROP_LAB_MINIBROWSER",
                             "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
ROOT = HERE.parents[2]
PUPPETEER = ROOT / "node_modules" / "puppeteer-core"
SCRIPT_TIMEOUT_S = 120

# Recorder installed in each document: what went wrong, in the page's words.
PROBE = """(() => {
  if (window.__engineProbe) return;
  const problems = [];
  window.__engineProbe = problems;
  performance.setResourceTimingBufferSize?.(5000);
  addEventListener("error", (event) => {
    const target = event.target;
    problems.push(target && target !== window && target.tagName
      ? `resource failed: <${target.tagName.toLowerCase()}> ${target.src || target.href || ""}`
      : `page error: ${event.message}`);
  }, true);
  addEventListener("unhandledrejection", (event) => problems.push(
    `unhandled rejection: ${event.reason?.name ?? ""}: ${event.reason?.message ?? event.reason}`));
  addEventListener("securitypolicyviolation", (event) => problems.push(
    `CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  const original = console.error;
  console.error = (...args) => { problems.push(`console.error: ${args.map(String).join(" ")}`);
    return original.apply(console, args); };
})();"""

# Takes the probe's records and every resource the document loaded from outside the allowed
# origins since the last harvest (so each is reported once).
HARVEST = """(origins) => {
  const outside = performance.getEntriesByType("resource").map((e) => e.name)
    .filter((url) => !/^(data|blob):/.test(url) && !origins.includes(new URL(url).origin));
  performance.clearResourceTimings();
  const recorded = (window.__engineProbe ?? []).splice(0);
  return [...recorded, ...outside.map((url) => `off-origin request: ${url}`)];
}"""


class DriverError(Exception):
    """A command the browser refused or that failed in the page."""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def unavailable(engine: str) -> str | None:
    """Why `engine` cannot be driven on this machine, or None."""
    if engine == "firefox":
        if not Path(FIREFOX).exists():
            return f"Firefox is not installed ({FIREFOX}; Debian: apt-get install firefox-esr)"
        if not shutil.which("node"):
            return "Node.js is not installed (puppeteer-core drives Firefox)"
        if not PUPPETEER.exists():
            return f"puppeteer-core is not installed (npm ci in {ROOT})"
    if engine == "webkit":
        missing = [name for name, path in [("WebKitWebDriver", WEBKIT_DRIVER),
                                           ("MiniBrowser", MINIBROWSER)] if not Path(path).exists()]
        if not shutil.which("Xvfb"):
            missing.append("Xvfb")
        if missing:
            return (f"WebKitGTK is not installed: no {', '.join(missing)} "
                    "(Debian: apt-get install webkit2gtk-driver xvfb)")
        try:
            import selenium  # noqa: F401
        except ImportError:
            return "Selenium is not installed (pip install '.[test]')"
    return None


class Driver:
    """What the smoke suite asks of a browser; subclasses speak to one driver each."""

    name = ""
    version = ""

    def __init__(self):
        self.origins: list[str] = []
        self.harvested: list[str] = []  # what the pages' probes recorded, in order

    def allow_origins(self, *urls: str) -> None:
        self.origins = [origin_of(u) for u in urls]

    def goto(self, url: str) -> None:
        self.harvest()
        self._goto(url)

    def harvest(self) -> None:
        try:
            self.harvested += self.run(HARVEST, self.origins)
        except DriverError:
            pass  # no document yet, or one without the probe (about:blank)

    def wait(self, source: str, arg=None, timeout: float = 30):
        """The first truthy value of `source` called with arg, polled in the page."""
        poll = f"""async (arg) => {{
          const test = {source};
          const until = Date.now() + {int(timeout * 1000)};
          const what = {json.dumps(source)};
          for (;;) {{
            const value = await test(arg);
            if (value) return value;
            if (Date.now() > until) throw new Error(`timed out waiting for ${{what}}`);
            await new Promise((resolve) => setTimeout(resolve, 40));
          }}
        }}"""
        return self.run(poll, arg)

    def native_problems(self) -> list[str]:
        return []


class PlaywrightDriver(Driver):
    """Chromium, from the e2e suite's Playwright browser."""

    name = "chromium"

    def __init__(self, browser):
        super().__init__()
        self.version = browser.version
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.add_init_script(PROBE)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.recorded: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.recorded.append(
            f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.recorded.append(f"page error: {e}"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or origin_of(url) in self.origins:
            route.continue_()
        else:
            self.recorded.append(f"off-origin request aborted: {url}")
            route.abort()

    def _goto(self, url):
        self.page.goto(url)

    def run(self, source, arg=None):
        try:
            return self.page.evaluate(source, arg)
        except Exception as error:  # Playwright's Error: the page threw
            raise DriverError(str(error)) from None

    def click(self, selector):
        self.page.click(selector)

    def type(self, selector, text):
        self.page.focus(selector)
        self.page.evaluate("(s) => document.querySelector(s).select?.()", selector)
        self.page.keyboard.press("Backspace")
        self.page.keyboard.type(text)

    def press(self, key):
        self.page.keyboard.press(key)

    def viewport(self, width, height):
        self.page.set_viewport_size({"width": width, "height": height})

    def screenshot(self, path):
        self.page.mouse.move(0, 0)  # as in the other drivers' shots: nothing pointed at
        self.page.screenshot(path=str(path))

    def native_problems(self):
        return list(self.recorded)

    def close(self):
        self.context.close()


class PuppeteerDriver(Driver):
    """Firefox through puppeteer-core over WebDriver BiDi, in a node process spoken to by stdio."""

    name = "firefox"

    def __init__(self):
        super().__init__()
        self.process = subprocess.Popen(
            ["node", str(HERE / "puppeteer-driver.mjs"), "firefox", FIREFOX], cwd=HERE,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.replies: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0
        self.version = self.call("launch", probe=PROBE, timeout=90)

    def _read(self):
        for line in self.process.stdout:
            self.replies.put(json.loads(line))
        self.replies.put(None)

    def call(self, op, timeout=SCRIPT_TIMEOUT_S, **params):
        self.next_id += 1
        self.process.stdin.write(json.dumps({"id": self.next_id, "op": op, **params}) + "\n")
        self.process.stdin.flush()
        try:
            reply = self.replies.get(timeout=timeout)
        except queue.Empty:
            raise DriverError(f"firefox: no answer to {op} in {timeout} s") from None
        if reply is None:
            raise DriverError(f"firefox: the driver exited (code {self.process.poll()})")
        if not reply["ok"]:
            raise DriverError(reply["error"])
        return reply["value"]

    def allow_origins(self, *urls):
        super().allow_origins(*urls)
        self.call("allow_origins", urls=list(urls))

    def _goto(self, url):
        self.call("goto", url=url)

    def run(self, source, arg=None):
        return self.call("evaluate", source=source, arg=arg)

    def click(self, selector):
        self.call("click", selector=selector)

    def type(self, selector, text):
        self.call("type", selector=selector, text=text)

    def press(self, key):
        self.call("press", key=key)

    def viewport(self, width, height):
        self.call("viewport", width=width, height=height)

    def screenshot(self, path):
        self.call("screenshot", path=str(path))

    def native_problems(self):
        return self.call("problems")

    def close(self):
        try:
            self.call("close", timeout=30)
        finally:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


class SeleniumWebKitDriver(Driver):
    """WebKitGTK's MiniBrowser through WebKitWebDriver (Selenium), on its own Xvfb display."""

    name = "webkit"

    def __init__(self):
        super().__init__()
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        self.xvfb, display = start_xvfb()
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, log_output=subprocess.DEVNULL,
                          env={**os.environ, "DISPLAY": display, "XDG_CONFIG_HOME": str(HERE)})
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.kill()
            raise
        self.driver.set_script_timeout(SCRIPT_TIMEOUT_S)
        self.version = self.driver.capabilities.get("browserVersion", "")

    def _goto(self, url):
        self.driver.get(url)
        self.run(f"() => {{ {PROBE} }}")  # as early as WebDriver classic allows: after load

    def run(self, source, arg=None):
        script = f"""const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => ({source})(arguments[0])).then(
            (value) => done({{ ok: true, value: value === undefined ? null : value }}),
            (error) => done({{ ok: false, error: error instanceof Error
              ? `${{error.name}}: ${{error.message}}` : String(error) }}));"""
        from selenium.common.exceptions import WebDriverException
        try:
            reply = self.driver.execute_async_script(script, arg)
        except WebDriverException as error:
            raise DriverError(error.msg) from None
        if not reply["ok"]:
            raise DriverError(reply["error"])
        return reply["value"]

    def _find(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def click(self, selector):
        element = self._find(selector)
        self.run("(el) => el.scrollIntoView({block: 'center'})", element)
        element.click()

    def type(self, selector, text):
        from selenium.webdriver.common.keys import Keys
        element = self._find(selector)
        self.run("(el) => { el.focus(); el.select?.(); }", element)
        element.send_keys(Keys.BACKSPACE, text)

    def press(self, key):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        ActionChains(self.driver).send_keys(getattr(Keys, key.upper())).perform()

    def viewport(self, width, height):
        """Sizes the window so that the page's viewport is width x height CSS px. GTK resizes
        when it gets to it, and not before the window is first shown: asked again until done."""
        want = [width, height]
        for _ in range(8):
            inner = self.run("() => [innerWidth, innerHeight]")
            if inner == want:
                return
            rect = self.driver.get_window_rect()
            self.driver.set_window_rect(width=rect["width"] + width - inner[0],
                                        height=rect["height"] + height - inner[1])
            try:
                self.wait("(want) => innerWidth === want[0] && innerHeight === want[1]", want, 2)
            except DriverError:
                continue
        raise DriverError(f"webkit: the viewport stays {inner}, not {want}")

    def screenshot(self, path):
        self.driver.save_screenshot(str(path))

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)


def start_xvfb():
    """An Xvfb server on a free display: (process, ":N")."""
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    deadline = time.monotonic() + 20
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        process.kill()
        raise DriverError("Xvfb did not start")
    return process, f":{number.decode().strip()}"


def launch(engine: str, chromium=None) -> Driver:
    """A driver for engine ("chromium" needs the e2e suite's Playwright browser)."""
    if engine == "chromium":
        return PlaywrightDriver(chromium)
    if engine == "firefox":
        return PuppeteerDriver()
    return SeleniumWebKitDriver()
