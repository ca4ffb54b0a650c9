// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/headers.h"

namespace hotshop::http {

void ApplySecurityHeaders(Response& res, bool cacheable) {
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Content-Type-Options", "nosniff");
  res.set(bhttp::field::strict_transport_security, "max-age=63072000; includeSubDomains");
  res.set("Permissions-Policy",
          "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set("X-Frame-Options", "DENY");
  res.set(bhttp::field::server, "hotshop");
  if (!cacheable) res.set(bhttp::field::cache_control, "no-store");
}

}  // namespace hotshop::http
