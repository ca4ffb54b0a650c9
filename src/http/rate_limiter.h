// SPDX-License-Identifier: AGPL-3.0-or-later
// RateLimiter: token buckets by key (a client address, an account, "global").
// Keys live only in memory and only as long as their bucket is not full, so
// the limiter remembers no one longer than it must.
//
// Thread rule: all methods are safe from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hotshop::http {

class RateLimiter {
 public:
  // rate_per_sec <= 0 disables the limiter (every Take succeeds).
  RateLimiter(double rate_per_sec, double burst) : rate_(rate_per_sec), burst_(burst) {}

  // Takes one token from key's bucket at time now_ms. Returns 0 when taken,
  // else the seconds to wait before a token is available (Retry-After).
  int64_t Take(const std::string& key, int64_t now_ms, double cost = 1.0);
  // Gives back tokens taken for a request that turned out not to count.
  void Refund(const std::string& key, double cost = 1.0);

 private:
  struct Bucket {
    double tokens;
    int64_t at_ms;
  };
  void Sweep(int64_t now_ms);

  double rate_;
  double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  int64_t last_sweep_ms_ = 0;
};

}  // namespace hotshop::http
