export interface ItemRecord {
  readonly itemId: string;
  readonly title: string;
  readonly year: number | null;
  readonly genres: readonly string[];
  readonly eligible: boolean;
}

export interface Genre {
  readonly name: string;
  /** The broader genre this one belongs to, or null at the top of the hierarchy. */
  readonly parent: string | null;
}

export interface ExperimentArm {
  readonly name: string;
  /** Share of users, relative to the other arms' weights. */
  readonly weight: number;
  /** What the arm changes: model, channel quotas and the like, as JSON-compatible values. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface Experiment {
  readonly id: string;
  readonly description: string;
  readonly active: boolean;
  readonly arms: readonly ExperimentArm[];
}

export type VersionStatus = "staged" | "active" | "retired" | "failed";

export interface ModelVersion {
  readonly kind: string;
  readonly version: string;
  readonly status: VersionStatus;
  /** When it became active (ms), or null if it never was. */
  readonly activatedAt: number | null;
}

/**
 * Control data that changes rarely and must be consistent (the MySQL role).
 *
 * Guarantees every adapter keeps (checked by the contract suite):
 * - `activateVersions` switches every listed kind's pointer in one transaction: a concurrent reader of
 *   `activeVersions` sees all old pointers or all new ones, never a mix. The previous active version of each
 *   kind becomes `retired` and stays listed for rollback.
 * - Activating a version that was never staged fails and changes nothing.
 * - Missing things read as null (`getExperiment`, `getSwitch`, `activeVersion`) or as an empty list.
 * - Upserts replace the whole record for its id.
 * - A lease has at most one unexpired holder at any time, whichever process asks.
 */
export interface ControlStore {
  upsertItems(items: readonly ItemRecord[]): Promise<void>;
  getItems(itemIds: readonly string[]): Promise<(ItemRecord | null)[]>;
  /** Every item id in the catalogue, eligible or not, in ascending string order. */
  listItemIds(): Promise<string[]>;
  setEligible(itemIds: readonly string[], eligible: boolean): Promise<void>;
  /** The subset of `itemIds` that may be recommended; unknown ids are not eligible. */
  eligibleAmong(itemIds: readonly string[]): Promise<Set<string>>;
  upsertGenres(genres: readonly Genre[]): Promise<void>;
  listGenres(): Promise<Genre[]>;
  /** The genre and all genres below it in the hierarchy. */
  genreWithDescendants(name: string): Promise<string[]>;
  putExperiment(experiment: Experiment): Promise<void>;
  getExperiment(id: string): Promise<Experiment | null>;
  listExperiments(): Promise<Experiment[]>;
  setSwitch(name: string, value: string): Promise<void>;
  getSwitch(name: string): Promise<string | null>;
  listSwitches(): Promise<Record<string, string>>;
  /** Record a version as staged (written but not serving). Idempotent. */
  stageVersion(kind: string, version: string): Promise<void>;
  /** Point each kind at its version, all in one transaction. */
  activateVersions(pointers: Readonly<Record<string, string>>): Promise<void>;
  activeVersion(kind: string): Promise<string | null>;
  /** Every kind's active version, read in one consistent snapshot. */
  activeVersions(): Promise<Record<string, string>>;
  listVersions(kind: string): Promise<ModelVersion[]>;
  /**
   * Take or renew the named lease for `ttlMs` (measured on the adapter's clock). Resolves true when `holder`
   * now holds it: it was free, expired, or already `holder`'s. Atomic across processes: of two holders asking
   * at once, at most one gets it.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Give the lease up; a no-op unless `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;
  close(): Promise<void>;
}
