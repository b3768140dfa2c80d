/**
 * Checks the attributes a client supplies for a new object (Create, Register, Create Key
 * Pair, Derive Key...). Every name must be a standard attribute of the client's version the
 * client may set, or a custom attribute (kept and returned unchanged); a single-valued
 * attribute may appear once. Indexes are the server's to assign (KMIP 1.4 §2.1.1).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { resolveAttributeName } from './attribute-rules.ts';

/**
 * The client's attributes, checked, without Attribute Index (the server assigns them).
 * @throws KmipResultError Invalid Field (unknown name, non-zero index on a single-valued
 *   attribute), Attribute Read Only (a server-only attribute; 1.x: Permission Denied),
 *   Attribute Single Valued (a repeated single-valued attribute; 1.x: Index Out of Bounds).
 */
export function checkClientAttributes(
  attributes: readonly Attribute[],
  version: KmipVersionName,
): Attribute[] {
  const seen = new Set<string>();
  return attributes.map((attribute) => {
    const { rule } = resolveAttributeName(attribute.name, version);
    if (!rule.isClientSettable) {
      throw new KmipResultError(
        ResultReason.AttributeReadOnly,
        `attribute ${JSON.stringify(attribute.name)} is set by the server`,
      );
    }
    if (!rule.isMultiValued) {
      if (seen.has(attribute.name)) {
        throw new KmipResultError(
          ResultReason.AttributeSingleValued,
          `attribute ${JSON.stringify(attribute.name)} may have only one value`,
        );
      }
      if (attribute.index !== undefined && attribute.index !== 0) {
        throw invalidField(
          `attribute ${JSON.stringify(attribute.name)} has no index ${attribute.index}`,
        );
      }
    }
    seen.add(attribute.name);
    const { index: _index, ...rest } = attribute;
    return rest;
  });
}
