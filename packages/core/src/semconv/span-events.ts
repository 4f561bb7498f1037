import type { AnyValue, Attributes } from '../model/attributes.js';
import type { SpanEvent } from '../model/span.js';
import { isJsonObject, parseJson, setKey, toJsonValue } from './json-value.js';

/** What the LLM conventions put in span events, read in one pass over them. */
export interface EventFacts {
  /** Attributes of the OTel GenAI `gen_ai.client.inference.operation.details` event. */
  operationDetails: Attributes | null;
  /** Deprecated GenAI `gen_ai.{system,user,assistant,tool}.message` events, as messages in order. */
  messageEvents: unknown[] | null;
  /** Deprecated GenAI `gen_ai.choice` events, as choices in order. */
  choiceEvents: unknown[] | null;
  /** `gen_ai.prompt` / `gen_ai.completion` of the older `gen_ai.content.prompt|completion` events. */
  contentPrompt: AnyValue | undefined;
  contentCompletion: AnyValue | undefined;
  /** Time of OpenInference's `First Token Stream Event`. */
  openInferenceFirstToken: bigint | null;
  /** Time of OpenLLMetry's first `llm.content.completion.chunk` event. */
  openLlmetryFirstChunk: bigint | null;
  /** The Vercel AI SDK's `ai.stream.firstChunk` event. */
  vercelFirstChunk: SpanEvent | null;
}

/** The role each deprecated GenAI message event implies. */
const MESSAGE_EVENT_ROLES: ReadonlyMap<string, string> = new Map([
  ['gen_ai.system.message', 'system'],
  ['gen_ai.user.message', 'user'],
  ['gen_ai.assistant.message', 'assistant'],
  ['gen_ai.tool.message', 'tool'],
]);

/** Metadata the deprecated events repeat on every event; not part of the message. */
const EVENT_METADATA_KEY = 'gen_ai.system';
/** Azure's instrumentations pack the whole event body into one JSON string attribute. */
const PACKED_BODY_KEY = 'gen_ai.event.content';

/**
 * The event body as a message. The deprecated events are log-record events whose body
 * (`content`, `role`, `tool_calls`, `message`…) becomes the span event's attributes, or arrives
 * packed as JSON in `gen_ai.event.content`. The role the event name implies is added when the
 * body has none.
 */
function eventBody(attributes: Attributes, role: string | null): unknown {
  const packed = attributes[PACKED_BODY_KEY];
  if (typeof packed === 'string') {
    const parsed = parseJson(packed);
    if (isJsonObject(parsed))
      return role === null || parsed.role !== undefined ? parsed : { role, ...parsed };
    return role === null ? { content: packed } : { role, content: packed };
  }
  const body: Record<string, unknown> = {};
  if (role !== null) body.role = role;
  for (const key of Object.keys(attributes)) {
    if (key !== EVENT_METADATA_KEY) setKey(body, key, toJsonValue(attributes[key] as AnyValue));
  }
  return body;
}

/** Most spans have no message events; the list is only made when one is found. */
function appended(list: unknown[] | null, item: unknown): unknown[] {
  if (list === null) return [item];
  list.push(item);
  return list;
}

export function readEventFacts(events: readonly SpanEvent[]): EventFacts {
  const facts: EventFacts = {
    operationDetails: null,
    messageEvents: null,
    choiceEvents: null,
    contentPrompt: undefined,
    contentCompletion: undefined,
    openInferenceFirstToken: null,
    openLlmetryFirstChunk: null,
    vercelFirstChunk: null,
  };
  for (const event of events) {
    switch (event.name) {
      case 'gen_ai.client.inference.operation.details':
        facts.operationDetails ??= event.attributes;
        break;
      case 'gen_ai.system.message':
      case 'gen_ai.user.message':
      case 'gen_ai.assistant.message':
      case 'gen_ai.tool.message':
        facts.messageEvents = appended(
          facts.messageEvents,
          eventBody(event.attributes, MESSAGE_EVENT_ROLES.get(event.name) ?? null),
        );
        break;
      case 'gen_ai.choice':
        facts.choiceEvents = appended(facts.choiceEvents, eventBody(event.attributes, null));
        break;
      case 'gen_ai.content.prompt':
        facts.contentPrompt ??= event.attributes['gen_ai.prompt'];
        break;
      case 'gen_ai.content.completion':
        facts.contentCompletion ??= event.attributes['gen_ai.completion'];
        break;
      case 'First Token Stream Event':
        facts.openInferenceFirstToken ??= event.timeUnixNano;
        break;
      case 'llm.content.completion.chunk':
        facts.openLlmetryFirstChunk ??= event.timeUnixNano;
        break;
      case 'ai.stream.firstChunk':
        facts.vercelFirstChunk ??= event;
        break;
    }
  }
  return facts;
}

/** Whether any event carries an OTel GenAI name, which makes the span an LLM span. */
export function hasGenAiEvent(events: readonly SpanEvent[]): boolean {
  for (const event of events) if (event.name.startsWith('gen_ai.')) return true;
  return false;
}
