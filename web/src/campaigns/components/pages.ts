// SPDX-License-Identifier: AGPL-3.0-or-later
// Every campaign workplace screen, loaded together on first use (routes.tsx).
import '../campaigns.css';

export { CampaignsPage } from './CampaignsPage';
export { DashboardPage } from './DashboardPage';
export { CommitteePage } from './CommitteePage';
export { ScalesPage } from './ScalesPage';
export { ChartPage } from './ChartPage';
export { CardsPage, CardSummaryPage } from './CardsPage';
export { TestsPage, ParticipationPage } from './TestsPage';
export { PersonPage } from './PersonPage';
export { RollupPage } from './RollupPage';
export { MyUnitPage } from './MyUnitPage';
export { UnitSetupPage } from './UnitSetupPage';
