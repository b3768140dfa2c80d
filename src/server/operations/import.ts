/**
 * Import (KMIP 1.4 §4.32, 2.1 §6.1.25): stores an object under the Unique Identifier the
 * client gives, with all the attributes it gives — server-maintained ones (State, Initial
 * Date, Digest, Fresh ...) included, as the "Initially set by" and "When implicitly set"
 * rules are not enforced — and nothing the server would have added itself. With Replace
 * Existing True it replaces the object that has that identifier (atomically); without it an
 * existing identifier is Object Already Exists. The object's material is checked as for
 * Register (it must parse and match its algorithm and length), against the server's
 * algorithm policy too. Key Wrap Type: Not Wrapped makes the server unwrap a wrapped key
 * before storing it (Key Wrap Type Not Supported when it cannot), As Registered stores it as
 * given; a wrapped key without a Key Wrap Type is Invalid Field.
 *
 * Who may import: only a caller the access policy allows `Import` — on the new object (the
 * caller as owner) and, when replacing, on the object replaced. No built-in operation policy
 * grants Import (it sets attributes a client otherwise never controls, and takes over
 * identifiers), so by default nobody may; an operator grants it with a role in config.toml
 * `[access]` (docs/server.md "Import"). Sets the ID Placeholder.
 *
 * Reasons (2.1 §6.1.25.1): Permission Denied, Object Already Exists, Invalid Field (Object
 * Type or a Unique Identifier / Object Type attribute not matching, an unknown attribute, an
 * unknown State or Key Wrap Type), Attribute Single Valued, Invalid Object Type (Template,
 * PGP Key, Certificate Request), Key Wrap Type Not Supported, Cryptographic Failure, and
 * those of Register's material checks.
 */
import { KeyWrapType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { ImportRequest, ImportResponse } from '../../kmip/messages/payloads/import.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { OBJECT_STATES, type ObjectState } from '../../store/index.ts';
import { resolveAttributeName } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { registeredKeyFacts, requirePolicyAllowsKey } from './key-policy.ts';
import { tryUnwrapObject } from './key-unwrapping.ts';
import { checkObjectType, deriveAttributes } from './register.ts';

// Kept in store columns, not in the attribute list.
const COLUMNS = new Set(['UniqueIdentifier', 'ObjectType', 'State']);

const quoted = (name: string) => JSON.stringify(name);

function isWrapped(object: ManagedObject): boolean {
  return 'keyBlock' in object && object.keyBlock.keyWrappingData !== undefined;
}

/** The object to store, unwrapped when the request says Not Wrapped. */
async function objectToStore(request: ImportRequest, ctx: OperationContext) {
  const { object, keyWrapType } = request;
  if (
    keyWrapType !== undefined &&
    keyWrapType !== KeyWrapType.NotWrapped &&
    keyWrapType !== KeyWrapType.AsRegistered
  ) {
    throw invalidField(`unknown Key Wrap Type 0x${(keyWrapType >>> 0).toString(16)}`);
  }
  // Key Wrap Type is present "if and only if the key object is wrapped"; an unwrapped key
  // with one is stored as it is either way, so only its absence on a wrapped key is refused.
  if (!isWrapped(object)) return { stored: object, readable: object };
  if (keyWrapType === undefined) {
    throw invalidField('the key is wrapped: Import needs a Key Wrap Type');
  }
  const outcome = await tryUnwrapObject(object, ctx);
  if (keyWrapType === KeyWrapType.AsRegistered) {
    return { stored: object, readable: outcome.kind === 'clear' ? outcome.object : object };
  }
  if (outcome.kind === 'unavailable') {
    throw new KmipResultError(
      ResultReason.KeyWrapTypeNotSupported,
      `Not Wrapped: the server cannot unwrap the key: ${outcome.why}`,
    );
  }
  return { stored: outcome.object, readable: outcome.object };
}

function stateOf(value: unknown): ObjectState {
  const name = typeof value === 'number' ? enumValueEntry('State', value)?.name : undefined;
  const state = OBJECT_STATES.find((s) => s === name);
  if (state === undefined) throw invalidField('the State attribute is not a known state');
  return state;
}

/**
 * The attributes to store (all but the column ones), checked: known names, single-valued
 * ones once, Unique Identifier and Object Type agreeing with the request; and the State.
 */
function importedAttributes(
  request: ImportRequest,
  ctx: OperationContext,
): { attributes: Attribute[]; state: ObjectState } {
  const [template] = request.attributes.templateNames ?? [];
  if (template !== undefined) throw invalidField('Import takes no Template Name');
  const seen = new Set<string>();
  let state: ObjectState = 'PreActive';
  const attributes: Attribute[] = [];
  for (const attribute of request.attributes.attributes) {
    const { name, value } = attribute;
    const { rule } = resolveAttributeName(name, ctx.version);
    if (!rule.isMultiValued && seen.has(name)) {
      throw new KmipResultError(
        ResultReason.AttributeSingleValued,
        `attribute ${quoted(name)} may have only one value`,
      );
    }
    seen.add(name);
    if (name === 'UniqueIdentifier' && value !== request.uniqueIdentifier) {
      throw invalidField('the Unique Identifier attribute differs from the request');
    }
    if (name === 'ObjectType' && value !== request.objectType) {
      throw invalidField('the Object Type attribute differs from the request');
    }
    if (name === 'State') state = stateOf(value);
    if (COLUMNS.has(name)) continue;
    // Indexes are reassigned in order; a 1.x Attribute Index is not an identity to keep.
    const { index: _index, ...rest } = attribute;
    attributes.push(rest);
  }
  return { attributes, state };
}

/** Import. */
export async function importObject(
  request: ImportRequest,
  ctx: OperationContext,
): Promise<ImportResponse> {
  const id = request.uniqueIdentifier;
  if (id.length === 0) throw invalidField('Import needs a non-empty Unique Identifier');
  checkObjectType(request);
  const { attributes, state } = importedAttributes(request, ctx);
  const { stored, readable } = await objectToStore(request, ctx);
  const derived = deriveAttributes(readable, attributes, ctx);
  requirePolicyAllowsKey(
    ctx,
    registeredKeyFacts(readable, derived.serverAttributes, attributes),
    'register',
  );
  const record = await ctx.objects.importObject({
    id,
    object: stored,
    attributes,
    state,
    replaceExisting: request.replaceExisting === true,
  });
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info(
    {
      objectId: record.id,
      objectType: stored.kind,
      replaceExisting: request.replaceExisting === true,
    },
    'imported object',
  );
  return { uniqueIdentifier: record.id };
}
