// ESLint's flat config: @eslint/js's recommended rules, unused variables, and the sizes the
// project keeps (lines of 100 columns, files of 300 lines, functions of 40) for every JS file, each
// with the globals of where it runs: the browser, the service worker or Node.
import js from "@eslint/js";
import globals from "globals";

// Lines count comments and strings too (a URL may run long); files and functions count code
// only: blank lines and comments, which the style asks for, do not use up the budget.
const SIZES = {
  "max-len": ["error", { code: 100, ignoreUrls: true }],
  "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
  "max-lines-per-function": ["error", { max: 40, skipBlankLines: true, skipComments: true }],
};

// TEMPORARY, goes when issue 18 item 4 lands (site/js split into small rooms and reflowed): the
// files of site/js that are over a size today, where the three size rules only warn. Every other
// file, and every other rule here, is an error. Take a file out of the list once it is within.
const OVER_SIZE_TODAY = [
  "site/js/charts/loss-chart.js",
  "site/js/compare/chart.js",
  "site/js/compare/panel.js",
  "site/js/compare/rates.js",
  "site/js/compare/run.js",
  "site/js/compare/table.js",
  "site/js/core/architecture.js",
  "site/js/core/chart-draw.js",
  "site/js/core/chart-scale.js",
  "site/js/core/format.js",
  "site/js/core/mathml.js",
  "site/js/core/network-geometry.js",
  "site/js/core/network-texts.js",
  "site/js/core/play-pacing.js",
  "site/js/core/validate.js",
  "site/js/core/values-form.js",
  "site/js/data/csv.js",
  "site/js/data/form.js",
  "site/js/data/view.js",
  "site/js/embed/dialog.js",
  "site/js/embed/embed.js",
  "site/js/embed/messages.js",
  "site/js/embed/protocol.js",
  "site/js/engine/boot-check.js",
  "site/js/engine/bridge.js",
  "site/js/engine/loading-view.js",
  "site/js/engine/runtime-files.js",
  "site/js/engine/start.js",
  "site/js/main.js",
  "site/js/maps/colors.js",
  "site/js/maps/function-map.js",
  "site/js/maps/node-maps.js",
  "site/js/maps/surface-feed.js",
  "site/js/network/bias-marks.js",
  "site/js/network/edge-highlight.js",
  "site/js/network/edge-readout.js",
  "site/js/network/gradient-sizes.js",
  "site/js/network/view.js",
  "site/js/receipt/receipt.js",
  "site/js/receipt/view.js",
  "site/js/settings/example-fields.js",
  "site/js/settings/network.js",
  "site/js/settings/optimizer.js",
  "site/js/settings/wiring.js",
  "site/js/state/export-import.js",
  "site/js/state/history-store.js",
  "site/js/state/lab.js",
  "site/js/state/state.js",
  "site/js/state/values.js",
  "site/js/tables/gradcheck.js",
  "site/js/tables/history-events.js",
  "site/js/tables/history-picker.js",
  "site/js/tables/history.js",
  "site/js/tables/layers.js",
  "site/js/tables/updates.js",
  "site/js/tables/weights.js",
  "site/js/training/play-controls.js",
  "site/js/training/player.js",
  "site/js/training/step-modes.js",
  "site/js/views.js",
];

export default [
  { ignores: ["dist/", ".cache/", ".venv/", "build/", "screenshots/"] },
  js.configs.recommended,
  { rules: { ...SIZES, "no-unused-vars": "error" } },
  {
    files: ["site/**/*.js", "tests/e2e/**/*.js"],
    ignores: ["site/sw.js"],
    languageOptions: { globals: globals.browser },
  },
  { files: ["site/sw.js"], languageOptions: { globals: globals.serviceworker } },
  { files: ["**/*.mjs", "eslint.config.js"], languageOptions: { globals: globals.node } },
  {
    files: OVER_SIZE_TODAY,
    rules: Object.fromEntries(Object.entries(SIZES).map(([rule, [, options]]) => [
      rule, ["warn", options],
    ])),
  },
];
