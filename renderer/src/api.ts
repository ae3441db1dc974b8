import type { HamishApi, Input, Operation, Output } from '../../electron/contract/contract.ts';
import { OPERATIONS } from '../../electron/contract/contract.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    readonly hamish?: HamishApi;
  }
}

/** Web mode: the contract over HTTP on the page's own origin (the token travels as a cookie). */
function httpApi(): HamishApi {
  async function call<O extends Operation>(operation: O, input: Input<O>): Promise<Output<O>> {
    const response = await fetch(`api/${operation}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { value: Output<O> } | { error: { message: string } };
    if ('error' in body) throw new Error(body.error.message);
    return body.value;
  }
  return Object.fromEntries(
    OPERATIONS.map((operation) => [operation, (input: never) => call(operation, input)]),
  ) as unknown as HamishApi;
}

export const api: HamishApi = window.hamish ?? httpApi();
