// Embedding, wired in one call from main.js: the embed=1 layout, height reports and the host
// protocol when framed, and the Embed dialog. Knows the lab only through window.backpropLab.
import { applyEmbedLayout, updateFullPageLink, wantsEmbed, withEmbed } from "./view.js";
import { openHostChannel } from "./protocol.js";
import { reportHeight } from "./resize.js";
import { wireEmbedDialog } from "./dialog.js";

const embedded = wantsEmbed(window.location.hash);
const framed = window.parent !== window;

/** The hash the page writes, with the view option kept: `embed=1` stays while the scenario
 * changes. */
export function keepViewOptions(hash) {
  return embedded ? withEmbed(hash) : hash;
}

/** Starts embedding; returns {shown()}, for the page to call after each view is shown. */
export function startEmbed(api) {
  if (embedded) applyEmbedLayout(document);
  wireEmbedDialog(document);
  if (framed) reportHeight();
  const channel = framed ? openHostChannel(api) : null;
  const link = document.getElementById("full-page-link");
  return {
    shown() {
      if (embedded) updateFullPageLink(link, window.location.href);
      if (!channel) return; // no host to tell: no copy of the public state to make
      const publicState = api.getState(); // null while the first frame shows, before the lab
      if (publicState) channel.shown(publicState);
    },
  };
}
