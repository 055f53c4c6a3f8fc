// The notifications admin surface through the router on real PostgreSQL: settings, templates (validation,
// reset, preview against a real task), the log (filters, paging, one entry) and re-sending from it.
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  snapshotOrganization,
  type OrgFixture,
} from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    const field =
      cause instanceof ZodError
        ? cause.issues[0]?.path.join('.')
        : cause instanceof AppError
          ? cause.field
          : undefined;
    return { code: error.code, message: error.message, field };
  }
  throw new Error('expected the call to be refused');
}

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

async function outboxRows() {
  return t.db.select().from(schema.jobOutbox).orderBy(schema.jobOutbox.createdAt);
}

type LogInsert = typeof schema.notificationLog.$inferInsert;

async function insertLog(fx: OrgFixture, values: Partial<LogInsert> & { createdAt: Date }) {
  const [row] = await t.db
    .insert(schema.notificationLog)
    .values({
      organizationId: fx.org.id,
      taskId: fx.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'sms',
      contactId: fx.primaryContact.id,
      recipient: fx.primaryContact.phone,
      status: 'sent',
      idempotencyKey: `test:${crypto.randomUUID()}`,
      appointmentVersion: 1,
      updatedAt: values.createdAt,
      ...values,
    })
    .returning();
  return row!;
}

describe('notifications.settings / updateSetting', () => {
  it('answers the defaults for every type when nothing is saved', async () => {
    const { dispatcher } = await setup();
    const settings = await dispatcher.notifications.settings();
    expect(settings).toEqual([
      { type: 'booking_invite', enabled: true, method: 'both', version: 0 },
      { type: 'booking_confirmation', enabled: true, method: 'both', version: 0 },
      { type: 'reminder_24h', enabled: true, method: 'both', version: 0 },
      { type: 'technician_en_route', enabled: true, method: 'both', version: 0 },
      { type: 'task_completed', enabled: true, method: 'both', version: 0 },
    ]);
  });

  it('saves over the defaults, then updates under the optimistic version, with an audit entry each time', async () => {
    const { admin, dispatcher, fx } = await setup();
    const saved = await admin.notifications.updateSetting({
      type: 'reminder_24h',
      enabled: false,
      method: 'email',
      version: 0,
    });
    expect(saved).toEqual({ type: 'reminder_24h', enabled: false, method: 'email', version: 1 });
    const changed = await admin.notifications.updateSetting({
      type: 'reminder_24h',
      enabled: true,
      method: 'sms',
      version: 1,
    });
    expect(changed).toEqual({ type: 'reminder_24h', enabled: true, method: 'sms', version: 2 });
    const settings = await dispatcher.notifications.settings();
    expect(settings.find((s) => s.type === 'reminder_24h')).toEqual(changed);
    expect(settings.filter((s) => s.version === 0)).toHaveLength(4);

    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.organizationId, fx.org.id),
          eq(schema.auditEvents.entityType, 'notification_setting'),
        ),
      )
      .orderBy(schema.auditEvents.id);
    expect(audit.map((a) => [a.action, a.entityId, a.changes])).toEqual([
      [
        'create',
        'reminder_24h',
        { enabled: { from: true, to: false }, method: { from: 'both', to: 'email' } },
      ],
      [
        'update',
        'reminder_24h',
        { enabled: { from: false, to: true }, method: { from: 'email', to: 'sms' } },
      ],
    ]);
  });

  it('refuses a stale version and bad input, changing nothing', async () => {
    const { admin, fx } = await setup();
    await admin.notifications.updateSetting({
      type: 'task_completed',
      enabled: false,
      method: 'both',
      version: 0,
    });
    const before = await snapshotOrganization(t.db, fx.org.id);

    const stale = await failure(
      admin.notifications.updateSetting({ type: 'task_completed', enabled: true, method: 'sms', version: 0 }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/changed by someone else/);

    const badMethod = await failure(
      admin.notifications.updateSetting({
        type: 'task_completed',
        enabled: true,
        method: 'fax' as 'sms',
        version: 1,
      }),
    );
    expect(badMethod).toMatchObject({ code: 'BAD_REQUEST', field: 'method' });
    expect(badMethod.message).toMatch(/sms, email or both/);

    const badType = await failure(
      admin.notifications.updateSetting({
        type: 'birthday' as 'reminder_24h',
        enabled: true,
        method: 'sms',
        version: 0,
      }),
    );
    expect(badType).toMatchObject({ code: 'BAD_REQUEST', field: 'type' });

    // a save that does not say which version it saw could overwrite another admin's change: refused
    const noVersion = await failure(
      admin.notifications.updateSetting({ type: 'task_completed', enabled: true, method: 'sms' } as never),
    );
    expect(noVersion).toMatchObject({ code: 'BAD_REQUEST', field: 'version' });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('lets only an admin change a setting', async () => {
    const { dispatcher, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(
      dispatcher.notifications.updateSetting({
        type: 'task_completed',
        enabled: false,
        method: 'both',
        version: 0,
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });
});

describe('notifications.templates / updateTemplate / resetTemplate', () => {
  it('lists every type and channel with the built-in text until one is saved', async () => {
    const { dispatcher } = await setup();
    const templates = await dispatcher.notifications.templates();
    expect(templates).toHaveLength(10);
    expect(new Set(templates.map((x) => `${x.type}:${x.channel}`)).size).toBe(10);
    for (const template of templates) {
      expect(template).toMatchObject({ isDefault: true, version: 0, updatedAt: null });
      expect(template.body.length).toBeGreaterThan(0);
      if (template.channel === 'sms') expect(template.subject).toBeNull();
      else expect(template.subject).toEqual(expect.any(String));
    }
    expect(templates.find((x) => x.type === 'booking_invite' && x.channel === 'sms')!.body).toContain(
      '{{portal.link}}',
    );
  });

  it('saves a valid template, updates it under its version, and resets it to the default', async () => {
    const { admin, dispatcher, fx, clock } = await setup();
    const body = '{{organization.name}}: {{technician.name}} is on the way to {{site.address}}.';
    const saved = await admin.notifications.updateTemplate({
      type: 'technician_en_route',
      channel: 'sms',
      body,
      version: 0,
    });
    expect(saved).toEqual({
      type: 'technician_en_route',
      channel: 'sms',
      subject: null,
      body,
      isDefault: false,
      version: 1,
      updatedAt: clock.now(),
    });
    const email = await admin.notifications.updateTemplate({
      type: 'task_completed',
      channel: 'email',
      subject: 'All done at {{site.address}}',
      body: 'Hi {{contact.name}}, the work is complete.',
      version: 0,
    });
    expect(email).toMatchObject({ subject: 'All done at {{site.address}}', isDefault: false, version: 1 });
    const updated = await admin.notifications.updateTemplate({
      type: 'technician_en_route',
      channel: 'sms',
      body: `${body} See {{portal.link}}`,
      version: 1,
    });
    expect(updated.version).toBe(2);

    const listed = await dispatcher.notifications.templates();
    expect(listed.find((x) => x.type === 'technician_en_route' && x.channel === 'sms')).toEqual(updated);

    const reset = await admin.notifications.resetTemplate({
      type: 'technician_en_route',
      channel: 'sms',
      version: updated.version,
    });
    expect(reset).toMatchObject({ isDefault: true, version: 0, updatedAt: null });
    expect(reset.body).not.toBe(updated.body);
    const rows = await t.db
      .select()
      .from(schema.notificationTemplates)
      .where(eq(schema.notificationTemplates.organizationId, fx.org.id));
    expect(rows.map((r) => `${r.type}:${r.channel}`)).toEqual(['task_completed:email']);
    const audit = await t.db
      .select({ action: schema.auditEvents.action, entityId: schema.auditEvents.entityId })
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.organizationId, fx.org.id),
          eq(schema.auditEvents.entityType, 'notification_template'),
        ),
      )
      .orderBy(schema.auditEvents.id);
    expect(audit).toEqual([
      { action: 'create', entityId: 'technician_en_route:sms' },
      { action: 'create', entityId: 'task_completed:email' },
      { action: 'update', entityId: 'technician_en_route:sms' },
      { action: 'reset', entityId: 'technician_en_route:sms' },
    ]);
  });

  it('refuses unknown variables, an SMS past its budget, a missing subject and a stale version, saving nothing', async () => {
    const { admin, fx } = await setup();
    await admin.notifications.updateTemplate({
      type: 'booking_confirmation',
      channel: 'sms',
      body: 'Booked: {{appointment.date}} {{appointment.window}}',
      version: 0,
    });
    const before = await snapshotOrganization(t.db, fx.org.id);

    const unknown = await failure(
      admin.notifications.updateTemplate({
        type: 'booking_confirmation',
        channel: 'sms',
        body: 'Hi {{customer.nam}}, see you {{appointment.date}}',
        version: 1,
      }),
    );
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    expect(unknown.message).toContain('Unknown variable {{customer.nam}}. Did you mean {{customer.name}}?');

    const tooLong = await failure(
      admin.notifications.updateTemplate({
        type: 'booking_confirmation',
        channel: 'sms',
        body: `{{site.address}} ${'Please be home. '.repeat(40)}`,
        version: 1,
      }),
    );
    expect(tooLong).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    expect(tooLong.message).toMatch(/SMS segments/);

    const noSubject = await failure(
      admin.notifications.updateTemplate({
        type: 'booking_confirmation',
        channel: 'email',
        subject: '',
        body: 'Booked for {{appointment.date}}.',
        version: 0,
      }),
    );
    expect(noSubject).toMatchObject({ code: 'BAD_REQUEST', field: 'subject' });
    expect(noSubject.message).toMatch(/needs a subject/);

    const badSubject = await failure(
      admin.notifications.updateTemplate({
        type: 'booking_confirmation',
        channel: 'email',
        subject: 'Booked {{when}}',
        body: 'Booked for {{appointment.date}}.',
        version: 0,
      }),
    );
    expect(badSubject).toMatchObject({ code: 'BAD_REQUEST', field: 'subject' });
    expect(badSubject.message).toContain('{{when}}');

    const inviteWithoutLink = await failure(
      admin.notifications.updateTemplate({
        type: 'booking_invite',
        channel: 'sms',
        body: 'Please book a time.',
        version: 0,
      }),
    );
    expect(inviteWithoutLink).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    expect(inviteWithoutLink.message).toContain('{{portal.link}}');

    const oversized = await failure(
      admin.notifications.updateTemplate({
        type: 'task_completed',
        channel: 'email',
        subject: 'x',
        body: 'y'.repeat(10_001),
        version: 0,
      }),
    );
    expect(oversized).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    expect(oversized.message).toContain('Keep the message within 10,000 characters.');
    const longSms = await failure(
      admin.notifications.updateTemplate({
        type: 'task_completed',
        channel: 'sms',
        body: 'y'.repeat(1001),
        version: 0,
      }),
    );
    expect(longSms).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    expect(longSms.message).toMatch(/1,001 characters long; keep it within 1,000/);

    const stale = await failure(
      admin.notifications.updateTemplate({
        type: 'booking_confirmation',
        channel: 'sms',
        body: 'Booked: {{appointment.date}}',
        version: 0,
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    // resetting from an older view would throw away text saved since: refused the same way
    const staleReset = await failure(
      admin.notifications.resetTemplate({ type: 'booking_confirmation', channel: 'sms', version: 0 }),
    );
    expect(staleReset.code).toBe('CONFLICT');
    expect(staleReset.message).toMatch(/changed by someone else/);

    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });
});

describe('notifications.previewTemplate', () => {
  it('renders the saved or default template against a real task, in the site time zone, with a sample link', async () => {
    const { dispatcher, fx } = await setup();
    const tokensBefore = await t.db.select().from(schema.linkTokens);

    const sms = await dispatcher.notifications.previewTemplate({
      taskId: fx.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'sms',
    });
    // 13:00–17:00 UTC on 2026-03-10 is 8:00 AM – 12:00 PM in America/Chicago (CDT), the site's zone.
    expect(sms.text).toContain('Tuesday, March 10');
    expect(sms.text).toContain('8:00 AM - 12:00 PM');
    expect(sms.text).toContain('100 Congress Ave, Austin, TX 78701');
    expect(sms.text).toContain(
      `http://localhost:3000/p/${fx.org.slug}/access/preview-link-not-a-real-one-0000`,
    );
    expect(sms).toMatchObject({ channel: 'sms', subject: null, html: null });
    expect(sms.segments).toBeGreaterThanOrEqual(1);

    const email = await dispatcher.notifications.previewTemplate({
      taskId: fx.scheduledTask.id,
      type: 'technician_en_route',
      channel: 'email',
      subject: '{{technician.name}} is coming on {{appointment.date}}',
      body: 'Hi {{contact.name}}, {{technician.name}} arrives {{appointment.window}}. <b>{{customer.name}}</b>',
    });
    expect(email.subject).toBe('Tess Tech is coming on Tuesday, March 10');
    expect(email.text).toBe('Hi Pat Primary, Tess Tech arrives 8:00 AM – 12:00 PM. <b>Acme Bakery</b>');
    expect(email.html).toContain('Tess Tech');
    // what the admin typed is text, not markup, in the branded HTML
    expect(email.html).toContain('&lt;b&gt;Acme Bakery&lt;/b&gt;');
    expect(email.segments).toBeNull();

    // a preview never mints a working link
    expect(await t.db.select().from(schema.linkTokens)).toEqual(tokensBefore);
  });

  it('uses the saved template when no text is given', async () => {
    const { admin, dispatcher, fx } = await setup();
    await admin.notifications.updateTemplate({
      type: 'reminder_24h',
      channel: 'sms',
      body: 'See you {{appointment.date}} at {{appointment.window}}, {{contact.name}}!',
      version: 0,
    });
    const preview = await dispatcher.notifications.previewTemplate({
      taskId: fx.scheduledTask.id,
      type: 'reminder_24h',
      channel: 'sms',
    });
    expect(preview.text).toBe('See you Tuesday, March 10 at 8:00 AM - 12:00 PM, Pat Primary!');
  });

  it('answers an unknown variable like saving does, and another organization’s task as NOT_FOUND', async () => {
    const { admin, dispatcher, fx } = await setup();
    const other = await createOrgFixture(t.db);
    const input = {
      taskId: fx.scheduledTask.id,
      type: 'booking_confirmation' as const,
      channel: 'sms' as const,
      body: 'Hi {{contact.nme}}',
    };
    const previewed = await failure(dispatcher.notifications.previewTemplate(input));
    const saving = await failure(admin.notifications.updateTemplate({ ...input, version: 0 }));
    expect(previewed).toEqual(saving);
    expect(previewed).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });

    const foreign = await failure(
      dispatcher.notifications.previewTemplate({
        taskId: other.scheduledTask.id,
        type: 'booking_confirmation',
        channel: 'sms',
      }),
    );
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', field: 'taskId' });
  });
});

describe('notifications.variables', () => {
  it('names every variable with a description and an example', async () => {
    const { dispatcher } = await setup();
    const variables = await dispatcher.notifications.variables();
    expect(variables.map((v) => v.name)).toEqual([
      'customer.name',
      'contact.name',
      'site.address',
      'appointment.date',
      'appointment.window',
      'technician.name',
      'portal.link',
      'office.phone',
      'organization.name',
    ]);
    for (const v of variables) {
      expect(v.description.length).toBeGreaterThan(5);
      expect(v.example.length).toBeGreaterThan(0);
    }
  });
});

describe('notifications.log / logEntry', () => {
  it('filters by task, type, channel, status, date range and recipient, and pages newest first', async () => {
    const { dispatcher, fx } = await setup();
    const other = await createOrgFixture(t.db);
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));
    const rows = [
      await insertLog(fx, { createdAt: at(0), type: 'booking_invite', taskId: fx.unscheduledTask.id }),
      await insertLog(fx, {
        createdAt: at(1),
        channel: 'email',
        recipient: fx.primaryContact.email,
        status: 'failed',
        error: 'Rejected address',
      }),
      // two rows at the same instant: the id breaks the tie, and paging neither skips nor repeats one
      await insertLog(fx, {
        createdAt: at(2),
        channel: 'email',
        contactId: fx.secondaryContact.id,
        recipient: fx.secondaryContact.email,
        status: 'skipped',
        skipReason: 'Booking confirmations are turned off.',
      }),
      await insertLog(fx, { createdAt: at(2), type: 'reminder_24h' }),
      await insertLog(fx, { createdAt: at(3), type: 'task_completed', status: 'queued' }),
    ];
    await insertLog(other, { createdAt: at(4) });

    const all = await dispatcher.notifications.log({});
    const newestFirst = [...rows].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1),
    );
    expect(all.items.map((i) => i.id)).toEqual(newestFirst.map((r) => r.id));
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toMatchObject({
      taskId: fx.scheduledTask.id,
      taskNumber: 2,
      contactName: 'Pat Primary',
      type: 'task_completed',
      status: 'queued',
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof dispatcher.notifications.log>> =
        await dispatcher.notifications.log({
          limit: 2,
          cursor,
        });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(newestFirst.map((r) => r.id));
    expect(pages).toBe(3);

    const ids = async (input: Parameters<typeof dispatcher.notifications.log>[0]) =>
      (await dispatcher.notifications.log(input)).items.map((i) => i.id).sort();
    const sorted = (...list: { id: string }[]) => list.map((r) => r.id).sort();
    expect(await ids({ taskId: fx.unscheduledTask.id })).toEqual(sorted(rows[0]!));
    expect(await ids({ type: 'reminder_24h' })).toEqual(sorted(rows[3]!));
    expect(await ids({ channel: 'email' })).toEqual(sorted(rows[1]!, rows[2]!));
    expect(await ids({ status: 'failed' })).toEqual(sorted(rows[1]!));
    expect(await ids({ from: at(1), to: at(3) })).toEqual(sorted(rows[1]!, rows[2]!, rows[3]!));
    expect(await ids({ recipient: 'sam@' })).toEqual(sorted(rows[2]!));
    expect(await ids({ recipient: 'Sam Sec' })).toEqual(sorted(rows[2]!));
    expect(await ids({ recipient: '(512) 555-0142' })).toEqual(sorted(rows[0]!, rows[3]!, rows[4]!));
    expect(await ids({ recipient: '100%' })).toEqual([]);
    expect(await ids({ taskId: other.scheduledTask.id })).toEqual([]);

    const badCursor = await failure(dispatcher.notifications.log({ cursor: 'not-a-cursor' }));
    expect(badCursor).toMatchObject({ code: 'BAD_REQUEST', field: 'cursor' });
    const badRange = await failure(dispatcher.notifications.log({ from: at(3), to: at(1) }));
    expect(badRange).toMatchObject({ code: 'BAD_REQUEST', field: 'to' });
  });

  it('shows one entry in full with the re-sends linked to it, and hides other organizations’ entries', async () => {
    const { dispatcher, fx } = await setup();
    const other = await createOrgFixture(t.db);
    const failed = await insertLog(fx, {
      createdAt: new Date('2026-03-01T12:00:00Z'),
      channel: 'email',
      recipient: fx.primaryContact.email,
      status: 'failed',
      subject: 'Your visit is booked',
      body: 'Open http://localhost:3000/p/x/access/••••••',
      error: 'The address was rejected.',
      attempts: 3,
      deadLetteredAt: new Date('2026-03-01T12:10:00Z'),
    });
    const resend = await insertLog(fx, {
      createdAt: new Date('2026-03-01T13:00:00Z'),
      channel: 'email',
      recipient: fx.primaryContact.email,
      status: 'sent',
      resendOfId: failed.id,
      providerMessageId: 'msg-123',
      sentAt: new Date('2026-03-01T13:00:01Z'),
      attempts: 1,
    });
    const entry = await dispatcher.notifications.logEntry({ id: failed.id });
    expect(entry).toMatchObject({
      id: failed.id,
      status: 'failed',
      subject: 'Your visit is booked',
      body: 'Open http://localhost:3000/p/x/access/••••••',
      error: 'The address was rejected.',
      attempts: 3,
      deadLetteredAt: new Date('2026-03-01T12:10:00Z'),
      appointmentVersion: 1,
      providerMessageId: null,
    });
    expect(entry.resends.map((r) => [r.id, r.status])).toEqual([[resend.id, 'sent']]);
    const second = await dispatcher.notifications.logEntry({ id: resend.id });
    expect(second).toMatchObject({ resendOfId: failed.id, providerMessageId: 'msg-123', resends: [] });

    const foreign = await insertLog(other, { createdAt: new Date('2026-03-01T12:00:00Z'), status: 'failed' });
    expect(await failure(dispatcher.notifications.logEntry({ id: foreign.id }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Notification was not found.',
    });
    expect((await failure(dispatcher.notifications.logEntry({ id: 'nope' }))).code).toBe('BAD_REQUEST');
  });
});

describe('notifications.resend', () => {
  it('enqueues one notify job for a failed entry, limited to its channel and contact, with an audit entry', async () => {
    const { dispatcher, fx, clock } = await setup();
    const failed = await insertLog(fx, {
      createdAt: new Date('2026-03-01T12:00:00Z'),
      channel: 'email',
      contactId: fx.secondaryContact.id,
      recipient: fx.secondaryContact.email,
      status: 'failed',
    });
    const before = await outboxRows();
    expect(await dispatcher.notifications.resend({ id: failed.id })).toEqual({
      resendOfId: failed.id,
      queued: true,
    });
    const added = (await outboxRows()).filter((r) => !before.some((b) => b.id === r.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      queue: 'notify',
      organizationId: fx.org.id,
      singletonKey: `resend:${failed.id}`,
      createdAt: clock.now(),
      data: {
        organizationId: fx.org.id,
        taskId: fx.scheduledTask.id,
        type: 'booking_confirmation',
        appointmentVersion: 1,
        resendOf: failed.id,
        onlyChannel: 'email',
        onlyContactId: fx.secondaryContact.id,
      },
    });
    const [audit] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.entityType, 'notification_log'),
          eq(schema.auditEvents.entityId, failed.id),
        ),
      );
    expect(audit).toMatchObject({ action: 'resend', actorId: fx.dispatcher.id, organizationId: fx.org.id });

    // the skipped ones can be re-sent too
    const skipped = await insertLog(fx, { createdAt: new Date('2026-03-01T12:05:00Z'), status: 'skipped' });
    await dispatcher.notifications.resend({ id: skipped.id });
    expect(await outboxRows()).toHaveLength(before.length + 2);
  });

  it('queues one re-send when the same entry is sent again twice at once (a double click)', async () => {
    const { dispatcher, fx } = await setup();
    const failed = await insertLog(fx, { createdAt: new Date('2026-03-01T12:00:00Z'), status: 'failed' });
    const before = await outboxRows();
    const results = await Promise.allSettled([
      dispatcher.notifications.resend({ id: failed.id }),
      dispatcher.notifications.resend({ id: failed.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((await failure(Promise.reject((refused as PromiseRejectedResult).reason))).message).toBe(
      'This notification was already sent again. Open the newer entry in the log and re-send that one if it failed too.',
    );
    expect(await outboxRows()).toHaveLength(before.length + 1);
    const audits = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.entityType, 'notification_log'),
          eq(schema.auditEvents.entityId, failed.id),
        ),
      );
    expect(audits).toHaveLength(1);
  });

  it('refuses a sent or queued entry, and one already re-sent, enqueueing nothing', async () => {
    const { dispatcher, fx } = await setup();
    const sent = await insertLog(fx, { createdAt: new Date('2026-03-01T12:00:00Z'), status: 'sent' });
    const queued = await insertLog(fx, { createdAt: new Date('2026-03-01T12:01:00Z'), status: 'queued' });
    const failed = await insertLog(fx, { createdAt: new Date('2026-03-01T12:02:00Z'), status: 'failed' });
    await insertLog(fx, {
      createdAt: new Date('2026-03-01T12:03:00Z'),
      status: 'failed',
      resendOfId: failed.id,
    });
    const before = await outboxRows();
    const snapshot = await snapshotOrganization(t.db, fx.org.id);

    const refusedSent = await failure(dispatcher.notifications.resend({ id: sent.id }));
    expect(refusedSent.code).toBe('PRECONDITION_FAILED');
    expect(refusedSent.message).toBe(
      'This notification was already sent. Only a failed or skipped notification can be sent again.',
    );
    const refusedQueued = await failure(dispatcher.notifications.resend({ id: queued.id }));
    expect(refusedQueued.code).toBe('PRECONDITION_FAILED');
    expect(refusedQueued.message).toMatch(/still being sent/);
    const refusedTwice = await failure(dispatcher.notifications.resend({ id: failed.id }));
    expect(refusedTwice.code).toBe('PRECONDITION_FAILED');
    expect(refusedTwice.message).toMatch(/already sent again/);

    expect(await outboxRows()).toEqual(before);
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(snapshot);
  });

  it('re-sends a portal invite entry as a new invite, and refuses when the contact lost portal access', async () => {
    const { dispatcher, fx } = await setup();
    const invite = (contactId: string, recipient: string | null) =>
      insertLog(fx, {
        createdAt: new Date('2026-03-01T12:00:00Z'),
        type: 'booking_invite',
        taskId: null,
        appointmentVersion: null,
        channel: 'email',
        contactId,
        recipient,
        status: 'failed',
        idempotencyKey: `portal-user-x:booking_invite:v0:email:${contactId}:invite:${crypto.randomUUID()}`,
      });
    const failed = await invite(fx.primaryContact.id, fx.primaryContact.email);
    const before = await outboxRows();
    await dispatcher.notifications.resend({ id: failed.id });
    const added = (await outboxRows()).filter((r) => !before.some((b) => b.id === r.id));
    expect(added.map((r) => [r.queue, r.data])).toEqual([
      [
        'portal-invite',
        {
          organizationId: fx.org.id,
          portalUserId: fx.portalUser.id,
          requestedBy: fx.dispatcher.id,
          resendOf: failed.id,
          onlyChannel: 'email',
        },
      ],
    ]);

    // the secondary contact has no portal user
    const orphan = await invite(fx.secondaryContact.id, fx.secondaryContact.email);
    const refused = await failure(dispatcher.notifications.resend({ id: orphan.id }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toMatch(/no portal access/);
    expect(await outboxRows()).toHaveLength(before.length + 1);
  });

  it('answers NOT_FOUND for another organization’s entry and enqueues nothing', async () => {
    const { dispatcher, admin } = await setup();
    const other = await createOrgFixture(t.db);
    const foreign = await insertLog(other, { createdAt: new Date('2026-03-01T12:00:00Z'), status: 'failed' });
    const before = await outboxRows();
    const foreignBefore = await snapshotOrganization(t.db, other.org.id);
    for (const caller of [dispatcher, admin]) {
      expect(await failure(caller.notifications.resend({ id: foreign.id }))).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Notification was not found.',
      });
    }
    expect(await outboxRows()).toEqual(before);
    expect(await snapshotOrganization(t.db, other.org.id)).toBe(foreignBefore);
    const [{ count }] = (await t.db.execute(
      sql`select count(*)::int as count from job_outbox where data->>'resendOf' = ${foreign.id}`,
    )) as unknown as [{ count: number }];
    expect(count).toBe(0);
  });
});
