// Refuses a template that would not send well (unknown variables, broken braces, past the SMS budget) with its
// first problem as a BAD_REQUEST naming the field, so saving and previewing answer alike.
import { validateTemplate } from '@portico/notifications';
import { AppError } from '../errors';
import type { NotificationType } from '../jobs/queues';

export type TemplateDraft = {
  type: NotificationType;
  channel: 'sms' | 'email';
  subject: string | null;
  body: string;
};

export function checkTemplate(draft: TemplateDraft): void {
  const problems = validateTemplate(draft);
  const first = problems[0];
  if (!first) return;
  const more =
    problems.length > 1
      ? ` (${problems.length - 1} more ${problems.length === 2 ? 'problem' : 'problems'} to fix after this one)`
      : '';
  throw new AppError('BAD_REQUEST', `${first.message}${more}`, { field: first.field });
}
