import type { Attributes } from '../model/attributes.js';
import { firstPresent } from './attribute-values.js';
import type { FlattenedLists } from './flattened-attributes.js';
import { stringifyJson, valueToText } from './json-value.js';
import type { EventFacts } from './span-events.js';

/** What the text fields are read from. */
export interface TextSources {
  attributes: Attributes;
  lists: FlattenedLists;
  events: EventFacts;
}

const GEN_AI_OPERATION_INPUT_KEYS = ['gen_ai.tool.call.arguments', 'gen_ai.retrieval.query.text'] as const;
const GEN_AI_OPERATION_OUTPUT_KEYS = ['gen_ai.tool.call.result', 'gen_ai.retrieval.documents'] as const;
const VERCEL_INPUT_KEYS = [
  'ai.prompt.messages',
  'ai.prompt',
  'ai.values',
  'ai.value',
  'ai.toolCall.args',
] as const;
/** `ai.result.*` is the Vercel AI SDK's earlier name for `ai.response.*`. */
const VERCEL_OUTPUT_KEYS = [
  'ai.response.text',
  'ai.response.object',
  'ai.response.toolCalls',
  'ai.result.text',
  'ai.result.object',
  'ai.result.toolCalls',
  'ai.toolCall.result',
] as const;

function firstText(attributes: Attributes, keys: readonly string[]): string | null {
  return valueToText(firstPresent(attributes, keys));
}

function listText(items: unknown[] | null): string | null {
  return items === null ? null : stringifyJson(items);
}

/**
 * OTel GenAI keeps system instructions apart from the chat history, and so does the input text:
 * it is the history exactly as sent (the same text as the attribute when that was a string, so
 * storage keeps it once and ingest never re-parses it). The instructions stay searchable in their
 * own attribute; they repeat on every call of an agent and would only bury the question asked.
 */
function genAiInput(attributes: Attributes): string | null {
  return valueToText(attributes['gen_ai.input.messages']);
}

/**
 * The prompt / input as text, from the first source that has one:
 * OTel GenAI, then OpenInference, then deprecated GenAI / OpenLLMetry, then the Vercel AI SDK.
 */
export function extractInputText({ attributes, lists, events }: TextSources): string | null {
  const details = events.operationDetails;
  return (
    genAiInput(attributes) ??
    (details === null ? null : genAiInput(details)) ??
    firstText(attributes, GEN_AI_OPERATION_INPUT_KEYS) ??
    valueToText(attributes['llm.input_messages']) ??
    lists.text('openInferenceInput') ??
    valueToText(attributes['llm.prompts']) ??
    lists.text('openInferenceEmbeddings') ??
    valueToText(attributes['input.value']) ??
    lists.text('genAiPrompt') ??
    listText(events.messageEvents) ??
    valueToText(attributes['gen_ai.prompt'] ?? events.contentPrompt) ??
    valueToText(attributes['traceloop.entity.input']) ??
    firstText(attributes, VERCEL_INPUT_KEYS)
  );
}

/** The completion / output as text, from the first source that has one, in the same order. */
export function extractOutputText({ attributes, lists, events }: TextSources): string | null {
  const details = events.operationDetails;
  return (
    valueToText(attributes['gen_ai.output.messages']) ??
    (details === null ? null : valueToText(details['gen_ai.output.messages'])) ??
    firstText(attributes, GEN_AI_OPERATION_OUTPUT_KEYS) ??
    valueToText(attributes['llm.output_messages']) ??
    lists.text('openInferenceOutput') ??
    valueToText(attributes['output.value']) ??
    lists.text('openInferenceDocuments') ??
    lists.text('genAiCompletion') ??
    listText(events.choiceEvents) ??
    valueToText(attributes['gen_ai.completion'] ?? events.contentCompletion) ??
    valueToText(attributes['traceloop.entity.output']) ??
    firstText(attributes, VERCEL_OUTPUT_KEYS)
  );
}
