// The transactional outbox of background jobs: a domain change inserts its job here in its own transaction;
// the worker's relay moves rows into pg-boss (job id = row id, so a repeated move is a no-op).
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './_shared';

export const jobOutbox = pgTable(
  'job_outbox',
  {
    id: id(),
    queue: text('queue').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Not before this instant (pg-boss startAfter). */
    startAfter: tstz('start_after'),
    /** pg-boss singletonKey, when a queue wants at most one live job per key. */
    singletonKey: text('singleton_key'),
    organizationId: uuid('organization_id'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.createdAt)],
);
