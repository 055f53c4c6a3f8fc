// The global notification log: filters (type, channel, status, date range, recipient) kept in the address, a
// dense table paged with "Load more", and the entry's detail in a side panel.
import { describeClientError, useTRPC, useTRPCClient } from '@portico/api-client';
import { channels, notificationTypes } from '@portico/validators/common';
import { notificationStatuses, type NotificationLogInput } from '@portico/validators/notifications';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useRouteContext } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { NotificationLogDetail } from './log-detail';
import {
  channelLabels,
  deliveryStatusLabels,
  endOfLocalDate,
  notificationTypeLabels,
  startOfLocalDate,
} from './log-format';
import { NotificationLogTable } from './log-table';
import type { NotificationLogSearch } from './routes';

export function NotificationLogScreen({ search }: { search: NotificationLogSearch }) {
  const { me } = useRouteContext({ from: '__root__' });
  const timeZone = me.organization.timeZone;
  const navigate = useNavigate({ from: '/notifications' });
  const setSearch = (patch: Partial<NotificationLogSearch>) =>
    void navigate({ to: '/notifications', search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rangeError =
    search.from && search.to && search.to < search.from
      ? 'The end date must be on or after the start date.'
      : null;
  // The key holds the filters as the address has them (local dates as text); each request builds its own input.
  const filters = {
    type: search.type,
    channel: search.channel,
    status: search.status,
    recipient: search.recipient,
    from: search.from,
    to: search.to,
    timeZone,
  };
  const trpc = useTRPC();
  const client = useTRPCClient();
  const log = useInfiniteQuery({
    queryKey: [...trpc.notifications.log.pathKey(), { input: filters, type: 'infinite' }],
    queryFn: ({ pageParam, signal }) =>
      client.notifications.log.query({ ...toLogInput(filters), cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: rangeError === null,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const error = log.isError ? describeClientError(log.error) : null;
  const fieldError = (field: string) =>
    (field === 'to' ? rangeError : null) ??
    error?.fieldErrors[field]?.[0] ??
    (error?.field === field ? error.message : null);

  return (
    <div className="log-screen">
      <section className="panel log-main" aria-labelledby="notifications-title">
        <header className="log-head">
          <h1 id="notifications-title">Notification log</h1>
          <span className="muted">Times in {timeZone}</span>
        </header>
        <form className="log-filters" aria-label="Filter the log" onSubmit={(e) => e.preventDefault()}>
          <FilterSelect
            label="Type"
            value={search.type}
            options={notificationTypes.map((t) => [t, notificationTypeLabels[t]])}
            onChange={(type) => setSearch({ type })}
          />
          <FilterSelect
            label="Channel"
            value={search.channel}
            options={channels.map((c) => [c, channelLabels[c]])}
            onChange={(channel) => setSearch({ channel })}
          />
          <FilterSelect
            label="Status"
            value={search.status}
            options={notificationStatuses.map((s) => [s, deliveryStatusLabels[s]])}
            onChange={(status) => setSearch({ status })}
          />
          <div className="log-filter">
            <label htmlFor="log-from">From</label>
            <input
              id="log-from"
              type="date"
              value={search.from ?? ''}
              aria-invalid={fieldError('from') ? true : undefined}
              aria-describedby={fieldError('from') ? 'log-from-error' : undefined}
              onChange={(e) => setSearch({ from: e.target.value || undefined })}
            />
            {fieldError('from') ? (
              <span id="log-from-error" className="field-error">
                {fieldError('from')}
              </span>
            ) : null}
          </div>
          <div className="log-filter">
            <label htmlFor="log-to">To</label>
            <input
              id="log-to"
              type="date"
              value={search.to ?? ''}
              aria-invalid={fieldError('to') ? true : undefined}
              aria-describedby={fieldError('to') ? 'log-to-error' : undefined}
              onChange={(e) => setSearch({ to: e.target.value || undefined })}
            />
            {fieldError('to') ? (
              <span id="log-to-error" className="field-error">
                {fieldError('to')}
              </span>
            ) : null}
          </div>
          <RecipientFilter
            value={search.recipient ?? ''}
            onChange={(recipient) => setSearch({ recipient })}
          />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void navigate({ to: '/notifications', search: {}, replace: true })}
          >
            Clear
          </button>
        </form>
        {error && error.field !== 'from' && error.field !== 'to' ? (
          <p className="banner banner-error" role="alert">
            {error.message}
          </p>
        ) : null}
        {log.isPending && rangeError === null ? <p className="muted">Loading the log…</p> : null}
        {log.isSuccess && items.length === 0 ? (
          <p className="log-empty">No notifications match these filters.</p>
        ) : null}
        {items.length > 0 ? (
          <NotificationLogTable
            label="Notifications"
            items={items}
            timeZone={timeZone}
            selectedId={search.entry ?? null}
            showTask
            onOpen={(entry) => setSearch({ entry })}
          />
        ) : null}
        {log.hasNextPage ? (
          <button
            type="button"
            className="button button-secondary log-more"
            disabled={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
      </section>
      {search.entry ? (
        <NotificationLogDetail
          key={search.entry}
          id={search.entry}
          timeZone={timeZone}
          onClose={() => setSearch({ entry: undefined })}
          onOpen={(entry) => setSearch({ entry })}
        />
      ) : null}
    </div>
  );
}

function toLogInput(filters: NotificationLogSearch & { timeZone: string }): NotificationLogInput {
  return {
    limit: 50,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.recipient ? { recipient: filters.recipient } : {}),
    ...(filters.from ? { from: startOfLocalDate(filters.from, filters.timeZone) } : {}),
    ...(filters.to ? { to: endOfLocalDate(filters.to, filters.timeZone) } : {}),
  };
}

function FilterSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T | undefined;
  options: [T, string][];
  onChange: (value: T | undefined) => void;
}) {
  const id = `log-filter-${label.toLowerCase()}`;
  return (
    <div className="log-filter">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) =>
          onChange((options.find(([v]) => v === e.target.value)?.[0] ?? undefined) as T | undefined)
        }
      >
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Typing waits 250 ms before it filters, so the log is not asked once per keystroke. */
function RecipientFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(value);
  // the address changed under the field (Clear, back): show what it now filters by
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (text.trim() !== value) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim() || undefined), 250);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="log-filter log-filter-wide">
      <label htmlFor="log-recipient">Recipient</label>
      <input
        id="log-recipient"
        type="search"
        placeholder="Name, phone or email"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
