// SPDX-License-Identifier: AGPL-3.0-or-later
// useMessages(set): a typed translate function for one feature's namespace.
// Components re-render when the language changes (LanguageContext), and keep
// their state: switching language never loses typed text.
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import i18next from 'i18next';
import type { Language } from './index';
import type { MessageKey, MessageSet, MessageTree } from './messages';

export const LanguageContext = createContext<Language>('en');

export type Vars = Record<string, string | number>;
export type Translate<T extends MessageTree> = (key: MessageKey<T>, vars?: Vars) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

export function useMessages<T extends MessageTree>(set: MessageSet<T>): Translate<T> {
  const lang = useLanguage();
  return useMemo(() => {
    const t = i18next.getFixedT(lang, set.ns) as unknown as LooseT;
    return (key: MessageKey<T>, vars?: Vars) => t(key, vars);
  }, [lang, set.ns]);
}
