// The page's entry: it only boots and wires. It makes window.backpropLab, then joins each part of
// the page to what it needs, in the order the parts can work: at once what needs no engine (the
// painting of every view, the URL hash, embedding, the controls that go through the JS API), the
// rest once the engine runs (page/boot.js). Each part's own work lives in its folder; page/ joins
// parts of different folders.
import { createSession } from "./page/session.js";
import { createScreen } from "./page/screen.js";
import { createApi } from "./page/api.js";
import { followWithPaint } from "./page/paint.js";
import { writeHash } from "./page/hash.js";
import { boot } from "./page/boot.js";
import { showFirstFrame } from "./page/first-frame.js";
import { startEmbed } from "./embed/embed.js";
import { startDisplay } from "./display/projector.js";
import { keepCardOrder } from "./display/card-order.js";
import { keepForOffline } from "./offline/offline.js";
import { watchGuideLinks } from "./guide/links.js";
import { watchHistoryRows } from "./tables/history-picker.js";
import { watchHistoryFiles } from "./tables/history-files.js";
import { watchValuesForm } from "./training/values-form.js";
import { goBackTo } from "./training/time-travel.js";
import { hideStepError } from "./training/step-error.js";

const byId = (id) => document.getElementById(id);

const session = createSession(); // the lab, Play and the comparison, once the engine runs
const screen = createScreen(); // the view on screen; each part below follows it
const api = createApi(session);
window.backpropLab = api;
const goBack = (step) => goBackTo(api, screen.shown(), step);

// Each new view, in this order: a new frame clears a refused step's message (a refused step shows
// it after its frame), every view is painted, the URL and an embedding host are told.
screen.follow((view, moved) => moved && hideStepError());
const painting = followWithPaint(screen, session, { onPick: goBack });
screen.follow(writeHash);
const embed = startEmbed(api);
keepCardOrder(byId("lab"));
startDisplay(document, { onChange: () => screen.shown() && screen.show(screen.shown()) });
screen.follow(() => embed.shown());

watchValuesForm(byId("values-form"), api, screen.shown);
watchHistoryRows(byId("history"), goBack);
watchHistoryFiles(api);
watchGuideLinks(document.body);
byId("retry-btn").addEventListener("click", () => window.location.reload());
byId("skip-link").addEventListener("click", (event) => {
  event.preventDefault(); // keep the scenario in the URL hash
  byId("lab").focus();
});

session.begin(boot({ session, screen, api, onPlaying: painting.setDeferring }));
session.ready.then(() => keepForOffline(), () => {});
// The built page draws its first frame at once, controls disabled: in a task of its own after
// this module's, so that neither is long enough to hold up the first scroll or keypress.
setTimeout(() => showFirstFrame(screen, session), 0);
