// SPDX-License-Identifier: AGPL-3.0-or-later
// A horizontal bar chart in SVG: no script, no style attribute (CSP-clean),
// scales to the width of its container (360 px phones). Suppressed counts
// ("<5") draw no bar and show their label.
import type { Count } from '../api';

export interface Bar {
  label: string;
  value: Count;
  /** Text at the end of the bar (defaults to the value). */
  text?: string;
}

const kRow = 28;
const kLabelW = 120;
const kWidth = 340;

export function BarChart({ title, bars, testId }: { title: string; bars: Bar[]; testId: string }) {
  const numbers = bars.map((b) => (typeof b.value === 'number' ? b.value : 0));
  const max = Math.max(1, ...numbers);
  const height = Math.max(kRow, bars.length * kRow);
  return (
    <figure class="mv-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${kWidth} ${height}`} role="img" aria-label={title} class="mv-svg">
        {bars.map((b, i) => {
          const w = typeof b.value === 'number' ? Math.round(((kWidth - kLabelW - 50) * b.value) / max) : 0;
          const y = i * kRow;
          return (
            <g key={b.label} data-label={b.label} data-value={String(b.value)}>
              <text x={0} y={y + 18} class="mv-label">{b.label}</text>
              <rect x={kLabelW} y={y + 6} width={w} height={16} rx={3} class="mv-bar" />
              <text x={kLabelW + w + 4} y={y + 18} class="mv-value">{b.text ?? String(b.value)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
