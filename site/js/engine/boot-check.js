// A classic script, run after the page's ES modules (deferred, in document order) so that it runs
// even where they cannot: when they did not start, it says why in the load-error area instead of
// an endless "Starting…" — opened from disk, a sandboxed frame without allow-same-origin, or other.
(function () {
  "use strict";
  if (window.backpropLab) return; // the modules ran: they report their own failures
  var reason = document.getElementById("load-error-reason");
  if (self.origin === "null" && location.protocol === "file:") {
    reason.textContent = "This page was opened from disk (file://), where browsers do not let it " +
      "load its Python engine. Open the single-file version instead, which works from disk: ";
    var link = document.createElement("a");
    link.href = "backprop-lab-offline.html";
    link.textContent = "backprop-lab-offline.html";
    reason.append(link, ". Or serve this folder with python3 build.py --serve and open the " +
      "address it prints.");
    document.getElementById("retry-btn").hidden = true;
  } else if (self.origin === "null") {
    reason.textContent = "This page is in a sandboxed frame without the allow-same-origin flag, " +
      "and its server does not let such a frame load the page's scripts. The page that embeds it " +
      "must add allow-same-origin to the iframe's sandbox attribute: " +
      'sandbox="allow-scripts allow-same-origin".';
    document.getElementById("retry-btn").hidden = true;
  } else {
    reason.textContent = "The page's scripts did not load (js/main.bundle.js and " +
      "js/engine-start.bundle.js, or js/main.js and its modules). " +
      "Retry or reload the page; if this persists, this browser may be too old for the lab.";
    // The modules would have wired Retry; here it has to be done without them.
    document.getElementById("retry-btn").addEventListener("click", function () {
      location.reload();
    });
  }
  document.getElementById("load-status").hidden = true;
  document.getElementById("load-error").hidden = false;
})();
