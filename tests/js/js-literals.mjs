// The string and number literals of a JavaScript source, with their line numbers: comments skipped,
// template literals' text kept apart from their ${…} code, regular expressions skipped. A small
// scanner for tests (no parser is installed); it knows the syntax site/js uses.

const REGEX_BEFORE = new Set([..."(,=:[!&|?{};+-*%<>~^"]);
const REGEX_WORDS = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete",
  "void", "throw", "yield", "await"]);

/** [{kind: "string" | "number", value, line}] of `source` (template text counts as a string). */
export function literals(source) {
  const found = [];
  const scanner = { source, i: 0, line: 1, found, previous: "" };
  scanCode(scanner, null);
  return found;
}

// Scans code until `close` (a "}" that ends a template's ${…}) or the end of the source.
function scanCode(s, close) {
  let depth = 0;
  while (s.i < s.source.length) {
    const c = s.source[s.i];
    const next = s.source[s.i + 1];
    if (c === "\n") s.line += 1;
    if (c === "/" && next === "/") skipTo(s, "\n");
    else if (c === "/" && next === "*") skipBlockComment(s);
    else if (c === "\"" || c === "'") readString(s, c);
    else if (c === "`") readTemplate(s);
    else if (c === "/" && regexAllowed(s.previous)) skipRegex(s);
    else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(next ?? ""))) readNumber(s);
    else if (/[A-Za-z_$]/.test(c)) readWord(s);
    else {
      if (c === "{") depth += 1;
      if (c === "}" && depth === 0 && close) { s.i += 1; return; }
      if (c === "}") depth -= 1;
      if (!/\s/.test(c)) s.previous = c;
      s.i += 1;
    }
  }
}

function regexAllowed(previous) {
  return previous === "" || REGEX_BEFORE.has(previous) || REGEX_WORDS.has(previous);
}

function skipTo(s, end) {
  while (s.i < s.source.length && s.source[s.i] !== end) s.i += 1;
}

function skipBlockComment(s) {
  const end = s.source.indexOf("*/", s.i + 2);
  const stop = end < 0 ? s.source.length : end + 2;
  s.line += (s.source.slice(s.i, stop).match(/\n/g) ?? []).length;
  s.i = stop;
}

function readString(s, quote) {
  const line = s.line;
  let value = "";
  s.i += 1;
  while (s.i < s.source.length && s.source[s.i] !== quote) {
    if (s.source[s.i] === "\\") { value += s.source[s.i + 1]; s.i += 2; continue; }
    value += s.source[s.i];
    s.i += 1;
  }
  s.i += 1;
  s.found.push({ kind: "string", value, line });
  s.previous = "string";
}

function readTemplate(s) {
  let value = "";
  let line = s.line;
  s.i += 1;
  while (s.i < s.source.length && s.source[s.i] !== "`") {
    const c = s.source[s.i];
    if (c === "\\") { value += s.source[s.i + 1]; s.i += 2; continue; }
    if (c === "$" && s.source[s.i + 1] === "{") {
      s.found.push({ kind: "string", value, line });
      s.i += 2;
      s.previous = "";
      scanCode(s, "}");
      value = "";
      line = s.line;
      continue;
    }
    if (c === "\n") s.line += 1;
    value += c;
    s.i += 1;
  }
  s.i += 1;
  s.found.push({ kind: "string", value, line });
  s.previous = "string";
}

function skipRegex(s) {
  let inClass = false;
  s.i += 1;
  while (s.i < s.source.length) {
    const c = s.source[s.i];
    if (c === "\\") { s.i += 2; continue; }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) break;
    s.i += 1;
  }
  s.i += 1;
  while (/[a-z]/.test(s.source[s.i] ?? "")) s.i += 1;
  s.previous = "regex";
}

function readNumber(s) {
  const number = /^(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)/;
  const match = number.exec(s.source.slice(s.i));
  const text = match ? match[0] : s.source[s.i];
  s.found.push({ kind: "number", value: Number(text.replaceAll("_", "")), line: s.line });
  s.i += text.length;
  s.previous = "number";
}

function readWord(s) {
  const match = /^[A-Za-z_$][\w$]*/.exec(s.source.slice(s.i));
  s.previous = match[0];
  s.i += match[0].length;
}
