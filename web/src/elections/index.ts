// SPDX-License-Identifier: AGPL-3.0-or-later
// What other features may use from elections: the dashboard embeds
// <DeadlinesSummary org campaignId limit? /> (the next 5 deadlines).
export { DeadlinesSummary } from './components/DeadlinesSummary';
export type { DeadlinesSummaryProps } from './components/DeadlinesSummary';
