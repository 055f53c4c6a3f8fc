// Cancelling: in-portal organizations ask for a confirmation and an optional reason; "call us" organizations
// show their message and a tappable phone number, and nothing changes.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useAppointmentCache, type Appointment } from '../lib/appointment-cache';
import { formatPhone, telHref } from '../lib/format';
import { FormError } from './form-message';
import { useInFlightGuard } from '../lib/in-flight';

export function CancelAppointment({ appointment, label }: { appointment: Appointment; label: string }) {
  const trpc = useTRPC();
  const cache = useAppointmentCache(appointment.id);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const guard = useInFlightGuard();
  const cancel = useMutation(trpc.portal.cancel.mutationOptions());
  const { mode, message, phone } = appointment.cancel;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!guard.begin()) return;
    setError(null);
    cancel.mutate(
      { taskId: appointment.id, version: appointment.version, reason },
      {
        onSuccess: (updated) => {
          dialogRef.current?.close();
          void cache.replace(updated);
        },
        onError: (err) => {
          const info = describeClientError(err);
          setError(info.message);
          if (info.code === 'CONFLICT') void cache.refetch();
        },
        onSettled: guard.end,
      },
    );
  };

  return (
    <>
      <button
        type="button"
        className="button button-danger-quiet"
        onClick={() => dialogRef.current?.showModal()}
      >
        {label}
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId}>
        {mode === 'call' ? (
          <div className="stack">
            <h2 id={titleId}>{label}</h2>
            <p>{message ?? 'To cancel this appointment, please call us.'}</p>
            {phone ? (
              <a className="button button-block" href={telHref(phone)}>
                Call {formatPhone(phone)}
              </a>
            ) : null}
            <button
              type="button"
              className="button button-secondary button-block"
              onClick={() => dialogRef.current?.close()}
            >
              Close
            </button>
          </div>
        ) : (
          <form className="stack" onSubmit={submit}>
            <h2 id={titleId}>Cancel this appointment?</h2>
            <p>We will let the team know. To book again later, call or message us.</p>
            <div className="field">
              <label htmlFor={reasonId}>Reason (optional)</label>
              <textarea
                id={reasonId}
                className="input textarea"
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
            <FormError>{error}</FormError>
            <button type="submit" className="button button-danger button-block" disabled={cancel.isPending}>
              {cancel.isPending ? 'Cancelling…' : 'Yes, cancel appointment'}
            </button>
            <button
              type="button"
              className="button button-secondary button-block"
              onClick={() => dialogRef.current?.close()}
            >
              Keep appointment
            </button>
          </form>
        )}
      </dialog>
    </>
  );
}
