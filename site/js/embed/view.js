// The `embed=1` view option of the URL hash: read once at load, kept when the page rewrites its
// hash, and the compact layout it asks for (no header, texts collapsed, an "Open full page" link).
import { hasOption, withOption } from "../core/view-options.js";

const EMBED_KEY = "embed";

/** True when the hash asks for the embedded view: `embed=1` among its `&`-separated keys. */
export function wantsEmbed(hash) {
  return hasOption(hash, EMBED_KEY, 1);
}

/** The hash without the view option: the scenario alone. */
export function withoutEmbed(hash) {
  return withOption(hash, EMBED_KEY, null);
}

/** The hash with `embed=1` added (once) at the end. */
export function withEmbed(hash) {
  return withOption(hash, EMBED_KEY, 1);
}

/** A URL of this page showing the same scenario embedded: page address + hash + embed=1. */
export function embedSrc(href) {
  const url = new URL(href);
  return `${url.origin}${url.pathname}${url.search}${withEmbed(url.hash)}`;
}

/** The compact layout: a class on <html> for embed.css, and every long text collapsed. */
export function applyEmbedLayout(doc) {
  doc.documentElement.classList.add("is-embed");
  doc.querySelectorAll(".guide details[open]").forEach((details) => { details.open = false; });
  doc.getElementById("embed-bar").hidden = false;
}

/** Points "Open full page" at the page as it stands, without embed=1. */
export function updateFullPageLink(link, href) {
  const url = new URL(href);
  url.hash = withoutEmbed(url.hash);
  link.href = url.href;
}
