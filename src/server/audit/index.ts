/** Public entry of src/server/audit: the pipeline's audit sink over the store's audit log. */
import type { AuditLog } from '../../store/index.ts';
import { auditEntriesOf, type AuditSink } from './audit-event.ts';

export {
  auditEntriesOf,
  type AuditSink,
  type ItemRun,
  type RequestAuditEvent,
} from './audit-event.ts';
export { MAX_AUDITED_IDS, objectIdsOf } from './object-ids.ts';

/**
 * The sink that appends each message's entries to `log`, resolving once they are durable;
 * with the request's unit, in the unit's transaction when `log` shares the store's database.
 */
export function createAuditSink(log: AuditLog): AuditSink {
  return async (event, unit) => {
    await log.append(auditEntriesOf(event), unit);
  };
}
