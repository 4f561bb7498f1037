/**
 * The walk every OTLP request shares: resource groups, scope groups in them, items in those.
 * The resource and scope are read once per group and shared by the group's items.
 */
import type { InstrumentationScope, Resource } from '../model/resource.js';
import { isProjectName, PROJECT_NAME_PATTERN, UNKNOWN_SERVICE } from '../model/resource.js';
import type { DecodeContext } from './decode-context.js';
import { abandonItem, beginItem, rejectItems } from './decode-context.js';
import { InvalidItemError, invalidItem, OtlpDecodeError } from './errors.js';
import type { RawObject } from './read-attributes.js';
import { asObject, droppedAttributes, readAttributes } from './read-attributes.js';
import { readString } from './read-scalars.js';

/** What the items of one scope group share. */
export interface ItemGroup {
  project: string;
  service: string;
  resource: Resource;
  scope: InstrumentationScope;
}

/** A field name in OTLP/JSON's lowerCamelCase and in the proto's snake_case. */
export type FieldNames = readonly [camel: string, snake: string];

export interface RequestLayout<T> {
  /** What an item is called in rejection messages. */
  itemName: string;
  resourceGroups: FieldNames;
  scopeGroups: FieldNames;
  items: FieldNames;
  /** Reads one item into `out`; throws `InvalidItemError` when it must be rejected. */
  readItem: (raw: unknown, group: ItemGroup, context: DecodeContext, out: T[]) => void;
  /** How many items a raw item counts for when it is rejected whole. */
  weigh: (raw: unknown) => number;
}

const PROJECT_ATTRIBUTE = 'sextant.project';
const SERVICE_NAME_ATTRIBUTE = 'service.name';

export function countOne(): number {
  return 1;
}

function field(object: RawObject, names: FieldNames): unknown {
  return object[names[0]] ?? object[names[1]];
}

/** A list that frames the request: when it is malformed, nothing in the request can be trusted. */
function frameList(value: unknown, what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value == null) return [];
  throw new OtlpDecodeError(`${what} is not a list`);
}

function frameObject(value: unknown, what: string): RawObject {
  const object = asObject(value);
  if (object === undefined) throw new OtlpDecodeError(`${what} is not an object`);
  return object;
}

function reasonOf(error: unknown): string {
  if (error instanceof InvalidItemError) return error.message;
  throw error;
}

export function readItems<T>(
  request: RawObject,
  layout: RequestLayout<T>,
  context: DecodeContext,
  out: T[],
): void {
  for (const rawResourceGroup of frameList(field(request, layout.resourceGroups), layout.resourceGroups[0])) {
    const resourceGroup = frameObject(rawResourceGroup, layout.resourceGroups[0]);
    let shared: Omit<ItemGroup, 'scope'> | undefined;
    let groupError = '';
    beginItem(context);
    try {
      shared = readResourceGroup(resourceGroup, context);
    } catch (error) {
      abandonItem(context);
      groupError = `resource: ${reasonOf(error)}`;
    }
    for (const rawScopeGroup of frameList(field(resourceGroup, layout.scopeGroups), layout.scopeGroups[0])) {
      const scopeGroup = frameObject(rawScopeGroup, layout.scopeGroups[0]);
      let group: ItemGroup | undefined;
      if (shared !== undefined) {
        beginItem(context);
        try {
          group = { ...shared, scope: readScope(scopeGroup, context) };
        } catch (error) {
          abandonItem(context);
          groupError = `scope: ${reasonOf(error)}`;
        }
      }
      for (const item of frameList(field(scopeGroup, layout.items), layout.items[0])) {
        if (group === undefined) {
          rejectItems(context, `${layout.itemName} in an invalid ${groupError}`, layout.weigh(item));
          continue;
        }
        beginItem(context);
        try {
          layout.readItem(item, group, context, out);
        } catch (error) {
          abandonItem(context);
          rejectItems(context, `${layout.itemName} ${reasonOf(error)}`, layout.weigh(item));
        }
      }
    }
  }
}

function readResourceGroup(resourceGroup: RawObject, context: DecodeContext): Omit<ItemGroup, 'scope'> {
  const raw = asObject(resourceGroup.resource) ?? {};
  const attributes = readAttributes(raw.attributes, context);
  const resource: Resource = {
    attributes,
    droppedAttributesCount: droppedAttributes(
      raw.attributes,
      raw.droppedAttributesCount ?? raw.dropped_attributes_count,
      context,
    ),
    schemaUrl: readString(resourceGroup.schemaUrl ?? resourceGroup.schema_url, 'schema url'),
  };
  const project = attributes[PROJECT_ATTRIBUTE];
  const service = attributes[SERVICE_NAME_ATTRIBUTE];
  const named = typeof project === 'string' && project !== '';
  // Data in a project no read can name would be stored and never seen again.
  if (named && !isProjectName(project)) {
    invalidItem(
      `${PROJECT_ATTRIBUTE} '${project.slice(0, 80)}' is not a project name (${PROJECT_NAME_PATTERN})`,
    );
  }
  return {
    project: named ? project : context.defaultProject,
    service: typeof service === 'string' && service !== '' ? service : UNKNOWN_SERVICE,
    resource,
  };
}

function readScope(scopeGroup: RawObject, context: DecodeContext): InstrumentationScope {
  const raw = asObject(scopeGroup.scope) ?? {};
  return {
    name: readString(raw.name, 'scope name'),
    version: readString(raw.version, 'scope version'),
    attributes: readAttributes(raw.attributes, context),
    droppedAttributesCount: droppedAttributes(
      raw.attributes,
      raw.droppedAttributesCount ?? raw.dropped_attributes_count,
      context,
    ),
    schemaUrl: readString(scopeGroup.schemaUrl ?? scopeGroup.schema_url, 'schema url'),
  };
}
