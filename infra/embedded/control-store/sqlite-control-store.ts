import type { Database } from "better-sqlite3";
import { type Clock, systemClock } from "../../../core/clock.ts";
import type {
  ControlStore,
  Experiment,
  Genre,
  ItemRecord,
  ModelVersion,
} from "../../../core/ports/control-store.ts";
import { openSqliteDatabase } from "../sqlite/index.ts";
import { ExperimentTable } from "./experiment-table.ts";
import { GenreTree } from "./genre-tree.ts";
import { ItemCatalog } from "./item-catalog.ts";
import { LeaseTable } from "./lease-table.ts";
import { ModelVersionTable } from "./model-version-table.ts";
import { CONTROL_STORE_MIGRATIONS } from "./schema.ts";
import { SwitchTable } from "./switch-table.ts";

export interface SqliteControlStoreOptions {
  /** A file path, or `":memory:"` for a private in-memory store. */
  readonly path: string;
  /** Stamps when versions are staged and activated, and times leases. */
  readonly clock?: Clock;
}

/** The ControlStore on one SQLite file: the embedded stand-in for MySQL. */
export class SqliteControlStore implements ControlStore {
  private readonly items: ItemCatalog;
  private readonly genres: GenreTree;
  private readonly experiments: ExperimentTable;
  private readonly switches: SwitchTable;
  private readonly versions: ModelVersionTable;
  private readonly leases: LeaseTable;

  constructor(
    private readonly db: Database,
    clock: Clock,
  ) {
    this.items = new ItemCatalog(db);
    this.genres = new GenreTree(db);
    this.experiments = new ExperimentTable(db);
    this.switches = new SwitchTable(db);
    this.versions = new ModelVersionTable(db, clock);
    this.leases = new LeaseTable(db, clock);
  }

  async upsertItems(items: readonly ItemRecord[]): Promise<void> {
    this.items.upsert(items);
  }

  async getItems(itemIds: readonly string[]): Promise<(ItemRecord | null)[]> {
    return this.items.get(itemIds);
  }

  async listItemIds(): Promise<string[]> {
    return this.items.listIds();
  }

  async setEligible(itemIds: readonly string[], eligible: boolean): Promise<void> {
    this.items.setEligible(itemIds, eligible);
  }

  async eligibleAmong(itemIds: readonly string[]): Promise<Set<string>> {
    return this.items.eligibleAmong(itemIds);
  }

  async upsertGenres(genres: readonly Genre[]): Promise<void> {
    this.genres.upsert(genres);
  }

  async listGenres(): Promise<Genre[]> {
    return this.genres.list();
  }

  async genreWithDescendants(name: string): Promise<string[]> {
    return this.genres.withDescendants(name);
  }

  async putExperiment(experiment: Experiment): Promise<void> {
    this.experiments.put(experiment);
  }

  async getExperiment(id: string): Promise<Experiment | null> {
    return this.experiments.get(id);
  }

  async listExperiments(): Promise<Experiment[]> {
    return this.experiments.list();
  }

  async setSwitch(name: string, value: string): Promise<void> {
    this.switches.set(name, value);
  }

  async getSwitch(name: string): Promise<string | null> {
    return this.switches.get(name);
  }

  async listSwitches(): Promise<Record<string, string>> {
    return this.switches.list();
  }

  async stageVersion(kind: string, version: string): Promise<void> {
    this.versions.stage(kind, version);
  }

  async activateVersions(pointers: Readonly<Record<string, string>>): Promise<void> {
    this.versions.activate(pointers);
  }

  async activeVersion(kind: string): Promise<string | null> {
    return this.versions.active(kind);
  }

  async activeVersions(): Promise<Record<string, string>> {
    return this.versions.allActive();
  }

  async listVersions(kind: string): Promise<ModelVersion[]> {
    return this.versions.list(kind);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.acquire(name, holder, ttlMs);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.leases.release(name, holder);
  }

  /** Close the connection; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Open (creating if needed) the SQLite control store at `options.path`. */
export function createSqliteControlStore(options: SqliteControlStoreOptions): SqliteControlStore {
  const clock = options.clock ?? systemClock;
  const db = openSqliteDatabase({ path: options.path, migrations: CONTROL_STORE_MIGRATIONS, clock });
  return new SqliteControlStore(db, clock);
}
