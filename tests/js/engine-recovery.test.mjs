// engine.js over the real engine (a CPython process per "worker"): a worker that dies loses
// nothing — every run is rebuilt to the same step, weights and history under the page's ids, and
// a call in flight is sent again; an answer of the wrong shape rejects as an InternalError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createEngine } from "../../site/js/engine/engine.js";
import { processLink } from "./engine-link.mjs";

const WEIGHTS = [[[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]], [[-0.717, -0.204, 0.505]]];

function engineOverProcesses(options = {}, relaunched = {}) {
  const links = [processLink(options)];
  const notices = [];
  const engine = createEngine({
    link: links[0],
    relaunch: async () => {
      links.push(processLink(relaunched));
      return links.at(-1);
    },
    onNotice: (sentence) => notices.push(sentence),
  });
  const close = () => links.forEach((link) => link.close());
  return { engine, links, notices, close };
}

const whole = (engine, run) => engine.call("frame", { run, since: null });

test("a run stepped, edited and sought back is rebuilt exactly after the worker dies", async () => {
  const { engine, notices, close } = engineOverProcesses();
  try {
    const { run } = await engine.call("create", { config: { weights: WEIGHTS }, since: null });
    await engine.call("step", { run, n: 5 });
    await engine.call("step", { run, n: 2 });
    await engine.call("configure", { run, changes: { weights: WEIGHTS } });
    await engine.call("step", { run, n: 4 });
    await engine.call("seek", { run, step: 9 });
    await engine.call("step", { run, n: 1 });
    const before = await whole(engine, run);
    await engine.terminateForTest();
    const after = await whole(engine, run);
    assert.equal(after.run, run);
    assert.equal(after.step, 10);
    assert.deepEqual(after, before);
    assert.deepEqual(notices,
      ["The engine stopped and was restarted; your run was rebuilt at step 10."]);
  } finally {
    close();
  }
});

test("the page's `since` after a rebuild gets the whole history, once", async () => {
  const { engine, close } = engineOverProcesses();
  try {
    const { run } = await engine.call("create", { config: {}, since: null });
    const stepped = await engine.call("step", { run, n: 3, since: null });
    const since = { revision: stepped.history.revision, step: 3 };
    await engine.terminateForTest();
    const first = await engine.call("step", { run, n: 1, since });
    assert.equal(first.history.keep_through, -1);
    assert.deepEqual(first.history.rows.map((row) => row.step), [0, 1, 2, 3, 4]);
    const next = await engine.call("step", { run, n: 1,
      since: { revision: first.history.revision, step: 4 } });
    assert.deepEqual(next.history.rows.map((row) => row.step), [5]);
  } finally {
    close();
  }
});

test("runs keep the page's ids across restarts, and a new run never takes an old id", async () => {
  const { engine, close } = engineOverProcesses();
  try {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await engine.call("create", {})).run);
    assert.deepEqual(ids, ["r1", "r2", "r3"]);
    await engine.call("drop", { run: "r1" });
    await engine.call("step", { run: "r3", n: 2 });
    await engine.terminateForTest();
    assert.deepEqual((await engine.call("runs")).runs, ["r2", "r3"]);
    assert.equal((await engine.call("frame", { run: "r3" })).step, 2);
    assert.equal((await engine.call("create", {})).run, "r4");
    await engine.terminateForTest();
    assert.deepEqual((await engine.call("runs")).runs, ["r2", "r3", "r4"]);
    await assert.rejects(engine.call("frame", { run: "r1" }),
      { name: "ValueError", message: "run: no run 'r1'; create one first" });
  } finally {
    close();
  }
});

test("a call in flight when the worker dies is sent again to the rebuilt engine", async () => {
  const { engine, links, close } = engineOverProcesses();
  try {
    const { run } = await engine.call("create", {});
    await engine.call("step", { run, n: 4 });
    const pending = engine.call("step", { run, n: 3 });
    links[0].terminate();
    assert.equal((await pending).step, 7);
    assert.equal((await engine.call("frame", { run })).step, 7);
  } finally {
    close();
  }
});

test("a step the engine stopped part-way (divergence) is rebuilt to where it stopped", async () => {
  const { engine, close } = engineOverProcesses();
  try {
    const config = { layers: [1, 1], inputs: [1.0], targets: [2.0],
      optimizer: { name: "sgd", lr: 2.5 } };
    const { run } = await engine.call("create", { config });
    await engine.call("step", { run, n: 1 });
    const error = await engine.call("step", { run, n: 1000 }).catch((err) => err);
    assert.equal(error.name, "DivergenceError");
    assert.ok(error.frame.step > 1);
    const before = await whole(engine, run);
    assert.equal(error.frame.step, before.step);
    await engine.terminateForTest();
    assert.deepEqual(await whole(engine, run), before);
  } finally {
    close();
  }
});

test("an answer the page cannot read rejects the call as an InternalError", async () => {
  for (const text of ["not json", '{"hello": 1}', "[]", "null"]) {
    const { engine, close } = engineOverProcesses({ answer: () => ({ text, buffer: null }) });
    try {
      await assert.rejects(engine.call("describe"), { name: "InternalError" });
    } finally {
      close();
    }
  }
});

test("a call the engine dies on twice is not sent a third time", async () => {
  // The second worker answers its first describe (the rebuild's), never the next.
  let describes = 0;
  const { engine, links, close } = engineOverProcesses({}, {
    answer: (text, buffer) => (text.includes('"optimizers"') && ++describes > 1 ? null
      : { text, buffer }),
  });
  try {
    const pending = engine.call("describe");
    links[0].terminate();
    const sent = () => links[1]?.calls.filter((name) => name === "describe").length ?? 0;
    while (sent() < 2) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    links[1].terminate();
    await assert.rejects(pending, { name: "EngineStopped", message: /stopped twice/ });
  } finally {
    close();
  }
});

test("a new worker that cannot rebuild the runs is stopped before the next is tried", async () => {
  const refused = JSON.stringify({ ok: false, type: "ValueError", message: "refused" });
  const { engine, links, notices, close } = engineOverProcesses({}, {
    answer: (text, buffer) => (text.includes('"optimizers"') ? { text, buffer }
      : { text: refused, buffer: null }),
  });
  try {
    await engine.call("create", { config: {} });
    links[0].terminate();
    await assert.rejects(engine.call("describe"), { name: "EngineStopped" });
    assert.equal(links.length, 4); // the first worker and three tries
    for (const link of links.slice(1)) {
      await assert.rejects(link.call("describe"), { name: "EngineLost" }); // none left running
    }
    assert.match(notices.at(-1), /could not be restarted/);
  } finally {
    close();
  }
});
