// Bulk data for bench:reminders: booked tasks with a pending 24-hour reminder each, in set-based SQL.
import type postgres from 'postgres';

export type ReminderMethod = 'sms' | 'email' | 'both';

/** A far-off due time: the reminders wait here until the bench makes them all due in one statement. */
export const PARKED_DUE_AT = '2999-01-01T00:00:00Z';

/**
 * Adds `count` scheduled tasks (appointment version 1, the day after tomorrow) spread over the organization's
 * sites whose primary contact has a phone and an email, with one pending reminder each (parked far ahead), and
 * sets the reminder_24h notification setting to `method`. Returns the number of tasks added.
 */
export async function addDueReminderTasks(
  sql: postgres.Sql,
  options: { organizationId: string; count: number; method: ReminderMethod },
): Promise<{ tasks: number; sites: number }> {
  const { organizationId, count, method } = options;
  return sql.begin(async (tx) => {
    await tx`
      insert into notification_settings (organization_id, type, enabled, method)
      values (${organizationId}, 'reminder_24h', true, ${method})
      on conflict (organization_id, type) do update set enabled = true, method = excluded.method`;
    // only sites whose one recipient can take both channels: the due count is then tasks × channels exactly
    await tx`
      create temporary table bench_sites on commit drop as
      select s.id, s.customer_id, s.time_zone, (row_number() over (order by s.id) - 1)::int as n
      from sites s
      join contacts c on c.id = s.primary_contact_id
      where s.organization_id = ${organizationId} and s.archived_at is null and s.secondary_contact_id is null
        and c.phone is not null and c.email is not null and not c.sms_opt_out and c.archived_at is null`;
    const [{ sites } = { sites: 0 }] = await tx<
      { sites: number }[]
    >`select count(*)::int as sites from bench_sites`;
    if (sites === 0) throw new Error('no site has a primary contact with both a phone and an email');
    await tx`
      with org as (
        select next_task_number from organizations where id = ${organizationId} for update
      ), w as (
        select id, start_time, end_time from appointment_windows
        where organization_id = ${organizationId} and retired_at is null order by start_time limit 1
      ), g as (
        select g, (g % ${sites}::int) as site_n from generate_series(0, ${count - 1}::int) g
      ), inserted as (
        insert into tasks (organization_id, number, customer_id, site_id, service_type, status, scheduling_mode,
          appointment_date, window_id, appointment_start, appointment_end, appointment_version,
          confirmation_state, status_changed_at, created_at, updated_at)
        select ${organizationId}::uuid, org.next_task_number + g.g, s.customer_id, s.id, 'AC tune-up',
          'scheduled', 'prebooked', current_date + 2, w.id,
          ((current_date + 2) + w.start_time) at time zone s.time_zone,
          ((current_date + 2) + w.end_time) at time zone s.time_zone,
          1, 'pending', now(), now(), now()
        from g cross join org cross join w join bench_sites s on s.n = g.site_n
        returning id
      )
      insert into scheduled_reminders (organization_id, task_id, appointment_version, due_at, status)
      select ${organizationId}::uuid, id, 1, ${PARKED_DUE_AT}::timestamptz, 'pending' from inserted`;
    await tx`update organizations set next_task_number = next_task_number + ${count}::int where id = ${organizationId}`;
    return { tasks: count, sites };
  });
}
