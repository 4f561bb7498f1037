import type { AnyValue, Attributes } from '../model/attributes.js';
import { setKey, stringifyJson, toJsonValue } from './json-value.js';

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

type Family = (typeof FLATTENED_FAMILIES)[number];
export type FlattenedFamily = Family['name'];

/** The families by the first character of their prefix, so most keys are rejected at one compare. */
const FAMILIES_BY_FIRST_CHAR: ReadonlyMap<number, readonly Family[]> = (() => {
  const byChar = new Map<number, Family[]>();
  for (const family of FLATTENED_FAMILIES) {
    const code = family.prefix.charCodeAt(0);
    byChar.set(code, [...(byChar.get(code) ?? []), family]);
  }
  return byChar;
})();

/** Embedding vectors are numbers, never text worth keeping. */
const DROPPED_LEAF = 'vector';

/** A node being rebuilt; its leaves are the attribute values themselves. */
class Branch {
  readonly children = new Map<string, Branch | AnyValue>();
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIndex(segment: string): boolean {
  if (segment === '' || segment.length > 9) return false;
  for (let i = 0; i < segment.length; i++) if (!isDigit(segment.charCodeAt(i))) return false;
  return true;
}

/** Adds `key` (from `start`, the first character after the family prefix) to the tree. */
function insert(
  root: Branch,
  key: string,
  start: number,
  value: AnyValue,
  namespaces: ReadonlySet<string>,
): void {
  const leafStart = key.lastIndexOf('.') + 1;
  const leaf = key.slice(Math.max(leafStart, start));
  if (leaf === DROPPED_LEAF) return;
  let node = root;
  let afterIndex = false;
  for (let from = start; from < leafStart; ) {
    const dot = key.indexOf('.', from);
    const segment = key.slice(from, dot);
    from = dot + 1;
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
  const out: Record<string, unknown> = {};
  for (const [key, child] of node.children) setKey(out, key, finishChild(child));
  return out;
}

/**
 * The indexed families of one span. The span's keys are listed once, on the first request, and
 * only if a family is asked for: a span whose messages sit in one attribute is never scanned.
 */
export class FlattenedLists {
  readonly #attributes: Attributes;
  #trees: Map<FlattenedFamily, Branch> | null = null;

  constructor(attributes: Attributes) {
    this.#attributes = attributes;
  }

  /** The family rebuilt as compact JSON text of its list, or null when the span has none. */
  text(family: FlattenedFamily): string | null {
    this.#trees ??= this.#collect();
    const root = this.#trees.get(family);
    return root === undefined ? null : stringifyJson(finish(root));
  }

  /**
   * A family key needs a digit right after its prefix, so `gen_ai.prompt.name` (a prompt
   * template's name) is not a message.
   */
  #collect(): Map<FlattenedFamily, Branch> {
    const trees = new Map<FlattenedFamily, Branch>();
    const attributes = this.#attributes;
    for (const key in attributes) {
      const candidates = FAMILIES_BY_FIRST_CHAR.get(key.charCodeAt(0));
      if (candidates === undefined) continue;
      for (const family of candidates) {
        const start = family.prefix.length;
        if (!key.startsWith(family.prefix) || !isDigit(key.charCodeAt(start))) continue;
        let root = trees.get(family.name);
        if (root === undefined) {
          root = new Branch();
          trees.set(family.name, root);
        }
        insert(root, key, start, attributes[key] as AnyValue, family.namespaces);
        break;
      }
    }
    return trees;
  }
}
