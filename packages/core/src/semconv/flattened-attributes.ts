import type { AnyValue, Attributes } from '../model/attributes.js';
import { stringifyJson, toJsonValue } from './json-value.js';

/**
 * Conventions that spread a list of objects over indexed keys (`gen_ai.prompt.0.role`,
 * `llm.input_messages.1.message.content`…). `namespaces` are the redundant segments OpenInference
 * repeats after each index (`message.`, `tool_call.`…), dropped when the objects are rebuilt.
 */
const MESSAGE_NAMESPACES: ReadonlySet<string> = new Set(['message', 'message_content', 'tool_call']);
const NO_NAMESPACES: ReadonlySet<string> = new Set();

const FLATTENED_FAMILIES = [
  { name: 'genAiPrompt', prefix: 'gen_ai.prompt.', namespaces: NO_NAMESPACES },
  { name: 'genAiCompletion', prefix: 'gen_ai.completion.', namespaces: NO_NAMESPACES },
  { name: 'openInferenceInput', prefix: 'llm.input_messages.', namespaces: MESSAGE_NAMESPACES },
  { name: 'openInferenceOutput', prefix: 'llm.output_messages.', namespaces: MESSAGE_NAMESPACES },
  { name: 'openInferenceDocuments', prefix: 'retrieval.documents.', namespaces: new Set(['document']) },
  { name: 'openInferenceEmbeddings', prefix: 'embedding.embeddings.', namespaces: new Set(['embedding']) },
] as const;

export type FlattenedFamily = (typeof FLATTENED_FAMILIES)[number]['name'];

/** Embedding vectors are numbers, never text worth keeping. */
const DROPPED_LEAF = 'vector';

/** A node being rebuilt; its leaves are the attribute values themselves. */
class Branch {
  readonly children = new Map<string, Branch | AnyValue>();
}

/** The indexed families found on a span, each rebuilt as a tree. */
export type FlattenedLists = Partial<Record<FlattenedFamily, Branch>>;

function isIndex(segment: string): boolean {
  if (segment === '' || segment.length > 9) return false;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function insert(root: Branch, path: string, value: AnyValue, namespaces: ReadonlySet<string>): void {
  const segments = path.split('.');
  const last = segments.length - 1;
  const leaf = segments[last] as string;
  if (leaf === DROPPED_LEAF) return;
  let node = root;
  let afterIndex = false;
  for (let i = 0; i < last; i++) {
    const segment = segments[i] as string;
    if (afterIndex && namespaces.has(segment)) {
      afterIndex = false;
      continue;
    }
    afterIndex = isIndex(segment);
    let child = node.children.get(segment);
    if (child === undefined) {
      child = new Branch();
      node.children.set(segment, child);
    } else if (!(child instanceof Branch)) {
      return; // a value already sits where this key wants an object
    }
    node = child;
  }
  if (!node.children.has(leaf)) node.children.set(leaf, value);
}

/**
 * One pass over the span's keys, collecting the indexed families. A family key needs a digit
 * right after its prefix, so `gen_ai.prompt.name` (a prompt template's name) is not a message.
 */
export function collectFlattenedLists(attributes: Attributes): FlattenedLists {
  const lists: FlattenedLists = {};
  for (const key in attributes) {
    for (const family of FLATTENED_FAMILIES) {
      const { prefix } = family;
      if (!key.startsWith(prefix)) continue;
      const code = key.charCodeAt(prefix.length);
      if (code >= 48 && code <= 57) {
        const root = lists[family.name] ?? new Branch();
        lists[family.name] = root;
        insert(root, key.slice(prefix.length), attributes[key] as AnyValue, family.namespaces);
      }
      break;
    }
  }
  return lists;
}

function finishChild(child: Branch | AnyValue): unknown {
  return child instanceof Branch ? finish(child) : toJsonValue(child);
}

/** A node whose keys are all indices becomes an array in index order (holes closed up). */
function finish(node: Branch): unknown {
  let allIndices = node.children.size > 0;
  for (const key of node.children.keys()) {
    if (!isIndex(key)) {
      allIndices = false;
      break;
    }
  }
  if (allIndices) {
    const keys = [...node.children.keys()].sort((a, b) => Number(a) - Number(b));
    const out: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++)
      out[i] = finishChild(node.children.get(keys[i] as string) as Branch | AnyValue);
    return out;
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, child] of node.children) out[key] = finishChild(child);
  return out;
}

/** The family rebuilt as compact JSON text of its list, or null when the span has none. */
export function flattenedListText(lists: FlattenedLists, family: FlattenedFamily): string | null {
  const root = lists[family];
  return root === undefined ? null : stringifyJson(finish(root));
}
