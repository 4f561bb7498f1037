import { apiUrl } from '../api/client.js';
import type { Operations } from '../api/types.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { TimeRangePicker } from '../components/time-range-picker.js';
import { formatCost, formatCount, formatDuration, formatPercent } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { useTimeRange } from '../hooks/use-time-range.js';
import { Link } from '../router/link.js';
import { pageHref, projectOf, useSearchState } from '../router/search-params.js';
import { rangeQuery } from '../time/time-range.js';

/** One service: its operations (span names) with counts, errors, latency percentiles and cost. */
export function ServicePage({ service }: { service: string }) {
  const { params } = useSearchState();
  const project = projectOf(params);
  const { range, refresh } = useTimeRange();
  const answer = useApiGet<Operations>(
    apiUrl(`/api/services/${encodeURIComponent(service)}/operations`, {
      project,
      ...rangeQuery(range),
      limit: 200,
    }),
  );
  return (
    <div className="page service-page">
      <header className="page-header">
        <Link to={pageHref('/services', params, { range: range.preset })} className="back-link">
          ← Services
        </Link>
        <h1>{service}</h1>
        <Link to={pageHref('/traces', params, { service, range: range.preset })}>Its traces</Link>
        <div className="spacer" />
        <TimeRangePicker range={range} onRefresh={refresh} />
      </header>
      <div className="scroll-area">
        {answer.error && <ErrorBox error={answer.error} onRetry={answer.reload} />}
        {!answer.data ? (
          !answer.error && <Loading what="operations" />
        ) : (
          <table className="data-table" aria-label="Operations">
            <thead>
              <tr>
                <th>Operation</th>
                <th className="num">Spans</th>
                <th className="num">Errors</th>
                <th className="num">p50</th>
                <th className="num">p95</th>
                <th className="num">p99</th>
                <th className="num">Tokens</th>
                <th className="num">Cost</th>
              </tr>
            </thead>
            <tbody>
              {answer.data.operations.map((operation) => (
                <tr key={operation.name}>
                  <td>
                    <Link
                      to={pageHref('/traces', params, {
                        service,
                        spanName: operation.name,
                        range: range.preset,
                      })}
                    >
                      {operation.name}
                    </Link>
                  </td>
                  <td className="num">{formatCount(operation.count)}</td>
                  <td className={`num ${operation.errors > 0 ? 'error-text' : ''}`}>
                    {formatCount(operation.errors)}{' '}
                    <span className="muted">({formatPercent(operation.errorRate)})</span>
                  </td>
                  <td className="num">{formatDuration(operation.latency.p50Ms)}</td>
                  <td className="num">{formatDuration(operation.latency.p95Ms)}</td>
                  <td className="num">{formatDuration(operation.latency.p99Ms)}</td>
                  <td className="num">{formatCount(operation.tokens.total)}</td>
                  <td className="num">{formatCost(operation.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
