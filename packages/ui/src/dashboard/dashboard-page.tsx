import { useMemo } from 'react';
import { apiUrl } from '../api/client.js';
import type { Anomalies, GroupedAnalytics, TraceStats } from '../api/types.js';
import { ErrorBox } from '../components/error-box.js';
import { TimeRangePicker } from '../components/time-range-picker.js';
import { formatCost, formatCount, formatDuration, formatPercent } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { useTimeRange } from '../hooks/use-time-range.js';
import { projectOf, useSearchState } from '../router/search-params.js';
import { BUCKET_MS, bucketFor, rangeQuery, type TimeRange } from '../time/time-range.js';
import { AnomalyList } from './anomaly-list.js';
import { bucketGrid, type ChartData, errorRateLine, groupLines, seriesOf } from './series.js';
import { TimeChart } from './time-chart.js';
import { TopTable } from './top-table.js';

const HOUR_MS = 3_600_000;

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {detail && <div className="tile-detail muted">{detail}</div>}
    </div>
  );
}

/** The analytics of the dashboard's range, each chart read from one `/api/analytics/*` answer. */
function useCharts(project: string, range: TimeRange) {
  const bucket = bucketFor(range);
  const base = { project, ...rangeQuery(range), bucket };
  const flows = useApiGet<GroupedAnalytics>(
    apiUrl('/api/analytics/latency', { ...base, groupBy: 'root_name', limit: 5, percentiles: false }),
  );
  const modelLatency = useApiGet<GroupedAnalytics>(
    apiUrl('/api/analytics/latency', { ...base, spanType: 'llm' }),
  );
  const models = useApiGet<GroupedAnalytics>(
    apiUrl('/api/analytics/cost', { ...base, groupBy: 'model', limit: 6 }),
  );
  const charts = useMemo(() => {
    const grid = bucketGrid(range.startMs, range.endMs, BUCKET_MS[bucket]);
    const chart = (series: ChartData['series']): ChartData => ({ times: grid, series });
    const all = modelLatency.data?.groups[0];
    return {
      traces:
        flows.data &&
        chart(groupLines(flows.data.groups, flows.data.other, grid, (p) => p.count, '(no root)')),
      errorRate:
        flows.data &&
        chart([{ label: 'error rate', values: errorRateLine(flows.data.groups, flows.data.other, grid) }]),
      latency:
        modelLatency.data &&
        chart(
          all
            ? (['p50Ms', 'p95Ms', 'p99Ms'] as const).map((percentile) => ({
                label: percentile.slice(0, 3),
                values: seriesOf(all, grid, (point) => point.latency[percentile], null),
              }))
            : [],
        ),
      cost:
        models.data &&
        chart(groupLines(models.data.groups, models.data.other, grid, (p) => p.costUsd, '(no model)')),
      tokens:
        models.data &&
        chart(groupLines(models.data.groups, models.data.other, grid, (p) => p.tokens.total, '(no model)')),
    };
  }, [flows.data, modelLatency.data, models.data, range, bucket]);
  const error = flows.error ?? modelLatency.error ?? models.error;
  return { charts, error, bucket };
}

export function DashboardPage() {
  const { params, setParams } = useSearchState();
  const project = projectOf(params);
  const { range, refresh } = useTimeRange();
  const stats = useApiGet<TraceStats>(apiUrl('/api/analytics/stats', { project, ...rangeQuery(range) }));
  const { charts, error, bucket } = useCharts(project, range);
  const rank = params.get('rank') === 'errors' ? 'errors' : 'cost';
  const anomalies = useApiGet<Anomalies>(
    apiUrl('/api/reports/anomalies', {
      project,
      start: new Date(range.endMs - HOUR_MS).toISOString(),
      end: new Date(range.endMs).toISOString(),
      baselineStart: new Date(range.endMs - 25 * HOUR_MS).toISOString(),
      baselineEnd: new Date(range.endMs - HOUR_MS).toISOString(),
    }),
  );
  const per = `per ${bucket}`;
  const s = stats.data;

  return (
    <div className="page dashboard-page">
      <header className="page-header">
        <h1>Dashboard</h1>
        <div className="spacer" />
        <TimeRangePicker range={range} onRefresh={refresh} />
      </header>
      <div className="scroll-area">
        {(stats.error ?? error) && <ErrorBox error={(stats.error ?? error)!} onRetry={refresh} />}
        <section className="tiles" aria-label="Figures of the range">
          <Tile
            label="Traces"
            value={formatCount(s?.traces.stored)}
            detail={s && `${formatCount(s.spans)} spans`}
          />
          <Tile
            label="Failed traces"
            value={formatCount(s?.statuses.error)}
            detail={s && formatPercent(s.traces.stored === 0 ? 0 : s.statuses.error / s.traces.stored)}
          />
          <Tile
            label="Model calls"
            value={formatCount(s?.llmCalls)}
            detail={s && `${formatCount(s.toolCalls)} tool calls`}
          />
          <Tile
            label="Tokens"
            value={formatCount(s?.tokens.total)}
            detail={s && `${formatCount(s.tokens.input)} in · ${formatCount(s.tokens.output)} out`}
          />
          <Tile label="Cost" value={formatCost(s?.costUsd)} />
          <Tile
            label="Trace duration"
            value={formatDuration(s?.latency.avgMs)}
            detail={s && `average · longest ${formatDuration(s.latency.maxMs)}`}
          />
        </section>
        <div className="charts">
          {charts.traces && (
            <TimeChart title={`Traces ${per}, by root span`} data={charts.traces} format={formatCount} />
          )}
          {charts.errorRate && (
            <TimeChart title={`Trace error rate ${per}`} data={charts.errorRate} format={formatPercent} />
          )}
          {charts.latency && (
            <TimeChart
              title="Model call latency: p50, p95, p99"
              data={charts.latency}
              format={formatDuration}
            />
          )}
          {charts.cost && (
            <TimeChart title={`Cost ${per}, by model`} data={charts.cost} format={formatCost} />
          )}
          {charts.tokens && (
            <TimeChart title={`Tokens ${per}, by model`} data={charts.tokens} format={formatCount} />
          )}
        </div>
        <section className="panel-section" aria-label="Top">
          <div className="section-head">
            <h2>Top by {rank}</h2>
            <fieldset className="segmented">
              <legend className="visually-hidden">Rank by</legend>
              {(['cost', 'errors'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={rank === option}
                  onClick={() => setParams({ rank: option === 'cost' ? null : option }, { replace: true })}
                >
                  {option}
                </button>
              ))}
            </fieldset>
          </div>
          <div className="top-tables">
            <TopTable title="Services" groupBy="service" rank={rank} project={project} range={range} />
            <TopTable title="Operations" groupBy="span_name" rank={rank} project={project} range={range} />
            <TopTable title="Users" groupBy="user" rank={rank} project={project} range={range} />
          </div>
        </section>
        <section className="panel-section" aria-label="Anomalies">
          <h2>Anomalies: the last hour against the 24 hours before</h2>
          {anomalies.error && <ErrorBox error={anomalies.error} onRetry={anomalies.reload} />}
          {anomalies.data && <AnomalyList answer={anomalies.data} />}
        </section>
      </div>
    </div>
  );
}
