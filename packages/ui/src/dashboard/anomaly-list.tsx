import type { Anomalies } from '../api/types.js';

/** The anomalies the server found, worst first, each in its own words. */
export function AnomalyList({ answer }: { answer: Anomalies }) {
  if (answer.anomalies.length === 0) {
    return (
      <p className="muted">
        {answer.servicesCompared === 0
          ? 'No service has spans in both windows: nothing to compare yet.'
          : `Nothing unusual: ${answer.servicesCompared} services compared.`}
      </p>
    );
  }
  return (
    <ul className="anomalies" aria-label="Anomalies">
      {answer.anomalies.map((anomaly) => (
        <li key={`${anomaly.service}-${anomaly.kind}`} className={`anomaly severity-${anomaly.severity}`}>
          <span className={`badge severity-${anomaly.severity}`}>{anomaly.severity}</span>
          <span>{anomaly.description}</span>
        </li>
      ))}
    </ul>
  );
}
