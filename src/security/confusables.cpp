// SPDX-License-Identifier: AGPL-3.0-or-later
#include "security/confusables.h"

#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <string>

namespace hotshop::security {

Status CheckNotConfusable(std::string_view id, std::string_view field) {
  std::string f(field);
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) return Error::InvalidInput(f, f + " contains a control character");
  }
  // Zero-width and bidi characters render as nothing, or reorder text.
  for (int32_t i = 0, n = static_cast<int32_t>(id.size()); i < n;) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(id.data()), i, n, c);
    if (c < 0) return Error::InvalidInput(f, f + " is not valid text");
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL)) {
      return Error::InvalidInput(f, f + " contains an invisible or direction-changing character");
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  USpoofChecker* sc = uspoof_open(&status);
  if (U_FAILURE(status)) return Error::Internal("the look-alike checker could not start");
  uspoof_setRestrictionLevel(sc, USPOOF_HIGHLY_RESTRICTIVE);
  uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE | USPOOF_MIXED_NUMBERS, &status);
  int32_t result = uspoof_checkUTF8(sc, id.data(), static_cast<int32_t>(id.size()), nullptr, &status);
  uspoof_close(sc);
  if (U_FAILURE(status)) return Error::InvalidInput(f, f + " is not valid text");
  if (result != 0) {
    return Error::InvalidInput(f, f + " mixes alphabets or hides characters, so it could pass for someone else's; "
                                      "type it in one alphabet");
  }
  return Ok();
}

}  // namespace hotshop::security
