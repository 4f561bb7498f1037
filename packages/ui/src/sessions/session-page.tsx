import { useMemo } from 'react';
import { apiUrl } from '../api/client.js';
import type { TracePage } from '../api/types.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatCost, formatCount, formatDuration, formatTime } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { Link } from '../router/link.js';
import { pageHref, projectOf, useSearchState } from '../router/search-params.js';
import { groupSessions } from './group-sessions.js';
import { useTurnTexts } from './use-turn-texts.js';

/** Turns shown: a session longer than this shows its latest turns. */
const MAX_TURNS = 200;

/** One session as a conversation: each turn's question and answer, oldest first, with its cost. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const { params } = useSearchState();
  const project = projectOf(params);
  const page = useApiGet<TracePage>(apiUrl('/api/traces', { project, sessionId, limit: MAX_TURNS }));
  const turns = useMemo(
    () =>
      [...(page.data?.traces ?? [])].sort((a, b) =>
        BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1,
      ),
    [page.data],
  );
  const texts = useTurnTexts(
    project,
    turns.map((turn) => turn.traceId),
  );
  const summary = useMemo(() => groupSessions(turns)[0], [turns]);

  if (page.error) return <ErrorBox error={page.error} onRetry={page.reload} />;
  if (!page.data) return <Loading what="the session" />;
  return (
    <div className="page session-page">
      <header className="page-header">
        <Link to={pageHref('/sessions', params)} className="back-link">
          ← Sessions
        </Link>
        <h1>Session {sessionId}</h1>
        {summary && (
          <span className="header-figures">
            <span>{summary.users.join(', ') || 'no user'}</span>
            <span>{summary.turns} turns</span>
            <span>{formatCount(summary.tokens)} tokens</span>
            <span>{formatCost(summary.costUsd)}</span>
          </span>
        )}
      </header>
      {turns.length === 0 ? (
        <p className="empty-state">No trace of this project carries session id “{sessionId}”.</p>
      ) : (
        <ol className="conversation-turns scroll-area" aria-label="Turns">
          {page.data.nextCursor && (
            <li className="muted">Older turns are not shown: the latest {MAX_TURNS}.</li>
          )}
          {turns.map((turn, index) => {
            const text = texts.get(turn.traceId);
            return (
              <li key={turn.traceId} className="turn" data-trace-id={turn.traceId}>
                <div className="turn-head">
                  <span className="turn-number">Turn {index + 1}</span>
                  <span className="muted">{formatTime(turn.startTime)}</span>
                  <span>{turn.rootName}</span>
                  <StatusBadge status={turn.status} />
                  <span>{formatDuration(turn.durationMs)}</span>
                  <span>{formatCount(turn.tokens.total)} tokens</span>
                  <span className="turn-cost">{formatCost(turn.costUsd)}</span>
                  <Link to={pageHref(`/traces/${turn.traceId}`, params)}>Open the trace</Link>
                </div>
                {text === undefined ? (
                  <p className="muted">Reading the turn…</p>
                ) : (
                  <>
                    <div className="message role-user">
                      <div className="message-role">{turn.userId ?? 'user'}</div>
                      <div className="message-text">{text.question ?? '(no input recorded)'}</div>
                    </div>
                    <div className="message role-assistant">
                      <div className="message-role">{turn.rootService ?? 'assistant'}</div>
                      <div className="message-text">{text.answer ?? '(no answer recorded)'}</div>
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
