// A learner's own rows as CSV text -> {X, T} for the engine's custom data set, or one sentence that
// names the row and column at fault. Pure: no DOM. Limits are the engine's field rules (given).
import { parseNumber } from "../core/validate.js";

const SEPARATOR = /\s*[,;\t]\s*/;

/**
 * text: rows of numbers, the inputs then the targets, separated by commas, semicolons or tabs;
 * an optional first row of column names. shape: {inputs, outputs} of the network; rules:
 * {value: validate.js rule for every number, maxRows}. Returns {value: {X, T}} or {error}.
 */
export function parseCsv(text, { inputs, outputs }, { value, maxRows }) {
  const lines = String(text ?? "").split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), row: i + 1 }))
    .filter(({ line }) => line !== "");
  if (lines.length === 0) {
    return {
      error: "The table is empty: paste rows such as 0, 1, 1 (the inputs, then the targets).",
    };
  }
  const width = inputs + outputs;
  const body = isHeader(lines[0].line) ? lines.slice(1) : lines;
  if (body.length === 0) return { error: "The table has column names but no rows of numbers." };
  if (body.length > maxRows) {
    return { error: `The table has ${body.length} rows; at most ${maxRows} are allowed.` };
  }
  const X = [];
  const T = [];
  for (const { line, row } of body) {
    const cells = line.split(SEPARATOR);
    if (cells.length !== width) {
      return {
        error: `Row ${row} has ${cells.length} ${cells.length === 1 ? "value" : "values"}; ` +
          `this network (${plural(inputs, "input")}, ${plural(outputs, "output")}) ` +
          `needs ${width} per row: the inputs, then the targets.`,
      };
    }
    const numbers = [];
    for (const [i, cell] of cells.entries()) {
      if (cell === "") return { error: `Row ${row}, column ${i + 1} is empty.` };
      const result = parseNumber(cell, value);
      if (result.error) return { error: `Row ${row}, column ${i + 1}: ${result.error}` };
      numbers.push(result.value);
    }
    X.push(numbers.slice(0, inputs));
    T.push(numbers.slice(inputs));
  }
  return { value: { X, T } };
}

/** Rows {X, T} back to CSV text with a header (x1, x2, …, t1, …), for the editable table. */
export function toCsv({ X, T }) {
  const head = [...X[0].map((_, i) => `x${i + 1}`), ...T[0].map((_, i) => `t${i + 1}`)];
  return [head.join(", "), ...X.map((x, r) => [...x, ...T[r]].join(", "))].join("\n");
}

// A first row with no number in it names the columns.
function isHeader(line) {
  return line.split(SEPARATOR)
    .every((cell) => parseNumber(cell).error && !/^[+-]?nan$/i.test(cell) && cell !== "");
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
