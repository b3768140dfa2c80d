/**
 * A small INI reader with the semantics of Python's `configparser.ConfigParser` defaults,
 * which PyKMIP reads server.conf with: `=` or `:` delimiters, full-line `#`/`;` comments,
 * indented continuation lines, option names folded to lower case, a DEFAULT section inherited
 * by every section, duplicate sections and options refused (strict), and `%(name)s` / `%%`
 * interpolation (BasicInterpolation).
 */
import { ConfigParseError } from './errors.ts';

/** A parsed INI document; values are raw (before interpolation). */
export interface IniDocument {
  readonly path: string;
  readonly defaults: ReadonlyMap<string, string>;
  /** Sections in file order (DEFAULT excluded), each with its own options in file order. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Line of each option, keyed `section\0option`, for error messages. */
  readonly lines: ReadonlyMap<string, number>;
}

const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;
const MAX_INTERPOLATION_DEPTH = 10; // configparser's MAX_INTERPOLATION_DEPTH

/**
 * Parses INI text.
 * @throws KW_CONFIG_PARSE with the line of the first fault.
 */
export function parseIni(text: string, path: string): IniDocument {
  const defaults = new Map<string, string[]>();
  const sections = new Map<string, Map<string, string[]>>();
  const lines = new Map<string, number>();
  let current: Map<string, string[]> | undefined;
  let currentName = '';
  let option: { values: string[]; indent: number } | undefined;

  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const indent = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value.startsWith('#') || value.startsWith(';')) return;
    if (value === '') {
      // Python keeps blank lines inside a value (empty_lines_in_values) and strips them at the end.
      option?.values.push('');
      return;
    }
    if (option !== undefined && indent > option.indent) {
      option.values.push(value);
      return;
    }
    option = undefined;
    const header = SECTION.exec(value);
    if (header) {
      currentName = header[1] ?? '';
      if (currentName === 'DEFAULT') {
        current = defaults;
        return;
      }
      if (sections.has(currentName))
        throw new ConfigParseError(path, lineNo, undefined, `section [${currentName}] repeated`);
      current = new Map();
      sections.set(currentName, current);
      return;
    }
    if (current === undefined)
      throw new ConfigParseError(path, lineNo, undefined, 'setting outside any [section]');
    const match = OPTION.exec(value);
    const name = match?.[1]?.trimEnd().toLowerCase() ?? '';
    if (match === null || name === '')
      throw new ConfigParseError(path, lineNo, undefined, 'expected name = value');
    if (current.has(name))
      throw new ConfigParseError(
        path,
        lineNo,
        undefined,
        `option ${name} repeated in [${currentName}]`,
      );
    option = { values: [match[3] ?? ''], indent };
    current.set(name, option.values);
    lines.set(`${currentName}\0${name}`, lineNo);
  });

  const join = (m: Map<string, string[]>) =>
    new Map([...m].map(([k, v]) => [k, v.join('\n').trimEnd()]));
  return {
    path,
    defaults: join(defaults),
    sections: new Map([...sections].map(([name, options]) => [name, join(options)])),
    lines,
  };
}

/** The options of a section with DEFAULT's inherited, raw. */
export function iniOptions(doc: IniDocument, section: string): Map<string, string> {
  return new Map([...doc.defaults, ...(doc.sections.get(section) ?? [])]);
}

/**
 * An option's value with `%(name)s` references (to options of the same section or DEFAULT)
 * and `%%` expanded, as configparser's BasicInterpolation does.
 * @throws KW_CONFIG_PARSE for a bad `%` sequence, an unknown reference or a reference loop.
 */
export function getIniValue(doc: IniDocument, section: string, name: string): string | undefined {
  const options = iniOptions(doc, section);
  const line = doc.lines.get(`${section}\0${name}`) ?? doc.lines.get(`DEFAULT\0${name}`) ?? 0;
  const expand = (value: string, depth: number): string => {
    if (depth > MAX_INTERPOLATION_DEPTH) {
      throw new ConfigParseError(
        doc.path,
        line,
        undefined,
        `interpolation of ${name} nests too deep`,
      );
    }
    return value.replace(
      /%(%|\(([^)]*)\)s|.?)/g,
      (whole, what: string, ref: string | undefined) => {
        if (what === '%') return '%';
        const target = ref?.toLowerCase();
        const referenced = target === undefined ? undefined : options.get(target);
        if (referenced === undefined) {
          throw new ConfigParseError(
            doc.path,
            line,
            undefined,
            `bad interpolation ${JSON.stringify(whole)} in ${name} (write %% for %)`,
          );
        }
        return expand(referenced, depth + 1);
      },
    );
  };
  const raw = options.get(name);
  return raw === undefined ? undefined : expand(raw, 1);
}
