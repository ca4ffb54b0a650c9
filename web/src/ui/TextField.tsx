// SPDX-License-Identifier: AGPL-3.0-or-later
// TextField: a labelled input with an optional hint and error, both tied to
// the input by aria-describedby so screen readers announce them.
import { useId } from 'preact/hooks';

export interface TextFieldProps {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'url' | 'number';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'decimal' | 'search' | 'url';
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  minLength?: number;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string;
}

export function TextField({ label, value, onValue, hint, error, type = 'text', ...rest }: TextFieldProps) {
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
      <input
        {...rest}
        id={id}
        // Preact 11 types <input> as a union discriminated by `type`; a
        // variable type fits none of its members, hence the narrowing cast.
        type={type as 'text'}
        class="hs-input"
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
