/**
 * The environment of every recsys child: ours without any RECSYS_* variable (a setting left in the shell must not
 * make training, evaluation and serving differ), the embedded profile in `stateDir`, then `settings` (model
 * settings shared by all three) and `extra`.
 */
export function childEnv(
  stateDir: string,
  settings: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("RECSYS_")) env[name] = value;
  }
  return {
    ...env,
    RECSYS_PROFILE: "embedded",
    RECSYS_STATE_DIR: stateDir,
    RECSYS_LOG_LEVEL: "warn",
    ...settings,
    ...extra,
  };
}

/** Online settings that keep the measure about the model: no reuse, no impressions, no answer cut by time. */
export function onlineEnv(deadlineMs: number): Record<string, string> {
  return {
    RECSYS_HTTP_HOST: "127.0.0.1",
    RECSYS_HTTP_PORT: "0",
    RECSYS_ONLINE_LOG_IMPRESSIONS: "0",
    RECSYS_ONLINE_RESPONSE_CACHE_TTL_MS: "0",
    RECSYS_ONLINE_DEADLINE_MS: String(deadlineMs),
  };
}
