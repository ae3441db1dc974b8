/**
 * A one-line progress bar for long commands, redrawn in place on a terminal. Off a terminal (a
 * log, a pipe, a test) it draws nothing: carriage returns would only clutter the file.
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  update(done: number): void;
  /** Clears the line, leaving the terminal as it was. */
  finish(): void;
}

const REDRAW_MS = 100;
const number = new Intl.NumberFormat('en-US');

export function renderProgress(done: number, total: number, unit: string, width: number): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const counts = ` ${String(Math.floor(share * 100)).padStart(3)}%  ${number.format(done)}/${number.format(total)} ${unit}`;
  const barWidth = Math.max(10, Math.min(40, width - counts.length - 3));
  const filled = Math.round(share * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${counts}`;
}

export function progressBar(stream: ProgressStream, total: number, unit: string): Progress | null {
  if (!stream.isTTY) return null;
  let drawnAt = -Infinity;
  return {
    update(done) {
      const now = performance.now();
      if (now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      stream.write(`\r${renderProgress(done, total, unit, stream.columns ?? 80)}\x1b[K`);
    },
    finish() {
      if (drawnAt !== -Infinity) stream.write('\r\x1b[K');
    },
  };
}
