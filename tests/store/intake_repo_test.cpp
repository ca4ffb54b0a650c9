// SPDX-License-Identifier: AGPL-3.0-or-later
// Intakes in the store (migration 0011; issue #5), on SQLite and
// PostgreSQL: quarantine with sealed fields, idempotent submissions, repeat
// requests that keep the SLA clock (J1.2), the pipeline (RULE R22), spam,
// merges that need a person's reason, duplicate suggestions through the
// blind indexes, opening a campaign, and the retention purge with legal
// holds (RULE R40, R41). Time is a parameter throughout.
#include <gtest/gtest.h>

#include "store/intake_campaign.h"
#include "store/intake_repo.h"
#include "store/person_repo.h"
#include "workplace_test_support.h"

namespace hotshop::testing {
namespace {

using store::IntakeRepo;
using store::OrgKeys;
using store::Scope;
using store::Tx;
using S = core::IntakeStage;

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kT0 = 1'780'000'000'000;

class IntakeRepoTest : public WorkplaceTestBase {
 protected:
  store::NewIntake Form(const std::string& submission, const std::string& phone = "+15550100101") {
    store::NewIntake n;
    n.submission_id = submission;
    n.name = "Rosa Example";
    n.phone = phone;
    n.employer = "Harbor View Hotel";
    n.story = "They cut our hours after we asked about overtime.";
    n.city = "Austin";
    n.zip = "78701";
    n.region = "TX";
    n.industry = "hotels";
    n.size_band = "11-50";
    n.language = "es";
    n.best_time = "evenings";
    n.consent_version = "2026-12-01";
    return n;
  }
  Result<store::SubmitOutcome> Submit(const store::NewIntake& n, int64_t now, const std::string& org = "",
                                      int64_t repeat_days = 30) {
    return Run<store::SubmitOutcome>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return IntakeRepo(tx, s, k).Submit(n, repeat_days, now);
    }, org);
  }
  store::Intake Get(const std::string& id) {
    auto i = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) { return IntakeRepo(tx, s, k).Get(id); });
    EXPECT_TRUE(i.ok()) << i.error().message();
    return i.ok() ? *i : store::Intake{};
  }
  std::vector<store::Intake> Queue(const store::IntakeQueueFilter& f, int64_t now) {
    auto q = Run<std::vector<store::Intake>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return IntakeRepo(tx, s, k).Queue(f, 48, now);
    });
    EXPECT_TRUE(q.ok()) << q.error().message();
    return q.ok() ? *q : std::vector<store::Intake>{};
  }
  int64_t Count(const std::string& sql) {
    auto r = store::TransactValue<int64_t>(*db_, [&](Tx& tx) -> Result<int64_t> {
      auto rows = tx.Query(sql);
      if (!rows) return rows.error();
      return (*rows)[0].Int(0);
    });
    return r.ok() ? *r : -1;
  }
};
HOTSHOP_ON_BOTH_DATABASES(IntakeRepoTest);

TEST_P(IntakeRepoTest, ASubmissionLandsInQuarantineSealed) {
  auto out = Submit(Form("sub-1"), kT0);
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->kind, store::SubmitOutcome::Kind::kNew);
  store::Intake i = Get(out->intake_id);
  EXPECT_EQ(i.stage, S::kNew);
  EXPECT_EQ(i.received_at_ms, kT0);
  EXPECT_EQ(i.name, "Rosa Example");
  EXPECT_EQ(i.phone, "+15550100101");
  EXPECT_EQ(i.story, "They cut our hours after we asked about overtime.");
  EXPECT_EQ(i.language, "es");
  EXPECT_EQ(i.consent_version, "2026-12-01");
  // At rest: no clear name, phone or story anywhere in the row.
  auto raw = store::TransactValue<std::string>(*db_, [&](Tx& tx) -> Result<std::string> {
    auto r = tx.Query("SELECT name_ct, phone_ct, story_ct FROM intakes");
    if (!r) return r.error();
    return (*r)[0].Blob(0) + (*r)[0].Blob(1) + (*r)[0].Blob(2);
  });
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->find("Rosa"), std::string::npos);
  EXPECT_EQ(raw->find("5550100101"), std::string::npos);
  EXPECT_EQ(raw->find("overtime"), std::string::npos);
  auto events = Run<std::vector<store::IntakeEvent>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Events(out->intake_id);
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, "received");
  EXPECT_EQ((*events)[0].actor, "public");
}

TEST_P(IntakeRepoTest, TheSameSubmissionIdTwiceMakesOneIntake) {
  auto a = Submit(Form("double-tap"), kT0);
  auto b = Submit(Form("double-tap"), kT0 + 400);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->kind, store::SubmitOutcome::Kind::kRetry);
  EXPECT_EQ(a->intake_id, b->intake_id);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events"), 1);
}

// J1.2: asks again 5 days later -> one intake, "repeat request", SLA overdue.
TEST_P(IntakeRepoTest, ARepeatRequestKeepsTheOriginalTimeSoTheSlaStaysOverdue) {
  auto first = Submit(Form("first"), kT0);
  store::NewIntake again = Form("second");
  again.story = "Still waiting, now they changed my shifts.";
  auto second = Submit(again, kT0 + 5 * kDay);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(second->kind, store::SubmitOutcome::Kind::kRepeat);
  EXPECT_EQ(second->intake_id, first->intake_id);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 1);
  store::Intake i = Get(first->intake_id);
  EXPECT_EQ(i.received_at_ms, kT0);
  EXPECT_EQ(i.last_request_at_ms, kT0 + 5 * kDay);
  EXPECT_EQ(i.repeat_count, 1);
  store::IntakeQueueFilter overdue;
  overdue.overdue_only = true;
  auto q = Queue(overdue, kT0 + 5 * kDay);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].id, first->intake_id);
  auto events = Run<std::vector<store::IntakeEvent>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Events(first->intake_id);
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].kind, "repeat");
  EXPECT_EQ((*events)[1].note, "Still waiting, now they changed my shifts.");
  // The same email, a different phone, also attaches.
  store::NewIntake by_email = Form("third", "+15550100199");
  by_email.email = "rosa.m@example.org";
  auto third = Submit(by_email, kT0 + 6 * kDay);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->kind, store::SubmitOutcome::Kind::kNew);  // the first had no email
  auto fourth = Submit([&] { auto n = Form("fourth", ""); n.email = "rosa.m@example.org"; return n; }(), kT0 + 7 * kDay);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->kind, store::SubmitOutcome::Kind::kRepeat);
  EXPECT_EQ(fourth->intake_id, third->intake_id);
}

TEST_P(IntakeRepoTest, RepeatsOutsideTheWindowOrOfSpamOrClosedRequestsStartANewIntake) {
  auto first = Submit(Form("a"), kT0);
  ASSERT_TRUE(first.ok());
  auto late = Submit(Form("b"), kT0 + 31 * kDay);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->kind, store::SubmitOutcome::Kind::kNew);
  store::Intake i = Get(late->intake_id);
  auto spam = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).MarkSpam(i.id, i.version, true, "test flood", "u", kT0 + 31 * kDay);
  });
  ASSERT_TRUE(spam.ok());
  auto c = Submit(Form("c"), kT0 + 32 * kDay);
  ASSERT_TRUE(c.ok());
  // The first is outside the window, the second is spam: a new one.
  EXPECT_EQ(c->kind, store::SubmitOutcome::Kind::kNew);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 3);
}

TEST_P(IntakeRepoTest, AnotherOrgNeitherSeesNorAbsorbsTheRequest) {
  auto first = Submit(Form("x"), kT0);
  ASSERT_TRUE(first.ok());
  std::string other = NewOrg("intake-other");
  auto there = Submit(Form("x"), kT0 + 1, other);  // same submission id and phone, other org
  ASSERT_TRUE(there.ok());
  EXPECT_EQ(there->kind, store::SubmitOutcome::Kind::kNew);
  auto cross = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Get(first->intake_id);
  }, other);
  ASSERT_FALSE(cross.ok());
  EXPECT_EQ(cross.error().code(), ErrorCode::kNotFound);
}

TEST_P(IntakeRepoTest, TheQueueIsOldestFirstAndFilters) {
  store::NewIntake es_tx = Form("1");
  auto a = Submit(es_tx, kT0 + 2 * kDay);
  store::NewIntake en_ca = Form("2", "+15550100102");
  en_ca.language = "en";
  en_ca.region = "CA";
  en_ca.zip = "90012";
  en_ca.industry = "warehouses";
  auto b = Submit(en_ca, kT0);
  store::NewIntake es_tx2 = Form("3", "+15550100103");
  auto c = Submit(es_tx2, kT0 + 3 * kDay);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto all = Queue({}, kT0 + 4 * kDay);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, b->intake_id);
  EXPECT_EQ(all[1].id, a->intake_id);
  EXPECT_EQ(all[2].id, c->intake_id);
  store::IntakeQueueFilter f;
  f.language = "es";
  f.region = "TX";
  auto es = Queue(f, kT0 + 4 * kDay);
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].id, a->intake_id);
  f = {};
  f.industry = "warehouses";
  EXPECT_EQ(Queue(f, kT0 + 4 * kDay).size(), 1u);
  f = {};
  f.min_age_ms = 2 * kDay;  // at least two days old
  EXPECT_EQ(Queue(f, kT0 + 4 * kDay).size(), 2u);
  f = {};
  f.max_age_ms = 1 * kDay + 1;  // at most a day old
  auto young = Queue(f, kT0 + 4 * kDay);
  ASSERT_EQ(young.size(), 1u);
  EXPECT_EQ(young[0].id, c->intake_id);
  f = {};
  f.overdue_only = true;
  EXPECT_EQ(Queue(f, kT0 + 4 * kDay).size(), 1u);           // exactly 48 h is not yet overdue
  EXPECT_EQ(Queue(f, kT0 + 4 * kDay + 1).size(), 2u);       // 4 days and 48 h + 1 ms; 1 day is not
}

TEST_P(IntakeRepoTest, R22IllegalStepsAndStaleVersionsChangeNothing) {
  auto out = Submit(Form("s"), kT0);
  ASSERT_TRUE(out.ok());
  store::Intake before = Get(out->intake_id);
  auto skip = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Transition(before.id, before.version, S::kAssessed, "", "u", kT0 + 1);
  });
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().field(), "stage");
  auto stale = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Transition(before.id, before.version + 1, S::kTriaged, "", "u", kT0 + 1);
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  store::Intake after = Get(out->intake_id);
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.stage, S::kNew);
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events"), 1);
  // The legal path, each step timestamped.
  auto step = [&](S to, const std::string& reason, int64_t at) {
    store::Intake cur = Get(out->intake_id);
    auto r = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return IntakeRepo(tx, s, k).Transition(cur.id, cur.version, to, reason, "dispatcher-1", at);
    });
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : store::Intake{};
  };
  EXPECT_EQ(step(S::kTriaged, "", kT0 + 10).stage_changed_at_ms, kT0 + 10);
  store::Intake closed = step(S::kClosed, "wrong number, not reachable", kT0 + 20);
  EXPECT_EQ(closed.close_reason, "wrong number, not reachable");
  store::Intake reopened = step(S::kTriaged, "she called back", kT0 + 30);
  EXPECT_EQ(reopened.close_reason, "");
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE kind = 'stage'"), 3);
}

TEST_P(IntakeRepoTest, AssignDeclineAndFirstContact) {
  auto out = Submit(Form("m"), kT0);
  ASSERT_TRUE(out.ok());
  const std::string organizer = "0190f000-0000-7000-8000-000000000001";
  store::Intake i = Get(out->intake_id);
  auto matched = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Assign(i.id, i.version, organizer, "d", kT0 + 1);
  });
  ASSERT_TRUE(matched.ok()) << matched.error().message();
  EXPECT_EQ(matched->stage, S::kMatched);
  EXPECT_EQ(matched->assigned_to, organizer);
  auto no_reason = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Decline(i.id, matched->version, "", organizer, kT0 + 2);
  });
  ASSERT_FALSE(no_reason.ok());
  auto declined = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Decline(i.id, matched->version, "no capacity this month", organizer, kT0 + 2);
  });
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->stage, S::kTriaged);  // J2.2: back in the queue
  EXPECT_EQ(declined->assigned_to, "");
  auto again = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Assign(i.id, declined->version, organizer, "d", kT0 + 3);
  });
  ASSERT_TRUE(again.ok());
  auto contact = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).RecordFirstContact(i.id, again->version, kT0 + 3 * kDay, organizer, kT0 + 3 * kDay + 5);
  });
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->first_contact_at_ms, kT0 + 3 * kDay);
  store::IntakeQueueFilter overdue;
  overdue.overdue_only = true;
  EXPECT_TRUE(Queue(overdue, kT0 + 10 * kDay).empty());  // the clock stopped
  // History kept: received, assign, decline, assign, stage.
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events"), 5);
}

TEST_P(IntakeRepoTest, DuplicatesAreSuggestedAndMergedOnlyWithAReason) {
  std::string rosa = NewPerson("Rosa Example", "+15550100101", campaign_);
  auto a = Submit(Form("a"), kT0);
  ASSERT_TRUE(a.ok());
  store::NewIntake other = Form("b", "+15550100177");
  other.email = "rosa.m@example.org";
  auto b = Submit(other, kT0 + kDay);
  ASSERT_TRUE(b.ok());
  // Attach the phone to b's record too: a different phone's intake sharing the email.
  store::NewIntake c_form = Form("c", "+15550100101");
  c_form.email = "rosa.m@example.org";
  // c attaches to a (same phone, open): a repeat, not a new record.
  auto c = Submit(c_form, kT0 + 2 * kDay);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->intake_id, a->intake_id);
  auto dups = Run<std::vector<store::DuplicateSuggestion>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Duplicates(a->intake_id);
  });
  ASSERT_TRUE(dups.ok()) << dups.error().message();
  ASSERT_EQ(dups->size(), 1u);  // the person with the same phone
  EXPECT_EQ((*dups)[0].kind, "person");
  EXPECT_EQ((*dups)[0].id, rosa);
  EXPECT_EQ((*dups)[0].match, "phone");
  EXPECT_EQ(Count("SELECT count(*) FROM intakes WHERE person_id IS NOT NULL"), 0);  // never automatic

  store::Intake ib = Get(b->intake_id);
  auto no_reason = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).MergeInto(ib.id, ib.version, a->intake_id, " ", "d", kT0 + 3 * kDay);
  });
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field(), "reason");
  EXPECT_EQ(Get(b->intake_id).version, ib.version);
  // Merge the older into the younger: the survivor takes the older clock.
  store::Intake ia = Get(a->intake_id);
  auto merged = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).MergeInto(ia.id, ia.version, b->intake_id, "same worker, two phones", "d", kT0 + 3 * kDay);
  });
  ASSERT_TRUE(merged.ok()) << merged.error().message();
  EXPECT_EQ(merged->id, b->intake_id);
  EXPECT_EQ(merged->received_at_ms, kT0);
  store::Intake gone = Get(a->intake_id);
  EXPECT_EQ(gone.stage, S::kClosed);
  EXPECT_EQ(gone.close_reason, "merged");
  EXPECT_EQ(gone.merged_into_id, b->intake_id);
  auto link = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).LinkPerson(merged->id, merged->version, rosa, "confirmed on the phone", "d", kT0 + 4 * kDay);
  });
  ASSERT_TRUE(link.ok()) << link.error().message();
  EXPECT_EQ(link->person_id, rosa);
}

TEST_P(IntakeRepoTest, OpeningACampaignMakesEmployerWorksiteAndFirstPersonInOneTransaction) {
  store::NewIntake n = Form("o");
  n.email = "rosa@harborviewhotel.com";
  n.work_email = true;
  auto out = Submit(n, kT0);
  ASSERT_TRUE(out.ok());
  store::Intake i = Get(out->intake_id);
  // Not matched yet: refused, nothing created.
  const int64_t campaigns_before = Count("SELECT count(*) FROM campaigns");
  auto early = Run<store::OpenedCampaign>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::OpenCampaignFromIntake(tx, s, k, i.id, i.version, {}, "d", kT0 + 1);
  });
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field(), "stage");
  EXPECT_EQ(Count("SELECT count(*) FROM campaigns"), campaigns_before);
  auto matched = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).Assign(i.id, i.version, "0190f000-0000-7000-8000-000000000001", "d", kT0 + 2);
  });
  ASSERT_TRUE(matched.ok());
  auto opened = Run<store::OpenedCampaign>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::OpenCampaignFromIntake(tx, s, k, i.id, matched->version, {}, "d", kT0 + 3);
  });
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  EXPECT_EQ(Count("SELECT count(*) FROM campaigns"), campaigns_before + 1);
  store::Intake after = Get(i.id);
  EXPECT_EQ(after.stage, S::kCampaignOpened);
  EXPECT_EQ(after.campaign_id, opened->campaign_id);
  EXPECT_EQ(after.person_id, opened->person_id);
  auto person = Run<store::Person>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::PersonRepo(tx, s, k).Get(opened->person_id);
  });
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->name, "Rosa Example");
  EXPECT_EQ(person->campaign_id, opened->campaign_id);
  EXPECT_EQ(person->phone, "+15550100101");
  EXPECT_EQ(person->email, "");  // R38: the work email is not copied
  EXPECT_EQ(person->preferred_language, "es");
  auto emp = Run<store::Employer>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return store::WorkplaceRepo(tx, s, k).GetEmployer(opened->employer_id);
  });
  ASSERT_TRUE(emp.ok());
  EXPECT_EQ(emp->name, "Harbor View Hotel");
  EXPECT_EQ(Count("SELECT count(*) FROM employment WHERE valid_to_ms IS NULL"), 1);
}

// R40, R41: unresolved intakes go after the retention, unless held.
TEST_P(IntakeRepoTest, R41PurgeDeletesUnresolvedIntakesAfterRetentionR40UnlessHeld) {
  auto old_a = Submit(Form("old-a"), kT0);
  auto old_b = Submit(Form("old-b", "+15550100102"), kT0);
  auto young = Submit(Form("young", "+15550100103"), kT0 + 60 * kDay);
  ASSERT_TRUE(old_a.ok() && old_b.ok() && young.ok());
  store::Intake b = Get(old_b->intake_id);
  auto held = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).SetLegalHold(b.id, b.version, true, "subpoena 26-CV-0101", "admin", kT0 + 1);
  });
  ASSERT_TRUE(held.ok());
  EXPECT_TRUE(held->legal_hold);
  auto purge = [&](int64_t now, int64_t* kept) {
    auto r = Run<std::vector<std::string>>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
      return IntakeRepo(tx, s, k).PurgeExpired(90, now, kept);
    });
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : std::vector<std::string>{};
  };
  int64_t kept = -1;
  EXPECT_TRUE(purge(kT0 + 90 * kDay, &kept).empty());  // not yet past 90 days
  auto gone = purge(kT0 + 91 * kDay, &kept);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0], old_a->intake_id);
  EXPECT_EQ(kept, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM intake_events WHERE intake_id = '" + old_a->intake_id + "'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM intake_submissions WHERE intake_id = '" + old_a->intake_id + "'"), 0);
  // Released: the next purge takes it.
  store::Intake hb = Get(old_b->intake_id);
  auto released = Run<store::Intake>([&](Tx& tx, const Scope& s, const OrgKeys& k) {
    return IntakeRepo(tx, s, k).SetLegalHold(hb.id, hb.version, false, "case closed", "admin", kT0 + 92 * kDay);
  });
  ASSERT_TRUE(released.ok());
  // The release is activity of the hold, not of the request: the request is still expired.
  auto gone2 = purge(kT0 + 92 * kDay, &kept);
  ASSERT_EQ(gone2.size(), 1u);
  EXPECT_EQ(kept, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM intakes"), 1);
}

}  // namespace
}  // namespace hotshop::testing
