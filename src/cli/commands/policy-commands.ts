/**
 * Access-control commands: `keywarden policy check USER OPERATION OBJECT` explains a decision
 * exactly as the server would make it (same configuration, policy files and roles), `keywarden
 * policy list` lists the operation policies, and `keywarden role cert ROLE` issues a client
 * certificate for a role from the built-in CA, so adding a KMIP client is one command.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadServerConfig, type ServerConfig } from '../../config/index.ts';
import { randomBytes } from '../../crypto/index.ts';
import { Operation } from '../../kmip/generated/registry.ts';
import { DEV_PKI_FILES, issueCertificate } from '../../pki/index.ts';
import { createLogger } from '../../server/logger.ts';
import type { AccessRequest, OperationName } from '../../server/objects/index.ts';
import { ROLE_IDENTITY_PREFIX, startPolicyEngine } from '../../server/policy/index.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import { loadMasterKey, openSqliteStore, StoreNotFoundError } from '../../store/index.ts';
import { CliUsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { addServerFlags, toLoadOptions, type ServerCliOptions } from '../server-flags.ts';

type SetExitCode = (code: number) => void;

async function loadConfig(options: ServerCliOptions, io: CliIo): Promise<ServerConfig> {
  const loaded = await loadServerConfig(
    toLoadOptions(options, io, (warning) => io.stderr.write(`keywarden: warning: ${warning}\n`)),
  );
  for (const warning of loaded.warnings) io.stderr.write(`keywarden: warning: ${warning}\n`);
  return loaded.config;
}

async function readObject(config: ServerConfig, id: string): Promise<AccessRequest['object']> {
  const masterKey = await loadMasterKey(config.masterKeyFile);
  const store = await openSqliteStore({ path: config.store.path, masterKey });
  try {
    const stored = await store.get(id);
    const policyName = stored.attributes.find((a) => a.name === 'OperationPolicyName')?.value;
    return {
      id: stored.id,
      objectType: stored.objectType,
      owner: stored.owner,
      operationPolicyName: typeof policyName === 'string' ? policyName : undefined,
      attributes: stored.attributes,
    };
  } catch (error) {
    if (error instanceof StoreNotFoundError)
      throw new CliUsageError('OBJECT', `no object has the id ${JSON.stringify(id)}`);
    throw error;
  } finally {
    await store.close();
  }
}

/** Runs `policy check`; prints the decision and its reasons; exit 0 when allowed, 1 when denied. */
export async function runPolicyCheck(
  args: { user: string; operation: string; object: string; groups: readonly string[] | undefined },
  options: ServerCliOptions,
  io: CliIo,
): Promise<number> {
  if (!Object.hasOwn(Operation, args.operation))
    throw new CliUsageError('OPERATION', `${args.operation} is not a KMIP operation (e.g. Get)`);
  const config = await loadConfig(options, io);
  const object = await readObject(config, args.object);
  const engine = await startPolicyEngine({
    logger: createLogger({
      level: 'error',
      destination: { write: (l: string) => io.stderr.write(l) },
    }),
    watch: false,
    rescanIntervalMs: 0,
    ...(config.policyDir !== undefined && { policyDir: config.policyDir }),
    ...(config.access !== undefined && { roles: config.access }),
  });
  try {
    const identity = { name: args.user, ...(args.groups !== undefined && { groups: args.groups }) };
    const decision = engine.explain({
      identity,
      operation: args.operation as OperationName,
      object,
    });
    const lines = [
      `${decision.allowed ? 'ALLOWED' : 'DENIED'}: ${args.user} ${args.operation} ${object.id}`,
      `  object   ${object.objectType}, owner ${object.owner}`,
      `  policy   ${decision.policy} (${decision.origin}${decision.file === undefined ? '' : ` ${decision.file}`})`,
      ...(decision.section === undefined ? [] : [`  rule     ${decision.section}`]),
      `  reason   ${decision.reason}`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return decision.allowed ? EXIT_CODES.ok : EXIT_CODES.failure;
  } finally {
    engine.close();
  }
}

/** Runs `policy list`: the operation policies and roles the server would use. */
export async function runPolicyList(options: ServerCliOptions, io: CliIo): Promise<number> {
  const config = await loadConfig(options, io);
  const engine = await startPolicyEngine({
    logger: createLogger({
      level: 'error',
      destination: { write: (l: string) => io.stderr.write(l) },
    }),
    watch: false,
    rescanIntervalMs: 0,
    ...(config.policyDir !== undefined && { policyDir: config.policyDir }),
  });
  try {
    const out = ['operation policies:', ...engine.policyNames().map((n) => `  ${n}`)];
    const roles = Object.keys(config.access?.roles ?? {});
    if (roles.length > 0) out.push('roles:', ...roles.map((r) => `  ${r}`));
    io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    engine.close();
  }
}

/**
 * Runs `role cert`: writes `<out>/<name>.crt` and `.key` for CN `role:<ROLE>:<name>`
 * (`role:<ROLE>@<TENANT>:<name>` with `--tenant`: the role holds on that tenant's objects only,
 * and what the client creates belongs to the tenant).
 */
export async function runRoleCert(
  role: string,
  args: { name?: string; out?: string; days?: string; tenant?: string },
  options: ServerCliOptions,
  io: CliIo,
): Promise<number> {
  const config = await loadConfig(options, io);
  if (!Object.hasOwn(config.access?.roles ?? {}, role))
    throw new CliUsageError(
      'ROLE',
      `no role ${JSON.stringify(role)} in [access.roles] of the configuration`,
    );
  if (args.tenant !== undefined && !Object.hasOwn(config.access?.tenants ?? {}, args.tenant))
    throw new CliUsageError(
      '--tenant',
      `no tenant ${JSON.stringify(args.tenant)} in [access.tenants]`,
    );
  const days = args.days === undefined ? 365 : Number(args.days);
  if (!Number.isSafeInteger(days) || days < 1 || days > 3650)
    throw new CliUsageError('--days', 'must be a whole number of days from 1 to 3650');
  const name = args.name ?? `${role}-${Buffer.from(randomBytes(3)).toString('hex')}`;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
    throw new CliUsageError('--name', 'letters, digits, dot, dash and underscore only (1-64)');
  const pkiDir = join(config.dataDir, 'pki');
  let ca: { cert: string; key: string };
  try {
    ca = {
      cert: await readFile(join(pkiDir, DEV_PKI_FILES.caCert), 'utf8'),
      key: await readFile(join(pkiDir, DEV_PKI_FILES.caKey), 'utf8'),
    };
  } catch (cause) {
    throw new CliUsageError('CA', `the built-in CA is not in ${pkiDir} (run keywarden init)`, {
      cause,
    });
  }
  const scope = args.tenant === undefined ? role : `${role}@${args.tenant}`;
  const commonName = `${ROLE_IDENTITY_PREFIX}${scope}:${name}`;
  const issued = await issueCertificate({
    caCert: ca.cert,
    caKey: ca.key,
    commonName,
    organization: 'Keywarden',
    eku: ['clientAuth'],
    validity: { days },
  });
  const out = resolve(io.cwd, args.out ?? join(config.dataDir, 'clients'));
  await mkdir(out, { recursive: true, mode: 0o700 });
  const certFile = join(out, `${name}.crt`);
  const keyFile = join(out, `${name}.key`);
  try {
    // 'wx': never overwrite the key of a client that is already deployed.
    await writeFile(keyFile, issued.key, { mode: 0o600, flag: 'wx' });
    await writeFile(certFile, issued.cert, { mode: 0o644, flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
    throw new CliUsageError('--name', `${name} already has a certificate in ${out}`, { cause });
  }
  io.stdout.write(
    [
      `client certificate for role ${role}: CN ${commonName}, valid ${days} days`,
      `  cert  ${certFile}`,
      `  key   ${keyFile}`,
      `  ca    ${join(pkiDir, DEV_PKI_FILES.caCert)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** Adds `policy check`, `policy list` and `role cert` to the program. */
export function registerPolicyCommands(
  program: Command,
  io: CliIo,
  setExitCode: SetExitCode,
): void {
  const policy = program.command('policy').description('operation policies and roles');
  addServerFlags(
    policy
      .command('check')
      .description(
        'explain whether USER may run OPERATION on object OBJECT (exit 0 allowed, 1 denied)',
      )
      .argument('<user>', 'client identity (certificate CN)')
      .argument('<operation>', 'KMIP operation, registry name (Get, Destroy, GetAttributes ...)')
      .argument('<object>', 'Unique Identifier of the object')
      .addOption(
        new Option(
          '--group <name...>',
          "the client's groups (as an authentication plugin reports them)",
        ),
      ),
  ).action(
    async (
      user: string,
      operation: string,
      object: string,
      options: ServerCliOptions & { group?: string[] },
    ) => {
      setExitCode(
        await runPolicyCheck({ user, operation, object, groups: options.group }, options, io),
      );
    },
  );
  addServerFlags(
    policy
      .command('list')
      .description('list the operation policies (reserved and from files) and roles'),
  ).action(async (options: ServerCliOptions) => {
    setExitCode(await runPolicyList(options, io));
  });

  const role = program.command('role').description('roles of the access policy');
  addServerFlags(
    role
      .command('cert')
      .description('issue a client certificate for ROLE from the built-in CA')
      .argument('<role>', 'a role of [access.roles]')
      .option('--name <name>', 'client name in the certificate CN (default <role>-<random>)')
      .option('--out <dir>', 'folder for <name>.crt and <name>.key (default <home>/clients)')
      .option('--days <days>', 'validity in days (default 365)')
      .option('--tenant <tenant>', 'grant the role within this tenant of [access.tenants] only'),
  ).action(
    async (
      roleName: string,
      options: ServerCliOptions & { name?: string; out?: string; days?: string; tenant?: string },
    ) => {
      setExitCode(
        await runRoleCert(
          roleName,
          {
            ...(options.name !== undefined && { name: options.name }),
            ...(options.out !== undefined && { out: options.out }),
            ...(options.days !== undefined && { days: options.days }),
            ...(options.tenant !== undefined && { tenant: options.tenant }),
          },
          options,
          io,
        ),
      );
    },
  );
}
