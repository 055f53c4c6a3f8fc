// The fields a task form shares between creating and editing a task: service type, description, technician,
// and the window picker with live remaining capacity; each shows its server message next to itself.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { AvailableWindow } from '@portico/validators/windows';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { addDays, formatLocalDate, formatTimeRange, todayIn } from './format';
import { InlineField } from './new-customer-fields';

/** How far ahead the window picker looks. */
const AVAILABILITY_DAYS = 14;
/** Remaining capacity is re-read this often while the form is open (others book at the same time). */
const AVAILABILITY_REFRESH_MS = 10_000;

const serviceSuggestions = [
  'AC repair',
  'AC tune-up',
  'Furnace repair',
  'No heat call',
  'Thermostat replacement',
  'Water heater service',
  'Annual maintenance visit',
];

export type Slot = { date: string; windowId: string };

type FieldProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  autoFocus?: boolean;
};

const describedBy = (id: string, error: string | undefined) => (error ? `${id}-error` : undefined);

export function ServiceTypeField({ id, value, onChange, error, autoFocus }: FieldProps) {
  const listId = useId();
  return (
    <InlineField id={id} label="Service type" error={error}>
      <input
        id={id}
        list={listId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="AC repair"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      />
      <datalist id={listId}>
        {serviceSuggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </InlineField>
  );
}

export function TechnicianField({
  id,
  value,
  onChange,
  error,
  disabled,
}: FieldProps & { disabled?: boolean }) {
  const trpc = useTRPC();
  const technicians = useQuery(trpc.technicians.list.queryOptions({}));
  return (
    <InlineField id={id} label="Technician" error={error}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      >
        <option value="">Unassigned</option>
        {technicians.data?.map((tech) => (
          <option key={tech.id} value={tech.id}>
            {tech.name}
          </option>
        ))}
      </select>
    </InlineField>
  );
}

export function DescriptionField({ id, value, onChange, error }: FieldProps) {
  return (
    <InlineField id={id} label="Description" error={error} wide>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="What the customer reported, access notes…"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      />
    </InlineField>
  );
}

export function WindowPicker({
  id,
  siteId,
  timeZone,
  slot,
  onPick,
  error,
}: {
  id: string;
  siteId: string;
  timeZone: string;
  slot: Slot | null;
  onPick: (slot: Slot) => void;
  error: string | undefined;
}) {
  const trpc = useTRPC();
  const from = todayIn(timeZone);
  const availability = useQuery({
    ...trpc.windows.availability.queryOptions({ from, to: addDays(from, AVAILABILITY_DAYS - 1), siteId }),
    refetchInterval: AVAILABILITY_REFRESH_MS,
    staleTime: 0,
  });
  // the moment the capacity was read: a window that had started by then cannot be booked
  const now = availability.dataUpdatedAt;
  const isBookable = (w: AvailableWindow) => w.remaining > 0 && w.start.getTime() > now;
  const days = availability.data?.days.filter((day) => day.windows.length > 0) ?? [];
  return (
    <div className="tk-window-picker" id={id}>
      <p className="muted tk-window-picker-note">
        Remaining capacity, live, in {timeZone.replace(/_/g, ' ')}
        {availability.isFetching ? ' · updating…' : ''}
      </p>
      {availability.isPending ? <p className="muted">Loading windows…</p> : null}
      {availability.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(availability.error).message}
        </p>
      ) : null}
      {availability.isSuccess && days.length === 0 ? (
        <p className="muted">No window is offered in the next {AVAILABILITY_DAYS} days.</p>
      ) : null}
      <div
        className="tk-window-days"
        role="group"
        aria-label="Date and window"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {days.map((day) => (
          <div key={day.date} className="tk-window-day">
            <div className="tk-window-day-label">{formatLocalDate(day.date, 'weekday')}</div>
            {day.windows.map((w) => {
              const isPicked = slot?.date === day.date && slot.windowId === w.windowId;
              const label = `${formatLocalDate(day.date, 'weekday')} ${w.name}, ${w.remaining} of ${w.capacity} left`;
              return (
                <button
                  key={w.windowId}
                  type="button"
                  className="tk-window-slot"
                  aria-pressed={isPicked}
                  aria-label={label}
                  disabled={!isBookable(w) && !isPicked}
                  onClick={() => onPick({ date: day.date, windowId: w.windowId })}
                >
                  <span className="tk-window-slot-name">{w.name}</span>
                  <span className="tk-window-slot-time">{formatTimeRange(w.start, w.end, timeZone)}</span>
                  <span className={w.remaining === 0 ? 'tk-window-slot-left is-full' : 'tk-window-slot-left'}>
                    {w.remaining === 0 ? 'Full' : `${w.remaining} of ${w.capacity} left`}
                  </span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
