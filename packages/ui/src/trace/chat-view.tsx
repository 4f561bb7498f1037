import type { ReactNode } from 'react';
import type { SpanView } from '../api/types.js';
import { CodeBlock } from '../components/code-block.js';
import { formatCost, formatCount, formatDuration } from '../format/format.js';
import { displayText } from '../format/json-text.js';
import { type ChatMessage, type ChatPart, conversationOf } from './genai-messages.js';

function PartView({ part }: { part: ChatPart }) {
  switch (part.kind) {
    case 'text':
      return <div className="message-text">{part.text}</div>;
    case 'reasoning':
      return (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <div className="message-text">{part.text}</div>
        </details>
      );
    case 'tool_call':
      return (
        <div className="tool-part">
          <div className="tool-part-title">
            → calls <strong>{part.name ?? 'a tool'}</strong>
            {part.id && <span className="muted"> ({part.id})</span>}
          </div>
          <CodeBlock text={part.text} />
        </div>
      );
    case 'tool_result':
      return (
        <div className="tool-part">
          <div className="tool-part-title">
            ← result{part.name ? ` of ${part.name}` : ''}
            {part.id && <span className="muted"> ({part.id})</span>}
          </div>
          <CodeBlock text={part.text} />
        </div>
      );
    case 'data':
      return (
        <div className="tool-part">
          <div className="tool-part-title muted">{part.name ?? 'data'}</div>
          <CodeBlock text={part.text} />
        </div>
      );
  }
}

export function MessageView({ message }: { message: ChatMessage }) {
  return (
    <div className={`message role-${message.role.replace(/[^a-z_]/gi, '')}`}>
      <div className="message-role">
        {message.role}
        {message.finishReason && <span className="muted"> · finish: {message.finishReason}</span>}
      </div>
      {message.parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a message never move.
        <PartView key={index} part={part} />
      ))}
    </div>
  );
}

/** Messages when the text is messages, else the text itself (a plain prompt, a JSON value). */
function MessagesOrText({
  messages,
  text,
  label,
}: {
  messages: ChatMessage[] | null;
  text: string | null;
  label: string;
}) {
  if (messages) {
    return (
      <>
        {messages.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the messages of a span never move.
          <MessageView key={index} message={message} />
        ))}
      </>
    );
  }
  if (text === null) return null;
  return <MessageView message={{ role: label, parts: [{ kind: 'text', text: displayText(text) }] }} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A model call: the model and provider, tokens by kind, cost and time to first token, then the
 * conversation: system instructions, the messages sent, and the answer.
 */
export function ChatView({ span }: { span: SpanView }) {
  const { llm } = span;
  const conversation = conversationOf(span);
  const tokens = llm.tokens;
  const finishReasons = span.attributes['gen_ai.response.finish_reasons'];
  return (
    <section className="panel-section chat-view" aria-label="Model call">
      <h3>Model call</h3>
      <dl className="facts">
        <Fact label="Model">
          {llm.requestModel ?? '–'}
          {llm.responseModel && llm.responseModel !== llm.requestModel ? ` → ${llm.responseModel}` : ''}
        </Fact>
        <Fact label="Provider">{llm.provider ?? '–'}</Fact>
        <Fact label="Cost">
          {llm.cost ? (
            <>
              {formatCost(llm.cost.usd)}{' '}
              <span className="muted" title={llm.cost.priceEntry ?? undefined}>
                ({llm.cost.source}
                {llm.cost.priceEntry ? `, ${llm.cost.priceEntry}` : ''})
              </span>
            </>
          ) : (
            '–'
          )}
        </Fact>
        <Fact label="Time to first token">{formatDuration(llm.timeToFirstTokenMs)}</Fact>
        {finishReasons !== undefined && (
          <Fact label="Finish">
            {Array.isArray(finishReasons) ? finishReasons.join(', ') : displayText(finishReasons)}
          </Fact>
        )}
      </dl>
      {tokens && (
        <table className="tokens" aria-label="Tokens">
          <thead>
            <tr>
              <th>Input</th>
              <th>cache read</th>
              <th>cache write</th>
              <th>Output</th>
              <th>reasoning</th>
              <th>Total</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{formatCount(tokens.input)}</td>
              <td>{formatCount(tokens.cacheRead)}</td>
              <td>{formatCount(tokens.cacheWrite)}</td>
              <td>{formatCount(tokens.output)}</td>
              <td>{formatCount(tokens.reasoning)}</td>
              <td>{formatCount(tokens.total)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <div className="conversation">
        {conversation.instructions && (
          <details className="instructions">
            <summary>System instructions</summary>
            <MessageView message={conversation.instructions} />
          </details>
        )}
        <h4>Input</h4>
        {conversation.inputText === null ? (
          <p className="muted">No input recorded.</p>
        ) : (
          <MessagesOrText messages={conversation.input} text={conversation.inputText} label="input" />
        )}
        <h4>Output</h4>
        {conversation.outputText === null ? (
          <p className="muted">No output recorded.</p>
        ) : (
          <div className="output">
            <MessagesOrText messages={conversation.output} text={conversation.outputText} label="output" />
          </div>
        )}
      </div>
    </section>
  );
}

/** A span's input and output when they are not a model call: a tool's arguments and result, an agent's task. */
export function InputOutputView({ span, title }: { span: SpanView; title: string }) {
  const conversation = conversationOf(span);
  const isTool = span.llm.spanType === 'tool';
  return (
    <section className="panel-section io-view" aria-label={title}>
      <h3>{title}</h3>
      <h4>{isTool ? 'Arguments' : 'Input'}</h4>
      {conversation.inputText === null ? (
        <p className="muted">None recorded.</p>
      ) : (
        <MessagesOrText
          messages={conversation.input}
          text={conversation.inputText}
          label={isTool ? 'arguments' : 'input'}
        />
      )}
      <h4>{isTool ? 'Result' : 'Output'}</h4>
      {conversation.outputText === null ? (
        <p className="muted">None recorded.</p>
      ) : (
        <MessagesOrText
          messages={conversation.output}
          text={conversation.outputText}
          label={isTool ? 'result' : 'output'}
        />
      )}
    </section>
  );
}
