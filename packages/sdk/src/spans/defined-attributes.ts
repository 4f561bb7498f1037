import type { Attributes } from '@opentelemetry/api';

/** The attributes whose value was given: helpers take optional facts and record only those present. */
export function definedAttributes(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}
