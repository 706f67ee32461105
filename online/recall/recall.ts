import { failureReason } from "./failure-reason.ts";
import { type ChannelRecall, mergeRecalls } from "./merge.ts";
import type { Candidate, RecallChannel, RecallContext, RecallHit } from "./types.ts";

/** One channel to run and how many items it may return. */
export interface ChannelPlan {
  readonly channel: RecallChannel;
  readonly quota: number;
}

export interface RecallOutcome {
  /** Merged candidates (see `mergeRecalls` for the order); not yet filtered. */
  readonly candidates: Candidate[];
  /** `channel:<name>:<reason>` per channel skipped or answering in part, in plan order. */
  readonly failures: string[];
}

/**
 * The plan for `quotas` (channel name -> quota; 0 or less leaves a channel out). A name with no channel is
 * reported as `channel:<name>:unknown` rather than failing the request.
 */
export function planRecall(
  channels: ReadonlyMap<string, RecallChannel>,
  quotas: Readonly<Record<string, number>>,
): { plan: ChannelPlan[]; failures: string[] } {
  const plan: ChannelPlan[] = [];
  const failures: string[] = [];
  for (const [name, quota] of Object.entries(quotas)) {
    if (!(quota > 0)) continue;
    const channel = channels.get(name);
    if (channel === undefined) failures.push(`channel:${name}:unknown`);
    else plan.push({ channel, quota: Math.floor(quota) });
  }
  return { plan, failures };
}

function abortedError(): Error {
  const error = new Error("recall budget spent");
  error.name = "AbortError";
  return error;
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work itself is left to finish unobserved). */
function untilAborted<T>(work: () => Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Runs the plan's channels in parallel, each with its quota and under the request's signal; a channel that
 * throws or is still running when the signal aborts is skipped and reported. Answers are cut to the quota and
 * merged.
 */
export async function runRecall(
  context: RecallContext,
  plan: readonly ChannelPlan[],
): Promise<RecallOutcome> {
  const perChannel = await Promise.all(
    plan.map(async ({ channel, quota }) => {
      const failures: string[] = [];
      const reportFailure = (reason: string) => failures.push(`channel:${channel.name}:${reason}`);
      const channelContext: RecallContext = { ...context, reportFailure };
      let hits: RecallHit[] | null = null;
      try {
        hits = (await untilAborted(() => channel.recall(channelContext, quota), context.signal)).slice(
          0,
          quota,
        );
      } catch (error) {
        failures.push(`channel:${channel.name}:${failureReason(error)}`);
      }
      const recall: ChannelRecall | null = hits === null ? null : { name: channel.name, hits };
      return { recall, failures };
    }),
  );
  const recalls = perChannel.map((c) => c.recall).filter((r): r is ChannelRecall => r !== null);
  return { candidates: mergeRecalls(recalls), failures: perChannel.flatMap((c) => c.failures) };
}
