// SPDX-License-Identifier: AGPL-3.0-or-later
// Partner organizations and referrals between them (security-model.md §3
// "Referral with consent"; journeys J2.3; docs/api.md "Referrals"):
// - partners: admins list partner orgs (a partnership is active when both
//   orgs list each other); dispatchers read the list to refer;
// - A's side: record the worker's consent (channel, fields; who and when
//   are the signed-in user and now) and offer the request to a partner;
//   list a request's referrals; withdraw (B's copy is erased);
// - B's side: the anonymous cards (industry, city, size band); accept (only
//   then are the consented fields copied under B's keys) or decline; the
//   copy of an accepted referral. Nothing before acceptance, nothing after
//   withdrawal or expiry (§4 #11).
// Every step is audited in both orgs.
#pragma once

#include "api/context.h"
#include "http/message.h"

namespace hotshop::api {

http::Response GetPartners(const http::Request& req, Context& ctx);
http::Response PostPartner(const http::Request& req, Context& ctx);
http::Response PostPartnerRemove(const http::Request& req, Context& ctx);
http::Response GetIntakeReferrals(const http::Request& req, Context& ctx);
http::Response PostIntakeReferral(const http::Request& req, Context& ctx);
http::Response PostIntakeReferralWithdraw(const http::Request& req, Context& ctx);
http::Response GetIncomingReferrals(const http::Request& req, Context& ctx);
http::Response PostIncomingReferralAnswer(const http::Request& req, Context& ctx);

}  // namespace hotshop::api
