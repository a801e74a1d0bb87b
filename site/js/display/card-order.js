// Which column holds which card. From 760 px the cards stand in column stacks (what you set and
// do | what happens | what it leads to); on a phone the columns dissolve into one list (CSS:
// display: contents) that reads the inputs, the drawing, Play and its advice, the chart, then the
// step's tables. The cards themselves move between the two arrangements (CSS `order` would move
// them only on screen), so the keyboard and a screen reader always go in the order a person reads.

/** Each column's cards, top to bottom (by their card--name class), at each width. */
export const ARRANGEMENTS = {
  wide: { set: ["controls", "run"], see: ["network", "updates", "history"],
    record: ["chart", "weights"] },
  phone: { set: ["controls"], see: ["network", "run"],
    record: ["chart", "updates", "weights", "history"] },
};
const PHONE = "(max-width: 759.98px)"; // style.css: the columns from 760 px

/** The arrangement's cards in reading order: the columns' lists one after the other. */
export function readingOrder(arrangement) {
  return Object.values(arrangement).flat();
}

/** Puts each card of `lab` (main.lab) in its column for the screen's width, now and on a change. */
export function keepCardOrder(lab, media = window.matchMedia(PHONE)) {
  const arrange = () => place(lab, media.matches ? ARRANGEMENTS.phone : ARRANGEMENTS.wide);
  arrange();
  media.addEventListener("change", arrange);
}

function place(lab, arrangement) {
  const focused = lab.ownerDocument.activeElement;
  for (const [column, names] of Object.entries(arrangement)) {
    const stack = lab.querySelector(`.lab-col--${column}`);
    const cards = names.map((name) => lab.querySelector(`.card--${name}`));
    if (cards.every((card, i) => stack.children[i] === card)) continue;
    // One at a time: append(...cards) takes them all out first, and a focusout fired then (the
    // focused card leaving) would find the others out of the document.
    for (const card of cards) stack.append(card);
  }
  // A moved element loses focus: it keeps it (a phone turned while a field was being typed in).
  if (focused && focused !== lab.ownerDocument.activeElement && lab.contains(focused)) {
    focused.focus({ preventScroll: true });
  }
}
