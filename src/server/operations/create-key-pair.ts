/**
 * Create Key Pair (KMIP 1.4 §4.2, 2.1 §6.1.7): a new RSA (1024–4096 bits), EC (P-256, P-384,
 * P-521), Ed25519 or DSA (FIPS 186-4 sizes: 1024/160, 2048/224, 2048/256, 3072/256) key pair, both keys Pre-Active (Active when the Activation Date has
 * passed), owned by the caller and stored in one atomic write, each with a Link to the other
 * (the private key's Public Key Link, the public key's Private Key Link). Like PyKMIP, each
 * key needs a Cryptographic Usage Mask (see key-pair-plan.ts for algorithm and length).
 *
 * Key formats: RSA private keys PKCS#1 and public keys PKCS#1, as the OASIS profile test
 * cases (AKLC-M-*) expect; EC, Ed25519 and DSA private keys PKCS#8 and public keys X.509
 * SubjectPublicKeyInfo. PyKMIP 0.10's client accepts all of them (pie PrivateKey: Raw,
 * PKCS_1, PKCS_8; PublicKey: Raw, X_509, PKCS_1).
 *
 * Reasons: Invalid Field (missing, unsupported or inconsistent algorithm, length, curve or
 * usage mask; a client-supplied Private/Public Key Link), Item Not Found for a Template Name,
 * what `checkClientAttributes` refuses. Sets the ID Placeholder to the private key (§4.2).
 */
import type { GeneratedKeyPair } from '../../crypto/index.ts';
import { KeyFormatType, LinkType } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { KeyBlock } from '../../kmip/messages/key-block.ts';
import type { PrivateKey, PublicKey } from '../../kmip/messages/objects.ts';
import type {
  CreateKeyPairRequest,
  CreateKeyPairResponse,
} from '../../kmip/messages/payloads/create-key-pair.ts';
import { invalidField } from '../pipeline/result-error.ts';
import { clientAttributesOf } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { requirePolicyAllowsKey } from './key-policy.ts';
import { requireQuantumSafeClaimHolds } from './quantum-safe.ts';
import { mergeKeyAttributes, planKeyPair, type KeyPairPlan } from './key-pair-plan.ts';
import { serverRngAttribute } from './server-rng.ts';

/** Generates the pair a plan describes. */
export async function generatePlannedKeyPair(
  plan: KeyPairPlan,
  ctx: OperationContext,
): Promise<GeneratedKeyPair> {
  try {
    return await ctx.crypto.generateKeyPair(plan.spec);
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoInvalidLengthError) {
      throw invalidField(
        error.algorithm === 'DSA'
          ? `Cryptographic Length ${plan.lengthBits} (with this Qlength) is not valid for DSA (FIPS 186-4: 1024/160, 2048/224, 2048/256, 3072/256 bits of P/Q)`
          : `Cryptographic Length ${plan.lengthBits} is not valid for RSA (1024 to 4096, a multiple of 8)`,
      );
    }
    throw error;
  }
}

/** The two keys as KMIP objects, in the formats of this file's header. */
export function keyObjects(
  pair: GeneratedKeyPair,
  plan: KeyPairPlan,
): { privateKey: PrivateKey; publicKey: PublicKey } {
  const isRsa = pair.algorithm === 'RSA';
  const block = (keyFormatType: number, keyMaterial: Uint8Array): KeyBlock => ({
    keyFormatType,
    keyValue: { keyMaterial },
    cryptographicAlgorithm: plan.algorithm,
    cryptographicLength: plan.lengthBits,
  });
  return {
    privateKey: {
      kind: 'PrivateKey',
      keyBlock: isRsa
        ? block(KeyFormatType.PKCS_1, pair.privateKey.PKCS_1)
        : block(KeyFormatType.PKCS_8, pair.privateKey.PKCS_8),
    },
    publicKey: {
      kind: 'PublicKey',
      keyBlock: isRsa
        ? block(KeyFormatType.PKCS_1, pair.publicKey.PKCS_1)
        : block(KeyFormatType.X_509, pair.publicKey.X_509),
    },
  };
}

function requireUsageMask(attributes: readonly Attribute[], key: string): void {
  const mask = attributes.find((a) => a.name === 'CryptographicUsageMask');
  if (mask === undefined) {
    throw invalidField(`the CryptographicUsageMask attribute is required for the ${key} key`);
  }
  if (typeof mask.value !== 'number') {
    throw invalidField('the CryptographicUsageMask attribute has the wrong type');
  }
}

/** Create Key Pair. */
export async function createKeyPair(
  request: CreateKeyPairRequest,
  ctx: OperationContext,
): Promise<CreateKeyPairResponse> {
  const common = await clientAttributesOf(request.commonAttributes, ctx);
  const privateAttributes = mergeKeyAttributes(
    common,
    await clientAttributesOf(request.privateKeyAttributes, ctx),
  );
  const publicAttributes = mergeKeyAttributes(
    common,
    await clientAttributesOf(request.publicKeyAttributes, ctx),
  );
  const plan = planKeyPair(privateAttributes, publicAttributes);
  requireUsageMask(privateAttributes, 'private');
  requireUsageMask(publicAttributes, 'public');

  const { privateKey, publicKey } = keyObjects(await generatePlannedKeyPair(plan, ctx), plan);
  // After generation, so that lengths the generator refuses stay Invalid Field.
  requirePolicyAllowsKey(
    ctx,
    { algorithm: plan.algorithm, lengthBits: plan.lengthBits },
    'generate',
  );
  const facts = { algorithm: plan.algorithm, lengthBits: plan.lengthBits };
  requireQuantumSafeClaimHolds(privateAttributes, facts);
  requireQuantumSafeClaimHolds(publicAttributes, facts);
  const privateId = ctx.objects.nextId();
  const publicId = ctx.objects.nextId();
  const shared: Attribute[] = [
    { name: 'CryptographicAlgorithm', value: plan.algorithm },
    { name: 'CryptographicLength', value: plan.lengthBits },
    ...(plan.curve === undefined
      ? []
      : [{ name: 'CryptographicDomainParameters', value: { recommendedCurve: plan.curve } }]),
    serverRngAttribute(),
  ];
  const link = (linkType: number, id: string): Attribute => ({
    name: 'Link',
    value: { linkType, linkedObjectIdentifier: id },
  });
  await ctx.objects.create([
    {
      id: privateId,
      object: privateKey,
      // Links go with the client's attributes: client Links of other types stay.
      attributes: [...privateAttributes, link(LinkType.PublicKeyLink, publicId)],
      serverAttributes: shared,
    },
    {
      id: publicId,
      object: publicKey,
      attributes: [...publicAttributes, link(LinkType.PrivateKeyLink, privateId)],
      serverAttributes: shared,
    },
  ]);
  ctx.idPlaceholder.set(privateId);
  ctx.logger.info(
    { privateKeyId: privateId, publicKeyId: publicId, algorithm: plan.spec.algorithm },
    'created key pair',
  );
  return {
    privateKeyUniqueIdentifier: privateId,
    publicKeyUniqueIdentifier: publicId,
    ...implicitAttributes(plan, ctx),
  };
}

/**
 * KMIP 1.x: the attributes the server chose that the request did not state (the optional
 * Private/Public Key Template-Attribute of the response): the Cryptographic Length of an EC
 * pair given by curve, or of an Ed25519 pair. KMIP 2.x responses have no such field.
 */
function implicitAttributes(
  plan: KeyPairPlan,
  ctx: OperationContext,
): Pick<CreateKeyPairResponse, 'privateKeyAttributes' | 'publicKeyAttributes'> {
  if (!ctx.version.startsWith('1.') || !plan.isLengthImplicit) return {};
  const set = { attributes: [{ name: 'CryptographicLength', value: plan.lengthBits }] };
  return { privateKeyAttributes: set, publicKeyAttributes: set };
}
