/** Base of every error Starling raises on purpose: a stable code, whether retrying may help, and an HTTP status. */
export class StarlingError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;
  /** The input field at fault, when there is one. */
  readonly field: string | undefined;

  constructor(
    message: string,
    options: { code: string; retriable?: boolean; status?: number; field?: string; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.retriable = options.retriable ?? false;
    this.status = options.status ?? 500;
    this.field = options.field;
  }
}

/** Input that breaks a contract; never retriable. */
export class ValidationError extends StarlingError {
  readonly issues: readonly { field: string; message: string }[];
  constructor(message: string, issues: readonly { field: string; message: string }[] = []) {
    super(message, { code: "invalid_input", status: 400, field: issues[0]?.field });
    this.issues = issues;
  }
}

/** A requested thing that does not exist. */
export class NotFoundError extends StarlingError {
  constructor(message: string, field?: string) {
    super(message, { code: "not_found", status: 404, ...(field === undefined ? {} : { field }) });
  }
}

/** Configuration that cannot be used; raised once at start-up. */
export class ConfigError extends StarlingError {
  constructor(message: string, field?: string) {
    super(message, { code: "bad_config", status: 500, ...(field === undefined ? {} : { field }) });
  }
}

/** A dependency (store, log, network) failed or timed out; the same call may succeed later. */
export class UnavailableError extends StarlingError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: "unavailable", retriable: true, status: 503, cause });
  }
}

/** A data file that cannot be read at all (missing, unreadable, wrong format). */
export class DataFileError extends StarlingError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: "bad_data_file", status: 400, cause });
  }
}
