import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attributes } from '../../src/model/attributes.js';
import { emptyLlmFields } from '../../src/model/llm.js';
import { extractLlmFields } from '../../src/semconv/index.js';
import { span } from './span-builder.js';

describe('spans of no LLM convention', () => {
  it.each([
    [
      'an HTTP server span',
      {
        'http.request.method': 'GET',
        'url.path': '/users/7',
        'http.route': '/users/:id',
        'http.response.status_code': 200n,
      },
      'http',
    ],
    [
      'an HTTP client span',
      { 'http.request.method': 'POST', 'url.full': 'https://api.example.com/v1/items' },
      'http',
    ],
    [
      'an old-convention HTTP span',
      { 'http.method': 'GET', 'http.url': 'http://localhost/health', 'http.status_code': 200n },
      'http',
    ],
    [
      'a database span',
      { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT 1', 'server.address': 'db' },
      'db',
    ],
    ['an old-convention database span', { 'db.system': 'redis', 'db.statement': 'GET k' }, 'db'],
    [
      'a database spoken to over HTTP',
      { 'db.system': 'elasticsearch', 'http.request.method': 'POST', 'url.full': 'http://es:9200/_search' },
      'db',
    ],
    ['an internal span', { 'code.function.name': 'renderPage' }, 'internal'],
  ] as [string, Attributes, 'http' | 'db' | 'internal'][])('types %s', (_label, attributes, spanType) => {
    expect(extractLlmFields(span({ name: 'operation', attributes }))).toEqual(emptyLlmFields(spanType));
  });

  it('still reads the session and user a plain span carries', () => {
    const fields = extractLlmFields(
      span({ attributes: { 'http.request.method': 'POST', 'session.id': 'session-3', 'user.id': 42n } }),
    );
    expect(fields).toEqual({ ...emptyLlmFields('http'), sessionId: 'session-3', userId: '42' });
  });
});

describe('cost of the work per span', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Attributes that count how often their keys are listed, and refuse to be written. */
  function countingAttributes(attributes: Attributes): { attributes: Attributes; scans: () => number } {
    let scans = 0;
    const proxy = new Proxy(attributes, {
      ownKeys(target) {
        scans++;
        return Reflect.ownKeys(target);
      },
      set() {
        throw new Error('attributes must not be written');
      },
    });
    return { attributes: proxy, scans: () => scans };
  }

  it('decides a plain span without listing its keys or parsing anything', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const counted = countingAttributes({
      'http.request.method': 'GET',
      'url.full': 'https://example.com/',
      'user_agent.original': '{"looks":"like json"}',
    });
    expect(extractLlmFields(span({ attributes: counted.attributes })).spanType).toBe('http');
    expect(counted.scans()).toBe(0);
    expect(parse).not.toHaveBeenCalled();
  });

  it('lists the keys of an LLM span once', () => {
    const counted = countingAttributes({
      'openinference.span.kind': 'LLM',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': 'Hi',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': 'Hello',
      'llm.token_count.prompt': 3n,
    });
    const fields = extractLlmFields(span({ attributes: counted.attributes }));
    expect(fields.outputText).toBe('[{"role":"assistant","content":"Hello"}]');
    expect(counted.scans()).toBe(1);
  });
});
