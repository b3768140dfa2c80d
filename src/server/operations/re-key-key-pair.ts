/**
 * ReKeyKeyPair (KMIP 1.1+; 1.4 §4.5, 2.1 §6.1.40): a new key pair replacing an existing one
 * (named by its private key, whose Public Key Link names the public key), with the same
 * algorithm, length and curve, and the attributes replacement-attributes.ts carries over for
 * each key (Names move; Offset moves the dates), the request's common and per-key attributes
 * over them. Links: the new keys name each other (Public Key / Private Key Link), each new
 * key has a Replaced Object Link to the key it replaces, each old key a Replacement Object
 * Link to its successor. Sets the ID Placeholder to the new private key.
 * Reasons: Item Not Found (2.1: Object Not Found / Object Destroyed), Permission Denied,
 * Invalid Object Type (1.x: Invalid Field) when the identifier is not a private key, Invalid
 * Field (no Public Key Link, an algorithm this server cannot generate, bad attributes).
 */
import { LinkType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type {
  ReKeyKeyPairRequest,
  ReKeyKeyPairResponse,
} from '../../kmip/messages/payloads/re-key-key-pair.ts';
import { attributeValues, objectDestroyed, type ManagedObjectRecord } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { generatePlannedKeyPair, keyObjects } from './create-key-pair.ts';
import { mergeKeyAttributes, planKeyPair } from './key-pair-plan.ts';
import { linkAttribute } from './object-links.ts';
import { replacementAttributes, retireReplacedKey } from './replacement-attributes.ts';

const FACTS = ['CryptographicAlgorithm', 'CryptographicLength', 'CryptographicDomainParameters'];

function publicKeyIdOf(record: ManagedObjectRecord): string {
  for (const value of attributeValues(record, 'Link')) {
    const link = value as { linkType?: unknown; linkedObjectIdentifier?: unknown };
    if (
      link.linkType === LinkType.PublicKeyLink &&
      typeof link.linkedObjectIdentifier === 'string'
    ) {
      return link.linkedObjectIdentifier;
    }
  }
  throw invalidField(`private key ${record.id} has no Public Key Link`);
}

async function existingPair(ctx: OperationContext, privateId: string) {
  const oldPrivate = await ctx.objects.getForOperation(privateId, 'ReKeyKeyPair');
  if (oldPrivate.object === undefined) throw objectDestroyed(ctx.version, privateId);
  if (oldPrivate.objectType !== 'PrivateKey') {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `ReKeyKeyPair names the private key of a pair; ${privateId} is a ${oldPrivate.objectType}`,
    );
  }
  // The pair is named by its private key; the default policy grants no ReKeyKeyPair on
  // public keys (PyKMIP's table), so the public half is read as for Get.
  const oldPublic = await ctx.objects.getForOperation(publicKeyIdOf(oldPrivate), 'Get');
  return { oldPrivate, oldPublic };
}

/** ReKeyKeyPair. */
export async function reKeyKeyPair(
  request: ReKeyKeyPairRequest,
  ctx: OperationContext,
): Promise<ReKeyKeyPairResponse> {
  const { oldPrivate, oldPublic } = await existingPair(
    ctx,
    ctx.resolveId(request.privateKeyUniqueIdentifier),
  );
  const facts: Attribute[] = oldPrivate.attributes
    .filter((a) => FACTS.includes(a.name))
    .map(({ name, value }) => ({ name, value }));
  const plan = planKeyPair(facts, facts);
  const common = await clientAttributesOf(request.commonAttributes, ctx);
  const now = ctx.now();
  const privateAttributes = replacementAttributes(
    oldPrivate,
    mergeKeyAttributes(common, await clientAttributesOf(request.privateKeyAttributes, ctx)),
    request.offset,
    now,
  );
  const publicAttributes = replacementAttributes(
    oldPublic,
    mergeKeyAttributes(common, await clientAttributesOf(request.publicKeyAttributes, ctx)),
    request.offset,
    now,
  );
  const { privateKey, publicKey } = keyObjects(await generatePlannedKeyPair(plan, ctx), plan);
  const privateId = ctx.objects.nextId();
  const publicId = ctx.objects.nextId();
  await ctx.objects.create([
    {
      id: privateId,
      object: privateKey,
      attributes: [
        ...privateAttributes,
        linkAttribute(LinkType.PublicKeyLink, publicId),
        linkAttribute(LinkType.ReplacedObjectLink, oldPrivate.id),
      ],
      serverAttributes: facts,
    },
    {
      id: publicId,
      object: publicKey,
      attributes: [
        ...publicAttributes,
        linkAttribute(LinkType.PrivateKeyLink, privateId),
        linkAttribute(LinkType.ReplacedObjectLink, oldPublic.id),
      ],
      serverAttributes: facts,
    },
  ]);
  await retireReplacedKey(ctx, oldPrivate, privateId);
  await retireReplacedKey(ctx, oldPublic, publicId);
  ctx.idPlaceholder.set(privateId);
  ctx.logger.info(
    { objectId: privateId, publicKeyId: publicId, replacedId: oldPrivate.id },
    'rekeyed key pair',
  );
  return { privateKeyUniqueIdentifier: privateId, publicKeyUniqueIdentifier: publicId };
}
