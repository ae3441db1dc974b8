/** Why an operation was refused. Each door maps the code to its own form (HTTP status, exit code). */
export type ErrorCode = 'invalid_input' | 'not_found' | 'unsupported_database' | 'io';

export class HamishError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'HamishError';
    this.code = code;
  }
}
