// The page's first script, inlined in index.html (vite.config.ts): the first paint, then the app.
import { paintFirstScreen } from './first-paint.ts';

/** How long after its frame was drawn the app waits for that frame to be reported on screen. */
const APP_AFTER_UNREPORTED_FRAME_MS = 250;

/** The app, once the first paint has been seen (or at once when there is none to paint). */
function startApp(withdraw: (() => void) | null): void {
  const loadApp = () =>
    import('./main.tsx').catch((error: unknown) => {
      // The painted copy must not stand in for an app that is not there.
      withdraw?.();
      throw error;
    });
  if (!withdraw) {
    void loadApp();
    return;
  }
  // An error in the app before it painted the document is shown, not hidden under the copy.
  window.addEventListener('error', withdraw, { once: true });
  // Once the painted frame is on screen: the app's code (from the browser's cache) would be
  // compiled on the cores that rasterise that frame (bench:open). Should the frame not be
  // reported, the app comes a moment after it was drawn.
  let asked = false;
  const once = () => {
    if (asked) return;
    asked = true;
    void loadApp();
  };
  new PerformanceObserver((entries, observer) => {
    if (!entries.getEntriesByName('first-contentful-paint').length) return;
    observer.disconnect();
    once();
  }).observe({ type: 'paint', buffered: true });
  requestAnimationFrame(() => setTimeout(once, APP_AFTER_UNREPORTED_FRAME_MS));
}

void paintFirstScreen().then(startApp);
