// Grows the demo organization to benchmark size: thousands of customers and 100,000 tasks, in set-based SQL.
import type postgres from 'postgres';

const firstNames = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'Lucas',
  'Isabella',
  'Mason',
  'Mia',
  'Ethan',
  'Harper',
  'Logan',
  'Amelia',
  'James',
  'Evelyn',
  'Aiden',
  'Abigail',
  'Carter',
];
const lastNames = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Lee',
];
const streets = [
  'Oak St',
  'Maple Ave',
  'Cedar Ln',
  'Pine Rd',
  'Elm St',
  'Park Ave',
  'Lakeview Dr',
  'Hillcrest Rd',
];
// city, region, postal code, time zone, area code
const places = [
  ['Charlotte', 'NC', '28205', 'America/New_York', '704'],
  ['Matthews', 'NC', '28105', 'America/New_York', '980'],
  ['Raleigh', 'NC', '27601', 'America/New_York', '919'],
  ['Denver', 'CO', '80205', 'America/Denver', '303'],
  ['Aurora', 'CO', '80012', 'America/Denver', '720'],
];
const services = [
  'AC tune-up',
  'Furnace repair',
  'No heat call',
  'Thermostat replacement',
  'Duct cleaning',
  'Water heater service',
  'Annual maintenance plan visit',
  'Rooftop unit service',
  'Heat pump installation',
];
const cancelReasons = [
  'Customer cancelled in the portal.',
  'Customer sold the property.',
  'Duplicate work order.',
];
const failReasons = [
  'No one home at arrival; left a door tag.',
  'Part on backorder.',
  'Gate locked, no answer.',
];

/** Adds `count` customers, each with one contact and one site (sites in both of the demo's time zones). */
export async function addBulkCustomers(
  sql: postgres.Sql,
  organizationId: string,
  count: number,
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      create temporary table bench_people on commit drop as
      select g, gen_random_uuid() as customer_id, gen_random_uuid() as contact_id,
        ${firstNames}::text[] as first_names, ${lastNames}::text[] as last_names
      from generate_series(0, ${count - 1}::int) g`;
    await tx`
      insert into customers (id, organization_id, name, kind, email, phone, created_at, updated_at)
      select p.customer_id, ${organizationId}::uuid,
        case when g % 7 = 0 then p.last_names[1 + (g / 20) % 20] || ' Property Management'
             else p.first_names[1 + g % 20] || ' ' || p.last_names[1 + (g / 20) % 20] end,
        (case when g % 7 = 0 then 'company' else 'person' end)::customer_kind,
        'customer' || g || '@example.com',
        '+1' || (${places.map((p) => p[4]!)}::text[])[1 + g % 5] || '55501' || lpad((g % 100)::text, 2, '0'),
        now() - interval '20 years' + g * interval '1 hour', now() - interval '20 years' + g * interval '1 hour'
      from bench_people p`;
    await tx`
      insert into contacts (id, organization_id, customer_id, name, phone, email, preferred_channel)
      select p.contact_id, ${organizationId}::uuid, p.customer_id,
        p.first_names[1 + g % 20] || ' ' || p.last_names[1 + (g / 20) % 20],
        '+1' || (${places.map((p) => p[4]!)}::text[])[1 + g % 5] || '55501' || lpad((g % 100)::text, 2, '0'),
        'contact' || g || '@example.com',
        (case when g % 3 = 0 then 'email' else 'sms' end)::channel
      from bench_people p`;
    await tx`
      insert into sites (organization_id, customer_id, address_line1, city, region, postal_code, time_zone, primary_contact_id)
      select ${organizationId}::uuid, p.customer_id,
        (100 + g % 9800)::text || ' ' || (${streets}::text[])[1 + g % 8],
        (${places.map((p) => p[0]!)}::text[])[1 + g % 5],
        (${places.map((p) => p[1]!)}::text[])[1 + g % 5],
        (${places.map((p) => p[2]!)}::text[])[1 + g % 5],
        (${places.map((p) => p[3]!)}::text[])[1 + g % 5],
        p.contact_id
      from bench_people p`;
  });
}

/**
 * Adds tasks until the organization has `total`, in ONE insert ... select over generate_series. Booked tasks
 * fill the windows day after day backwards from `before` (Monday to Saturday, never over a window's
 * capacity), so 100,000 tasks make years of history; cancelled and failed ones (which hold no capacity)
 * spread over the same days; a few are still unscheduled.
 */
export async function addBulkTasks(
  sql: postgres.Sql,
  options: { organizationId: string; total: number; before: string; now: Date },
): Promise<number> {
  const { organizationId } = options;
  const [{ existing } = { existing: 0 }] = await sql<{ existing: number }[]>`
    select count(*)::int as existing from tasks where organization_id = ${organizationId}`;
  const count = options.total - existing;
  if (count <= 0) return 0;
  // The Monday of the week that ends before `before`: day 0 of the history, counting backwards.
  const before = new Date(`${options.before}T00:00:00Z`);
  const daysSinceMonday = (before.getUTCDay() + 6) % 7;
  // postgres.js cannot bind a Date to a parameter PostgreSQL typed from a cast; send the ISO text.
  const nowIso = options.now.toISOString();
  const anchor = new Date(before.getTime() - (daysSinceMonday + 7) * 86_400_000).toISOString().slice(0, 10);
  await sql.begin(async (tx) => {
    await tx`
      with org as (
        select next_task_number from organizations where id = ${organizationId} for update
      ), s as (
        select id, customer_id, time_zone, (row_number() over (order by id) - 1)::int as n, count(*) over ()::int as total
        from sites where organization_id = ${organizationId} and archived_at is null
      ), w as (
        select id, start_time, end_time, (row_number() over (order by start_time) - 1)::int as n,
          (sum(capacity_per_day) over (order by start_time) - capacity_per_day)::int as lo,
          sum(capacity_per_day) over (order by start_time)::int as hi,
          sum(capacity_per_day) over ()::int as per_day, count(*) over ()::int as total
        from appointment_windows where organization_id = ${organizationId} and retired_at is null
      ), tech as (
        select id, (row_number() over (order by name) - 1)::int as n, count(*) over ()::int as total
        from technicians where organization_id = ${organizationId}
      ), base as (
        select g, (case when g % 100 < 2 then 'unscheduled' when g % 100 < 7 then 'cancelled'
                        when g % 100 < 9 then 'failed' else 'completed' end)::task_status as status
        from generate_series(0, ${count - 1}::int) g
      ), ranked as (
        select b.*, (row_number() over (partition by b.status in ('completed', 'failed'), b.status = 'cancelled' order by g) - 1)::int as k
        from base b
      ), placed as (
        select r.*, w.id as window_id, w.start_time, w.end_time,
          -- booked: k-th seat of the history; cancelled: spread over the same days, any window
          case when r.status = 'unscheduled' then null
               when r.status = 'cancelled' then (r.k / 4)
               else r.k / w.per_day end as day_index
        from ranked r
        left join w on (r.status in ('completed', 'failed') and r.k % w.per_day >= w.lo and r.k % w.per_day < w.hi)
                    or (r.status = 'cancelled' and w.n = r.k % w.total)
      ), dated as (
        -- site and technician numbers computed here so the joins below are plain equalities (hash joins)
        select p.*, (${anchor}::date - 7 * (p.day_index / 6) + p.day_index % 6) as day,
          (p.g * 7919) % (select count(*) from s)::int as site_n,
          p.g % (select count(*) from tech)::int as tech_n
        from placed p
      )
      insert into tasks (organization_id, number, customer_id, site_id, service_type, description, status,
        scheduling_mode, appointment_date, window_id, appointment_start, appointment_end, appointment_version,
        technician_id, confirmation_state, confirmed_at, status_reason, status_changed_at, created_at, updated_at)
      select ${organizationId}::uuid, org.next_task_number + d.g, s.customer_id, s.id,
        (${services}::text[])[1 + d.g % 9], null, d.status,
        (case when d.g % 5 = 0 then 'customer_selects' else 'prebooked' end)::scheduling_mode,
        d.day, d.window_id,
        (d.day + d.start_time) at time zone s.time_zone,
        (d.day + d.end_time) at time zone s.time_zone,
        case when d.day is null then 0 when d.g % 13 = 0 then 2 else 1 end,
        case when d.status in ('completed', 'failed') then t.id end,
        (case when d.status = 'unscheduled' then 'not_required' when d.status = 'completed' then 'confirmed'
              else 'pending' end)::confirmation_state,
        case when d.status = 'completed' then (d.day + d.start_time) at time zone s.time_zone - interval '2 days' end,
        case when d.status = 'cancelled' then (${cancelReasons}::text[])[1 + d.g % 3]
             when d.status = 'failed' then (${failReasons}::text[])[1 + d.g % 3] end,
        coalesce((d.day + d.end_time) at time zone s.time_zone, ${nowIso}::timestamptz - (d.g % 60) * interval '1 day'),
        coalesce((d.day + d.start_time) at time zone s.time_zone - (3 + d.g % 10) * interval '1 day',
                 ${nowIso}::timestamptz - (d.g % 60 + 1) * interval '1 day'),
        coalesce((d.day + d.end_time) at time zone s.time_zone, ${nowIso}::timestamptz - (d.g % 60) * interval '1 day')
      from dated d
      cross join org
      join s on s.n = d.site_n
      left join tech t on t.n = d.tech_n`;
    await tx`
      update organizations set next_task_number = next_task_number + ${count}::int where id = ${organizationId}`;
  });
  return count;
}
