// SPDX-License-Identifier: AGPL-3.0-or-later
// A Vite plugin that writes a .gz beside every text file of the build, which
// `hotshop serve` sends to browsers that accept gzip (src/http/static_files.cpp),
// the way nginx's gzip_static does: compressed once at build time, never per
// request. Plain JavaScript so the UI's type check needs no Node typings.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const kCompressible = /\.(js|css|html|svg|json|txt|webmanifest)$/;
const kMinBytes = 1024; // smaller files gain nothing

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** @returns {import('vite').Plugin} */
export function precompress() {
  let outDir = 'dist';
  return {
    name: 'hotshop-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!kCompressible.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < kMinBytes) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}
