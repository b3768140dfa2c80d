/**
 * Reads a PyKMIP operation policy file (seed 004 "Policy Files"; PyKMIP
 * kmip/core/policy.py `read_policy_from_file`): a JSON object mapping policy names to
 * `preset` (object type → operation → permission) and/or `groups` (group → the same), all in
 * PyKMIP's enum spelling (`SYMMETRIC_KEY`, `GET`, `ALLOW_OWNER`). As PyKMIP does, a policy whose
 * value maps object types directly is read as a preset, an empty policy is skipped, and any
 * unknown section, object type, operation or permission rejects the whole file.
 */
import type { OperationName, Permission, PolicyTable } from '../objects/index.ts';
import { PolicyFileError } from './errors.ts';
import type { OperationPolicy } from './operation-policy.ts';
import { objectTypeFromPykmip, operationFromPykmip, permissionFromPykmip } from './pykmip-names.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTable(value: unknown, path: string, policy: string, where: string): PolicyTable {
  if (!isObject(value)) throw new PolicyFileError(path, policy, `${where} must be a JSON object`);
  const table: Record<string, Partial<Record<OperationName, Permission>>> = {};
  for (const [typeName, operations] of Object.entries(value)) {
    const objectType = objectTypeFromPykmip(typeName);
    if (objectType === undefined)
      throw new PolicyFileError(path, policy, `${where}: '${typeName}' is not an object type`);
    if (!isObject(operations))
      throw new PolicyFileError(path, policy, `${where}.${typeName} must be a JSON object`);
    const entries: Partial<Record<OperationName, Permission>> = {};
    for (const [operationName, permissionName] of Object.entries(operations)) {
      const operation = operationFromPykmip(operationName);
      if (operation === undefined) {
        throw new PolicyFileError(
          path,
          policy,
          `${where}.${typeName}: '${operationName}' is not an operation`,
        );
      }
      const permission =
        typeof permissionName === 'string' ? permissionFromPykmip(permissionName) : undefined;
      if (permission === undefined) {
        throw new PolicyFileError(
          path,
          policy,
          `${where}.${typeName}.${operationName}: ${JSON.stringify(permissionName)} is not ALLOW_ALL, ALLOW_OWNER or DISALLOW_ALL`,
        );
      }
      entries[operation] = permission;
    }
    table[objectType] = entries;
  }
  return table;
}

function parsePolicy(value: unknown, path: string, name: string): OperationPolicy | undefined {
  if (!isObject(value)) throw new PolicyFileError(path, name, 'a policy must be a JSON object');
  const sections = Object.keys(value);
  if (sections.length === 0) return undefined; // PyKMIP skips empty policies
  if (sections.every((s) => s === 'preset' || s === 'groups')) {
    const preset = value['preset'];
    const groups = value['groups'];
    let groupTables: Map<string, PolicyTable> | undefined;
    if (groups !== undefined) {
      if (!isObject(groups))
        throw new PolicyFileError(path, name, 'groups must map group names to tables');
      groupTables = new Map(
        Object.entries(groups).map(([group, table]) => [
          group,
          parseTable(table, path, name, `groups.${group}`),
        ]),
      );
    }
    return {
      ...(preset !== undefined && { preset: parseTable(preset, path, name, 'preset') }),
      ...(groupTables !== undefined && { groups: groupTables }),
    };
  }
  if (sections.every((s) => objectTypeFromPykmip(s) !== undefined)) {
    return { preset: parseTable(value, path, name, 'policy') }; // PyKMIP's older flat form
  }
  const bad = sections.find(
    (s) => s !== 'preset' && s !== 'groups' && objectTypeFromPykmip(s) === undefined,
  );
  throw new PolicyFileError(path, name, `invalid section ${JSON.stringify(bad)}`);
}

/**
 * Parses the text of a policy file into its policies, by name.
 * @throws KW_POLICY_FILE naming the file, the policy and the fault.
 */
export function parsePolicyFile(text: string, path: string): Map<string, OperationPolicy> {
  let blob: unknown;
  try {
    blob = JSON.parse(text);
  } catch (cause) {
    throw new PolicyFileError(path, undefined, `not valid JSON (${(cause as Error).message})`, {
      cause,
    });
  }
  if (!isObject(blob))
    throw new PolicyFileError(path, undefined, 'must be a JSON object of policies');
  const policies = new Map<string, OperationPolicy>();
  for (const [name, value] of Object.entries(blob)) {
    const policy = parsePolicy(value, path, name);
    if (policy !== undefined) policies.set(name, policy);
  }
  return policies;
}
