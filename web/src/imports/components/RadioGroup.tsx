// SPDX-License-Identifier: AGPL-3.0-or-later
// A fieldset of native radio buttons, each with a one-line explanation tied
// to it (aria-describedby). The whole option is the touch target: the label
// holds both lines, and aria-labelledby keeps the name to the first.
import { useId } from 'preact/hooks';

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
}

export interface RadioGroupProps {
  name: string;
  legend: string;
  value: string;
  options: readonly RadioOption[];
  onValue: (value: string) => void;
}

export function RadioGroup({ name, legend, value, options, onValue }: RadioGroupProps) {
  const id = useId();
  return (
    <fieldset class="imp-radios">
      <legend class="imp-radios__legend">{legend}</legend>
      {options.map((o) => {
        const inputId = `${id}-${o.value}`;
        const textId = `${inputId}-text`;
        const hintId = o.hint ? `${inputId}-hint` : undefined;
        return (
          <div key={o.value} class={`imp-radio${o.value === value ? ' imp-radio--checked' : ''}`}>
            <input
              id={inputId}
              class="imp-radio__input"
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              aria-labelledby={textId}
              aria-describedby={hintId}
              onChange={() => onValue(o.value)}
            />
            <label class="imp-radio__label" for={inputId}>
              <span class="imp-radio__text" id={textId}>
                {o.label}
              </span>
              {o.hint && (
                <span class="imp-radio__hint" id={hintId}>
                  {o.hint}
                </span>
              )}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
