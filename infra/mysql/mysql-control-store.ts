import { createPool, type Pool } from "mysql2/promise";
import { type Clock, systemClock } from "../../core/clock.ts";
import { type Logger, silentLogger } from "../../core/logger.ts";
import type {
  ControlStore,
  Experiment,
  Genre,
  ItemRecord,
  ModelVersion,
} from "../../core/ports/control-store.ts";
import { bootstrapDatabase } from "./bootstrap.ts";
import { ExperimentTable } from "./experiment-table.ts";
import { GenreTree } from "./genre-tree.ts";
import { ItemCatalog } from "./item-catalog.ts";
import { LeaseTable } from "./lease-table.ts";
import { DEFAULT_MIGRATIONS_DIR } from "./migrations.ts";
import { ModelVersionTable } from "./model-version-table.ts";
import { MysqlSession } from "./mysql-session.ts";
import { parseMysqlUrl, redacted } from "./mysql-url.ts";
import { type MysqlControlStoreOptions, poolSettings } from "./pool-settings.ts";
import { SwitchTable } from "./switch-table.ts";

export type { MysqlControlStoreOptions } from "./pool-settings.ts";

export interface MysqlControlStoreDeps {
  /** Stamps when versions are staged and activated, and times leases. */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The ControlStore on MySQL 8 or MariaDB 10.11+, through one bounded mysql2 pool. */
export class MysqlControlStore implements ControlStore {
  private readonly items: ItemCatalog;
  private readonly genres: GenreTree;
  private readonly experiments: ExperimentTable;
  private readonly switches: SwitchTable;
  private readonly versions: ModelVersionTable;
  private readonly leases: LeaseTable;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    session: MysqlSession,
    clock: Clock,
  ) {
    this.items = new ItemCatalog(session);
    this.genres = new GenreTree(session);
    this.experiments = new ExperimentTable(session);
    this.switches = new SwitchTable(session);
    this.versions = new ModelVersionTable(session, clock);
    this.leases = new LeaseTable(session, clock);
  }

  upsertItems(items: readonly ItemRecord[]): Promise<void> {
    return this.items.upsert(items);
  }

  getItems(itemIds: readonly string[]): Promise<(ItemRecord | null)[]> {
    return this.items.get(itemIds);
  }

  listItemIds(): Promise<string[]> {
    return this.items.listIds();
  }

  setEligible(itemIds: readonly string[], eligible: boolean): Promise<void> {
    return this.items.setEligible(itemIds, eligible);
  }

  eligibleAmong(itemIds: readonly string[]): Promise<Set<string>> {
    return this.items.eligibleAmong(itemIds);
  }

  upsertGenres(genres: readonly Genre[]): Promise<void> {
    return this.genres.upsert(genres);
  }

  listGenres(): Promise<Genre[]> {
    return this.genres.list();
  }

  genreWithDescendants(name: string): Promise<string[]> {
    return this.genres.withDescendants(name);
  }

  putExperiment(experiment: Experiment): Promise<void> {
    return this.experiments.put(experiment);
  }

  getExperiment(id: string): Promise<Experiment | null> {
    return this.experiments.get(id);
  }

  listExperiments(): Promise<Experiment[]> {
    return this.experiments.list();
  }

  setSwitch(name: string, value: string): Promise<void> {
    return this.switches.set(name, value);
  }

  getSwitch(name: string): Promise<string | null> {
    return this.switches.get(name);
  }

  listSwitches(): Promise<Record<string, string>> {
    return this.switches.list();
  }

  stageVersion(kind: string, version: string): Promise<void> {
    return this.versions.stage(kind, version);
  }

  activateVersions(pointers: Readonly<Record<string, string>>): Promise<void> {
    return this.versions.activate(pointers);
  }

  activeVersion(kind: string): Promise<string | null> {
    return this.versions.active(kind);
  }

  activeVersions(): Promise<Record<string, string>> {
    return this.versions.allActive();
  }

  listVersions(kind: string): Promise<ModelVersion[]> {
    return this.versions.list(kind);
  }

  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.acquire(name, holder, ttlMs);
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.leases.release(name, holder);
  }

  /** End the pool; closing twice is harmless. Calls after close fail with a non-retriable error. */
  close(): Promise<void> {
    this.closing ??= this.pool.end().catch(() => {});
    return this.closing;
  }
}

/**
 * Connect to the server in `options.url`, create its database if missing, apply `schemas/sql/*.sql` once each,
 * and return a store over a bounded pool. Fails with UnavailableError when the server does not answer.
 */
export async function createMysqlControlStore(
  deps: MysqlControlStoreDeps,
  options: MysqlControlStoreOptions,
): Promise<MysqlControlStore> {
  const logger = (deps.logger ?? silentLogger).child("mysql-control-store");
  const target = parseMysqlUrl(options.url);
  const settings = poolSettings(options);
  const facts = await bootstrapDatabase(target, {
    connectTimeoutMs: settings.connectTimeoutMs,
    migrationTimeoutMs: settings.migrationTimeoutMs,
    migrationsDir: options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
    logger,
  });
  // Idle connections must be dropped by the pool before the server drops them.
  const idleTimeout = Math.min(settings.idleTimeoutMs, Math.max(1000, (facts.waitTimeoutSeconds - 5) * 1000));
  const pool = createPool({ ...target, ...settings.pool, idleTimeout });
  logger.info("connected", { url: redacted(options.url), server: facts.version, idleTimeout });
  const session = new MysqlSession(pool, {
    acquireMs: settings.acquireTimeoutMs,
    queryMs: settings.queryTimeoutMs,
  });
  return new MysqlControlStore(pool, session, deps.clock ?? systemClock);
}
