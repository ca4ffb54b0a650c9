// SPDX-License-Identifier: AGPL-3.0-or-later
// Solves the server's proof of work in the browser with Web Crypto: the
// smallest n such that SHA-256(salt + n) starts with `bits` zero bits
// (security/proof_of_work.h). Hashes in batches so the page stays
// responsive on an old phone.
const encoder = new TextEncoder();

function leadingZeroBits(hash: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    if ((hash[i >> 3]! & (0x80 >> (i & 7))) !== 0) return false;
  }
  return true;
}

export async function solvePow(salt: string, bits: number, signal?: AbortSignal): Promise<number> {
  const batch = 64;
  for (let start = 0; ; start += batch) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const hashes = await Promise.all(
      Array.from({ length: batch }, (_, i) => crypto.subtle.digest('SHA-256', encoder.encode(salt + String(start + i)))),
    );
    for (let i = 0; i < batch; i++) {
      if (leadingZeroBits(new Uint8Array(hashes[i]!), bits)) return start + i;
    }
  }
}
