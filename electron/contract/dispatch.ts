import { z } from 'zod';
import { contract, isOperation, type Contract, type Operation, type Output } from './contract.ts';
import { HamishError } from './errors.ts';
import type { JobOperation, JobOptions } from './jobs.ts';

/** The core's side of the contract: one synchronous handler per operation, given parsed input. */
export type Handlers = {
  readonly [O in Operation]: (input: z.output<Contract[O]['input']>) => Output<O>;
};

/** Validates an untrusted call and runs it. Every door goes through here. */
export function dispatch(handlers: Handlers, operation: string, input: unknown): unknown {
  if (!isOperation(operation)) {
    throw new HamishError('not_found', `unknown operation "${operation}"`);
  }
  const handler = handlers[operation] as (input: unknown) => unknown;
  return handler(parseInput(operation, input));
}

/** Validates an untrusted input as dispatch does, for a door that runs the operation its own way. */
export function parseInput<O extends Operation>(operation: O, input: unknown): z.output<Contract[O]['input']> {
  const parsed = contract[operation].input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new HamishError('invalid_input', `${operation}: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`);
  }
  return parsed.data as z.output<Contract[O]['input']>;
}

/** The core's long operations, as every door starts them (core/jobs/ runs each in a worker). */
export interface JobRunner {
  run<O extends JobOperation>(operation: O, input: z.output<Contract[O]['input']>, options?: JobOptions<O>): Promise<Output<O>>;
}

/** Validates an untrusted job's input, as dispatch does a call's, and runs the job; bad input rejects as the job would. */
export async function startJob<O extends JobOperation>(jobs: JobRunner, operation: O, input: unknown, options?: JobOptions<O>): Promise<Output<O>> {
  return jobs.run(operation, parseInput(operation, input), options);
}
