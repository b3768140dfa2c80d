/**
 * WbemConnection: a client connection to a WBEM server over CIM-XML (DSP0200), the TypeScript
 * equal of pywbem's WBEMConnection. This step covers the connection, Basic auth and the
 * traditional instance and class read operations.
 */
import { Agent } from 'undici';
import { CimError, CimXmlParseError, WbemConnectionError } from '../errors.ts';
import { cimMessage, cimXmlDocument, imethodCall, iparamValue } from '../cimxml/builders.ts';
import { parseCimXmlResponse } from '../cimxml/parse-message.ts';
import type { IReturnItem } from '../cimxml/parse-response.ts';
import type { XmlElement } from '../cimxml/element.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { CimClassName } from '../objects/class-name.ts';
import { isClass, isInstance, isInstanceName } from '../objects/kinds.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimClass } from '../objects/class.ts';
import { postCimXml } from './http-post.ts';

/** Options of the WbemConnection constructor (as pywbem's WBEMConnection arguments). */
export interface WbemConnectionOptions {
  readonly creds?: { readonly user: string; readonly password: string } | null;
  readonly defaultNamespace?: string;
  /** Seconds to wait for a response; null waits forever (pywbem `timeout`). */
  readonly timeout?: number | null;
  /** Largest response body accepted, in bytes (default 100 MiB). */
  readonly maxResponseBytes?: number;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 5988, 'https:': 5989 };

/** Makes `url` absolute with scheme and port; bare hosts get https (as pywbem). */
export function normalizeWbemUrl(url: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  const parsed = new URL(withScheme);
  const port = DEFAULT_PORTS[parsed.protocol];
  if (port === undefined)
    throw new WbemConnectionError(`unsupported URL scheme ${parsed.protocol}`);
  if (parsed.port === '') parsed.port = String(port);
  return parsed;
}

/** CIMObject header value for a namespace: URI-encoded, '/' kept (DSP0200 §6.3.2.4). */
function cimObjectHeader(namespace: string): string {
  return namespace.split('/').map(encodeURIComponent).join('/');
}

/** A WBEM client connection; each operation is one HTTP POST to /cimom. */
export class WbemConnection {
  readonly url: URL;
  readonly defaultNamespace: string;
  readonly #creds: { readonly user: string; readonly password: string } | null;
  readonly #timeoutMs: number | null;
  readonly #maxResponseBytes: number;
  readonly #agent = new Agent({ keepAliveTimeout: 10_000 });
  #messageId = 1000;

  constructor(url: string, options: WbemConnectionOptions = {}) {
    this.url = normalizeWbemUrl(url);
    this.defaultNamespace = (options.defaultNamespace ?? 'root/cimv2').replace(/^\/+|\/+$/g, '');
    this.#creds = options.creds ?? null;
    this.#timeoutMs =
      options.timeout === undefined || options.timeout === null ? null : options.timeout * 1000;
    this.#maxResponseBytes = options.maxResponseBytes ?? 100 * 1024 * 1024;
  }

  /** Closes the keep-alive sockets. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** Sends one intrinsic method call and returns its IRETURNVALUE items. */
  async imethodcall(
    name: string,
    namespace: string | null | undefined,
    params: Record<string, unknown>,
  ): Promise<{ elementName: string | null; items: IReturnItem[] }> {
    const ns = (namespace ?? this.defaultNamespace).replace(/^\/+|\/+$/g, '');
    const paramXml: XmlElement[] = [];
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null) paramXml.push(iparamValue(key, value));
    }
    this.#messageId += 1;
    const body = cimXmlDocument(
      cimMessage(imethodCall(name, ns, paramXml), { messageId: String(this.#messageId) }),
    );
    const res = await postCimXml({
      url: new URL('/cimom', this.url).href,
      body,
      headers: { CIMOperation: 'MethodCall', CIMMethod: name, CIMObject: cimObjectHeader(ns) },
      creds: this.#creds,
      timeoutMs: this.#timeoutMs,
      maxResponseBytes: this.#maxResponseBytes,
      dispatcher: this.#agent,
    });
    const message = parseCimXmlResponse(res.body);
    const resp = message.body;
    if (resp.kind !== 'IMETHODRESPONSE' || resp.name !== name) {
      throw new CimXmlParseError(
        `expected IMETHODRESPONSE for ${name}, got ${resp.kind} ${resp.name}`,
      );
    }
    if (resp.error) {
      const err = new CimError(resp.error.code, resp.error.description, resp.error.instances);
      err.requestData = body;
      throw err;
    }
    return {
      elementName: resp.returnValue?.elementName ?? null,
      items: resp.returnValue?.items ?? [],
    };
  }

  /**
   * EnumerateInstanceNames: instance paths of a class, with the namespace set. The namespace of
   * `namespace` wins over that of a CimClassName argument, which wins over the default (as pywbem).
   * @throws KW_WBEM_CIMXML_PARSE when the server returns anything but instance names
   */
  async enumerateInstanceNames(
    className: string | CimClassName,
    namespace?: string | null,
  ): Promise<CimInstanceName[]> {
    const cn = typeof className === 'string' ? new CimClassName(className) : className;
    const ns = namespace ?? cn.namespace ?? this.defaultNamespace;
    const { items } = await this.imethodcall('EnumerateInstanceNames', ns, {
      ClassName: new CimClassName(cn.classname),
    });
    return items.map((p) => {
      if (!isInstanceName(p)) {
        throw new CimXmlParseError('EnumerateInstanceNames response holds a non-INSTANCENAME item');
      }
      return withNamespace(p, ns);
    });
  }

  /** EnumerateInstances (pywbem defaults: localOnly, deepInheritance, etc. left to the server). */
  async enumerateInstances(
    className: string,
    options: {
      namespace?: string | null;
      localOnly?: boolean | null;
      deepInheritance?: boolean | null;
      includeQualifiers?: boolean | null;
      includeClassOrigin?: boolean | null;
      propertyList?: string[] | null;
    } = {},
  ): Promise<CimInstance[]> {
    const ns = options.namespace ?? this.defaultNamespace;
    const { items } = await this.imethodcall('EnumerateInstances', ns, {
      ClassName: new CimClassName(className),
      LocalOnly: options.localOnly,
      DeepInheritance: options.deepInheritance,
      IncludeQualifiers: options.includeQualifiers,
      IncludeClassOrigin: options.includeClassOrigin,
      PropertyList: options.propertyList,
    });
    const instances = items.filter(isInstance);
    for (const inst of instances) if (inst.path) inst.path = withNamespace(inst.path, ns);
    return instances;
  }

  /** GetInstance: the instance at `instanceName` (its namespace, else the default one). */
  async getInstance(
    instanceName: CimInstanceName,
    options: {
      localOnly?: boolean | null;
      includeQualifiers?: boolean | null;
      includeClassOrigin?: boolean | null;
      propertyList?: string[] | null;
    } = {},
  ): Promise<CimInstance> {
    const ns = instanceName.namespace ?? this.defaultNamespace;
    const { items } = await this.imethodcall('GetInstance', ns, {
      InstanceName: instanceName,
      LocalOnly: options.localOnly,
      IncludeQualifiers: options.includeQualifiers,
      IncludeClassOrigin: options.includeClassOrigin,
      PropertyList: options.propertyList,
    });
    const inst = items.find(isInstance);
    if (!inst) throw new CimXmlParseError('GetInstance response has no INSTANCE');
    const path = instanceName.copy();
    path.namespace = ns;
    inst.path = path;
    return inst;
  }

  /** DeleteInstance. */
  async deleteInstance(instanceName: CimInstanceName): Promise<void> {
    await this.imethodcall('DeleteInstance', instanceName.namespace ?? this.defaultNamespace, {
      InstanceName: instanceName,
    });
  }

  /** GetClass. */
  async getClass(className: string, namespace?: string | null): Promise<CimClass> {
    const { items } = await this.imethodcall('GetClass', namespace ?? this.defaultNamespace, {
      ClassName: new CimClassName(className),
    });
    const cls = items.find(isClass);
    if (!cls) throw new CimXmlParseError('GetClass response has no CLASS');
    return cls;
  }
}

function withNamespace(path: CimInstanceName, ns: string): CimInstanceName {
  const copy = path.copy();
  copy.namespace = ns;
  return copy;
}
