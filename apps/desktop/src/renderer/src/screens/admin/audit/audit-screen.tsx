// The audit log: who changed what and when, newest first, a page at a time; filter to settings only or to one
// kind of entity; each change shown from → to in plain words (colors as swatches, booleans as On/Off).
import { describeClientError, useTRPC } from '@portico/api-client';
import { auditEntityTypes, type AuditEvent } from '@portico/validators/audit';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRouteContext } from '@tanstack/react-router';
import { useState } from 'react';
import { formatInstant } from '../../../components/form-kit';
import { actionName, auditValueOf, entityTypeName, humanize, TRUNCATE_AT } from './audit-format';
import './audit.css';

const PAGE_SIZE = 25;

export function AuditScreen() {
  const trpc = useTRPC();
  const { me } = useRouteContext({ from: '__root__' });
  const timeZone = me.organization.timeZone;
  const [settingsOnly, setSettingsOnly] = useState(true);
  const [entityType, setEntityType] = useState('');
  const input = {
    limit: PAGE_SIZE,
    ...(settingsOnly ? { settingsOnly: true } : {}),
    ...(entityType ? { entityType } : {}),
  };
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  );
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const settingTypes = [
    'organization',
    'notification_setting',
    'notification_template',
    'custom_field',
    'staff_user',
  ];
  const typeChoices = settingsOnly
    ? auditEntityTypes.filter((t) => settingTypes.includes(t))
    : auditEntityTypes;

  return (
    <section className="au-screen" aria-labelledby="au-title">
      <header className="admin-head admin-head-end">
        <div>
          <h2 id="au-title">Audit log</h2>
          <p className="muted">
            Who changed what, when, and from what to what. Times are in {timeZone.replace('_', ' ')}.
          </p>
        </div>
        <div className="au-filters" role="group" aria-label="Filter the audit log">
          <label>
            Show
            <select
              value={settingsOnly ? 'settings' : 'all'}
              onChange={(e) => {
                const isSettings = e.target.value === 'settings';
                setSettingsOnly(isSettings);
                if (isSettings && entityType && !settingTypes.includes(entityType)) setEntityType('');
              }}
            >
              <option value="settings">Settings changes only</option>
              <option value="all">All changes</option>
            </select>
          </label>
          <label>
            Kind
            <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
              <option value="">Everything</option>
              {typeChoices.map((type) => (
                <option key={type} value={type}>
                  {entityTypeName(type)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>

      {events.isPending ? (
        <p className="muted" role="status">
          Loading the audit log…
        </p>
      ) : events.isError ? (
        <div className="banner banner-error" role="alert">
          {describeClientError(events.error).message}{' '}
          <button type="button" className="button button-secondary" onClick={() => void events.refetch()}>
            Try again
          </button>
        </div>
      ) : items.length === 0 ? (
        <p className="au-empty">
          No changes recorded{entityType ? ` for ${entityTypeName(entityType).toLowerCase()}` : ''} yet.
        </p>
      ) : (
        <>
          <ol className="au-list" aria-label="Changes, newest first">
            {items.map((event) => (
              <AuditRow key={event.id} event={event} timeZone={timeZone} />
            ))}
          </ol>
          {events.hasNextPage ? (
            <button
              type="button"
              className="button button-secondary au-more"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : (
            <p className="muted au-end">That is everything.</p>
          )}
        </>
      )}
    </section>
  );
}

function whoOf(event: AuditEvent): string {
  if (event.actorType === 'system') return 'System';
  if (event.actorType === 'portal') return event.actorName ? `${event.actorName} (customer)` : 'Customer';
  return event.actorName ?? 'A staff user';
}

function AuditRow({ event, timeZone }: { event: AuditEvent; timeZone: string }) {
  const changes = Object.entries(event.changes);
  return (
    <li className="au-row" data-testid="audit-row">
      <div className="au-when">{formatInstant(event.createdAt, timeZone)}</div>
      <div className="au-body">
        <p className="au-what">
          <strong>{whoOf(event)}</strong> {actionName(event.action)}{' '}
          {entityTypeName(event.entityType).toLowerCase()}
          {event.entityLabel ? <> “{event.entityLabel}”</> : null}
        </p>
        {changes.length > 0 ? (
          <table className="au-changes">
            <tbody>
              {changes.map(([key, change]) => (
                <tr key={key}>
                  <th scope="row">{humanize(key)}</th>
                  <td>
                    <AuditValueView value={change.from} timeZone={timeZone} />
                  </td>
                  <td className="au-arrow" aria-label="changed to">
                    →
                  </td>
                  <td>
                    <AuditValueView value={change.to} timeZone={timeZone} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </li>
  );
}

function AuditValueView({ value, timeZone }: { value: unknown; timeZone: string }) {
  const [isExpanded, setIsExpanded] = useState(false);
  const shown = auditValueOf(value);
  switch (shown.kind) {
    case 'none':
      return (
        <span className="au-none" aria-label="nothing">
          —
        </span>
      );
    case 'boolean':
      return <span className="au-bool">{shown.text}</span>;
    case 'color':
      return (
        <span className="au-color">
          <span className="au-swatch" style={{ background: shown.hex }} aria-hidden="true" />
          <code>{shown.hex}</code>
        </span>
      );
    case 'instant':
      return <span>{formatInstant(shown.date, timeZone)}</span>;
    case 'text': {
      if (shown.text.length <= TRUNCATE_AT) return <span className="au-text">{shown.text}</span>;
      return (
        <span className="au-text">
          {isExpanded ? shown.text : `${shown.text.slice(0, TRUNCATE_AT)}…`}{' '}
          <button
            type="button"
            className="au-expand"
            aria-expanded={isExpanded}
            onClick={() => setIsExpanded((v) => !v)}
          >
            {isExpanded ? 'Show less' : 'Show all'}
          </button>
        </span>
      );
    }
  }
}
