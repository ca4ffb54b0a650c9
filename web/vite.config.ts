// SPDX-License-Identifier: AGPL-3.0-or-later
// Build of the web UI. The server sends a strict CSP (security-model.md §2.8:
// script-src 'self'; style-src 'self'), so the output must hold no inline
// script or style: CSS is emitted as files and the modulepreload polyfill,
// which Vite would inline into index.html, is off (every browser we target
// supports <link rel="modulepreload">).
import { defineConfig } from 'vite';

import { precompress } from './scripts/precompress.mjs';

export default defineConfig({
  plugins: [precompress()],
  // Preact through the automatic JSX runtime; no framework plugin needed.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into JS/CSS; files are cacheable and
    // keep the CSP simple.
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // Dev server talks to a local `hotshop serve` for the API.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
