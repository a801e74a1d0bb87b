// Links into the guide ("why biases matter", "where a gradient's size comes from"): following one
// opens its <details> section, which a fragment alone does not do in every browser. Wiring only.

/** Opens the guide section a link inside `root` points at, then lets the browser scroll to it. */
export function watchGuideLinks(root) {
  root.addEventListener("click", (event) => {
    const link = event.target.closest?.('a[href^="#guide-"]');
    const section = link && document.getElementById(link.getAttribute("href").slice(1));
    if (section instanceof HTMLDetailsElement) section.open = true;
  });
}
