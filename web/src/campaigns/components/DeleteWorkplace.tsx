// SPDX-License-Identifier: AGPL-3.0-or-later
// Deleting an employer, worksite, unit, department, shift or job class
// (docs/api.md "Campaign workplace", Deleting). One confirm dialog and one
// outcome banner per screen: the screen shows a Delete button per object
// (DeleteButton) to those who may edit the workplace, and places the banner
// above its list. Answers:
//   204 -> the screen drops the object (onDeleted) and says so;
//   409 -> the server's detail verbatim: it names what still refers to the
//          object and what to do first, written for people (the one place
//          this feature shows server text; docs/api.md); nothing changed;
//   412 -> someone changed it since the screen loaded: say so and reload;
//   else -> the translated problem.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, ConfirmDialog, type BannerTone } from '../../ui';
import { deleteWorkplaceObject, type WorkplaceObject } from '../api';
import { messages } from '../l10n/messages';
import { useOrg } from '../state';
import { useProblemText } from './ProblemBanner';

export type DeleteKind = 'employer' | 'worksite' | 'unit' | 'department' | 'shift' | 'job_class';

export interface DeleteTarget {
  kind: DeleteKind;
  id: string;
  name: string;
  /** The version the screen shows; sent as If-Match. */
  version: number;
}

const kPath: Record<DeleteKind, WorkplaceObject> = {
  employer: 'employers',
  worksite: 'worksites',
  unit: 'units',
  department: 'areas',
  shift: 'areas',
  job_class: 'areas',
};

interface Outcome {
  tone: BannerTone;
  title: string;
  detail?: string;
}

export interface WorkplaceDelete {
  /** Opens the confirm dialog for target. */
  ask: (target: DeleteTarget) => void;
  /** The outcome banner (nothing until an answer). */
  banner: JSX.Element | null;
  /** The confirm dialog; render once anywhere on the screen. */
  dialog: JSX.Element;
}

export function useWorkplaceDelete({
  onDeleted,
  onStale,
}: {
  onDeleted: (target: DeleteTarget) => void;
  onStale: (target: DeleteTarget) => void;
}): WorkplaceDelete {
  const t = useMessages(messages);
  const org = useOrg();
  const problemText = useProblemText();
  const [target, setTarget] = useState<DeleteTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) bannerRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome]);

  const ask = (x: DeleteTarget) => {
    setOutcome(null);
    setTarget(x);
  };
  const confirm = async () => {
    if (!target || busy) return;
    const x = target;
    setBusy(true);
    const r = await deleteWorkplaceObject(org, kPath[x.kind], x.id, x.version);
    setBusy(false);
    setTarget(null);
    if (r.ok) {
      setOutcome({ tone: 'success', title: t('delete.done', { name: x.name }) });
      onDeleted(x);
      return;
    }
    const p = r.problem;
    if (p.status === 409 && p.detail) {
      setOutcome({ tone: 'error', title: t('delete.refused', { name: x.name }), detail: p.detail });
    } else if (p.status === 412) {
      setOutcome({ tone: 'warning', title: t('delete.stale', { name: x.name }) });
      onStale(x);
    } else if (p.status === 404) {
      setOutcome({ tone: 'warning', title: t('delete.gone', { name: x.name }) });
      onStale(x);
    } else {
      setOutcome({ tone: 'error', title: problemText(p) });
    }
  };

  const banner = outcome ? (
    <div ref={bannerRef} data-testid="delete-outcome" data-tone={outcome.tone}>
      <Banner tone={outcome.tone} title={outcome.title}>
        {outcome.detail && <p data-testid="delete-detail">{outcome.detail}</p>}
      </Banner>
    </div>
  ) : null;
  const dialog = (
    <ConfirmDialog
      open={target !== null}
      title={target ? t(`delete.title.${target.kind}`, { name: target.name }) : ''}
      body={target ? t(`delete.body.${target.kind}`, { name: target.name }) : ''}
      confirmLabel={t('delete.confirm')}
      cancelLabel={t('cancel')}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={() => !busy && setTarget(null)}
    />
  );
  return { ask, banner, dialog };
}

/** The Delete button of one object; shown only to those who may edit. */
export function DeleteButton({ name, onClick }: { name: string; onClick: () => void }) {
  const t = useMessages(messages);
  return (
    <Button variant="quiet" name="delete" aria-label={t('delete.button', { name })} onClick={onClick}>
      {t('delete.label')}
    </Button>
  );
}
