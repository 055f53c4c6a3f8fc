// One notification log entry in a side panel (render it with key={id}): what was sent to whom, the provider's answer, and re-send.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { channelLabels, formatDateTime, notificationTypeLabels } from './log-format';
import { DeliveryStatus } from './log-table';

type Props = { id: string; timeZone: string; onClose: () => void; onOpen: (id: string) => void };

export function NotificationLogDetail({ id, timeZone, onClose, onOpen }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isAwaitingResend, setAwaitingResend] = useState(false);
  const entry = useQuery({
    ...trpc.notifications.logEntry.queryOptions({ id }),
    // the worker sends a re-send a moment later: watch until its attempt is logged and no longer queued
    refetchInterval: (query) => {
      const resends = query.state.data?.resends ?? [];
      const isWaiting =
        (isAwaitingResend && resends.length === 0) || resends.some((r) => r.status === 'queued');
      return isWaiting ? 2000 : false;
    },
  });
  const resend = useMutation(
    trpc.notifications.resend.mutationOptions({
      onSuccess: async () => {
        setAwaitingResend(true);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.activity.taskTimeline.pathKey() }),
        ]);
      },
    }),
  );
  const closeRef = useRef<HTMLButtonElement>(null);
  // isPending reaches the button a tick after mutate(); a double click's second click must not slip through
  const inFlight = useRef(false);
  // the parent keys this panel by entry, so a newly opened entry starts fresh and takes the focus
  useEffect(() => {
    closeRef.current?.focus();
  }, []);

  const data = entry.data;
  const canResend =
    data && (data.status === 'failed' || data.status === 'skipped') && data.resends.length === 0;
  return (
    <aside
      className="log-detail"
      aria-labelledby="log-detail-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="log-detail-head">
        <h2 id="log-detail-title">
          {data ? `${notificationTypeLabels[data.type]} · ${channelLabels[data.channel]}` : 'Notification'}
        </h2>
        <button ref={closeRef} type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
      </header>
      {entry.isPending ? <p className="muted">Loading…</p> : null}
      {entry.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(entry.error).message}
        </p>
      ) : null}
      {data ? (
        <>
          <dl className="log-facts">
            <dt>Status</dt>
            <dd>
              <DeliveryStatus status={data.status} />
              {data.deadLetteredAt ? <span className="log-tag">gave up</span> : null}
            </dd>
            <dt>Recipient</dt>
            <dd>
              {data.contactName ?? '—'} <span className="muted">{data.recipient ?? ''}</span>
            </dd>
            <dt>Task</dt>
            <dd>
              {data.taskId && data.taskNumber !== null ? (
                <Link to="/tasks/$taskId" params={{ taskId: data.taskId }}>
                  T-{data.taskNumber}
                </Link>
              ) : (
                '—'
              )}
            </dd>
            <dt>Created</dt>
            <dd>{formatDateTime(data.createdAt, timeZone)}</dd>
            <dt>Sent</dt>
            <dd>{data.sentAt ? formatDateTime(data.sentAt, timeZone) : '—'}</dd>
            <dt>Attempts</dt>
            <dd>{data.attempts}</dd>
            <dt>Segments</dt>
            <dd>{data.segments ?? '—'}</dd>
            <dt>Provider message id</dt>
            <dd className="log-mono">{data.providerMessageId ?? '—'}</dd>
            {data.skipReason ? (
              <>
                <dt>Skipped because</dt>
                <dd>{data.skipReason}</dd>
              </>
            ) : null}
            {data.error ? (
              <>
                <dt>Error</dt>
                <dd className="log-error-line">{data.error}</dd>
              </>
            ) : null}
            {data.resendOfId ? (
              <>
                <dt>Re-send of</dt>
                <dd>
                  <button type="button" className="link-button" onClick={() => onOpen(data.resendOfId!)}>
                    the earlier attempt
                  </button>
                </dd>
              </>
            ) : null}
          </dl>
          <section aria-label="Message as sent" className="log-message">
            {data.subject ? <p className="log-subject">{data.subject}</p> : null}
            <pre>{data.body ?? 'Nothing was rendered for this attempt.'}</pre>
          </section>
          {data.resends.length > 0 ? (
            <section aria-label="Re-sends" className="log-resends">
              <h3>Sent again</h3>
              <ul>
                {data.resends.map((r) => (
                  <li key={r.id}>
                    <button type="button" className="link-button" onClick={() => onOpen(r.id)}>
                      {formatDateTime(r.createdAt, timeZone)}
                    </button>{' '}
                    <DeliveryStatus status={r.status} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className="log-detail-actions">
            <button
              type="button"
              className="button"
              disabled={!canResend || resend.isPending}
              onClick={() => {
                if (inFlight.current) return;
                inFlight.current = true;
                resend.mutate(
                  { id: data.id },
                  {
                    onSettled: () => {
                      inFlight.current = false;
                    },
                  },
                );
              }}
            >
              {resend.isPending ? 'Re-sending…' : 'Re-send'}
            </button>
            {!canResend && !resend.isSuccess ? (
              <span className="muted">
                {data.resends.length > 0
                  ? 'Already sent again; re-send the newer entry if it failed too.'
                  : 'Only a failed or skipped notification can be sent again.'}
              </span>
            ) : null}
            {resend.isSuccess ? (
              <span role="status">Queued again; the new attempt appears in the log.</span>
            ) : null}
          </div>
          {resend.isError ? (
            <p className="banner banner-error" role="alert">
              {describeClientError(resend.error).message}
            </p>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
