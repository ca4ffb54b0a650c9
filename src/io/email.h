// SPDX-License-Identifier: AGPL-3.0-or-later
// Email: one canonical spelling of an email address, a dedupe key, and the
// "this is their work address" check.
//
// Spec: address syntax is a conservative subset of RFC 5321/5322 (dot-atom
// local part, host-name domain), widened for internationalized addresses
// (RFC 6531/6532: UTF-8 in both parts). Normalization is Unicode NFKC (UAX #15,
// via ICU), as security-model.md §4 row 16 asks, so full-width and compatibility
// characters collapse ("ｊｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ" -> "joe@example.com").
// Refused on purpose, each with its own message: quoted local parts, IP-literal
// domains, display names ("Ann <a@b.org>"), whitespace, control and
// bidi/format characters (U+202E and friends), single-label domains.
// The stored address keeps the local part's case (RFC 5321 says it may
// matter); the dedupe key lowercases it too, because in practice it never does.
//
// Thread rule: pure functions; safe from any thread (ICU's normalizer
// singleton is thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace hotshop::io {

// Trims, NFKC-normalizes, strips a "mailto:" prefix, lowercases the domain
// and checks the syntax. Returns the address to store and send to.
// Fails with kInvalidInput on field "email" with a message that says what is
// wrong (never repeating the input). ASCII input never touches ICU.
Result<std::string> NormalizeEmail(std::string_view raw);

// NormalizeEmail with the local part lowercased as well: two addresses with
// equal keys are one person's. Same failures as NormalizeEmail.
Result<std::string> EmailDedupeKey(std::string_view raw);

// True when `email`'s domain is `employer_domain` or a subdomain of it
// ("ann@mail.acme.com" vs "acme.com"), ignoring ASCII case, a leading "@",
// "www." or "http(s)://", and a trailing "." or "/". Used to warn that a
// worker's contact email is an employer-controlled (monitored) address.
// False when either side is empty or `email` has no '@'. Never fails.
bool SameDomain(std::string_view email, std::string_view employer_domain);

}  // namespace hotshop::io
