// SPDX-License-Identifier: AGPL-3.0-or-later
// The session as the UI knows it, kept in memory only (security-model.md,
// ASVS 8.2.2: nothing but the language choice goes to browser storage). The
// server is the authority: the state is loaded from GET /api/session at start
// and on every navigation, and any 401 unauthenticated from any call signs
// the UI out at once (J8.2: a suspended account loses the page on its next
// action).
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../app/router';
import { onSessionProblem } from '../http/client';
import { getSession, logout, type Need, type Session } from './api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'unreachable' }
  | { status: 'signed-in'; session: Session };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const l of [...listeners]) l();
}

export function sessionState(): SessionState {
  return state;
}

/** Replaces the session (after sign-in, a password change, TOTP enrolment). */
export function setSession(session: Session | null): void {
  if (!session) pendingPassword = null;
  set(session ? { status: 'signed-in', session } : { status: 'anonymous' });
}

let inFlight: Promise<void> | null = null;

/** Asks the server who is signed in. Concurrent calls share one request. */
export function loadSession(): Promise<void> {
  if (inFlight) return inFlight;
  inFlight = (async () => {
    const result = await getSession();
    if (result.ok && result.value && typeof result.value === 'object' && result.value.user) {
      set({ status: 'signed-in', session: result.value });
    } else if (!result.ok && (result.problem.status === 0 || result.problem.status >= 500)) {
      // Keep a known session through a blip; otherwise say we can't tell.
      if (state.status !== 'signed-in') set({ status: 'unreachable' });
    } else {
      if (state.status === 'signed-in') pendingPassword = null;
      set({ status: 'anonymous' });
    }
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** Signs out this device and goes to the sign-in page. */
export async function signOut(): Promise<void> {
  await logout();
  setSession(null);
  navigate('/login');
}

export function useSessionState(): SessionState {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return state;
}

/** The signed-in session, or null. */
export function useSession(): Session | null {
  const s = useSessionState();
  return s.status === 'signed-in' ? s.session : null;
}

export function isOrgAdmin(session: Session | null): boolean {
  return !!session?.roles.some((g) => g.role === 'org_admin');
}

/** Where a person lands after signing in: a worker-leader's own unit,
 * everyone else the home page. */
export function landingPath(session: Session): string {
  const roles = session.roles.map((g) => g.role);
  if (roles.length > 0 && roles.every((r) => r === 'worker_leader')) return '/my/unit';
  return '/';
}

/** The setup page a session still needs, or null when none. */
export function setupPath(needs: readonly Need[]): string | null {
  if (needs.includes('password')) return '/setup/password';
  if (needs.includes('totp')) return '/setup/totp';
  return null;
}

/** Only same-origin paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login') || next.startsWith('/setup') || next.startsWith('/invite')) return null;
  return next;
}

// The one-time password typed at sign-in, held in memory (never stored) so the
// "set your own password" step doesn't ask for it again. Cleared on use and
// on sign-out; a reload forgets it and the page asks for it.
let pendingPassword: string | null = null;

export function rememberOneTimePassword(password: string | null): void {
  pendingPassword = password;
}

export function takeOneTimePassword(): string | null {
  return pendingPassword;
}

// Session problems from any API call.
onSessionProblem((problem) => {
  if (problem.code === 'unauthenticated') {
    if (state.status === 'signed-in') setSession(null);
  } else if (problem.code === 'setup_required') {
    void loadSession();
  }
});
