/**
 * Web mode's long operations answer in JSON Lines as they go (electron/contract/progress.ts).
 * These read them as they arrive: `lineReader` from text in pieces (an XMLHttpRequest's growing
 * responseText), `jsonLines` from a fetch body.
 */

/** Takes the answer's text a piece at a time; returns the lines each piece completes, parsed. */
export function lineReader<T>(): (piece: string) => T[] {
  let pending = '';
  return (piece) => {
    const lines = (pending + piece).split('\n');
    pending = lines.pop()!;
    return lines.filter((line) => line !== '').map((line) => JSON.parse(line) as T);
  };
}

export async function* jsonLines<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T, void, undefined> {
  const read = lineReader<T>();
  const decoder = new TextDecoder();
  for await (const chunk of body) yield* read(decoder.decode(chunk, { stream: true }));
}
