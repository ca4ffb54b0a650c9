// SPDX-License-Identifier: AGPL-3.0-or-later
// Types of scripts/precompress.mjs for vite.config.ts's type check.
import type { Plugin } from 'vite';

export function precompress(): Plugin;
