// The form that defines a new appointment window or edits one; the server's validation shows next to each field.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

type AppointmentWindow = RouterOutputs['windows']['list'][number];

type Draft = {
  name: string;
  startTime: string;
  endTime: string;
  daysOfWeek: number[];
  capacityPerDay: string;
};

const dayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function draftOf(window: AppointmentWindow | null): Draft {
  return window
    ? {
        name: window.name,
        startTime: window.startTime,
        endTime: window.endTime,
        daysOfWeek: window.daysOfWeek,
        capacityPerDay: String(window.capacityPerDay),
      }
    : { name: '', startTime: '08:00', endTime: '12:00', daysOfWeek: [1, 2, 3, 4, 5], capacityPerDay: '4' };
}

export function WindowForm({
  window,
  canEdit,
  onSaved,
  onCancel,
}: {
  /** null: a new window. */
  window: AppointmentWindow | null;
  canEdit: boolean;
  onSaved: (saved: AppointmentWindow) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(window));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const ids = useId();

  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.windows.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.dispatch.pathKey() });
  };
  const showError = (error: unknown) => {
    const info = describeClientError(error);
    const next: Record<string, string> = {};
    for (const [field, messages] of Object.entries(info.fieldErrors)) {
      if (messages[0]) next[field] = messages[0];
    }
    if (info.field && !next[info.field]) next[info.field] = info.message;
    setErrors(next);
    // a message no field owns (stale version, retired window) shows above the buttons
    setFormError(Object.keys(next).length === 0 ? info.message : null);
  };
  const create = useMutation(trpc.windows.create.mutationOptions());
  const update = useMutation(trpc.windows.update.mutationOptions());
  const retire = useMutation(trpc.windows.retire.mutationOptions());
  const isPending = create.isPending || update.isPending || retire.isPending;
  const isRetired = window?.retiredAt != null;
  const isReadOnly = !canEdit || isRetired;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isPending || isReadOnly) return;
    setErrors({});
    setFormError(null);
    // the raw values go to the server, which owns the rules (and words them); a failed save keeps the draft
    const values = {
      name: draft.name,
      startTime: draft.startTime,
      endTime: draft.endTime,
      daysOfWeek: draft.daysOfWeek,
      capacityPerDay: draft.capacityPerDay.trim() === '' ? Number.NaN : Number(draft.capacityPerDay),
    };
    const handlers = {
      onSuccess: (saved: AppointmentWindow) => {
        invalidate();
        onSaved(saved);
      },
      onError: showError,
    };
    if (window) update.mutate({ id: window.id, version: window.version, ...values }, handlers);
    else create.mutate(values, handlers);
  };

  const doRetire = () => {
    if (!window || isPending) return;
    retire.mutate(
      { id: window.id, version: window.version },
      {
        onSuccess: (saved) => {
          setConfirmRetire(false);
          invalidate();
          onSaved(saved);
        },
        onError: (error) => {
          setConfirmRetire(false);
          showError(error);
        },
      },
    );
  };

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fieldProps = (name: string) => ({
    id: `${ids}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${ids}-${name}-error` : undefined,
    disabled: isReadOnly,
  });
  const fieldError = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${ids}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <form
      className="window-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={`${ids}-title`}>
        {window ? (isRetired ? `${window.name} (retired)` : `Edit ${window.name}`) : 'New window'}
      </h2>
      {isRetired ? (
        <p className="banner">
          This window is retired: customers and dispatchers can no longer book it. Bookings made before stay.
        </p>
      ) : !canEdit ? (
        <p className="banner">Only an admin can define or change appointment windows.</p>
      ) : null}
      <div className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          {...fieldProps('name')}
          value={draft.name}
          autoFocus={!isReadOnly}
          onChange={(e) => set('name', e.target.value)}
        />
        {fieldError('name')}
      </div>
      <div className="window-form-row">
        <div className="field">
          <label htmlFor={`${ids}-startTime`}>Starts</label>
          <input
            {...fieldProps('startTime')}
            type="time"
            value={draft.startTime}
            onChange={(e) => set('startTime', e.target.value)}
          />
          {fieldError('startTime')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-endTime`}>Ends</label>
          <input
            {...fieldProps('endTime')}
            type="time"
            value={draft.endTime}
            onChange={(e) => set('endTime', e.target.value)}
          />
          {fieldError('endTime')}
        </div>
      </div>
      <div className="field window-capacity">
        <label htmlFor={`${ids}-capacityPerDay`}>Capacity per day</label>
        <input
          {...fieldProps('capacityPerDay')}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={draft.capacityPerDay}
          onChange={(e) => set('capacityPerDay', e.target.value)}
        />
        {fieldError('capacityPerDay')}
      </div>
      <fieldset
        className="field window-days"
        aria-invalid={errors.daysOfWeek ? true : undefined}
        aria-describedby={errors.daysOfWeek ? `${ids}-daysOfWeek-error` : undefined}
      >
        <legend>Days</legend>
        <div className="window-days-options">
          {dayNames.map((name, index) => {
            const day = index + 1;
            return (
              <label key={name} className="window-day">
                <input
                  type="checkbox"
                  disabled={isReadOnly}
                  checked={draft.daysOfWeek.includes(day)}
                  onChange={(e) =>
                    set(
                      'daysOfWeek',
                      e.target.checked
                        ? [...draft.daysOfWeek, day].sort((a, b) => a - b)
                        : draft.daysOfWeek.filter((d) => d !== day),
                    )
                  }
                />
                {name}
              </label>
            );
          })}
        </div>
        {fieldError('daysOfWeek')}
      </fieldset>
      {formError ? (
        <p className="banner banner-error" role="alert">
          {formError}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {Object.values(errors).join(' ')}
        </p>
      ) : null}
      <div className="window-form-actions">
        {isReadOnly ? null : (
          <button type="submit" className="button" disabled={isPending}>
            {create.isPending || update.isPending ? 'Saving…' : window ? 'Save changes' : 'Create window'}
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={isPending}>
          {isReadOnly ? 'Close' : 'Cancel'}
        </button>
        {window && !isReadOnly ? (
          confirmRetire ? (
            <span className="window-retire-confirm" role="group" aria-label="Confirm retiring">
              Retire {window.name}? Bookings already made stay.
              <button type="button" className="button button-danger" onClick={doRetire} disabled={isPending}>
                {retire.isPending ? 'Retiring…' : 'Yes, retire'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setConfirmRetire(false)}
                disabled={isPending}
              >
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button-secondary window-retire"
              onClick={() => setConfirmRetire(true)}
              disabled={isPending}
            >
              Retire window…
            </button>
          )
        ) : null}
      </div>
    </form>
  );
}
