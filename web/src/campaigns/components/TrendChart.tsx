// SPDX-License-Identifier: AGPL-3.0-or-later
// The support trend as an inline SVG line chart (no chart library; SVG
// attributes, not style, so the CSP is happy). The points are also listed
// as text for screen readers and print.
import { useLanguage, useMessages } from '../../i18n/hooks';
import type { Count } from '../api';
import { formatDay } from '../format';
import { messages } from '../l10n/messages';

export interface TrendPoint {
  on: string;
  percent: number | null;
  supporters?: Count;
}

const kW = 320;
const kH = 120;
const kPad = 24;

export function TrendChart({ points, goal, title }: { points: readonly TrendPoint[]; goal?: number; title?: string }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const known = points.filter((p) => p.percent !== null);
  if (known.length === 0) return <p class="hs-muted">{t('trend.noData')}</p>;
  const x = (i: number) => kPad + (points.length <= 1 ? 0 : (i * (kW - 2 * kPad)) / (points.length - 1));
  const y = (p: number) => kH - kPad - (p * (kH - 2 * kPad)) / 100;
  const path = points
    .map((p, i) => (p.percent === null ? null : `${x(i).toFixed(1)},${y(p.percent).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <figure class="camp-trend">
      <svg
        viewBox={`0 0 ${kW} ${kH}`}
        class="camp-trend__svg"
        role="img"
        aria-label={title ?? t('trend.caption')}
        data-testid="trend-chart"
      >
        <line x1={kPad} y1={y(0)} x2={kW - kPad} y2={y(0)} class="camp-trend__axis" />
        <line x1={kPad} y1={y(100)} x2={kW - kPad} y2={y(100)} class="camp-trend__grid" />
        <line x1={kPad} y1={y(50)} x2={kW - kPad} y2={y(50)} class="camp-trend__grid" />
        {goal !== undefined && <line x1={kPad} y1={y(goal)} x2={kW - kPad} y2={y(goal)} class="camp-trend__goal" />}
        <text x={2} y={y(100) + 4} class="camp-trend__tick">
          {100}
        </text>
        <text x={2} y={y(50) + 4} class="camp-trend__tick">
          {50}
        </text>
        <text x={2} y={y(0) + 4} class="camp-trend__tick">
          {0}
        </text>
        <polyline points={path} class="camp-trend__line" />
        {points.map((p, i) =>
          p.percent === null ? null : <circle key={p.on} cx={x(i)} cy={y(p.percent)} r={3} class="camp-trend__dot" />,
        )}
        {first && (
          <text x={kPad} y={kH - 4} class="camp-trend__tick">
            {formatDay(first.on, lang)}
          </text>
        )}
        {last && (
          <text x={kW - kPad} y={kH - 4} class="camp-trend__tick" text-anchor="end">
            {formatDay(last.on, lang)}
          </text>
        )}
      </svg>
      <figcaption class="hs-visually-hidden">
        <ul>
          {points.map((p) => (
            <li key={p.on}>{t('trend.point', { on: formatDay(p.on, lang), percent: p.percent ?? t('none') })}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
