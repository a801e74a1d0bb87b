// What is on screen: the view last shown and the parts of the page that follow each new one (the
// painting, the URL hash, the embed channel, the receipt…), told in the order they joined. It holds
// the view, never a copy of the run, and calls no engine. No DOM.

/**
 * Returns {show(view), follow(fn), shown()}: show paints a view from the lab ({frame, history,
 * state, description, branch, points}); each follower gets fn(view, moved), moved: its frame is not
 * the one shown before (a view option alone redraws the same frame).
 */
export function createScreen() {
  let shown = null;
  const followers = [];
  return {
    show(view) {
      const moved = view.frame !== shown?.frame;
      shown = view;
      for (const follower of followers) follower(view, moved);
    },
    follow(follower) {
      followers.push(follower);
    },
    shown: () => shown,
  };
}
