// SPDX-License-Identifier: AGPL-3.0-or-later
// Select: a labelled native <select> (native controls are the most usable on
// old phones and with screen readers).
import { useId } from 'preact/hooks';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps {
  label: string;
  name: string;
  required?: boolean;
  disabled?: boolean;
  value: string;
  options: readonly SelectOption[];
  onValue: (value: string) => void;
  hint?: string;
}

export function Select({ label, value, options, onValue, hint, ...rest }: SelectProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="hs-field">
      <label class="hs-field__label" for={id}>
        {label}
      </label>
      {hint && (
        <p class="hs-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <select
        {...rest}
        id={id}
        class="hs-input hs-select"
        value={value}
        aria-describedby={hintId}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
