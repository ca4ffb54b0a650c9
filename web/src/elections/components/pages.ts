// SPDX-License-Identifier: AGPL-3.0-or-later
// The elections pages, one chunk loaded on demand (routes.tsx goes through
// LazyRoutes.tsx), so phones that never open them don't download them.
export { ChargesPage } from './ChargesPage';
export { DeadlinesPage } from './DeadlinesPage';
export { ElectionsPage } from './ElectionsPage';
