#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// lint:i18n: the UI's strings are complete, parseable and never hard-coded.
// Fails (exit 1) when, for any feature folder src/<feature>/l10n/:
//   - messages.ts is missing, or is not `defineMessages('<feature>', {...})`
//     with a static object literal of string leaves (namespace = folder name);
//   - es.json is missing or not valid JSON;
//   - a key is in one language and not the other, or is a leaf in one and a
//     group in the other;
//   - a value is empty or not a string;
//   - a message is unparseable ({{ without }}), or its {{placeholders}}
//     differ between English and Spanish;
// and when any .tsx component outside l10n/ has literal text in JSX (text
// children, or aria-label/title/placeholder/alt/label string attributes).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'rolldown/utils';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(webDir, 'src');
const errors = [];
const fail = (file, msg) => errors.push(`${relative(webDir, file)}: ${msg}`);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function parse(file) {
  const source = readFileSync(file, 'utf8');
  const lang = file.endsWith('.tsx') ? 'tsx' : 'ts';
  const result = parseSync(file, source, { lang });
  for (const e of result.errors) fail(file, `parse error: ${e.message}`);
  return result.program;
}

function visit(node, fn) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) visit(n, fn);
    return;
  }
  if (typeof node.type === 'string') fn(node);
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue;
    const v = node[key];
    if (v && typeof v === 'object') visit(v, fn);
  }
}

// Turns a static object literal into a plain tree; reports what isn't static.
function literalTree(file, node, path) {
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') {
    return literalTree(file, node.expression, path);
  }
  if (node.type !== 'ObjectExpression') {
    fail(file, `${path || '(root)'}: must be an object literal`);
    return {};
  }
  const tree = {};
  for (const prop of node.properties) {
    if (prop.type !== 'Property' || prop.computed) {
      fail(file, `${path}: only plain keys are allowed`);
      continue;
    }
    const key = prop.key.type === 'Identifier' ? prop.key.name : String(prop.key.value);
    const at = path ? `${path}.${key}` : key;
    const v = prop.value;
    if (v.type === 'Literal' && typeof v.value === 'string') tree[key] = v.value;
    else if (v.type === 'TemplateLiteral' && v.expressions.length === 0) {
      tree[key] = v.quasis.map((q) => q.value.cooked).join('');
    } else if (v.type === 'ObjectExpression') tree[key] = literalTree(file, v, at);
    else fail(file, `${at}: must be a string literal or a group`);
  }
  return tree;
}

function loadEnglish(file, feature) {
  let found = null;
  visit(parse(file), (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'defineMessages') {
      found = n;
    }
  });
  if (!found) {
    fail(file, 'no defineMessages(ns, {...}) call');
    return null;
  }
  const [ns, tree] = found.arguments;
  if (!ns || ns.type !== 'Literal' || ns.value !== feature) {
    fail(file, `namespace must be the folder name '${feature}'`);
  }
  return tree ? literalTree(file, tree, '') : null;
}

function flatten(file, tree, prefix, out) {
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(at, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) flatten(file, value, at, out);
    else fail(file, `${at}: must be a string or a group, found ${JSON.stringify(value)}`);
  }
  return out;
}

// i18next interpolation: {{name}}, optionally {{name, format}}.
function placeholders(file, key, message) {
  const names = new Set();
  const stripped = message.replace(/\{\{\s*([A-Za-z_][\w.]*)\s*(?:,[^{}]*)?\}\}/g, (_, name) => {
    names.add(name);
    return '';
  });
  if (stripped.includes('{{') || stripped.includes('}}')) fail(file, `${key}: unparseable interpolation in "${message}"`);
  return names;
}

function checkFeature(feature, l10nDir) {
  const enFile = join(l10nDir, 'messages.ts');
  const esFile = join(l10nDir, 'es.json');
  if (!existsSync(enFile)) return fail(l10nDir, 'missing messages.ts');
  if (!existsSync(esFile)) return fail(l10nDir, 'missing es.json');
  const enTree = loadEnglish(enFile, feature);
  let esTree;
  try {
    esTree = JSON.parse(readFileSync(esFile, 'utf8'));
  } catch (e) {
    return fail(esFile, `invalid JSON: ${e.message}`);
  }
  if (!enTree) return;
  const en = flatten(enFile, enTree, '', new Map());
  const es = flatten(esFile, esTree, '', new Map());
  for (const [key, value] of en) {
    if (!value.trim()) fail(enFile, `${key}: empty message`);
    const enVars = placeholders(enFile, key, value);
    if (!es.has(key)) {
      fail(esFile, `${key}: missing (English: "${value}")`);
      continue;
    }
    const esValue = es.get(key);
    if (!esValue.trim()) fail(esFile, `${key}: empty message`);
    const esVars = placeholders(esFile, key, esValue);
    const same = enVars.size === esVars.size && [...enVars].every((v) => esVars.has(v));
    if (!same) fail(esFile, `${key}: placeholders {{${[...esVars]}}} differ from English {{${[...enVars]}}}`);
  }
  for (const key of es.keys()) if (!en.has(key)) fail(esFile, `${key}: not in English messages.ts`);
}

const kTextAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);

function checkNoLiteralText(file) {
  visit(parse(file), (n) => {
    if (n.type === 'JSXText' && /\p{L}/u.test(n.value)) {
      fail(file, `literal text in JSX: "${n.value.trim()}" (use the feature's l10n messages)`);
    }
    if (
      n.type === 'JSXAttribute' &&
      n.name.type === 'JSXIdentifier' &&
      kTextAttributes.has(n.name.name) &&
      n.value?.type === 'Literal' &&
      /\p{L}/u.test(String(n.value.value))
    ) {
      fail(file, `literal text in ${n.name.name}="${n.value.value}" (use the feature's l10n messages)`);
    }
  });
}

let features = 0;
for (const feature of readdirSync(srcDir)) {
  const l10nDir = join(srcDir, feature, 'l10n');
  if (existsSync(l10nDir) && statSync(l10nDir).isDirectory()) {
    features += 1;
    checkFeature(feature, l10nDir);
  }
}
for (const file of walk(srcDir)) {
  if (file.endsWith('.tsx') && !file.includes('/l10n/')) checkNoLiteralText(file);
}

if (errors.length) {
  console.error(`lint:i18n: ${errors.length} problem(s)\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
console.log(`lint:i18n: ${features} namespaces, en and es complete`);
