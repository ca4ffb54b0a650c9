// SPDX-License-Identifier: AGPL-3.0-or-later
// ConnectionPool<C>: a fixed set of connections handed to one thread at a time.
//
// Thread rule: Acquire/Release may be called from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace hotshop::store {

template <typename C>
class ConnectionPool {
 public:
  void Add(std::unique_ptr<C> c) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(c));
    cv_.notify_one();
  }

  // Blocks until a connection is free.
  std::unique_ptr<C> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty(); });
    std::unique_ptr<C> c = std::move(idle_.back());
    idle_.pop_back();
    return c;
  }

  void Release(std::unique_ptr<C> c) { Add(std::move(c)); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<C>> idle_;
};

// Returns the connection to its pool when the guard goes out of scope.
template <typename C>
class PooledConnection {
 public:
  explicit PooledConnection(ConnectionPool<C>& pool) : pool_(pool), c_(pool.Acquire()) {}
  ~PooledConnection() {
    if (c_) pool_.Release(std::move(c_));
  }
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;
  C& operator*() { return *c_; }
  C* operator->() { return c_.get(); }
  // Drops a broken connection instead of returning it; the caller replaces it.
  std::unique_ptr<C> Take() { return std::move(c_); }

 private:
  ConnectionPool<C>& pool_;
  std::unique_ptr<C> c_;
};

}  // namespace hotshop::store
