// Lists a task's custom fields with the customer's answers for dispatchers: who answered, when, and what is
// still missing before the customer can confirm.
import type { TaskAnswerEntry } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';
import { isFieldMissing } from './field-rules';
import { readTaskFields } from './read-task-fields';

export async function listTaskAnswers(
  ctx: CoreContext,
  input: { taskId: string },
): Promise<TaskAnswerEntry[]> {
  const { tasks } = schema;
  const [task] = await ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, input.taskId), eq(tasks.organizationId, ctx.organizationId)));
  if (!task) throw notFound('Task');
  const fields = await readTaskFields(ctx, task.id, { withRetiredAnswers: true, withStatic: false });
  return fields.map((field) => ({
    fieldId: field.id,
    kind: field.kind as TaskAnswerEntry['kind'],
    label: field.label,
    description: field.description,
    required: field.required,
    options: [...field.options],
    defaultValue: field.defaultValue,
    value: field.answer,
    isMissing: field.retiredAt === null && isFieldMissing(field, field.answer),
    retired: field.retiredAt !== null,
    answeredAt: field.answeredAt,
    answeredBy:
      field.answeredByPortalUserId && field.answeredByName
        ? { portalUserId: field.answeredByPortalUserId, name: field.answeredByName }
        : null,
  }));
}
