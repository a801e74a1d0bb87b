// Wiring for the page shell: boots the engine with visible progress, enables Step when ready,
// shows the loss, and defines window.backpropLab. Rendering lives in the view modules.
import { loadEngine } from "./bridge.js";
import { render as renderLoad } from "./loading-view.js";

const loadSection = document.getElementById("load");
const stepButton = document.getElementById("step-btn");
const lossValue = document.getElementById("loss-value");
let engine = null;
let engineState = null;

async function boot() {
  try {
    engine = await loadEngine({ onProgress: (load) => renderLoad(loadSection, load) });
    showState(await engine.call("reset", { config: {} }));
    stepButton.disabled = false;
  } catch (error) {
    renderLoad(loadSection, { phase: "failed", label: "", fraction: 0, error });
    console.warn("Backprop Lab failed to load:", error);
    throw error;
  }
}

function showState(state) {
  engineState = state;
  lossValue.textContent = formatLoss(state.loss);
}

function formatLoss(loss) {
  return Number.isFinite(loss) ? loss.toFixed(6) : String(loss);
}

async function step(n = 1) {
  showState(await engine.call("step", { n }));
  return publicState();
}

function publicState() {
  const s = engineState;
  const unwrap = (list) => (list.length === 1 ? list[0] : list);
  return {
    inputs: s.inputs,
    target: unwrap(s.targets),
    lr: s.config.optimizer.lr,
    seed: s.config.seed,
    weights: s.weights,
    biases: s.biases,
    step: s.step,
    loss: s.loss,
    prediction: unwrap(s.prediction),
    history: s.history,
  };
}

const ready = boot();
ready.catch(() => {});

stepButton.addEventListener("click", async () => {
  stepButton.disabled = true;
  try {
    await step(1);
  } catch (error) {
    console.warn("Step failed:", error);
  } finally {
    stepButton.disabled = false;
  }
});
document.getElementById("retry-btn").addEventListener("click", () => window.location.reload());

window.backpropLab = { ready, getState: publicState, step };
