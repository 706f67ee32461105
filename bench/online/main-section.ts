import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alternate } from "../stores/alternate.ts";
import type { SectionResult } from "../stores/section-result.ts";
import { type BenchContext, onlineEnv, secondsOf, windowOptions } from "./context.ts";
import { type MicrosWindow, monotonicMicros, type ProfileSummary, summariseProfiles } from "./cpu-profile.ts";
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
  const recommendationWindows: MicrosWindow[] = [];
  try {
    const profileDir = params.cpuProfile
      ? await mkdtemp(join(tmpdir(), "starling-online-cpuprofile-"))
      : null;
    const flags = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
    const online = await startOnline("online", onlineEnv(context), 1, context.runtimeDir, flags);
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
        run: async (run) => {
          const start = monotonicMicros();
          const measured = await measure(
            online,
            {
              ...common(run),
              nextPath: randomPaths(ids.users, recommendationsPath, params.seed + run),
              readBodies: true,
            },
            windowOptions(context, true),
          );
          if (run > 0) recommendationWindows.push([start, monotonicMicros()]);
          return measured;
        },
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
    // node writes the profile as the process exits.
    await online.stop();
    const profile = profileDir ? await summariseProfiles(profileDir, recommendationWindows) : null;
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
      notes: profile ? profileNotes(profile) : [],
      details: {
        cpuProfile: profile,
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

/** The profile's gist as notes: where the recommendation windows' CPU went (profiling slows the server down). */
function profileNotes(profile: ProfileSummary): string[] {
  const top = (rows: { name: string; percent: number }[]) =>
    rows
      .slice(0, 8)
      .map((r) => `${r.name} ${r.percent.toFixed(1)}%`)
      .join(", ");
  const sources = top(profile.bySource.map((r) => ({ name: r.source, percent: r.percent })));
  const functions = top(profile.byFunction.map((r) => ({ name: r.fn, percent: r.percent })));
  return [
    `CPU profile of the recommendation windows (${profile.samples} samples; --cpu-prof slows the server, so take the figures of this run as diagnosis only): idle ${profile.idlePercent.toFixed(1)}%, GC ${profile.gcPercent.toFixed(1)}%; self time by source: ${sources}`,
    `CPU profile, self time by function: ${functions}; profile: ${profile.file}`,
  ];
}

/** A measurement for the JSON: the metric samples reduced to the ones that changed. */
export function strip(runs: readonly Measurement[]) {
  return runs.map((m) => ({ ...m, metrics: m.metrics.filter((s) => s.value !== 0) }));
}
