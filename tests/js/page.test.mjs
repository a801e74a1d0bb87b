import { test } from "node:test";
import assert from "node:assert/strict";
import { createScreen } from "../../site/js/page/screen.js";
import { createSession } from "../../site/js/page/session.js";
import { createApi } from "../../site/js/page/api.js";

test("each new view reaches every follower in the order they joined, told if it moved", () => {
  const screen = createScreen();
  const heard = [];
  screen.follow((view, moved) => heard.push(["paint", view.frame, moved]));
  screen.follow((view, moved) => heard.push(["hash", view.frame, moved]));
  const view = { frame: "f1" };
  screen.show(view);
  screen.show(view);
  screen.show({ frame: "f2" });
  assert.deepEqual(heard, [["paint", "f1", true], ["hash", "f1", true], ["paint", "f1", false],
    ["hash", "f1", false], ["paint", "f2", true], ["hash", "f2", true]]);
  assert.equal(screen.shown().frame, "f2");
});

test("a follower sees the view already on screen, so it may ask the screen for it", () => {
  const screen = createScreen();
  let seen = null;
  screen.follow(() => { seen = screen.shown(); });
  const view = { frame: "f1" };
  screen.show(view);
  assert.equal(seen, view);
});

function fakeLab() {
  const calls = [];
  const record = (name) => (...args) => {
    calls.push([name, ...args]);
    return Promise.resolve({ step: 1 });
  };
  const lab = { getState: () => ({ step: 0 }), setState: record("setState"), step: record("step"),
    seek: record("seek"), reset: record("reset"), memory: record("memory") };
  return { lab, calls };
}

test("before the engine runs getState is null and every call waits for ready", async () => {
  const session = createSession();
  const api = createApi(session);
  assert.equal(api.getState(), null);
  assert.equal(api.getComparison(), null);
  const { lab, calls } = fakeLab();
  const stepped = api.step(3);
  await Promise.resolve();
  session.lab = lab;
  assert.deepEqual(calls, []);
  session.begin(Promise.resolve(lab.getState()));
  assert.deepEqual(await api.ready, { step: 0 });
  assert.deepEqual(await stepped, { step: 1 });
  assert.deepEqual(calls, [["step", 3]]);
});

test("once the lab exists getState reads it, even before ready resolves", () => {
  const session = createSession();
  const api = createApi(session);
  session.lab = fakeLab().lab;
  assert.deepEqual(api.getState(), { step: 0 });
});

test("a failed load rejects ready and every call with its reason", async () => {
  const session = createSession();
  const api = createApi(session);
  session.begin(Promise.reject(new Error("no wasm")));
  await assert.rejects(api.ready, /no wasm/);
  await assert.rejects(api.setState({ lr: 0.1 }), /no wasm/);
});

test("the JS API has the members docs/API.md lists, and no others", () => {
  const api = createApi(createSession());
  assert.deepEqual(Object.keys(api).sort(), ["compare", "getComparison", "getState", "memory",
    "pause", "play", "ready", "reset", "seek", "setState", "step"]);
});
