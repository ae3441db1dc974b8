/** Why an operation was refused. Each door maps the code to its own form (HTTP status, exit code). */
/** 'cancelled': a job stopped because its caller asked it to; nothing of it was kept. */
export type ErrorCode = 'invalid_input' | 'not_found' | 'unsupported_database' | 'io' | 'cancelled';

export class HamishError extends Error {
  readonly code: ErrorCode;

  /** `cause`: what the refusal comes from, when it is not the caller's mistake (a SQLite error). */
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HamishError';
    this.code = code;
  }
}

/** A refusal as data, for a door that carries it across a thread, a process or HTTP. */
export interface Failure {
  readonly code: ErrorCode | 'internal';
  readonly message: string;
}

/** What to tell the caller of a failure: the core's own words, or only that something broke (said on stderr). */
export function failureOf(error: unknown): Failure {
  if (error instanceof HamishError) return { code: error.code, message: error.message };
  console.error(error);
  return { code: 'internal', message: 'internal error' };
}

/** A failure carried back, thrown again as it was ('internal' stays an error with no code of ours). */
export function errorOf(failure: Failure): Error {
  return failure.code === 'internal' ? new Error(failure.message) : new HamishError(failure.code, failure.message);
}
