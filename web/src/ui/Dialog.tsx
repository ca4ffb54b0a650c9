// SPDX-License-Identifier: AGPL-3.0-or-later
// Dialog: a modal <dialog> (the browser traps focus, Escape closes it and
// focus returns to where it was). Open while `open` is true; Escape or the
// backdrop's cancel calls onClose.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}

export function Dialog({ open, title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class="hs-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <div class="hs-dialog__body">
          <h2 class="hs-dialog__title" id={titleId}>
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** A row of dialog or form actions that wraps on phones. */
export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="hs-actions">{children}</div>;
}
