import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { NotFoundError } from "../../core/errors.ts";
import { silentLogger } from "../../core/logger.ts";
import type { ControlStore } from "../../core/ports/control-store.ts";
import { createSqliteControlStore } from "../../infra/embedded/control-store/index.ts";
import { QUOTAS_SWITCH } from "../experiments/experiment-registry.ts";
import { problemResponse } from "../problem.ts";
import { createBreakerGuard } from "../resilience/breaker-guard.ts";
import { type AdminDeps, adminRoutes, type RollbackTarget } from "./admin.ts";

const TOKEN = "s3cret-admin-token";
type Body = Record<string, unknown>;

function setup(over: Partial<AdminDeps> = {}) {
  const control = createSqliteControlStore({ path: ":memory:" });
  const guard = createBreakerGuard({ errorThresholdPercent: 50, resetTimeoutMs: 1000 });
  const seen = { changes: 0, rollbacks: [] as RollbackTarget[], retrains: 0 };
  const app = new Hono();
  adminRoutes({
    token: TOKEN,
    control,
    guard,
    logger: silentLogger,
    retrain: async () => {
      seen.retrains += 1;
      return seen.retrains === 1
        ? { started: true, detail: "training job started" }
        : { started: false, detail: "a training job is already running" };
    },
    rollback: async (target) => {
      seen.rollbacks.push(target);
      if (target.version === "v404") throw new NotFoundError("no version v404", "version");
      return { activeVersions: { popularity: target.version ?? "v1" } };
    },
    onControlChange: () => {
      seen.changes += 1;
    },
    ...over,
  })(app);
  app.notFound((c) => problemResponse(c, new NotFoundError(`no route for ${c.req.path}`), silentLogger));
  app.onError((error, c) => problemResponse(c, error, silentLogger));
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
  };
  const close = async () => {
    guard.close();
    await control.close().catch(() => {});
  };
  return { app, control, call, seen, close };
}

async function withAdmin(
  body: (env: ReturnType<typeof setup>) => Promise<void>,
  over: Partial<AdminDeps> = {},
) {
  const env = setup(over);
  try {
    await body(env);
  } finally {
    await env.close();
  }
}

const item = (itemId: string) => ({ itemId, title: itemId, year: 2000, genres: ["Drama"], eligible: true });
const arms = [
  { name: "control", weight: 1, params: { model: "ranker" } },
  { name: "treatment", weight: 1, params: { model: "embedding", quotas: { trending: 40 } } },
];

describe("admin API authentication", () => {
  const table: [string, Record<string, string>, number][] = [
    ["no Authorization header", { authorization: "" }, 401],
    ["another scheme", { authorization: `Basic ${TOKEN}` }, 401],
    ["a wrong token of the same length", { authorization: `Bearer ${"x".repeat(TOKEN.length)}` }, 401],
    ["a wrong token of another length", { authorization: "Bearer short" }, 401],
    ["the token with a suffix", { authorization: `Bearer ${TOKEN}x` }, 401],
    ["the right token", {}, 200],
    ["the right token, scheme in lower case", { authorization: `bearer ${TOKEN}` }, 200],
  ];
  for (const [what, headers, status] of table) {
    it(`answers ${status} to ${what}`, async () => {
      await withAdmin(async ({ app }) => {
        const init =
          headers.authorization === "" ? {} : { headers: { authorization: `Bearer ${TOKEN}`, ...headers } };
        const response = await app.request("/admin/experiments", init);
        assert.equal(response.status, status);
        const body = (await response.json()) as Body;
        if (status === 401) {
          assert.deepEqual([body.title, body.status, body.field], ["unauthorized", 401, "authorization"]);
          assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
          assert.match(response.headers.get("content-type") ?? "", /json/);
        } else {
          assert.equal(response.headers.get("www-authenticate"), null);
        }
      });
    });
  }

  it("refuses every call, naming RECSYS_ONLINE_ADMIN_TOKEN, when no token is configured", async () => {
    await withAdmin(
      async ({ app }) => {
        for (const [method, path] of [
          ["GET", "/admin/experiments"],
          ["POST", "/admin/retrain"],
          ["PUT", "/admin/quotas"],
          ["GET", "/admin"],
        ] as const) {
          for (const authorization of [undefined, "Bearer ", "Bearer anything"]) {
            const response = await app.request(path, {
              method,
              ...(authorization === undefined ? {} : { headers: { authorization } }),
            });
            assert.equal(response.status, 401, `${method} ${path} ${authorization}`);
            assert.match(
              String(((await response.json()) as Body).detail),
              /RECSYS_ONLINE_ADMIN_TOKEN is unset/,
            );
          }
        }
      },
      { token: "" },
    );
  });

  it("hides which admin paths exist from callers without the token", async () => {
    await withAdmin(async ({ app, call }) => {
      assert.equal((await app.request("/admin/nothing-here")).status, 401);
      assert.equal((await call("GET", "/admin/nothing-here")).status, 404);
    });
  });
});

describe("admin API endpoints", () => {
  it("starts a retrain with 202, and answers 409 while one runs", async () => {
    await withAdmin(async ({ call }) => {
      assert.deepEqual(await call("POST", "/admin/retrain").then((r) => [r.status, r.body]), [
        202,
        { started: true, detail: "training job started" },
      ]);
      assert.equal((await call("POST", "/admin/retrain")).status, 409);
    });
  });

  it("rolls back with an optional kind and version, validated", async () => {
    await withAdmin(async ({ call, seen }) => {
      assert.deepEqual((await call("POST", "/admin/versions/rollback")).body, {
        activeVersions: { popularity: "v1" },
      });
      const chosen = await call("POST", "/admin/versions/rollback", { kind: "popularity", version: "v2" });
      assert.equal(chosen.status, 200);
      assert.deepEqual(seen.rollbacks, [{}, { kind: "popularity", version: "v2" }]);
      const bad = await call("POST", "/admin/versions/rollback", { version: "no/slash" });
      assert.deepEqual([bad.status, bad.body.field], [400, "version"]);
      const unknown = await call("POST", "/admin/versions/rollback", { versoin: "v2" });
      assert.deepEqual([unknown.status, unknown.body.field], [400, "versoin"]);
      const missing = await call("POST", "/admin/versions/rollback", { version: "v404" });
      assert.deepEqual([missing.status, missing.body.field], [404, "version"]);
      assert.equal(seen.rollbacks.length, 3);
    });
  });

  it("changes an item's eligibility in the ControlStore and tells the app", async () => {
    await withAdmin(async ({ call, control, seen }) => {
      await control.upsertItems([item("i1"), item("i2")]);
      const off = await call("PUT", "/admin/items/i1/eligibility", { eligible: false });
      assert.deepEqual([off.status, off.body], [200, { itemId: "i1", eligible: false }]);
      assert.deepEqual([...(await control.eligibleAmong(["i1", "i2"]))], ["i2"]);
      assert.equal(seen.changes, 1);
      await call("PUT", "/admin/items/i1/eligibility", { eligible: true });
      assert.deepEqual([...(await control.eligibleAmong(["i1"]))], ["i1"]);
    });
  });

  const eligibilityErrors: [string, unknown, number, string][] = [
    ["a string for eligible", { eligible: "no" }, 400, "eligible"],
    ["no eligible field", {}, 400, "eligible"],
    ["an extra field", { eligible: true, reason: "x" }, 400, "reason"],
    ["a body that is not JSON", "{eligible:", 400, "(body)"],
    ["a JSON array", [true], 400, "(body)"],
  ];
  for (const [what, body, status, field] of eligibilityErrors) {
    it(`refuses ${what} for eligibility with ${status} naming ${field}`, async () => {
      await withAdmin(async ({ call, control, seen }) => {
        await control.upsertItems([item("i1")]);
        const response = await call("PUT", "/admin/items/i1/eligibility", body);
        assert.deepEqual([response.status, response.body.field], [status, field]);
        assert.deepEqual([...(await control.eligibleAmong(["i1"]))], ["i1"], "nothing changed");
        assert.equal(seen.changes, 0);
      });
    });
  }

  it("answers 404 for an unknown item, 400 for a bad id and 415 for a non-JSON content type", async () => {
    await withAdmin(async ({ call }) => {
      const unknown = await call("PUT", "/admin/items/nope/eligibility", { eligible: false });
      assert.deepEqual([unknown.status, unknown.body.field], [404, "id"]);
      const badId = await call("PUT", "/admin/items/constructor/eligibility", { eligible: false });
      assert.deepEqual([badId.status, badId.body.field], [400, "id"]);
      const text = await call("PUT", "/admin/items/i1/eligibility", '{"eligible":false}', {
        "content-type": "text/plain",
      });
      assert.equal(text.status, 415);
    });
  });

  it("creates, lists, reads and deactivates experiments", async () => {
    await withAdmin(async ({ call, control, seen }) => {
      const put = await call("PUT", "/admin/experiments/exp-1", { description: "model test", arms });
      assert.equal(put.status, 200);
      const expected = { id: "exp-1", description: "model test", active: true, arms };
      assert.deepEqual(put.body.experiment, expected);
      assert.deepEqual(await control.getExperiment("exp-1"), expected);
      assert.deepEqual((await call("GET", "/admin/experiments")).body, { experiments: [expected] });
      assert.deepEqual((await call("GET", "/admin/experiments/exp-1")).body, { experiment: expected });
      const deleted = await call("DELETE", "/admin/experiments/exp-1");
      assert.deepEqual([deleted.status, (deleted.body.experiment as Body).active], [200, false]);
      assert.equal((await control.getExperiment("exp-1"))?.active, false);
      assert.equal(seen.changes, 2);
      assert.equal((await call("GET", "/admin/experiments/exp-2")).status, 404);
      assert.equal((await call("DELETE", "/admin/experiments/exp-2")).status, 404);
    });
  });

  const experimentErrors: [string, unknown, string][] = [
    ["no arms", { arms: [] }, "arms"],
    ["a negative weight", { arms: [{ name: "a", weight: -1, params: {} }] }, "arms.0.weight"],
    ["only zero weights", { arms: [{ name: "a", weight: 0 }] }, "arms"],
    ["a duplicate arm name", { arms: [arms[0], arms[0]] }, "arms.1.name"],
    [
      "an unknown model",
      { arms: [{ name: "a", weight: 1, params: { model: "magic" } }] },
      "arms.0.params.model",
    ],
    [
      "a quota over 500",
      { arms: [{ name: "a", weight: 1, params: { quotas: { trending: 501 } } }] },
      "arms.0.params.quotas.trending",
    ],
    ["an arm name that is not an id", { arms: [{ name: "a b", weight: 1 }] }, "arms.0.name"],
    ["a body id that differs from the path", { id: "other", arms }, "id"],
    ["an unknown field", { arms, owner: "me" }, "owner"],
  ];
  for (const [what, body, field] of experimentErrors) {
    it(`refuses an experiment with ${what}, naming ${field}, and keeps the stored one`, async () => {
      await withAdmin(async ({ call, control }) => {
        await call("PUT", "/admin/experiments/exp-1", { arms });
        const response = await call("PUT", "/admin/experiments/exp-1", body);
        assert.deepEqual([response.status, response.body.field], [400, field]);
        assert.deepEqual((await control.getExperiment("exp-1"))?.arms, arms);
      });
    });
  }

  it("reads and replaces the channel quotas switch; a bad quota keeps the last good one", async () => {
    await withAdmin(async ({ call, control, seen }) => {
      assert.deepEqual((await call("GET", "/admin/quotas")).body, { quotas: {} });
      const put = await call("PUT", "/admin/quotas", { quotas: { trending: 30, genre: 0 } });
      assert.deepEqual([put.status, put.body], [200, { quotas: { trending: 30, genre: 0 } }]);
      assert.deepEqual(JSON.parse((await control.getSwitch(QUOTAS_SWITCH)) ?? "null"), {
        trending: 30,
        genre: 0,
      });
      const bad = await call("PUT", "/admin/quotas", { quotas: { trending: 9000 } });
      assert.deepEqual([bad.status, bad.body.field], [400, "quotas.trending"]);
      assert.deepEqual((await call("GET", "/admin/quotas")).body, { quotas: { trending: 30, genre: 0 } });
      assert.equal(seen.changes, 1);
      await control.setSwitch(QUOTAS_SWITCH, "{oops");
      const shown = await call("GET", "/admin/quotas");
      assert.deepEqual((shown.body.invalid as Body).stored, "{oops");
    });
  });

  it("answers 503 with Retry-After when the ControlStore is down, and changes nothing else", async () => {
    await withAdmin(async ({ call, control, seen }) => {
      await control.close();
      for (const [method, path, body] of [
        ["GET", "/admin/experiments", undefined],
        ["PUT", "/admin/quotas", { quotas: { trending: 1 } }],
        ["PUT", "/admin/items/i1/eligibility", { eligible: false }],
      ] as const) {
        const response = await call(method, path, body);
        assert.equal(response.status, 503, `${method} ${path}`);
        assert.equal(response.headers.get("retry-after"), "1");
        assert.equal(response.body.title, "unavailable");
      }
      assert.equal(seen.changes, 0);
    });
  });

  it("answers 503 when a ControlStore call hangs past its budget", async () => {
    const control = createSqliteControlStore({ path: ":memory:" });
    const hanging = new Proxy(control, {
      get: (target, name) =>
        name === "listExperiments" ? () => new Promise(() => {}) : Reflect.get(target, name, target),
    }) as ControlStore;
    try {
      await withAdmin(
        async ({ call }) => {
          const started = performance.now();
          const response = await call("GET", "/admin/experiments");
          assert.equal(response.status, 503);
          assert.ok(performance.now() - started < 1000);
        },
        { control: hanging, controlTimeoutMs: 30 },
      );
    } finally {
      await control.close();
    }
  });
});
