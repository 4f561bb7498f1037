import type { ReactNode } from 'react';

/** The OTLP endpoint of this server: the UI is served on the same origin and port. */
function endpoint(): string {
  return window.location.origin;
}

function sdkSnippet(origin: string): string {
  return `import { init, withLlmCall, withSpan } from '@sextant/sdk';

init({ serviceName: 'my-agent', endpoint: '${origin}' });

await withSpan('answer question', { kind: 'agent' }, () =>
  withLlmCall(
    { model: 'gpt-4o', provider: 'openai', inputMessages: [{ role: 'user', content: question }] },
    async (call) => {
      const answer = await callTheModel(question);
      call.setResponse({ outputMessages: [answer.message], usage: answer.usage });
      return answer;
    },
  ),
);`;
}

/**
 * What a newcomer sees before any trace arrived: what Sextant shows, and the three ways to send it
 * something, with this server's own address filled in.
 */
export function NoDataYet({ project }: { project: string }) {
  const origin = endpoint();
  return (
    <section className="empty-state teach" aria-label="How to send traces">
      <h2>No traces in project “{project}” yet</h2>
      <p>
        Sextant shows what your LLM applications and agents send it over OpenTelemetry: every run as a tree of
        agent steps, model calls and tool calls, with prompts, completions, tokens, cost and latency. Three
        ways to get traces here; this page updates by itself when the first one arrives.
      </p>
      <ol className="ways">
        <li>
          <h3>Look around with demo data</h3>
          <p>In a second terminal, in the Sextant directory, send a realistic stream of agent traces:</p>
          <pre>npm run demo -- --endpoint {origin}</pre>
        </li>
        <li>
          <h3>Point any OpenTelemetry SDK or Collector here</h3>
          <p>
            OTLP/HTTP (protobuf or JSON) is accepted on this port at <code>{origin}/v1/traces</code>:
          </p>
          <pre>{`export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}\nexport OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`}</pre>
          <p>
            OpenLLMetry, OpenInference, the Vercel AI SDK and the OTel GenAI instrumentations are all
            understood.
          </p>
        </li>
        <li>
          <h3>Trace a Node.js agent with the Sextant SDK</h3>
          <pre>{sdkSnippet(origin)}</pre>
        </li>
      </ol>
      {project !== 'default' && (
        <p className="hint">
          Data goes to project “{project}” when the resource attribute <code>sextant.project</code> or the
          header <code>X-Sextant-Project</code> says so; otherwise to “default”.
        </p>
      )}
    </section>
  );
}

/** Data exists, but not for this view: say why and offer the way out. */
export function NothingMatches({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p>{children}</p>
      {action}
    </div>
  );
}
