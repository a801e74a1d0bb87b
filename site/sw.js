// The service worker: keeps one complete, verified copy of the build listed in manifest.json per
// version (cache "backprop-lab-<version>") and answers the page from it, cache first. A new version
// is fetched into a new cache in the background and used only once complete, and only by pages
// opened after that: a page never mixes two versions. Caches no open page uses are deleted.
const PREFIX = "backprop-lab-";
const POINTER = `${PREFIX}current`; // one entry: the version that new pages get
const scope = self.registration.scope;
const POINTER_KEY = `${scope}sw-current-version`;
const COMPLETE_KEY = `${scope}sw-complete`;
const PARALLEL_DOWNLOADS = 4;
const pageVersions = new Map(); // client id -> {version its page was served from, since}
const PAGE_LOAD_GRACE_MS = 10_000; // from a page's request until it is among the clients
let updating = null;

self.addEventListener("install", (event) => {
  event.waitUntil(update().catch(() => {})); // best effort: the next visit tries again
  self.skipWaiting();
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope)) return;
  if (request.mode === "navigate") event.waitUntil(update().catch(() => {}));
  event.respondWith(respond(event));
});

async function respond(event) {
  const version = await versionFor(event);
  const cache = version && (await caches.open(PREFIX + version));
  const cached = cache && (await cache.match(cacheKey(event.request.url), { ignoreSearch: true }));
  return cached || fetch(event.request);
}

// A page gets the version current when it was opened, and keeps it for all its files.
async function versionFor(event) {
  const known = pageVersions.get(event.clientId);
  if (event.request.mode !== "navigate" && known) return known.version;
  const version = await currentVersion();
  if (version && event.request.mode === "navigate") {
    pageVersions.set(event.resultingClientId, { version, since: Date.now() });
  }
  return version;
}

function cacheKey(url) {
  const plain = url.split(/[?#]/)[0];
  return plain.endsWith("/") ? `${plain}index.html` : plain;
}

async function currentVersion() {
  const pointer = await (await caches.open(POINTER)).match(POINTER_KEY);
  return pointer ? pointer.text() : null;
}

// One update at a time: the manifest says which version is out; fetch it unless it is complete.
function update() {
  updating ??= checkForUpdate().finally(() => { updating = null; });
  return updating;
}

async function checkForUpdate() {
  const response = await fetch(`${scope}manifest.json`, { cache: "no-cache" });
  if (!response.ok) return;
  const text = await response.text();
  const manifest = JSON.parse(text);
  if ((await currentVersion()) !== manifest.version) {
    const name = PREFIX + manifest.version;
    if (!(await isComplete(name))) await fill(name, manifest, text);
    await (await caches.open(POINTER)).put(POINTER_KEY, new Response(manifest.version));
  }
  await dropUnused(manifest.version);
}

async function isComplete(name) {
  return (await caches.has(name)) && Boolean(await (await caches.open(name)).match(COMPLETE_KEY));
}

async function fill(name, manifest, manifestText) {
  const cache = await caches.open(name);
  const paths = Object.keys(manifest.files).filter((path) => path !== manifest.offline_file);
  try {
    for (let i = 0; i < paths.length; i += PARALLEL_DOWNLOADS) {
      await Promise.all(paths.slice(i, i + PARALLEL_DOWNLOADS)
        .map((path) => store(cache, path, manifest.files[path].sha256)));
    }
    await cache.put(`${scope}manifest.json`, new Response(manifestText, {
      headers: { "Content-Type": "application/json" } }));
    await cache.put(COMPLETE_KEY, new Response("complete"));
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
}

// Revalidated first (cheap when the browser has the file), then fetched afresh; a file whose
// bytes still differ from the manifest (a newer deploy under way) fails the whole version.
async function store(cache, path, sha256) {
  for (const mode of ["no-cache", "reload"]) {
    const response = await fetch(scope + path, { cache: mode });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const data = await response.arrayBuffer();
    if ((await sha256Hex(data)) === sha256) {
      const type = response.headers.get("Content-Type") ?? "application/octet-stream";
      return cache.put(scope + path, new Response(data, { headers: { "Content-Type": type } }));
    }
  }
  throw new Error(`${path}: not the file the manifest lists`);
}

async function sha256Hex(data) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function dropUnused(current) {
  for (const [id, page] of pageVersions) { // a page still loading is not among the clients yet
    const settled = Date.now() - page.since > PAGE_LOAD_GRACE_MS;
    if (settled && !(await self.clients.get(id))) pageVersions.delete(id);
  }
  const inUse = new Set([current, ...Array.from(pageVersions.values(), (page) => page.version)]
    .map((version) => PREFIX + version));
  const names = await caches.keys();
  await Promise.all(names
    .filter((name) => name.startsWith(PREFIX) && name !== POINTER && !inUse.has(name))
    .map((name) => caches.delete(name)));
}
