// SPDX-License-Identifier: AGPL-3.0-or-later
#include "api/import_jobs.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

#include "io/csv_reader.h"
#include "store/ids.h"
#include "store/import_history.h"

namespace hotshop::api {

struct ImportJobs::Job {
  ~Job() {
    if (fd >= 0) ::close(fd);
  }
  std::string id;
  std::string org_id;
  std::string user_id;
  std::string filename;
  int fd = -1;  // the memfd holding the file; -1 once dropped
  uint64_t bytes = 0;
  int64_t expires_at_ms = 0;
  io::HeaderMapping mapping;  // as detected
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<uint64_t> rows_done{0};
  // Guarded by ImportJobs::mu_.
  ImportJobState state = ImportJobState::kStaged;
  int64_t finished_at_ms = 0;
  std::optional<store::ImportMode> mode;
  std::optional<store::DuplicatePolicy> policy;
  std::optional<store::ImportSummary> summary;
  std::optional<Error> error;
  std::string record_id;
  bool report_available = false;
};

namespace {

// Cuts s to at most max_chars code points' worth of bytes without splitting
// a UTF-8 sequence, marking the cut with an ellipsis.
std::string Shorten(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\u2026";
}

// A file name as a person would read it: the last path component, no
// control characters, at most 200 bytes.
std::string CleanFilename(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
    out.push_back(c);
  }
  out = Shorten(out, 200);
  return out.empty() ? "upload.csv" : out;
}

Result<int> MemoryFile(std::string_view bytes) {
  int fd = ::memfd_create("hotshop-upload", MFD_CLOEXEC);
  if (fd < 0) return Error::Unavailable(std::string("cannot hold the upload in memory: ") + std::strerror(errno));
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Error::Unavailable("cannot hold the upload in memory (out of memory?)");
    }
    off += static_cast<size_t>(n);
  }
  return fd;
}

}  // namespace

std::string_view ImportJobStateName(ImportJobState s) {
  switch (s) {
    case ImportJobState::kStaged: return "staged";
    case ImportJobState::kRunning: return "running";
    case ImportJobState::kCompleted: return "completed";
    case ImportJobState::kFailed: return "failed";
  }
  return "failed";
}

Result<io::HeaderMapping> ApplyColumnChoices(io::HeaderMapping mapping, const std::vector<ColumnChoice>& choices) {
  std::set<size_t> seen;
  // Free every column the user decides about first, so that moving a field
  // from one column to another in one request is not a conflict.
  for (size_t i = 0; i < choices.size(); ++i) {
    const ColumnChoice& c = choices[i];
    const std::string where = "columns[" + std::to_string(i) + "]";
    if (c.index >= mapping.columns.size()) {
      return Error::InvalidInput(where, "the file has no column " + std::to_string(c.index + 1) + " (it has " +
                                            std::to_string(mapping.columns.size()) + ")");
    }
    if (!seen.insert(c.index).second) {
      return Error::InvalidInput(where, "column " + std::to_string(c.index + 1) + " is listed twice");
    }
    if (c.action == io::ColumnAction::kField && !c.field) {
      return Error::InvalidInput(where + ".field", "choose the field this column holds, or keep or skip it");
    }
    if (Status s = mapping.Skip(c.index); !s) return Error::InvalidInput(where, s.error().message());
  }
  for (size_t i = 0; i < choices.size(); ++i) {
    const ColumnChoice& c = choices[i];
    const std::string where = "columns[" + std::to_string(i) + "]";
    Status s;
    switch (c.action) {
      case io::ColumnAction::kField: s = mapping.AssignField(c.index, *c.field); break;
      case io::ColumnAction::kCustom: s = mapping.KeepAsCustom(c.index); break;
      case io::ColumnAction::kSkip: break;
    }
    if (!s) {
      if (s.error().code() == ErrorCode::kConflict) {
        std::optional<size_t> other = mapping.ColumnFor(*c.field);
        return Error::Conflict(where + ".field",
                               "two columns are mapped to \"" + std::string(io::ContactFieldName(*c.field)) +
                                   "\" (columns " + std::to_string((other ? *other : 0) + 1) + " and " +
                                   std::to_string(c.index + 1) + "); skip or keep one of them");
      }
      return Error::InvalidInput(where, s.error().message());
    }
  }
  return mapping;
}

ImportJobs::ImportJobs(store::Database& db, store::KeyService& keys, ImportLimits limits)
    : db_(db), keys_(keys), limits_(limits) {}

ImportJobs::~ImportJobs() { Shutdown(); }

void ImportJobs::Shutdown() {
  stopping_ = true;
  std::vector<std::pair<std::shared_ptr<Job>, std::thread>> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(threads_);
  }
  for (auto& [job, t] : threads) {
    if (t.joinable()) t.join();
  }
}

void ImportJobs::SweepLocked(int64_t now_ms) {
  // A job marked finished has left every lock: its thread is ending.
  for (auto it = threads_.begin(); it != threads_.end();) {
    if (it->first->state == ImportJobState::kCompleted || it->first->state == ImportJobState::kFailed) {
      it->second.join();
      it = threads_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    Job& j = *it->second;
    bool drop = (j.state == ImportJobState::kStaged && now_ms >= j.expires_at_ms) ||
                ((j.state == ImportJobState::kCompleted || j.state == ImportJobState::kFailed) &&
                 now_ms - j.finished_at_ms >= limits_.finished_ttl_ms);
    if (drop) {
      if (j.state == ImportJobState::kStaged) staged_bytes_ -= j.bytes;
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

Result<StagedPreview> ImportJobs::Stage(const store::Scope& scope, const std::string& user_id, std::string filename,
                                        std::string_view bytes, int64_t now_ms) {
  if (bytes.size() > limits_.max_file_bytes) {
    return Error::TooLarge("the file is over the " + std::to_string(limits_.max_file_bytes >> 20) +
                           " MiB an upload may have; split it, or import it with `hotshop import` on the server");
  }
  if (bytes.empty()) return Error::InvalidInput("file", "the file is empty");

  // Read the header and the first rows now, so a file that is not a table
  // is refused before it takes memory.
  StagedPreview out;
  size_t pos = 0;
  io::CsvReader::ReadFn read = [&](char* dst, size_t cap) -> Result<size_t> {
    size_t n = std::min(cap, bytes.size() - pos);
    std::memcpy(dst, bytes.data() + pos, n);
    pos += n;
    return n;
  };
  Result<io::CsvReader> reader = io::CsvReader::Open(read);
  if (!reader) return Error::InvalidInput("file", "this does not read as a CSV or TSV file: " + reader.error().message());
  const std::vector<std::string>& header = reader->header();
  out.mapping = io::MapHeader(header);
  out.samples.resize(header.size());
  io::CsvRecord rec;
  for (size_t row = 0; row < limits_.sample_scan_rows; ++row) {
    Result<bool> more = reader->Next(rec);
    if (!more || !*more) break;
    if (rec.has(io::CsvIssue::kTranscoded)) out.transcoded = true;
    if (out.preview.size() < limits_.preview_rows) {
      std::vector<std::string> cells;
      for (size_t i = 0; i < std::max(rec.size(), header.size()); ++i) {
        cells.push_back(Shorten(rec.CellOr(i), limits_.preview_cell_chars));
      }
      out.preview.push_back(std::move(cells));
    }
    for (size_t i = 0; i < header.size() && i < rec.size(); ++i) {
      std::vector<std::string>& s = out.samples[i];
      std::string_view v = rec[i];
      if (s.size() >= limits_.sample_values || v.empty()) continue;
      std::string cut = Shorten(v, limits_.preview_cell_chars);
      if (std::find(s.begin(), s.end(), cut) == s.end()) s.push_back(std::move(cut));
    }
  }

  Result<int> fd = MemoryFile(bytes);
  if (!fd) return fd.error();
  auto job = std::make_shared<Job>();
  job->fd = *fd;
  job->id = store::NewId();
  job->org_id = scope.org_id();
  job->user_id = user_id;
  job->filename = CleanFilename(filename);
  job->bytes = bytes.size();
  job->expires_at_ms = now_ms + limits_.stage_ttl_ms;
  job->mapping = out.mapping;

  std::lock_guard<std::mutex> lock(mu_);
  SweepLocked(now_ms);
  if (staged_bytes_ + bytes.size() > limits_.max_staged_bytes) {
    return Error::Unavailable("too many uploads are waiting to be imported on this server; start or let them "
                              "expire (an hour after upload), then try again");
  }
  staged_bytes_ += bytes.size();
  jobs_[job->id] = job;
  out.id = job->id;
  out.filename = job->filename;
  out.bytes = job->bytes;
  out.expires_at_ms = job->expires_at_ms;
  return out;
}

ImportStatus ImportJobs::StatusOf(const Job& j) const {
  ImportStatus s;
  s.id = j.id;
  s.filename = j.filename;
  s.state = j.state;
  s.bytes_total = j.bytes;
  s.bytes_done = std::min<uint64_t>(j.bytes_done.load(), j.bytes);
  s.rows_done = j.rows_done.load();
  if (j.state == ImportJobState::kCompleted) s.bytes_done = j.bytes;
  s.summary = j.summary;
  s.mode = j.mode;
  s.policy = j.policy;
  s.error = j.error;
  s.record_id = j.record_id;
  s.report_available = j.report_available;
  return s;
}

Result<ImportStatus> ImportJobs::Start(const store::Scope& scope, const std::string& user_id, const std::string& id,
                                       const ImportChoices& choices, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  SweepLocked(now_ms);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->org_id != scope.org_id() || it->second->user_id != user_id) {
    return Error::NotFound("no such upload: it may have expired (uploads wait an hour); upload the file again");
  }
  std::shared_ptr<Job> job = it->second;
  if (job->state != ImportJobState::kStaged) return Error::Conflict("", "this import has already started");
  for (const auto& [other_id, other] : jobs_) {
    if (other->org_id == job->org_id && other->state == ImportJobState::kRunning) {
      return Error::Conflict("", "another import is running in this organization; wait for it to finish, then start "
                                 "this one (your upload is kept for an hour)");
    }
  }
  Result<io::HeaderMapping> mapping = ApplyColumnChoices(job->mapping, choices.columns);
  if (!mapping) return mapping.error();
  if (stopping_) return Error::Unavailable("the server is shutting down; try again in a minute");
  job->state = ImportJobState::kRunning;
  job->mode = choices.mode;
  job->policy = choices.policy;
  staged_bytes_ -= job->bytes;
  threads_.emplace_back(job, std::thread(&ImportJobs::Run, this, job, choices, std::move(*mapping), user_id));
  return StatusOf(*job);
}

void ImportJobs::Run(std::shared_ptr<Job> job, ImportChoices choices, io::HeaderMapping mapping, std::string actor) {
  const store::Scope scope = store::Scope::ForOrg(job->org_id);
  store::ImportOptions opt;
  opt.format = mapping.format;
  opt.mode = choices.mode;
  opt.policy = choices.policy;
  opt.mapping = std::move(mapping);
  opt.tags = choices.tags;
  opt.encoding = choices.encoding;
  opt.actor = actor;
  opt.cancel = &stopping_;
  opt.on_progress = [job](const store::ImportProgress& p) {
    job->bytes_done = p.bytes_done;
    job->rows_done = p.rows_done;
  };
  std::ostringstream report;
  Result<store::ImportSummary> summary =
      store::ImportCsv(db_, keys_, scope, "/proc/self/fd/" + std::to_string(job->fd), opt, &report);

  std::string record_id;
  bool report_saved = false;
  std::optional<Error> error;
  if (summary) {
    record_id = summary->import_id;
    if (!summary->already_imported && !record_id.empty()) {
      int64_t lines = static_cast<int64_t>(summary->rejected + summary->suggested + summary->warnings);
      Status saved = db_.Transact([&](store::Tx& tx) -> Status {
        Result<std::shared_ptr<const store::OrgKeys>> keys = keys_.ForOrg(tx, scope.org_id());
        if (!keys) return keys.error();
        return store::ImportHistory(tx, scope, **keys).Attach(record_id, job->filename, report.str(), lines);
      }, store::TxMode::kWrite, scope.org_id());
      report_saved = saved.ok();
      if (!saved) error = saved.error();
    }
    if (summary->stopped) {
      error = Error::Unavailable("the server stopped during this import; " +
                                 std::string(opt.mode == store::ImportMode::kPartial
                                                 ? "start the same file again to continue where it stopped"
                                                 : "nothing was imported; start it again"));
    } else if (!summary->committed && !summary->already_imported) {
      error = Error::InvalidInput("file", std::to_string(summary->rejected + summary->suggested) +
                                              " rows could not be imported, so in all-or-nothing mode nothing was; "
                                              "download the report, fix those rows (or choose partial) and upload "
                                              "the file again");
    }
  } else {
    error = summary.error();
  }

  std::lock_guard<std::mutex> lock(mu_);
  ::close(job->fd);
  job->fd = -1;
  job->finished_at_ms = store::NowMillis();
  if (summary) job->summary = *summary;
  job->record_id = record_id;
  job->report_available = report_saved;
  job->error = error;
  job->state = error ? ImportJobState::kFailed : ImportJobState::kCompleted;
}

Result<ImportStatus> ImportJobs::Get(const store::Scope& scope, const std::string& user_id, const std::string& id,
                                     int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  SweepLocked(now_ms);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->org_id != scope.org_id() ||
      (it->second->state == ImportJobState::kStaged && it->second->user_id != user_id)) {
    return Error::NotFound("no such import");
  }
  return StatusOf(*it->second);
}

}  // namespace hotshop::api
