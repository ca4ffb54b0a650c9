// SPDX-License-Identifier: AGPL-3.0-or-later
// Card: a bordered group of related content, with an optional heading.
import type { ComponentChildren } from 'preact';

export interface CardProps {
  title?: string;
  /** Heading level for the title; pick the one that fits the outline. */
  level?: 2 | 3;
  children: ComponentChildren;
}

export function Card({ title, level = 2, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="hs-card">
      {title && <Heading class="hs-card__title">{title}</Heading>}
      {children}
    </section>
  );
}
