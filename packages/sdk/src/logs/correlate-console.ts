import { format } from 'node:util';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { SDK_SCOPE, sdk } from '../setup/sdk-state.js';
import { traceLogFields } from './trace-log-fields.js';

/** The methods of `console` (or any logger shaped like it) that are correlated. */
export const CONSOLE_LEVELS = ['debug', 'info', 'log', 'warn', 'error'] as const;
export type ConsoleLevel = (typeof CONSOLE_LEVELS)[number];
export type ConsoleLike = Record<ConsoleLevel, (...args: unknown[]) => void>;

const SEVERITY = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  log: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
} as const satisfies Record<ConsoleLevel, SeverityNumber>;

/**
 * A logger with `console`'s methods that appends `trace_id=… span_id=…` to every line written
 * inside a span, and, when `exportLogs` is on, also sends each line as an OTLP log record tied
 * to the current span.
 */
export function correlateConsole(target: ConsoleLike = console): ConsoleLike {
  const correlated = {} as ConsoleLike;
  for (const level of CONSOLE_LEVELS) {
    correlated[level] = (...args: unknown[]) => {
      const fields = traceLogFields();
      if (sdk.exportLogs) {
        logs.getLogger(SDK_SCOPE.name, SDK_SCOPE.version).emit({
          severityNumber: SEVERITY[level],
          severityText: level.toUpperCase(),
          body: format(...args),
        });
      }
      if ('trace_id' in fields)
        target[level](...args, `trace_id=${fields.trace_id} span_id=${fields.span_id}`);
      else target[level](...args);
    };
  }
  return correlated;
}
