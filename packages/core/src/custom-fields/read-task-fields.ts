// Reads the organization's custom fields with one task's answers in one query, in page order.
import type { CoreContext } from '../context';
import { and, asc, eq, isNull, or, schema, sql } from '../internal/db';
import type { FieldDefinition, FieldKind, FieldValue } from './field-rules';

export type TaskField = FieldDefinition & {
  description: string | null;
  sortOrder: number;
  retiredAt: Date | null;
  /** The saved answer, null when there is none. */
  answer: FieldValue;
  answeredAt: Date | null;
  answeredByPortalUserId: string | null;
  /** The contact's name behind the portal user who answered. */
  answeredByName: string | null;
};

/**
 * Live fields (retired ones left out) with the task's answers. `withRetiredAnswers` adds retired fields the task
 * did answer (the answer is still part of the job, for dispatchers); `withStatic: false` leaves out static text.
 */
export async function readTaskFields(
  ctx: CoreContext,
  taskId: string,
  options: { withRetiredAnswers?: boolean; withStatic?: boolean } = {},
): Promise<TaskField[]> {
  const { customFieldDefinitions: f, taskFieldAnswers: a, portalUsers: p, contacts: c } = schema;
  const org = ctx.organizationId;
  const rows = await ctx.db
    .select({
      id: f.id,
      kind: f.kind,
      label: f.label,
      description: f.description,
      required: f.required,
      options: f.options,
      // jsonb read as text: drizzle's jsonb mapping parses a stored string twice ("1234" would become 1234)
      defaultJson: sql<string | null>`${f.defaultValue}::text`,
      sortOrder: f.sortOrder,
      retiredAt: f.retiredAt,
      answerJson: sql<string | null>`${a.value}::text`,
      answeredAt: a.updatedAt,
      answeredByPortalUserId: a.answeredByPortalUserId,
      answeredByName: c.name,
    })
    .from(f)
    .leftJoin(a, and(eq(a.fieldId, f.id), eq(a.taskId, taskId), eq(a.organizationId, org)))
    .leftJoin(p, and(eq(p.id, a.answeredByPortalUserId), eq(p.organizationId, org)))
    .leftJoin(c, and(eq(c.id, p.contactId), eq(c.organizationId, org)))
    .where(
      and(
        eq(f.organizationId, org),
        options.withRetiredAnswers
          ? or(isNull(f.retiredAt), sql`${a.taskId} is not null`)
          : isNull(f.retiredAt),
        options.withStatic === false ? sql`${f.kind} <> 'static'` : undefined,
      ),
    )
    .orderBy(asc(f.sortOrder), asc(f.createdAt), asc(f.id));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as FieldKind,
    label: row.label,
    description: row.description,
    required: row.required,
    options: row.options,
    defaultValue: parseFieldValue(row.defaultJson),
    sortOrder: row.sortOrder,
    retiredAt: row.retiredAt,
    answer: parseFieldValue(row.answerJson),
    answeredAt: row.answerJson === null ? null : row.answeredAt,
    answeredByPortalUserId: row.answeredByPortalUserId,
    answeredByName: row.answeredByName,
  }));
}

/** A stored jsonb value as an answer: strings and booleans only, anything else reads as no answer. */
export function parseFieldValue(json: string | null): FieldValue {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}
