// SPDX-License-Identifier: AGPL-3.0-or-later
// Intakes of one org (migration 0011): workers' requests for help from the
// public form, in quarantine until a dispatcher triages them, and their
// pipeline (core/intake_pipeline.h, R22), history (intake_events), spam
// marks, legal holds, assignment and merges.
//
// What the worker typed that names or describes them is sealed under the
// org's data key (table, column, row and org bound in, security-model.md
// §2.3); phone and email carry the same per-org blind indexes as people
// (§2.4), so duplicate suggestions reach intakes and people alike. Nothing
// here merges on its own: Submit attaches a repeat request to the open
// intake of the same phone or email (J1.2) and never touches people;
// merges are a person's decision (MergeInto, LinkPerson) with a reason.
//
// Every change takes the intake's expected version (kPreconditionFailed
// when stale), appends an intake_events row and bumps the version; the
// caller writes the audit event (ids only). All times are parameters.
//
// Thread rule: stateless over a Tx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/intake_pipeline.h"
#include "core/result.h"
#include "store/database.h"
#include "store/key_service.h"
#include "store/scope.h"

namespace hotshop::store {

// Per-org settings (intake_settings; defaults when the org has no row).
struct IntakeSettings {
  int64_t sla_hours = 48;        // first human contact within (J2.1)
  int64_t retention_days = 90;   // unresolved intakes purged after (R41)
  int64_t repeat_days = 30;      // a new request within this attaches (J1.2)
  int64_t version = 1;           // 1 = the defaults (no row yet); each change adds 1
};

Result<IntakeSettings> GetIntakeSettings(Tx& tx, const Scope& scope);
// Errors: kInvalidInput naming the field out of range (sla_hours 1..720,
// retention_days 1..3650, repeat_days 0..365); kPreconditionFailed when
// expected_version is not the current one (1 for the defaults).
Result<IntakeSettings> PutIntakeSettings(Tx& tx, const Scope& scope, const IntakeSettings& s,
                                         int64_t expected_version, int64_t now_ms);

// What the public form carries, validated and normalized by the caller.
struct NewIntake {
  std::string submission_id;  // the client's random id (idempotency key)
  std::string name;           // required: a name or nickname
  std::string phone;          // E.164 or ""
  std::string email;          // io::NormalizeEmail form (as people's) or ""
  bool work_email = false;    // R38: looked like the employer's domain
  std::string employer;
  std::string best_time;
  std::string story;          // "what is going on"
  std::string city;
  std::string zip;
  std::string region;
  std::string industry;
  std::string size_band;      // "", "1-10", "11-50", "51-200", "201-500", "500+"
  std::string language;       // "en", "es", ...
  std::string consent_version;
};

struct SubmitOutcome {
  enum class Kind {
    kNew,         // a new intake
    kRepeat,      // attached to the open intake of the same phone/email
    kRetry,       // this submission id was seen already: nothing written
  };
  Kind kind = Kind::kNew;
  std::string intake_id;
};

struct Intake {
  std::string id;
  core::IntakeStage stage = core::IntakeStage::kNew;
  int64_t received_at_ms = 0;       // the FIRST request: the SLA clock
  int64_t last_request_at_ms = 0;
  int64_t repeat_count = 0;
  std::string name, phone, email;
  bool work_email = false;
  std::string employer, best_time, story;
  std::string city, zip, region, industry, size_band, language, consent_version;
  bool spam = false;
  std::string spam_reason;
  bool legal_hold = false;
  std::string legal_hold_reason;
  std::string assigned_to;          // user id or ""
  std::string person_id;            // linked person or ""
  std::string merged_into_id;       // "" unless merged into another intake
  std::string campaign_id;          // the campaign opened from it, or ""
  std::string close_reason;
  std::optional<int64_t> first_contact_at_ms;
  int64_t stage_changed_at_ms = 0;
  int64_t version = 1;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct IntakeEvent {
  std::string id;
  int64_t at_ms = 0;
  std::string actor;  // a user id, "public" or "system"
  std::string kind;   // received, repeat, stage, spam, unspam, merge, assign, decline, hold, release, reminder
  std::string from_stage, to_stage;
  std::string note;   // a reason, or a repeat request's text
};

// The triage queue. Empty fields do not filter.
struct IntakeQueueFilter {
  std::vector<core::IntakeStage> stages;  // empty = every open stage
  std::string region, industry, language;
  std::optional<int64_t> min_age_ms;      // received at least this long ago
  std::optional<int64_t> max_age_ms;      // received at most this long ago
  bool spam = false;                      // true: only spam; false: no spam
  bool overdue_only = false;              // no first contact, older than the SLA
  std::string assigned_to;                // only intakes assigned to this user
  int64_t limit = 200;
};

// A possible duplicate of an intake: another intake or a person with the
// same phone or email (blind index candidates, decrypted and compared).
struct DuplicateSuggestion {
  std::string kind;       // "intake" or "person"
  std::string id;
  std::string match;      // "phone", "email" or "phone,email"
  std::string name, phone, email;
  std::string campaign_id;  // person: its campaign; intake: the one opened, or ""
  std::string stage;        // intake: its stage
  int64_t received_at_ms = 0;  // intake only
};

class IntakeRepo {
 public:
  IntakeRepo(Tx& tx, const Scope& scope, const OrgKeys& keys) : tx_(tx), scope_(scope), keys_(keys) {}

  // Lands a public submission (quarantine, stage new). The same work is
  // done whether or not the phone or email is known (security-model.md §4
  // #23): both blind indexes are computed and looked up every time.
  // - submission_id seen before: kRetry, nothing written.
  // - an open, non-spam intake whose phone or email equals this one's and
  //   whose last request is within repeat_days: kRepeat; its received time
  //   stays, last_request_at and repeat_count move, the new text is kept as
  //   a "repeat" event.
  // - else a new intake with a "received" event.
  // REQUIRES: n.name and n.submission_id non-empty.
  Result<SubmitOutcome> Submit(const NewIntake& n, int64_t repeat_days, int64_t now_ms);

  // Errors: kNotFound (missing or another org); kInternal when a sealed
  // field does not open.
  Result<Intake> Get(const std::string& id);
  // Oldest first (received_at, id). sla_hours feeds overdue_only.
  Result<std::vector<Intake>> Queue(const IntakeQueueFilter& f, int64_t sla_hours, int64_t now_ms);
  // Oldest first.
  Result<std::vector<IntakeEvent>> Events(const std::string& id);

  // A pipeline step (core::CheckIntakeTransition). Closing stores the
  // reason as close_reason. Errors: kInvalidInput("stage"/"reason"),
  // kPreconditionFailed, kNotFound.
  Result<Intake> Transition(const std::string& id, int64_t expected_version, core::IntakeStage to,
                            const std::string& reason, const std::string& actor, int64_t now_ms);
  // Spam mark (reversible, spam = false unmarks); a reason is required to mark.
  Result<Intake> MarkSpam(const std::string& id, int64_t expected_version, bool spam, const std::string& reason,
                          const std::string& actor, int64_t now_ms);
  // Legal hold (R40): set needs a reason; while set, the purge skips it.
  Result<Intake> SetLegalHold(const std::string& id, int64_t expected_version, bool hold, const std::string& reason,
                              const std::string& actor, int64_t now_ms);
  // Assigns an organizer (matching): assigned_to = user_id, stage ->
  // matched (from new or triaged). Errors as Transition.
  Result<Intake> Assign(const std::string& id, int64_t expected_version, const std::string& user_id,
                        const std::string& actor, int64_t now_ms);
  // The organizer declines or the SLA passed (J2.2): assigned_to cleared,
  // matched -> triaged, history kept. reason required.
  Result<Intake> Decline(const std::string& id, int64_t expected_version, const std::string& reason,
                         const std::string& actor, int64_t now_ms);
  // First human contact at contact_at_ms (the device time of the contact,
  // J3.1): stops the SLA clock; matched -> first_contact.
  Result<Intake> RecordFirstContact(const std::string& id, int64_t expected_version, int64_t contact_at_ms,
                                    const std::string& actor, int64_t now_ms);

  // Other intakes and people with the same phone or email.
  Result<std::vector<DuplicateSuggestion>> Duplicates(const std::string& id);
  // A person's merge of intake `id` into intake `into_id` (reason
  // required): `id` is closed with reason "merged" and merged_into_id set;
  // `into_id` gets a "merge" event and keeps the older received time of
  // the two (the SLA never gets younger). Errors: kInvalidInput("reason"),
  // kInvalidInput("into") for itself or a closed target, kNotFound.
  Result<Intake> MergeInto(const std::string& id, int64_t expected_version, const std::string& into_id,
                           const std::string& reason, const std::string& actor, int64_t now_ms);
  // A person's link of the intake to an existing person (reason required).
  Result<Intake> LinkPerson(const std::string& id, int64_t expected_version, const std::string& person_id,
                            const std::string& reason, const std::string& actor, int64_t now_ms);
  // Records that a campaign was opened from the intake (stage ->
  // campaign_opened, campaign_id, person_id). Used by
  // OpenCampaignFromIntake (store/intake_campaign.h) in its transaction.
  Result<Intake> MarkCampaignOpened(const std::string& id, int64_t expected_version, const std::string& campaign_id,
                                    const std::string& person_id, const std::string& actor, int64_t now_ms);
  // Appends a "reminder" event (the SLA reminder job; no version change).
  Status AddReminder(const std::string& id, const std::string& actor, int64_t now_ms);

  // Retention (R40, R41): deletes every unresolved intake (any stage but
  // campaign_opened and referred) whose last activity (the later of its
  // last request and its last stage change) is more than retention_days
  // before now and which has no legal hold, with its submissions and
  // events. Returns the ids deleted. held_out receives how many were kept
  // only by a legal hold.
  Result<std::vector<std::string>> PurgeExpired(int64_t retention_days, int64_t now_ms, int64_t* held_out);

 private:
  Tx& tx_;
  const Scope& scope_;
  const OrgKeys& keys_;
};

// Key rotation (`hotshop keys rotate`): re-encrypts up to batch sealed
// values of intakes and intake_events not under the newest data key.
// Returns how many rows it changed (0 = done). Idempotent.
Result<int64_t> ReencryptIntakeBatch(Tx& tx, const Scope& scope, const OrgKeys& keys, int batch);

// The SLA reminder job (`hotshop intake remind`): every open, non-spam
// intake without a first contact whose SLA has passed and which got no
// reminder in the last remind_every_ms gets a "reminder" event. Returns
// the ids reminded.
Result<std::vector<std::string>> RemindOverdueIntakes(Tx& tx, const Scope& scope, int64_t sla_hours,
                                                      int64_t remind_every_ms, int64_t now_ms);

}  // namespace hotshop::store
