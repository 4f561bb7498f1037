import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf, type Route } from '../../src/router/routes.js';
import { hrefOf, pageHref, projectOf, withParams } from '../../src/router/search-params.js';

describe('routes', () => {
  it('reads each page from its path, and writes the same path back', () => {
    const routes: [string, Route][] = [
      ['/traces', { page: 'traces' }],
      [
        '/traces/5b8efff798038103d269b633813fc60c',
        { page: 'trace', traceId: '5b8efff798038103d269b633813fc60c' },
      ],
      ['/sessions', { page: 'sessions' }],
      ['/sessions/conv%2F42%20a', { page: 'session', sessionId: 'conv/42 a' }],
      ['/dashboard', { page: 'dashboard' }],
      ['/services', { page: 'services' }],
      ['/services/orders-api', { page: 'service', service: 'orders-api' }],
      ['/annotations', { page: 'annotations' }],
    ];
    for (const [path, route] of routes) {
      expect(parseRoute(path), path).toEqual(route);
      expect(pathOf(route), path).toBe(path);
    }
  });

  it('opens the traces at the root, accepts a trailing slash and an upper-case trace id', () => {
    expect(parseRoute('/')).toEqual({ page: 'traces' });
    expect(parseRoute('/traces/')).toEqual({ page: 'traces' });
    expect(parseRoute('/traces/5B8EFFF798038103D269B633813FC60C')).toEqual({
      page: 'trace',
      traceId: '5b8efff798038103d269b633813fc60c',
    });
  });

  it('knows no other page', () => {
    for (const path of [
      '/nope',
      '/traces/not-an-id',
      '/traces/abc/def',
      '/dashboard/x',
      '/sessions/%E0%A4%A',
    ]) {
      expect(parseRoute(path), path).toEqual({ page: 'not-found' });
    }
  });
});

describe('query parameters', () => {
  it('replaces, repeats and removes parameters, keeping the others', () => {
    const params = new URLSearchParams('service=api&attr=a%3D1&attr=b%3E2&range=1h');
    const next = withParams(params, {
      attr: ['c=3'],
      service: null,
      text: 'refund "order status"',
      range: undefined,
    });
    expect(next.getAll('attr')).toEqual(['c=3']);
    expect(next.has('service')).toBe(false);
    expect(next.get('text')).toBe('refund "order status"');
    expect(next.get('range')).toBe('1h');
    expect(withParams(params, { service: '' }).has('service')).toBe(false);
    expect(params.get('service')).toBe('api');
  });

  it('writes links that keep the project and drop the rest of the page state', () => {
    const params = new URLSearchParams('project=prod&service=api&span=eee19b7ec3c1b174');
    expect(pageHref('/sessions', params)).toBe('/sessions?project=prod');
    expect(pageHref('/traces', params, { userId: 'u 7' })).toBe('/traces?project=prod&userId=u+7');
    expect(pageHref('/traces', new URLSearchParams())).toBe('/traces');
    expect(hrefOf('/traces', new URLSearchParams())).toBe('/traces');
  });

  it('reads the project, `default` unless given', () => {
    expect(projectOf(new URLSearchParams('project=prod'))).toBe('prod');
    expect(projectOf(new URLSearchParams(''))).toBe('default');
    expect(projectOf(new URLSearchParams('project='))).toBe('default');
  });
});
