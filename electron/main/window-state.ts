/**
 * The window's size and position between runs, in a small JSON file in userData. The file is
 * ours but may be stale (a monitor unplugged) or damaged, so it is validated and the window put
 * back only where a display can show it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;

const Pixels = z.number().int().min(-100_000).max(100_000);
const WindowState = z.object({
  x: Pixels,
  y: Pixels,
  width: z.number().int().min(MIN_WIDTH).max(100_000),
  height: z.number().int().min(MIN_HEIGHT).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The saved state, or null when there is none or it is not one (said once on stderr). */
export function readWindowState(file: string): WindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return WindowState.parse(JSON.parse(text));
  } catch {
    console.warn(`hamish: ${file} does not hold a window position; using the default`);
    return null;
  }
}

/** Written whole or not at all: a crash mid-write leaves the previous file. */
export function writeWindowState(file: string, state: WindowState): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(WindowState.parse(state))}\n`);
  renameSync(`${file}.tmp`, file);
}

function overlap(a: Bounds, b: Bounds): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Where to open the window: the saved bounds moved and shrunk into the work area of the display
 * showing most of them, or the primary display's when none shows any. Null: the default place.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Bounds[]): Bounds | null {
  if (saved === null || workAreas.length === 0) return null;
  const area = workAreas.reduce((best, candidate) => (overlap(saved, candidate) > overlap(saved, best) ? candidate : best));
  if (overlap(saved, area) === 0) return null;
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  return {
    x: Math.min(Math.max(saved.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(saved.y, area.y), area.y + area.height - height),
    width,
    height,
  };
}
