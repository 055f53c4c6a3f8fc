// Saves (or clears) the customer's answer to one of the organization's questions on an open appointment, and
// tells the page whether it can now be confirmed. Answers are their own rows: the task's version does not move.
import type { PortalField } from '@portico/validators/portal';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { normalizeAnswer } from '../custom-fields/field-rules';
import { readTaskFields } from '../custom-fields/read-task-fields';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';
import { publishLiveEvent } from '../live/publish-live-event';
import { findOrganization } from '../organization/organization-row';
import { checkConfirmation, toPortalField } from './appointment-view';
import { findPortalTask, requirePortalActor } from './portal-scope';
import { statusBlocksAnswers } from './portal-wording';

export type AnswerResult = { field: PortalField; canConfirm: boolean; blockedReason: string | null };

export async function answerCustomField(
  ctx: CoreContext,
  input: { taskId: string; fieldId: string; value: string | boolean | null },
): Promise<AnswerResult> {
  const actor = requirePortalActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    // locked so an answer and a confirmation of the same task cannot interleave
    const { task } = await findPortalTask(txCtx, input.taskId, { lock: true });
    const fields = await readTaskFields(txCtx, task.id);
    const index = fields.findIndex((f) => f.id === input.fieldId);
    const field = fields[index];
    if (!field) {
      throw new AppError(
        'NOT_FOUND',
        'This question was not found. Reload the page to see the current ones.',
        {
          field: 'fieldId',
        },
      );
    }
    const closed = statusBlocksAnswers(task.status);
    if (closed) throw new AppError('PRECONDITION_FAILED', closed);
    const value = normalizeAnswer(field, input.value);

    let saved = field;
    if (value !== field.answer) {
      const { taskFieldAnswers: a } = schema;
      const now = ctx.clock.now();
      if (value === null) {
        await tx
          .delete(a)
          .where(
            and(eq(a.organizationId, ctx.organizationId), eq(a.taskId, task.id), eq(a.fieldId, field.id)),
          );
      } else {
        await tx
          .insert(a)
          .values({
            organizationId: ctx.organizationId,
            taskId: task.id,
            fieldId: field.id,
            value,
            answeredByPortalUserId: actor.id,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [a.taskId, a.fieldId],
            set: { value, answeredByPortalUserId: actor.id, updatedAt: now },
          });
      }
      const key = `answer:${field.label}`;
      await recordAudit(txCtx, {
        entityType: 'task',
        entityId: task.id,
        action: 'answer',
        before: { [key]: field.answer },
        after: { [key]: value },
      });
      saved = { ...field, answer: value, answeredAt: value === null ? null : now };
      await publishLiveEvent(txCtx, { taskId: task.id, kind: 'answered' });
      fields[index] = saved;
    }

    const org = await findOrganization(txCtx);
    const confirmation = checkConfirmation(
      task,
      org,
      fields.map((f) => ({ field: f, answer: f.answer })),
    );
    return {
      field: toPortalField(saved),
      canConfirm: confirmation.canConfirm,
      blockedReason: confirmation.shownReason,
    };
  });
}
