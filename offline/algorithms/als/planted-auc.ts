import type { AlsModel } from "./model.ts";
import type { PlantedData } from "./planted-groups.ts";
import { plantedGroup } from "./planted-groups.ts";

/**
 * Share of (held-out in-group item, out-of-group item the user never touched) pairs the model orders correctly,
 * over all users: 0.5 is chance, 1 perfect (test helper).
 */
export function plantedAuc(model: AlsModel, data: PlantedData, groups: number): number {
  const k = model.dimension;
  const itemRow = new Map(model.itemIds.map((id, row) => [id, row]));
  const trained = new Set(data.ratings.map((row) => `${row.userId} ${row.itemId}`));
  const score = (userRow: number, itemId: string) => {
    const item = itemRow.get(itemId);
    if (item === undefined) return 0;
    let sum = 0;
    for (let d = 0; d < k; d++) {
      sum += (model.userFactors[userRow * k + d] as number) * (model.itemFactors[item * k + d] as number);
    }
    return sum;
  };
  let correct = 0;
  let pairs = 0;
  model.userIds.forEach((userId, userRow) => {
    const group = plantedGroup(userId, groups);
    const negatives = data.itemIds.filter(
      (id) => plantedGroup(id, groups) !== group && !trained.has(`${userId} ${id}`),
    );
    for (const positive of data.heldOut.get(userId) ?? []) {
      const positiveScore = score(userRow, positive);
      for (const negative of negatives) {
        const negativeScore = score(userRow, negative);
        correct += positiveScore > negativeScore ? 1 : positiveScore === negativeScore ? 0.5 : 0;
        pairs++;
      }
    }
  });
  return correct / pairs;
}
