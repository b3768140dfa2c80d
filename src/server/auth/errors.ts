/**
 * Why an authentication plugin did not identify the client. These stay in the server log;
 * the client only ever sees Authentication Not Successful with a fixed text.
 */
import { KeywardenError } from '../../errors.ts';

/** The request carries nothing this plugin can check (e.g. no Username and Password credential). */
export class AuthNotApplicableError extends KeywardenError {
  readonly code = 'KW_AUTH_NOT_APPLICABLE';
  readonly plugin: string;

  constructor(plugin: string, what: string) {
    super(`${plugin}: ${what}`);
    this.plugin = plugin;
  }
}

/** The credential was checked and is wrong (unknown user or wrong password: one error for both). */
export class AuthInvalidCredentialError extends KeywardenError {
  readonly code = 'KW_AUTH_INVALID_CREDENTIAL';
  readonly plugin: string;
  readonly userName: string;

  constructor(plugin: string, userName: string) {
    super(`${plugin}: invalid user name or password for ${JSON.stringify(userName)}`);
    this.plugin = plugin;
    this.userName = userName;
  }
}

/** The identity service does not know the user (SLUGS answered 404). */
export class AuthUnknownUserError extends KeywardenError {
  readonly code = 'KW_AUTH_UNKNOWN_USER';
  readonly plugin: string;
  readonly userName: string;

  constructor(plugin: string, userName: string) {
    super(`${plugin}: unrecognized user ID ${JSON.stringify(userName)}`);
    this.plugin = plugin;
    this.userName = userName;
  }
}

/** The identity service could not be asked or gave an unusable answer (timeout, 5xx, bad JSON). */
export class AuthServiceError extends KeywardenError {
  readonly code = 'KW_AUTH_SERVICE';
  readonly plugin: string;
  readonly url: string;
  /** HTTP status, when the service answered. */
  readonly statusCode?: number;

  constructor(
    plugin: string,
    url: string,
    problem: string,
    options?: { statusCode?: number; cause?: unknown },
  ) {
    super(`${plugin}: ${url}: ${problem}`, options);
    this.plugin = plugin;
    this.url = url;
    if (options?.statusCode !== undefined) this.statusCode = options.statusCode;
  }
}

/** The `[auth]` configuration cannot be used (e.g. `slugs` listed without a SLUGS URL). */
export class AuthConfigError extends KeywardenError {
  readonly code = 'KW_AUTH_CONFIG';

  constructor(problem: string, options?: { cause?: unknown }) {
    super(problem, options);
  }
}
