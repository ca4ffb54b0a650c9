// SPDX-License-Identifier: AGPL-3.0-or-later
// Phone: turns whatever a spreadsheet holds in a phone column into one E.164
// string, the key hotshop indexes and deduplicates phones by.
//
// Spec: ITU-T E.164 via Google libphonenumber (Debian 12: 8.12.57) and
// security-model.md §4 row 17: "(555) 010-0000" and "+1 555 010 0000" share
// one index entry; "+99999999999999999" is refused (400).
//
// Decision, 555 numbers: libphonenumber's metadata has no 555-01XX fictional
// range, and area code 555 is unassigned, so "(555) 010-0000" is not *valid*.
// hotshop's demo and test data use such numbers, and organizers' lists hold
// numbers the metadata lags behind, so a number is ACCEPTED when it is
// *possible* (right length for its country: IsPossibleNumberWithReason) and is
// returned with valid=false and type kUnknown; the importer reports those as a
// warning, not an error. Impossible numbers (bad country code, too short, too
// long, local-only without an area code, not a number, a NANP area code
// starting 0 or 1, more than E.164's 15 digits) are REJECTED, and so is input
// holding invisible format characters (U+202E can make "0010-555-312"
// display as "213-555-0100").
//
// Canonical form: the returned e164 always normalizes to itself (one number,
// one index key). libphonenumber alone does not promise that ("+5214451500980",
// Mexico's retired mobile "1", re-parses as "+524451500980"), so the library
// path re-parses its E.164 until it is a fixed point (at most twice; else the
// input is refused as "not a phone number").
//
// Speed: libphonenumber's Parse + GetNumberType cost 10-30 us per call
// (regex matching over every NANP region), too slow for a 1M-row import. Two
// exact shortcuts keep the common case near 0.1 us (measured: 0.09 us warm,
// ~1 us averaged over 1M numbers with 96k distinct 7-digit prefixes; other
// countries and odd spellings take the library path, 40-90 us):
//   1. NANP fast parse: for region US/CA (or a "+1" prefix), input made only of
//      digits, spaces and ( ) - . is parsed by hand into country code 1 plus a
//      10-digit national number; anything else goes to libphonenumber.
//      A test checks it against libphonenumber's Parse on generated inputs.
//   2. NANP validity memo: in the NANP metadata every number pattern fixes at
//      most the first 7 digits of the national number and leaves the rest
//      \d{3..7} (checked over all 25 NANP regions of metadata 8.12.57), so
//      valid/type depend only on those 7 digits. Results are memoised in a
//      10^7-entry byte table (10 MB virtual, pages touched on use), filled by
//      libphonenumber on first sight. A test checks the memo against direct
//      calls. Re-check the 7-digit claim when the metadata is upgraded.
//
// Thread rule: all functions are safe from any thread. libphonenumber's
// PhoneNumberUtil singleton is thread-safe; the memo uses relaxed atomics and
// idempotent writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace hotshop::io {

enum class PhoneType : uint8_t {
  kUnknown,            // invalid, or a type the metadata does not know
  kMobile,
  kFixedLine,
  kFixedLineOrMobile,  // NANP numbers: the metadata cannot tell
  kTollFree,
  kPremiumRate,
  kVoip,
  kOther,              // shared cost, personal, pager, UAN, voicemail
};

// "mobile", "fixed_line", "fixed_line_or_mobile", ... Never fails.
std::string_view PhoneTypeName(PhoneType type);

struct E164Phone {
  std::string e164;       // "+15550100000": '+' and at most 15 digits
  PhoneType type = PhoneType::kUnknown;
  bool valid = false;     // true iff libphonenumber's IsValidNumber holds
  std::string extension;  // digits after "x"/"ext", else empty
};

// Normalizes `raw` (as typed in a spreadsheet) to E.164, reading numbers
// without a country code as numbers of `default_region` (ISO 3166 alpha-2).
// Fails with kInvalidInput on field "phone" when `raw` is empty, over 64
// bytes, holds control or format (bidi) characters, is not a phone number, has an unknown
// country code, or is not a possible length for its country; on field
// "default_region" when the region is unknown and `raw` has no "+". Error
// messages never repeat `raw`. Possible-but-invalid numbers succeed with
// valid=false (see the 555 decision above).
Result<E164Phone> NormalizePhone(std::string_view raw,
                                 std::string_view default_region = "US");

namespace internal {
// NormalizePhone without the two shortcuts: libphonenumber only. For tests
// and the fuzzer, which check that both paths agree. Same contract.
Result<E164Phone> NormalizePhoneSlow(std::string_view raw,
                                     std::string_view default_region);
}  // namespace internal

}  // namespace hotshop::io
