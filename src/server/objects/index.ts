/** Public entry of the managed-object service: what operations and the pipeline use. */
export {
  BUILT_IN_POLICIES,
  DEFAULT_POLICY,
  PUBLIC_POLICY,
  defaultAccessPolicy,
  isAllowedByTable,
  type AccessPolicy,
  type AccessRequest,
  type ClientIdentity,
  type OperationName,
  type Permission,
  type PolicyTable,
} from './access-policy.ts';
export { applyAttributeEdit, type AttributeEdit } from './attribute-edits.ts';
export {
  ATTRIBUTE_RULES,
  CUSTOM_ATTRIBUTE_RULE,
  attributeRule,
  isCustomAttributeName,
  isAttributeOfVersion,
  resolveAttributeName,
  type AttributeNameKind,
  type AttributeRule,
} from './attribute-rules.ts';
export {
  attributesForResponse,
  inListingOrder,
  pykmipUnlistedAttributes,
  selectAttributes,
} from './attribute-view.ts';
export { checkClientAttributes } from './client-attributes.ts';
export {
  createManagedObjects,
  type ManagedObjects,
  type ManagedObjectsOptions,
  type NewManagedObject,
  type ObjectChange,
} from './managed-objects.ts';
export { DEFAULT_OPERATION_POLICY } from './new-object.ts';
export type { ImportedManagedObject } from './import-object.ts';
export { objectDigest } from './object-digest.ts';
export {
  accessDenied,
  concurrentChange,
  objectAlreadyExists,
  objectDestroyed,
  objectNotFound,
} from './object-errors.ts';
export { decodeObjectMaterial, encodeObjectMaterial } from './object-material.ts';
export {
  attributeValue,
  attributeValues,
  effectiveState,
  type IndexedAttribute,
  type ManagedObjectMetadata,
  type ManagedObjectRecord,
} from './object-record.ts';
export { DeferredSession, type ObjectSession } from './object-session.ts';
export {
  TRANSITIONS,
  assertTransition,
  canTransition,
  lifecycleError,
  nextState,
  stateAt,
  type LifecycleEvent,
  type Transition,
} from './state-machine.ts';
