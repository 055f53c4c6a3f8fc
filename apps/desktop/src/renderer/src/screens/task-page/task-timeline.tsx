// Everything that happened to a task, newest first: changes (who, what from → to) and notifications with
// their delivery status, from activity.taskTimeline.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { TaskTimelineEntry } from '@portico/validators/activity';
import { useQuery } from '@tanstack/react-query';
import { channelLabels, formatDateTime, notificationTypeLabels } from '../notifications/log-format';
import { DeliveryStatus } from '../notifications/log-table';

const actorBadges = { staff: 'Staff', portal: 'Customer', system: 'System' } as const;

export function TaskTimeline({
  taskId,
  timeZone,
  onOpenNotification,
}: {
  taskId: string;
  timeZone: string;
  onOpenNotification: (logId: string) => void;
}) {
  const trpc = useTRPC();
  // Notifications are sent by the worker after the change that caused them: poll while the page is open.
  const timeline = useQuery({
    ...trpc.activity.taskTimeline.queryOptions({ taskId }),
    refetchInterval: 4000,
  });
  return (
    <section className="task-card" aria-labelledby="task-timeline-title">
      <h2 id="task-timeline-title">Timeline</h2>
      {timeline.isPending ? <p className="muted">Loading…</p> : null}
      {timeline.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(timeline.error).message}
        </p>
      ) : null}
      {timeline.isSuccess && timeline.data.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : null}
      {timeline.data && timeline.data.length > 0 ? (
        <ol className="timeline" aria-label="Timeline entries">
          {timeline.data.map((entry) => (
            <TimelineItem
              key={entry.id}
              entry={entry}
              timeZone={timeZone}
              onOpenNotification={onOpenNotification}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function TimelineItem({
  entry,
  timeZone,
  onOpenNotification,
}: {
  entry: TaskTimelineEntry;
  timeZone: string;
  onOpenNotification: (logId: string) => void;
}) {
  const when = <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, timeZone)}</time>;
  if (entry.kind === 'notification') {
    return (
      <li className="timeline-item timeline-notification">
        <div className="timeline-line">
          <button type="button" className="link-button" onClick={() => onOpenNotification(entry.logId)}>
            {notificationTypeLabels[entry.type]}
          </button>{' '}
          by {channelLabels[entry.channel]}
          {entry.contactName || entry.recipient ? ` to ${entry.contactName ?? entry.recipient}` : ''}{' '}
          <DeliveryStatus status={entry.status} />
          {entry.resendOfId ? <span className="log-tag">re-send</span> : null}
        </div>
        <div className="timeline-meta">
          {when}
          {entry.attempts > 1 ? ` · ${entry.attempts} attempts` : ''}
        </div>
        {entry.error ? <div className="log-error-line">{entry.error}</div> : null}
        {entry.skipReason ? <div className="muted">{entry.skipReason}</div> : null}
      </li>
    );
  }
  return (
    <li className="timeline-item">
      <div className="timeline-line">
        <strong>{entry.summary}</strong>
      </div>
      <div className="timeline-meta">
        {when} · {entry.actor.name} <span className="log-tag">{actorBadges[entry.actor.type]}</span>
      </div>
      {entry.changes.length > 0 ? (
        <ul className="timeline-changes">
          {entry.changes.map((change) => (
            <li key={`${change.field}:${change.label}`}>
              <span className="muted">{change.label}:</span>{' '}
              {change.from !== null ? (
                <>
                  <span className="timeline-from">{change.from}</span> →{' '}
                </>
              ) : null}
              <span>{change.to ?? 'none'}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
