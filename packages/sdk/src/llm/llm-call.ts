import type { Attributes, HrTime, Span } from '@opentelemetry/api';
import { normalizeProviderName, type TokenCounts } from '@sextant/core';
import { hrTimeToNanos, secondsBetween } from '../setup/clock.js';
import { reportInternalError, sdk, warnOnce } from '../setup/sdk-state.js';
import { openSpan, runInSpan, type SpanOptions } from '../spans/open-span.js';
import { NoopSpan, RecordingSpan, type SpanHandle } from '../spans/span-handle.js';
import { OPERATION_ATTRIBUTE } from '../spans/span-kinds.js';
import { computeCost, usdOf } from './cost.js';
import { type ChatMessage, instructionsJson, type MessagePart, messagesJson } from './messages.js';
import { type LlmUsage, tokenCounts, usageAttributes } from './usage.js';

export const LLM_OPERATIONS = ['chat', 'text_completion', 'generate_content'] as const;
export type LlmOperation = (typeof LLM_OPERATIONS)[number];

/** Request parameters, written as `gen_ai.request.*`. */
export interface LlmRequestParameters {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  stopSequences?: string[];
  seed?: number;
  stream?: boolean;
  choiceCount?: number;
}

const PARAMETER_ATTRIBUTES = {
  temperature: 'gen_ai.request.temperature',
  maxTokens: 'gen_ai.request.max_tokens',
  topP: 'gen_ai.request.top_p',
  topK: 'gen_ai.request.top_k',
  frequencyPenalty: 'gen_ai.request.frequency_penalty',
  presencePenalty: 'gen_ai.request.presence_penalty',
  stopSequences: 'gen_ai.request.stop_sequences',
  seed: 'gen_ai.request.seed',
  stream: 'gen_ai.request.stream',
  choiceCount: 'gen_ai.request.choice.count',
} as const satisfies Record<keyof LlmRequestParameters, string>;

/** The GenAI attributes an LLM call writes besides usage and request parameters. */
export const LLM_ATTRIBUTES = {
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  provider: 'gen_ai.provider.name',
  conversationId: 'gen_ai.conversation.id',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  timeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  /** A cost the caller states: read by Sextant (and other backends) as provided. */
  providedCostUsd: 'gen_ai.usage.cost',
  /** A cost the SDK computed from the price catalog: the server computes its own, with its overrides. */
  computedCostUsd: 'sextant.cost.usd',
  priceEntry: 'sextant.cost.price_entry',
} as const;

export interface LlmCallOptions {
  /** The model asked for (`gen_ai.request.model`). */
  model: string;
  /** `openai`, `anthropic`, `aws.bedrock`… (`gen_ai.provider.name`; other spellings are normalized). */
  provider?: string;
  /** Default `chat`. */
  operation?: LlmOperation;
  /** Span name; default `{operation} {model}`, as the GenAI conventions name it. */
  name?: string;
  parameters?: LlmRequestParameters;
  systemInstructions?: string | MessagePart[];
  inputMessages?: ChatMessage[];
  /** The conversation (session) the call belongs to. */
  conversationId?: string;
  attributes?: Attributes;
  links?: SpanOptions['links'];
  /** Overrides the `captureContent` setting for this call (prompts and completions). */
  captureContent?: boolean;
}

/** What a call returned, all at once; each part can also be set on its own. */
export interface LlmResponse {
  /** The model that answered (`gen_ai.response.model`). */
  model?: string;
  id?: string;
  finishReasons?: string[];
  outputMessages?: ChatMessage[];
  usage?: LlmUsage;
  /** A cost the provider reported, in USD; otherwise it is computed from the price catalog. */
  costUsd?: number;
}

/** The handle of an LLM call: a span with the GenAI facts of one model call. */
export interface LlmCallHandle extends SpanHandle {
  setInputMessages(messages: ChatMessage[]): this;
  /** Also gives the finish reasons, when the messages carry them and none were set. */
  setOutputMessages(messages: ChatMessage[]): this;
  setResponse(response: LlmResponse): this;
  setUsage(usage: LlmUsage): this;
  /** A cost the provider reported, in USD: it wins over the computed one. */
  setCost(usd: number): this;
  setFinishReasons(reasons: string[]): this;
  /** Marks the first streamed chunk: time to first token is recorded once, at the first call. */
  firstToken(): this;
  /** Passes a stream through, marking its first chunk. */
  trackStream<C>(stream: AsyncIterable<C>): AsyncIterable<C>;
  /** The normalized token counts, once usage was set. */
  readonly tokens: TokenCounts | null;
}

class RecordingLlmCall extends RecordingSpan implements LlmCallHandle {
  readonly #captureContent: boolean;
  readonly #provider: string | null;
  readonly #requestModel: string;
  #responseModel: string | null = null;
  #tokens: TokenCounts | null = null;
  #costProvided = false;
  #finishReasonsSet = false;
  #firstTokenSeen = false;

  constructor(span: Span, startTime: HrTime, options: LlmCallOptions) {
    super(span, startTime);
    this.#captureContent = options.captureContent ?? sdk.captureContent;
    this.#provider = options.provider === undefined ? null : normalizeProviderName(options.provider);
    this.#requestModel = options.model;
  }

  get tokens(): TokenCounts | null {
    return this.#tokens;
  }

  setInputMessages(messages: ChatMessage[]): this {
    if (this.#captureContent) this.setAttribute(LLM_ATTRIBUTES.inputMessages, messagesJson(messages));
    return this;
  }

  setOutputMessages(messages: ChatMessage[]): this {
    if (this.#captureContent) this.setAttribute(LLM_ATTRIBUTES.outputMessages, messagesJson(messages));
    const reasons = messages.flatMap((message) =>
      message.finishReason === undefined ? [] : [message.finishReason],
    );
    if (!this.#finishReasonsSet && reasons.length > 0) this.setFinishReasons(reasons);
    return this;
  }

  setResponse(response: LlmResponse): this {
    if (response.model !== undefined) {
      this.#responseModel = response.model;
      this.setAttribute(LLM_ATTRIBUTES.responseModel, response.model);
    }
    this.setAttribute(LLM_ATTRIBUTES.responseId, response.id);
    if (response.finishReasons !== undefined) this.setFinishReasons(response.finishReasons);
    if (response.outputMessages !== undefined) this.setOutputMessages(response.outputMessages);
    if (response.usage !== undefined) this.setUsage(response.usage);
    if (response.costUsd !== undefined) this.setCost(response.costUsd);
    return this;
  }

  setUsage(usage: LlmUsage): this {
    this.#tokens = tokenCounts(usage);
    return this.setAttributes(usageAttributes(usage, this.#tokens));
  }

  setCost(usd: number): this {
    if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
      warnOnce('setCost', `setCost(${String(usd)}) ignored: the cost must be a USD amount ≥ 0`);
      return this;
    }
    this.#costProvided = true;
    return this.setAttribute(LLM_ATTRIBUTES.providedCostUsd, usd);
  }

  setFinishReasons(reasons: string[]): this {
    this.#finishReasonsSet = true;
    return this.setAttribute(LLM_ATTRIBUTES.finishReasons, reasons);
  }

  firstToken(): this {
    if (this.#firstTokenSeen) return this;
    this.#firstTokenSeen = true;
    return this.setAttribute(
      LLM_ATTRIBUTES.timeToFirstChunk,
      secondsBetween(this.startTime, sdk.clock.now()),
    );
  }

  async *trackStream<C>(stream: AsyncIterable<C>): AsyncIterable<C> {
    for await (const chunk of stream) {
      this.firstToken();
      yield chunk;
    }
  }

  protected override beforeEnd(): void {
    if (this.#costProvided || this.#tokens === null) return;
    const cost = computeCost({
      provider: this.#provider,
      requestModel: this.#requestModel,
      responseModel: this.#responseModel,
      tokens: this.#tokens,
      startUnixNano: hrTimeToNanos(this.startTime),
    });
    if (cost === null) return;
    this.setAttribute(LLM_ATTRIBUTES.computedCostUsd, usdOf(cost));
    this.setAttribute(LLM_ATTRIBUTES.priceEntry, cost.priceEntry);
  }
}

class NoopLlmCall extends NoopSpan implements LlmCallHandle {
  readonly tokens = null;

  setInputMessages(): this {
    return this;
  }

  setOutputMessages(): this {
    return this;
  }

  setResponse(): this {
    return this;
  }

  setUsage(): this {
    return this;
  }

  setCost(): this {
    return this;
  }

  setFinishReasons(): this {
    return this;
  }

  firstToken(): this {
    return this;
  }

  trackStream<C>(stream: AsyncIterable<C>): AsyncIterable<C> {
    return stream;
  }
}

const NOOP_LLM_CALL: LlmCallHandle = new NoopLlmCall();

function startAttributes(options: LlmCallOptions, operation: LlmOperation): Attributes {
  const captureContent = options.captureContent ?? sdk.captureContent;
  const attributes: Attributes = {
    [OPERATION_ATTRIBUTE]: operation,
    [LLM_ATTRIBUTES.requestModel]: options.model,
  };
  if (options.provider !== undefined)
    attributes[LLM_ATTRIBUTES.provider] = normalizeProviderName(options.provider);
  if (options.conversationId !== undefined)
    attributes[LLM_ATTRIBUTES.conversationId] = options.conversationId;
  for (const [key, attribute] of Object.entries(PARAMETER_ATTRIBUTES)) {
    const value = options.parameters?.[key as keyof LlmRequestParameters];
    if (value !== undefined) attributes[attribute] = value;
  }
  if (captureContent && options.systemInstructions !== undefined) {
    attributes[LLM_ATTRIBUTES.systemInstructions] = instructionsJson(options.systemInstructions);
  }
  if (captureContent && options.inputMessages !== undefined) {
    attributes[LLM_ATTRIBUTES.inputMessages] = messagesJson(options.inputMessages);
  }
  return { ...attributes, ...options.attributes };
}

function openLlmCall(options: LlmCallOptions) {
  try {
    const operation = options.operation ?? 'chat';
    const spanOptions: SpanOptions = {
      kind: 'llm',
      attributes: startAttributes(options, operation),
      ...(options.links === undefined ? {} : { links: options.links }),
    };
    const name = options.name ?? `${operation} ${options.model}`;
    return openSpan(name, spanOptions, (span, startTime) => new RecordingLlmCall(span, startTime, options));
  } catch (error) {
    reportInternalError('starting an LLM call span', error);
    return null;
  }
}

/**
 * Runs one model call inside an LLM span (CLIENT, `{operation} {model}`) carrying the request's
 * GenAI attributes; `fn` reports the response, usage, output and first token on the handle. When
 * no cost is reported, it is computed from the price catalog at the end.
 */
export function withLlmCall<T>(options: LlmCallOptions, fn: (call: LlmCallHandle) => T): T {
  if (!sdk.recording) return fn(NOOP_LLM_CALL);
  const opened = openLlmCall(options);
  return opened === null ? fn(NOOP_LLM_CALL) : runInSpan(opened, fn);
}

/** An LLM call span the caller ends with `call.end()`: for a stream consumed after the call returns. */
export function startLlmCall(options: LlmCallOptions): LlmCallHandle {
  if (!sdk.recording) return NOOP_LLM_CALL;
  return openLlmCall(options)?.handle ?? NOOP_LLM_CALL;
}
