// ESLint's flat config: @eslint/js's recommended rules and the project's sizes (lines of 100
// columns, files of 300 lines, functions of 40) for every JS file, with each file's globals.
import js from "@eslint/js";
import globals from "globals";

const sizes = {
  "max-len": ["error", { code: 100, ignoreUrls: true }],
  "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
  "max-lines-per-function": ["error", { max: 40, skipBlankLines: true, skipComments: true }],
};

export default [
  { ignores: ["dist/", ".cache/", ".venv/", "node_modules/", "build/", "screenshots/"] },
  js.configs.recommended,
  {
    rules: {
      ...sizes,
      "no-unused-vars": "error",
    },
  },
  { files: ["site/**/*.js", "tests/e2e/**/*.js"], languageOptions: { globals: globals.browser } },
  { files: ["site/sw.js"], languageOptions: { globals: globals.serviceworker } },
  {
    files: ["**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
];
