// Picking (or changing) the appointment window from real availability, grouped by day, two weeks at a time.
// Native radio buttons: arrow keys move between times, and screen readers announce day, time and places left.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useAppointmentCache, type Appointment } from '../lib/appointment-cache';
import { formatLocalDate, formatWindow, isOtherZone, zoneName } from '../lib/format';
import { FormError } from './form-message';
import { useInFlightGuard } from '../lib/in-flight';

const DAYS_PER_PAGE = 7;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function WindowPicker({
  appointment,
  submitLabel,
  onDone,
  onCancel,
}: {
  appointment: Appointment;
  submitLabel: string;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const cache = useAppointmentCache(appointment.id);
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [choice, setChoice] = useState<{ date: string; windowId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = useInFlightGuard();
  const availability = useQuery(
    trpc.portal.availability.queryOptions({
      taskId: appointment.id,
      days: DAYS_PER_PAGE,
      ...(from ? { from } : {}),
    }),
  );
  const book = useMutation(
    trpc.portal.book.mutationOptions({
      onSuccess: async (updated) => {
        await cache.replace(updated);
        onDone();
      },
      onError: (err) => {
        const info = describeClientError(err);
        setError(info.message);
        // a full window or a change made elsewhere: show the current truth
        void availability.refetch();
        if (info.code === 'CONFLICT') void cache.refetch();
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setError('Choose one of the times first.');
      return;
    }
    if (!guard.begin()) return;
    setError(null);
    book.mutate(
      { taskId: appointment.id, version: appointment.version, ...choice },
      { onSettled: guard.end },
    );
  };

  if (availability.isPending) {
    return (
      <div className="picker" aria-busy="true">
        <p role="status" className="muted">
          Finding open times…
        </p>
        <div className="skeleton skeleton-picker" aria-hidden="true" />
      </div>
    );
  }
  if (availability.isError) {
    return (
      <div className="picker">
        <FormError>{describeClientError(availability.error).message}</FormError>
        <button type="button" className="button button-secondary" onClick={() => void availability.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const { days, timeZone } = availability.data;
  const openDays = days.filter((day) => day.windows.length > 0);
  const lastDate = days.at(-1)?.date;
  const firstWindow = openDays[0]?.windows[0];
  return (
    <form className="picker" onSubmit={submit} noValidate>
      {firstWindow && isOtherZone(timeZone) ? (
        <p className="muted">
          Times are local to the service address ({zoneName(firstWindow.start, timeZone)}).
        </p>
      ) : null}
      {openDays.length === 0 ? (
        <p className="muted">No open times this week. Try later dates.</p>
      ) : (
        openDays.map((day) => (
          <fieldset key={day.date} className="picker-day">
            <legend>{formatLocalDate(day.date)}</legend>
            <div className="picker-windows">
              {day.windows.map((w) => {
                const isChosen = choice?.date === day.date && choice.windowId === w.windowId;
                return (
                  <label
                    key={w.windowId}
                    className={`slot${isChosen ? ' slot-chosen' : ''}${w.isCurrent ? ' slot-current' : ''}`}
                  >
                    <input
                      type="radio"
                      name="slot"
                      value={`${day.date}|${w.windowId}`}
                      checked={isChosen}
                      disabled={w.isCurrent}
                      onChange={() => setChoice({ date: day.date, windowId: w.windowId })}
                    />
                    <span className="slot-time">{formatWindow(w.start, w.end, timeZone)}</span>
                    <span className="slot-detail">
                      {w.isCurrent ? 'Your current time' : w.remaining <= 3 ? `${w.remaining} left` : w.name}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))
      )}
      <div className="picker-more">
        {from ? (
          <button
            type="button"
            className="button-link"
            onClick={() => setFrom(addDays(from, -DAYS_PER_PAGE))}
          >
            Earlier dates
          </button>
        ) : null}
        {lastDate ? (
          <button type="button" className="button-link" onClick={() => setFrom(addDays(lastDate, 1))}>
            Later dates
          </button>
        ) : null}
      </div>
      <FormError>{error}</FormError>
      <div className="button-row">
        <button type="submit" className="button" disabled={book.isPending}>
          {book.isPending ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Keep current time
          </button>
        ) : null}
      </div>
    </form>
  );
}
