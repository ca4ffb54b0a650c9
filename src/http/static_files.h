// SPDX-License-Identifier: AGPL-3.0-or-later
// StaticFiles: serves the built web UI from one directory. Hashed assets
// (/assets/*) are cached for a year; index.html is revalidated every time so
// a new release shows at once. Unknown paths without a file extension are
// client routes and get index.html; unknown files are a problem+json 404.
//
// Thread rule: const after construction; files are read per request.
#pragma once

#include <optional>
#include <string>

#include "http/message.h"

namespace hotshop::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // nullopt when the request isn't for a static file (the caller 404s).
  std::optional<Response> Serve(const Request& req) const;
  bool available() const;

 private:
  std::string root_;
};

}  // namespace hotshop::http
