// Tells the parent window how tall the page is, in the two protocols hosts understand: H5P's
// resizer (h5p-resizer.js: hello, prepareResize, resizePrepared, resize) and lti.frameResize.
// Heights only, so they go to "*" as H5P's own embeds do; nothing here touches the lab.

/** Starts reporting (only when framed): on load, on every change of the page's height. */
export function reportHeight() {
  if (window.parent === window) return;
  const h5p = { friendly: false, sent: null };
  let lti = null;
  const report = (force = false) => {
    const height = document.body.scrollHeight;
    if (force || height !== lti) postLtiResize(height);
    lti = height;
    if (h5p.friendly && (force || height !== h5p.sent)) {
      sendH5p("prepareResize", { scrollHeight: height, clientHeight: document.body.clientHeight });
      h5p.sent = height;
    }
  };
  listenToH5p(h5p, report);
  sendH5p("hello");
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; report(); });
  }).observe(document.body);
}

// The parent's side of H5P's handshake; the data it sends back is its own (action + context).
function listenToH5p(h5p, report) {
  const handlers = {
    ready: () => sendH5p("hello"), // the resizer loaded after this page
    hello: () => { h5p.friendly = true; report(true); },
    resizePrepared: () => sendH5p("resize", { scrollHeight: document.body.scrollHeight }),
    resize: () => report(true), // the parent's window changed size
  };
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window.parent || data?.context !== "h5p") return;
    if (Object.hasOwn(handlers, data.action)) handlers[data.action]();
  });
}

function sendH5p(action, data = {}) {
  window.parent.postMessage({ ...data, context: "h5p", action }, "*");
}

// Canvas parses a string or an object; other LTI hosts only a JSON string, so the string it is.
function postLtiResize(height) {
  window.parent.postMessage(JSON.stringify({ subject: "lti.frameResize", height }), "*");
}
