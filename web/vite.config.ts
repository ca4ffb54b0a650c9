// SPDX-License-Identifier: AGPL-3.0-or-later
// Build of the web UI. The server sends a strict CSP (security-model.md §2.8:
// script-src 'self'; style-src 'self'), so the output must hold no inline
// script or style: CSS is emitted as files and the modulepreload polyfill,
// which Vite would inline into index.html, is off (every browser we target
// supports <link rel="modulepreload">).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// Writes a .gz beside every text file of the build, which `hotshop serve`
// sends to browsers that accept gzip (src/http/static_files.cpp), the way
// nginx's gzip_static does: compressed once at build time, never per request.
function precompress(): Plugin {
  let outDir = 'dist';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return {
    name: 'hotshop-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|webmanifest)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

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
