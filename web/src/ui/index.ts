// SPDX-License-Identifier: AGPL-3.0-or-later
// The shared component library. Components take already-translated text as
// props: ui/ holds no strings of its own.
import './ui.css';

export { Button, buttonClass } from './Button';
export type { ButtonProps, ButtonVariant } from './Button';
export { TextField } from './TextField';
export type { TextFieldProps } from './TextField';
export { TextArea } from './TextArea';
export type { TextAreaProps } from './TextArea';
export { Select } from './Select';
export type { SelectOption, SelectProps } from './Select';
export { Card } from './Card';
export { Banner } from './Banner';
export type { BannerTone } from './Banner';
export { Page, Stack } from './Page';
export { Table } from './Table';
export { Dialog, Actions } from './Dialog';
export type { DialogProps } from './Dialog';
export { Checkbox } from './Checkbox';
export { ConfirmDialog } from './ConfirmDialog';
export type { ConfirmDialogProps } from './ConfirmDialog';
export type { CheckboxProps } from './Checkbox';
export type { Column, TableProps } from './Table';
export { kProductName } from './brand';
