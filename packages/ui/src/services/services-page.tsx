import { apiUrl } from '../api/client.js';
import type { Dependencies, ServiceList } from '../api/types.js';
import { NothingMatches } from '../components/empty-state.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { TimeRangePicker } from '../components/time-range-picker.js';
import { formatCount, formatDuration, formatPercent } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { useTimeRange } from '../hooks/use-time-range.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/location.js';
import { pageHref, projectOf, useSearchState } from '../router/search-params.js';
import { rangeQuery } from '../time/time-range.js';
import { DependencyGraph } from './dependency-graph.js';

export function ServicesPage() {
  const { params } = useSearchState();
  const project = projectOf(params);
  const { range, refresh } = useTimeRange();
  const query = { project, ...rangeQuery(range) };
  const list = useApiGet<ServiceList>(apiUrl('/api/services', query));
  const dependencies = useApiGet<Dependencies>(apiUrl('/api/dependencies', query));
  const servicePath = (service: string) =>
    pageHref(`/services/${encodeURIComponent(service)}`, params, { range: range.preset });

  return (
    <div className="page services-page">
      <header className="page-header">
        <h1>Services</h1>
        <span className="page-count">{list.data ? `${list.data.serviceCount} services` : ''}</span>
        <div className="spacer" />
        <TimeRangePicker range={range} onRefresh={refresh} />
      </header>
      <div className="scroll-area">
        {(list.error ?? dependencies.error) && (
          <ErrorBox error={(list.error ?? dependencies.error)!} onRetry={refresh} />
        )}
        {!list.data ? (
          !list.error && <Loading what="services" />
        ) : list.data.services.length === 0 ? (
          <NothingMatches>No service sent spans in {range.label.toLowerCase()}.</NothingMatches>
        ) : (
          <>
            <section className="panel-section graph-section" aria-label="Dependencies">
              <h2>Who calls whom</h2>
              {dependencies.data && (
                <DependencyGraph
                  services={list.data.services}
                  edges={dependencies.data.edges}
                  onOpen={(service) => navigate(servicePath(service))}
                />
              )}
            </section>
            <table className="data-table" aria-label="Services">
              <thead>
                <tr>
                  <th>Service</th>
                  <th className="num">Spans</th>
                  <th className="num">Traces</th>
                  <th className="num">Error spans</th>
                  <th className="num">Error rate</th>
                  <th className="num">Average span</th>
                </tr>
              </thead>
              <tbody>
                {list.data.services.map((service) => (
                  <tr key={service.service}>
                    <td>
                      <Link to={servicePath(service.service)}>{service.service}</Link>
                    </td>
                    <td className="num">{formatCount(service.spans)}</td>
                    <td className="num">{formatCount(service.traces)}</td>
                    <td className={`num ${service.errors > 0 ? 'error-text' : ''}`}>
                      {formatCount(service.errors)}
                    </td>
                    <td className="num">{formatPercent(service.errorRate)}</td>
                    <td className="num">{formatDuration(service.avgDurationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </div>
  );
}
