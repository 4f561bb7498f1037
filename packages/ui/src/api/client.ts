import type { Annotation, AnnotationSource, ApiErrorBody, ScoreValue } from './types.js';

/** An API answer that is not a success: the server's error code and message when it gave them. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

/** `?a=1&attr=x&attr=y`: empty values are left out, lists repeat their key. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** An API path with its query, e.g. `apiUrl('/api/traces', { service: 'api' })`. */
export function apiUrl(path: string, query: Query = {}): string {
  return `${path}${queryString(query)}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error) return new ApiError(response.status, body.error.code, body.error.message);
  } catch {
    // Not JSON: a proxy's page, a dropped connection.
  }
  return new ApiError(response.status, 'HTTP_ERROR', `${response.status} ${response.statusText}`);
}

/** Sends a request to the API and reads its JSON answer; a failure becomes an `ApiError`. */
export async function requestJson<T>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers:
      init.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface NewAnnotation {
  targets: { traceId: string; spanId?: string }[];
  author: string;
  text: string;
  tags: string[];
  score?: { name: string; value: ScoreValue };
  source: AnnotationSource;
}

export function createAnnotations(
  project: string,
  annotation: NewAnnotation,
): Promise<{ annotations: Annotation[] }> {
  return requestJson(apiUrl('/api/annotations', { project }), { method: 'POST', body: annotation });
}

export function deleteAnnotation(project: string, id: string): Promise<void> {
  return requestJson(apiUrl(`/api/annotations/${encodeURIComponent(id)}`, { project }), { method: 'DELETE' });
}
