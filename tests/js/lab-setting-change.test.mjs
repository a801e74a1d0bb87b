import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createLab } from "../../site/js/state/lab.js";
import { stateFromHash } from "../../site/js/state/state.js";
import { settingChange } from "../../site/js/core/optimizer-settings.js";
import { startEngine } from "./engine-process.mjs";

// A field of the optimizer's card typed while the one before it is still with the engine: the
// change is made of the state at its turn in the queue, so neither undoes the other (Adam's two
// betas are one setting, sent whole).
const engine = startEngine();
after(() => engine.close());
const description = await engine.call("describe");

test("two betas typed back to back both reach the engine", async () => {
  const { state } = stateFromHash("#opt=adam", description);
  const lab = createLab({ engine, description, state, show: () => {}, nextFrame: (fn) => fn() });
  await lab.start();
  const change = (field, value) => (now) => settingChange(now, field, value, description);
  const first = lab.setState(change("beta1", 0.8)); // not awaited: still queued
  const second = lab.setState(change("beta2", 0.99));
  await Promise.all([first, second]);
  assert.deepEqual(lab.getState().optimizer.betas, [0.8, 0.99]);
});
