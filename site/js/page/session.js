// The parts of the page that exist once the engine runs: the lab (the one writer of the UI state),
// Play and Train, the learning-rate comparison. boot.js fills them in and settles `ready`; the JS
// API reads them. Until then each part is null and `ready` is pending.

/** Returns {ready, lab, training, comparison, begin(promise)}: ready follows begin's promise. */
export function createSession() {
  let settle = null;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  return {
    ready,
    lab: null,
    training: null,
    comparison: null,
    begin(promise) {
      promise.then(settle.resolve, settle.reject);
    },
  };
}
