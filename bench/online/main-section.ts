import { alternate } from "../stores/alternate.ts";
import type { SectionResult } from "../stores/section-result.ts";
import { type BenchContext, onlineEnv, secondsOf, windowOptions } from "./context.ts";
import { REFERENCE_PATH } from "./reference-body.ts";
import { randomPaths, recommendationsPath, similarPath } from "./request-paths.ts";
import { answerSeries, countsOver, loadSeries, ratioSeries, serverSeries, stageSeries } from "./series.ts";
import { type BenchServer, startOnline, startReference } from "./servers.ts";
import { type Measurement, measure } from "./window.ts";

export const CEILING = "ceiling (bare Hono, 2 KB JSON)";
export const RECOMMENDATIONS = "recommendations k=10";
export const SIMILAR = "similar item2vec k=10";

/**
 * (a) the bare Hono ceiling, (b) recommendations for random users, (c) similar items for random catalogue
 * items, one `recsys online` process, run by run A B C A B C after a warm-up.
 */
export async function mainSection(context: BenchContext): Promise<SectionResult> {
  const { params, ids } = context;
  const servers: BenchServer[] = [];
  try {
    const online = await startOnline("online", onlineEnv(context), 1, context.runtimeDir);
    servers.push(online);
    const reference = await startReference(1, context.runtimeDir);
    servers.push(reference);
    const common = (run: number) => ({ connections: params.connections, seconds: secondsOf(context, run) });
    const results = await alternate<Measurement>("main", params.runs, [
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
            windowOptions(context, true),
          ),
      },
      {
        name: "similar",
        run: (run) =>
          measure(
            online,
            {
              ...common(run),
              nextPath: randomPaths(ids.items, similarPath, params.seed + run),
              readBodies: true,
            },
            windowOptions(context, true),
          ),
      },
    ]);
    const ceiling = results.reference ?? [];
    const recommendations = results.recommendations ?? [];
    const similar = results.similar ?? [];
    return {
      section: "main",
      series: [
        ...loadSeries(CEILING, ceiling),
        ...loadSeries(RECOMMENDATIONS, recommendations),
        ratioSeries(RECOMMENDATIONS, recommendations, ceiling),
        ...answerSeries(RECOMMENDATIONS, recommendations),
        ...stageSeries(RECOMMENDATIONS, recommendations),
        ...serverSeries(RECOMMENDATIONS, recommendations),
        ...serverSeries(CEILING, ceiling),
        ...loadSeries(SIMILAR, similar),
        ratioSeries(SIMILAR, similar, ceiling),
        ...serverSeries(SIMILAR, similar),
      ],
      notes: [],
      details: {
        counts: {
          recommendations: countsOver(recommendations),
          similar: countsOver(similar),
        },
        warnings: { online: online.warnings(), reference: reference.warnings() },
        runs: { ceiling: strip(ceiling), recommendations: strip(recommendations), similar: strip(similar) },
      },
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** A measurement for the JSON: the metric samples reduced to the ones that changed. */
export function strip(runs: readonly Measurement[]) {
  return runs.map((m) => ({ ...m, metrics: m.metrics.filter((s) => s.value !== 0) }));
}
