// The host's side: embeds the lab (?lab=URL), applies H5P-resizer and lti.frameResize heights as
// Moodle's h5p-resizer.js and Canvas do, records every message, and lets the test send commands.
const labSrc = new URLSearchParams(location.search).get("lab");
const frame = document.createElement("iframe");
frame.id = "lab";
frame.title = "Backprop Lab";
frame.allowFullscreen = true;
frame.src = labSrc;
document.getElementById("slot").append(frame);

window.received = [];   // {origin, data} of every message from the frame
window.heights = [];    // {protocol, px} of every height the host was told to apply
window.applyResize = true;
window.speaks = { h5p: true, lti: true }; // which protocols this host understands

function setHeight(protocol, px) {
  window.heights.push({ protocol, px });
  if (window.applyResize) frame.style.height = `${px}px`;
}

// h5p-resizer.js's handlers: answer hello, reset on prepareResize (only when sizes differ), resize.
const h5p = {
  hello: (data, respond) => { frame.style.width = "100%"; respond("hello"); },
  prepareResize: (data, respond) => {
    if (frame.clientHeight !== data.scrollHeight || data.scrollHeight !== data.clientHeight) {
      setHeight("h5p-prepare", data.clientHeight);
      respond("resizePrepared");
    }
  },
  resize: (data) => setHeight("h5p", data.scrollHeight),
};

function parsed(data) {
  if (typeof data !== "string") return data;
  try { return JSON.parse(data); } catch { return null; }
}

window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow) return;
  window.received.push({ origin: event.origin, data: event.data });
  const data = parsed(event.data);
  if (window.speaks.h5p && data?.context === "h5p" && h5p[data.action]) {
    const reply = (action) => event.source.postMessage({ action, context: "h5p" }, event.origin);
    h5p[data.action](data, reply);
  }
  if (window.speaks.lti && data?.subject === "lti.frameResize") {
    setHeight("lti", Number(data.height));
  }
});

window.labOrigin = new URL(labSrc).origin;
window.send = (message) => frame.contentWindow.postMessage(message, window.labOrigin);
