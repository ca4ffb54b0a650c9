// SPDX-License-Identifier: AGPL-3.0-or-later
// Message sets: each feature's English defaults, typed, under its namespace.
// A feature's l10n/messages.ts calls defineMessages(ns, tree); its es.json
// beside it has the same shape. The namespace must equal the feature folder
// name (lint:i18n checks it). Interpolation is i18next's: {{name}}.

/** A tree of message strings; leaves are English defaults. */
export type MessageTree = { readonly [key: string]: string | MessageTree };

/** Dotted paths to every leaf of T, e.g. "login.email". */
export type MessageKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${MessageKey<T[K]>}`;
}[keyof T & string];

export interface MessageSet<T extends MessageTree = MessageTree> {
  readonly ns: string;
  readonly en: T;
}

export function defineMessages<const T extends MessageTree>(ns: string, en: T): MessageSet<T> {
  return { ns, en };
}
