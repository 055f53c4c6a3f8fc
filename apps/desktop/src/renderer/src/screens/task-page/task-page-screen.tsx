// One task's page: the appointment in the site's time zone, customer, site and contacts, the customer's answers
// and confirmation, status actions, portal invites, the timeline and the task's notification log.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { TaskAnswerEntry, TaskDetail } from '@portico/validators/tasks';
import { useQuery } from '@tanstack/react-query';
import { Link, useRouteContext } from '@tanstack/react-router';
import { useState } from 'react';
import { NotificationLogDetail } from '../notifications/log-detail';
import { formatDateTime } from '../notifications/log-format';
import { NotificationLogTable } from '../notifications/log-table';
import { PortalAccess } from './portal-access';
import { StatusActions } from './status-actions';
import { TaskTimeline } from './task-timeline';

const statusLabels: Record<TaskDetail['status'], string> = {
  unscheduled: 'Unscheduled',
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  en_route: 'En route',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export function TaskPageScreen({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const { me } = useRouteContext({ from: '__root__' });
  const task = useQuery(trpc.tasks.get.queryOptions({ id: taskId }));
  const [openLogId, setOpenLogId] = useState<string | null>(null);

  if (task.isPending) {
    return (
      <section className="panel" aria-busy="true">
        <p className="muted">Loading the task…</p>
      </section>
    );
  }
  if (task.isError) {
    return (
      <section className="panel" aria-labelledby="task-title">
        <h1 id="task-title">Task</h1>
        <p className="banner banner-error" role="alert">
          {describeClientError(task.error).message}
        </p>
        <Link to="/tasks">Back to the task list</Link>
      </section>
    );
  }
  const t = task.data;
  const siteZone = t.site.timeZone;
  return (
    <div className="task-page">
      <header className="task-head">
        <div>
          <p className="task-breadcrumb">
            <Link to="/tasks">Tasks</Link> / T-{t.number}
          </p>
          <h1 id="task-title">
            T-{t.number} · {t.serviceType}
          </h1>
          <p className="task-subtitle">
            <span className={`task-status task-status-${t.status}`}>{statusLabels[t.status]}</span>
            {t.statusReason ? <span className="muted"> — {t.statusReason}</span> : null}
            <span className="muted"> · {t.customer.name}</span>
          </p>
        </div>
        <Link
          to="/tasks/$taskId/edit"
          params={{ taskId: t.id }}
          className="button button-secondary"
          style={{ marginLeft: 'auto' }}
        >
          Edit
        </Link>
        <StatusActions task={t} />
      </header>
      <div className="task-columns">
        <div className="task-column">
          <Appointment task={t} />
          <section className="task-card" aria-labelledby="task-where-title">
            <h2 id="task-where-title">Customer and site</h2>
            <dl className="task-facts">
              <dt>Customer</dt>
              <dd>{t.customer.name}</dd>
              <dt>Site</dt>
              <dd>
                {t.site.name ? <span className="task-contact-name">{t.site.name} </span> : null}
                <span>
                  {[t.site.addressLine1, t.site.addressLine2].filter(Boolean).join(', ')},{' '}
                  {[t.site.city, t.site.region, t.site.postalCode].filter(Boolean).join(' ')}
                </span>
              </dd>
              <dt>Technician</dt>
              <dd>{t.technician?.name ?? <span className="muted">Not assigned</span>}</dd>
              {t.description ? (
                <>
                  <dt>Description</dt>
                  <dd className="task-description">{t.description}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <Answers task={t} timeZone={siteZone} />
          <PortalAccess task={t} timeZone={siteZone} />
        </div>
        <div className="task-column">
          <TaskTimeline taskId={t.id} timeZone={siteZone} onOpenNotification={setOpenLogId} />
          <TaskNotifications taskId={t.id} timeZone={siteZone} openLogId={openLogId} onOpen={setOpenLogId} />
        </div>
      </div>
      {openLogId ? (
        <div className="task-log-drawer">
          <NotificationLogDetail
            key={openLogId}
            id={openLogId}
            timeZone={me.organization.timeZone}
            onClose={() => setOpenLogId(null)}
            onOpen={setOpenLogId}
          />
        </div>
      ) : null}
    </div>
  );
}

function Appointment({ task }: { task: TaskDetail }) {
  const zone = task.site.timeZone;
  const confirmation = {
    not_required: 'No confirmation needed',
    pending: 'Waiting for the customer to confirm',
    confirmed: task.confirmedAt
      ? `Confirmed by the customer on ${formatDateTime(task.confirmedAt, zone)}`
      : 'Confirmed by the customer',
  }[task.confirmationState];
  return (
    <section className="task-card" aria-labelledby="task-appointment-title">
      <h2 id="task-appointment-title">Appointment</h2>
      {task.appointmentStart && task.appointmentEnd ? (
        <>
          <p className="task-appointment-date">
            {new Intl.DateTimeFormat('en-US', {
              timeZone: zone,
              weekday: 'long',
              month: 'long',
              day: 'numeric',
              year: 'numeric',
            }).format(task.appointmentStart)}
          </p>
          <p className="task-appointment-time">
            {task.window ? `${task.window.name}, ` : ''}
            {timeRange(task.appointmentStart, task.appointmentEnd, zone)}
          </p>
          <p className="muted">Site time ({zone})</p>
        </>
      ) : (
        <p className="muted">
          {task.schedulingMode === 'customer_selects'
            ? 'Not booked yet: the customer picks a date and window in the portal.'
            : 'Not booked yet.'}
        </p>
      )}
      {/* a closed task waits for nothing; its confirmation state is history (see the timeline) */}
      {isClosed(task.status) ? null : (
        <p className={`task-confirmation task-confirmation-${task.confirmationState}`}>{confirmation}</p>
      )}
    </section>
  );
}

function isClosed(status: TaskDetail['status']): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'failed';
}

function timeRange(start: Date, end: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const zoneName =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(start)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${time.format(start)} – ${time.format(end)} ${zoneName}`.trim();
}

function Answers({ task, timeZone }: { task: TaskDetail; timeZone: string }) {
  const trpc = useTRPC();
  const answers = useQuery(trpc.tasks.answers.queryOptions({ taskId: task.id }));
  return (
    <section className="task-card" aria-labelledby="task-answers-title">
      <h2 id="task-answers-title">Customer’s answers</h2>
      {answers.isPending ? <p className="muted">Loading…</p> : null}
      {answers.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(answers.error).message}
        </p>
      ) : null}
      {answers.isSuccess && answers.data.length === 0 ? (
        <p className="muted">Your organization asks no questions on tasks.</p>
      ) : null}
      {answers.data && answers.data.length > 0 ? (
        <dl className="task-facts task-answers">
          {answers.data.map((a) => (
            <div key={a.fieldId} className="task-answer">
              <dt>
                {a.label}
                {a.required ? <span className="muted"> (required)</span> : null}
                {a.retired ? <span className="log-tag">no longer asked</span> : null}
              </dt>
              <dd>
                <AnswerValue answer={a} />
                {a.answeredAt ? (
                  <span className="muted task-answer-meta">
                    {a.answeredBy ? `${a.answeredBy.name}, ` : ''}
                    {formatDateTime(a.answeredAt, timeZone)}
                  </span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

function AnswerValue({ answer }: { answer: TaskAnswerEntry }) {
  if (answer.value === null) {
    return answer.isMissing ? (
      <span className="task-missing">Not answered — needed before the customer can confirm</span>
    ) : (
      <span className="muted">Not answered</span>
    );
  }
  if (typeof answer.value === 'boolean') return <span>{answer.value ? 'Yes' : 'No'}</span>;
  return <span>{answer.value}</span>;
}

function TaskNotifications({
  taskId,
  timeZone,
  openLogId,
  onOpen,
}: {
  taskId: string;
  timeZone: string;
  openLogId: string | null;
  onOpen: (id: string) => void;
}) {
  const trpc = useTRPC();
  const log = useQuery({
    ...trpc.notifications.log.queryOptions({ taskId, limit: 100 }),
    refetchInterval: 4000,
  });
  return (
    <section className="task-card" aria-labelledby="task-log-title">
      <h2 id="task-log-title">Notifications</h2>
      {log.isPending ? <p className="muted">Loading…</p> : null}
      {log.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(log.error).message}
        </p>
      ) : null}
      {log.isSuccess && log.data.items.length === 0 ? (
        <p className="muted">No notification has been sent for this task.</p>
      ) : null}
      {log.data && log.data.items.length > 0 ? (
        <NotificationLogTable
          label="Notifications of this task"
          items={log.data.items}
          timeZone={timeZone}
          selectedId={openLogId}
          showTask={false}
          onOpen={onOpen}
        />
      ) : null}
      {log.data?.nextCursor ? (
        <Link to="/notifications" search={{}} className="task-inline-note">
          Older entries are in the notification log.
        </Link>
      ) : null}
    </section>
  );
}
