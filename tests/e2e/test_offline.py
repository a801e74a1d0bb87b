"""Offline, two ways: after one visit the service worker's copy loads and trains with the network
off, and a new build replaces it only when complete; the single offline file, alone in a folder,
opens from disk and trains; the normal page opened from disk, or sandboxed without
allow-same-origin, says why it cannot start instead of spinning."""

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from demo_support import SPEC_WEIGHTS
from playwright.sync_api import expect

import backprop.api as api
import build

READY = """() => window.backpropLab?.ready.then(() => "ready", (err) => `failed: ${err.message}`)"""
CACHE_NAMES = "() => caches.keys()"
CURRENT_VERSION = """async () => {
  const pointer = await (await caches.open("backprop-lab-current")).match("sw-current-version");
  return pointer ? pointer.text() : null;
}"""
PAGE_MANIFEST_VERSION = "() => fetch('manifest.json').then((r) => r.json()).then((m) => m.version)"
SANDBOX_HOST = """<!doctype html><html lang="en"><title>An LMS page</title>
<iframe title="Backprop Lab" sandbox="allow-scripts" src="{src}" width="1000" height="700"></iframe>
</html>"""


def cpython_loss_after_one_step() -> float:
    frame = api.create({"weights": SPEC_WEIGHTS})
    try:
        return api.step(frame["run"], 1)["loss"]
    finally:
        api.drop(frame["run"])


def allow_files(page, folder: Path) -> None:
    """Let the guard pass this folder's file:// URLs (it aborts anything but the lab's origin)."""
    page.route(f"{folder.as_uri()}/**", lambda route: route.continue_())


def wait_ready(page_or_frame) -> None:
    page_or_frame.wait_for_function("() => Boolean(window.backpropLab)", timeout=30_000)
    assert page_or_frame.evaluate(READY) == "ready"


def wait_for_service_worker(page) -> None:
    """The worker is active, controls the page and its copy of the build is complete."""
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)")


def poll(page, script: str, wanted, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while (value := page.evaluate(script)) != wanted:
        assert time.monotonic() < deadline, f"{script} stayed {value!r}, wanted {wanted!r}"
        page.wait_for_timeout(200)


def run_the_service_workers_clock_ahead(context, ms: int) -> None:
    """A fake clock for the service worker, which page.clock does not reach: its Date.now() runs
    `ms` ahead from now on, as if that much time had passed."""
    (worker,) = context.service_workers
    worker.evaluate("(ms) => { const now = Date.now; Date.now = () => now() + ms; }", ms)


def served_version(directory: Path) -> str:
    return json.loads((directory / "manifest.json").read_text())["version"]


def test_after_one_visit_the_lab_loads_and_trains_with_the_network_off(make_page, lab_url,
                                                                       lab_dist):
    page = make_page(service_workers="allow")
    page.goto(lab_url)
    wait_ready(page)
    wait_for_service_worker(page)
    assert f"backprop-lab-{served_version(lab_dist)}" in page.evaluate(CACHE_NAMES)
    page.context.set_offline(True)
    page.reload()
    wait_ready(page)
    expect(page.locator("#load-error")).to_be_hidden()
    loss = page.evaluate("window.backpropLab.step(1).then((state) => state.loss)")
    assert loss == pytest.approx(cpython_loss_after_one_step(), rel=1e-12)
    expect(page.locator("#step-count")).to_have_text("1")


def test_a_new_build_is_used_only_once_complete_and_the_old_copy_is_then_deleted(
        make_page, tmp_path, lab_dist):
    """Build A is visited; build B replaces it on the server. A reload still shows A whole while
    B is fetched; the next page is B whole; A's cache goes once no page uses it."""
    site_b = tmp_path / "site-b"
    shutil.copytree(build.ROOT / "site", site_b)
    (site_b / "index.html").write_text(
        (site_b / "index.html").read_text().replace("<title>Backprop Lab</title>",
                                                    "<title>Backprop Lab B</title>"))
    served = tmp_path / "dist"
    shutil.copytree(lab_dist, served)  # build A: the build of site/ the other tests use
    version_a = served_version(served)
    server, url = build.start_server(served, quiet=True)
    try:
        page = make_page(service_workers="allow")
        page.context.route(f"{url}**", lambda route: route.continue_())  # this test's own server
        page.goto(url)
        wait_ready(page)
        wait_for_service_worker(page)
        time.sleep(1.1)  # a newer Last-Modified than anything the browser has
        build.build(served, site_dir=site_b)
        version_b = served_version(served)
        assert version_b != version_a

        page.reload()
        assert page.title() == "Backprop Lab"
        poll(page, CURRENT_VERSION, version_b)
        assert page.evaluate(PAGE_MANIFEST_VERSION) == version_a  # this page keeps A throughout
        assert f"backprop-lab-{version_a}" in page.evaluate(CACHE_NAMES)

        page.reload()
        assert page.title() == "Backprop Lab B"
        assert page.evaluate(PAGE_MANIFEST_VERSION) == version_b
        wait_ready(page)
        run_the_service_workers_clock_ahead(page.context, 10_500)  # past its 10 s grace
        page.reload()
        poll(page, CACHE_NAMES, ["backprop-lab-current", f"backprop-lab-{version_b}"])
    finally:
        server.shutdown()
        server.server_close()


def test_the_offline_file_alone_in_an_empty_folder_opens_from_disk_and_trains(make_page, lab_dist,
                                                                             tmp_path):
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    offline = Path(shutil.copy(lab_dist / build.OFFLINE_FILE, folder))
    page = make_page()
    allow_files(page, folder)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(offline.as_uri())
    wait_ready(page)
    loss = page.evaluate("window.backpropLab.step(1).then((state) => state.loss)")
    assert loss == pytest.approx(cpython_loss_after_one_step(), rel=1e-12)
    expect(page.locator("#step-count")).to_have_text("1")
    expect(page.locator("#load-error")).to_be_hidden()
    expect(page.locator("#offline-download")).to_be_hidden()  # it is the offline copy
    # Its engine runs in a worker made from the page's own text (a blob: URL), not on the page.
    assert [worker.url.startswith("blob:null/") for worker in page.workers] == [True]
    assert page.evaluate("['loadPyodide', '_createPyodideModule'].filter((n) => n in globalThis)") \
        == []
    assert requests == [offline.as_uri()]
    assert sorted(p.name for p in folder.iterdir()) == [build.OFFLINE_FILE]


@pytest.mark.allow_errors(r"from origin 'null' has been blocked by CORS policy",
                          r"Failed to load resource: net::ERR_FAILED")
def test_the_normal_page_opened_from_disk_says_so_and_points_to_the_offline_file(make_page,
                                                                                lab_dist):
    page = make_page()
    allow_files(page, lab_dist)
    page.goto((lab_dist / "index.html").as_uri())
    reason = page.locator("#load-error-reason")
    expect(reason).to_contain_text("opened from disk (file://)")
    expect(reason).to_contain_text("python3 build.py --serve")
    expect(reason.get_by_role("link", name=build.OFFLINE_FILE)).to_have_attribute(
        "href", build.OFFLINE_FILE)
    expect(page.locator("#load-status")).to_be_hidden()
    expect(page.locator("#retry-btn")).to_be_hidden()


class StrictHandler(build.SiteHandler):
    """A static host that sends no Access-Control-Allow-Origin (GitHub Pages does send it)."""

    quiet = True

    def send_header(self, keyword, value):
        if keyword.lower() != "access-control-allow-origin":
            super().send_header(keyword, value)


@pytest.mark.allow_errors(r"from origin 'null' has been blocked by CORS policy",
                          r"Failed to load resource: net::ERR_FAILED")
def test_sandboxed_without_allow_same_origin_on_a_strict_host_it_names_the_missing_flag(
        page, lab_dist):
    server = build.SiteServer(("127.0.0.1", 0),
                              lambda *args: StrictHandler(*args, directory=str(lab_dist)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    strict_url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        page.context.route(f"{strict_url}**", lambda route: route.continue_())
        page.route(f"{strict_url}host.html", lambda route: route.fulfill(
            body=SANDBOX_HOST.format(src=strict_url), content_type="text/html"))
        page.goto(f"{strict_url}host.html")
        reason = page.frame_locator("iframe").locator("#load-error-reason")
        expect(reason).to_contain_text("sandboxed frame without the allow-same-origin flag")
        expect(reason).to_contain_text('sandbox="allow-scripts allow-same-origin"')
        expect(page.frame_locator("iframe").locator("#load-status")).to_be_hidden()
    finally:
        server.shutdown()
        server.server_close()


def test_sandboxed_on_a_host_like_github_pages_it_trains_without_storage_and_without_errors(
        make_page, lab_url):
    """No origin, so no service worker, cache or persistent storage: the lab still works."""
    page = make_page(service_workers="allow")
    page.route(f"{lab_url}host.html", lambda route: route.fulfill(
        body=SANDBOX_HOST.format(src=lab_url), content_type="text/html"))
    page.goto(f"{lab_url}host.html")
    frame = page.frames[1]
    wait_ready(frame)
    assert frame.evaluate("self.origin") == "null"
    assert frame.evaluate("window.backpropLab.step(1).then((state) => state.step)") == 1
    expect(page.frame_locator("iframe").locator("#load-error")).to_be_hidden()
