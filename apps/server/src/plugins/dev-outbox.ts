// Owns the development outbox pages: every message that would have gone out when no provider keys are set
// (the dev_outbox table), as a page a person reads at /dev/outbox and as JSON at /dev/outbox.json.
import { schema, type Db } from '@portico/db';
import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';

export type DevOutboxPluginOptions = { db: Db };

/** The page shows the newest messages; older ones stay in the table. */
export const devOutboxLimit = 200;
const refreshSeconds = 3;

export type DevOutboxMessage = {
  id: string;
  organizationId: string | null;
  logId: string | null;
  type: string | null;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
  hasHtml: boolean;
  createdAt: Date;
};

async function readOutbox(db: Db): Promise<DevOutboxMessage[]> {
  const { devOutbox } = schema;
  const rows = await db
    .select()
    .from(devOutbox)
    .orderBy(desc(devOutbox.createdAt), desc(devOutbox.id))
    .limit(devOutboxLimit);
  return rows.map(({ html, ...row }) => ({ ...row, hasHtml: html !== null && html !== '' }));
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

function renderMessage(m: DevOutboxMessage): string {
  const when = m.createdAt.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const subject = m.subject ? `<h2>${escapeHtml(m.subject)}</h2>` : '';
  const htmlLink = m.hasHtml
    ? ` · <a href="/dev/outbox/${encodeURIComponent(m.id)}/html" target="_blank" rel="noopener">HTML</a>`
    : '';
  return `<article class="message ${m.channel}">
  <header>
    <span class="channel">${m.channel === 'sms' ? 'SMS' : 'Email'}</span>
    <span class="type">${escapeHtml(m.type ?? 'message')}</span>
    <span class="to">to ${escapeHtml(m.recipient)}</span>
    <time datetime="${m.createdAt.toISOString()}">${when}</time>${htmlLink}
  </header>
  ${subject}
  <pre>${escapeHtml(m.body)}</pre>
</article>`;
}

export function renderOutboxPage(messages: DevOutboxMessage[]): string {
  const list =
    messages.length === 0
      ? '<p class="empty">Nothing has been sent yet. Messages appear here as the worker delivers them.</p>'
      : messages.map(renderMessage).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${refreshSeconds}">
<link rel="icon" href="data:,">
<title>Development outbox (${messages.length})</title>
<style>
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f4f5f7; color: #1c2430; }
  main { max-width: 920px; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  .note { color: #5b6472; margin: 0 0 20px; }
  .message { background: #fff; border: 1px solid #dfe3e8; border-left: 4px solid #1f6feb; border-radius: 6px; padding: 12px 16px; margin: 0 0 12px; }
  .message.sms { border-left-color: #2da44e; }
  header { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; font-size: 13px; color: #5b6472; }
  .channel { font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: #1c2430; }
  .type { font-family: ui-monospace, monospace; background: #eef1f4; padding: 1px 6px; border-radius: 4px; }
  .to { color: #1c2430; }
  time { margin-left: auto; }
  h2 { font-size: 16px; margin: 8px 0 0; }
  pre { white-space: pre-wrap; word-break: break-word; font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 8px 0 0; }
  .empty { color: #5b6472; }
</style>
</head>
<body>
<main>
<h1>Development outbox</h1>
<p class="note">What would have been sent (no provider keys are set). Newest first, the latest ${devOutboxLimit}; this page refreshes every ${refreshSeconds} seconds. <a href="/dev/outbox.json">JSON</a></p>
${list}
</main>
</body>
</html>`;
}

/** Registered only in development (see app.ts): it shows every organization's messages to anyone who asks. */
export const devOutboxPlugin: FastifyPluginAsync<DevOutboxPluginOptions> = async (app, options) => {
  const { db } = options;
  app.get('/dev/outbox', async (_request, reply) => {
    const messages = await readOutbox(db);
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderOutboxPage(messages));
  });
  app.get('/dev/outbox.json', async (_request, reply) => {
    const messages = await readOutbox(db);
    return reply.header('cache-control', 'no-store').send({ messages });
  });
  app.get<{ Params: { id: string } }>('/dev/outbox/:id/html', async (request, reply) => {
    const { id } = request.params;
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const [row] = isUuid
      ? await db
          .select({ html: schema.devOutbox.html })
          .from(schema.devOutbox)
          .where(eq(schema.devOutbox.id, id))
      : [];
    if (!row?.html) return reply.code(404).type('text/plain').send('No HTML for this message.');
    // The email's own HTML, sandboxed: it may not run scripts or reach this origin's cookies.
    return reply
      .header('cache-control', 'no-store')
      .header(
        'content-security-policy',
        "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'",
      )
      .type('text/html; charset=utf-8')
      .send(row.html);
  });
};
