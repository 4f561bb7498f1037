import { ApiError } from '../api/client.js';

/** A failed request, said plainly: the server's error code and message. */
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="error-box" role="alert">
      <strong>{code === 'SEXTANT_ERR_NOT_FOUND' ? 'Not found' : 'The request failed'}</strong>
      <span className="error-message">
        {code ? `${code}: ` : ''}
        {error.message}
      </span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" aria-live="polite">
      Loading {what}…
    </div>
  );
}
