/**
 * What Get and Register of a PKCS#12 private key share (KMIP 1.4 §9.1.3.2.3 Key Format Type
 * PKCS#12, §3.35 Link): the PKCS#12 Password Link names a Secret Data object whose value is
 * the PFX password; the PKCS#12 Certificate Link names the key's certificate, and from a
 * certificate the next one up its chain. The password object must be Active, as any managed
 * object the server uses on a client's behalf: a Pre-Active one is refused with Permission
 * Denied in KMIP 1.x and Wrong Key Lifecycle State from 2.0 on (OASIS TC-PKCS12-2-14 and
 * TC-PKCS12-2-20 answer so). src/crypto refusals become KMIP reasons here, with fixed
 * messages: never the password or the material.
 */
import { LinkType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import { compareVersions } from '../../kmip/registry.ts';
import { objectDestroyed } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** The Unique Identifiers of the Links of `linkType` among `attributes`. */
export function linkedIds(attributes: readonly Attribute[], linkType: number): string[] {
  const ids: string[] = [];
  for (const attribute of attributes) {
    if (attribute.name !== 'Link') continue;
    const link = attribute.value as { linkType?: unknown; linkedObjectIdentifier?: unknown };
    if (link.linkType === linkType && typeof link.linkedObjectIdentifier === 'string') {
      ids.push(link.linkedObjectIdentifier);
    }
  }
  return ids;
}

function notActive(ctx: OperationContext, id: string, state: string): KmipResultError {
  const reason =
    compareVersions(ctx.version, '2.0') >= 0
      ? ResultReason.WrongKeyLifecycleState
      : ResultReason.PermissionDenied;
  return new KmipResultError(
    reason,
    `the PKCS#12 password object ${JSON.stringify(id)} is ${state}; it must be Active`,
  );
}

/**
 * The password of the PKCS#12 Password Link among `attributes`: the value of an Active Secret
 * Data object the caller may Get, as UTF-8 text.
 * @throws KmipResultError Invalid Field (no such Link, not Secret Data, not UTF-8), Item Not
 *   Found / Permission Denied (access), Object Destroyed, Permission Denied (1.x) / Wrong Key
 *   Lifecycle State (2.0+) when not Active, Key Value Not Present.
 */
export async function pkcs12Password(
  ctx: OperationContext,
  attributes: readonly Attribute[],
): Promise<string> {
  const [id, other] = linkedIds(attributes, LinkType.PKCS_12PasswordLink);
  if (id === undefined) {
    throw invalidField(
      'a PKCS#12 object needs a PKCS#12 Password Link to its password (Secret Data)',
    );
  }
  if (other !== undefined) throw invalidField('more than one PKCS#12 Password Link');
  const record = await ctx.objects.getForOperation(id, 'Get');
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  if (record.object.kind !== 'SecretData') {
    throw invalidField(`the PKCS#12 Password Link names a ${record.object.kind}, not Secret Data`);
  }
  if (record.state !== 'Active') throw notActive(ctx, id, record.state);
  const block = record.object.keyBlock;
  const value = block.keyValue;
  const material =
    value === undefined || value instanceof Uint8Array || block.keyWrappingData !== undefined
      ? undefined
      : value.keyMaterial;
  if (!(material instanceof Uint8Array)) {
    throw new KmipResultError(
      ResultReason.KeyValueNotPresent,
      `the PKCS#12 password object ${JSON.stringify(id)} holds no password in the clear`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(material);
  } catch {
    throw invalidField('the PKCS#12 password is not UTF-8 text');
  }
}

/**
 * Runs a src/crypto PKCS#12 call, turning its refusals into KMIP results: malformed → Invalid
 * Field; an unsupported mode or scheme → Key Format Type Not Supported (naming it); MAC or
 * decryption failure → Cryptographic Failure (one fixed message: wrong password or damaged
 * data); the weak-algorithm policy → Permission Denied naming the setting.
 */
export function runPkcs12<T>(ctx: OperationContext, run: () => T): T {
  const c = ctx.crypto;
  try {
    return run();
  } catch (error) {
    if (error instanceof c.CryptoPkcs12FormatError) {
      throw invalidField(`the Key Material is not a valid PKCS#12 (PFX) object (${error.part})`);
    }
    if (error instanceof c.CryptoPkcs12UnsupportedError) {
      throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, error.message);
    }
    if (error instanceof c.CryptoPkcs12IntegrityError) {
      throw new KmipResultError(ResultReason.CryptographicFailure, error.message);
    }
    if (error instanceof c.CryptoPolicyError) {
      throw new KmipResultError(
        ResultReason.PermissionDenied,
        `cryptographic policy: ${error.message}`,
      );
    }
    throw error;
  }
}
