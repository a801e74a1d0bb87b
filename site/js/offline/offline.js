// Offline use after one visit: registers the service worker (sw.js), which keeps a copy of this
// build, and asks the browser to keep that storage. Where service workers or storage are refused
// (file://, sandboxed or third-party frames, private windows) it does nothing, silently.

export async function keepForOffline(baseURL = document.baseURI) {
  if (!/^https?:$/.test(location.protocol)) return false;
  try {
    await navigator.serviceWorker.register(new URL("sw.js", baseURL), { scope: "./" });
    await navigator.storage?.persist?.();
    return true;
  } catch {
    return false; // reading navigator.serviceWorker itself throws in an opaque origin
  }
}
