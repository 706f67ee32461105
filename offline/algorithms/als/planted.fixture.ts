import { buildInteractions } from "./interactions.ts";
import type { AlsParams } from "./params.ts";
import { plantedGroups } from "./planted-groups.ts";

/** The planted 4-group data both ALS training tests use, and parameters that recover it in a few sweeps. */
export const PLANTED_GROUPS = 4;
export const plantedData = plantedGroups({
  groups: PLANTED_GROUPS,
  usersPerGroup: 30,
  itemsPerGroup: 25,
  perUser: 12,
  heldOutPerUser: 3,
  purity: 0.85,
  seed: 5,
});
export const plantedInteractions = buildInteractions(plantedData.ratings);
export const plantedParams: AlsParams = {
  factors: 8,
  regularization: 0.1,
  alpha: 10,
  iterations: 10,
  seed: 3,
  threads: 1,
};
