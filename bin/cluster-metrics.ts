import cluster from "node:cluster";
import { AggregatorRegistry, type Registry } from "prom-client";

const ASK = "starling:cluster-metrics";
const ANSWER = "starling:cluster-metrics-answer";
const WAIT_MS = 5000;

interface Answer {
  readonly type: string;
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

/**
 * In the primary of `recsys online --workers N`: answers a worker's request for the metrics of every worker,
 * summed by prom-client's aggregator (the workers share one port, so any of them may be scraped).
 */
export function answerClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: Answer) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message }),
    );
  });
}

/** In a worker: `/metrics` text of the whole cluster, asked of the primary. */
export function clusterMetricsText(registry: Registry): () => Promise<string> {
  // Constructing one installs prom-client's worker side, which reports `registry` when the primary collects.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  const pending = new Map<number, (answer: Answer) => void>();
  let next = 0;
  process.on("message", (message: Answer) => {
    if (message?.type === ANSWER) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the primary did not send cluster metrics within ${WAIT_MS} ms`));
      }, WAIT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        pending.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? "no cluster metrics"));
      });
      process.send?.({ type: ASK, id });
    });
}
