// Owns the demo organization's lifecycle: seeding Northwind Heating & Air, the first-start emptiness check, and reset.
// The portal's demo customer is Maria Delgado (account_admin, +1 704 555 0120, maria.delgado@example.com): her
// Home site has a window to pick (customer_selects) and a prebooked visit waiting for her confirmation.
import { TZDate } from '@date-fns/tz';
import { hashPassword } from '@portico/auth';
import type { Clock, CoreContext } from '@portico/core';
import { createCustomField } from '@portico/core/custom-fields/create-custom-field';
import { schema, type Db, type Tx } from '@portico/db';
import { eq, getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import {
  cancelReasons,
  commercialServices,
  DEMO_SLUG,
  demoCustomers,
  demoOrganization,
  demoStaff,
  demoTechnicians,
  demoWindowDays,
  demoWindows,
  failReasons,
  residentialServices,
  type DemoWindowName,
} from './demo-data';

/** The customer whose portal shows every step: a window to pick, a visit to confirm, questions to answer. */
export const DEMO_PORTAL_CUSTOMER = 'Maria Delgado';

export type DemoCredentials = {
  adminEmail: string;
  adminPassword: string;
  dispatcherEmail: string;
  dispatcherPassword: string;
  organizationSlug: string;
};

type TaskStatus = (typeof schema.taskStatus.enumValues)[number];
type SchedulingMode = (typeof schema.schedulingMode.enumValues)[number];

type TaskPlan = {
  status: TaskStatus;
  mode: SchedulingMode;
  /** Working days from today (Sundays have no windows); null = no appointment. */
  day: number | null;
  window?: DemoWindowName;
  /** Technician index; undefined picks one by rotation when the status needs one, null leaves it unassigned. */
  technician?: number | null;
  rescheduled?: boolean;
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The demo's task book, relative to today: history (completed, cancelled, failed), today's field work,
 * the next two weeks (one window filled to capacity) and tasks still waiting for a date.
 */
const taskPlans: TaskPlan[] = [
  { status: 'completed', mode: 'prebooked', day: -10, window: 'Morning' },
  { status: 'completed', mode: 'prebooked', day: -9, window: 'Midday' },
  { status: 'completed', mode: 'customer_selects', day: -8, window: 'Morning' },
  { status: 'completed', mode: 'prebooked', day: -7, window: 'Evening' },
  { status: 'cancelled', mode: 'prebooked', day: -7, window: 'Midday', technician: null },
  { status: 'completed', mode: 'prebooked', day: -6, window: 'Morning', rescheduled: true },
  { status: 'completed', mode: 'customer_selects', day: -5, window: 'Midday' },
  { status: 'failed', mode: 'prebooked', day: -5, window: 'Morning' },
  { status: 'completed', mode: 'prebooked', day: -4, window: 'Evening' },
  { status: 'completed', mode: 'prebooked', day: -3, window: 'Morning' },
  { status: 'completed', mode: 'customer_selects', day: -3, window: 'Midday' },
  { status: 'failed', mode: 'customer_selects', day: -2, window: 'Midday' },
  { status: 'completed', mode: 'prebooked', day: -2, window: 'Morning' },
  { status: 'completed', mode: 'prebooked', day: -1, window: 'Morning' },
  { status: 'completed', mode: 'prebooked', day: -1, window: 'Midday' },
  { status: 'cancelled', mode: 'customer_selects', day: null, technician: null },
  // today
  { status: 'completed', mode: 'prebooked', day: 0, window: 'Morning', technician: 0 },
  { status: 'in_progress', mode: 'prebooked', day: 0, window: 'Morning', technician: 1 },
  { status: 'in_progress', mode: 'customer_selects', day: 0, window: 'Midday', technician: 0 },
  { status: 'en_route', mode: 'prebooked', day: 0, window: 'Midday', technician: 2 },
  { status: 'confirmed', mode: 'customer_selects', day: 0, window: 'Evening', technician: 1 },
  { status: 'scheduled', mode: 'prebooked', day: 0, window: 'Evening', technician: 2 },
  // the next two weeks
  { status: 'scheduled', mode: 'prebooked', day: 1, window: 'Morning' },
  { status: 'confirmed', mode: 'prebooked', day: 1, window: 'Midday' },
  { status: 'scheduled', mode: 'customer_selects', day: 1, window: 'Evening', technician: null },
  { status: 'confirmed', mode: 'customer_selects', day: 2, window: 'Morning' },
  { status: 'scheduled', mode: 'prebooked', day: 2, window: 'Morning' },
  { status: 'scheduled', mode: 'prebooked', day: 2, window: 'Morning' },
  { status: 'scheduled', mode: 'prebooked', day: 2, window: 'Morning', technician: null },
  { status: 'confirmed', mode: 'prebooked', day: 2, window: 'Morning' },
  { status: 'scheduled', mode: 'customer_selects', day: 2, window: 'Morning', technician: null },
  { status: 'scheduled', mode: 'prebooked', day: 2, window: 'Midday' },
  { status: 'scheduled', mode: 'prebooked', day: 3, window: 'Morning', rescheduled: true },
  { status: 'confirmed', mode: 'prebooked', day: 3, window: 'Evening' },
  { status: 'scheduled', mode: 'customer_selects', day: 4, window: 'Midday', technician: null },
  { status: 'cancelled', mode: 'prebooked', day: 4, window: 'Morning', technician: null },
  { status: 'scheduled', mode: 'prebooked', day: 5, window: 'Morning' },
  { status: 'confirmed', mode: 'customer_selects', day: 6, window: 'Midday' },
  { status: 'scheduled', mode: 'prebooked', day: 7, window: 'Evening', technician: null },
  {
    status: 'scheduled',
    mode: 'customer_selects',
    day: 8,
    window: 'Morning',
    rescheduled: true,
    technician: null,
  },
  { status: 'confirmed', mode: 'prebooked', day: 9, window: 'Midday' },
  { status: 'scheduled', mode: 'prebooked', day: 10, window: 'Morning', technician: null },
  { status: 'scheduled', mode: 'prebooked', day: 11, window: 'Midday' },
  // waiting for a date
  { status: 'unscheduled', mode: 'customer_selects', day: null },
  { status: 'unscheduled', mode: 'customer_selects', day: null },
  { status: 'unscheduled', mode: 'customer_selects', day: null },
  { status: 'unscheduled', mode: 'customer_selects', day: null },
  { status: 'unscheduled', mode: 'prebooked', day: null },
  { status: 'unscheduled', mode: 'prebooked', day: null },
];

/** mulberry32: a tiny seeded PRNG, so the demo (and its screenshots) come out the same every time. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A calendar day as milliseconds at UTC midnight: day arithmetic without any time zone. */
function calendarDay(instant: Date, timeZone: string): number {
  const local = new TZDate(instant.getTime(), timeZone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate());
}

function isoWeekday(day: number): number {
  return ((new Date(day).getUTCDay() + 6) % 7) + 1;
}

function isoDate(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time at a site, DST included. */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

/** Working day `offset` from today: 0 is today, or the Saturday before when today is a Sunday. */
function workingDay(today: number, offset: number): number {
  const isWorking = (day: number) => demoWindowDays.includes(isoWeekday(day));
  let day = today;
  while (!isWorking(day)) day -= DAY_MS;
  const step = offset >= 0 ? DAY_MS : -DAY_MS;
  for (let left = Math.abs(offset); left > 0;) {
    day += step;
    if (isWorking(day)) left -= 1;
  }
  return day;
}

function needsTechnician(status: TaskStatus): boolean {
  return ['en_route', 'in_progress', 'completed', 'failed', 'confirmed', 'scheduled'].includes(status);
}

function isConfirmedStage(status: TaskStatus): boolean {
  return ['confirmed', 'en_route', 'in_progress', 'completed'].includes(status);
}

function one<T>(rows: T[]): T {
  const row = rows[0];
  if (!row) throw new Error('demo row not inserted');
  return row;
}

/** Seeds the demo organization in one transaction and returns the staff credentials. */
export async function seedDemo(db: Db, options: { clock: Clock }): Promise<DemoCredentials> {
  const now = options.clock.now();
  const [adminHash, dispatcherHash] = await Promise.all([
    hashPassword(demoStaff.admin.password),
    hashPassword(demoStaff.dispatcher.password),
  ]);
  await db.transaction(async (tx) => {
    await insertDemo(tx, now, { admin: adminHash, dispatcher: dispatcherHash });
  });
  return {
    adminEmail: demoStaff.admin.email,
    adminPassword: demoStaff.admin.password,
    dispatcherEmail: demoStaff.dispatcher.email,
    dispatcherPassword: demoStaff.dispatcher.password,
    organizationSlug: DEMO_SLUG,
  };
}

async function insertDemo(tx: Tx, now: Date, hashes: { admin: string; dispatcher: string }): Promise<void> {
  const random = seededRandom(20_260_302);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const ago = (ms: number) => new Date(now.getTime() - ms);

  const org = one(
    await tx
      .insert(schema.organizations)
      .values({ ...demoOrganization })
      .returning(),
  );
  const organizationId = org.id;

  await tx.insert(schema.staffUsers).values([
    {
      organizationId,
      email: demoStaff.admin.email,
      name: demoStaff.admin.name,
      role: 'admin',
      passwordHash: hashes.admin,
    },
    {
      organizationId,
      email: demoStaff.dispatcher.email,
      name: demoStaff.dispatcher.name,
      role: 'dispatcher',
      passwordHash: hashes.dispatcher,
    },
  ]);

  const technicians = await tx
    .insert(schema.technicians)
    .values(demoTechnicians.map((t) => ({ organizationId, ...t })))
    .returning();

  const windows = await tx
    .insert(schema.appointmentWindows)
    .values(
      demoWindows.map((w) => ({
        organizationId,
        name: w.name,
        startTime: `${w.start}:00`,
        endTime: `${w.end}:00`,
        daysOfWeek: demoWindowDays,
        capacityPerDay: w.capacity,
      })),
    )
    .returning();
  const windowByName = new Map(windows.map((w) => [w.name as DemoWindowName, w]));

  type SiteRef = { id: string; customerId: string; timeZone: string; kind: 'person' | 'company' };
  const sites: SiteRef[] = [];
  let portalDemoSite: SiteRef | null = null;
  /** Active portal user per customer: who answers fields and confirms in the portal. */
  const portalUserByCustomer = new Map<string, string>();
  for (const customer of demoCustomers) {
    const row = one(
      await tx
        .insert(schema.customers)
        .values({
          organizationId,
          name: customer.name,
          kind: customer.kind,
          notes: customer.notes ?? null,
          email: customer.contacts[0]?.email ?? null,
          phone: customer.contacts[0]?.phone ?? null,
        })
        .returning(),
    );
    const contacts = await tx
      .insert(schema.contacts)
      .values(
        customer.contacts.map((c) => ({
          organizationId,
          customerId: row.id,
          name: c.name,
          phone: c.phone,
          email: c.email,
          preferredChannel: c.preferredChannel,
        })),
      )
      .returning();
    const contactId = (index: number | undefined) =>
      index === undefined ? null : (contacts[index]?.id ?? null);
    const siteRows = await tx
      .insert(schema.sites)
      .values(
        customer.sites.map((s) => ({
          organizationId,
          customerId: row.id,
          name: s.name,
          addressLine1: s.addressLine1,
          addressLine2: s.addressLine2 ?? null,
          city: s.city,
          region: s.region,
          postalCode: s.postalCode,
          country: 'US',
          timeZone: s.timeZone,
          primaryContactId: contactId(s.primary),
          secondaryContactId: contactId(s.secondary),
        })),
      )
      .returning();
    const siteRefs = siteRows.map((s) => ({
      id: s.id,
      customerId: row.id,
      timeZone: s.timeZone,
      kind: customer.kind,
    }));
    sites.push(...siteRefs);
    if (customer.name === DEMO_PORTAL_CUSTOMER) portalDemoSite = siteRefs[0] ?? null;
    for (const [index, contact] of customer.contacts.entries()) {
      if (!contact.portal) continue;
      const isActive = contact.portal.status === 'active';
      const portalUser = one(
        await tx
          .insert(schema.portalUsers)
          .values({
            organizationId,
            customerId: row.id,
            contactId: contacts[index]!.id,
            role: contact.portal.role,
            status: contact.portal.status,
            invitedAt: ago(30 * DAY_MS),
            lastSignInAt: isActive ? ago(2 * DAY_MS + 3 * 3_600_000) : null,
          })
          .returning(),
      );
      if (isActive && !portalUserByCustomer.has(row.id)) portalUserByCustomer.set(row.id, portalUser.id);
    }
  }

  // The questions Northwind used to ask: retired, still shown to dispatchers on the past visits that answered them.
  const retiredAt = ago(20 * DAY_MS);
  const [petsField, accessField] = await tx
    .insert(schema.customFieldDefinitions)
    .values([
      {
        organizationId,
        kind: 'toggle',
        label: 'Pets on site?',
        description: 'Let the technician know if a pet will be at the property.',
        required: true,
        defaultValue: false,
        sortOrder: 1,
        retiredAt,
      },
      {
        organizationId,
        kind: 'dropdown',
        label: 'Access',
        description: 'How will the technician get to the equipment?',
        required: true,
        defaultValue: 'Someone will be home',
        options: ['Someone will be home', 'Key in lockbox', 'Call on arrival', 'Gate code needed'],
        sortOrder: 2,
        retiredAt,
      },
    ])
    .returning();
  // The questions of the appointment page today, in page order.
  const fieldCtx: CoreContext = {
    db: tx,
    clock: { now: () => now },
    organizationId,
    actor: { type: 'system', id: null },
  };
  await createCustomField(fieldCtx, {
    kind: 'static',
    label: 'Before your visit',
    description:
      'Please clear about 3 feet around your indoor and outdoor units so the technician can work safely.',
    sortOrder: 3,
  });
  const adultField = await createCustomField(fieldCtx, {
    kind: 'toggle',
    label: 'Someone 18 or older will be home',
    description: 'An adult needs to let the technician in and sign off the work.',
    required: true,
    defaultValue: false,
    sortOrder: 4,
  });
  const parkingField = await createCustomField(fieldCtx, {
    kind: 'dropdown',
    label: 'Where should we park?',
    options: ['Driveway', 'Street', 'Visitor parking'],
    defaultValue: 'Driveway',
    sortOrder: 5,
  });
  const gateField = await createCustomField(fieldCtx, {
    kind: 'text',
    label: 'Gate or door code',
    description: 'Type “none” if there is no gate or door code.',
    required: true,
    sortOrder: 6,
  });

  // Tasks: book each plan into a window with room, then number them in the order they were created.
  const today = calendarDay(now, demoOrganization.timeZone);
  const booked = new Map<string, number>();
  const windowOrder: DemoWindowName[] = ['Morning', 'Midday', 'Evening'];
  const book = (plan: TaskPlan): { date: string; window: DemoWindowName } => {
    const countsAgainstCapacity = plan.status !== 'cancelled' && plan.status !== 'failed';
    for (let dayOffset = plan.day ?? 0; ; dayOffset += plan.day! < 0 ? -1 : 1) {
      const date = isoDate(workingDay(today, dayOffset));
      const preferred = plan.window ?? 'Morning';
      const candidates = [preferred, ...windowOrder.filter((w) => w !== preferred)];
      for (const window of candidates) {
        const key = `${window}|${date}`;
        const used = booked.get(key) ?? 0;
        const capacity = demoWindows.find((w) => w.name === window)!.capacity;
        if (!countsAgainstCapacity) return { date, window };
        if (used < capacity) {
          booked.set(key, used + 1);
          return { date, window };
        }
      }
    }
  };

  let rotation = 0;
  const draftOf = (plan: TaskPlan, site: SiteRef, serviceType: string) => {
    const slot = plan.day === null ? null : book(plan);
    const window = slot ? windowByName.get(slot.window)! : null;
    const start = slot && window ? localInstant(slot.date, window.startTime, site.timeZone) : null;
    const end = slot && window ? localInstant(slot.date, window.endTime, site.timeZone) : null;
    let technicianIndex: number | null = null;
    if (plan.technician !== undefined) technicianIndex = plan.technician;
    else if (needsTechnician(plan.status)) technicianIndex = rotation++ % technicians.length;
    // Creation a few days before the visit (or before now for tasks still waiting), never in the future.
    const leadDays = 2 + Math.floor(random() * 9);
    const latest = now.getTime() - 20 * MINUTE_MS;
    const createdAtMs = Math.min(
      start ? start.getTime() - leadDays * DAY_MS : now.getTime() - leadDays * DAY_MS,
      latest,
    );
    let statusChangedMs = createdAtMs;
    if (start && end) {
      if (plan.status === 'completed') statusChangedMs = Math.min(end.getTime() - 45 * MINUTE_MS, latest);
      else if (plan.status === 'in_progress')
        statusChangedMs = Math.min(start.getTime() + 30 * MINUTE_MS, latest);
      else if (plan.status === 'en_route')
        statusChangedMs = Math.min(start.getTime() - 20 * MINUTE_MS, latest);
      else if (plan.status === 'failed') statusChangedMs = Math.min(start.getTime() + 50 * MINUTE_MS, latest);
      else if (plan.status !== 'scheduled') statusChangedMs = Math.min(createdAtMs + DAY_MS, latest);
    } else if (plan.status === 'cancelled') {
      statusChangedMs = Math.min(createdAtMs + 3 * DAY_MS, latest);
    }
    statusChangedMs = Math.max(statusChangedMs, createdAtMs);
    const confirmed = isConfirmedStage(plan.status) && slot !== null;
    const confirmedAt = confirmed ? new Date(Math.min(createdAtMs + DAY_MS, statusChangedMs)) : null;
    return {
      plan,
      site,
      createdAt: new Date(createdAtMs),
      values: {
        organizationId,
        customerId: site.customerId,
        siteId: site.id,
        serviceType,
        description: describe(serviceType, plan),
        status: plan.status,
        schedulingMode: plan.mode,
        appointmentDate: slot?.date ?? null,
        windowId: window?.id ?? null,
        appointmentStart: start,
        appointmentEnd: end,
        appointmentVersion: slot ? (plan.rescheduled ? 2 : 1) : 0,
        technicianId: technicianIndex === null ? null : technicians[technicianIndex]!.id,
        confirmationState: confirmed
          ? ('confirmed' as const)
          : slot
            ? ('pending' as const)
            : ('not_required' as const),
        confirmedAt,
        confirmedByPortalUserId: confirmed ? (portalUserByCustomer.get(site.customerId) ?? null) : null,
        statusReason:
          plan.status === 'cancelled'
            ? pick(cancelReasons)
            : plan.status === 'failed'
              ? pick(failReasons)
              : null,
        statusChangedAt: new Date(statusChangedMs),
        createdAt: new Date(createdAtMs),
        updatedAt: new Date(statusChangedMs),
      },
    };
  };
  const drafts = taskPlans.map((plan) => {
    const site = pick(sites);
    const serviceType = pick(site.kind === 'company' ? commercialServices : residentialServices);
    return draftOf(plan, site, serviceType);
  });
  // The portal demo: a window to pick, and a prebooked visit (well before its cut-off) waiting for a confirmation.
  if (!portalDemoSite) throw new Error(`demo customer ${DEMO_PORTAL_CUSTOMER} has no site`);
  const toPick = draftOf(
    { status: 'unscheduled', mode: 'customer_selects', day: null },
    portalDemoSite,
    'Furnace tune-up',
  );
  toPick.values.description = 'Yearly furnace tune-up: filter, burners, flue and safety controls.';
  const toConfirm = draftOf(
    { status: 'scheduled', mode: 'prebooked', day: 4, window: 'Morning', technician: 0 },
    portalDemoSite,
    'Heat pump repair',
  );
  toConfirm.values.description =
    'The upstairs rooms never reach the set temperature. Check the refrigerant and the outdoor unit.';
  // and a finished visit, so the portal's history is not empty
  const done = draftOf(
    { status: 'completed', mode: 'prebooked', day: -6, window: 'Midday', technician: 1 },
    portalDemoSite,
    'Furnace repair',
  );
  drafts.push(toPick, toConfirm, done);
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const firstNumber = org.nextTaskNumber;
  const tasks = await tx
    .insert(schema.tasks)
    .values(drafts.map((d, i) => ({ ...d.values, number: firstNumber + i })))
    .returning();
  await tx
    .update(schema.organizations)
    .set({ nextTaskNumber: firstNumber + tasks.length })
    .where(eq(schema.organizations.id, organizationId));

  // Answers for tasks the customer already confirmed, as the portal would have stored them: today's questions, and
  // on finished visits the questions asked back then.
  const gateCodes = ['none', '#4821', 'Lockbox 1123, side door', 'Call on arrival: 0142'];
  const answers = tasks
    .filter((task) => task.confirmationState === 'confirmed')
    .flatMap((task) => {
      const answer = (fieldId: string, value: string | boolean) => ({
        organizationId,
        taskId: task.id,
        fieldId,
        value,
        answeredByPortalUserId: task.confirmedByPortalUserId,
      });
      if (task.status === 'completed') {
        return [answer(petsField!.id, random() < 0.4), answer(accessField!.id, pick(accessField!.options))];
      }
      return [
        answer(adultField.id, true),
        answer(parkingField.id, pick(parkingField.options)),
        answer(gateField.id, pick(gateCodes)),
      ];
    });
  if (answers.length > 0) await tx.insert(schema.taskFieldAnswers).values(answers);
}

function describe(serviceType: string, plan: TaskPlan): string {
  if (plan.status === 'unscheduled' && plan.mode === 'customer_selects') {
    return `${serviceType}. Waiting for the customer to pick a window in the portal.`;
  }
  if (plan.status === 'unscheduled') return `${serviceType}. Call the customer to agree on a date.`;
  return `${serviceType}.`;
}

/** True when no organization exists yet: the first start of a fresh installation. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: schema.organizations.id }).from(schema.organizations).limit(1);
  return rows.length === 0;
}

/**
 * Every table holding rows of an organization, ordered so a table comes before the tables it references.
 * Read from the schema so tables added later are removed too.
 */
function organizationTablesInDeleteOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter(
    (value): value is PgTable =>
      is(value, PgTable) && getTableConfig(value).columns.some((c) => c.name === 'organization_id'),
  );
  const references = new Map(
    tables.map((table) => [
      table,
      new Set(
        getTableConfig(table)
          .foreignKeys.map((fk) => fk.reference().foreignTable)
          .filter((target) => target !== table && tables.includes(target)),
      ),
    ]),
  );
  // A table may go once nothing still waiting references it.
  const ordered: PgTable[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const next = [...remaining].find((candidate) =>
      [...remaining].every((other) => other === candidate || !references.get(other)!.has(candidate)),
    );
    if (!next) throw new Error('The schema has a reference cycle between organization tables.');
    ordered.push(next);
    remaining.delete(next);
  }
  return ordered;
}

/** Deletes the demo organization and every row that belongs to it, so the demo can be seeded again. */
export async function resetDemo(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: schema.organizations.id })
      .from(schema.organizations)
      .where(eq(schema.organizations.slug, DEMO_SLUG))
      .for('update');
    if (!org) return false;
    for (const table of organizationTablesInDeleteOrder()) {
      await tx.execute(
        sql`delete from ${sql.identifier(getTableName(table))} where organization_id = ${org.id}`,
      );
    }
    await tx.delete(schema.organizations).where(eq(schema.organizations.id, org.id));
    return true;
  });
}
