/**
 * `keywarden wbem`: CIM operations against a WBEM server (CIM-XML over HTTP/HTTPS, DSP0200),
 * in the spirit of wbemcli/pywbemcli: `ei`, `ein`, `gi`, `ci`, `mi`, `di`, `ai`, `an`, `ri`, `rn`, `im`,
 * `query`, `ec`, `ecn`, `gc`, `dc`, `eqd`, `gqd`. Connection options (server, namespace,
 * credentials, TLS) go on `wbem`; the password comes from KEYWARDEN_WBEM_PASSWORD (or
 * --password, which other users of the machine may see in the process list).
 */
import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
// Loaded by the first wbem action only: the WBEM client (and its HTTP stack, undici) would
// otherwise sit in every `keywarden serve` process, ~18 MB of resident memory (issue #9).
import type * as Wbem from '../../wbem/index.ts';
import type {
  CimInstance,
  CimInstanceName,
  CimTypeName,
  ObjectNameArg,
  OutputFormat,
  WbemAuthMode,
  WbemConnection,
} from '../../wbem/index.ts';
// Straight from its file, not the index: registering the options must not load the client.
import { OUTPUT_FORMATS } from '../../wbem/format/render.ts';
import { CliInputError } from '../errors.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';

/** The WBEM client module, loaded by the first action before any helper below runs. */
let wbemModule: typeof Wbem | undefined;

function lib(): typeof Wbem {
  if (wbemModule === undefined) throw new Error('the WBEM client module is not loaded yet');
  return wbemModule;
}

/** The options of `keywarden wbem`, shared by every subcommand. */
interface WbemGlobals {
  server?: string;
  namespace?: string;
  user?: string;
  password?: string;
  auth: WbemAuthMode;
  caFile?: string;
  caDir?: string;
  cert?: string;
  key?: string;
  verify: boolean;
  timeout?: string;
  output?: OutputFormat;
  pull?: boolean;
  stats?: boolean;
}

/** Flags of the operations that return objects. */
interface ObjectFlags {
  propertyList?: string;
  localOnly?: boolean;
  deepInheritance?: boolean;
  includeQualifiers?: boolean;
  includeClassOrigin?: boolean;
  assocClass?: string;
  resultClass?: string;
  role?: string;
  resultRole?: string;
  queryLanguage?: string;
}

type Run = (conn: WbemConnection, g: WbemGlobals, cmd: Command) => Promise<unknown[]>;

function connect(g: WbemGlobals, io: CliIo, cmd: Command): WbemConnection {
  const server = g.server ?? io.env['KEYWARDEN_WBEM_SERVER'];
  if (server === undefined || server === '') {
    cmd.error('error: no server: give --server or set KEYWARDEN_WBEM_SERVER', {
      exitCode: EXIT_CODES.usage,
    });
  }
  const user = g.user ?? io.env['KEYWARDEN_WBEM_USER'];
  const password = g.password ?? io.env['KEYWARDEN_WBEM_PASSWORD'] ?? '';
  const timeout = g.timeout === undefined ? null : Number(g.timeout);
  if (timeout !== null && !(timeout > 0)) {
    cmd.error('error: --timeout must be a positive number of seconds', {
      exitCode: EXIT_CODES.usage,
    });
  }
  const { WbemConnection } = lib();
  return new WbemConnection(server as string, {
    creds: user === undefined ? null : { user, password },
    auth: g.auth,
    ...(g.namespace !== undefined ? { defaultNamespace: g.namespace } : {}),
    timeout,
    usePullOperations: g.pull ?? null,
    statsEnabled: g.stats === true,
    tls: {
      ...(g.caFile !== undefined ? { caFile: g.caFile } : {}),
      ...(g.caDir !== undefined ? { caDir: g.caDir } : {}),
      ...(g.cert !== undefined ? { certFile: g.cert } : {}),
      ...(g.key !== undefined ? { keyFile: g.key } : {}),
      ...(g.verify ? {} : { verify: false }),
      env: io.env,
    },
  });
}

/** An instance path (a WBEM URI with keys) or a class (name, or `ns:Class`). */
function objectPath(text: string): ObjectNameArg {
  return /[.=]/.test(text)
    ? lib().CimInstanceName.fromWbemUri(text)
    : lib().CimClassName.fromWbemUri(text);
}

function instancePath(text: string): CimInstanceName {
  const path = objectPath(text);
  if (!(path instanceof lib().CimInstanceName)) {
    throw new CliInputError(text, 'is not an instance path (expected Class.Key="value")');
  }
  return path;
}

function list(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').filter((p) => p !== '');
}

/** Reads `name=value` method parameters, typed by the method's declaration in the class. */
async function methodParams(
  conn: WbemConnection,
  target: ObjectNameArg,
  method: string,
  args: readonly string[],
): Promise<[string, unknown][]> {
  if (args.length === 0) return [];
  const className = typeof target === 'string' ? target : target.classname;
  const namespace = typeof target === 'string' ? null : target.namespace;
  const cls = await conn.getClass(className, { namespace, localOnly: false });
  const decl = cls.methods.get(method);
  if (decl === undefined) throw new CliInputError(method, `is not a method of ${cls.classname}`);
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new CliInputError(arg, 'is not a name=value parameter');
    const name = arg.slice(0, eq);
    const text = arg.slice(eq + 1);
    const param = decl.parameters.get(name);
    if (param === undefined) throw new CliInputError(name, `is not a parameter of ${method}`);
    const type: CimTypeName = param.type;
    const value = param.isArray
      ? text.split(',').map((t) => lib().toCimObj(type, t))
      : lib().toCimObj(type, text);
    return [param.name, value];
  });
}

/** An instance from a JSON file (or `-`: standard input) in the `-o json` form. */
async function instanceFrom(file: string, io: CliIo): Promise<CimInstance> {
  let text: string;
  try {
    text =
      file === '-' ? new TextDecoder().decode(await io.readStdin()) : await readFile(file, 'utf8');
  } catch (cause) {
    throw new CliInputError(file, 'cannot be read', { cause });
  }
  let value: unknown;
  try {
    value = lib().fromPywbemYaml(JSON.parse(text));
  } catch (cause) {
    throw new CliInputError(file, 'is not a CIMInstance in the JSON form of -o json', { cause });
  }
  const inst = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
  if (!(inst instanceof lib().CimInstance)) {
    throw new CliInputError(file, 'does not hold exactly one CIMInstance');
  }
  return inst;
}

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

const objectOptions = (o: ObjectFlags) => ({
  propertyList: list(o.propertyList),
  includeQualifiers: o.includeQualifiers,
  includeClassOrigin: o.includeClassOrigin,
});

/** Adds `keywarden wbem` and its subcommands to `program`. */
export function addWbemCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  const wbem = program
    .command('wbem')
    .description('WBEM client: CIM operations against a WBEM server (CIM-XML over HTTP/HTTPS)')
    .option('-s, --server <url>', 'server URL, e.g. https://host:5989 (or KEYWARDEN_WBEM_SERVER)')
    .option('-n, --namespace <ns>', 'default namespace (default root/cimv2)')
    .option('-u, --user <user>', 'user for HTTP auth (or KEYWARDEN_WBEM_USER)')
    .option('-p, --password <password>', 'password (prefer KEYWARDEN_WBEM_PASSWORD)')
    .addOption(
      new Option('--auth <mode>', 'HTTP auth: answer the challenge, or force one scheme')
        .choices(['auto', 'basic', 'digest'])
        .default('auto'),
    )
    .option('--ca-file <file>', 'CA certificates (PEM) to verify the server')
    .option('--ca-dir <dir>', 'folder of CA certificates (PEM, c_rehash links)')
    .option('--cert <file>', 'client certificate (PEM) for 2-way TLS')
    .option('--key <file>', 'client private key (PEM) for 2-way TLS')
    .option('--no-verify', 'do not verify the server certificate (insecure)')
    .option('-t, --timeout <seconds>', 'seconds to wait for each response')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS))
    .option('--pull', 'always use pull operations in ei/ein/query')
    .option('--no-pull', 'never use pull operations in ei/ein/query')
    .option('--stats', 'print operation statistics to stderr at the end');

  const action =
    (run: Run, defaultFormat: OutputFormat) =>
    async (...args: unknown[]) => {
      wbemModule ??= await import('../../wbem/index.ts');
      const cmd = args.at(-1) as Command;
      const g = cmd.optsWithGlobals<WbemGlobals>();
      const conn = connect(g, io, cmd);
      try {
        const items = await run(conn, g, cmd);
        io.stdout.write(lib().renderItems(items, g.output ?? defaultFormat));
        if (g.stats === true) io.stderr.write(conn.statistics.formatted());
        setExitCode(EXIT_CODES.ok);
      } finally {
        await conn.close();
      }
    };
  const flags = (cmd: Command, which: readonly string[]) => {
    const all: Record<string, [string, string]> = {
      pl: ['--property-list <names>', 'comma-separated property names to return'],
      lo: ['--local-only', 'only properties of the class itself (deprecated in DSP0200)'],
      di: ['--deep-inheritance', 'include subclass properties / all subclasses'],
      iq: ['--include-qualifiers', 'include qualifiers'],
      ico: ['--include-class-origin', 'include class origin'],
      ac: ['--assoc-class <class>', 'only through this association class'],
      rc: ['--result-class <class>', 'only results of this class'],
      role: ['--role <role>', 'role of the source object'],
      rr: ['--result-role <role>', 'role of the result objects'],
    };
    for (const w of which) {
      const [flag, text] = all[w] as [string, string];
      cmd.option(flag, text);
    }
    return cmd;
  };
  const opts = (cmd: Command) => cmd.opts<ObjectFlags>();

  flags(wbem.command('ei').description('enumerate instances of a class').argument('<class>'), [
    'pl',
    'lo',
    'di',
    'iq',
    'ico',
  ]).action(
    action(async (conn, _g, cmd) => {
      const o = opts(cmd);
      return collect(
        conn.iterEnumerateInstances(cmd.args[0] as string, {
          ...objectOptions(o),
          localOnly: o.localOnly,
          deepInheritance: o.deepInheritance,
        }),
      );
    }, 'mof'),
  );

  wbem
    .command('ein')
    .description('enumerate instance paths of a class')
    .argument('<class>')
    .action(
      action(
        async (conn, _g, cmd) => collect(conn.iterEnumerateInstancePaths(cmd.args[0] as string)),
        'text',
      ),
    );

  flags(wbem.command('gi').description('get an instance').argument('<path>', 'Class.Key="value"'), [
    'pl',
    'lo',
    'iq',
    'ico',
  ]).action(
    action(async (conn, _g, cmd) => {
      const o = opts(cmd);
      const path = instancePath(cmd.args[0] as string);
      return [await conn.getInstance(path, { ...objectOptions(o), localOnly: o.localOnly })];
    }, 'mof'),
  );

  wbem
    .command('ci')
    .description('create an instance from JSON (the form -o json prints); prints its path')
    .argument('<file>', 'JSON file, or - for standard input')
    .action(
      action(async (conn, _g, cmd) => {
        const inst = await instanceFrom(cmd.args[0] as string, io);
        return [await conn.createInstance(inst)];
      }, 'text'),
    );

  flags(
    wbem
      .command('mi')
      .description('modify an instance from JSON (the form -o json prints, with its path)')
      .argument('<file>', 'JSON file, or - for standard input'),
    ['pl', 'iq'],
  ).action(
    action(async (conn, _g, cmd) => {
      const o = opts(cmd);
      const inst = await instanceFrom(cmd.args[0] as string, io);
      await conn.modifyInstance(inst, {
        propertyList: list(o.propertyList),
        includeQualifiers: o.includeQualifiers,
      });
      return [];
    }, 'text'),
  );

  wbem
    .command('di')
    .description('delete an instance')
    .argument('<path>', 'Class.Key="value"')
    .action(
      action(async (conn, _g, cmd) => {
        await conn.deleteInstance(instancePath(cmd.args[0] as string));
        return [];
      }, 'text'),
    );

  const related = (name: string, description: string, kind: 'ai' | 'an' | 'ri' | 'rn') => {
    const assoc = kind === 'ai' || kind === 'an';
    const objects = kind === 'ai' || kind === 'ri';
    const which = [
      ...(assoc ? ['ac', 'rc', 'role', 'rr'] : ['rc', 'role']),
      ...(objects ? ['pl', 'iq', 'ico'] : []),
    ];
    flags(
      wbem.command(name).description(description).argument('<path>', 'instance path or class'),
      which,
    ).action(
      action(
        async (conn, _g, cmd) => {
          const o = opts(cmd);
          const source = objectPath(cmd.args[0] as string);
          const filters = {
            assocClass: o.assocClass,
            resultClass: o.resultClass,
            role: o.role,
            resultRole: o.resultRole,
          };
          const refFilters = { resultClass: o.resultClass, role: o.role };
          const results: unknown[] =
            kind === 'ai'
              ? await conn.associators(source as CimInstanceName, {
                  ...filters,
                  ...objectOptions(o),
                })
              : kind === 'an'
                ? await conn.associatorNames(source as CimInstanceName, filters)
                : kind === 'ri'
                  ? await conn.references(source as CimInstanceName, {
                      ...refFilters,
                      ...objectOptions(o),
                    })
                  : await conn.referenceNames(source as CimInstanceName, refFilters);
          // Class-level results are [path, class] pairs: show the classes.
          return results.map((r) => (Array.isArray(r) ? r[1] : r));
        },
        objects ? 'mof' : 'text',
      ),
    );
  };
  related('ai', 'associated instances (or classes) of an instance (or class)', 'ai');
  related('an', 'paths of associated instances (or classes)', 'an');
  related('ri', 'association instances (or classes) that refer to an instance (or class)', 'ri');
  related('rn', 'paths of the associations that refer to an instance (or class)', 'rn');

  wbem
    .command('im')
    .description('invoke a method; parameters as name=value (arrays: a,b,c), typed by the class')
    .argument('<method>')
    .argument('<path>', 'instance path or class')
    .argument('[params...]')
    .action(
      action(async (conn, _g, cmd) => {
        const [method, target, ...params] = cmd.args as [string, string, ...string[]];
        const path = objectPath(target);
        const result = await conn.invokeMethod(
          method,
          path,
          await methodParams(conn, path, method, params),
        );
        return [
          `ReturnValue=${lib().renderItems([result.returnValue], 'text').trimEnd()}`,
          ...[...result.outParams].map(
            ([k, v]) => `${k}=${lib().renderItems([v], 'text').trimEnd()}`,
          ),
        ];
      }, 'text'),
    );

  wbem
    .command('query')
    .description('instances selected by a query')
    .argument('<query>')
    .option('--query-language <language>', 'query language', 'DMTF:CQL')
    .action(
      action(async (conn, _g, cmd) => {
        const o = opts(cmd);
        return collect(
          conn.iterQueryInstances(o.queryLanguage ?? 'DMTF:CQL', cmd.args[0] as string),
        );
      }, 'mof'),
    );

  flags(
    wbem.command('ec').description('enumerate classes (subclasses of a class)').argument('[class]'),
    ['di', 'lo', 'iq', 'ico'],
  ).action(
    action(async (conn, _g, cmd) => {
      const o = opts(cmd);
      return conn.enumerateClasses({
        className: cmd.args[0] ?? null,
        deepInheritance: o.deepInheritance,
        localOnly: o.localOnly,
        includeQualifiers: o.includeQualifiers,
        includeClassOrigin: o.includeClassOrigin,
      });
    }, 'mof'),
  );

  flags(wbem.command('ecn').description('enumerate class names').argument('[class]'), [
    'di',
  ]).action(
    action(async (conn, _g, cmd) => {
      const o = opts(cmd);
      return conn.enumerateClassNames({
        className: cmd.args[0] ?? null,
        deepInheritance: o.deepInheritance,
      });
    }, 'text'),
  );

  flags(wbem.command('gc').description('get a class').argument('<class>'), [
    'pl',
    'lo',
    'iq',
    'ico',
  ]).action(
    action(async (conn, _g, cmd) => {
      const o = opts(cmd);
      return [
        await conn.getClass(cmd.args[0] as string, { ...objectOptions(o), localOnly: o.localOnly }),
      ];
    }, 'mof'),
  );

  wbem
    .command('dc')
    .description('delete a class')
    .argument('<class>')
    .action(
      action(async (conn, _g, cmd) => {
        await conn.deleteClass(cmd.args[0] as string);
        return [];
      }, 'text'),
    );

  wbem
    .command('eqd')
    .description('enumerate qualifier declarations')
    .action(action(async (conn) => conn.enumerateQualifiers(), 'mof'));

  wbem
    .command('gqd')
    .description('get a qualifier declaration')
    .argument('<name>')
    .action(
      action(async (conn, _g, cmd) => [await conn.getQualifier(cmd.args[0] as string)], 'mof'),
    );
}
