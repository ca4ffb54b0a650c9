// SPDX-License-Identifier: AGPL-3.0-or-later
// Structure-test results against target, the trend across tests and the
// threshold to go public (R21). Counts only.
import { useLanguage, useMessages } from '../../i18n/hooks';
import type { StructureTest, StructureTests, TestGroup } from '../api';
import { countText, formatDay, languageName, percentText } from '../format';
import { messages } from '../l10n/messages';
import { TrendChart } from './TrendChart';

export function useGroupName(): (g: Pick<TestGroup, 'kind' | 'name'>) => string {
  const t = useMessages(messages);
  return (g) => {
    const kind = t(`tests.groupKind.${g.kind}`);
    if (g.kind === 'unit') return kind;
    const name = g.kind === 'language' ? languageName(g.name, t) : g.name || t('none');
    return `${kind}: ${name}`;
  };
}

export function TestResult({ test }: { test: StructureTest }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const groupName = useGroupName();
  const r = test.result;
  return (
    <div class="camp-test" data-testid={`test-${test.id}`}>
      <h4 class="camp-h4">
        {t(`tests.kinds.${test.kind}`)}
        {test.name ? ` · ${test.name}` : ''} · {formatDay(test.held_on, lang)}
      </h4>
      {r && (
        <>
          <p data-testid="test-result">
            {t('tests.result', {
              participated: countText(r.unit.participated, t),
              members: countText(r.unit.members, t),
              percent: percentText(r.unit.percent, t),
              target: `${test.target_percent}% (${r.unit.target})`,
            })}{' '}
            <strong class={r.met ? 'camp-ok' : 'camp-warn'}>{r.met ? t('tests.met') : t('tests.notMet')}</strong>
          </p>
          {r.uncovered.length > 0 && (
            <div data-testid="test-uncovered">
              <h5 class="camp-h5">{t('tests.uncovered')}</h5>
              <ul class="camp-list">
                {r.uncovered.map((g) => (
                  <li key={`${g.kind}|${g.name}`}>{groupName(g)}</li>
                ))}
              </ul>
            </div>
          )}
          {r.groups.length > 0 && (
            <details class="camp-details">
              <summary>{t('tests.groups')}</summary>
              <ul class="camp-list">
                {r.groups.map((g) => (
                  <li key={`${g.kind}|${g.name}`} class={g.met ? 'camp-check--ok' : 'camp-check--no'}>
                    {groupName(g)}:{' '}
                    {t('tests.result', {
                      participated: countText(g.participated, t),
                      members: countText(g.members, t),
                      percent: percentText(g.percent, t),
                      target: g.target,
                    })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {test.targets_without_members.length > 0 && (
        <p class="hs-muted">
          {t('tests.withoutMembers', { list: test.targets_without_members.map((g) => groupName(g)).join(', ') })}
        </p>
      )}
    </div>
  );
}

export function TestsSummary({ tests }: { tests: StructureTests }) {
  const t = useMessages(messages);
  if (tests.tests.length === 0) return null;
  const latest = tests.tests[tests.tests.length - 1]!;
  return (
    <section class="camp-section" data-testid="tests-summary">
      <h3 class="camp-h3">{t('dashboard.tests')}</h3>
      <TestResult test={latest} />
      {tests.go_public && (
        <p class={tests.go_public.met ? 'camp-ok' : ''}>
          {tests.go_public.met
            ? t('tests.goPublicMet')
            : t('tests.goPublic', {
                threshold: tests.go_public.threshold_percent,
                participated: countText(tests.go_public.participated, t),
                needed: tests.go_public.needed,
              })}
        </p>
      )}
      {tests.trend.length > 1 && (
        <>
          <h4 class="camp-h4">{t('tests.trend')}</h4>
          <TrendChart points={tests.trend.map((p) => ({ on: p.held_on, percent: p.percent }))} title={t('tests.trend')} />
        </>
      )}
    </section>
  );
}
