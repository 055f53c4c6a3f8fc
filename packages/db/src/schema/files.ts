// Files the server stores and serves itself (today: organization logos), kept in PostgreSQL so a deployment
// needs no object store. Served at /files/<id> with the stored content type; rows are never changed, only
// replaced, so a file's URL can be cached forever.
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id } from './_shared';
import { organizations } from './organizations';

export const storedFiles = pgTable(
  'stored_files',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** What the file is for: 'logo'. */
    purpose: text('purpose').notNull(),
    /** Detected from the bytes (never the uploader's claim): image/png, image/jpeg or image/svg+xml. */
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** SHA-256 of the bytes, for ETags. */
    sha256: bytea('sha256').notNull(),
    data: bytea('data').notNull(),
    /** The name the admin's file had, for display only. */
    originalName: text('original_name'),
    createdByStaffUserId: uuid('created_by_staff_user_id'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.purpose)],
);
