// The page's first script (index.html): the styles, the first paint, then the app.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import './styles.css';
import { paintFirstScreen } from './first-paint.ts';

const withdraw = paintFirstScreen();
const loadApp = () =>
  import('./main.tsx').catch((error: unknown) => {
    // The painted copy must not stand in for an app that is not there.
    withdraw?.();
    throw error;
  });
if (withdraw) {
  // An error in the app before it painted the document is shown, not hidden under the copy.
  window.addEventListener('error', withdraw, { once: true });
  // After the painted frame: the app's code is fetched meanwhile (a module preload, vite.config.ts),
  // but evaluating it would come before the frame.
  requestAnimationFrame(() => setTimeout(loadApp, 0));
} else {
  void loadApp();
}
