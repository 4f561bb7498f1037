import type { Attributes } from '@opentelemetry/api';
import { reportInternalError, sdk } from '../setup/sdk-state.js';
import { definedAttributes } from './defined-attributes.js';
import { openSpan } from './open-span.js';
import { RecordingSpan } from './span-handle.js';

/** The attributes marker spans carry (no GenAI convention covers these decisions). */
export const MARKER_ATTRIBUTES = {
  marker: 'sextant.marker',
  fromModel: 'sextant.routing.from_model',
  toModel: 'sextant.routing.to_model',
  reason: 'sextant.routing.reason',
  toolNames: 'sextant.tools.names',
  toolCount: 'sextant.tools.count',
  toolSource: 'sextant.tools.source',
  toolDetail: 'sextant.tools.detail',
  toolName: 'gen_ai.tool.name',
  query: 'sextant.tool_search.query',
  score: 'sextant.tool_search.score',
} as const;

/** A zero-duration span under the current one, recording a decision at one instant. */
function mark(name: string, marker: string, attributes: Attributes): void {
  if (!sdk.recording) return;
  const opened = openSpan(
    name,
    { kind: 'marker', attributes: { [MARKER_ATTRIBUTES.marker]: marker, ...attributes } },
    (span, startTime) => new RecordingSpan(span, startTime),
  );
  try {
    opened?.handle.endAt(opened.handle.startTime);
  } catch (error) {
    reportInternalError('ending a marker', error);
  }
}

/** The model was switched, e.g. by a router or a fallback. */
export function markModelRouting(routing: { fromModel: string; toModel: string; reason?: string }): void {
  mark(
    'model routing',
    'model_routing',
    definedAttributes({
      [MARKER_ATTRIBUTES.fromModel]: routing.fromModel,
      [MARKER_ATTRIBUTES.toModel]: routing.toModel,
      [MARKER_ATTRIBUTES.reason]: routing.reason,
    }),
  );
}

/** Tools were made available to the model (an MCP server connected, a toolset loaded). Nothing for an empty list. */
export function markToolMount(mount: { tools: string[]; source?: string; detail?: string }): void {
  if (mount.tools.length === 0) return;
  mark(
    'tool mount',
    'tool_mount',
    definedAttributes({
      [MARKER_ATTRIBUTES.toolNames]: mount.tools,
      [MARKER_ATTRIBUTES.toolCount]: mount.tools.length,
      [MARKER_ATTRIBUTES.toolSource]: mount.source,
      [MARKER_ATTRIBUTES.toolDetail]: mount.detail,
    }),
  );
}

/** A tool was loaded on demand, found by a search over the available tools. */
export function markDeferredToolLoad(load: { toolName: string; query?: string; score?: number }): void {
  mark(
    'deferred tool load',
    'deferred_tool_load',
    definedAttributes({
      [MARKER_ATTRIBUTES.toolName]: load.toolName,
      [MARKER_ATTRIBUTES.query]: load.query,
      [MARKER_ATTRIBUTES.score]: load.score,
    }),
  );
}
