import type { MasterKey } from './master-key.ts';
import { SqliteAuditLog, type AuditLog } from './audit-log.ts';
import { openSqliteDatabase } from './sqlite-open.ts';
import { SqliteUserStore, type UserStore } from './user-store.ts';

/** The audit log and the local users, on their own connection to the object database. */
export interface SecurityStore {
  readonly audit: AuditLog;
  readonly users: UserStore;
  /** Commits queued audit records, then closes the connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the audit log and user table of the SQLite database at `path` (migrating it, and
 * checking `masterKey` as the object store does), for the CLI and for reading users. In the
 * same process as an object store, do not write through it: the store keeps a request's
 * transaction open across event-loop turns until its audit record is in (issue #9), so a
 * write here would block the thread for its busy timeout. The server appends audit records
 * through `ObjectStore.audit` instead.
 * @throws KW_STORE_OPEN, KW_STORE_SCHEMA_TOO_NEW, KW_STORE_MIGRATION, KW_STORE_MASTER_KEY_MISMATCH
 */
export async function openSqliteSecurityStore(options: {
  readonly path: string;
  readonly masterKey: MasterKey;
  readonly busyTimeoutMs?: number;
}): Promise<SecurityStore> {
  const db = await openSqliteDatabase(options.path, options.masterKey, {
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
  });
  const audit = new SqliteAuditLog(db);
  let closing: Promise<void> | undefined;
  return {
    audit,
    users: new SqliteUserStore(db),
    close() {
      closing ??= (async () => {
        try {
          audit.drain();
        } finally {
          db.close();
        }
      })();
      return closing;
    },
  };
}
