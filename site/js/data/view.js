// What a data set adds to the readouts: which loss the Loss readout is (the next batch's), the loss
// over every row, the epochs completed and how the steps split the rows into batches. Draws only
// from the frame (its batch: the engine's count); holds nothing.
import { fixed } from "../core/format.js";

const byId = (id) => document.getElementById(id);

/** data: {frame}. */
export function render({ frame }) {
  const dataset = frame.config.dataset;
  byId("loss-term").textContent = dataset ? "Next batch loss" : "Loss";
  byId("epoch-item").hidden = !dataset;
  byId("data-loss-item").hidden = !dataset;
  byId("batch-note").hidden = !dataset;
  if (!dataset) return;
  byId("epoch-value").textContent = String(frame.epoch);
  byId("data-loss-value").textContent = fixed(frame.data_loss, 4);
  byId("batch-note").textContent = batchNote(frame);
}

/** The chart's and history's name for a row's loss. */
export function lossName(frame) {
  return frame.config.dataset ? "Batch loss" : "Loss";
}

// Steps and epochs in words, from the engine's own count (frame.batch, batches.py).
function batchNote(frame) {
  const { rows: count, batch_size: batch, per_epoch: perEpoch, position } = frame.batch;
  const rows = `${count} ${count === 1 ? "row" : "rows"}`;
  if (perEpoch === 1) {
    return `Each step trains on all ${rows} (full batch), so every step is one epoch. ` +
      `Step ${frame.step}, ${frame.epoch} epochs done.`;
  }
  return `Each step trains on a mini-batch of ${batch} of the ${rows}; ${perEpoch} steps make ` +
    "one epoch (every row once; the last batch may be smaller). Each epoch shuffles the rows " +
    "anew in an order fixed by the data seed and the epoch number, so a run replays exactly. " +
    `Step ${frame.step}: ${frame.epoch} epochs done, ${position} of ${perEpoch} steps done in ` +
    "the current one.";
}
