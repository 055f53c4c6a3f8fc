// The notification log as a dense table: one row per attempt, arrow keys move between rows, Enter opens one.
import type { NotificationLogItem } from '@portico/validators/notifications';
import { Link } from '@tanstack/react-router';
import type { KeyboardEvent } from 'react';
import { channelLabels, deliveryStatusLabels, formatDateTime, notificationTypeLabels } from './log-format';

type Props = {
  items: NotificationLogItem[];
  timeZone: string;
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** The global log names each entry's task; a task's own page does not need to. */
  showTask: boolean;
  label: string;
};

export function NotificationLogTable({ items, timeZone, selectedId, onOpen, showTask, label }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const rows = [...event.currentTarget.querySelectorAll<HTMLTableRowElement>('tr[data-id]')];
    const index = rows.findIndex((row) => row === document.activeElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = rows[Math.min(rows.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
      next?.focus();
    } else if (event.key === 'Enter' && index >= 0) {
      event.preventDefault();
      const id = rows[index]?.dataset.id;
      if (id) onOpen(id);
    }
  };
  return (
    <table className="log-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">When</th>
          {showTask ? <th scope="col">Task</th> : null}
          <th scope="col">Type</th>
          <th scope="col">Channel</th>
          <th scope="col">Recipient</th>
          <th scope="col">Status</th>
          <th scope="col" className="log-num">
            Attempts
          </th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {items.map((item) => (
          <tr
            key={item.id}
            data-id={item.id}
            tabIndex={0}
            aria-selected={item.id === selectedId}
            className={item.id === selectedId ? 'is-selected' : undefined}
            onClick={() => onOpen(item.id)}
          >
            <td className="log-when">{formatDateTime(item.createdAt, timeZone)}</td>
            {showTask ? (
              <td>
                {item.taskId && item.taskNumber !== null ? (
                  <Link
                    to="/tasks/$taskId"
                    params={{ taskId: item.taskId }}
                    onClick={(event) => event.stopPropagation()}
                  >
                    T-{item.taskNumber}
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            ) : null}
            <td>
              {notificationTypeLabels[item.type]}
              {item.resendOfId ? <span className="log-tag">re-send</span> : null}
            </td>
            <td>{channelLabels[item.channel]}</td>
            <td>
              <span className="log-recipient">{item.contactName ?? '—'}</span>
              <span className="muted log-address">{item.recipient ?? ''}</span>
            </td>
            <td>
              <DeliveryStatus status={item.status} />
              {item.status === 'skipped' && item.skipReason ? (
                <span className="muted log-address">{item.skipReason}</span>
              ) : null}
              {item.status === 'failed' && item.error ? (
                <span className="log-error-line">{item.error}</span>
              ) : null}
            </td>
            <td className="log-num">{item.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeliveryStatus({ status }: { status: NotificationLogItem['status'] }) {
  return <span className={`delivery delivery-${status}`}>{deliveryStatusLabels[status]}</span>;
}
