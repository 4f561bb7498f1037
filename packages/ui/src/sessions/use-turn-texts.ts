import { useEffect, useState } from 'react';
import { apiUrl, requestJson } from '../api/client.js';
import type { TraceDetail } from '../api/types.js';
import { type TurnText, turnTextOf } from './group-sessions.js';

/** Traces read at once: enough to fill the page fast without crowding the server. */
const CONCURRENCY = 4;

/** The question and answer of each turn, read trace by trace as they load. */
export function useTurnTexts(project: string, traceIds: readonly string[]): ReadonlyMap<string, TurnText> {
  const [texts, setTexts] = useState<ReadonlyMap<string, TurnText>>(new Map());
  const key = traceIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is `traceIds` as text (a new array each render).
  useEffect(() => {
    const controller = new AbortController();
    const queue = [...traceIds];
    setTexts(new Map());
    const worker = async () => {
      for (let traceId = queue.shift(); traceId !== undefined; traceId = queue.shift()) {
        try {
          const detail = await requestJson<TraceDetail>(apiUrl(`/api/traces/${traceId}`, { project }), {
            signal: controller.signal,
          });
          const text = turnTextOf(detail);
          setTexts((current) => new Map(current).set(traceId!, text));
        } catch {
          if (controller.signal.aborted) return;
          // A turn that cannot be read shows its figures without text.
        }
      }
    };
    for (let i = 0; i < CONCURRENCY; i++) void worker();
    return () => controller.abort();
  }, [project, key]);
  return texts;
}
