// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SpanPanel } from '../../src/trace/span-panel.js';
import { buildSpanTree } from '../../src/trace/span-tree.js';
import { spanView } from '../support/span-view.js';

afterEach(cleanup);

const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
const HOSTILE_SCRIPT = '<script>window.__pwned = true</script>';

const root = spanView({
  spanId: 'root',
  name: 'invoke_agent support',
  start: 0,
  end: 3000,
  llm: { spanType: 'agent' },
});
const llm = spanView({
  spanId: 'llm',
  parentSpanId: 'root',
  name: 'chat gpt-4o',
  start: 10,
  end: 900,
  kind: 'client',
  attributes: {
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.finish_reasons': ['stop'],
    'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
    'app.note': HOSTILE_IMG,
    'app.list': [HOSTILE_SCRIPT, 'b'],
  },
  resource: {
    attributes: { 'service.name': 'support-agent', 'host.name': HOSTILE_SCRIPT },
    droppedAttributesCount: 0,
    schemaUrl: '',
  },
  events: [
    {
      name: 'exception',
      time: '',
      timeUnixNano: (BigInt(root.startTimeUnixNano) + 500_000_000n).toString(),
      attributes: { 'exception.message': HOSTILE_IMG },
      droppedAttributesCount: 0,
    },
  ],
  links: [
    {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceState: '',
      attributes: {},
    },
  ],
  llm: {
    spanType: 'llm',
    requestModel: 'gpt-4o',
    responseModel: 'gpt-4o-2024-08-06',
    provider: 'openai',
    tokens: { input: 1800, output: 120, cacheRead: 1500, cacheWrite: 0, reasoning: 0, total: 1920 },
    cost: { usd: 0.00495, nanoUsd: 4_950_000, source: 'computed', priceEntry: 'openai/gpt-4o' },
    timeToFirstTokenMs: 412.5,
    inputText: JSON.stringify([
      { role: 'user', parts: [{ type: 'text', content: `Summarize ${HOSTILE_SCRIPT}` }] },
    ]),
    outputText: JSON.stringify([
      { role: 'assistant', parts: [{ type: 'text', content: HOSTILE_IMG }], finish_reason: 'stop' },
    ]),
  },
});
const tool = spanView({
  spanId: 'tool',
  parentSpanId: 'root',
  name: 'execute_tool lookup_order',
  start: 901,
  end: 990,
  llm: {
    spanType: 'tool',
    inputText: JSON.stringify({ order_id: 'NW-1' }),
    outputText: JSON.stringify({ status: 'shipped' }),
  },
});
const tree = buildSpanTree([root, llm, tool]);

function show(spanId: string, onSelect = vi.fn()) {
  render(
    <SpanPanel
      node={tree.byId.get(spanId)!}
      traceStartUnixNano={tree.startNs.toString()}
      project="default"
      annotations={[]}
      onAnnotated={() => {}}
      onSelect={onSelect}
    />,
  );
  return onSelect;
}

describe('SpanPanel', () => {
  it('shows a model call: model, provider, tokens by kind, cost, time to first token', () => {
    show('llm');
    const call = screen.getByRole('region', { name: 'Model call' });
    expect(within(call).getByText('gpt-4o → gpt-4o-2024-08-06')).toBeTruthy();
    expect(within(call).getByText('openai')).toBeTruthy();
    expect(within(call).getByText('$0.00495')).toBeTruthy();
    expect(within(call).getByText('(computed, openai/gpt-4o)')).toBeTruthy();
    expect(within(call).getByText('413 ms')).toBeTruthy();
    const tokens = within(call).getByRole('table', { name: 'Tokens' });
    expect(
      within(tokens)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1,800', '1,500', '0', '120', '0', '1,920']);
    expect(within(call).getByText('stop')).toBeTruthy();
  });

  it('shows the conversation: system instructions, the messages sent and the answer', () => {
    show('llm');
    const call = screen.getByRole('region', { name: 'Model call' });
    expect(within(call).getByText('Be brief.')).toBeTruthy();
    expect(within(call).getByText(`Summarize ${HOSTILE_SCRIPT}`)).toBeTruthy();
    expect(within(call).getByText(HOSTILE_IMG)).toBeTruthy();
  });

  it('renders prompts, completions, attributes and events as text, never as markup', () => {
    show('llm');
    const panel = screen.getByRole('region', { name: 'Span chat gpt-4o' });
    expect(panel.querySelector('img')).toBeNull();
    expect(panel.querySelector('script')).toBeNull();
    expect(panel.textContent).toContain(HOSTILE_IMG);
    expect(panel.textContent).toContain(HOSTILE_SCRIPT);
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    const note = within(screen.getByRole('region', { name: 'Span attributes' })).getByText('app.note');
    expect(note.nextElementSibling!.textContent).toBe(HOSTILE_IMG);
  });

  it('groups attributes by place and lists events and links', () => {
    show('llm');
    const spanAttributes = screen.getByRole('region', { name: 'Span attributes' });
    expect(within(spanAttributes).getByText('app.note')).toBeTruthy();
    expect(within(spanAttributes).queryByText('host.name')).toBeNull();
    const resource = screen.getByRole('region', { name: 'Resource attributes' });
    expect(within(resource).getByText('host.name')).toBeTruthy();
    const events = screen.getByRole('region', { name: 'Events (1)' });
    expect(within(events).getByText('exception')).toBeTruthy();
    expect(within(events).getByText('+490 ms')).toBeTruthy();
    const links = screen.getByRole('region', { name: 'Links (1)' });
    const link = within(links).getByRole('link');
    expect(link.getAttribute('href')).toBe('/traces/0af7651916cd43dd8448eb211c80319c?span=b7ad6b7169203331');
  });

  it("shows a tool's arguments and result, and goes to the parent span", () => {
    const onSelect = show('tool');
    const call = screen.getByRole('region', { name: 'Tool call' });
    expect(within(call).getByText('Arguments')).toBeTruthy();
    expect(within(call).getByText(/"order_id": "NW-1"/)).toBeTruthy();
    expect(within(call).getByText(/"status": "shipped"/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'invoke_agent support' }));
    expect(onSelect).toHaveBeenCalledWith('root');
  });
});
