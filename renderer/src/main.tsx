// First, before React and the editor are evaluated: the first screen's requests go out now, and
// the server answers them while the rest of the bundle is read.
import './first-screen.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
