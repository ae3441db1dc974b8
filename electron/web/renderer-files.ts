/**
 * The built renderer as web mode (server/) and the desktop window (main/app-protocol.ts) both
 * serve it, from here so that neither door reaches into the other or into the core.
 */
import { join, normalize, sep } from 'node:path';
import { packageRoot } from '../package-root.ts';

export const rendererDir = join(packageRoot, 'dist', 'renderer');

/**
 * The built renderer's file for a URL path, as web mode and the desktop window both serve it:
 * 'malformed' for a path that does not decode, null for one that points outside the renderer.
 */
export function rendererFile(pathname: string): string | 'malformed' | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return 'malformed';
  }
  const file = join(rendererDir, normalize(decoded).replace(/^[/\\]+/, ''));
  return file.startsWith(rendererDir + sep) ? file : null;
}
