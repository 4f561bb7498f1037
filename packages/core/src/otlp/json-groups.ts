/**
 * Grouping for OTLP/JSON output: one ResourceX per distinct project + resource, one ScopeX per
 * distinct scope in it, both in the order they first appear. Items decoded from one request
 * share their resource and scope objects, so a value is serialized once per object, not per item.
 */
import type { InstrumentationScope, Resource } from '../model/resource.js';
import type { JsonObject } from './json-values.js';
import { resourceToJson, scopeToJson } from './json-values.js';

interface Grouped {
  project: string;
  resource: Resource;
  scope: InstrumentationScope;
}

/** The names of one signal's three levels in an export request. */
export interface JsonLayout {
  resourceGroups: string;
  scopeGroups: string;
  items: string;
}

interface ScopeGroup<T> {
  scope: InstrumentationScope;
  items: T[];
}

interface ResourceGroup<T> {
  resource: Resource;
  scopes: Map<number, ScopeGroup<T>>;
}

/** Gives equal values one small number, computing each object's key only once. */
export class ValueIds<T extends object> {
  private readonly byObject = new Map<T, number>();
  private readonly byKey = new Map<string, number>();

  constructor(private readonly keyOf: (value: T) => string) {}

  idOf(value: T): number {
    let id = this.byObject.get(value);
    if (id === undefined) {
      const key = this.keyOf(value);
      id = this.byKey.get(key);
      if (id === undefined) {
        id = this.byKey.size;
        this.byKey.set(key, id);
      }
      this.byObject.set(value, id);
    }
    return id;
  }
}

function resourceKey(resource: Resource): string {
  return `${resource.schemaUrl}\n${JSON.stringify(resourceToJson(resource))}`;
}

function scopeKey(scope: InstrumentationScope): string {
  return `${scope.schemaUrl}\n${JSON.stringify(scopeToJson(scope))}`;
}

/** The export request of `items`; `itemsToJson` writes the items of one scope group. */
export function groupedToJson<T extends Grouped>(
  items: readonly T[],
  layout: JsonLayout,
  itemsToJson: (items: T[]) => unknown[],
): JsonObject {
  const resourceIds = new ValueIds(resourceKey);
  const scopeIds = new ValueIds(scopeKey);
  const groups = new Map<string, ResourceGroup<T>>();
  for (const item of items) {
    const groupKey = `${resourceIds.idOf(item.resource)} ${item.project}`;
    let group = groups.get(groupKey);
    if (group === undefined) {
      group = { resource: item.resource, scopes: new Map() };
      groups.set(groupKey, group);
    }
    const scopeId = scopeIds.idOf(item.scope);
    let scopeGroup = group.scopes.get(scopeId);
    if (scopeGroup === undefined) {
      scopeGroup = { scope: item.scope, items: [] };
      group.scopes.set(scopeId, scopeGroup);
    }
    scopeGroup.items.push(item);
  }
  const resourceGroups: JsonObject[] = [];
  for (const group of groups.values()) {
    const scopeGroups: JsonObject[] = [];
    for (const { scope, items: scopeItems } of group.scopes.values()) {
      scopeGroups.push({
        scope: scopeToJson(scope),
        [layout.items]: itemsToJson(scopeItems),
        schemaUrl: scope.schemaUrl,
      });
    }
    resourceGroups.push({
      resource: resourceToJson(group.resource),
      [layout.scopeGroups]: scopeGroups,
      schemaUrl: group.resource.schemaUrl,
    });
  }
  return { [layout.resourceGroups]: resourceGroups };
}
