import type { Attributes } from '../api/types.js';
import { CodeBlock } from '../components/code-block.js';
import { displayText } from '../format/json-text.js';

const isStructured = (value: unknown) => typeof value === 'object' && value !== null;

/**
 * Attributes as a key / value list, keys in order. Every value is shown as text; a JSON text (a
 * list of messages, tool arguments) is indented to be read.
 */
export function AttributesTable({ attributes, label }: { attributes: Attributes; label: string }) {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0) return <p className="muted">No attributes.</p>;
  return (
    <dl className="attributes" aria-label={label}>
      {keys.map((key) => {
        const value = attributes[key]!;
        // A list keeps its brackets here: ["a", "b"] is not the string "a, b".
        const text = Array.isArray(value)
          ? JSON.stringify(value, null, value.some(isStructured) ? 2 : undefined)
          : displayText(value);
        return (
          <div key={key} className="attribute">
            <dt title={key}>{key}</dt>
            <dd className={`value-${value === null ? 'null' : typeof value}`}>
              {text.length > 120 || text.includes('\n') ? <CodeBlock text={text} /> : text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
