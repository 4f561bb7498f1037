import type { Attributes } from './attributes.js';

/** The entity that produced telemetry (OTLP `Resource`). */
export interface Resource {
  attributes: Attributes;
  droppedAttributesCount: number;
  /** The `schema_url` of the enclosing `ResourceSpans` / `ResourceLogs` / `ResourceMetrics`. */
  schemaUrl: string;
}

/** The instrumentation library that produced telemetry (OTLP `InstrumentationScope`). */
export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  /** The `schema_url` of the enclosing `ScopeSpans` / `ScopeLogs` / `ScopeMetrics`. */
  schemaUrl: string;
}

/** The service name used when a resource carries no `service.name` (the OTel SDK default). */
export const UNKNOWN_SERVICE = 'unknown_service';

/** The project of data that names none. */
export const DEFAULT_PROJECT = 'default';

/** What a project name may be: it appears in URLs, headers and storage keys. */
export const PROJECT_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function isProjectName(name: string): boolean {
  return PROJECT_NAME_PATTERN.test(name);
}
