// SPDX-License-Identifier: AGPL-3.0-or-later
#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace hotshop::http {

int64_t RateLimiter::Take(const std::string& key, int64_t now_ms, double cost) {
  if (rate_ <= 0) return 0;
  std::lock_guard<std::mutex> lock(mu_);
  if (now_ms - last_sweep_ms_ > 60'000) Sweep(now_ms);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = static_cast<double>(std::max<int64_t>(0, now_ms - b.at_ms)) / 1000.0;
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.at_ms = now_ms;
  }
  if (b.tokens >= cost) {
    b.tokens -= cost;
    return 0;
  }
  double wait = (cost - b.tokens) / rate_;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait)));
}

void RateLimiter::Refund(const std::string& key, double cost) {
  if (rate_ <= 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it != buckets_.end()) it->second.tokens = std::min(burst_, it->second.tokens + cost);
}

void RateLimiter::Sweep(int64_t now_ms) {
  last_sweep_ms_ = now_ms;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    double elapsed = static_cast<double>(now_ms - it->second.at_ms) / 1000.0;
    if (it->second.tokens + elapsed * rate_ >= burst_) it = buckets_.erase(it);
    else ++it;
  }
}

}  // namespace hotshop::http
