// SPDX-License-Identifier: AGPL-3.0-or-later
// The product name: a proper noun, the same in every language.
export const kProductName = 'hotshop';
