/**
 * Local users of the password authentication plugin: name, scrypt hash (encoded by
 * src/crypto's hashPassword; the store never sees a password) and groups. Writes are single
 * autocommit statements, durable at return (synchronous = FULL).
 */
import type { DatabaseSync } from 'node:sqlite';
import { StoreUserExistsError, StoreUserNotFoundError } from './errors.ts';

/** A local user. */
export interface LocalUser {
  readonly name: string;
  /** Encoded scrypt hash (`$scrypt$...`). */
  readonly passwordHash: string;
  readonly groups: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The local user table. */
export interface UserStore {
  get(name: string): LocalUser | undefined;
  /** @throws StoreUserExistsError (KW_STORE_USER_EXISTS) */
  add(user: {
    readonly name: string;
    readonly passwordHash: string;
    readonly groups?: readonly string[];
  }): void;
  /** @throws StoreUserNotFoundError (KW_STORE_USER_NOT_FOUND) */
  setPassword(name: string, passwordHash: string): void;
  /** @throws StoreUserNotFoundError (KW_STORE_USER_NOT_FOUND) */
  remove(name: string): void;
  /** All users, by name. */
  list(): LocalUser[];
}

function userOf(row: Readonly<Record<string, unknown>>): LocalUser {
  return {
    name: String(row['name']),
    passwordHash: String(row['password_hash']),
    groups: JSON.parse(String(row['groups_json'])) as string[],
    createdAt: new Date(Number(row['created_at'])),
    updatedAt: new Date(Number(row['updated_at'])),
  };
}

/** {@link UserStore} over an open database (migrated to version 2 or later). */
export class SqliteUserStore implements UserStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(name: string): LocalUser | undefined {
    const row = this.#db.prepare('SELECT * FROM users WHERE name = ?').get(name);
    return row === undefined ? undefined : userOf(row);
  }

  add(user: {
    readonly name: string;
    readonly passwordHash: string;
    readonly groups?: readonly string[];
  }): void {
    const now = Date.now();
    const result = this.#db
      .prepare(
        `INSERT INTO users (name, password_hash, groups_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
      )
      .run(user.name, user.passwordHash, JSON.stringify(user.groups ?? []), now, now);
    if (result.changes === 0) throw new StoreUserExistsError(user.name);
  }

  setPassword(name: string, passwordHash: string): void {
    const result = this.#db
      .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?')
      .run(passwordHash, Date.now(), name);
    if (result.changes === 0) throw new StoreUserNotFoundError(name);
  }

  remove(name: string): void {
    const result = this.#db.prepare('DELETE FROM users WHERE name = ?').run(name);
    if (result.changes === 0) throw new StoreUserNotFoundError(name);
  }

  list(): LocalUser[] {
    return this.#db.prepare('SELECT * FROM users ORDER BY name').all().map(userOf);
  }
}
