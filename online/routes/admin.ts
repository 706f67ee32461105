import type { Hono } from "hono";
import { NotFoundError, StarlingError, UnavailableError, ValidationError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { ControlStore, Experiment } from "../../core/ports/control-store.ts";
import { parseQuotasSwitch } from "../experiments/arm-params.ts";
import { QUOTAS_SWITCH } from "../experiments/experiment-registry.ts";
import { idParam } from "../query-params.ts";
import { type DependencyGuard, DependencyUnavailable } from "../resilience/types.ts";
import { bearerAuth } from "./admin-auth.ts";
import {
  eligibilityBodySchema,
  experimentBodySchema,
  jsonBody,
  quotasBodySchema,
  rollbackBodySchema,
} from "./admin-bodies.ts";

export interface RetrainOutcome {
  readonly started: boolean;
  readonly detail: string;
}

export interface RollbackTarget {
  readonly kind?: string;
  readonly version?: string;
}

export interface AdminDeps {
  /** The configured bearer token; empty refuses every admin call. */
  readonly token: string;
  readonly control: ControlStore;
  readonly guard: DependencyGuard;
  /** Budget of each ControlStore call; defaults to 2 s. */
  readonly controlTimeoutMs?: number;
  readonly logger: Logger;
  /** Starts an offline retrain; `started: false` when one is already running (answered 409). */
  readonly retrain: () => Promise<RetrainOutcome>;
  /** Rolls version pointers back; the result is answered as JSON. */
  readonly rollback: (target: RollbackTarget) => Promise<unknown>;
  /** Told after every control write (eligibility, experiments, quotas) so caches re-read; awaited, failures logged. */
  readonly onControlChange?: () => Promise<void> | void;
}

const DEFAULT_CONTROL_TIMEOUT_MS = 2000;

/** The admin API under `/admin`, behind a bearer token. */
export const adminRoutes = (deps: AdminDeps) => (app: Hono) => {
  const timeoutMs = deps.controlTimeoutMs ?? DEFAULT_CONTROL_TIMEOUT_MS;
  const control = <T>(operation: (store: ControlStore) => Promise<T>): Promise<T> =>
    deps.guard
      .call("control", () => operation(deps.control), timeoutMs)
      .catch((error: unknown) => {
        throw httpError(error);
      });
  const changed = async () => {
    try {
      await deps.onControlChange?.();
    } catch (error) {
      deps.logger.warn("control change stored, but refreshing after it failed", { error: String(error) });
    }
  };
  const existing = async (id: string): Promise<Experiment> => {
    const experiment = await control((store) => store.getExperiment(id));
    if (experiment === null) throw new NotFoundError(`no experiment '${id}'`, "id");
    return experiment;
  };

  const auth = bearerAuth(deps.token);
  app.use("/admin", auth);
  app.use("/admin/*", auth);

  app.post("/admin/retrain", async (c) => {
    const outcome = await deps.retrain().catch(rethrowHttp);
    return c.json({ started: outcome.started, detail: outcome.detail }, outcome.started ? 202 : 409);
  });

  app.post("/admin/versions/rollback", async (c) => {
    const target = await jsonBody(c, rollbackBodySchema);
    const result = await deps.rollback(withoutUndefined(target)).catch(rethrowHttp);
    await changed();
    return c.json(result as object);
  });

  app.put("/admin/items/:id/eligibility", async (c) => {
    const itemId = idParam(c, "id");
    const { eligible } = await jsonBody(c, eligibilityBodySchema);
    const [item] = await control((store) => store.getItems([itemId]));
    if (!item) throw new NotFoundError(`no item '${itemId}'`, "id");
    await control((store) => store.setEligible([itemId], eligible));
    await changed();
    return c.json({ itemId, eligible });
  });

  app.get("/admin/experiments", async (c) =>
    c.json({ experiments: await control((store) => store.listExperiments()) }),
  );

  app.get("/admin/experiments/:id", async (c) => c.json({ experiment: await existing(idParam(c, "id")) }));

  app.put("/admin/experiments/:id", async (c) => {
    const id = idParam(c, "id");
    const body = await jsonBody(c, experimentBodySchema);
    if (body.id !== undefined && body.id !== id) {
      throw new ValidationError("body id differs from the path id", [
        { field: "id", message: `must be '${id}'` },
      ]);
    }
    const experiment: Experiment = {
      id,
      description: body.description,
      active: body.active,
      arms: body.arms,
    };
    await control((store) => store.putExperiment(experiment));
    await changed();
    return c.json({ experiment });
  });

  app.delete("/admin/experiments/:id", async (c) => {
    const experiment = { ...(await existing(idParam(c, "id"))), active: false };
    await control((store) => store.putExperiment(experiment));
    await changed();
    return c.json({ experiment });
  });

  app.get("/admin/quotas", async (c) => {
    const text = await control((store) => store.getSwitch(QUOTAS_SWITCH));
    if (text === null) return c.json({ quotas: {} });
    const parsed = parseQuotasSwitch(text);
    // A stored value no reader accepts is shown as it is, so it can be fixed.
    return c.json(
      parsed.ok
        ? { quotas: parsed.value }
        : { quotas: {}, invalid: { stored: text, problem: parsed.problem } },
    );
  });

  app.put("/admin/quotas", async (c) => {
    const { quotas } = await jsonBody(c, quotasBodySchema);
    await control((store) => store.setSwitch(QUOTAS_SWITCH, JSON.stringify(quotas)));
    await changed();
    return c.json({ quotas });
  });
};

/**
 * A guarded call's failure as an HTTP error: a store's refusal of the input (4xx) keeps its status, anything
 * else about the dependency is a retriable 503.
 */
function httpError(error: unknown): unknown {
  if (!(error instanceof DependencyUnavailable)) return error;
  const cause = error.cause;
  if (cause instanceof StarlingError && cause.status >= 400 && cause.status < 500) return cause;
  return new UnavailableError(`${error.dependency} is unavailable (${error.reason}); retry later`, error);
}

function rethrowHttp(error: unknown): never {
  throw httpError(error);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
