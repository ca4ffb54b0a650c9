// SPDX-License-Identifier: AGPL-3.0-or-later
// RULE R38: is this "safe" email on the employer's domain? Mirrors
// src/core/work_email.cpp (the server flags the request the same way) so
// the page can warn as the worker types.
export type WorkEmail = 'personal' | 'work_like' | 'employer';

const kPersonal = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.com.mx', 'ymail.com', 'hotmail.com', 'hotmail.es',
  'outlook.com', 'outlook.es', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me',
  'protonmail.com', 'pm.me', 'gmx.com', 'gmx.us', 'mail.com', 'zoho.com', 'yandex.com', 'tutanota.com', 'tuta.io',
  'fastmail.com', 'prodigy.net.mx', 'comcast.net',
]);

const kGeneric = new Set([
  'the', 'and', 'inc', 'llc', 'corp', 'company', 'group', 'hotel', 'hotels', 'services', 'service', 'store',
  'stores', 'market', 'foods', 'food', 'restaurant', 'center', 'international', 'holdings', 'usa', 'co',
]);

function siteDomain(site: string): string {
  let s = site.trim().toLowerCase();
  const scheme = s.indexOf('://');
  if (scheme >= 0) s = s.slice(scheme + 3);
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.split(/[/?#: ]/)[0] ?? '';
  if (s.startsWith('www.')) s = s.slice(4);
  return s.replace(/\.+$/, '');
}

function mainLabel(domain: string): string {
  const labels = domain.split('.');
  if (labels.length < 2) return labels[0] ?? '';
  let idx = labels.length - 2;
  const sl = labels[idx]!;
  if (idx > 0 && labels[labels.length - 1]!.length === 2 && ['co', 'com', 'org', 'net', 'gob'].includes(sl)) idx--;
  return labels[idx]!;
}

const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function checkWorkEmail(email: string, employer: string, employerSite = ''): WorkEmail {
  const at = email.lastIndexOf('@');
  if (at < 0) return 'personal';
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.+$/, '');
  if (!domain) return 'personal';
  const site = siteDomain(employerSite);
  if (site && (domain === site || domain.endsWith(`.${site}`))) return 'employer';
  if (kPersonal.has(domain)) return 'personal';
  const label = compact(mainLabel(domain));
  const name = compact(employer);
  if (
    label.length >= 3 &&
    name &&
    (label === name || (name.length >= 4 && label.includes(name)) || (label.length >= 4 && name.includes(label)))
  ) {
    return 'employer';
  }
  const words = employer
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !kGeneric.has(w));
  if (words.some((w) => label.includes(w))) return 'employer';
  return 'work_like';
}
