// SPDX-License-Identifier: AGPL-3.0-or-later
// Replaces the current history entry with another path once rendered.
import { useEffect } from 'preact/hooks';
import { navigate } from '../router';

export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
