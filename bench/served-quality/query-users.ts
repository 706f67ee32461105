import type { ServedAnswer } from "./served-metrics.ts";

interface RecommendationBody {
  model?: string;
  coldStart?: boolean;
  degradedReasons?: string[];
  items?: { itemId: string }[];
}

export interface QueryOptions {
  readonly k: number;
  readonly concurrency: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One user's answer; a non-200 status keeps the status and no items (a miss). */
async function queryUser(baseUrl: string, userId: string, k: number): Promise<ServedAnswer> {
  const started = performance.now();
  const response = await fetch(
    `${baseUrl}/api/v1/users/${encodeURIComponent(userId)}/recommendations?k=${k}`,
  );
  const text = await response.text();
  const latencyMs = performance.now() - started;
  if (response.status !== 200) {
    return {
      userId,
      status: response.status,
      model: null,
      coldStart: false,
      degradedReasons: [`http:${response.status}`],
      itemIds: [],
      latencyMs,
    };
  }
  const body = JSON.parse(text) as RecommendationBody;
  return {
    userId,
    status: 200,
    model: body.model ?? null,
    coldStart: body.coldStart === true,
    degradedReasons: body.degradedReasons ?? [],
    itemIds: (body.items ?? []).map((item) => item.itemId),
    latencyMs,
  };
}

/** Asks for every user's top k, `concurrency` requests at a time, in `userIds` order. */
export async function queryUsers(
  baseUrl: string,
  userIds: readonly string[],
  options: QueryOptions,
): Promise<ServedAnswer[]> {
  const answers: ServedAnswer[] = new Array(userIds.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < userIds.length) {
      const at = next++;
      answers[at] = await queryUser(baseUrl, userIds[at] as string, options.k);
      options.onProgress?.(++done, userIds.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return answers;
}

/**
 * Waits until the server answers a recommendation with 200 (the snapshot is loaded), asking for `userId`;
 * throws after `timeoutMs`.
 */
export async function waitUntilServing(baseUrl: string, userId: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  let last = "";
  while (Date.now() - started < timeoutMs) {
    try {
      const answer = await queryUser(baseUrl, userId, 10);
      if (answer.status === 200) return;
      last = `status ${answer.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseUrl} served no recommendation within ${timeoutMs} ms (last: ${last})`);
}
