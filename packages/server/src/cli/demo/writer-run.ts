import { type Span, type SpanContext, SpanKind } from '@opentelemetry/api';
import { type DemoModel, fill, MODELS, tokensOf, WRITING_TASKS } from './content.js';
import { Clock, endSpan, modelTiming, type RunContext, responseId, startSpan } from './run-context.js';

const WRITER_SYSTEM = 'You write short, factual product communication. No marketing superlatives.';

/** The Vercel AI SDK's provider ids: `openai.chat`, `anthropic.messages`. */
function vercelProvider(model: DemoModel): string {
  return model.provider === 'openai' ? 'openai.chat' : 'anthropic.messages';
}

/** One `do*` span: a single model call under `ai.generateText` or `ai.streamText`. */
function modelCall(
  context: RunContext,
  parent: Span,
  clock: Clock,
  operation: 'ai.generateText' | 'ai.streamText',
  model: DemoModel,
  messages: unknown[],
  output: { text: string } | { toolCalls: unknown[] },
): void {
  const { random } = context;
  const inner = operation === 'ai.streamText' ? `${operation}.doStream` : `${operation}.doGenerate`;
  const promptTokens = tokensOf(JSON.stringify(messages)) + 30;
  const completionTokens = tokensOf(JSON.stringify(output)) + random.int(0, 15);
  const timing = modelTiming(random, model, completionTokens);
  const span = startSpan(context.tracer('docs-writer'), parent, inner, clock.advance(2), {
    kind: SpanKind.CLIENT,
    attributes: {
      'operation.name': inner,
      'ai.operationId': inner,
      'ai.model.id': model.name,
      'ai.model.provider': vercelProvider(model),
      'ai.prompt.messages': JSON.stringify(messages),
      'ai.settings.maxRetries': 2,
      'ai.telemetry.metadata.userId': context.user,
      'ai.telemetry.metadata.sessionId': context.session,
      'gen_ai.system': vercelProvider(model),
      'gen_ai.request.model': model.name,
      'gen_ai.response.model': model.responseName,
      'gen_ai.response.id': responseId(random, 'resp_'),
      'gen_ai.usage.input_tokens': promptTokens,
      'gen_ai.usage.output_tokens': completionTokens,
      'ai.usage.promptTokens': promptTokens,
      'ai.usage.completionTokens': completionTokens,
      'ai.response.finishReason': 'text' in output ? 'stop' : 'tool-calls',
      ...('text' in output
        ? { 'ai.response.text': output.text }
        : { 'ai.response.toolCalls': JSON.stringify(output.toolCalls) }),
    },
  });
  if (operation === 'ai.streamText') {
    span.setAttribute('ai.response.msToFirstChunk', Math.round(timing.firstTokenMs));
    span.addEvent(
      'ai.stream.firstChunk',
      { 'ai.response.msToFirstChunk': Math.round(timing.firstTokenMs) },
      clock.nowMs + timing.firstTokenMs,
    );
  }
  clock.advance(timing.totalMs);
  endSpan(span, clock.nowMs);
}

/**
 * A writing assistant built on the Vercel AI SDK (`experimental_telemetry`): `ai.generateText`
 * or `ai.streamText` around one model call, or two with a tool call between them.
 */
export function recordWriterRun(context: RunContext): SpanContext {
  const { random } = context;
  const task = random.pick(WRITING_TASKS);
  const values = { version: `${random.int(2, 4)}.${random.int(0, 12)}.${random.int(0, 9)}` };
  const prompt = fill(task.prompt, values);
  const text = fill(task.output, values);
  const model = random.pick([MODELS.gpt4oMini, MODELS.gpt4o, MODELS.haiku]);
  const operation = random.chance(0.5) ? 'ai.streamText' : 'ai.generateText';
  const clock = new Clock(context.startMs);
  const root = startSpan(context.tracer('docs-writer'), null, operation, clock.nowMs, {
    attributes: {
      'operation.name': operation,
      'ai.operationId': operation,
      'ai.model.id': model.name,
      'ai.model.provider': vercelProvider(model),
      'ai.prompt': JSON.stringify({ system: WRITER_SYSTEM, prompt }),
      'ai.telemetry.metadata.userId': context.user,
      'ai.telemetry.metadata.sessionId': context.session,
    },
  });
  const messages: unknown[] = [
    { role: 'system', content: WRITER_SYSTEM },
    { role: 'user', content: [{ type: 'text', text: prompt }] },
  ];
  if (random.chance(0.4)) {
    const toolCallId = responseId(random, 'call_');
    const args = { repository: 'northwind/platform', since: 'last-release' };
    const toolCall = { type: 'tool-call', toolCallId, toolName: 'list_merged_changes', input: args };
    modelCall(context, root, clock, operation, model, messages, { toolCalls: [toolCall] });
    const result = { merged: random.int(4, 30), authors: random.int(2, 9) };
    const tool = startSpan(context.tracer('docs-writer'), root, 'ai.toolCall', clock.advance(2), {
      attributes: {
        'operation.name': 'ai.toolCall',
        'ai.operationId': 'ai.toolCall',
        'ai.toolCall.name': 'list_merged_changes',
        'ai.toolCall.id': toolCallId,
        'ai.toolCall.args': JSON.stringify(args),
        'ai.toolCall.result': JSON.stringify(result),
      },
    });
    clock.advance(random.between(90, 600));
    endSpan(tool, clock.nowMs);
    messages.push(
      { role: 'assistant', content: [toolCall] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId, toolName: 'list_merged_changes', output: result }],
      },
    );
  }
  modelCall(context, root, clock, operation, model, messages, { text });
  root.setAttributes({ 'ai.response.text': text, 'ai.response.finishReason': 'stop' });
  clock.advance(random.between(1, 4));
  endSpan(root, clock.nowMs);
  return root.spanContext();
}
