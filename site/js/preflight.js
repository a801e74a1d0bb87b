// A classic (non-module) script that runs before the lab's modules: where modules cannot load — the
// page opened from disk, or a sandboxed frame without allow-same-origin — nothing else could say
// why the lab does not start, so it says so in the load-error panel instead of a silent spinner.
(function preflight() {
  var reason = null;
  if (location.protocol === "file:") {
    reason = "This page was opened from disk, where browsers do not run the lab's modules. Open the " +
      "one-file version (backprop-lab-offline.html) instead, or serve this folder: python3 build.py --serve " +
      "and then http://127.0.0.1:8000/.";
  } else if (self.origin === "null") {
    reason = "This lab is inside a sandboxed frame without allow-same-origin, so the browser will not " +
      "load its modules. The page that embeds it must add allow-same-origin to the iframe's sandbox " +
      "attribute (sandbox=\"allow-scripts allow-same-origin\").";
  }
  if (!reason) return;
  document.addEventListener("DOMContentLoaded", function showReason() {
    document.getElementById("load-status").hidden = true;
    document.getElementById("load-error-reason").textContent = reason;
    document.getElementById("retry-btn").hidden = true;
    document.getElementById("load-error").hidden = false;
  });
})();
