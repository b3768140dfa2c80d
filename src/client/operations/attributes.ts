/**
 * Prepared attribute operations: GetAttributes, GetAttributeList, AddAttribute, SetAttribute
 * (KMIP 2.0+), ModifyAttribute, DeleteAttribute (KMIP 1.4 §4.12–4.16, 2.1 §6.1).
 */
import type { Attribute } from '../../kmip/index.ts';
import { idText, required } from './inputs.ts';
import { prepare, type PreparedOperation } from './prepared.ts';

/** The attributes of one object. */
export interface AttributesResult {
  readonly uniqueIdentifier: string;
  readonly attributes: readonly Attribute[];
}

/** GetAttributes: the named attributes (all when `names` is empty or absent). */
export function getAttributesOperation(
  id: string,
  names: readonly string[] = [],
): PreparedOperation<AttributesResult> {
  return prepare(
    'GetAttributes',
    { uniqueIdentifier: id, ...(names.length > 0 && { attributeNames: names }) },
    (p) => {
      const body = required(p, 'payload');
      return { uniqueIdentifier: idText(body.uniqueIdentifier), attributes: body.attributes ?? [] };
    },
  );
}

/** GetAttributeList: the names of the attributes an object has. */
export function getAttributeListOperation(id: string): PreparedOperation<readonly string[]> {
  return prepare(
    'GetAttributeList',
    { uniqueIdentifier: id },
    (p) => required(p, 'payload').attributeNames ?? [],
  );
}

/** AddAttribute: adds one instance; resolves with the attribute as the server stored it (1.x) or as sent. */
export function addAttributeOperation(
  id: string,
  attribute: Attribute,
): PreparedOperation<Attribute> {
  return prepare('AddAttribute', { uniqueIdentifier: id, attribute }, (p) => {
    return required(p, 'payload').attribute ?? attribute;
  });
}

/** SetAttribute (KMIP 2.0+): sets a single-instance attribute, replacing any value. */
export function setAttributeOperation(id: string, attribute: Attribute): PreparedOperation<string> {
  return prepare('SetAttribute', { uniqueIdentifier: id, attribute }, (p) =>
    idText(required(p, 'payload').uniqueIdentifier),
  );
}

/**
 * ModifyAttribute: changes an existing attribute's value (1.x: the instance at
 * `attribute.index`; 2.x: the `current` instance, when given).
 */
export function modifyAttributeOperation(
  id: string,
  attribute: Attribute,
  current?: Attribute,
): PreparedOperation<Attribute> {
  return prepare(
    'ModifyAttribute',
    {
      uniqueIdentifier: id,
      attribute,
      ...(current !== undefined && { currentAttribute: current }),
    },
    (p) => required(p, 'payload').attribute ?? attribute,
  );
}

/**
 * DeleteAttribute: removes the instance `index` (default 0) of the attribute `name`; in KMIP
 * 2.x, with `current`, exactly that instance (KMIP 2.0 §6.1.15: Current Attribute or
 * Attribute Reference, not both, so the name is then left out).
 */
export function deleteAttributeOperation(
  id: string,
  name: string,
  options: { readonly index?: number; readonly current?: Attribute } = {},
): PreparedOperation<string> {
  return prepare(
    'DeleteAttribute',
    {
      uniqueIdentifier: id,
      ...(options.current !== undefined
        ? { currentAttribute: options.current }
        : { attributeName: name }),
      ...(options.index !== undefined && { attributeIndex: options.index }),
    },
    (p) => idText(required(p, 'payload').uniqueIdentifier),
  );
}
