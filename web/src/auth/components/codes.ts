// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared input rules for passwords and second-factor codes.

/** Password length cap (security model: deny > 128, ASVS 2.1.2). */
export const kMaxPasswordLength = 128;
/** Minimum length of a new password (docs/api.md). */
export const kMinPasswordLength = 12;

/** A 6-digit TOTP code or a recovery code xxxx-xxxx-xxxx, as typed with
 * spaces dropped (people copy "123 456"); the server ignores case and dashes. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/** Length in characters (code points), as the server counts them. */
export function passwordLength(password: string): number {
  return [...password].length;
}
