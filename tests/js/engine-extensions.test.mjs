import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createLab } from "../../site/js/state/lab.js";
import { hashFromState, stateFromHash } from "../../site/js/state/state.js";
import { networkItems } from "../../site/js/core/network-texts.js";
import { startEngine } from "./engine-process.mjs";

// The page's lab (state/lab.js, state.js) driven against the real engine in CPython, given an
// optimizer, activation, loss and data set of its own in Python only (tests/toy_entries.py): the
// lab offers them, checks them, writes them to the hash and changes them live with no JS change.
const engine = startEngine("import sys; sys.path.insert(0, 'tests'); import toy_entries; "
  + "toy_entries.install()");
after(() => engine.close());
const description = await engine.call("describe");

async function labFrom(hash) {
  const parsed = stateFromHash(hash, description);
  assert.deepEqual(parsed.errors, []);
  const views = [];
  const lab = createLab({ engine, description, state: parsed.state, show: (v) => views.push(v) });
  await lab.start();
  return { lab, state: parsed.state, shown: () => views.at(-1) };
}

// The engine's own run of the same actions, in the same process (create, then each action).
async function engineRun(config, ...actions) {
  let frame = await engine.call("create", { config });
  for (const [name, args] of actions) frame = await engine.call(name, { run: frame.run, ...args });
  await engine.call("drop", { run: frame.run });
  return frame;
}

function closeTo(actual, expected) {
  const a = actual.flat(2);
  const e = expected.flat(2);
  assert.equal(a.length, e.length);
  a.forEach((x, i) => assert.ok(Math.abs(x - e[i]) <= 1e-12 * Math.abs(e[i]), `${i}: ${x}`));
}

test("a new optimizer comes with its settings, hash keys and live changes", async () => {
  const { lab, state, shown } = await labFrom("#opt=toy_trace&pull=0.3&lr=0.05&seed=4");
  assert.deepEqual(lab.getState().optimizer, { name: "toy_trace", lr: 0.05, pull: 0.3 });
  await lab.step(5);
  await lab.setState({ optimizer: { pull: 0.8 } });
  assert.equal(shown().frame.step, 5); // an event, not a new run
  await lab.step(5);
  const config = { seed: 4, optimizer: { name: "toy_trace", lr: 0.05, pull: 0.3 } };
  const engineFrame = await engineRun(config, ["step", { n: 5 }],
    ["configure", { changes: { optimizer: { pull: 0.8 } } }], ["step", { n: 5 }]);
  closeTo(lab.getState().weights, engineFrame.weights);
  assert.deepEqual(shown().history.rows.find((row) => row.step === 6).changes, ["pull"]);
  const hash = hashFromState(state, description);
  assert.match(hash, /(^|&)opt=toy_trace(&|$)/);
  assert.match(hash, /(^|&)pull=0\.8(&|$)/);
  const column = description.optimizers.toy_trace.state[0].key;
  assert.deepEqual(shown().frame.optimizer_state[column], engineFrame.optimizer_state[column]);
  await assert.rejects(lab.setState({ optimizer: { pull: 1 } }),
    { name: "ValueError", message: "optimizer.pull: Must be less than 1." });
});

test("switching to the new optimizer gives its own defaults", async () => {
  const { lab } = await labFrom("#opt=adam&beta1=0.8");
  await lab.setState({ optimizer: "toy_trace" });
  const { settings } = description.optimizers.toy_trace;
  assert.deepEqual(lab.getState().optimizer, { name: "toy_trace", lr: 0.01, pull: settings.pull });
});

test("a new activation, loss and data set are offered and put in words", async () => {
  const { lab, state, shown } = await labFrom("#seed=2");
  await lab.setState({ hidden_activation: "toy_softsign", loss: "toy_log_cosh" });
  assert.deepEqual(shown().frame.activations, ["toy_softsign", "linear"]);
  assert.match(networkItems(shown().frame, description)[0],
    /3 hidden neurons with softsign, a\(z\) = z \/ \(1 \+ \|z\|\)/);
  const back = stateFromHash(`#${hashFromState(state, description)}`, description).state;
  assert.deepEqual([back.hidden_activation, back.loss], ["toy_softsign", "toy_log_cosh"]);
  await lab.setState({ dataset: { name: "toy_stripes" }, batch_size: 8 });
  await lab.step(7);
  const config = { seed: 2, hidden_activation: "toy_softsign", loss: "toy_log_cosh",
    dataset: { name: "toy_stripes" }, batch_size: 8 };
  closeTo(lab.getState().weights, (await engineRun(config, ["step", { n: 7 }])).weights);
  assert.deepEqual(shown().frame.batch, { rows: 40, batch_size: 8, per_epoch: 5, position: 2 });
  assert.match(hashFromState(state, description), /dataset=%7B%22name%22%3A%22toy_stripes%22/);
});
