import { Kafka, logLevel } from "kafkajs";

/** Whether a broker at `broker` answers a metadata request (describeCluster) within a few seconds. */
export async function kafkaAnswers(broker: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: "starling-launcher-probe",
    brokers: [broker],
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
