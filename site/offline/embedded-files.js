// The offline file's network (a classic script in backprop-lab-offline.html, never in dist/ as a
// file): answers fetch() for the files embedded in the page as base64 data blocks, each checked
// against the embedded manifest's sha256 first. Anything else goes to the browser's own fetch.
(() => {
  "use strict";
  const base = new URL(".", document.baseURI).href;
  const blocks = new Map(Array.from(document.querySelectorAll("script[data-path]"),
    (block) => [block.dataset.path, block]));
  const nativeFetch = globalThis.fetch.bind(globalThis);
  const files = new Map(); // path -> Promise of checked bytes

  function decode(block) {
    const binary = atob(block.textContent);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  async function sha256Hex(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  async function checked(path) {
    const bytes = decode(blocks.get(path));
    if (path === "manifest.json" || !globalThis.crypto?.subtle) return bytes;
    const manifest = JSON.parse(new TextDecoder().decode(await bytesOf("manifest.json")));
    const expected = manifest.files[path]?.sha256;
    if (expected !== await sha256Hex(bytes)) {
      throw new TypeError(`${path} is damaged: its sha256 does not match the build's manifest.`);
    }
    return bytes;
  }

  function bytesOf(path) {
    if (!files.has(path)) files.set(path, checked(path));
    return files.get(path);
  }

  function embeddedPath(input) {
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    const href = url.href.split(/[?#]/)[0];
    const path = href.startsWith(base) ? decodeURIComponent(href.slice(base.length)) : null;
    return blocks.has(path) ? path : null;
  }

  globalThis.fetch = async (input, init) => {
    const path = embeddedPath(input);
    if (path === null) return nativeFetch(input, init);
    const bytes = await bytesOf(path);
    const headers = { "Content-Type": blocks.get(path).dataset.type };
    return new Response(bytes, { status: 200, headers });
  };

  // This page is the offline copy: there is no other file beside it to download.
  const download = document.getElementById("offline-download");
  if (download) download.hidden = true;
})();
