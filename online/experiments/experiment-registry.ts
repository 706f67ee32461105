import { ConfigError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { ControlStore, Experiment } from "../../core/ports/control-store.ts";
import type { DependencyGuard } from "../resilience/types.ts";
import { type ArmParams, type ChannelQuotas, parseArmParams, parseQuotasSwitch } from "./arm-params.ts";
import { armFor } from "./bucketing.ts";

/** The ControlStore switch holding the default channel quotas, JSON `{ "<channel>": <quota> }`. */
export const QUOTAS_SWITCH = "recall.quotas";

/** A user's arm of the running experiment. */
export interface Assignment {
  readonly experimentId: string;
  readonly arm: string;
  readonly params: ArmParams;
}

export interface ExperimentRegistryDeps {
  readonly control: ControlStore;
  readonly guard: DependencyGuard;
  readonly logger: Logger;
}

export interface ExperimentRegistryOptions {
  /** How often experiments and the quotas switch are re-read. */
  readonly refreshMs: number;
  /** Budget of each ControlStore read. */
  readonly timeoutMs: number;
}

/**
 * The running experiment and channel quotas, read from the ControlStore in the background so the request path
 * never waits on it. A failed or invalid read keeps the last good value.
 */
export interface ExperimentRegistry {
  /** Reads once (failures are logged, not thrown), then every `refreshMs`. */
  start(): Promise<void>;
  /** Re-reads now (e.g. after an admin change); concurrent calls share one read. Never rejects. */
  refresh(): Promise<void>;
  stop(): void;
  /** The user's arm, or null when no experiment runs or the user's arm has unusable params. */
  assign(userId: string): Assignment | null;
  /** The running experiment: the first active one by id with an arm of positive weight. */
  running(): Experiment | null;
  /** Default channel quotas from the `recall.quotas` switch; empty when it is unset. */
  quotas(): ChannelQuotas;
}

interface Running {
  readonly experiment: Experiment;
  /** Arm name -> its parsed params, or null when they are invalid (the arm is then ignored). */
  readonly params: ReadonlyMap<string, ArmParams | null>;
}

export function createExperimentRegistry(
  deps: ExperimentRegistryDeps,
  options: ExperimentRegistryOptions,
): ExperimentRegistry {
  checkOptions(options);
  const { control, guard, logger } = deps;
  let running: Running | null = null;
  let quotas: ChannelQuotas = {};
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Each distinct problem is logged once, not at every refresh (bounded, in case values keep changing).
  const reported = new Set<string>();
  const warnOnce = (key: string, message: string, fields: Record<string, unknown>) => {
    if (reported.has(key)) return;
    if (reported.size >= 1000) reported.clear();
    reported.add(key);
    logger.warn(message, fields);
  };

  const readExperiments = async () => {
    const experiments = await guard.call("control", () => control.listExperiments(), options.timeoutMs);
    running = compile(pickRunning(experiments), warnOnce);
  };

  const readQuotas = async () => {
    const text = await guard.call("control", () => control.getSwitch(QUOTAS_SWITCH), options.timeoutMs);
    if (text === null) {
      quotas = {};
      return;
    }
    const parsed = parseQuotasSwitch(text);
    if (parsed.ok) quotas = parsed.value;
    else {
      warnOnce(
        `quotas\u0000${text}`,
        "ignoring an invalid recall.quotas switch; keeping the last good quotas",
        {
          problem: parsed.problem,
        },
      );
    }
  };

  const readAll = async () => {
    const [experiments, switchRead] = await Promise.allSettled([readExperiments(), readQuotas()]);
    for (const [what, result] of [
      ["experiments", experiments],
      ["quotas", switchRead],
    ] as const) {
      if (result.status === "rejected") {
        logger.warn(`could not read ${what}; keeping the last known`, { error: String(result.reason) });
      }
    }
  };

  const refresh = () => {
    inFlight ??= readAll().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    async start() {
      await refresh();
      if (timer !== undefined) return;
      timer = setInterval(() => void refresh(), options.refreshMs);
      timer.unref();
    },
    refresh,
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    assign(userId) {
      if (running === null) return null;
      const { experiment, params } = running;
      const arm = armFor(experiment.id, userId, experiment.arms);
      const armParams = arm === null ? null : params.get(arm.name);
      if (arm === null || !armParams) return null;
      return { experimentId: experiment.id, arm: arm.name, params: armParams };
    },
    running: () => running?.experiment ?? null,
    quotas: () => quotas,
  };
}

/** The first active experiment by id with at least one arm of positive weight. */
export function pickRunning(experiments: readonly Experiment[]): Experiment | null {
  const candidates = experiments
    .filter((experiment) => experiment.active && experiment.arms.some((arm) => arm.weight > 0))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return candidates[0] ?? null;
}

function compile(
  experiment: Experiment | null,
  warnOnce: (key: string, message: string, fields: Record<string, unknown>) => void,
): Running | null {
  if (experiment === null) return null;
  const params = new Map<string, ArmParams | null>();
  for (const arm of experiment.arms) {
    const parsed = parseArmParams(arm.params);
    params.set(arm.name, parsed.ok ? parsed.value : null);
    if (!parsed.ok) {
      const key = `arm\u0000${experiment.id}\u0000${arm.name}\u0000${JSON.stringify(arm.params)}`;
      warnOnce(key, "ignoring an experiment arm with invalid params; its users get the defaults", {
        experimentId: experiment.id,
        arm: arm.name,
        problem: parsed.problem,
      });
    }
  }
  return { experiment, params };
}

function checkOptions(options: ExperimentRegistryOptions): void {
  if (!(Number.isFinite(options.refreshMs) && options.refreshMs > 0)) {
    throw new ConfigError("experiment refreshMs must be a positive number", "refreshMs");
  }
  if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new ConfigError("experiment timeoutMs must be a positive number", "timeoutMs");
  }
}
