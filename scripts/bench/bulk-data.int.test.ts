import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { seedDemo } from '@portico/server/demo/seed-demo';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBulkCustomers, addBulkTasks } from './bulk-data';
import { percentile } from './measure';
import { ownerOf } from './profile';

let t: TestDatabase;
let organizationId: string;
const now = new Date('2026-03-04T15:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { clock: { now: () => now } });
  const [org] = await t.db
    .select()
    .from(schema.organizations)
    .where(eq(schema.organizations.slug, 'northwind'));
  organizationId = org!.id;
});
afterAll(async () => {
  await t.close();
});

describe('bench data', () => {
  it('grows the demo organization to the asked number of tasks without overbooking a window', async () => {
    await addBulkCustomers(t.sql, organizationId, 300);
    const [{ earliest } = { earliest: '' }] = await t.sql<{ earliest: string }[]>`
      select min(appointment_date)::text as earliest from tasks where organization_id = ${organizationId}`;
    const before = await t.sql<
      { next: number }[]
    >`select next_task_number as next from organizations where id = ${organizationId}`;
    const added = await addBulkTasks(t.sql, { organizationId, total: 5000, before: earliest, now });
    expect(added).toBeGreaterThan(4900);

    const [stats] = await t.sql<
      {
        tasks: number;
        numbers: number;
        maxNumber: number;
        next: number;
        statuses: number;
        latestBulk: string;
      }[]
    >`
      select count(*)::int as tasks, count(distinct number)::int as numbers, max(number)::int as "maxNumber",
        (select next_task_number from organizations where id = ${organizationId}) as next,
        count(distinct status)::int as statuses,
        (select max(appointment_date)::text from tasks where organization_id = ${organizationId}
           and number >= ${before[0]!.next}) as "latestBulk"
      from tasks where organization_id = ${organizationId}`;
    expect(stats).toMatchObject({ tasks: 5000, numbers: 5000, statuses: 8 });
    expect(stats!.next).toBeGreaterThan(stats!.maxNumber);
    // the bulk history ends before the demo's own appointments begin
    expect(stats!.latestBulk < earliest).toBe(true);

    const overbooked = await t.sql`
      select 1 from tasks t join appointment_windows w on w.id = t.window_id
      where t.organization_id = ${organizationId} and t.status not in ('cancelled', 'failed')
      group by w.id, t.appointment_date having count(*) > w.capacity_per_day`;
    expect(overbooked).toHaveLength(0);
    const offDays = await t.sql`
      select 1 from tasks t join appointment_windows w on w.id = t.window_id
      where t.organization_id = ${organizationId}
        and not (extract(isodow from t.appointment_date)::smallint = any (w.days_of_week))`;
    expect(offDays).toHaveLength(0);

    const inconsistent = await t.sql`
      select t.number from tasks t
        join sites s on s.id = t.site_id
        left join appointment_windows w on w.id = t.window_id
      where t.organization_id = ${organizationId} and (
        s.customer_id <> t.customer_id
        or (t.appointment_date is null) <> (t.status = 'unscheduled' or (t.status = 'cancelled' and t.window_id is null))
        or (t.window_id is not null and t.appointment_start <> (t.appointment_date + w.start_time) at time zone s.time_zone)
        or (t.status in ('completed', 'en_route', 'in_progress') and t.technician_id is null)
        or (t.status in ('cancelled', 'failed') and t.status_reason is null)
        or t.created_at > ${now.toISOString()}::timestamptz)`;
    expect(inconsistent).toHaveLength(0);
    const spread = await t.sql<{ sites: number; zones: number }[]>`
      select count(distinct t.site_id)::int as sites, count(distinct s.time_zone)::int as zones
      from tasks t join sites s on s.id = t.site_id where t.organization_id = ${organizationId}`;
    expect(spread[0]!.sites).toBeGreaterThan(250);
    expect(spread[0]!.zones).toBe(2);

    expect(await addBulkTasks(t.sql, { organizationId, total: 5000, before: earliest, now })).toBe(0);
  });
});

describe('bench helpers', () => {
  it('computes nearest-rank percentiles', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(Float64Array.of(7), 99)).toBe(7);
  });

  it('attributes profile frames to their package', () => {
    const frame = (url: string, functionName = 'f') => ({ url, functionName, lineNumber: 0 });
    expect(
      ownerOf(frame('file:///w/node_modules/.pnpm/superjson@2.2.6/node_modules/superjson/dist/plainer.js')),
    ).toBe('superjson');
    expect(
      ownerOf(
        frame('file:///w/node_modules/.pnpm/@trpc+server@11.22.1/node_modules/@trpc/server/dist/x.mjs'),
      ),
    ).toBe('@trpc/server');
    expect(ownerOf(frame('file:///w/packages/core/src/tasks/list-tasks.ts'))).toBe('@portico/core');
    expect(ownerOf(frame('node:internal/streams/readable'))).toBe('node');
    expect(ownerOf(frame('', '(garbage collector)'))).toBe('GC');
  });
});
