// The calendar of remaining capacity: four weeks at a time, each day listing its windows as remaining / capacity.
import { describeClientError, useTRPC } from '@portico/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { addDays, formatDate, mondayOf, weekdayShortNames } from '../board/board-dates';

const weeksShown = 4;

export function CapacityCalendar({ today }: { today: string }) {
  const trpc = useTRPC();
  const firstMonday = mondayOf(today);
  const [from, setFrom] = useState(firstMonday);
  const to = addDays(from, weeksShown * 7 - 1);
  const availability = useQuery(
    trpc.windows.availability.queryOptions({ from, to }, { placeholderData: keepPreviousData }),
  );
  const byDate = new Map((availability.data?.days ?? []).map((day) => [day.date, day.windows]));
  const dates = Array.from({ length: weeksShown * 7 }, (_, i) => addDays(from, i));

  return (
    <section className="capacity-calendar" aria-labelledby="capacity-title">
      <header className="capacity-header">
        <h2 id="capacity-title">Remaining capacity</h2>
        <span className="muted">
          {formatDate(from)} – {formatDate(to)}
          {availability.data ? ` · ${availability.data.timeZone}` : ''}
        </span>
        <div className="capacity-nav">
          <button
            type="button"
            className="button button-secondary"
            disabled={from <= firstMonday}
            onClick={() => setFrom(addDays(from, -weeksShown * 7))}
          >
            ← Earlier
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setFrom(addDays(from, weeksShown * 7))}
          >
            Later →
          </button>
        </div>
      </header>
      {availability.isPending ? (
        <p role="status">Loading capacity…</p>
      ) : availability.isError && !availability.data ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(availability.error).message}
        </p>
      ) : (
        <div className="capacity-grid" role="table" aria-label="Remaining capacity by day">
          <div role="row" className="capacity-row">
            {weekdayShortNames.map((name) => (
              <div key={name} role="columnheader" className="capacity-weekday">
                {name}
              </div>
            ))}
          </div>
          {Array.from({ length: weeksShown }, (_, week) => (
            <div role="row" className="capacity-row" key={week}>
              {dates.slice(week * 7, week * 7 + 7).map((date) => {
                const windows = byDate.get(date) ?? [];
                const isPast = date < today;
                return (
                  <div
                    key={date}
                    role="cell"
                    data-date={date}
                    className={`capacity-day${isPast ? ' is-past' : ''}${date === today ? ' is-today' : ''}`}
                  >
                    <span className="capacity-date">{formatDate(date, 'dayOfMonth')}</span>
                    {windows.length === 0 ? (
                      <span className="muted capacity-none">{isPast ? '' : 'No windows'}</span>
                    ) : (
                      <ul>
                        {windows.map((w) => (
                          <li
                            key={w.windowId}
                            className={
                              w.remaining === 0 ? 'is-full' : w.remaining <= w.capacity / 4 ? 'is-low' : ''
                            }
                            title={`${w.name}: ${w.booked} booked of ${w.capacity}`}
                          >
                            <span>{w.name}</span>
                            <span className="capacity-remaining">
                              {w.remaining === 0 ? 'Full' : `${w.remaining} / ${w.capacity}`}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
