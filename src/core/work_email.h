// SPDX-License-Identifier: AGPL-3.0-or-later
// Work email check: does an address a worker gives as "a safe way to reach
// me" look like the employer's? The intake page warns inline, and the
// dispatcher sees the flag, so nobody writes to a mailbox the boss can read.
//
// Pure; thread-safe.
//
// RULE R38 [S44, S45]: employers may restrict company email and Slack;
//   never use company channels; warn when a contact's email has the
//   employer's domain. Interpretation: kEmployer when the domain is the
//   employer's website domain (or under it), or when its main label spells
//   the employer's name or one of its distinctive words; kWorkLike when it
//   is not a known personal mailbox provider (most other domains are an
//   employer's, a school's or a government's). web/src/intake/workEmail.ts
//   mirrors this for the inline warning.
#pragma once

#include <string>
#include <string_view>

namespace hotshop::core {

enum class WorkEmail {
  kPersonal,  // a known personal provider (gmail.com, outlook.com, ...)
  kWorkLike,  // some other domain: probably an employer's
  kEmployer,  // the employer's own domain (or its name)
};

const char* WorkEmailName(WorkEmail w);  // "personal", "work_like", "employer"

// email: any case; employer: the name the worker typed; employer_site: an
// optional website or domain ("https://www.harborview.example/jobs").
// An address without "@" is kPersonal (nothing to say about it).
WorkEmail CheckWorkEmail(std::string_view email, std::string_view employer, std::string_view employer_site);

// The lowercased domain of an email ("" without "@").
std::string EmailDomain(std::string_view email);

}  // namespace hotshop::core
