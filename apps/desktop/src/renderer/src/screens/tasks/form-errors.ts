// Places a server refusal next to the form's fields: zod issues arrive as "path: message; …" with full paths,
// domain refusals as one message with `field`.
import type { ClientErrorInfo } from '@portico/api-client';

export type FieldMessages = Record<string, string>;

export function fieldMessagesOf(info: ClientErrorInfo): FieldMessages {
  const messages: FieldMessages = {};
  const hasIssues = Object.keys(info.fieldErrors).length > 0;
  for (const [field, list] of Object.entries(info.fieldErrors)) {
    if (list[0]) messages[field] = list[0];
  }
  if (hasIssues) {
    for (const part of info.message.split('; ')) {
      const match = /^([\w.]+): (.+)$/.exec(part);
      if (match?.[1] && match[2]) messages[match[1]] = match[2];
    }
  } else if (info.field) {
    messages[info.field] = info.message;
  }
  return messages;
}
