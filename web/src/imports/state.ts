// SPDX-License-Identifier: AGPL-3.0-or-later
// Following a running import: GET its status every ~400 ms until it has
// finished (J5.3: "never a blocked UI with no progress"). A dropped poll (no
// answer, 5xx, 429) is retried with a growing pause (up to 5 s) and reported
// as `reconnecting`, never as a failure of the page; an answer that will not
// change by asking again (404 expired or unknown, 401, 403) stops it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../http/client';
import { getImport, type ImportStatus } from './api';

export const kPollMs = 400;
const kMaxBackoffMs = 5000;

export function isFinished(s: ImportStatus): boolean {
  return s.state === 'completed' || s.state === 'failed';
}

function retryable(p: Problem): boolean {
  return p.status === 0 || p.status >= 500 || p.status === 429 || p.status === 408;
}

export interface Poll {
  /** The last polls failed; still trying. */
  reconnecting: boolean;
}

/**
 * Polls GET /api/orgs/{org}/imports/{id} while `id` is set. Calls onStatus
 * with each answer (the last one is finished) and onProblem once when
 * polling stops on an error.
 */
export function useImportPolling(
  org: string,
  id: string | null,
  onStatus: (s: ImportStatus) => void,
  onProblem: (p: Problem) => void,
): Poll {
  const [reconnecting, setReconnecting] = useState(false);
  const handlers = useRef({ onStatus, onProblem });
  handlers.current = { onStatus, onProblem };

  useEffect(() => {
    if (!org || !id) return;
    const abort = new AbortController();
    let timer: number | undefined;
    let failures = 0;
    const tick = async () => {
      const r = await getImport(org, id, abort.signal);
      if (abort.signal.aborted) return;
      let wait = kPollMs;
      if (r.ok) {
        failures = 0;
        setReconnecting(false);
        handlers.current.onStatus(r.value);
        if (isFinished(r.value)) return;
      } else if (retryable(r.problem)) {
        failures += 1;
        setReconnecting(true);
        const after = r.problem.retryAfter !== undefined ? r.problem.retryAfter * 1000 : 0;
        wait = Math.max(after, Math.min(kPollMs * 2 ** failures, kMaxBackoffMs));
      } else {
        setReconnecting(false);
        handlers.current.onProblem(r.problem);
        return;
      }
      timer = window.setTimeout(() => void tick(), wait);
    };
    void tick();
    return () => {
      abort.abort();
      if (timer !== undefined) window.clearTimeout(timer);
      setReconnecting(false);
    };
  }, [org, id]);

  return { reconnecting };
}
