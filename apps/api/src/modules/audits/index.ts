/** The audit trail: appending rows (in the action's transaction) and reading them back (admin). */
export { listAudits, recordAudit, recordAudits, type AuditEntry, type AuditFilters } from './audit.repository.ts';
