// /p/$orgSlug/appointments/$taskId — one appointment: status timeline, when and where, picking or changing the
// window, the organization's questions, confirming, adding to a calendar, and cancelling.
import { describeClientError, isUnauthorized, useTRPC } from '@portico/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, Navigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { StatusBadge } from '../../../components/appointment-card';
import { CancelAppointment } from '../../../components/cancel-dialog';
import { CustomFields } from '../../../components/custom-fields';
import { FormError, Notice } from '../../../components/form-message';
import { WindowPicker } from '../../../components/window-picker';
import { useAppointmentCache, type Appointment } from '../../../lib/appointment-cache';
import {
  formatInstant,
  formatLocalDate,
  formatWindow,
  isOtherZone,
  statusWords,
  taskLabel,
  telHref,
  zoneName,
} from '../../../lib/format';
import { useLabels } from '../../../lib/portal-data';
import { useInFlightGuard } from '../../../lib/in-flight';

const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Route = createFileRoute('/$orgSlug/appointments/$taskId')({
  loader: ({ context: { queryClient, trpc }, params }) => {
    if (!TASK_ID.test(params.taskId)) return;
    void queryClient.prefetchQuery({
      ...trpc.portal.appointment.queryOptions({ taskId: params.taskId }),
      retry: false,
    });
  },
  head: () => ({ meta: [{ title: 'Your appointment' }] }),
  component: AppointmentPage,
});

function AppointmentPage() {
  const { orgSlug, taskId } = Route.useParams();
  const trpc = useTRPC();
  const isWellFormed = TASK_ID.test(taskId);
  const appointment = useQuery({
    ...trpc.portal.appointment.queryOptions({ taskId }),
    enabled: isWellFormed,
    retry: false,
  });

  if (!isWellFormed) return <NotYours orgSlug={orgSlug} />;
  if (appointment.isPending) return <AppointmentSkeleton />;
  if (appointment.isError) {
    if (isUnauthorized(appointment.error)) {
      return <Navigate to="/$orgSlug/sign-in" params={{ orgSlug }} search={{ ended: true }} />;
    }
    if (describeClientError(appointment.error).code === 'NOT_FOUND') return <NotYours orgSlug={orgSlug} />;
    return (
      <section className="card">
        <h1>We could not load this appointment</h1>
        <FormError>{describeClientError(appointment.error).message}</FormError>
        <button type="button" className="button" onClick={() => void appointment.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  return <AppointmentView orgSlug={orgSlug} appointment={appointment.data} />;
}

function NotYours({ orgSlug }: { orgSlug: string }) {
  return (
    <section className="card">
      <h1>Appointment not found</h1>
      <p>It may have been removed, or it belongs to another account.</p>
      <Link to="/$orgSlug" params={{ orgSlug }} className="button button-secondary">
        See your appointments
      </Link>
    </section>
  );
}

function AppointmentView({ orgSlug, appointment }: { orgSlug: string; appointment: Appointment }) {
  const label = useLabels(orgSlug);
  const isOpen = appointment.cancel.isOpen;
  // once the technician is on the way, cancelling is a phone call (the server refuses it online too)
  const canOfferCancel = ['unscheduled', 'scheduled', 'confirmed'].includes(appointment.status);
  const hasFields = appointment.fields.length > 0;
  return (
    <article className="stack-lg" aria-labelledby="appointment-title">
      <div>
        <Link to="/$orgSlug" params={{ orgSlug }} className="back-link">
          ← All appointments
        </Link>
        <div className="title-row">
          <h1 id="appointment-title">{appointment.serviceType}</h1>
          <StatusBadge status={appointment.status} />
        </div>
        <p className="muted">{taskLabel(appointment.number)}</p>
      </div>

      <Timeline appointment={appointment} />

      {appointment.status === 'cancelled' || appointment.status === 'failed' ? (
        <Notice tone="warning">
          {appointment.status === 'cancelled'
            ? 'This appointment was cancelled.'
            : 'This appointment could not be completed.'}
          {appointment.statusReason ? ` Reason: ${appointment.statusReason}` : ''}
        </Notice>
      ) : null}

      <WhenSection orgSlug={orgSlug} appointment={appointment} />

      {hasFields ? (
        <section className="card" aria-labelledby="fields-title">
          <h2 id="fields-title">{label('fields.title')}</h2>
          <CustomFields appointment={appointment} isEditable={isOpen} />
        </section>
      ) : null}

      {appointment.confirmation.enabled && appointment.date ? (
        <ConfirmSection orgSlug={orgSlug} appointment={appointment} />
      ) : null}

      <DetailsSection orgSlug={orgSlug} appointment={appointment} />

      {canOfferCancel ? (
        <div className="cancel-row">
          <CancelAppointment appointment={appointment} label={label('appointment.cancel')} />
        </div>
      ) : null}
    </article>
  );
}

const stepWords: Record<string, string> = {
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  en_route: 'Technician on the way',
  in_progress: 'Work in progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Could not be completed',
};

function Timeline({ appointment }: { appointment: Appointment }) {
  return (
    <ol className="timeline" aria-label="Progress">
      {appointment.timeline.map((step) => (
        <li
          key={step.status}
          className={`timeline-step step-${step.state} step-${step.status}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="timeline-dot" aria-hidden="true" />
          <span className="timeline-text">
            <span className="timeline-name">{stepWords[step.status] ?? statusWords[step.status]}</span>
            {step.at ? (
              <span className="timeline-at">{formatInstant(step.at, appointment.timeZone)}</span>
            ) : null}
            <span className="visually-hidden">
              {step.state === 'done' ? ' (done)' : step.state === 'current' ? ' (current)' : ' (not yet)'}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}

function WhenSection({ orgSlug, appointment }: { orgSlug: string; appointment: Appointment }) {
  const label = useLabels(orgSlug);
  const [isPicking, setIsPicking] = useState(false);
  const [justBooked, setJustBooked] = useState<string | null>(null);
  const { window, date, booking, timeZone } = appointment;
  const isBooked = Boolean(date && window);
  const isWaitingForCustomer =
    !isBooked && booking.canBook && appointment.schedulingMode === 'customer_selects';
  const showPicker = isPicking || isWaitingForCustomer;

  return (
    <section className="card" aria-labelledby="when-title">
      <h2 id="when-title">{label('appointment.window')}</h2>
      {justBooked ? <Notice tone="success">{justBooked}</Notice> : null}
      {isBooked && date && window ? (
        <div className="when">
          <p className="when-date">{formatLocalDate(date, { withYear: true })}</p>
          <p className="when-window">
            {formatWindow(window.start, window.end, timeZone)}
            {isOtherZone(timeZone) ? (
              <span className="muted"> ({zoneName(window.start, timeZone)})</span>
            ) : null}
          </p>
          <p className="muted">The technician arrives within this window.</p>
        </div>
      ) : (
        <p className="when-none">
          {appointment.schedulingMode === 'customer_selects'
            ? 'Choose the time that suits you.'
            : 'We will schedule this visit and let you know the time.'}
        </p>
      )}

      {showPicker ? (
        <WindowPicker
          appointment={appointment}
          submitLabel={isBooked ? 'Move to this time' : 'Book this time'}
          onDone={() => {
            setIsPicking(false);
            setJustBooked(
              isBooked
                ? 'Your appointment has moved. We sent you a confirmation.'
                : 'You are booked. We sent you a confirmation.',
            );
          }}
          {...(isBooked ? { onCancel: () => setIsPicking(false) } : {})}
        />
      ) : null}

      {isBooked && !showPicker ? (
        <div className="button-row">
          {booking.canBook ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setJustBooked(null);
                setIsPicking(true);
              }}
            >
              {label('appointment.reschedule')}
            </button>
          ) : null}
          {appointment.cancel.isOpen ? (
            <a className="button button-secondary" href={`/calendar/${appointment.id}.ics`} download>
              {label('appointment.addToCalendar')}
            </a>
          ) : null}
        </div>
      ) : null}

      {!booking.canBook && booking.blockedReason && appointment.cancel.isOpen ? (
        <div className="blocked-reason">
          <p className="muted">{booking.blockedReason}</p>
          {appointment.officePhone ? (
            <a className="button button-secondary" href={telHref(appointment.officePhone)}>
              {label('office.call')}
            </a>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ConfirmSection({ orgSlug, appointment }: { orgSlug: string; appointment: Appointment }) {
  const trpc = useTRPC();
  const label = useLabels(orgSlug);
  const cache = useAppointmentCache(appointment.id);
  const reasonId = useId();
  const [error, setError] = useState<string | null>(null);
  const guard = useInFlightGuard();
  const confirm = useMutation(
    trpc.portal.confirm.mutationOptions({
      onSuccess: (updated) => cache.replace(updated),
      onError: (err) => {
        const info = describeClientError(err);
        setError(info.message);
        if (info.code === 'CONFLICT' || info.code === 'PRECONDITION_FAILED') void cache.refetch();
      },
    }),
  );
  const { confirmation } = appointment;
  if (confirmation.state === 'confirmed') {
    return (
      <section className="card confirmed" aria-labelledby="confirm-title">
        <h2 id="confirm-title">Confirmed</h2>
        <p>
          You confirmed this appointment
          {confirmation.confirmedAt
            ? ` on ${formatInstant(confirmation.confirmedAt, appointment.timeZone)}`
            : ''}
          . Thank you.
        </p>
      </section>
    );
  }
  if (confirmation.state !== 'pending' || !appointment.cancel.isOpen) return null;
  const isDisabled = !confirmation.canConfirm || confirm.isPending;
  return (
    <section className="card" aria-labelledby="confirm-title">
      <h2 id="confirm-title">Please confirm</h2>
      <p>Let us know this time works for you.</p>
      <button
        type="button"
        className="button button-block"
        // aria-disabled keeps the button focusable, so screen-reader users hear why it cannot be pressed yet
        aria-disabled={isDisabled}
        aria-describedby={confirmation.blockedReason ? reasonId : undefined}
        onClick={() => {
          if (isDisabled || !guard.begin()) return;
          setError(null);
          confirm.mutate({ taskId: appointment.id, version: appointment.version }, { onSettled: guard.end });
        }}
      >
        {confirm.isPending ? 'Confirming…' : label('appointment.confirm')}
      </button>
      {confirmation.blockedReason ? (
        <p id={reasonId} className="muted blocked-reason">
          {confirmation.blockedReason}
        </p>
      ) : null}
      <FormError>{error}</FormError>
    </section>
  );
}

function DetailsSection({ orgSlug, appointment }: { orgSlug: string; appointment: Appointment }) {
  const label = useLabels(orgSlug);
  const { address } = appointment;
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title" className="visually-hidden">
        Details
      </h2>
      <dl className="details">
        <div>
          <dt>{label('appointment.address')}</dt>
          <dd>
            {address.line1}
            {address.line2 ? `, ${address.line2}` : ''}
            <br />
            {[address.city, address.region, address.postalCode].filter(Boolean).join(', ')}
          </dd>
        </div>
        <div>
          <dt>{label('appointment.technician')}</dt>
          <dd>{appointment.technicianName ?? 'Assigned closer to the day'}</dd>
        </div>
        {!appointment.serviceDetailsHidden && appointment.description ? (
          <div>
            <dt>{label('appointment.serviceDetails')}</dt>
            <dd className="prewrap">{appointment.description}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function AppointmentSkeleton() {
  return (
    <div className="stack-lg" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your appointment…
      </p>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="skeleton skeleton-timeline" aria-hidden="true" />
      <div className="skeleton skeleton-card-tall" aria-hidden="true" />
    </div>
  );
}
