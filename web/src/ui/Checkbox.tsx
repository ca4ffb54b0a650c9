// SPDX-License-Identifier: AGPL-3.0-or-later
// Checkbox: a native checkbox inside its label (the whole line is the 44 px
// touch target).
export interface CheckboxProps {
  label: string;
  name: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  disabled?: boolean;
}

export function Checkbox({ label, checked, onChecked, ...rest }: CheckboxProps) {
  return (
    <label class="hs-checkbox">
      <input
        {...rest}
        type="checkbox"
        class="hs-checkbox__input"
        checked={checked}
        onChange={(e) => onChecked(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
