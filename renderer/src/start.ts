// The page's first script, inlined in index.html (vite.config.ts): the first paint, then the app.
import { paintFirstScreen } from './first-paint.ts';

const withdraw = await paintFirstScreen();
const loadApp = () =>
  import('./main.tsx').catch((error: unknown) => {
    // The painted copy must not stand in for an app that is not there.
    withdraw?.();
    throw error;
  });
if (withdraw) {
  // An error in the app before it painted the document is shown, not hidden under the copy.
  window.addEventListener('error', withdraw, { once: true });
  // After the painted frame: fetched before it, the app's code would be parsed on the thread that
  // decodes the article's font, which that frame waits for (bench:open).
  requestAnimationFrame(() => setTimeout(loadApp, 0));
} else {
  void loadApp();
}
