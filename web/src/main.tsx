// SPDX-License-Identifier: AGPL-3.0-or-later
// Entry point: styles, i18n, then the app.
import { render } from 'preact';
import './ui/ui.css';
import './app/app.css';
import { App } from './app/App';
import { initI18n } from './i18n';

initI18n();
const root = document.getElementById('root');
if (root) render(<App />, root);
