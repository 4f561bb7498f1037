/** One answer of the API, read whole (so that the keep-alive connection is reused), and how long it took. */
export interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

/** `GET base+path` with `fetch` (undici, keep-alive), timed from sending to the end of the body. */
export async function getJson(base: string, path: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(new URL(path, base));
  const text = await response.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the error message.
  }
  return { status: response.status, body, ms };
}

export function errorMessage(answer: Answer): string {
  const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
  return error ? `${error.code}: ${error.message}` : String(answer.body).slice(0, 200);
}

/**
 * Why an answer says the server does not have the query yet: no route (404), or a parameter its
 * schema does not know (400). Undefined for any other answer.
 */
export function unavailableReason(answer: Answer): string | undefined {
  const message = errorMessage(answer);
  if (answer.status === 404 && message.includes('no route'))
    return `endpoint not available (404: ${message})`;
  if (answer.status === 400 && message.includes('must NOT have additional properties')) {
    return `parameter not available (400: ${message})`;
  }
  return undefined;
}

/** The paths under `/api/analytics` the server's OpenAPI document lists, or why there are none. */
export async function analyticsPaths(base: string): Promise<string[] | string> {
  const answer = await getJson(base, '/api/openapi.json');
  if (answer.status !== 200) return `no OpenAPI document (${answer.status})`;
  const paths = Object.keys((answer.body as { paths?: Record<string, unknown> }).paths ?? {});
  return paths.filter((path) => path.startsWith('/api/analytics'));
}
