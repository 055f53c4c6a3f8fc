// Fixtures for integration tests: organizations with every kind of record, staff with live sessions,
// and callers bound to them. Rows are inserted directly so fixtures do not depend on the code under test.
import { createSession, portalLifetimes, staffLifetimes } from '@portico/auth';
import { systemClock, type Clock } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { AppError } from '@portico/core';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { randomBytes } from 'node:crypto';
import type { ApiContext, PortalCookieJar } from './context';
import { createCaller } from './root';

export type TestClock = Clock & { set: (d: Date) => void; advance: (ms: number) => void };

export function createTestClock(start = new Date('2026-03-02T15:00:00Z')): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (d) => {
      now = d.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * A browser's portal cookies in memory, for createCaller tests: what procedures set or cleared, and the pre-auth
 * value later calls send back (pass the same jar to each call, as a browser keeps its cookies).
 */
export type TestCookieJar = PortalCookieJar & {
  preAuth: string | null;
  preAuthExpiresAt: Date | null;
  session: { token: string; expiresAt: Date } | null;
  /** Every change in order: 'setSession', 'clearSession', 'setPreAuth', 'clearPreAuth'. */
  changes: string[];
};

export function createTestCookieJar(preAuth: string | null = null): TestCookieJar {
  const jar: TestCookieJar = {
    preAuth,
    preAuthExpiresAt: null,
    session: null,
    changes: [],
    setSession: (token, expiresAt) => {
      jar.session = { token, expiresAt };
      jar.changes.push('setSession');
    },
    clearSession: () => {
      jar.session = null;
      jar.changes.push('clearSession');
    },
    setPreAuth: (value, expiresAt) => {
      jar.preAuth = value;
      jar.preAuthExpiresAt = expiresAt;
      jar.changes.push('setPreAuth');
    },
    clearPreAuth: () => {
      jar.preAuth = null;
      jar.preAuthExpiresAt = null;
      jar.changes.push('clearPreAuth');
    },
  };
  return jar;
}

export type ContextOptions = {
  /** The browser's cookies (a fresh empty jar by default). */
  cookies?: PortalCookieJar;
  ip?: string;
  userAgent?: string | null;
};

export function contextFor(
  db: Db,
  sessionToken: string | null,
  clock: Clock = systemClock,
  options: ContextOptions = {},
): ApiContext {
  return {
    db,
    clock,
    boss: null,
    sessionToken,
    request: {
      ip: options.ip ?? '127.0.0.1',
      userAgent: options.userAgent === undefined ? 'vitest' : options.userAgent,
    },
    publicOrigin: 'http://localhost:3000',
    portalCookies: options.cookies ?? createTestCookieJar(),
  };
}

export type Caller = ReturnType<typeof createCaller>;

export function callerFor(
  db: Db,
  sessionToken: string | null,
  clock: Clock = systemClock,
  options: ContextOptions = {},
): Caller {
  return createCaller(contextFor(db, sessionToken, clock, options));
}

type Org = typeof schema.organizations.$inferSelect;

export async function createTestOrganization(
  db: Db,
  overrides: Partial<typeof schema.organizations.$inferInsert> = {},
): Promise<Org> {
  const suffix = randomBytes(4).toString('hex');
  const [org] = await db
    .insert(schema.organizations)
    .values({ slug: `org-${suffix}`, name: `Org ${suffix}`, timeZone: 'America/New_York', ...overrides })
    .returning();
  if (!org) throw new Error('organization not created');
  return org;
}

/** A staff user with a placeholder password hash and a live session token. */
export async function createTestStaff(
  db: Db,
  organizationId: string,
  role: 'admin' | 'dispatcher',
  clock: Clock = systemClock,
): Promise<{ user: typeof schema.staffUsers.$inferSelect; token: string }> {
  const suffix = randomBytes(4).toString('hex');
  const [user] = await db
    .insert(schema.staffUsers)
    .values({
      organizationId,
      email: `${role}-${suffix}@example.test`,
      name: `${role} ${suffix}`,
      role,
      passwordHash: 'not-a-real-hash',
    })
    .returning();
  if (!user) throw new Error('staff user not created');
  const [org] = await db
    .select()
    .from(schema.organizations)
    .where(eq(schema.organizations.id, organizationId));
  const session = await createSession(db, {
    subject: 'staff',
    organizationId,
    userId: user.id,
    now: clock.now(),
    lifetimes: staffLifetimes(org!),
  });
  return { user, token: session.token };
}

export type OrgFixture = {
  org: Org;
  admin: { id: string; token: string };
  dispatcher: { id: string; token: string };
  technician: typeof schema.technicians.$inferSelect;
  customer: typeof schema.customers.$inferSelect;
  primaryContact: typeof schema.contacts.$inferSelect;
  secondaryContact: typeof schema.contacts.$inferSelect;
  site: typeof schema.sites.$inferSelect;
  morning: typeof schema.appointmentWindows.$inferSelect;
  afternoon: typeof schema.appointmentWindows.$inferSelect;
  /** customer_selects, no date yet */
  unscheduledTask: typeof schema.tasks.$inferSelect;
  /** prebooked on 2026-03-10 in the morning window, technician assigned */
  scheduledTask: typeof schema.tasks.$inferSelect;
  portalUser: typeof schema.portalUsers.$inferSelect & { token: string };
  customField: typeof schema.customFieldDefinitions.$inferSelect;
};

function one<T>(rows: T[]): T {
  const row = rows[0];
  if (!row) throw new Error('fixture row not created');
  return row;
}

/**
 * An organization with one of everything: staff of both roles (signed in), a technician, a customer with
 * two contacts and a site in America/Chicago, two windows, an unscheduled and a scheduled task, a portal
 * user (signed in) and a custom field.
 */
export async function createOrgFixture(db: Db, clock: Clock = systemClock): Promise<OrgFixture> {
  const org = await createTestOrganization(db);
  const admin = await createTestStaff(db, org.id, 'admin', clock);
  const dispatcher = await createTestStaff(db, org.id, 'dispatcher', clock);
  const organizationId = org.id;
  const technician = one(
    await db
      .insert(schema.technicians)
      .values({ organizationId, name: 'Tess Tech', phone: '+15125550100' })
      .returning(),
  );
  const customer = one(
    await db
      .insert(schema.customers)
      .values({ organizationId, name: 'Acme Bakery', kind: 'company' })
      .returning(),
  );
  const primaryContact = one(
    await db
      .insert(schema.contacts)
      .values({
        organizationId,
        customerId: customer.id,
        name: 'Pat Primary',
        phone: '+15125550142',
        email: 'pat@example.test',
      })
      .returning(),
  );
  const secondaryContact = one(
    await db
      .insert(schema.contacts)
      .values({
        organizationId,
        customerId: customer.id,
        name: 'Sam Second',
        email: 'sam@example.test',
        preferredChannel: 'email',
      })
      .returning(),
  );
  const site = one(
    await db
      .insert(schema.sites)
      .values({
        organizationId,
        customerId: customer.id,
        name: 'Main shop',
        addressLine1: '100 Congress Ave',
        city: 'Austin',
        region: 'TX',
        postalCode: '78701',
        timeZone: 'America/Chicago',
        primaryContactId: primaryContact.id,
        secondaryContactId: secondaryContact.id,
      })
      .returning(),
  );
  const allDays = [1, 2, 3, 4, 5, 6, 7];
  const morning = one(
    await db
      .insert(schema.appointmentWindows)
      .values({
        organizationId,
        name: 'Morning',
        startTime: '08:00:00',
        endTime: '12:00:00',
        daysOfWeek: allDays,
        capacityPerDay: 3,
      })
      .returning(),
  );
  const afternoon = one(
    await db
      .insert(schema.appointmentWindows)
      .values({
        organizationId,
        name: 'Afternoon',
        startTime: '12:00:00',
        endTime: '16:00:00',
        daysOfWeek: allDays,
        capacityPerDay: 3,
      })
      .returning(),
  );
  const unscheduledTask = one(
    await db
      .insert(schema.tasks)
      .values({
        organizationId,
        number: 1,
        customerId: customer.id,
        siteId: site.id,
        serviceType: 'Boiler service',
        status: 'unscheduled',
        schedulingMode: 'customer_selects',
      })
      .returning(),
  );
  const scheduledTask = one(
    await db
      .insert(schema.tasks)
      .values({
        organizationId,
        number: 2,
        customerId: customer.id,
        siteId: site.id,
        serviceType: 'AC repair',
        status: 'scheduled',
        schedulingMode: 'prebooked',
        appointmentDate: '2026-03-10',
        windowId: morning.id,
        // 08:00-12:00 America/Chicago (CDT from 2026-03-08)
        appointmentStart: new Date('2026-03-10T13:00:00Z'),
        appointmentEnd: new Date('2026-03-10T17:00:00Z'),
        appointmentVersion: 1,
        technicianId: technician.id,
      })
      .returning(),
  );
  await db
    .update(schema.organizations)
    .set({ nextTaskNumber: 3 })
    .where(eq(schema.organizations.id, organizationId));
  const portalUserRow = one(
    await db
      .insert(schema.portalUsers)
      .values({
        organizationId,
        customerId: customer.id,
        contactId: primaryContact.id,
        role: 'contact',
        status: 'active',
      })
      .returning(),
  );
  const portalSession = await createSession(db, {
    subject: 'portal',
    organizationId,
    userId: portalUserRow.id,
    now: clock.now(),
    lifetimes: portalLifetimes(org),
  });
  const customField = one(
    await db
      .insert(schema.customFieldDefinitions)
      .values({
        organizationId,
        kind: 'toggle',
        label: 'Pets on site?',
        required: true,
        defaultValue: false,
        sortOrder: 1,
      })
      .returning(),
  );
  return {
    org,
    admin: { id: admin.user.id, token: admin.token },
    dispatcher: { id: dispatcher.user.id, token: dispatcher.token },
    technician,
    customer,
    primaryContact,
    secondaryContact,
    site,
    morning,
    afternoon,
    unscheduledTask,
    scheduledTask,
    portalUser: { ...portalUserRow, token: portalSession.token },
    customField,
  };
}

/** Every row of one organization across tenant tables, to prove a request changed nothing there. */
export async function snapshotOrganization(db: Db, organizationId: string): Promise<string> {
  const tables = [
    'organizations',
    'staff_users',
    'staff_invites',
    'technicians',
    'customers',
    'contacts',
    'sites',
    'appointment_windows',
    'tasks',
    'portal_users',
    'custom_field_definitions',
    'task_field_answers',
    'notification_settings',
    'notification_templates',
    'notification_log',
    'notification_sends',
    'scheduled_reminders',
    'job_outbox',
    'link_tokens',
    'one_time_codes',
    'audit_events',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const column = table === 'organizations' ? 'id' : 'organization_id';
    const rows = await db.execute(
      sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where ${sql.identifier(column)} = ${organizationId} order by to_jsonb(t)::text`,
    );
    parts.push(`${table}:${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

/** How a refused call answered: code, message, the field it is about, and zod's messages for bad input. */
export type Refusal = { code: string; message: string; field: string | undefined; issues: string[] };

/** Awaits a call that must be refused and describes the refusal (fails the test if the call succeeds). */
export async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    if (cause instanceof ZodError) {
      return {
        code: error.code,
        message: error.message,
        field: cause.issues[0]?.path.join('.'),
        issues: cause.issues.map((i) => i.message),
      };
    }
    return {
      code: error.code,
      message: error.message,
      field: cause instanceof AppError ? cause.field : undefined,
      issues: [],
    };
  }
  throw new Error('expected the call to be refused');
}
