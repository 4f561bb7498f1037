import { useMemo } from 'react';
import { apiUrl } from '../api/client.js';
import type { TracePage } from '../api/types.js';
import { NothingMatches } from '../components/empty-state.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { TimeRangePicker } from '../components/time-range-picker.js';
import { formatAgo, formatCost, formatCount, formatTime } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { useTimeRange } from '../hooks/use-time-range.js';
import { Link } from '../router/link.js';
import { pageHref, projectOf, useSearchState } from '../router/search-params.js';
import { rangeQuery } from '../time/time-range.js';
import { groupSessions } from './group-sessions.js';

/** The API's largest page: the sessions are read from the newest traces of the range. */
const TRACES_READ = 1000;

export function SessionsPage() {
  const { params } = useSearchState();
  const project = projectOf(params);
  const { range, refresh } = useTimeRange();
  const user = params.get('userId');
  const traces = useApiGet<TracePage>(
    apiUrl('/api/traces', { project, ...rangeQuery(range), userId: user, limit: TRACES_READ }),
  );
  const sessions = useMemo(() => groupSessions(traces.data?.traces ?? []), [traces.data]);

  return (
    <div className="page sessions-page">
      <header className="page-header">
        <h1>Sessions</h1>
        <span className="page-count">{traces.data ? `${sessions.length} sessions` : ''}</span>
        <div className="spacer" />
        <TimeRangePicker range={range} onRefresh={refresh} />
      </header>
      <p className="page-intro muted">
        A session is a conversation: the traces that share a session id (<code>session.id</code>,{' '}
        <code>gen_ai.conversation.id</code>, OpenLLMetry's and the Vercel AI SDK's session metadata), one
        trace per turn.
        {traces.data?.nextCursor ? ` Read from the newest ${TRACES_READ} traces of the range.` : ''}
        {user ? ` Only the sessions of ${user}.` : ''}
      </p>
      {traces.error && <ErrorBox error={traces.error} onRetry={traces.reload} />}
      {!traces.data ? (
        !traces.error && <Loading what="sessions" />
      ) : sessions.length === 0 ? (
        <NothingMatches>
          No trace of {range.label.toLowerCase()} carries a session id. Set <code>session.id</code> (or{' '}
          <code>gen_ai.conversation.id</code>) on a span of each turn to group the turns of a conversation
          here.
        </NothingMatches>
      ) : (
        <div className="scroll-area">
          <table className="data-table" aria-label="Sessions">
            <thead>
              <tr>
                <th>Session</th>
                <th>User</th>
                <th className="num">Turns</th>
                <th>Last turn</th>
                <th>First turn</th>
                <th className="num">Tokens</th>
                <th className="num">Cost</th>
                <th className="num">Failed turns</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.sessionId}>
                  <td>
                    <Link to={pageHref(`/sessions/${encodeURIComponent(session.sessionId)}`, params)}>
                      {session.sessionId}
                    </Link>
                  </td>
                  <td>{session.users.join(', ')}</td>
                  <td className="num">{session.turns}</td>
                  <td title={formatTime(session.lastStart)}>{formatAgo(session.lastStart, range.endMs)}</td>
                  <td>{formatTime(session.firstStart)}</td>
                  <td className="num">{formatCount(session.tokens)}</td>
                  <td className="num">{formatCost(session.costUsd)}</td>
                  <td className={`num ${session.errorTurns > 0 ? 'error-text' : ''}`}>
                    {session.errorTurns}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
