// The appointment windows screen: the list (retired ones on request), the form to define or edit one, and
// the calendar of remaining capacity for the coming weeks.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useQuery } from '@tanstack/react-query';
import { useRouteContext } from '@tanstack/react-router';
import { useRef, useState, type KeyboardEvent } from 'react';
import { todayIn } from '../board/board-dates';
import { CapacityCalendar } from './capacity-calendar';
import { WindowForm } from './window-form';
import './windows.css';

type AppointmentWindow = RouterOutputs['windows']['list'][number];
/** 'new', a window's id, or nothing open. */
type Editing = 'new' | string | null;

const dayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** 'Mon–Fri', 'Every day', 'Mon, Wed, Sat'. */
function describeDays(days: number[]): string {
  if (days.length === 7) return 'Every day';
  const isRun = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  if (isRun && days.length >= 3) return `${dayNames[days[0]! - 1]}–${dayNames[days[days.length - 1]! - 1]}`;
  return days.map((d) => dayNames[d - 1]).join(', ');
}

export function WindowsScreen() {
  const { me } = useRouteContext({ from: '__root__' });
  const canEdit = me.user.role === 'admin';
  const trpc = useTRPC();
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const list = useQuery(trpc.windows.list.queryOptions({ includeRetired: showRetired }));
  const rowsRef = useRef<HTMLTableSectionElement>(null);
  const windows = list.data ?? [];
  const selected = editing && editing !== 'new' ? (windows.find((w) => w.id === editing) ?? null) : null;

  // ↑ / ↓ move between rows, Enter opens the focused one
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, window: AppointmentWindow) => {
    const rows = [...(rowsRef.current?.querySelectorAll<HTMLTableRowElement>('tr') ?? [])];
    const index = rows.indexOf(event.currentTarget);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      rows[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      setEditing(window.id);
    }
  };

  return (
    <section className="windows-screen" aria-labelledby="windows-title">
      <header className="windows-toolbar">
        <h1 id="windows-title">Appointment windows</h1>
        <label className="windows-toggle">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
          Show retired
        </label>
        {canEdit ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            New window
          </button>
        ) : null}
      </header>
      <div className="windows-layout">
        <div className="windows-list">
          {list.isPending ? (
            <p role="status">Loading windows…</p>
          ) : list.isError ? (
            <p className="banner banner-error" role="alert">
              {describeClientError(list.error).message}
            </p>
          ) : windows.length === 0 ? (
            <p className="windows-empty">
              No appointment windows yet.{' '}
              {canEdit
                ? 'Define the first one, such as Morning 08:00–12:00.'
                : 'Ask an admin to define them.'}
            </p>
          ) : (
            <table className="windows-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Times</th>
                  <th scope="col">Days</th>
                  <th scope="col">Capacity / day</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody ref={rowsRef}>
                {windows.map((window) => (
                  <tr
                    key={window.id}
                    tabIndex={0}
                    aria-selected={editing === window.id}
                    className={window.retiredAt ? 'is-retired' : undefined}
                    onClick={() => setEditing(window.id)}
                    onKeyDown={(event) => onRowKey(event, window)}
                  >
                    <td>{window.name}</td>
                    <td>
                      {window.startTime}–{window.endTime}
                    </td>
                    <td>{describeDays(window.daysOfWeek)}</td>
                    <td className="windows-number">{window.capacityPerDay}</td>
                    <td>{window.retiredAt ? 'Retired' : 'Active'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {editing === 'new' || selected ? (
          <div className="windows-editor">
            <WindowForm
              // a fresh form per window (and per saved version), so a draft never leaks between windows
              key={selected ? `${selected.id}:${selected.version}` : 'new'}
              window={selected}
              canEdit={canEdit}
              onSaved={(saved) => {
                if (saved.retiredAt && !showRetired) setEditing(null);
                else setEditing(saved.id);
              }}
              onCancel={() => setEditing(null)}
            />
          </div>
        ) : null}
      </div>
      <CapacityCalendar today={todayIn(me.organization.timeZone)} />
    </section>
  );
}
