import { randomUUID } from "node:crypto";
import type { Experiment, ItemRecord } from "../../control-store.ts";

export const uid = () => randomUUID().slice(0, 8);

/** Genre order is not part of the contract, so compare records with sorted genres. */
export function normalized(item: ItemRecord | null): ItemRecord | null {
  return item === null ? null : { ...item, genres: [...item.genres].sort() };
}

/** A valid two-arm experiment with nested params, optionally changed by `overrides`. */
export function experiment(id: string, overrides: Partial<Experiment> = {}): Experiment {
  return {
    id,
    description: "ranker comparison",
    active: true,
    arms: [
      { name: "control", weight: 1, params: { model: "popularity" } },
      {
        name: "treatment",
        weight: 3,
        params: { model: "als", quotas: { fresh: 2, genre: [1, 2] }, note: null },
      },
    ],
    ...overrides,
  };
}
