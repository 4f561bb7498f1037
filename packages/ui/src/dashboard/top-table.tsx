import { apiUrl } from '../api/client.js';
import type { GroupedAnalytics } from '../api/types.js';
import { ErrorBox } from '../components/error-box.js';
import { formatCost, formatCount, formatPercent } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { Link } from '../router/link.js';
import { pageHref, useSearchState } from '../router/search-params.js';
import { rangeQuery, type TimeRange } from '../time/time-range.js';

/** The trace-list filter that shows a group's traces. */
const FILTER_OF: Record<string, string> = { service: 'service', span_name: 'spanName', user: 'userId' };

/** The first groups of one dimension by cost or by errors (`/api/analytics/cost` or `/errors`). */
export function TopTable(props: {
  title: string;
  groupBy: 'service' | 'span_name' | 'user';
  rank: 'cost' | 'errors';
  project: string;
  range: TimeRange;
}) {
  const { title, groupBy, rank, project, range } = props;
  const { params } = useSearchState();
  const answer = useApiGet<GroupedAnalytics>(
    apiUrl(`/api/analytics/${rank}`, { project, ...rangeQuery(range), groupBy, limit: 8 }),
  );
  const groups = (answer.data?.groups ?? []).filter((group) => group.key !== '');
  return (
    <div className="top-table">
      <h3>{title}</h3>
      {answer.error && <ErrorBox error={answer.error} onRetry={answer.reload} />}
      {answer.data && groups.length === 0 ? (
        <p className="muted">None in this range.</p>
      ) : (
        <table className="data-table compact" aria-label={`${title} by ${rank}`}>
          <thead>
            <tr>
              <th>{title.replace(/s$/, '')}</th>
              <th className="num">{answer.data?.subject === 'traces' ? 'Traces' : 'Spans'}</th>
              <th className="num">Errors</th>
              <th className="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key}>
                <td className="truncate" title={group.key}>
                  <Link
                    to={pageHref('/traces', params, {
                      [FILTER_OF[groupBy]!]: group.key,
                      range: range.preset,
                    })}
                  >
                    {group.key}
                  </Link>
                </td>
                <td className="num">{formatCount(group.count)}</td>
                <td className={`num ${group.errors > 0 ? 'error-text' : ''}`}>
                  {formatCount(group.errors)}{' '}
                  <span className="muted">({formatPercent(group.errorRate)})</span>
                </td>
                <td className="num">{formatCost(group.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
