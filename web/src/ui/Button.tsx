// SPDX-License-Identifier: AGPL-3.0-or-later
// Button: the one clickable action. Text comes from the caller (translated).
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class'> {
  variant?: ButtonVariant;
  block?: boolean;
  children: ComponentChildren;
}

export function buttonClass(variant: ButtonVariant = 'primary', block = false): string {
  return `hs-button hs-button--${variant}${block ? ' hs-button--block' : ''}`;
}

export function Button({ variant = 'primary', block = false, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} class={buttonClass(variant, block)}>
      {children}
    </button>
  );
}
