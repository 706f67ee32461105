import { alternate } from "../stores/alternate.ts";
import type { SectionResult } from "../stores/section-result.ts";
import { type BenchContext, onlineEnv, secondsOf, windowOptions } from "./context.ts";
import { strip } from "./main-section.ts";
import { REFERENCE_PATH } from "./reference-body.ts";
import { randomPaths, recommendationsPath } from "./request-paths.ts";
import { answerSeries, countsOver, loadSeries, ratioSeries, serverSeries } from "./series.ts";
import { type BenchServer, startOnline, startReference } from "./servers.ts";
import type { Measurement } from "./window.ts";
import { measure } from "./window.ts";

/**
 * Recommendations from `recsys online --workers N` next to the reference forked the same way (node:cluster, N
 * processes sharing one port, connections handed round-robin by the primary), so the ratio compares equal
 * set-ups. `/metrics` is per worker, so no stage breakdown here.
 */
export async function workersSection(context: BenchContext): Promise<SectionResult> {
  const { params, ids } = context;
  const n = params.workers;
  const ceilingLabel = `ceiling x${n} workers`;
  const label = `recommendations k=10 x${n} workers`;
  const servers: BenchServer[] = [];
  try {
    const online = await startOnline(`online x${n}`, onlineEnv(context), n, context.runtimeDir);
    servers.push(online);
    const reference = await startReference(n, context.runtimeDir);
    servers.push(reference);
    const common = (run: number) => ({ connections: params.connections, seconds: secondsOf(context, run) });
    const results = await alternate<Measurement>(`workers x${n}`, params.runs, [
      {
        name: "reference",
        run: (run) =>
          measure(
            reference,
            { ...common(run), nextPath: () => REFERENCE_PATH, readBodies: false },
            windowOptions(context, false),
          ),
      },
      {
        name: "recommendations",
        run: (run) =>
          measure(
            online,
            {
              ...common(run),
              nextPath: randomPaths(ids.users, recommendationsPath, params.seed + run),
              readBodies: true,
            },
            windowOptions(context, false),
          ),
      },
    ]);
    const ceiling = results.reference ?? [];
    const recommendations = results.recommendations ?? [];
    return {
      section: "workers",
      series: [
        ...loadSeries(ceilingLabel, ceiling),
        ...loadSeries(label, recommendations),
        ratioSeries(label, recommendations, ceiling),
        ...answerSeries(label, recommendations),
        ...serverSeries(label, recommendations),
        ...serverSeries(ceilingLabel, ceiling),
      ],
      notes: [],
      details: {
        counts: countsOver(recommendations),
        warnings: { online: online.warnings(), reference: reference.warnings() },
        runs: { ceiling: strip(ceiling), recommendations: strip(recommendations) },
      },
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
