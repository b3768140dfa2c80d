/**
 * Attribute edits the object service applies for operations (Activate's Activation Date,
 * Destroy's Destroy Date, Add/Set/Modify/Delete Attribute). Edits are mechanical: whether the
 * client may make them is the operation's decision (attribute-rules.ts). Indexes follow KMIP
 * 1.4 §2.1.1: an instance keeps its index when others are added or deleted; a new instance
 * takes the index after the highest one in use.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { AttributeValue } from '../../kmip/messages/attribute-values.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import { attributeRule } from './attribute-rules.ts';
import type { IndexedAttribute } from './object-record.ts';

/** One change to an object's attributes. */
export type AttributeEdit =
  /** Replace every instance of `name` with one value at index 0 (single-valued attributes). */
  | { readonly op: 'set'; readonly name: string; readonly value: AttributeValue }
  /** Add an instance at the next unused index. */
  | {
      readonly op: 'add';
      readonly name: string;
      readonly value: AttributeValue;
      /** KMIP 2.x Vendor Identification as received, when it contains `-` (Attribute). */
      readonly vendorIdentification?: string;
    }
  /** Change the value of the instance at `index`. */
  | {
      readonly op: 'replace';
      readonly name: string;
      readonly index: number;
      readonly value: AttributeValue;
    }
  /** Delete the instance at `index`, or every instance when `index` is absent. */
  | { readonly op: 'delete'; readonly name: string; readonly index?: number };

function attributeNotFound(name: string): KmipResultError {
  return new KmipResultError(
    ResultReason.AttributeNotFound,
    `attribute ${JSON.stringify(name)} is not set on the object`,
  );
}

function instanceNotFound(name: string, index: number): KmipResultError {
  return new KmipResultError(
    ResultReason.AttributeInstanceNotFound,
    `attribute ${JSON.stringify(name)} has no instance with index ${index}`,
  );
}

/**
 * Applies one edit and returns the new attribute list.
 * @throws KmipResultError Attribute Not Found / Attribute Instance Not Found when `replace`
 *   or `delete` targets an instance that does not exist.
 */
export function applyAttributeEdit(
  attributes: readonly IndexedAttribute[],
  edit: AttributeEdit,
): IndexedAttribute[] {
  if (attributeRule(edit.name)?.isColumn === true) {
    // Unique Identifier, Object Type and State change only through the service's own fields.
    throw new Error(`attribute ${edit.name} cannot be edited`);
  }
  const same = attributes.filter((a) => a.name === edit.name);
  const others = attributes.filter((a) => a.name !== edit.name);
  switch (edit.op) {
    case 'set':
      return [...others, { name: edit.name, index: 0, value: edit.value }];
    case 'add': {
      const index = same.reduce((max, a) => Math.max(max, a.index + 1), 0);
      const vendor = edit.vendorIdentification;
      return [
        ...attributes,
        {
          name: edit.name,
          index,
          value: edit.value,
          ...(vendor && { vendorIdentification: vendor }),
        },
      ];
    }
    case 'replace': {
      if (same.length === 0) throw attributeNotFound(edit.name);
      if (!same.some((a) => a.index === edit.index)) throw instanceNotFound(edit.name, edit.index);
      return attributes.map((a) =>
        a.name === edit.name && a.index === edit.index ? { ...a, value: edit.value } : a,
      );
    }
    case 'delete': {
      if (same.length === 0) throw attributeNotFound(edit.name);
      if (edit.index === undefined) return others;
      if (!same.some((a) => a.index === edit.index)) throw instanceNotFound(edit.name, edit.index);
      return attributes.filter((a) => !(a.name === edit.name && a.index === edit.index));
    }
  }
}
