// SPDX-License-Identifier: AGPL-3.0-or-later
// RULE R38: warn when a worker's "safe" email is on the employer's domain.
#include "core/work_email.h"

#include <gtest/gtest.h>

namespace hotshop::core {
namespace {

TEST(WorkEmail, R38TheEmployersWebsiteDomainAndItsSubdomains) {
  EXPECT_EQ(CheckWorkEmail("rosa@harborview.example", "Harbor View Hotel", "https://www.harborview.example/jobs"),
            WorkEmail::kEmployer);
  EXPECT_EQ(CheckWorkEmail("Rosa@Mail.HarborView.example", "", "harborview.example"), WorkEmail::kEmployer);
  // A look-alike suffix is not a subdomain.
  EXPECT_NE(CheckWorkEmail("rosa@notharborview.example", "Acme", "harborview.example"), WorkEmail::kEmployer);
}

TEST(WorkEmail, R38ADomainThatSpellsTheEmployersName) {
  EXPECT_EQ(CheckWorkEmail("rosa@harborviewhotel.com", "Harbor View Hotel", ""), WorkEmail::kEmployer);
  EXPECT_EQ(CheckWorkEmail("rosa@harborview.com", "Harbor View Hotel", ""), WorkEmail::kEmployer);
  EXPECT_EQ(CheckWorkEmail("ana@copperkettle.co.uk", "Copper Kettle Coffee", ""), WorkEmail::kEmployer);
  EXPECT_EQ(CheckWorkEmail("sam@acmelogistics.com", "ACME Logistics Inc.", ""), WorkEmail::kEmployer);
  // "hotel" alone is generic: another hotel chain's domain is only work-like.
  EXPECT_EQ(CheckWorkEmail("rosa@grandhotel.example", "Harbor View Hotel", ""), WorkEmail::kWorkLike);
}

TEST(WorkEmail, R38PersonalProvidersAreFineOtherDomainsLookLikeWork) {
  EXPECT_EQ(CheckWorkEmail("rosa.m@gmail.com", "Harbor View Hotel", "harborview.example"), WorkEmail::kPersonal);
  EXPECT_EQ(CheckWorkEmail("rosa@OUTLOOK.com", "Outlook Diner", ""), WorkEmail::kPersonal);
  EXPECT_EQ(CheckWorkEmail("rosa@yahoo.com.mx", "", ""), WorkEmail::kPersonal);
  EXPECT_EQ(CheckWorkEmail("rosa@bigcorp.example", "Harbor View Hotel", ""), WorkEmail::kWorkLike);
  EXPECT_EQ(CheckWorkEmail("no-at-sign", "Harbor View Hotel", ""), WorkEmail::kPersonal);
  EXPECT_STREQ(WorkEmailName(WorkEmail::kEmployer), "employer");
  EXPECT_EQ(EmailDomain("A@B.Example."), "b.example");
}

}  // namespace
}  // namespace hotshop::core
