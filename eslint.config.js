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
];
