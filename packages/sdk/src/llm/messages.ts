/** One part of a message, as the OTel GenAI conventions structure `gen_ai.*.messages`. */
export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: unknown };

/** A chat message. `content` is the shorthand for a single text part. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | (string & {});
  content?: string;
  parts?: MessagePart[];
  /** A participant name, when the provider takes one. */
  name?: string;
  /** On output messages: why the model stopped (`stop`, `length`, `tool_call`…). */
  finishReason?: string;
}

interface SemconvMessage {
  role: string;
  parts: MessagePart[];
  name?: string;
  finish_reason?: string;
}

function partsOf(message: ChatMessage): MessagePart[] {
  const parts: MessagePart[] =
    message.content === undefined ? [] : [{ type: 'text', content: message.content }];
  return message.parts === undefined ? parts : [...parts, ...message.parts];
}

function semconvMessage(message: ChatMessage): SemconvMessage {
  const converted: SemconvMessage = { role: message.role, parts: partsOf(message) };
  if (message.name !== undefined) converted.name = message.name;
  if (message.finishReason !== undefined) converted.finish_reason = message.finishReason;
  return converted;
}

/** `gen_ai.input.messages` / `gen_ai.output.messages`: the messages as JSON text. */
export function messagesJson(messages: readonly ChatMessage[]): string {
  return JSON.stringify(messages.map(semconvMessage));
}

/** `gen_ai.system_instructions`: text or parts, as a JSON array of parts. */
export function instructionsJson(instructions: string | readonly MessagePart[]): string {
  return JSON.stringify(
    typeof instructions === 'string' ? [{ type: 'text', content: instructions }] : instructions,
  );
}

/** A tool's arguments or result as an attribute value: strings as they are, anything else as JSON. */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
