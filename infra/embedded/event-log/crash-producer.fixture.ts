// Child process for the crash test: produces forever to the topic in argv and prints one JSON line per ack.
import { createFileEventLog } from "./index.ts";

const [dir, topic] = process.argv.slice(2);
if (!dir || !topic) throw new Error("usage: crash-producer.fixture.ts <dir> <topic>");

const log = await createFileEventLog({ dir });
await log.createTopics([{ name: topic, partitions: 3 }]);

/** One of two concurrent writers, so appends queue up behind each other's fsyncs. */
async function writer(name: string): Promise<never> {
  for (let batch = 0; ; batch++) {
    const records = Array.from({ length: 25 }, (_, i) => ({
      key: `${name}-user-${i % 7}`,
      value: `${name}:${batch}:${i}`,
    }));
    const acks = await log.produce(topic as string, records);
    const lines = acks.map((ack, i) => JSON.stringify({ ...ack, ...records[i] }));
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

await Promise.all([writer("a"), writer("b")]);
