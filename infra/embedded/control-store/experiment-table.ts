import type { Database, Statement } from "better-sqlite3";
import { validateExperiment } from "../../../core/ports/checks/index.ts";
import type { Experiment, ExperimentArm } from "../../../core/ports/control-store.ts";
import { guard } from "../sqlite/index.ts";

interface ExperimentRow {
  id: string;
  description: string;
  active: number;
  arms: string;
}

/** The experiments table; arms are stored as one JSON document per experiment. */
export class ExperimentTable {
  private readonly upsert: Statement<[string, string, number, string]>;
  private readonly selectOne: Statement<[string], ExperimentRow>;
  private readonly selectAll: Statement<[], ExperimentRow>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO experiments (id, description, active, arms) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET description = excluded.description, active = excluded.active, arms = excluded.arms`,
    );
    this.selectOne = db.prepare("SELECT id, description, active, arms FROM experiments WHERE id = ?");
    this.selectAll = db.prepare("SELECT id, description, active, arms FROM experiments ORDER BY id");
  }

  /** Validate, then insert or wholly replace the experiment. */
  put(experiment: Experiment): void {
    validateExperiment(experiment);
    const arms = JSON.stringify(
      experiment.arms.map(({ name, weight, params }) => ({ name, weight, params })),
    );
    guard(`store experiment ${experiment.id}`, () =>
      this.upsert.run(experiment.id, experiment.description, experiment.active ? 1 : 0, arms),
    );
  }

  get(id: string): Experiment | null {
    const row = guard(`read experiment ${id}`, () => this.selectOne.get(id));
    return row === undefined ? null : toExperiment(row);
  }

  /** Every experiment, by id. */
  list(): Experiment[] {
    return guard("list experiments", () => this.selectAll.all()).map(toExperiment);
  }
}

function toExperiment(row: ExperimentRow): Experiment {
  const arms = JSON.parse(row.arms) as ExperimentArm[];
  return { id: row.id, description: row.description, active: row.active === 1, arms };
}
