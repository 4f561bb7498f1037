/** The pages of the UI, each with its own path; the rest of a view's state is in the query. */
export type Route =
  | { page: 'traces' }
  | { page: 'trace'; traceId: string }
  | { page: 'sessions' }
  | { page: 'session'; sessionId: string }
  | { page: 'dashboard' }
  | { page: 'services' }
  | { page: 'service'; service: string }
  | { page: 'annotations' }
  | { page: 'not-found' };

export type Page = Route['page'];

function segment(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((part) => part !== '');
  const [section, item, ...rest] = parts;
  if (rest.length > 0) return { page: 'not-found' };
  const decoded = item === undefined ? undefined : segment(item);
  if (decoded === null) return { page: 'not-found' };
  switch (section) {
    case undefined:
    case 'traces':
      if (decoded === undefined) return { page: 'traces' };
      return /^[0-9a-fA-F]{32}$/.test(decoded)
        ? { page: 'trace', traceId: decoded.toLowerCase() }
        : { page: 'not-found' };
    case 'sessions':
      return decoded === undefined ? { page: 'sessions' } : { page: 'session', sessionId: decoded };
    case 'services':
      return decoded === undefined ? { page: 'services' } : { page: 'service', service: decoded };
    case 'dashboard':
      return decoded === undefined ? { page: 'dashboard' } : { page: 'not-found' };
    case 'annotations':
      return decoded === undefined ? { page: 'annotations' } : { page: 'not-found' };
    default:
      return { page: 'not-found' };
  }
}

/** The path of a page: the inverse of `parseRoute`. */
export function pathOf(route: Route): string {
  switch (route.page) {
    case 'traces':
      return '/traces';
    case 'trace':
      return `/traces/${route.traceId}`;
    case 'sessions':
      return '/sessions';
    case 'session':
      return `/sessions/${encodeURIComponent(route.sessionId)}`;
    case 'dashboard':
      return '/dashboard';
    case 'services':
      return '/services';
    case 'service':
      return `/services/${encodeURIComponent(route.service)}`;
    case 'annotations':
      return '/annotations';
    case 'not-found':
      return '/';
  }
}
