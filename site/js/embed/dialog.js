// The Embed dialog: the iframe code for the scenario on screen, and a Copy button that uses the
// clipboard when the browser allows it and otherwise selects the code for the learner to copy.
import { embedSrc } from "./view.js";

export const FRAME_TITLE = "Backprop Lab: backpropagation, one step at a time";
// px: the embedded lab in a course page's ~800-px column, until the host resizes it
export const FRAME_HEIGHT = 1500;

/** The HTML a teacher pastes into a course page. */
export function iframeCode(src, { title = FRAME_TITLE, height = FRAME_HEIGHT } = {}) {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" `
    + `height="${height}" style="border: 0; max-width: 100%;" allowfullscreen></iframe>`;
}

function escapeAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Wires the button that opens the dialog, its Copy and Close buttons. */
export function wireEmbedDialog(doc) {
  const dialog = doc.getElementById("embed-dialog");
  const code = doc.getElementById("embed-code");
  const status = doc.getElementById("embed-copy-status");
  doc.getElementById("embed-btn").addEventListener("click", () => {
    code.value = iframeCode(embedSrc(doc.location.href));
    status.textContent = "";
    dialog.showModal();
  });
  doc.getElementById("embed-copy").addEventListener("click", () => copyCode(code, status));
  doc.getElementById("embed-close").addEventListener("click", () => dialog.close());
}

async function copyCode(code, status) {
  try {
    await navigator.clipboard.writeText(code.value);
    status.textContent = "Copied.";
  } catch {
    // Clipboard blocked (permissions policy, an insecure origin, an old browser): select instead.
    code.focus();
    code.select();
    status.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy.";
  }
}
