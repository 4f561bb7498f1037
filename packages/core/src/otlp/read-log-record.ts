import type { LogRecord } from '../model/log-record.js';
import type { DecodeContext } from './decode-context.js';
import { invalidItem } from './errors.js';
import { asObject, droppedAttributes, readAnyValue, readAttributes } from './read-attributes.js';
import type { ItemGroup } from './read-groups.js';
import { readEnum, readInt, readOptionalId, readString, readTimeNano } from './read-scalars.js';
import { otlpEnums } from './schema.js';

const LAST_SEVERITY_NUMBER = 24;

/** One OTLP log record; throws `InvalidItemError` for a record that cannot be kept. */
export function readLogRecord(
  raw: unknown,
  group: ItemGroup,
  context: DecodeContext,
  out: LogRecord[],
): void {
  const record = asObject(raw) ?? invalidItem('is not an object');
  const traceId = readOptionalId(record.traceId ?? record.trace_id, 16, 'trace id');
  const spanId = readOptionalId(record.spanId ?? record.span_id, 8, 'span id');
  const severityNumber = readEnum(
    record.severityNumber ?? record.severity_number,
    otlpEnums.severityNumber,
    'severity number',
  );
  if (!Number.isInteger(severityNumber) || severityNumber < 0 || severityNumber > LAST_SEVERITY_NUMBER) {
    invalidItem(`severity number ${severityNumber} is out of range`);
  }
  out.push({
    project: group.project,
    timeUnixNano: readTimeNano(record.timeUnixNano ?? record.time_unix_nano, 'time'),
    observedTimeUnixNano: readTimeNano(
      record.observedTimeUnixNano ?? record.observed_time_unix_nano,
      'observed time',
    ),
    severityNumber,
    severityText: readString(record.severityText ?? record.severity_text, 'severity text'),
    body: readAnyValue(record.body, context),
    traceId,
    spanId,
    flags: readInt(record.flags, 'flags'),
    eventName: readString(record.eventName ?? record.event_name, 'event name'),
    service: group.service,
    resource: group.resource,
    scope: group.scope,
    attributes: readAttributes(record.attributes, context),
    droppedAttributesCount: droppedAttributes(
      record.attributes,
      record.droppedAttributesCount ?? record.dropped_attributes_count,
      context,
    ),
  });
}
