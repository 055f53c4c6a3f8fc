// One appointment in the list: what, when (in the site's time zone), where, who, and what waits for the customer.
import type { RouterOutputs } from '@portico/api-client';
import { Link } from '@tanstack/react-router';
import { formatLocalDate, formatWindow, statusWords, taskLabel } from '../lib/format';

type Summary = RouterOutputs['portal']['appointments']['upcoming'][number];

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{statusWords[status] ?? status}</span>;
}

export function AppointmentCard({ orgSlug, appointment }: { orgSlug: string; appointment: Summary }) {
  const { window, address } = appointment;
  return (
    <li>
      <Link
        to="/$orgSlug/appointments/$taskId"
        params={{ orgSlug, taskId: appointment.id }}
        className={`appointment-card${appointment.needsAction ? ' needs-action' : ''}`}
      >
        <span className="appointment-card-top">
          <span className="appointment-card-title">{appointment.serviceType}</span>
          <StatusBadge status={appointment.status} />
        </span>
        <span className="appointment-card-when">
          {appointment.date && window ? (
            <>
              {formatLocalDate(appointment.date)}
              <br />
              {formatWindow(window.start, window.end, appointment.timeZone)}
            </>
          ) : (
            'No time chosen yet'
          )}
        </span>
        <span className="appointment-card-meta">
          {address.line1}, {address.city}
          {appointment.technicianName ? ` · ${appointment.technicianName}` : ''}
        </span>
        {appointment.needsAction ? (
          <span className="action-hint">
            {appointment.needsAction === 'pick_window' ? 'Choose a time' : 'Please confirm'}
          </span>
        ) : null}
        <span className="visually-hidden">{taskLabel(appointment.number)}</span>
      </Link>
    </li>
  );
}
