// A browser driven by puppeteer-core, commanded over stdio so that the Python smoke suite drives
// it as it drives Playwright and Selenium (drivers.py). Used for Debian's firefox-esr over
// WebDriver BiDi: `node puppeteer-driver.mjs firefox /usr/bin/firefox-esr`.
// Protocol: one JSON command per stdin line, {id, op, ...params}; one JSON reply per stdout line,
// {id, ok: true, value} or {id, ok: false, error}. Nothing else is written to stdout.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [browserName, executablePath] = process.argv.slice(2);

// No update checks, safe-browsing lists or telemetry of the browser's own while the tests run.
const QUIET_FIREFOX = {
  "app.update.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
};

const session = { browser: null, page: null, problems: [], origins: new Set() };

// What the page reports as it happens: console errors, uncaught errors, requests off the origins
// the test allows (data: and blob: URLs never leave the page).
function watch(page) {
  const record = (problem) => session.problems.push(problem);
  page.on("console", (message) => {
    if (message.type() === "error") record(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => record(`page error: ${error?.message ?? error}`));
  page.on("request", (request) => {
    const url = request.url();
    if (/^(data|blob):/.test(url) || session.origins.has(new URL(url).origin)) return;
    record(`off-origin request: ${request.method()} ${url}`);
  });
}

const OPS = {
  // probe: a script to run in every document before its own (the recorder drivers.py reads).
  async launch({ probe }) {
    session.browser = await puppeteer.launch({
      browser: browserName, executablePath, headless: true, extraPrefsFirefox: QUIET_FIREFOX,
    });
    session.page = (await session.browser.pages())[0] ?? (await session.browser.newPage());
    watch(session.page);
    if (probe) await session.page.evaluateOnNewDocument(probe);
    return session.browser.version();
  },
  async allow_origins({ urls }) {
    session.origins = new Set(urls.map((url) => new URL(url).origin));
    return [...session.origins];
  },
  async goto({ url }) {
    await session.page.goto(url, { waitUntil: "load", timeout: 90_000 });
    return session.page.url();
  },
  // source: a function expression, called with arg; its (awaited) JSON-able result comes back.
  async evaluate({ source, arg }) {
    return session.page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`);
  },
  async click({ selector }) {
    await session.page.click(selector);
    return true;
  },
  // Replaces the field's text as a person does: focus it, select everything, type over it.
  async type({ selector, text }) {
    await session.page.$eval(selector, (field) => { field.focus(); field.select?.(); });
    await session.page.keyboard.press("Backspace");
    if (text) await session.page.keyboard.type(text);
    return true;
  },
  async press({ key }) {
    await session.page.keyboard.press(key);
    return true;
  },
  async viewport({ width, height }) {
    await session.page.setViewport({ width, height });
    return true;
  },
  async screenshot({ path }) {
    await session.page.screenshot({ path });
    return path;
  },
  async problems() {
    return session.problems;
  },
  async close() {
    await session.browser?.close();
    session.browser = null;
    return true;
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, op, ...params } = JSON.parse(line);
  let reply;
  try {
    reply = { id, ok: true, value: (await OPS[op](params)) ?? null };
  } catch (error) {
    reply = { id, ok: false, error: `${error?.name ?? "Error"}: ${error?.message ?? error}` };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
  if (op === "close") break;
}
await session.browser?.close();
