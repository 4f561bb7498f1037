import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withBackendCall, withDbQuery, withToolCall } from '../../src/index.js';
import { collectSpans, spanNamed } from '../support/collect.js';

describe('client helpers', () => {
  it('names and describes a database query with the database conventions', () => {
    const { collector } = collectSpans();
    const rows = withDbQuery(
      {
        system: 'postgresql',
        operation: 'SELECT',
        collection: 'orders',
        namespace: 'shop',
        text: 'SELECT * FROM orders WHERE id = $1',
      },
      () => [1],
    );
    expect(rows).toEqual([1]);
    const query = spanNamed(collector, 'SELECT orders');
    expect(query.kind).toBe(SpanKind.CLIENT);
    expect(query.attributes).toMatchObject({
      'sextant.span.kind': 'db',
      'db.system.name': 'postgresql',
      'db.operation.name': 'SELECT',
      'db.collection.name': 'orders',
      'db.namespace': 'shop',
      'db.query.text': 'SELECT * FROM orders WHERE id = $1',
    });
    withDbQuery({ system: 'redis' }, () => {});
    expect(spanNamed(collector, 'redis').attributes['db.system.name']).toBe('redis');
  });

  it('names a backend call after the service and operation', async () => {
    const { collector } = collectSpans();
    await withBackendCall(
      { service: 'billing', operation: 'charge', url: 'http://billing.internal:8080/charge', method: 'post' },
      async () => {},
    );
    expect(spanNamed(collector, 'billing charge').attributes).toMatchObject({
      'peer.service': 'billing',
      'sextant.backend.operation': 'charge',
      'http.request.method': 'POST',
      'url.full': 'http://billing.internal:8080/charge',
      'server.address': 'billing.internal',
    });
  });

  it('records a tool call with its arguments and result', async () => {
    const { collector } = collectSpans();
    const result = await withToolCall(
      { name: 'get_weather', callId: 'call_1', arguments: { city: 'Paris' }, type: 'function' },
      async () => ({ temperature: 21 }),
    );
    expect(result).toEqual({ temperature: 21 });
    expect(spanNamed(collector, 'get_weather').attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.arguments': '{"city":"Paris"}',
      'gen_ai.tool.call.result': '{"temperature":21}',
    });
  });

  it('keeps tool arguments and results out when content capture is off', () => {
    const { collector } = collectSpans({ captureContent: false });
    withToolCall({ name: 'lookup', arguments: 'secret' }, () => 'also secret');
    const tool = spanNamed(collector, 'lookup');
    expect(tool.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
    expect(tool.attributes['gen_ai.tool.call.result']).toBeUndefined();
  });
});
