import { useState } from 'react';

const FOLD_CHARACTERS = 1500;

/**
 * Untrusted text (a prompt, an attribute value) shown as text: React escapes it, and the block
 * keeps its line breaks. Long text is folded until asked for.
 */
export function CodeBlock({ text, className }: { text: string; className?: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > FOLD_CHARACTERS;
  return (
    <div className={`code-block ${className ?? ''}`}>
      <pre>{long && !open ? `${text.slice(0, FOLD_CHARACTERS)}…` : text}</pre>
      {long && (
        <button type="button" className="link-button" onClick={() => setOpen(!open)}>
          {open ? 'Show less' : `Show all ${text.length.toLocaleString('en-US')} characters`}
        </button>
      )}
    </div>
  );
}
