// window.backpropLab: the functions the page's own buttons use, for a test, the console or a page
// that shows the lab in a frame (docs/API.md). Every call but getState and getComparison waits for
// `ready` and then goes to the lab, Play or the comparison, which queue and check it.

/** session: createSession()'s parts (page/session.js), read at each call. */
export function createApi(session) {
  const { ready } = session;
  const afterReady = (call) => async (...args) => {
    await ready;
    return call(...args);
  };
  return {
    ready,
    getState: () => (session.lab ? session.lab.getState() : null),
    setState: afterReady((partial) => session.lab.setState(partial)),
    step: afterReady((n) => session.lab.step(n)),
    seek: afterReady((step) => session.lab.seek(step)),
    reset: afterReady((seed) => session.lab.reset(seed)),
    memory: afterReady(() => session.lab.memory()),
    play: afterReady((options) => session.training.play(options)),
    pause: afterReady(() => session.training.pause()),
    compare: afterReady((options) => session.comparison.compare(options)),
    getComparison: () => session.comparison?.getComparison() ?? null,
  };
}
