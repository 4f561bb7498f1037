import type { AttributeValue, SpanView } from '../api/types.js';
import { displayText, parseJson } from '../format/json-text.js';

/**
 * Chat messages read back from a span's input and output text. The server has already gathered
 * that text from whichever convention carried it (docs/attributes.md): a JSON list of messages
 * whose shape still depends on the source. This file reads each shape into one form:
 *
 * - OTel GenAI: `{role, parts: [{type: "text", content} | {type: "tool_call", id, name, arguments}
 *   | {type: "tool_call_response", id, response}], finish_reason}`;
 * - OpenAI-style (deprecated GenAI `gen_ai.prompt.N.*`, OpenLLMetry, OpenInference
 *   `llm.input_messages`): `{role, content, tool_calls: [{id, function: {name, arguments}}]}`,
 *   OpenInference's `contents: [{type, text}]`;
 * - `gen_ai.choice` events: `{index, finish_reason, message: {role?, content}}`;
 * - Vercel AI SDK: `{role, content: [{type: "text", text} | {type: "tool-call", toolName, input}
 *   | {type: "tool-result", output}]}`, and `ai.prompt`'s `{system, prompt | messages}`;
 * - Anthropic blocks: `{type: "tool_use", name, input}`, `{type: "tool_result", content}`.
 */

export type ChatPartKind = 'text' | 'reasoning' | 'tool_call' | 'tool_result' | 'data';

export interface ChatPart {
  kind: ChatPartKind;
  /** The text, or the arguments / result / data as indented JSON. */
  text: string;
  /** The tool's name, or the type of an unknown part. */
  name?: string;
  /** The tool call's id. */
  id?: string;
}

export interface ChatMessage {
  role: string;
  parts: ChatPart[];
  finishReason?: string;
}

type JsonRecord = Record<string, unknown>;

function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function partOf(raw: unknown): ChatPart {
  if (typeof raw === 'string') return { kind: 'text', text: raw };
  const part = asRecord(raw);
  if (part === null) return { kind: 'data', text: displayText(raw) };
  const type = optionalString(part.type);
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return { kind: 'text', text: displayText(part.content ?? part.text) };
    case 'reasoning':
    case 'thinking':
      return { kind: 'reasoning', text: displayText(part.content ?? part.thinking ?? part.text) };
    case 'tool_call':
    case 'tool-call':
    case 'tool_use':
    case 'function_call':
      return {
        kind: 'tool_call',
        name: optionalString(part.name ?? part.toolName),
        id: optionalString(part.id ?? part.toolCallId ?? part.call_id),
        text: displayText(part.arguments ?? part.args ?? part.input ?? {}),
      };
    case 'tool_call_response':
    case 'tool-result':
    case 'tool_result':
    case 'function_call_output':
      return {
        kind: 'tool_result',
        name: optionalString(part.toolName ?? part.name),
        id: optionalString(part.id ?? part.toolCallId ?? part.tool_use_id ?? part.call_id),
        text: displayText(part.response ?? part.result ?? part.output ?? part.content),
      };
    default:
      if (type === undefined && typeof part.text === 'string') return { kind: 'text', text: part.text };
      return { kind: 'data', name: type, text: displayText(part) };
  }
}

/** OpenAI's `tool_calls` (and OpenInference's, rebuilt from its indexed keys). */
function toolCallParts(raw: unknown): ChatPart[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const call = asRecord(item) ?? {};
    const fn = asRecord(call.function) ?? call;
    return {
      kind: 'tool_call' as const,
      name: optionalString(fn.name),
      id: optionalString(call.id),
      text: displayText(fn.arguments ?? {}),
    };
  });
}

/**
 * The object under `prefix` (`message.`) when its fields are spread over dotted keys, as a
 * `gen_ai.choice` event's attributes spell it (`message.content`, `message.role`); null if none.
 */
function dottedObject(record: JsonRecord, prefix: string): JsonRecord | null {
  const keys = Object.keys(record).filter((key) => key.startsWith(prefix));
  return keys.length === 0
    ? null
    : Object.fromEntries(keys.map((key) => [key.slice(prefix.length), record[key]]));
}

function messageOf(raw: unknown, defaultRole: string | null): ChatMessage | null {
  const record = asRecord(raw);
  if (record === null) return null;
  const wrapped = asRecord(record.message) ?? dottedObject(record, 'message.');
  if (wrapped !== null && record.role === undefined) {
    // A choice: the message inside, with the choice's finish reason.
    const message = messageOf(wrapped, 'assistant');
    const finishReason = optionalString(record.finish_reason);
    if (message && finishReason) message.finishReason = finishReason;
    return message;
  }
  const role = optionalString(record.role) ?? defaultRole;
  if (role === null) return null;
  const parts: ChatPart[] = [];
  if (Array.isArray(record.parts)) parts.push(...record.parts.map(partOf));
  if (Array.isArray(record.content)) parts.push(...record.content.map(partOf));
  else if (typeof record.content === 'string') parts.push({ kind: 'text', text: record.content });
  else if (record.content !== undefined && record.content !== null)
    parts.push({ kind: 'data', text: displayText(record.content) });
  if (Array.isArray(record.contents)) parts.push(...record.contents.map(partOf));
  parts.push(...toolCallParts(record.tool_calls));
  const toolCallId = optionalString(record.tool_call_id);
  const message: ChatMessage = {
    role,
    // A tool message answers a call: its text is the call's result.
    parts:
      role === 'tool'
        ? parts.map((part) =>
            part.kind === 'text' ? { ...part, kind: 'tool_result', id: toolCallId } : part,
          )
        : parts,
  };
  const finishReason = optionalString(record.finish_reason ?? record.finishReason);
  if (finishReason) message.finishReason = finishReason;
  return message;
}

function textMessage(role: string, text: string): ChatMessage {
  return { role, parts: [{ kind: 'text', text }] };
}

/** Messages in any of the shapes above; null when the value is not messages. */
export function messagesOf(value: unknown): ChatMessage[] | null {
  if (Array.isArray(value)) {
    const messages = value.map((item) => messageOf(item, null));
    return messages.length > 0 && messages.every((message) => message !== null)
      ? (messages as ChatMessage[])
      : null;
  }
  const record = asRecord(value);
  if (record === null) return null;
  if ('system' in record || 'prompt' in record || 'messages' in record) {
    const messages: ChatMessage[] = [];
    if (typeof record.system === 'string') messages.push(textMessage('system', record.system));
    messages.push(...(messagesOf(record.messages) ?? []));
    if (typeof record.prompt === 'string') messages.push(textMessage('user', record.prompt));
    else messages.push(...(messagesOf(record.prompt) ?? []));
    return messages.length > 0 ? messages : null;
  }
  const single = messageOf(record, null);
  return single === null ? null : [single];
}

/** The messages a span's input or output text holds; null when it holds something else. */
export function parseMessages(text: string | null): ChatMessage[] | null {
  if (text === null) return null;
  const value = parseJson(text);
  return value === undefined ? null : messagesOf(value);
}

/**
 * OTel GenAI keeps the system instructions in their own attribute (a list of parts, or text), not
 * in the input messages.
 */
export function systemInstructions(value: AttributeValue | undefined): ChatMessage | null {
  if (value === undefined || value === null || value === '') return null;
  const parsed = typeof value === 'string' ? (parseJson(value) ?? value) : value;
  const parts = Array.isArray(parsed) ? parsed.map(partOf) : [partOf(parsed)];
  return { role: 'system', parts };
}

/** What an LLM span said and was told, ready to show as a chat. */
export interface Conversation {
  instructions: ChatMessage | null;
  /** Null when the span has no input; raw text in `inputText` when it is not messages. */
  input: ChatMessage[] | null;
  output: ChatMessage[] | null;
  inputText: string | null;
  outputText: string | null;
}

export function conversationOf(span: SpanView): Conversation {
  const { inputText, outputText } = span.llm;
  return {
    instructions: systemInstructions(span.attributes['gen_ai.system_instructions']),
    input: parseMessages(inputText),
    output: parseMessages(outputText),
    inputText,
    outputText,
  };
}

/**
 * The text of the last message by one of `roles`: `['user']` gives the question of a turn,
 * `['assistant', 'model']` its answer.
 */
export function lastTextBy(messages: readonly ChatMessage[] | null, roles: readonly string[]): string | null {
  if (messages === null) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (!roles.includes(message.role)) continue;
    const text = message.parts.filter((part) => part.kind === 'text').map((part) => part.text);
    if (text.length > 0) return text.join('\n');
  }
  return null;
}
