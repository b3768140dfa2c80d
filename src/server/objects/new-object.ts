/**
 * Builds the stored form of a new object: the client's attributes, the operation's server
 * attributes and the attributes the server maintains (KMIP 1.4 §3, 2.1 §4): Initial Date,
 * Last Change Date, Original Creation Date, Fresh, Operation Policy Name, Digest and those of
 * maintained-attributes.ts (Sensitive and its kin, Key Format Type, Short Unique Identifier,
 * Protection Storage Mask, Lease Time). Unique Identifier, Object Type and State live in store columns.
 */
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { CertificateNameReader } from '../../pki/index.ts';
import type { NewStoredObject } from '../../store/index.ts';
import type { NewManagedObject } from './managed-objects.ts';
import { maintainedAttributes, type MaintainedAttributeSettings } from './maintained-attributes.ts';
import { objectDigest } from './object-digest.ts';
import { encodeObjectMaterial } from './object-material.ts';
import { assignIndexes, toStoredAttributes } from './object-record.ts';
import { stateAt } from './state-machine.ts';

/** The name of the built-in operation policy every new object gets unless it names another. */
export const DEFAULT_OPERATION_POLICY = 'default';

// Attributes only the server sets at creation, whatever the request carried.
const ALWAYS_SERVER = new Set(['InitialDate', 'LastChangeDate', 'Digest']);

function firstDate(attributes: readonly Attribute[], name: string): Date | undefined {
  const value = attributes.find((a) => a.name === name)?.value;
  return value instanceof Date ? value : undefined;
}

/** The stored form of `spec`, created by `owner` at `now`. */
export function buildNewObject(
  spec: NewManagedObject,
  context: {
    readonly id: string;
    readonly owner: string;
    readonly now: Date;
    readonly settings?: MaintainedAttributeSettings;
    /** Needed when `spec.object` is a Certificate. */
    readonly readCertificateNames?: CertificateNameReader;
  },
): NewStoredObject & { readonly createdAt: Date } {
  const { now } = context;
  const serverAttributes = spec.serverAttributes ?? [];
  const serverNames = new Set(serverAttributes.map((a) => a.name));
  const client = spec.attributes.filter(
    (a) => !serverNames.has(a.name) && !ALWAYS_SERVER.has(a.name),
  );
  const has = (name: string) => client.some((a) => a.name === name) || serverNames.has(name);

  const maintained: Attribute[] = [
    { name: 'InitialDate', value: now },
    { name: 'LastChangeDate', value: now },
  ];
  if (!has('OriginalCreationDate') && spec.isClientSupplied !== true)
    maintained.push({ name: 'OriginalCreationDate', value: now });
  // KMIP 1.4 §3.34: Fresh applies to Managed Cryptographic Objects, not Templates.
  if (!has('Fresh') && spec.object.kind !== 'Template') {
    maintained.push({ name: 'Fresh', value: true });
  }
  if (!has('OperationPolicyName')) {
    maintained.push({ name: 'OperationPolicyName', value: DEFAULT_OPERATION_POLICY });
  }
  const digest = objectDigest(spec.object);
  if (digest !== undefined && !serverNames.has('Digest')) {
    maintained.push({ name: 'Digest', value: digest });
  }
  maintained.push(
    ...maintainedAttributes(
      spec.object,
      context.id,
      [...client, ...serverAttributes],
      context.settings,
      context.readCertificateNames,
    ),
  );

  const attributes = [...client, ...serverAttributes, ...maintained];
  const state = stateAt(
    'PreActive',
    {
      activationDate: firstDate(attributes, 'ActivationDate'),
      deactivationDate: firstDate(attributes, 'DeactivationDate'),
    },
    now,
  );
  return {
    id: context.id,
    objectType: spec.object.kind,
    state,
    owner: context.owner,
    material: encodeObjectMaterial(spec.object),
    attributes: toStoredAttributes(assignIndexes(attributes)),
    createdAt: now,
  };
}
