// Organization settings through the router on real PostgreSQL: what staff read, what admins may change,
// every refused value leaving the saved settings as they were, stale versions, and the audit trail.
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { callerFor, createOrgFixture, createTestClock } from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | null }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    const field =
      cause instanceof AppError
        ? (cause.field ?? null)
        : cause instanceof ZodError
          ? cause.issues[0]!.path.join('.')
          : null;
    const message = cause instanceof ZodError ? cause.issues.map((i) => i.message).join('; ') : error.message;
    return { code: error.code, message, field };
  }
  throw new Error('expected the call to fail');
}

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return {
    fx,
    clock,
    admin: callerFor(t.db, fx.admin.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

async function orgRow(id: string) {
  const [row] = await t.db.select().from(schema.organizations).where(eq(schema.organizations.id, id));
  return row!;
}

describe('organization.get', () => {
  it('gives staff every setting, without internal counters', async () => {
    const { dispatcher, fx } = await setup();
    const settings = await dispatcher.organization.get();
    expect(settings).toMatchObject({
      id: fx.org.id,
      slug: fx.org.slug,
      timeZone: 'America/New_York',
      primaryColor: '#1f6feb',
      labels: {},
      loginMode: 'otp',
      linkLifetimeHours: 120,
      rescheduleCutoffHours: 24,
      cancelPolicy: 'portal',
      confirmationFlow: false,
      staffSessionIdleMinutes: 30,
      staffSessionAbsoluteHours: 12,
      portalSessionIdleDays: 7,
      portalSessionAbsoluteDays: 30,
      version: 1,
    });
    expect(settings).not.toHaveProperty('nextTaskNumber');
  });
});

describe('organization.update', () => {
  it('saves any subset, normalizes phones and colors, bumps the version and audits each changed setting', async () => {
    const { admin, dispatcher, fx, clock } = await setup();
    const saved = await admin.organization.update({
      version: 1,
      name: '  Cool Air Co ',
      officePhone: '(512) 555-0142',
      officeEmail: 'Office@CoolAir.example',
      primaryColor: '#AABBCC',
      labels: { 'appointment.title': 'Your visit', confirmButton: 'Yes, that works' },
      cancelPolicy: 'call',
      cancelPhone: '512 555 0199',
      cancelMessage: 'Call us to cancel, we are happy to help.',
      rescheduleCutoffHours: 0,
      portalSessionIdleDays: 30,
      confirmationFlow: true,
    });
    expect(saved).toMatchObject({
      name: 'Cool Air Co',
      officePhone: '+15125550142',
      officeEmail: 'office@coolair.example',
      primaryColor: '#aabbcc',
      accentColor: '#f59e0b',
      cancelPhone: '+15125550199',
      rescheduleCutoffHours: 0,
      portalSessionIdleDays: 30,
      confirmationFlow: true,
      version: 2,
      updatedAt: clock.now(),
    });
    expect(await dispatcher.organization.get()).toEqual(saved);
    const [audit] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.entityId, fx.org.id), eq(schema.auditEvents.action, 'update_settings')),
      );
    expect(audit?.changes).toEqual({
      name: { from: fx.org.name, to: 'Cool Air Co' },
      officePhone: { from: null, to: '+15125550142' },
      officeEmail: { from: null, to: 'office@coolair.example' },
      primaryColor: { from: '#1f6feb', to: '#aabbcc' },
      labels: { from: {}, to: { 'appointment.title': 'Your visit', confirmButton: 'Yes, that works' } },
      cancelPolicy: { from: 'portal', to: 'call' },
      cancelPhone: { from: null, to: '+15125550199' },
      cancelMessage: { from: null, to: 'Call us to cancel, we are happy to help.' },
      rescheduleCutoffHours: { from: 24, to: 0 },
      portalSessionIdleDays: { from: 7, to: 30 },
      confirmationFlow: { from: false, to: true },
    });

    // clearing optional text, and a change to nothing that differs, which is not a change
    const cleared = await admin.organization.update({
      version: 2,
      officeEmail: '',
      cancelPolicy: 'portal',
      cancelPhone: null,
    });
    expect(cleared).toMatchObject({
      officeEmail: null,
      cancelPhone: null,
      cancelPolicy: 'portal',
      version: 3,
    });
    const unchanged = await admin.organization.update({ version: 3, name: 'Cool Air Co' });
    expect(unchanged.version).toBe(3);
  });

  it('refuses each invalid setting with a message for its field, leaving the saved settings unchanged', async () => {
    const { admin, fx } = await setup();
    const labels201 = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`label${i}`, 'x']));
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ name: '' }, 'name', /needs a name/],
      [{ name: 'x'.repeat(121) }, 'name', /under 120/],
      [{ slug: 'new-address' }, 'slug', /cannot be changed/],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /IANA time zone/],
      [{ timeZone: 'EST' }, 'timeZone', /IANA time zone/],
      [{ primaryColor: 'blue' }, 'primaryColor', /like #1f6feb/],
      [{ accentColor: '#abc' }, 'accentColor', /like #1f6feb/],
      [{ labels: { 'Bad key': 'x' } }, 'labels.Bad key', /Label keys start/],
      [{ labels: { '1st': 'x' } }, 'labels.1st', /Label keys start/],
      [{ labels: { ['a'.repeat(65)]: 'x' } }, `labels.${'a'.repeat(65)}`, /Label keys start/],
      [{ labels: { title: 'x'.repeat(501) } }, 'labels.title', /under 500/],
      [{ labels: labels201 }, 'labels', /At most 200/],
      [{ loginMode: 'sms' }, 'loginMode', /otp or link/],
      [{ linkLifetimeHours: 0 }, 'linkLifetimeHours', /at least 1 hours/],
      [{ linkLifetimeHours: 721 }, 'linkLifetimeHours', /at most 720/],
      [{ rescheduleCutoffHours: -1 }, 'rescheduleCutoffHours', /can't be negative; use 0/],
      [{ rescheduleCutoffHours: 337 }, 'rescheduleCutoffHours', /at most 336/],
      [{ rescheduleCutoffHours: 1.5 }, 'rescheduleCutoffHours', /whole number/],
      [{ cancelPolicy: 'email' }, 'cancelPolicy', /portal or call/],
      [{ cancelPolicy: 'call' }, 'cancelPhone', /phone number they should call/],
      [{ cancelPolicy: 'call', cancelPhone: '+15125550199' }, 'cancelMessage', /write the message/],
      [
        { cancelPolicy: 'call', cancelPhone: '+15125550199', cancelMessage: '   ' },
        'cancelMessage',
        /write the message/,
      ],
      [{ cancelPhone: '555' }, 'cancelPhone', /valid phone number/],
      [{ officePhone: 'call me maybe' }, 'officePhone', /valid phone number/],
      [{ officeEmail: 'not-an-email' }, 'officeEmail', /email address/],
      [{ staffSessionIdleMinutes: 4 }, 'staffSessionIdleMinutes', /at least 5/],
      [{ staffSessionIdleMinutes: 31 }, 'staffSessionIdleMinutes', /at most 30/],
      [{ staffSessionAbsoluteHours: 0 }, 'staffSessionAbsoluteHours', /at least 1/],
      [{ staffSessionAbsoluteHours: 13 }, 'staffSessionAbsoluteHours', /at most 12/],
      [{ portalSessionIdleDays: 0 }, 'portalSessionIdleDays', /at least 1/],
      [{ portalSessionIdleDays: 31 }, 'portalSessionIdleDays', /at most 30/],
      [{ portalSessionAbsoluteDays: 31 }, 'portalSessionAbsoluteDays', /at most 30/],
      // idle 7 (saved) longer than the new absolute 5: checked against the merged settings
      [
        { portalSessionAbsoluteDays: 5 },
        'portalSessionIdleDays',
        /can't be longer than the portal session lifetime/,
      ],
      [
        { portalSessionIdleDays: 20, portalSessionAbsoluteDays: 10 },
        'portalSessionIdleDays',
        /can't be longer/,
      ],
      [{ hideServiceDetails: 'yes' }, 'hideServiceDetails', /./],
      [{ nextTaskNumber: 1 }, '', /Unknown setting: nextTaskNumber/],
    ];
    const before = await orgRow(fx.org.id);
    for (const [patch, field, message] of cases) {
      const f = await failure(admin.organization.update({ version: 1, ...patch } as never));
      expect(f.code, JSON.stringify(patch)).toBe('BAD_REQUEST');
      expect(f.field, JSON.stringify(patch)).toBe(field);
      expect(f.message, JSON.stringify(patch)).toMatch(message);
    }
    expect(await orgRow(fx.org.id)).toEqual(before);
  });

  it('refuses a stale version with the settings message, changing nothing', async () => {
    const { admin, fx } = await setup();
    await admin.organization.update({ version: 1, accentColor: '#000000' });
    const before = await orgRow(fx.org.id);
    expect(await failure(admin.organization.update({ version: 1, name: 'Mine' }))).toEqual({
      code: 'CONFLICT',
      field: null,
      message:
        'These settings were changed by someone else since you opened them. Reload to see the latest settings, then make your change again.',
    });
    expect(await orgRow(fx.org.id)).toEqual(before);
  });

  it('is for admins only', async () => {
    const { dispatcher, fx } = await setup();
    expect(await failure(dispatcher.organization.update({ version: 1, name: 'Dispatch Co' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await orgRow(fx.org.id)).name).toBe(fx.org.name);
  });
});
