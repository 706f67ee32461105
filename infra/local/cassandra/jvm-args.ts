import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { CassandraConfigFiles } from "./config-files.ts";

/** Module access Cassandra 5.0 needs on Java 17 (its conf/jvm17-server.options). */
const JAVA17_MODULE_ACCESS = [
  ...[
    "java.base/jdk.internal.misc",
    "java.management.rmi/com.sun.jmx.remote.internal.rmi",
    "java.rmi/sun.rmi.registry",
    "java.rmi/sun.rmi.server",
    "java.sql/java.sql",
    "java.base/java.lang.ref",
    "jdk.unsupported/sun.misc",
    "jdk.compiler/com.sun.tools.javac.file",
    "jdk.attach/sun.tools.attach",
  ].map((target) => `--add-exports=${target}=ALL-UNNAMED`),
  ...[
    "java.base/java.lang.module",
    "java.base/jdk.internal.loader",
    "java.base/jdk.internal.ref",
    "java.base/jdk.internal.reflect",
    "java.base/jdk.internal.math",
    "java.base/jdk.internal.module",
    "java.base/jdk.internal.util.jar",
    "jdk.management/com.sun.management.internal",
    "java.base/sun.nio.ch",
    "java.base/java.io",
    "java.base/java.lang.reflect",
    "jdk.compiler/com.sun.tools.javac",
    "java.base/java.lang",
    "java.base/java.util",
  ].map((target) => `--add-opens=${target}=ALL-UNNAMED`),
];

/** The jamm agent jar among the resolved jars; Cassandra measures memtable sizes with it. */
function jammAgent(libDir: string): string[] {
  const jar = readdirSync(libDir).find((name) => /^jamm-[\d.]+\.jar$/.test(name));
  return jar === undefined ? [] : [`-javaagent:${join(libDir, jar)}`];
}

/** The `java` arguments that start one node: heap, module access, Netty and start-up-speed properties. */
export function cassandraJvmArgs(
  classpath: string,
  libDir: string,
  storageDir: string,
  files: CassandraConfigFiles,
): string[] {
  return [
    "-Xms512m",
    "-Xmx1g",
    "-Xss256k",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.net.preferIPv4Stack=true",
    "-Djdk.attach.allowAttachSelf=true",
    ...JAVA17_MODULE_ACCESS,
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dio.netty.allocator.useCacheForAllThreads=true",
    "-Dio.netty.allocator.maxOrder=11",
    ...jammAgent(libDir),
    `-Dcassandra.config=file://${files.yaml}`,
    "-Dcassandra-foreground=yes",
    `-Dcassandra.storagedir=${storageDir}`,
    `-Dcassandra.logdir=${storageDir}`,
    `-Dlogback.configurationFile=${files.logback}`,
    // One node: nothing to gossip with, so waiting for gossip or the ring only slows the start.
    "-Dcassandra.skip_wait_for_gossip_to_settle=0",
    "-Dcassandra.ring_delay_ms=100",
    "-cp",
    classpath,
    "org.apache.cassandra.service.CassandraDaemon",
  ];
}
