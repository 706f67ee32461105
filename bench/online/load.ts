import autocannon from "autocannon";

/** One load window against one server. */
export interface LoadSpec {
  /** Base URL of the server, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The path of the next request (drawn at random per request, so the response cache does not dominate). */
  readonly nextPath: () => string;
  readonly connections: number;
  readonly seconds: number;
  /** Read each body for `"degraded":true` and an empty item list (recommendation and similar answers). */
  readonly readBodies: boolean;
}

/** What autocannon saw in one window. */
export interface LoadResult {
  readonly responses: number;
  readonly seconds: number;
  /** Responses (any status) per second over the window. */
  readonly requestsPerSecond: number;
  /** Latency of every response (errors included), ms; autocannon's histogram resolves 1 ms. */
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly non2xx: number;
  /** Connection errors and timeouts: requests that got no response at all. */
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  /** Answers saying `degraded: true`, and how often each reason came (only when bodies are read). */
  readonly degraded: number;
  readonly degradedReasons: Record<string, number>;
  /** 2xx answers with no items. */
  readonly emptyLists: number;
}

const REASONS = /"degradedReasons":\[([^\]]*)\]/;

/** Runs autocannon for `spec.seconds` with a fresh random path per request; it stops by itself. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let degraded = 0;
  let emptyLists = 0;
  const degradedReasons: Record<string, number> = {};
  const onResponse = (status: number, body: string) => {
    if (status < 200 || status >= 300) return;
    if (body.includes('"items":[]')) emptyLists += 1;
    if (!body.includes('"degraded":true')) return;
    degraded += 1;
    for (const reason of (REASONS.exec(body)?.[1] ?? "").split(",")) {
      const name = reason.replaceAll('"', "");
      if (name !== "") degradedReasons[name] = (degradedReasons[name] ?? 0) + 1;
    }
  };
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 10,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => {
          request.path = spec.nextPath();
          return request;
        },
        ...(spec.readBodies ? { onResponse } : {}),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stats.count ?? 0;
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    responses,
    seconds: result.duration,
    requestsPerSecond: responses / result.duration,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    degraded,
    degradedReasons,
    emptyLists,
  };
}
