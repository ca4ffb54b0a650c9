// SPDX-License-Identifier: AGPL-3.0-or-later
// TextArea: a labelled multi-line input with an optional hint and error,
// tied to it by aria-describedby (like TextField).
import { useId } from 'preact/hooks';

export interface TextAreaProps {
  label: string;
  name: string;
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  rows?: number;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string;
}

export function TextArea({ label, value, onValue, hint, error, rows = 5, ...rest }: TextAreaProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`hs-field${error ? ' hs-field--invalid' : ''}`}>
      <label class="hs-field__label" for={id}>
        {label}
      </label>
      {hint && (
        <p class="hs-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea
        {...rest}
        id={id}
        rows={rows}
        class="hs-input hs-input--multiline"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {error && (
        <p class="hs-field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
