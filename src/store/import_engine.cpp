// SPDX-License-Identifier: AGPL-3.0-or-later
#include "store/import_engine.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "io/csv_reader.h"
#include "io/import_report.h"
#include "io/phone.h"
#include "security/blind_index.h"
#include "security/field_cipher.h"
#include "security/keyring.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/import_row.h"

namespace hotshop::store {
namespace {

using io::ImportAction;

// Bloom filter: 3 probes, ~32 bits per expected key (a false candidate ~1e-4
// of the time), from 128 KiB up to 2^27 bits = 16 MiB (4M keys: 2M rows with
// a phone and an external id, at ~1e-4). Expected keys: three per person
// already in the org, and per line of the file one per key column the
// mapping has (phone, email, external id).
constexpr unsigned kBloomMinLog2Bits = 20;
constexpr unsigned kBloomMaxLog2Bits = 27;
constexpr size_t kPreloadPage = 20000;
// Batches in flight between the reader and the writer, per worker.
constexpr size_t kInFlightPerWorker = 3;
// Subkey of the org's index root that keys the file hash (imports.file_hash).
constexpr uint64_t kFileHashSubkey = 1;
constexpr char kFileHashContext[] = "importfh";

enum KeyKind : uint64_t { kKeyPhone = 1, kKeyEmail = 2, kKeyExternalId = 3 };

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Remembers which blind indexes may exist in the org. No false negatives:
// a key never added is reported absent, so its row needs no lookup.
class BloomFilter {
 public:
  // Sized for `expected_keys`, within [2^kBloomMinLog2Bits, 2^kBloomMaxLog2Bits].
  explicit BloomFilter(uint64_t expected_keys) {
    unsigned log2 = kBloomMinLog2Bits;
    while (log2 < kBloomMaxLog2Bits && (uint64_t{1} << log2) < 32 * expected_keys) ++log2;
    mask_ = (uint64_t{1} << log2) - 1;
    words_ = size_t{1} << (log2 - 6);
    bits_ = static_cast<uint64_t*>(std::calloc(words_, sizeof(uint64_t)));
    if (!bits_) throw std::bad_alloc();
  }
  ~BloomFilter() { std::free(bits_); }
  BloomFilter(const BloomFilter&) = delete;
  BloomFilter& operator=(const BloomFilter&) = delete;

  void Add(KeyKind kind, uint32_t bidx) {
    uint64_t h = Mix((static_cast<uint64_t>(kind) << 32) | bidx), step = Mix(h) | 1;
    for (int i = 0; i < 3; ++i, h += step) bits_[(h & mask_) >> 6] |= uint64_t{1} << (h & 63);
  }
  bool MayContain(KeyKind kind, uint32_t bidx) const {
    uint64_t h = Mix((static_cast<uint64_t>(kind) << 32) | bidx), step = Mix(h) | 1;
    for (int i = 0; i < 3; ++i, h += step) {
      if ((bits_[(h & mask_) >> 6] & (uint64_t{1} << (h & 63))) == 0) return false;
    }
    return true;
  }

 private:
  uint64_t mask_ = 0;
  size_t words_ = 0;
  uint64_t* bits_ = nullptr;
};

// --- the pipeline: reader thread -> sealing workers -> writer (caller) ---

struct Batch {
  uint64_t seq = 0;
  std::string buf;              // every cell of every record, back to back
  std::vector<uint32_t> ends;   // end offset of each cell in buf
  std::vector<RawRecord> recs;
  std::vector<uint32_t> first_cell;  // per record: index into ends
  std::vector<uint32_t> ncells;
  std::vector<ImportRow> rows;  // prepared, one per record
  uint64_t bytes_done = 0;      // bytes of the file the reader had consumed after this batch
};

class Pipeline {
 public:
  Pipeline(io::CsvReader reader, const RowPreparer& prep, int workers, uint64_t skip_rows, size_t batch_rows,
           int64_t now_ms)
      : reader_(std::move(reader)),
        prep_(prep),
        skip_rows_(skip_rows),
        batch_rows_(batch_rows),
        now_ms_(now_ms),
        max_in_flight_(kInFlightPerWorker * static_cast<size_t>(workers) + 1) {
    threads_.emplace_back([this] { ReadLoop(); });
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { WorkLoop(); });
  }
  ~Pipeline() { Stop(); }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Workers stop sealing rows (atomic mode after a rejected row: only the
  // report is still wanted).
  void StopSealing() { seal_.store(false); }

  // Gives a batch the writer is done with back to the reader, which refills
  // it: its buffers and rows keep their capacity, so a steady import
  // allocates (and the writer frees) almost nothing per row.
  void Recycle(std::unique_ptr<Batch> b) {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < max_in_flight_) free_.push_back(std::move(b));
  }

  // The next batch in file order; nullptr after the last. Fails with the
  // reader's error, or kInternal if a worker threw.
  Result<std::unique_ptr<Batch>> Next() {
    auto started = std::chrono::steady_clock::now();
    struct Timer {
      std::chrono::steady_clock::time_point t;
      double& total;
      ~Timer() { total += std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count(); }
    } timer{started, wait_seconds_};
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return error_ || done_.count(next_seq_) || (read_done_ && next_seq_ == batches_read_); });
    if (error_) return *error_;
    auto it = done_.find(next_seq_);
    if (it == done_.end()) return std::unique_ptr<Batch>();
    std::unique_ptr<Batch> b = std::move(it->second);
    done_.erase(it);
    ++next_seq_;
    --in_flight_;
    cv_.notify_all();
    return b;
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

  double wait_seconds() const { return wait_seconds_; }

 private:
  void Fail(Error e) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_) error_ = std::move(e);
    cv_.notify_all();
  }

  void ReadLoop() {
    io::CsvRecord rec;
    IdSequence ids;
    uint64_t seq = 0;
    bool eof = false;
    while (!eof) {
      std::unique_ptr<Batch> b;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!free_.empty()) {
          b = std::move(free_.back());
          free_.pop_back();
        }
      }
      if (!b) b = std::make_unique<Batch>();
      b->seq = seq;
      b->buf.clear();
      b->ends.clear();
      b->first_cell.clear();
      b->ncells.clear();
      size_t n = 0;
      while (n < batch_rows_) {
        Result<bool> more = reader_.Next(rec);
        if (!more) {
          Fail(Error::InvalidInput("file", "cannot read the file: " + more.error().message()));
          return;
        }
        if (!*more) {
          eof = true;
          break;
        }
        if (rec.row() <= skip_rows_) continue;
        if (n == b->recs.size()) b->recs.emplace_back();
        RawRecord& r = b->recs[n++];
        r.id = ids.Next(NowMillis());
        r.line = rec.line();
        r.row = rec.row();
        r.issues = rec.issues();
        r.damaged = false;
        r.describe.clear();
        if (r.issues != 0) {
          r.damaged = rec.damaged();
          r.describe = rec.Describe();
        }
        r.all_empty = rec.AllEmpty();
        r.expected_fields = rec.expected_fields();
        b->first_cell.push_back(static_cast<uint32_t>(b->ends.size()));
        b->ncells.push_back(static_cast<uint32_t>(rec.size()));
        for (size_t i = 0; i < rec.size(); ++i) {
          std::string_view c = rec[i];
          b->buf.append(c.data(), c.size());
          b->ends.push_back(static_cast<uint32_t>(b->buf.size()));
        }
      }
      b->recs.resize(n);
      if (b->recs.empty()) break;
      b->bytes_done = reader_.stats().bytes_read;
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || in_flight_ < max_in_flight_; });
      if (stop_) return;
      todo_.push_back(std::move(b));
      ++in_flight_;
      ++seq;
      batches_read_ = seq;
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    read_done_ = true;
    batches_read_ = seq;
    cv_.notify_all();
  }

  void WorkLoop() {
    RandomPool rng;
    std::vector<std::string_view> cells;
    for (;;) {
      std::unique_ptr<Batch> b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || error_ || !todo_.empty() || read_done_; });
        if (stop_ || error_) return;
        if (todo_.empty()) return;  // read_done_ and nothing left
        b = std::move(todo_.front());
        todo_.pop_front();
      }
      try {
        const bool seal = seal_.load();
        b->rows.resize(b->recs.size());
        for (size_t i = 0; i < b->recs.size(); ++i) {
          cells.clear();
          uint32_t begin = b->first_cell[i] == 0 ? 0 : b->ends[b->first_cell[i] - 1];
          for (uint32_t c = 0; c < b->ncells[i]; ++c) {
            uint32_t end = b->ends[b->first_cell[i] + c];
            cells.emplace_back(b->buf.data() + begin, end - begin);
            begin = end;
          }
          prep_.Prepare(b->recs[i], cells, seal, now_ms_, rng, b->rows[i]);
        }
      } catch (const std::exception& e) {
        Fail(Error::Internal(std::string("import worker: ") + e.what()));
        return;
      }
      std::lock_guard<std::mutex> lock(mu_);
      done_[b->seq] = std::move(b);
      cv_.notify_all();
    }
  }

  io::CsvReader reader_;
  const RowPreparer& prep_;
  const uint64_t skip_rows_;
  const size_t batch_rows_;
  const int64_t now_ms_;
  const size_t max_in_flight_;
  std::atomic<bool> seal_{true};
  double wait_seconds_ = 0;  // writer thread only

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> todo_;
  std::map<uint64_t, std::unique_ptr<Batch>> done_;
  std::vector<std::unique_ptr<Batch>> free_;  // Recycle()d, for the reader
  size_t in_flight_ = 0;
  uint64_t next_seq_ = 0;
  uint64_t batches_read_ = 0;
  bool read_done_ = false;
  bool stop_ = false;
  std::optional<Error> error_;
  std::vector<std::thread> threads_;
};

// --- the report: rate-limited warnings, buffered until a commit ---

struct ReportEntry {
  uint64_t line;
  std::string column;
  std::string problem;
  std::string value;
  ImportAction action;
};

// Warnings of one kind and action past max_per_kind are only counted (a file
// where every row has the same warning reports it max_per_kind times, then
// one summary line), and they are dropped as they arrive, not at Emit: the
// writer does not copy a hundred thousand notes it will never print.
class Reporter {
 public:
  Reporter(io::ImportReportWriter* out, size_t max_per_kind) : out_(out), max_per_kind_(max_per_kind) {}

  // kind 0: never capped. Rejections are never capped either.
  void Add(uint64_t line, std::string_view column, std::string_view problem, std::string_view value,
           ImportAction action, uint32_t kind) {
    if (action != ImportAction::kRejected && kind != 0 && !problem.empty()) ++warnings_;
    if (!out_) return;
    if (kind != 0 && action != ImportAction::kRejected) {
      Capped& c = capped_[{kind, action}];
      if (c.emitted + c.pending++ >= max_per_kind_) {
        if (c.problem.empty()) {
          c.problem.assign(problem);
          c.column.assign(column);
        }
        return;
      }
    }
    pending_.push_back(ReportEntry{line, std::string(column), std::string(problem), std::string(value), action});
  }
  // Drops what was added since the last Emit (a transaction rolled back).
  void Discard() {
    pending_.clear();
    for (auto& [key, c] : capped_) c.pending = 0;
    warnings_ = emitted_warnings_;
  }
  Status Emit() {
    emitted_warnings_ = warnings_;
    for (auto& [key, c] : capped_) {
      c.emitted += c.pending;
      c.pending = 0;
    }
    if (!out_) return Ok();
    for (ReportEntry& e : pending_) {
      if (Status s = out_->Add(e.line, e.column, e.problem, e.value, e.action); !s) return s;
    }
    pending_.clear();
    return Ok();
  }
  Status Finish() {
    if (Status s = Emit(); !s) return s;
    if (!out_) return Ok();
    for (const auto& [key, c] : capped_) {
      if (c.emitted <= max_per_kind_) continue;
      std::string problem = "... and " + std::to_string(c.emitted - max_per_kind_) +
                            " more rows like the ones above: " + c.problem;
      if (Status s = out_->Add(0, c.column, problem, "", key.second); !s) return s;
    }
    return out_->Finish();
  }
  uint64_t warnings() const { return warnings_; }

 private:
  struct Capped {
    size_t emitted = 0, pending = 0;  // entries seen, up to the last Emit / since
    std::string problem, column;      // of the first entry past the cap
  };
  io::ImportReportWriter* out_;
  size_t max_per_kind_;
  std::vector<ReportEntry> pending_;
  std::map<std::pair<uint32_t, ImportAction>, Capped> capped_;
  uint64_t warnings_ = 0, emitted_warnings_ = 0;
};

// --- the writer: dedupe decisions, multi-row inserts, merges ---

struct Counts {
  uint64_t rows = 0, created = 0, updated = 0, skipped = 0, rejected = 0, suggested = 0;
  void operator+=(const Counts& o) {
    rows += o.rows;
    created += o.created;
    updated += o.updated;
    skipped += o.skipped;
    rejected += o.rejected;
    suggested += o.suggested;
  }
};

// A person already in the org (or written earlier in this run), decrypted.
struct Existing {
  std::string id;
  int64_t version = 0;
  int64_t created_at_ms = 0;
  std::string name, phone, email, address, preferred_language;
  Details details;
  std::string blobs[5];  // name, phone, email, address, details as stored
};

constexpr const char* kBlobColumns[5] = {"name", "phone", "email", "address", "details"};

class Writer {
 public:
  Writer(const RowPreparer& prep, const OrgKeys& org_keys, DuplicatePolicy policy, int64_t now_ms,
         BloomFilter& bloom, Reporter& report)
      : prep_(prep), keys_(org_keys), policy_(policy), now_ms_(now_ms), bloom_(bloom), report_(report) {}

  // Turns off writes for the rest of the run (atomic mode after a rejection).
  void StopWriting() { writing_ = false; }
  // Forgets a transaction that rolled back: its unflushed rows and counts.
  void Reset() {
    pending_.clear();
    counts_ = Counts{};
  }
  bool writing() const { return writing_; }
  Counts& counts() { return counts_; }

  // Processes one batch's rows in order; flushes its inserts before returning.
  Status Process(Tx& tx, Batch& batch) {
    for (ImportRow& row : batch.rows) {
      if (Status s = ProcessRow(tx, row); !s) return s;
    }
    return Flush(tx);
  }

  // The rows queued since the last flush, in one Tx::BulkInsert: on SQLite
  // one prepared single-row INSERT per row with the values bound in place
  // (a multi-row INSERT needs a statement journal and measured no faster);
  // on PostgreSQL one INSERT ... SELECT FROM unnest of binary arrays per
  // batch (COPY is refused under row-level security).
  Status Flush(Tx& tx) {
    if (pending_.empty()) return Ok();
    static constexpr std::string_view kColumns[] = {
        "org_id",   "created_at_ms", "updated_at_ms", "version",  "id",      "name_ct",          "phone_ct",
        "phone_bidx", "email_ct",    "email_bidx",    "address_ct", "details_ct", "external_id_bidx",
        "preferred_language"};
    auto bytes = [](const std::string& b) { return b.empty() ? BulkValue::Null() : BulkValue::Bytes(b); };
    auto idx = [](const std::optional<uint32_t>& i) {
      return i ? BulkValue::Int(static_cast<int64_t>(*i)) : BulkValue::Null();
    };
    values_.clear();
    for (const ImportRow* r : pending_) {
      values_.insert(values_.end(),
                     {BulkValue::Uuid(prep_.org_id()), BulkValue::Int(now_ms_), BulkValue::Int(now_ms_),
                      BulkValue::Int(1), BulkValue::Uuid(r->id), BulkValue::Bytes(r->name_ct), bytes(r->phone_ct),
                      idx(r->phone_bidx), bytes(r->email_ct), idx(r->email_bidx), bytes(r->address_ct),
                      bytes(r->details_ct), idx(r->external_id_bidx), BulkValue::Text(r->preferred_language)});
    }
    Result<int64_t> n = tx.BulkInsert("people", kColumns, values_);
    const size_t want = pending_.size();
    pending_.clear();
    if (!n) return n.error();
    if (static_cast<size_t>(*n) != want) return Error::Internal("import: a batch insert lost rows");
    return Ok();
  }

 private:
  void AddKeys(const ImportRow& r) {
    if (r.phone_bidx) bloom_.Add(kKeyPhone, *r.phone_bidx);
    if (r.email_bidx) bloom_.Add(kKeyEmail, *r.email_bidx);
    if (r.external_id_bidx) bloom_.Add(kKeyExternalId, *r.external_id_bidx);
  }

  void ReportNotes(const ImportRow& row, ImportAction action) {
    for (const RowNote& n : row.notes) {
      report_.Add(row.line, n.column, n.problem, n.value, action, n.rejects ? 0u : n.kind);
    }
  }

  Status ProcessRow(Tx& tx, const ImportRow& row) {
    ++counts_.rows;
    if (row.blank) {
      ++counts_.skipped;
      report_.Add(row.line, "", "empty row", "", ImportAction::kSkipped, kNoteBlank);
      return Ok();
    }
    if (row.rejected) {
      ++counts_.rejected;
      ReportNotes(row, ImportAction::kRejected);
      return Ok();
    }
    if (!writing_ || row.name_ct.empty()) {
      // Atomic mode after a rejection: nothing will be written; report only.
      ++counts_.skipped;
      ReportNotes(row, ImportAction::kSkipped);
      return Ok();
    }
    bool suspect = (row.phone_bidx && bloom_.MayContain(kKeyPhone, *row.phone_bidx)) ||
                   (row.email_bidx && bloom_.MayContain(kKeyEmail, *row.email_bidx)) ||
                   (row.external_id_bidx && bloom_.MayContain(kKeyExternalId, *row.external_id_bidx));
    if (!suspect) {
      AddKeys(row);
      pending_.push_back(&row);
      ++counts_.created;
      ReportCreated(row);
      return Ok();
    }
    // A candidate: everything before this row must be in the database.
    if (Status s = Flush(tx); !s) return s;
    return ResolveDuplicate(tx, row);
  }

  void ReportCreated(const ImportRow& row) {
    ReportNotes(row, ImportAction::kCreated);
    if (row.notes.empty() && report_clean_rows_) {
      report_.Add(row.line, "", "", "", ImportAction::kCreated, 0);
    }
  }

 public:
  bool report_clean_rows_ = false;

 private:
  Result<Existing> Open(const Row& r) {
    Existing e;
    e.id = r.Text(0);
    e.version = r.Int(1);
    e.created_at_ms = r.Int(2);
    e.preferred_language = r.Text(8);
    std::string* clear[5] = {&e.name, &e.phone, &e.email, &e.address, nullptr};
    std::string details_json;
    for (size_t i = 0; i < 5; ++i) {
      if (r.IsNull(3 + i)) continue;
      e.blobs[i] = r.Blob(3 + i);
      Result<std::string> v =
          security::Decrypt(keys_.data, e.blobs[i], security::FieldAd{"people", kBlobColumns[i], e.id, prep_.org_id()});
      if (!v) return v.error();
      if (clear[i]) *clear[i] = std::move(*v);
      else details_json = std::move(*v);
    }
    if (!details_json.empty()) {
      Result<Details> d = DetailsFromJson(details_json);
      if (!d) return d.error();
      e.details = std::move(*d);
    }
    return e;
  }

  // People whose `kind` value equals the row's, among the index's candidates.
  Status Candidates(Tx& tx, KeyKind kind, uint32_t bidx, const ImportRow& row, std::vector<Existing>& found,
                    std::string& by) {
    const char* sql =
        kind == kKeyPhone   ? "SELECT id, version, created_at_ms, name_ct, phone_ct, email_ct, address_ct, details_ct, "
                              "preferred_language FROM people WHERE org_id = $1 AND phone_bidx = $2"
        : kind == kKeyEmail ? "SELECT id, version, created_at_ms, name_ct, phone_ct, email_ct, address_ct, details_ct, "
                              "preferred_language FROM people WHERE org_id = $1 AND email_bidx = $2"
                            : "SELECT id, version, created_at_ms, name_ct, phone_ct, email_ct, address_ct, details_ct, "
                              "preferred_language FROM people WHERE org_id = $1 AND external_id_bidx = $2";
    Result<Rows> rows = tx.Query(sql, {prep_.org_id(), static_cast<int64_t>(bidx)});
    if (!rows) return rows.error();
    for (const Row& r : *rows) {
      Result<Existing> e = Open(r);
      if (!e) return e.error();
      bool same = kind == kKeyPhone   ? e->phone == row.phone
                  : kind == kKeyEmail ? e->email == row.email
                                      : e->details.Get("external_id") == row.external_id;
      if (!same) continue;
      const char* what = kind == kKeyPhone ? "phone" : kind == kKeyEmail ? "email" : "external id";
      if (by.find(what) == std::string::npos) by += by.empty() ? what : std::string(" and ") + what;
      bool dup = false;
      for (const Existing& f : found) dup = dup || f.id == e->id;
      if (!dup) found.push_back(std::move(*e));
    }
    return Ok();
  }

  Status ResolveDuplicate(Tx& tx, const ImportRow& row) {
    std::vector<Existing> found;
    std::string by;
    struct {
      KeyKind kind;
      const std::optional<uint32_t>& bidx;
    } keys[] = {{kKeyExternalId, row.external_id_bidx}, {kKeyPhone, row.phone_bidx}, {kKeyEmail, row.email_bidx}};
    for (const auto& k : keys) {
      if (!k.bidx || !bloom_.MayContain(k.kind, *k.bidx)) continue;
      if (Status s = Candidates(tx, k.kind, *k.bidx, row, found, by); !s) return s;
    }
    if (found.empty()) {  // a false candidate: a new person after all
      AddKeys(row);
      pending_.push_back(&row);
      ++counts_.created;
      ReportCreated(row);
      return Ok();
    }
    if (found.size() > 1) {
      ++counts_.suggested;
      ReportNotes(row, ImportAction::kDuplicateSuggested);
      report_.Add(row.line, "",
                              "matches " + std::to_string(found.size()) + " different people (by " + by +
                                  "): not imported; merge them, then import again",
                              "", ImportAction::kDuplicateSuggested, 0);
      return Ok();
    }
    const Existing& e = found[0];
    std::string where = e.created_at_ms == now_ms_ ? "a person created earlier in this file"
                                                   : "a person already in the organization";
    std::string matched = "matches " + where + " (by " + by + ")";
    if (policy_ == DuplicatePolicy::kSkip) {
      ++counts_.skipped;
      ReportNotes(row, ImportAction::kSkipped);
      report_.Add(row.line, "", matched + ": left unchanged (--on-duplicate skip)", "",
                              ImportAction::kSkipped, 0);
      return Ok();
    }
    return Merge(tx, row, e, matched);
  }

  Status Merge(Tx& tx, const ImportRow& row, const Existing& e, const std::string& matched) {
    const bool overwrite = policy_ == DuplicatePolicy::kOverwrite;
    std::vector<std::string> changed;
    auto take = [&](const std::string& mine, const std::string& theirs) {
      return !mine.empty() && mine != theirs && (overwrite || theirs.empty());
    };
    std::string name = e.name, phone = e.phone, email = e.email, address = e.address, lang = e.preferred_language;
    if (take(row.name, name)) { name = row.name; changed.emplace_back("name"); }
    if (take(row.phone, phone)) { phone = row.phone; changed.emplace_back("phone"); }
    if (take(row.email, email)) { email = row.email; changed.emplace_back("email"); }
    if (take(row.address, address)) { address = row.address; changed.emplace_back("address"); }
    if (take(row.preferred_language, lang)) { lang = row.preferred_language; changed.emplace_back("preferred_language"); }
    Details details = e.details;
    bool details_changed = false;
    for (const auto& [k, v] : row.details.fields) {
      if (k == "tags") {  // a union under fill and overwrite alike: an import never removes a tag
        std::string merged = MergeTags(details.Get(k), SplitTags(v));
        if (merged != details.Get(k)) {
          details.Set(k, merged);
          changed.push_back(k);
          details_changed = true;
        }
        continue;
      }
      if (take(v, std::string(details.Get(k)))) {
        details.Set(k, v);
        changed.push_back(k);
        details_changed = true;
      }
    }
    for (const auto& [k, v] : row.details.custom) {
      if (take(v, std::string(details.GetCustom(k)))) {
        details.SetCustom(k, v);
        changed.push_back(k);
        details_changed = true;
      }
    }
    if (changed.empty()) {
      ++counts_.skipped;
      ReportNotes(row, ImportAction::kSkipped);
      report_.Add(row.line, "", matched + ": nothing new", "", ImportAction::kSkipped, 0);
      return Ok();
    }
    const std::string& org = prep_.org_id();
    const security::DataKey& k = *keys_.data.Newest();
    auto blob = [&](size_t i, const std::string& now_value, const std::string& old_value) -> Value {
      if (now_value.empty()) return nullptr;
      if (now_value == old_value && !e.blobs[i].empty()) return Bytes{e.blobs[i]};
      return Bytes{SealField(k, kBlobColumns[i], e.id, org, now_value, rng_)};
    };
    Value details_blob = details.empty() ? Value(nullptr)
                         : details_changed ? Value(Bytes{SealField(k, "details", e.id, org, DetailsToJson(details), rng_)})
                                           : Value(Bytes{e.blobs[4]});
    auto idx = [](const security::SecretBytes& key, std::string_view v) -> Value {
      if (v.empty()) return nullptr;
      return static_cast<int64_t>(security::BlindIndex(key, v));
    };
    std::string external_id(details.Get("external_id"));
    Result<int64_t> n = tx.Exec(
        "UPDATE people SET name_ct = $3, phone_ct = $4, phone_bidx = $5, email_ct = $6, email_bidx = $7, "
        "address_ct = $8, details_ct = $9, external_id_bidx = $10, preferred_language = $11, "
        "version = version + 1, updated_at_ms = $12 WHERE org_id = $1 AND id = $2 AND version = $13",
        {org, e.id, blob(0, name, e.name), blob(1, phone, e.phone), idx(keys_.phone_index, phone),
         blob(2, email, e.email), idx(keys_.email_index, EmailIndexInput(email)), blob(3, address, e.address), details_blob,
         idx(*prep_.keys().external_id_index, external_id), lang, now_ms_, e.version});
    if (!n) return n.error();
    if (*n == 0) return Error::Conflict("", "a person changed while the import ran; run the import again");
    if (!phone.empty()) bloom_.Add(kKeyPhone, security::BlindIndex(keys_.phone_index, phone));
    if (!email.empty()) bloom_.Add(kKeyEmail, security::BlindIndex(keys_.email_index, EmailIndexInput(email)));
    if (!external_id.empty()) {
      bloom_.Add(kKeyExternalId, security::BlindIndex(*prep_.keys().external_id_index, external_id));
    }
    ++counts_.updated;
    ReportNotes(row, ImportAction::kUpdated);
    std::string list;
    for (const std::string& c : changed) list += (list.empty() ? "" : ", ") + c;
    report_.Add(row.line, "",
                            matched + (overwrite ? ": overwrote " : ": filled in ") + list, "",
                            ImportAction::kUpdated, 0);
    return Ok();
  }

  const RowPreparer& prep_;
  const OrgKeys& keys_;
  DuplicatePolicy policy_;
  int64_t now_ms_;
  BloomFilter& bloom_;
  Reporter& report_;
  RandomPool rng_;
  bool writing_ = true;
  Counts counts_;
  std::vector<const ImportRow*> pending_;
  std::vector<BulkValue> values_;  // Flush's, kept for its capacity
};

// --- setup helpers ---

std::string Hex(const unsigned char* p, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
  return out;
}

// The import's idempotency key: keyed BLAKE2b-256 (hex) of the file's
// keyed digest followed by `choices` (ImportChoices), so one file imported
// with other choices is another import.
struct FileHash {
  std::string hash;    // hex
  uint64_t bytes = 0;
  uint64_t lines = 0;  // line breaks (LF, or CR in a CR-only file): at least the data rows
};

Result<FileHash> HashFile(const std::string& path, const security::SecretBytes& key, std::string_view choices) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidInput("file", "cannot open " + path);
  crypto_generichash_state st;
  crypto_generichash_init(&st, key.data(), key.size(), 32);
  std::vector<char> buf(size_t{1} << 20);
  uint64_t total = 0, lf = 0, cr = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(buf.data()), got);
    lf += static_cast<uint64_t>(std::count(buf.data(), buf.data() + got, '\n'));
    cr += static_cast<uint64_t>(std::count(buf.data(), buf.data() + got, '\r'));
    total += got;
  }
  if (in.bad()) return Error::InvalidInput("file", "cannot read " + path);
  unsigned char file_digest[32];
  crypto_generichash_final(&st, file_digest, sizeof file_digest);
  // The file's digest has a fixed length, so file bytes and choices cannot
  // be shifted into each other.
  crypto_generichash_init(&st, key.data(), key.size(), 32);
  crypto_generichash_update(&st, file_digest, sizeof file_digest);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(choices.data()), choices.size());
  unsigned char out[32];
  crypto_generichash_final(&st, out, sizeof out);
  return FileHash{Hex(out, sizeof out), total, std::max(lf, cr) + 1};
}

void AppendPart(std::string& out, std::string_view part) {
  const auto n = static_cast<uint32_t>(part.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(part);
}

// What, besides the file's bytes, decides what an import writes: the
// effective mapping, the region, the duplicate policy and the tags (sorted:
// their order changes nothing that matters). Length-prefixed parts.
std::string ImportChoices(const io::HeaderMapping& mapping, std::string_view region, DuplicatePolicy policy,
                          std::vector<std::string> tags) {
  std::string out;
  AppendPart(out, "hotshop-import-choices-v1");
  AppendPart(out, region);
  AppendPart(out, DuplicatePolicyName(policy));
  std::sort(tags.begin(), tags.end());
  AppendPart(out, std::to_string(tags.size()));
  for (const std::string& t : tags) AppendPart(out, t);
  AppendPart(out, std::to_string(mapping.columns.size()));
  for (const io::ColumnMapping& c : mapping.columns) {
    switch (c.action) {
      case io::ColumnAction::kField:
        AppendPart(out, "field");
        AppendPart(out, c.field ? io::ContactFieldName(*c.field) : "");
        break;
      case io::ColumnAction::kCustom:
        AppendPart(out, "custom");
        AppendPart(out, c.custom_key.empty() ? c.header : c.custom_key);
        break;
      case io::ColumnAction::kSkip:
        AppendPart(out, "skip");
        AppendPart(out, "");
        break;
    }
  }
  return out;
}

// A caller's mapping must describe this file's header, one column each.
Status CheckMapping(const io::HeaderMapping& m, size_t header_columns) {
  if (m.columns.size() != header_columns) {
    return Error::InvalidInput("columns", "the mapping has " + std::to_string(m.columns.size()) +
                                              " columns but the file's header has " + std::to_string(header_columns));
  }
  std::array<bool, io::kContactFieldCount> used{};
  for (size_t i = 0; i < m.columns.size(); ++i) {
    const io::ColumnMapping& c = m.columns[i];
    if (c.index != i) return Error::InvalidInput("columns", "the mapping's columns are not in the file's order");
    if (c.action != io::ColumnAction::kField) continue;
    if (!c.field) return Error::InvalidInput("columns", "column " + std::to_string(i + 1) + " is mapped to no field");
    auto f = static_cast<size_t>(*c.field);
    if (f >= used.size()) return Error::InvalidInput("columns", "column " + std::to_string(i + 1) + ": unknown field");
    if (used[f]) {
      return Error::InvalidInput("columns", std::string("two columns are mapped to ") +
                                                std::string(io::ContactFieldName(*c.field)));
    }
    used[f] = true;
  }
  return Ok();
}

struct OrgSetup {
  int64_t people = 0;  // the org's people now
  std::shared_ptr<const OrgKeys> keys;
  security::SecretBytes external_id_index;
  security::SecretBytes file_hash_key;
  std::string default_region;
};

Result<OrgSetup> LoadOrg(Database& db, KeyService& keys, const std::string& org) {
  OrgSetup out;
  Status s = db.Transact([&](Tx& tx) -> Status {
    Result<Rows> o = tx.Query("SELECT default_region FROM orgs WHERE id = $1", {org});
    if (!o) return o.error();
    if (o->empty()) return Error::NotFound("no such organization");
    out.default_region = (*o)[0].Text(0);
    Result<Rows> n = tx.Query("SELECT count(*) FROM people WHERE org_id = $1", {org});
    if (!n) return n.error();
    out.people = (*n)[0].Int(0);
    Result<std::shared_ptr<const OrgKeys>> k = keys.ForOrg(tx, org);
    if (!k) return k.error();
    out.keys = *k;
    // The index root, for the keys KeyService does not derive yet (see
    // kExternalIdIndexField).
    Result<Rows> root = tx.Query(
        "SELECT key_id, wrapped FROM org_keys WHERE org_id = $1 AND purpose = 'index' AND state = 'active' "
        "ORDER BY key_id LIMIT 1",
        {org});
    if (!root) return root.error();
    if (root->empty()) return Error::NotFound("the organization has no index key");
    Result<security::SecretBytes> r =
        security::UnwrapKey(keys.master_key(), (*root)[0].Blob(1), static_cast<uint32_t>((*root)[0].Int(0)));
    if (!r) return Error::Internal("the organization's index key does not open under this master key");
    out.external_id_index = security::BlindIndexKey(*r, kExternalIdIndexField);
    out.file_hash_key = security::DeriveSubkey(*r, kFileHashSubkey, kFileHashContext);
    return Ok();
  }, TxMode::kRead, org);
  if (!s) return s.error();
  return out;
}

Status PreloadBloom(Database& db, const std::string& org, BloomFilter& bloom) {
  std::string after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    size_t got = 0;
    Status s = db.Transact([&](Tx& tx) -> Status {
      Result<Rows> r = tx.Query(
          "SELECT id, phone_bidx, email_bidx, external_id_bidx FROM people WHERE org_id = $1 AND id > $2 "
          "ORDER BY id LIMIT " + std::to_string(kPreloadPage),
          {org, after});
      if (!r) return r.error();
      got = r->size();
      for (const Row& row : *r) {
        if (!row.IsNull(1)) bloom.Add(kKeyPhone, static_cast<uint32_t>(row.Int(1)));
        if (!row.IsNull(2)) bloom.Add(kKeyEmail, static_cast<uint32_t>(row.Int(2)));
        if (!row.IsNull(3)) bloom.Add(kKeyExternalId, static_cast<uint32_t>(row.Int(3)));
      }
      if (got > 0) after = r->back().Text(0);
      return Ok();
    }, TxMode::kRead, org);
    if (!s) return s;
    if (got < kPreloadPage) return Ok();
  }
}

// SQLite: sets the connection's page cache to `kib` KiB for this transaction
// and returns the setting to restore (PRAGMA cache_size: negative = KiB).
// A no-op returning 0 on PostgreSQL.
Result<int64_t> SetSqliteCache(Tx& tx, int64_t kib) {
  if (tx.dialect() != Dialect::kSqlite) return int64_t{0};
  Result<Rows> r = tx.Query("PRAGMA cache_size");
  if (!r) return r.error();
  int64_t before = r->empty() ? -2000 : (*r)[0].Int(0);
  if (Status s = tx.ExecScript("PRAGMA cache_size = " + std::to_string(-kib)); !s) return s.error();
  return before;
}

Status RestoreSqliteCache(Tx& tx, int64_t before) {
  if (tx.dialect() != Dialect::kSqlite || before == 0) return Ok();
  return tx.ExecScript("PRAGMA cache_size = " + std::to_string(before));
}

// Puts the connection's page cache back when the transaction's function
// returns, whichever way: a rolled-back import (a rejected row, a cancel, an
// error) must not leave a pooled connection holding a 64 MiB cache.
class SqliteCacheGuard {
 public:
  SqliteCacheGuard(Tx& tx, int64_t before) : tx_(tx), before_(before) {}
  ~SqliteCacheGuard() {
    Status restored = RestoreSqliteCache(tx_, before_);
    (void)restored;  // best effort: the setting only sizes a cache
  }
  SqliteCacheGuard(const SqliteCacheGuard&) = delete;
  SqliteCacheGuard& operator=(const SqliteCacheGuard&) = delete;

 private:
  Tx& tx_;
  int64_t before_;
};

struct PriorImport {
  std::string id, state, mode, policy;
  int64_t rows_done = 0;
  Counts counts;
};

Status SaveProgress(Tx& tx, const std::string& org, const std::string& id, uint64_t rows_done, const Counts& c,
                    int64_t now_ms) {
  Result<int64_t> n = tx.Exec(
      "UPDATE imports SET rows_done = $3, created = $4, updated = $5, skipped = $6, rejected = $7, suggested = $8, "
      "updated_at_ms = $9 WHERE org_id = $1 AND id = $2",
      {org, id, static_cast<int64_t>(rows_done), static_cast<int64_t>(c.created), static_cast<int64_t>(c.updated),
       static_cast<int64_t>(c.skipped), static_cast<int64_t>(c.rejected), static_cast<int64_t>(c.suggested),
       now_ms});
  if (!n) return n.error();
  return Ok();
}

}  // namespace

std::string_view ImportModeName(ImportMode m) { return m == ImportMode::kAtomic ? "atomic" : "partial"; }

std::string_view DuplicatePolicyName(DuplicatePolicy p) {
  switch (p) {
    case DuplicatePolicy::kFillBlanks: return "fill";
    case DuplicatePolicy::kOverwrite: return "overwrite";
    case DuplicatePolicy::kSkip: return "skip";
  }
  return "fill";
}

Result<ImportMode> ParseImportMode(std::string_view s) {
  if (s == "atomic") return ImportMode::kAtomic;
  if (s == "partial") return ImportMode::kPartial;
  return Error::InvalidInput("mode", "must be atomic or partial");
}

Result<DuplicatePolicy> ParseDuplicatePolicy(std::string_view s) {
  if (s == "fill" || s == "fill-blanks") return DuplicatePolicy::kFillBlanks;
  if (s == "overwrite") return DuplicatePolicy::kOverwrite;
  if (s == "skip") return DuplicatePolicy::kSkip;
  return Error::InvalidInput("on_duplicate", "must be fill, overwrite or skip");
}

Result<ImportSummary> ImportCsv(Database& db, KeyService& keys, const Scope& scope, const std::string& path,
                                const ImportOptions& options, std::ostream* report_out) {
  const std::string& org = scope.org_id();
  ImportSummary summary;
  Result<OrgSetup> setup = LoadOrg(db, keys, org);
  if (!setup) return setup.error();
  summary.region = options.region.empty() ? setup->default_region : options.region;
  if (Result<io::E164Phone> probe = io::NormalizePhone("2025550123", summary.region);
      !probe && probe.error().field() == "default_region") {
    return Error::InvalidInput("region", "unknown region '" + summary.region + "' (use ISO 3166 codes such as US)");
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidInput("file", "cannot open " + path);
  io::CsvOptions csv_options;
  csv_options.encoding = options.encoding;
  Result<io::CsvReader> reader = io::CsvReader::Open(in, csv_options);
  if (!reader) return Error::InvalidInput("file", reader.error().message());
  if (options.mapping) {
    if (Status c = CheckMapping(*options.mapping, reader->header().size()); !c) return c.error();
    summary.mapping = *options.mapping;
  } else {
    summary.mapping = io::MapHeader(reader->header(), options.format);
  }
  Result<RowPreparer> prep = RowPreparer::Create(
      summary.mapping, summary.region, org,
      SealKeys{setup->keys->data.Newest(), &setup->keys->phone_index, &setup->keys->email_index,
               &setup->external_id_index},
      options.tags);
  if (!prep) return prep.error();

  std::string choices = ImportChoices(summary.mapping, summary.region, options.policy, prep->tags());
  if (options.encoding != io::TextEncoding::kAuto) AppendPart(choices, io::TextEncodingName(options.encoding));
  Result<FileHash> hash = HashFile(path, setup->file_hash_key, choices);
  if (!hash) return hash.error();
  const std::string& file_hash = hash->hash;
  const uint64_t file_bytes = hash->bytes;
  auto progress = [&](uint64_t rows_done, uint64_t bytes_done) {
    if (options.on_progress) options.on_progress(ImportProgress{rows_done, std::min(bytes_done, file_bytes), file_bytes});
  };
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed); };

  // What earlier runs of this file did.
  std::optional<PriorImport> prior;
  Status looked = db.Transact([&](Tx& tx) -> Status {
    Result<Rows> r = tx.Query(
        "SELECT id, state, mode, policy, rows_done, created, updated, skipped, rejected, suggested FROM imports "
        "WHERE org_id = $1 AND file_hash = $2 AND state IN ('completed', 'running') "
        "ORDER BY (CASE WHEN state = 'completed' THEN 0 ELSE 1 END), started_at_ms DESC LIMIT 1",
        {org, file_hash});
    if (!r) return r.error();
    if (r->empty()) return Ok();
    const Row& row = (*r)[0];
    PriorImport p{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4), {}};
    p.counts.created = static_cast<uint64_t>(row.Int(5));
    p.counts.updated = static_cast<uint64_t>(row.Int(6));
    p.counts.skipped = static_cast<uint64_t>(row.Int(7));
    p.counts.rejected = static_cast<uint64_t>(row.Int(8));
    p.counts.suggested = static_cast<uint64_t>(row.Int(9));
    prior = std::move(p);
    return Ok();
  }, TxMode::kRead, org);
  if (!looked) return looked.error();

  if (prior && prior->state == "completed") {
    summary.already_imported = true;
    summary.import_id = prior->id;
    summary.committed = true;
    summary.created = prior->counts.created;
    summary.updated = prior->counts.updated;
    summary.skipped = prior->counts.skipped;
    summary.rejected = prior->counts.rejected;
    summary.suggested = prior->counts.suggested;
    if (report_out) {
      io::ImportReportWriter w(*report_out);
      if (Status s = w.Add(0, "", "this file was already imported (import " + prior->id + "): nothing changed", "",
                           ImportAction::kSkipped);
          !s) {
        return s.error();
      }
      if (Status s = w.Finish(); !s) return s.error();
    }
    progress(static_cast<uint64_t>(prior->rows_done), file_bytes);
    return summary;
  }

  ImportMode mode = options.mode;
  DuplicatePolicy policy = options.policy;
  uint64_t skip_rows = 0;
  Counts base;  // counts of the interrupted run being resumed
  const int64_t now_ms = NowMillis();
  if (prior) {  // an interrupted partial import of this file: continue it
    summary.resumed = true;
    summary.import_id = prior->id;
    skip_rows = static_cast<uint64_t>(prior->rows_done);
    summary.resumed_after_rows = skip_rows;
    mode = ImportMode::kPartial;
    if (Result<DuplicatePolicy> p = ParseDuplicatePolicy(prior->policy); p) policy = *p;
    base = prior->counts;
  } else {
    RandomPool id_rng;
    summary.import_id = NewRowId(now_ms, id_rng);
  }

  // Keys: up to three per person (phone, email, external id).
  uint64_t keys_per_row = 0;
  for (io::ContactField f : {io::ContactField::kCellPhone, io::ContactField::kEmail, io::ContactField::kExternalId}) {
    bool has = summary.mapping.ColumnFor(f).has_value();
    if (f == io::ContactField::kCellPhone) {
      for (io::ContactField p : {io::ContactField::kPhone, io::ContactField::kHomePhone, io::ContactField::kWorkPhone}) {
        has = has || summary.mapping.ColumnFor(p).has_value();
      }
    }
    keys_per_row += has ? 1 : 0;
  }
  auto bloom = std::make_unique<BloomFilter>(3 * static_cast<uint64_t>(setup->people) + keys_per_row * hash->lines);
  if (Status s = PreloadBloom(db, org, *bloom); !s) return s.error();

  std::optional<io::ImportReportWriter> report_writer;
  if (report_out) report_writer.emplace(*report_out);
  Reporter report(report_writer ? &*report_writer : nullptr, options.max_warnings_per_kind);
  if (summary.resumed && report_writer) {
    report.Add(0, "",
                           "resumed an interrupted import: rows 1 to " + std::to_string(skip_rows) +
                               " were imported by the earlier run",
                           "", ImportAction::kSkipped, 0);
  }
  for (const std::string& w : summary.mapping.warnings) {
    report.Add(0, "", w, "", ImportAction::kSkipped, 0);
  }

  const std::string format(io::SourceFormatCode(summary.mapping.format));
  if (mode == ImportMode::kPartial && !summary.resumed) {
    Status s = db.Transact([&](Tx& tx) -> Status {
      Result<int64_t> n = tx.Exec(
          "INSERT INTO imports (org_id, id, file_hash, file_bytes, format, mode, policy, state, actor, "
          "started_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, 'partial', $6, 'running', $7, $8, $8)",
          {org, summary.import_id, file_hash, static_cast<int64_t>(file_bytes), format,
           std::string(DuplicatePolicyName(policy)), options.actor, now_ms});
      if (!n) return n.error();
      return Ok();
    }, TxMode::kWrite, org);
    if (!s) return s.error();
  }

  int workers = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Pipeline pipe(std::move(*reader), *prep, workers, skip_rows, std::max<size_t>(1, options.batch_rows), now_ms);
  Writer writer(*prep, *setup->keys, policy, now_ms, *bloom, report);
  writer.report_clean_rows_ = options.report_clean_rows;

  auto finish_record = [&](Tx& tx, const char* state, const Counts& c, uint64_t rows_done) -> Status {
    Result<int64_t> n = tx.Exec(
        "UPDATE imports SET state = $3, rows_done = $4, created = $5, updated = $6, skipped = $7, rejected = $8, "
        "suggested = $9, updated_at_ms = $10, finished_at_ms = $10 WHERE org_id = $1 AND id = $2",
        {org, summary.import_id, std::string(state), static_cast<int64_t>(rows_done),
         static_cast<int64_t>(c.created), static_cast<int64_t>(c.updated), static_cast<int64_t>(c.skipped),
         static_cast<int64_t>(c.rejected), static_cast<int64_t>(c.suggested), NowMillis()});
    if (!n) return n.error();
    return Ok();
  };
  auto insert_record = [&](Tx& tx, const char* state, const Counts& c, uint64_t rows_done) -> Status {
    Result<int64_t> n = tx.Exec(
        "INSERT INTO imports (org_id, id, file_hash, file_bytes, format, mode, policy, state, rows_done, created, "
        "updated, skipped, rejected, suggested, actor, started_at_ms, updated_at_ms, finished_at_ms) "
        "VALUES ($1, $2, $3, $4, $5, 'atomic', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)",
        {org, summary.import_id, file_hash, static_cast<int64_t>(file_bytes), format,
         std::string(DuplicatePolicyName(policy)), std::string(state), static_cast<int64_t>(rows_done),
         static_cast<int64_t>(c.created), static_cast<int64_t>(c.updated), static_cast<int64_t>(c.skipped),
         static_cast<int64_t>(c.rejected), static_cast<int64_t>(c.suggested), options.actor, now_ms, NowMillis()});
    if (!n) return n.error();
    return Ok();
  };
  auto audit = [&](Tx& tx, const char* action, const Counts& c, const char* outcome) -> Status {
    std::string object = "import:" + summary.import_id + " rows:" + std::to_string(c.rows) +
                         " created:" + std::to_string(c.created) + " updated:" + std::to_string(c.updated) +
                         " rejected:" + std::to_string(c.rejected);
    Result<int64_t> seq = AppendAudit(tx, org, options.actor, action, object, outcome, NowMillis());
    if (!seq) return seq.error();
    return Ok();
  };

  const auto write_started = std::chrono::steady_clock::now();
  Counts total;
  uint64_t last_row = skip_rows;
  uint64_t last_bytes = 0;
  bool stop_now = false;  // cancel was seen
  const auto cache_kib = static_cast<int64_t>(options.sqlite_cache_mib) * 1024;
  if (mode == ImportMode::kAtomic) {
    int attempts = 0;
    bool rejected = false;
    Status s = db.Transact([&](Tx& tx) -> Status {
      if (cancelled()) {
        stop_now = true;
        return Error::Conflict("", "cancelled");  // not retried by Transact
      }
      if (++attempts > 1) {
        // The pipeline was consumed by the first attempt: it cannot be replayed.
        return Error::Unavailable("the database was busy during the import; nothing was imported; run it again");
      }
      Result<int64_t> cache = SetSqliteCache(tx, cache_kib);
      if (!cache) return cache.error();
      SqliteCacheGuard restore_cache(tx, *cache);
      for (;;) {
        Result<std::unique_ptr<Batch>> b = pipe.Next();
        if (!b) return b.error();
        if (!*b) break;
        if (Status p = writer.Process(tx, **b); !p) return p;
        if (writer.writing() && writer.counts().rejected > 0) {
          writer.StopWriting();
          pipe.StopSealing();
        }
        last_row = (*b)->rows.empty() ? last_row : (*b)->rows.back().row;
        last_bytes = (*b)->bytes_done;
        if (Status e = report.Emit(); !e) return e;
        progress(last_row, last_bytes);
        pipe.Recycle(std::move(*b));
        if (cancelled()) {
          stop_now = true;
          return Error::Conflict("", "cancelled");  // rolls back, as a crash would (not retried)
        }
      }
      if (writer.counts().rejected > 0) {
        rejected = true;
        return Error::InvalidInput("file", "rolled back");  // nothing is kept
      }
      Counts c = writer.counts();
      if (Status r = insert_record(tx, "completed", c, last_row); !r) return r;
      return audit(tx, "import.completed", c, "allowed");
    }, TxMode::kWrite, org);
    total = writer.counts();
    if (stop_now) {
      // Nothing was written and nothing is recorded, as after a crash.
      total = Counts{total.rows, 0, 0, 0, 0, 0};
      summary.stopped = true;
      summary.committed = false;
    } else if (!s && !rejected) {
      return s.error();
    } else if (rejected) {
      // Nothing was written: only the rows read and the rejections count.
      total = Counts{total.rows, 0, 0, 0, total.rejected, 0};
      Status f = db.Transact([&](Tx& tx) -> Status {
        if (Status r = insert_record(tx, "failed", total, last_row); !r) return r;
        return audit(tx, "import.failed", total, "denied");
      }, TxMode::kWrite, org);
      if (!f) return f.error();
      summary.committed = false;
    } else {
      summary.committed = true;
    }
  } else {
    if (Status e = report.Emit(); !e) return e.error();
    Counts committed = base;
    for (bool more = true; more;) {
      std::vector<std::unique_ptr<Batch>> group;
      size_t rows = 0;
      while (rows < options.commit_rows) {
        if (cancelled()) {  // the rows read for this transaction are dropped, as in a crash
          stop_now = true;
          group.clear();
          break;
        }
        Result<std::unique_ptr<Batch>> b = pipe.Next();
        if (!b) return b.error();
        if (!*b) {
          more = false;
          break;
        }
        rows += (*b)->rows.size();
        group.push_back(std::move(*b));
      }
      if (stop_now) {
        summary.stopped = true;
        break;
      }
      if (group.empty()) break;
      uint64_t group_last = group.back()->rows.back().row;
      Counts group_counts;
      Status s = db.Transact([&](Tx& tx) -> Status {
        report.Discard();
        writer.Reset();
        Result<int64_t> cache = SetSqliteCache(tx, cache_kib);
        if (!cache) return cache.error();
        SqliteCacheGuard restore_cache(tx, *cache);
        for (auto& b : group) {
          if (Status p = writer.Process(tx, *b); !p) return p;
          progress(b->rows.back().row, b->bytes_done);
          if (cancelled()) {
            stop_now = true;
            return Error::Conflict("", "cancelled");  // rolls back this transaction only
          }
        }
        group_counts = writer.counts();
        Counts after = committed;
        after += group_counts;
        return SaveProgress(tx, org, summary.import_id, group_last, after, NowMillis());
      }, TxMode::kWrite, org);
      if (stop_now) {
        report.Discard();
        summary.stopped = true;
        break;
      }
      if (!s) return s.error();
      committed += group_counts;
      total += group_counts;
      last_row = group_last;
      last_bytes = group.back()->bytes_done;
      if (Status e = report.Emit(); !e) return e.error();
      for (auto& b : group) pipe.Recycle(std::move(b));
      if (options.after_commit && !options.after_commit(last_row)) {
        summary.stopped = true;
        break;
      }
    }
    if (!summary.stopped) {
      Status s = db.Transact([&](Tx& tx) -> Status {
        if (Status r = finish_record(tx, "completed", committed, last_row); !r) return r;
        return audit(tx, "import.completed", total, "allowed");
      }, TxMode::kWrite, org);
      if (!s) return s.error();
    }
    summary.committed = true;
  }
  summary.wait_seconds = pipe.wait_seconds();
  summary.write_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - write_started).count() - summary.wait_seconds;
  pipe.Stop();
  if (Status f = report.Finish(); !f) return f.error();
  progress(last_row, summary.stopped ? last_bytes : file_bytes);

  summary.rows = total.rows;
  summary.created = total.created;
  summary.updated = total.updated;
  summary.skipped = total.skipped;
  summary.rejected = total.rejected;
  summary.suggested = total.suggested;
  summary.warnings = report.warnings();
  return summary;
}

}  // namespace hotshop::store
