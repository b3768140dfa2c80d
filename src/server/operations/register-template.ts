/**
 * Register of a Template (KMIP 1.0–1.4 §2.2.6, §4.3; deprecated in 1.3, removed in 2.0): a
 * named list of the attributes that objects created with it get (template-attributes.ts).
 * The Register's Template-Attribute gives the Template's own attributes — its Name (KMIP 1.4
 * §2.2.6), Object Group, custom attributes ... (`TEMPLATE_OWN_ATTRIBUTES`); the Template
 * structure the attributes for new objects, each one a client could set on a new object.
 * A Name inside the Template structure names the Template as well (KMIP 1.0 §2.2.6: Name
 * applies to the Template itself) and is not given to new objects. The Template is stored
 * without key material or lifecycle: Activate, Revoke and the cryptographic operations refuse
 * it; Get, Locate, the attribute operations (on its own attributes) and Destroy work on it.
 *
 * Reasons: Invalid Object Type in KMIP 2.x (no Template there), Invalid Field for a Template
 * Name in the request (a Template is not made from Templates), for an attribute of the
 * Template itself that belongs in the Template structure, and what `checkClientAttributes`
 * refuses in either list.
 */
import { isDeepStrictEqual } from 'node:util';
import { ObjectType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { Template } from '../../kmip/messages/objects.ts';
import type { RegisterRequest, RegisterResponse } from '../../kmip/messages/payloads/register.ts';
import { enumValueEntry, existsInVersion } from '../../kmip/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { checkClientAttributes, isCustomAttributeName } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { TEMPLATE_OWN_ATTRIBUTES } from './template-attributes.ts';

/** True when `version` defines the Template object type (KMIP 1.0–1.4). */
export function hasTemplates(version: KmipVersionName): boolean {
  const entry = enumValueEntry('ObjectType', ObjectType.Template);
  return entry !== undefined && existsInVersion(entry, version);
}

function ownAttributes(request: RegisterRequest, ctx: OperationContext): Attribute[] {
  if ((request.attributes.templateNames ?? []).length > 0) {
    throw invalidField('a Template cannot be registered with Template Names');
  }
  const own = checkClientAttributes(request.attributes.attributes, ctx.version);
  for (const { name } of own) {
    if (!TEMPLATE_OWN_ATTRIBUTES.has(name) && !isCustomAttributeName(name, ctx.version)) {
      throw invalidField(
        `attribute ${JSON.stringify(name)} does not apply to a Template itself (it belongs in the Template object)`,
      );
    }
  }
  return own;
}

/** Register of a Template object. */
export async function registerTemplate(
  request: RegisterRequest,
  template: Template,
  ctx: OperationContext,
): Promise<RegisterResponse> {
  if (!hasTemplates(ctx.version)) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `KMIP ${ctx.version} has no Template object`,
    );
  }
  const content = checkClientAttributes(template.attributes, ctx.version);
  const own = ownAttributes(request, ctx);
  const names = content.filter(
    (a) =>
      a.name === 'Name' &&
      !own.some((o) => o.name === 'Name' && isDeepStrictEqual(o.value, a.value)),
  );
  // Stored as registered, so Get returns it unchanged; its Names stay out of new objects.
  const [record] = await ctx.objects.create([
    { object: template, attributes: [...own, ...names], isClientSupplied: true },
  ]);
  if (record === undefined) throw new Error('register stored no template');
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info({ objectId: record.id, objectType: 'Template' }, 'registered object');
  return { uniqueIdentifier: record.id };
}
