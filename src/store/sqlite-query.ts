import type { SQLInputValue } from 'node:sqlite';
import { isFoldableKey } from './attribute-sets.ts';
import { StoreValueError } from './errors.ts';
import { OBJECT_STATES } from './types.ts';
import type { AttributeFilter, DateRange, ObjectQuery } from './types.ts';
import { encodeValue, stringPrefixKey } from './value-codec.ts';

/** SQL text plus its positional parameters. */
export interface SqlQuery {
  readonly sql: string;
  readonly params: SQLInputValue[];
}

/** An attribute condition; a negated one holds when no attribute row matches it. */
interface AttributeTerm extends SqlQuery {
  readonly isNegated: boolean;
  /** False when no attribute set row can meet it (sets hold booleans and integers only). */
  readonly mayMatchSets: boolean;
}

/** Tables a probe counts in: attribute_set_rows takes the attributes table's conditions. */
export type ProbeTable = 'attributes' | 'attribute_set_rows' | 'objects';

/**
 * Counts the rows a condition matches in `table` (alias `a` for attributes and
 * attribute_set_rows, `o` for objects), stopping at a small bound (or at `bound` when given
 * and smaller); used to pick which filter drives a query.
 */
export type SelectivityProbe = (table: ProbeTable, condition: SqlQuery, bound?: number) => number;

/**
 * SQL that lists matching ids, oldest first. The most selective filter (by `probe`)
 * drives the query: an attribute filter as `seq IN (subquery)` on the (name, value_key)
 * or (name, value_date) index, or the owner/type/state columns through their index; the
 * other attribute filters are checked per candidate with EXISTS (`absent`: NOT EXISTS, which
 * never drives) on an index. SQLite's statistics are averages per attribute name and cannot tell a
 * unique Name from `CryptographicAlgorithm = AES`, so we measure instead of guessing.
 * Since schema 4 a boolean or integer value may sit in the object's attribute set
 * (attribute-sets.ts) instead of a row: a filter that can match one checks the set rows with
 * the same condition too, so an object matches exactly when it did with rows alone.
 * @throws StoreValueError (KW_STORE_VALUE) for a malformed query.
 */
export function buildFindSql(query: ObjectQuery, probe?: SelectivityProbe): SqlQuery {
  const { where, params } = buildWhere(query, probe);
  const dir = checkOrder(query.order);
  const limit = checkCount(query.limit, 'query.limit') ?? -1;
  const offset = checkCount(query.offset, 'query.offset') ?? 0;
  // seq is the insertion order, and every index on objects ends in it, so an index
  // scan is already in this order and LIMIT stops early.
  return {
    sql: `SELECT o.id AS id FROM objects o${where} ORDER BY o.seq ${dir} LIMIT ? OFFSET ?`,
    params: [...params, limit, offset],
  };
}

/** SQL that counts matching objects. @throws StoreValueError (KW_STORE_VALUE) */
export function buildCountSql(query: ObjectQuery, probe?: SelectivityProbe): SqlQuery {
  const { where, params } = buildWhere(query, probe);
  return { sql: `SELECT count(*) AS n FROM objects o${where}`, params };
}

/** SQL for a `SelectivityProbe`: rows `condition` matches in `table`, at most `bound`. */
export function probeSql(table: ProbeTable, condition: SqlQuery, bound: number): SqlQuery {
  const from = table === 'objects' ? 'objects o' : `${table} a`;
  return {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${condition.sql} LIMIT ?)`,
    params: [...condition.params, bound],
  };
}

// Objects whose attribute set (attribute-sets.ts) has a row meeting a condition on `a`.
const SET_IDS = 'SELECT a.set_id FROM attribute_set_rows a WHERE';
const SET_MEMBERS = `SELECT s.seq FROM objects s WHERE s.attr_set IN (${SET_IDS}`;
// EXISTS, not `o.attr_set IN (…)`: that is NULL for an object without a set, and NOT NULL
// would drop it from an `absent` filter's matches.
const IN_OWN_SET = 'EXISTS (SELECT 1 FROM attribute_set_rows a WHERE a.set_id = o.attr_set AND';

/** An attribute term, and whether it may match attribute set rows too. */
interface SearchTerm extends AttributeTerm {
  readonly inSets: boolean;
}

function buildWhere(
  query: ObjectQuery,
  probe: SelectivityProbe | undefined,
): { where: string; params: SQLInputValue[] } {
  if (query === null || typeof query !== 'object') {
    throw new StoreValueError('query', 'must be an object');
  }
  const columns = columnTerms(query);
  const filters = query.attributes ?? [];
  if (!Array.isArray(filters)) throw new StoreValueError('query.attributes', 'must be an array');
  const subs = filters.map((f: AttributeFilter, i) => {
    const term = attributeTerm(f, `query.attributes[${i}]`);
    // A filter that can meet set rows checks them when no probe tells or the probe finds
    // one now (the SQL runs in the same synchronous call). A Locate by Name never does, nor
    // Locate's own `ArchiveDate` absent (a date is never in a set): checking the object's set
    // per candidate for it made Locate 5–10 % dearer than this one probe (issue #9).
    const inSets =
      term.mayMatchSets && (probe === undefined || probe('attribute_set_rows', term, 1) > 0);
    return { ...term, inSets };
  });
  const driver = pickDriver(subs, columns, probe);
  const terms = columns.sql === '' ? [] : [columns.sql];
  const params = [...columns.params];
  subs.forEach((sub, i) => {
    const inRows =
      i === driver && !sub.isNegated
        ? `o.seq IN (SELECT a.object_seq FROM attributes a WHERE ${sub.sql}${sub.inSets ? ` UNION ALL ${SET_MEMBERS} ${sub.sql})` : ''})`
        : `EXISTS (SELECT 1 FROM attributes a WHERE a.object_seq = o.seq AND ${sub.sql})`;
    const either = sub.inSets && i !== driver ? `(${inRows} OR ${IN_OWN_SET} ${sub.sql}))` : inRows;
    terms.push(sub.isNegated ? `NOT ${either}` : either);
    params.push(...sub.params);
    if (sub.inSets) params.push(...sub.params);
  });
  return { where: terms.length === 0 ? '' : ` WHERE ${terms.join(' AND ')}`, params };
}

/** Conditions on the objects table itself (alias `o`), joined by AND; '' if none. */
function columnTerms(query: ObjectQuery): SqlQuery {
  const terms: string[] = [];
  const params: SQLInputValue[] = [];
  const oneOf = (column: string, values: readonly string[]): void => {
    terms.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (query.objectType !== undefined) {
    oneOf('o.object_type', strings(query.objectType, 'query.objectType'));
  }
  if (query.state !== undefined) {
    const states = strings(query.state, 'query.state');
    for (const s of states) {
      if (!(OBJECT_STATES as readonly string[]).includes(s)) {
        throw new StoreValueError('query.state', `unknown state ${JSON.stringify(s)}`);
      }
    }
    oneOf('o.state', states);
  }
  if (query.owner !== undefined) {
    if (typeof query.owner !== 'string')
      throw new StoreValueError('query.owner', 'must be a string');
    terms.push('o.owner = ?');
    params.push(query.owner);
  }
  if (query.createdAt !== undefined) {
    addRange(terms, params, 'o.created_at', query.createdAt, 'query.createdAt');
  }
  return { sql: terms.join(' AND '), params };
}

/**
 * Index of the attribute filter that should drive the query, or -1 when the object
 * columns (owner, type, state) match no more rows and their index should drive instead:
 * on a tie (both past the probe bound) the column index wins, because it streams in seq
 * order and LIMIT stops it early, while `seq IN (subquery)` first collects every match.
 * A negated filter never drives: it matches the objects that have no such row.
 */
function pickDriver(
  subs: readonly SearchTerm[],
  columns: SqlQuery,
  probe: SelectivityProbe | undefined,
): number {
  const hasColumns = columns.sql !== '';
  const candidates = subs.flatMap((sub, i) => (sub.isNegated ? [] : [i]));
  const [first] = candidates;
  if (first === undefined) return -1;
  if (probe === undefined || (candidates.length === 1 && !hasColumns)) return first;
  let best = first;
  let bestCount = Infinity;
  for (const i of candidates) {
    const sub = subs[i] as SearchTerm;
    let n = probe('attributes', sub);
    if (sub.inSets) {
      n += probe('objects', { sql: `o.attr_set IN (${SET_IDS} ${sub.sql})`, params: sub.params });
    }
    if (n < bestCount) [best, bestCount] = [i, n];
  }
  // Only "at most bestCount rows?" matters: counting one row past it is enough, and keeps
  // the probe short when an attribute filter is selective (a Name matches one row).
  return hasColumns && probe('objects', columns, bestCount + 1) <= bestCount ? -1 : best;
}

const FILTER_KINDS = ['equals', 'startsWith', 'between', 'exists', 'absent', 'allBits'];

function attributeTerm(filter: AttributeFilter, path: string): AttributeTerm {
  if (filter === null || typeof filter !== 'object' || typeof filter.name !== 'string') {
    throw new StoreValueError(`${path}.name`, 'must be a string');
  }
  const kinds = FILTER_KINDS.filter((k) => Object.hasOwn(filter, k));
  if (kinds.length !== 1) {
    throw new StoreValueError(path, `needs exactly one of ${FILTER_KINDS.join(', ')}`);
  }
  if ('absent' in filter) {
    if (filter.absent !== true) throw new StoreValueError(`${path}.absent`, 'must be true');
    return { sql: 'a.name = ?', params: [filter.name], isNegated: true, mayMatchSets: true };
  }
  const term = positiveTerm(filter, path);
  // A set row's value_key is a boolean or an integer and its value_date NULL: no string
  // prefix or date range meets it, and an equality only with such a key.
  const mayMatchSets =
    'equals' in filter
      ? isFoldableKey(term.params[1] as string)
      : !('startsWith' in filter || 'between' in filter);
  return { ...term, isNegated: false, mayMatchSets };
}

function positiveTerm(filter: Exclude<AttributeFilter, { absent: true }>, path: string): SqlQuery {
  if ('equals' in filter) {
    const key = encodeValue(filter.equals, `${path}.equals`).key;
    return { sql: 'a.name = ? AND a.value_key = ?', params: [filter.name, key] };
  }
  if ('allBits' in filter) {
    if (!Number.isSafeInteger(filter.allBits)) {
      throw new StoreValueError(`${path}.allBits`, 'must be a safe integer');
    }
    // A finite number's value_key is its JSON text, which CAST reads back as a 64-bit
    // integer; other kinds (strings, tagged bigints) are excluded by the type check.
    return {
      sql: "a.name = ? AND json_type(a.value_key) = 'integer' AND (CAST(a.value_key AS INTEGER) & ?) = ?",
      params: [filter.name, filter.allBits, filter.allBits],
    };
  }
  if ('startsWith' in filter) {
    if (typeof filter.startsWith !== 'string') {
      throw new StoreValueError(`${path}.startsWith`, 'must be a string');
    }
    // GLOB is case-sensitive and SQLite turns a literal GLOB prefix into an index range.
    const pattern = `${escapeGlob(stringPrefixKey(filter.startsWith))}*`;
    return { sql: 'a.name = ? AND a.value_key GLOB ?', params: [filter.name, pattern] };
  }
  if ('between' in filter) {
    const terms = ['a.name = ?', 'a.value_date IS NOT NULL'];
    const params: SQLInputValue[] = [filter.name];
    addRange(terms, params, 'a.value_date', filter.between, `${path}.between`);
    return { sql: terms.join(' AND '), params };
  }
  if (filter.exists !== true) throw new StoreValueError(`${path}.exists`, 'must be true');
  return { sql: 'a.name = ?', params: [filter.name] };
}

function addRange(
  terms: string[],
  params: SQLInputValue[],
  column: string,
  range: DateRange,
  path: string,
): void {
  if (range === null || typeof range !== 'object')
    throw new StoreValueError(path, 'must be an object');
  for (const [bound, op] of [
    ['from', '>='],
    ['to', '<='],
  ] as const) {
    const date = range[bound];
    if (date === undefined) continue;
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new StoreValueError(`${path}.${bound}`, 'must be a valid Date');
    }
    terms.push(`${column} ${op} ?`);
    params.push(date.getTime());
  }
}

function strings(value: string | readonly string[], path: string): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
    throw new StoreValueError(path, 'must be a string or an array of strings');
  }
  return list;
}

function checkCount(value: number | undefined, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StoreValueError(path, 'must be a non-negative integer');
  }
  return value;
}

function checkOrder(order: 'asc' | 'desc' | undefined): 'ASC' | 'DESC' {
  if (order === undefined || order === 'asc') return 'ASC';
  if (order === 'desc') return 'DESC';
  throw new StoreValueError('query.order', "must be 'asc' or 'desc'");
}

// In a GLOB pattern *, ? and [ are special; a one-character class matches each literally.
function escapeGlob(text: string): string {
  return text.replace(/[*?[]/g, (c) => `[${c}]`);
}
