// SPDX-License-Identifier: AGPL-3.0-or-later
// i18next setup and the language choice.
// Language: localStorage "hotshop.lang" if set, else navigator.language
// starting with "es" -> es, else en. setLanguage() persists the choice and
// sets <html lang>. Every feature's l10n/ is found by glob: its messages.ts
// (English) and es.json become the namespace named after the folder.
import i18next from 'i18next';
import type { MessageSet, MessageTree } from './messages';

export const kLanguages = ['en', 'es'] as const;
export type Language = (typeof kLanguages)[number];
export const kStorageKey = 'hotshop.lang';

/** Each language named in itself (an endonym), the same in every UI language,
 * so a reader can find their own: not a translatable string. */
export const kLanguageNames: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
};

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (kLanguages as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(kStorageKey);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage disabled (private mode, policy): fall through
  }
}

/** The language to start in. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const nav = (navigator.language || '').toLowerCase();
  return nav.startsWith('es') ? 'es' : 'en';
}

const english = import.meta.glob<MessageSet>('../*/l10n/messages.ts', {
  eager: true,
  import: 'messages',
});
const spanish = import.meta.glob<MessageTree>('../*/l10n/es.json', {
  eager: true,
  import: 'default',
});

function featureOf(path: string): string {
  // "../auth/l10n/messages.ts" -> "auth"
  return path.split('/')[1] ?? path;
}

function buildResources(): Record<Language, Record<string, MessageTree>> {
  const en: Record<string, MessageTree> = {};
  const es: Record<string, MessageTree> = {};
  for (const set of Object.values(english)) en[set.ns] = set.en;
  for (const [path, tree] of Object.entries(spanish)) es[featureOf(path)] = tree;
  return { en, es };
}

function applyDocumentLanguage(lang: Language): void {
  document.documentElement.lang = lang;
}

/** Initializes i18next synchronously (resources are bundled). */
export function initI18n(lang: Language = detectLanguage()): typeof i18next {
  const resources = buildResources();
  void i18next.init({
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: [...kLanguages],
    resources: {
      en: resources.en,
      es: resources.es,
    },
    ns: Object.keys(resources.en),
    defaultNS: 'app',
    initAsync: false,
    interpolation: { escapeValue: false }, // Preact escapes text
    returnEmptyString: false,
  });
  applyDocumentLanguage(lang);
  i18next.on('languageChanged', (next) => {
    if (isLanguage(next)) applyDocumentLanguage(next);
  });
  return i18next;
}

/** Switches language, remembers it on this device and updates <html lang>. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(kStorageKey, lang);
  } catch {
    // Not persisted; the switch still applies to this page.
  }
  await i18next.changeLanguage(lang);
}

export function currentLanguage(): Language {
  const lang = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lang) ? lang : 'en';
}
