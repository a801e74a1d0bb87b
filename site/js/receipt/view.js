// The chain-rule receipt for one weight: ∂L/∂w written as the chain-rule product in MathML, then
// with the engine's live numbers substituted, the result, the update the optimizer in force will
// make (the engine's preview), and in words which factor is zero and why. Every number comes from
// the engine's explain() record and frame; nothing is computed here.
import { math, mfrac, mi, mn, mo, mrow, msub, mtext, parens, partial } from "../core/mathml.js";
import { edgeName, nodeName } from "../core/network-geometry.js";
import { fixed, precise, signed } from "../core/format.js";

/** data: {explain: engine explain record, frame, optimizer: describe().optimizers[name],
 * activation: its describe().activations entry}. */
export function render(container, { explain, frame, optimizer, activation }) {
  const { layer, to } = explain;
  const layers = frame.config.layers;
  const batch = Boolean(frame.config.dataset);
  container.dataset.edge = `${layer}-${to}-${explain.from}`;
  container.querySelector(".receipt-title").textContent = `Chain rule for ${explain.name}`;
  const body = container.querySelector(".receipt-body");
  const squared = explain.error_is_difference; // then ∂L/∂ŷ = ŷ − t for one sample
  const words = `dL by dw equals ${symbolsInWords(explain)}`;
  const product = precise(explain.product, 4);
  const parts = [
    ...(batch ? [note("For the sample in the drawing:")] : []),
    math(words, ...symbolic(explain, layers, activation, squared)),
    math("with the numbers", mo("="), ...substituted(explain, frame, squared)),
    math(`equals ${product}`, mo("="), mn(product)),
  ];
  if (batch) parts.push(batchMean(explain));
  parts.push(updateLine(explain, frame, optimizer),
    ...explain.reasons.map((reason) => note(reason, "receipt-zero")),
    note("Numbers are shown rounded to 4 decimals; the engine multiplies the unrounded ones."));
  body.replaceChildren(...parts);
  container.hidden = false;
}

// In data-set mode the update uses the mean over the next batch, not the drawn sample's product.
function batchMean(explain) {
  const n = explain.n;
  const dW = precise(explain.dW, 4);
  const line = document.createElement("p");
  line.className = "receipt-batch";
  const words = `dL by dw equals one over ${n} times the sum of each row's dL by dw equals ${dW}`;
  line.append(`The update uses the mean over the ${n} rows of the next batch: `, math(words,
    partial(mi("L"), mi("w")), mo("="), mfrac(mn("1"), mn(String(n))), mo("·"),
    msub(mo("Σ"), mi("i")), partial(msub(mi("L"), mi("i")), mi("w")), mo("="), mn(dW)));
  return line;
}

function symbolic(explain, layers, activation, squared) {
  const { layer, to, from } = explain;
  const w = msub(mi("w"), mtext(edgeName(layers, layer, to, from)));
  const input = layer === 0;
  const sender = msub(mi(input ? "x" : "a"),
    mtext(input ? String(from + 1) : nodeName(layers, layer, from)));
  const error = explain.kind === "output"
    ? (squared ? parens(mi("ŷ"), mo("−"), mi("t")) : partial(mi("L"), mi("ŷ")))
    : parens(mrow(mo("Σ"), msub(mi("δ"), mi("k")), mo("·"), msub(mi("w"), mi("k"))));
  const z = msub(mi("z"), mtext(nodeName(layers, layer + 1, to)));
  const slope = mrow(mi("f"), mo("′"), mo("("), z, mo(")"));
  const factors = explain.slope_is_one
    ? [error, mo("·"), sender]
    : [error, mo("·"), slope, mo("·"), sender];
  return [partial(mi("L"), w), mo("="), ...factors];
}

function symbolsInWords(explain) {
  const error = explain.kind === "output"
    ? "the output error"
    : "the sum of the next layer's delta times weight";
  return explain.slope_is_one ? `${error} times the sending activation`
    : `${error} times f prime of z times the sending activation`;
}

// The same product with the engine's numbers for the drawn sample (the upstream sum term by term).
function substituted(explain, frame, squared) {
  const [error, slope, aFrom] = explain.factors.map((factor) => factor.value);
  const number = (v) => (v < 0 ? parens(mn(fixed(v, 4))) : mn(fixed(v, 4)));
  let first;
  if (explain.kind === "output" && squared) {
    const prediction = mn(fixed(frame.prediction[explain.to], 4));
    first = parens(prediction, mo("−"), number(frame.targets[explain.to]));
  } else if (explain.kind === "hidden") {
    const deltas = frame.backward.delta[explain.layer + 1][0];
    const terms = frame.weights[explain.layer + 1].flatMap((row, k) => [
      ...(k ? [mo("+")] : []), number(deltas[k]), mo("·"), number(row[explain.to]),
    ]);
    first = parens(...terms);
  } else first = number(error);
  const rest = explain.slope_is_one ? [] : [mo("·"), number(slope)];
  return [first, ...rest, mo("·"), number(aFrom)];
}

function updateLine(explain, frame, optimizer) {
  const change = frame.preview.update_W[explain.layer][explain.to][explain.from];
  const line = document.createElement("p");
  line.className = "receipt-update";
  if (optimizer.plain) {
    const lr = frame.config.optimizer.lr;
    const dW = mn(fixed(explain.dW, 4));
    line.append(math(`delta w equals minus eta times dL by dw equals ${signed(change, 4)}`,
      mi("Δw"), mo("="), mo("−"), mi("η"), mo("·"), partial(mi("L"), mi("w")), mo("="), mo("−"),
      mn(String(lr)), mo("·"), explain.dW < 0 ? parens(dW) : dW, mo("="), mn(signed(change, 4))));
  } else {
    const rule = `${optimizer.label} (${optimizer.rule})`;
    line.append(`The next update, by ${rule}: Δw = ${signed(change, 4)}.`);
  }
  return line;
}

function note(text, className = "receipt-note") {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}
