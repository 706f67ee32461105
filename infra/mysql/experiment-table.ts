import { validateExperiment } from "../../core/ports/checks/index.ts";
import type { Experiment, ExperimentArm } from "../../core/ports/control-store.ts";
import type { MysqlSession } from "./mysql-session.ts";

interface ExperimentRow {
  id: string;
  description: string;
  active: number;
  /** Text on MariaDB (JSON is LONGTEXT there); already parsed by mysql2 on MySQL's native JSON type. */
  arms: string | ExperimentArm[];
}

const COLUMNS = "SELECT id, description, active, arms FROM experiments";

/** The experiments table; arms are stored as one JSON document per experiment. */
export class ExperimentTable {
  constructor(private readonly session: MysqlSession) {}

  /** Validate, then insert or wholly replace the experiment. */
  async put(experiment: Experiment): Promise<void> {
    validateExperiment(experiment);
    const arms = JSON.stringify(
      experiment.arms.map(({ name, weight, params }) => ({ name, weight, params })),
    );
    await this.session.connected(`store experiment ${experiment.id}`, (sql) =>
      sql.run(
        `INSERT INTO experiments (id, description, active, arms) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE description = VALUES(description), active = VALUES(active), arms = VALUES(arms)`,
        [experiment.id, experiment.description, experiment.active, arms],
      ),
    );
  }

  async get(id: string): Promise<Experiment | null> {
    const [row] = await this.session.rows<ExperimentRow>(`read experiment ${id}`, `${COLUMNS} WHERE id = ?`, [
      id,
    ]);
    return row === undefined ? null : toExperiment(row);
  }

  /** Every experiment, by id. */
  async list(): Promise<Experiment[]> {
    const rows = await this.session.rows<ExperimentRow>("list experiments", `${COLUMNS} ORDER BY id`);
    return rows.map(toExperiment);
  }
}

function toExperiment(row: ExperimentRow): Experiment {
  const arms = typeof row.arms === "string" ? (JSON.parse(row.arms) as ExperimentArm[]) : row.arms;
  return { id: row.id, description: row.description, active: row.active === 1, arms };
}
