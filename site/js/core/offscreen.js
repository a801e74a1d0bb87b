// While Play runs, a view out of sight (a long table below the fold) skips its updates and catches
// up with the newest one the moment it comes into sight, or when Play stops: thousands of numbers
// nobody can see cost no style, layout or paint in every frame. At any other time every view is
// drawn at once, so a single step, a script or a screen reader always finds each view current.

const MARGIN = "200px"; // drawn a little before it scrolls into sight

/** Returns {draw(element, paint), setDeferring(on)}: paint() draws element's view. */
export function createOffscreenViews({ Observer = globalThis.IntersectionObserver } = {}) {
  const inSight = new Set();
  const pending = new Map(); // element -> the newest paint() it skipped
  const watched = new WeakSet();
  let deferring = false;
  const catchUp = (element) => {
    const paint = pending.get(element);
    pending.delete(element);
    paint?.();
  };
  const observer = Observer && new Observer((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        inSight.add(entry.target);
        catchUp(entry.target);
      } else {
        inSight.delete(entry.target);
      }
    }
  }, { rootMargin: MARGIN });

  return {
    draw(element, paint) {
      if (observer && !watched.has(element)) {
        watched.add(element);
        observer.observe(element);
      }
      if (deferring && observer && !inSight.has(element)) {
        pending.set(element, paint);
        return;
      }
      pending.delete(element);
      paint();
    },
    setDeferring(on) {
      deferring = on;
      if (!on) [...pending.keys()].forEach(catchUp);
    },
  };
}
