// SPDX-License-Identifier: AGPL-3.0-or-later
// A labelled progress meter: a native <meter> for assistive technology and
// a bar drawn in CSS (widths are classes in 5% steps: no inline style under
// the CSP).
export interface MeterProps {
  label: string;
  detail: string;
  /** 0..100, or null when suppressed. */
  percent: number | null;
  /** Where the goal is, 0..100 (a tick on the bar). */
  goal?: number;
  met: boolean;
  metText: string;
  testId?: string;
}

export function step5(p: number): number {
  return Math.max(0, Math.min(100, Math.round(p / 5) * 5));
}

export function Meter({ label, detail, percent, goal, met, metText, testId }: MeterProps) {
  const value = percent ?? 0;
  return (
    <div class={`camp-meter${met ? ' camp-meter--met' : ''}`} data-testid={testId}>
      <div class="camp-meter__head">
        <span class="camp-meter__label">{label}</span>
        <span class="camp-meter__state">{metText}</span>
      </div>
      <meter class="hs-visually-hidden" min={0} max={100} value={value} aria-label={label} />
      <div class="camp-meter__bar" aria-hidden="true">
        <div class={`camp-meter__fill camp-w${step5(value)}`} />
        {goal !== undefined && <div class={`camp-meter__goal camp-l${step5(goal)}`} />}
      </div>
      <p class="camp-meter__detail">{detail}</p>
    </div>
  );
}
