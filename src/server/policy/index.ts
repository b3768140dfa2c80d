/** Public entry of src/server/policy: operation policy files, roles and the access-control engine. */
export {
  ROLE_IDENTITY_PREFIX,
  evaluateRoles,
  roleOfIdentity,
  rolesOf,
  tenantOf,
  withConfigGroups,
  type AccessRoles,
  type GrantedRole,
} from './access-roles.ts';
export { PolicyFileError } from './errors.ts';
export {
  AUTHORIZED_AS_GET,
  evaluateOperationPolicy,
  lookUpPermission,
  type AccessDecision,
  type OperationPolicy,
} from './operation-policy.ts';
export {
  MAX_POLICY_FILE_BYTES,
  PolicyDirectory,
  RESERVED_POLICY_NAMES,
  type LoadedPolicy,
  type ScanResult,
} from './policy-directory.ts';
export {
  DEFAULT_POLICY_RESCAN_MS,
  startPolicyEngine,
  type PolicyEngine,
  type PolicyEngineOptions,
} from './policy-engine.ts';
export { parsePolicyFile } from './policy-file.ts';
export {
  isObjectTypeName,
  isOperationName,
  objectTypeFromPykmip,
  operationFromPykmip,
  permissionFromPykmip,
  toPykmipName,
  type ObjectTypeName,
} from './pykmip-names.ts';
