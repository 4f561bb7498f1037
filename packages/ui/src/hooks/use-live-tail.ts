import { useEffect, useRef, useState } from 'react';
import type { SpanView } from '../api/types.js';

export interface LiveTail {
  connected: boolean;
  /** Spans received since the stream opened. */
  spans: number;
  /** Spans the server dropped because this page read too slowly. */
  dropped: number;
}

/**
 * Follows `GET /api/live` (Server-Sent Events) while `url` is set, handing each span to
 * `onSpan`. The browser's EventSource reconnects by itself after a network error.
 */
export function useLiveTail(url: string | null, onSpan: (span: SpanView) => void): LiveTail {
  const [state, setState] = useState<LiveTail>({ connected: false, spans: 0, dropped: 0 });
  const handler = useRef(onSpan);
  handler.current = onSpan;

  useEffect(() => {
    if (url === null) return;
    setState({ connected: false, spans: 0, dropped: 0 });
    const source = new EventSource(url);
    source.onopen = () => setState((current) => ({ ...current, connected: true }));
    source.onerror = () => setState((current) => ({ ...current, connected: false }));
    source.addEventListener('span', (event) => {
      setState((current) => ({ ...current, spans: current.spans + 1 }));
      handler.current(JSON.parse((event as MessageEvent<string>).data) as SpanView);
    });
    source.addEventListener('dropped', (event) => {
      const { spans } = JSON.parse((event as MessageEvent<string>).data) as { spans: number };
      setState((current) => ({ ...current, dropped: current.dropped + spans }));
    });
    return () => source.close();
  }, [url]);

  return url === null ? { connected: false, spans: 0, dropped: 0 } : state;
}
