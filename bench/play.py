"""Frames per second while Play runs, for 2-3-1 and for six hidden layers of 8 ([2,8,8,8,8,8,8,1]),
at 60 steps/s (one step per frame) and "as fast as possible". Figures only; nothing is asserted.
Builds the site into a temp dir, serves it on 127.0.0.1 and drives window.backpropLab.
Run by hand: python3 bench/play.py [--seconds 4]"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from startup import served_build  # noqa: E402

# Counts animation frames (what the browser painted) and view updates (the step readout changing)
# over `seconds` of Play; also the longest gap between two frames.
MEASURE = """async ({ seconds, speed }) => {
  const lab = window.backpropLab;
  const readout = document.getElementById("step-count");
  let updates = 0;
  const seen = new MutationObserver(() => { updates += 1; });
  seen.observe(readout, { childList: true, characterData: true, subtree: true });
  const times = [];
  let running = true;
  const count = (t) => { times.push(t); if (running) requestAnimationFrame(count); };
  const startStep = lab.getState().step;
  const stopped = lab.play({ speed });
  requestAnimationFrame(count);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  running = false;
  await lab.pause();
  await stopped;
  seen.disconnect();
  const span = (times.at(-1) - times[0]) / 1000;
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const steps = lab.getState().step - startStep;
  return { fps: (times.length - 1) / span, updates: updates / span, steps: steps / span,
    worst: Math.max(...gaps) };
}"""

SET_NETWORK = "(layers) => window.backpropLab.setState({layers, hidden_activation: 'tanh'})"
NETWORKS = {"2-3-1": [2, 3, 1], "2-8x6-1": [2, 8, 8, 8, 8, 8, 8, 1]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args(argv)
    rows = []
    with served_build() as (browser, url):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.evaluate("window.backpropLab.ready")
        for name, layers in NETWORKS.items():
            for speed in (60, "max"):
                page.evaluate(SET_NETWORK, layers)
                result = page.evaluate(MEASURE, {"seconds": args.seconds, "speed": speed})
                rows.append((name, str(speed), result))
    print(f"Play, {args.seconds:g} s each (headless Chromium, {url})")
    print(f"{'network':<10}{'speed':<8}{'frames/s':>10}{'repaints/s':>12}{'steps/s':>10}"
          f"{'worst gap ms':>14}")
    for name, speed, r in rows:
        print(f"{name:<10}{speed:<8}{r['fps']:>10.1f}{r['updates']:>12.1f}{r['steps']:>10.0f}"
              f"{r['worst']:>14.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
