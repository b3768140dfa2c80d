import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFindSql } from '../../../src/store/sqlite-query.ts';
import type { SelectivityProbe, SqlQuery } from '../../../src/store/sqlite-query.ts';

/**
 * A probe that answers from a table of attribute names / 'objects' to row counts; no
 * attribute set holds any of them unless `sets` says so.
 */
function probeFrom(
  counts: Record<string, number>,
  sets: Record<string, number> = {},
): SelectivityProbe {
  return (table, condition: SqlQuery) =>
    table === 'attribute_set_rows'
      ? (sets[String(condition.params[0])] ?? 0)
      : (counts[table === 'objects' ? 'objects' : String(condition.params[0])] ?? 0);
}

/** The attribute names in the order of their terms, marking which one drives. */
function terms(sql: string): string[] {
  return [...sql.matchAll(/(o\.seq IN|EXISTS) \(SELECT \S+ FROM attributes a/g)].map((m) =>
    m[1] === 'EXISTS' ? 'exists' : 'driver',
  );
}

const common = { name: 'CryptographicAlgorithm', equals: 'AES' };
const rare = { name: 'Name', equals: 'k-1' };

describe('buildFindSql: which filter drives the query', () => {
  it('drives from the first attribute filter when no probe is given', () => {
    assert.deepEqual(terms(buildFindSql({ attributes: [common, rare] }).sql), ['driver', 'exists']);
  });

  it('drives from the attribute filter that matches the fewest rows', () => {
    const probe = probeFrom({ CryptographicAlgorithm: 1000, Name: 1 });
    assert.deepEqual(terms(buildFindSql({ attributes: [common, rare] }, probe).sql), [
      'exists',
      'driver',
    ]);
  });

  it('drives from the object columns when they match no more rows than any attribute', () => {
    const probe = probeFrom({ CryptographicAlgorithm: 1000, objects: 1000 });
    assert.deepEqual(terms(buildFindSql({ owner: 'bob', attributes: [common] }, probe).sql), [
      'exists',
    ]);
    const selective = probeFrom({ Name: 1, objects: 1000 });
    assert.deepEqual(terms(buildFindSql({ owner: 'bob', attributes: [rare] }, selective).sql), [
      'driver',
    ]);
  });

  it('probes the object columns only one row past the best attribute count', () => {
    const bounds: (number | undefined)[] = [];
    const probe: SelectivityProbe = (table, condition, bound) => {
      if (table === 'objects') bounds.push(bound);
      if (table === 'attribute_set_rows') return 0;
      return table === 'objects' ? Math.min(bound ?? 1000, 1000) : 1;
    };
    assert.deepEqual(terms(buildFindSql({ owner: 'bob', attributes: [rare] }, probe).sql), [
      'driver',
    ]);
    assert.deepEqual(bounds, [2]);
  });

  it('does not probe a lone attribute filter no attribute set can hold', () => {
    const probe: SelectivityProbe = () => assert.fail('probed');
    const { sql } = buildFindSql({ attributes: [rare] }, probe);
    assert.deepEqual(terms(sql), ['driver']);
    assert.doesNotMatch(sql, /attribute_set_rows|attr_set/);
    for (const filter of [
      { name: 'Name', startsWith: 'k' },
      { name: 'InitialDate', between: { from: new Date(0) } },
      { name: 'x', equals: 1.5 },
    ]) {
      assert.doesNotMatch(buildFindSql({ attributes: [filter] }).sql, /attribute_set_rows/);
    }
  });

  it('only asks whether a set holds a lone boolean or integer filter', () => {
    const tables: string[] = [];
    const probe: SelectivityProbe = (table) => {
      tables.push(table);
      return 0;
    };
    const { sql } = buildFindSql({ attributes: [{ name: 'Fresh', equals: true }] }, probe);
    assert.deepEqual(terms(sql), ['driver']);
    assert.deepEqual(tables, ['attribute_set_rows']);
    assert.doesNotMatch(sql, /attribute_set_rows|attr_set/);
  });

  it('never drives from an absent filter, which checks NOT EXISTS per candidate', () => {
    const probe = probeFrom({ ArchiveDate: 0, Name: 1000, objects: 5000 });
    const { sql } = buildFindSql(
      { attributes: [{ name: 'ArchiveDate', absent: true }, rare] },
      probe,
    );
    assert.deepEqual(terms(sql), ['exists', 'driver']);
    assert.match(sql, /NOT EXISTS \(SELECT 1 FROM attributes a WHERE a\.object_seq = o\.seq/);
    const absent = { attributes: [{ name: 'ArchiveDate', absent: true as const }] };
    const alone = buildFindSql(absent, probe);
    assert.deepEqual(terms(alone.sql), ['exists']);
    // No set holds the name (the probe says so): only rows are checked, as before schema 4.
    assert.deepEqual(alone.params, ['ArchiveDate', -1, 0]);
    // A set holds it: rows and the object's set are both checked.
    const inSets = buildFindSql(absent, probeFrom({ objects: 5000 }, { ArchiveDate: 1 }));
    assert.match(inSets.sql, /NOT \(EXISTS .* OR EXISTS \(SELECT 1 FROM attribute_set_rows a/);
    assert.deepEqual(inSets.params, ['ArchiveDate', 'ArchiveDate', -1, 0]);
  });

  it('keeps parameters in step with the SQL whichever filter drives', () => {
    const probe = probeFrom({ CryptographicAlgorithm: 1000, Name: 1 });
    const { sql, params } = buildFindSql(
      { owner: 'o', attributes: [common, rare], limit: 5 },
      probe,
    );
    assert.equal((sql.match(/\?/g) ?? []).length, params.length);
    assert.deepEqual(params, ['o', 'CryptographicAlgorithm', '"AES"', 'Name', '"k-1"', 5, 0]);
  });
});

describe('buildFindSql: attribute sets', () => {
  const mask = { name: 'CryptographicUsageMask', allBits: 4 };

  it('checks set rows with the same condition when no probe tells', () => {
    const { sql, params } = buildFindSql({
      attributes: [mask, { name: 'Fresh', equals: true }],
    });
    assert.equal((sql.match(/\?/g) ?? []).length, params.length);
    // The driver takes rows and set members; the other filter checks rows or the set.
    assert.match(sql, /o\.seq IN \(SELECT a\.object_seq FROM attributes a WHERE .* UNION ALL /);
    assert.match(
      sql,
      /OR EXISTS \(SELECT 1 FROM attribute_set_rows a WHERE a\.set_id = o\.attr_set/,
    );
  });

  it('counts a filter held by sets as its rows plus the objects in matching sets', () => {
    // Name: 5 rows; the mask: 1 row and 3 objects by sets, so 4 and it drives.
    const probe: SelectivityProbe = (table, condition) => {
      if (table === 'attribute_set_rows') return condition.params[0] === mask.name ? 1 : 0;
      if (table === 'objects') return 3;
      return condition.params[0] === mask.name ? 1 : 5;
    };
    assert.deepEqual(terms(buildFindSql({ attributes: [rare, mask] }, probe).sql), [
      'exists',
      'driver',
    ]);
  });

  it('negates rows and sets together for an absent filter', () => {
    const probe = probeFrom({}, { Fresh: 1 });
    const { sql, params } = buildFindSql({ attributes: [{ name: 'Fresh', absent: true }] }, probe);
    assert.match(
      sql,
      /NOT \(EXISTS .* OR EXISTS \(SELECT 1 FROM attribute_set_rows a WHERE a\.set_id/,
    );
    assert.deepEqual(params, ['Fresh', 'Fresh', -1, 0]);
  });
});
