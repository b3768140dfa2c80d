// The group commit's transaction control on SQLite: prepared BEGIN/COMMIT/SAVEPOINT/RELEASE
// behave as the SQL they stand for, many times over on one connection.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { sqliteTransactionControl } from '../../../src/store/sqlite-transaction.ts';

function db(): DatabaseSync {
  const connection = new DatabaseSync(':memory:');
  connection.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  return connection;
}
const rows = (connection: DatabaseSync) =>
  connection
    .prepare('SELECT x FROM t ORDER BY x')
    .all()
    .map((r) => r['x']);

describe('sqliteTransactionControl', () => {
  it('commits released savepoints and drops one rolled back, transaction after transaction', () => {
    const connection = db();
    const tx = sqliteTransactionControl(connection, 'kw_write');
    for (let round = 0; round < 3; round++) {
      tx.begin();
      assert.equal(connection.isTransaction, true);
      for (const x of [1, 2, 3]) {
        tx.savepoint();
        connection.prepare('INSERT INTO t VALUES (?)').run(round * 10 + x);
        if (x === 2) tx.rollbackToSavepoint();
        else tx.release();
      }
      tx.commit();
      assert.equal(connection.isTransaction, false);
    }
    assert.deepEqual(rows(connection), [1, 3, 11, 13, 21, 23]);
  });

  it('rolls a whole transaction back', () => {
    const connection = db();
    const tx = sqliteTransactionControl(connection, 'kw_write');
    tx.begin();
    tx.savepoint();
    connection.exec('INSERT INTO t VALUES (1)');
    tx.release();
    tx.rollback();
    assert.equal(connection.isTransaction, false);
    assert.deepEqual(rows(connection), []);
  });

  it('fails a COMMIT outside a transaction and stays usable', () => {
    const connection = db();
    const tx = sqliteTransactionControl(connection, 'kw_write');
    assert.throws(() => tx.commit());
    tx.begin();
    connection.exec('INSERT INTO t VALUES (1)');
    tx.commit();
    assert.deepEqual(rows(connection), [1]);
  });
});
