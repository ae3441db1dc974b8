/** Why an operation was refused. Each door maps the code to its own form (HTTP status, exit code). */
export type ErrorCode = 'invalid_input' | 'not_found' | 'unsupported_database' | 'io';

export class HamishError extends Error {
  readonly code: ErrorCode;

  /** `cause`: what the refusal comes from, when it is not the caller's mistake (a SQLite error). */
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HamishError';
    this.code = code;
  }
}
