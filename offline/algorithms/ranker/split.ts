import { type Random, shuffle } from "./random.ts";

/** Row indices of the training and validation slices. */
export interface RowSplit {
  train: Int32Array;
  valid: Int32Array;
}

/**
 * Holds out `share` of the rows, or of the groups when `groups` is given, so that one user's rows never sit on
 * both sides and early stopping sees unseen users. Throws when a positive share leaves either side empty.
 */
export function splitRows(
  rows: number,
  groups: Int32Array | undefined,
  share: number,
  random: Random,
): RowSplit {
  const all = Int32Array.from({ length: rows }, (_, r) => r);
  if (share === 0) return { train: all, valid: new Int32Array(0) };
  const held = groups === undefined ? heldOutRows(all, share, random) : heldOutGroups(groups, share, random);
  const isHeld = new Uint8Array(rows);
  for (const row of held) isHeld[row] = 1;
  const split = { train: all.filter((r) => isHeld[r] === 0), valid: all.filter((r) => isHeld[r] === 1) };
  if (split.train.length === 0 || split.valid.length === 0) {
    throw new Error(
      `Ranker: validationShare ${share} leaves ${split.train.length} training and ${split.valid.length} validation rows`,
    );
  }
  return split;
}

function heldCount(total: number, share: number): number {
  return Math.min(total - 1, Math.max(1, Math.round(total * share)));
}

function heldOutRows(all: Int32Array, share: number, random: Random): Int32Array {
  const order = all.slice();
  shuffle(order, random);
  return order.subarray(0, heldCount(order.length, share));
}

function heldOutGroups(groups: Int32Array, share: number, random: Random): Int32Array {
  // Sorted first so the held-out groups depend on the seed, not on the order rows arrive in.
  const unique = Int32Array.from(new Set(groups)).sort();
  shuffle(unique, random);
  const held = new Set(unique.subarray(0, heldCount(unique.length, share)));
  const rows: number[] = [];
  groups.forEach((group, row) => {
    if (held.has(group)) rows.push(row);
  });
  return Int32Array.from(rows);
}
