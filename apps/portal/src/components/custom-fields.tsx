// The organization's questions ("Additional information"), saved as the person answers: toggles and dropdowns
// on change, text when they pause or leave the field. What they typed stays on screen if a save fails.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useAppointmentCache, type Appointment } from '../lib/appointment-cache';
import { FormError } from './form-message';

type Field = Appointment['fields'][number];
type Value = string | boolean | null;
type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const TEXT_SAVE_DELAY_MS = 800;

export function CustomFields({ appointment, isEditable }: { appointment: Appointment; isEditable: boolean }) {
  return (
    <div className="fields">
      {appointment.fields.map((field) => (
        <CustomField key={field.id} taskId={appointment.id} field={field} isEditable={isEditable} />
      ))}
    </div>
  );
}

function CustomField({ taskId, field, isEditable }: { taskId: string; field: Field; isEditable: boolean }) {
  const trpc = useTRPC();
  const cache = useAppointmentCache(taskId);
  const inputId = useId();
  const descriptionId = useId();
  const statusId = useId();
  const initial = field.answer ?? field.defaultValue ?? (field.kind === 'toggle' ? false : '');
  const [value, setValue] = useState<Value>(initial);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const lastSaved = useRef<Value>(field.answer);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const answer = useMutation(trpc.portal.answer.mutationOptions());

  const send = (value: Value) => {
    setSave({ kind: 'saving' });
    answer.mutate(
      { taskId, fieldId: field.id, value },
      {
        onSuccess: (result) => {
          lastSaved.current = result.field.answer;
          setSave({ kind: 'saved' });
          cache.patch((current) => ({
            ...current,
            fields: current.fields.map((f) => (f.id === result.field.id ? result.field : f)),
            confirmation: {
              ...current.confirmation,
              canConfirm: result.canConfirm,
              blockedReason: result.blockedReason,
            },
          }));
        },
        onError: (error) => setSave({ kind: 'failed', message: describeClientError(error).message }),
      },
    );
  };

  const saveNow = (next: Value) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const normalized = typeof next === 'string' && next.trim() === '' ? null : next;
    if (normalized === lastSaved.current) return;
    send(normalized);
  };

  // a pending text save is flushed when the field goes away (navigating off the page keeps the answer)
  const pending = useRef<Value | undefined>(undefined);
  useEffect(
    () => () => {
      if (timer.current && pending.current !== undefined) {
        clearTimeout(timer.current);
        const next = pending.current;
        const normalized = typeof next === 'string' && next.trim() === '' ? null : next;
        if (normalized !== lastSaved.current) send(normalized);
      }
    },
    // run on unmount only
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const describedBy = [field.description ? descriptionId : null, statusId].filter(Boolean).join(' ');
  const requiredMark = field.required ? (
    <span className="required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;

  if (field.kind === 'static') {
    return (
      <div className="field field-static">
        <p className="field-label">{field.label}</p>
        {field.description ? <p className="muted">{field.description}</p> : null}
      </div>
    );
  }

  const status = (
    <span id={statusId} className={`save-status save-${save.kind}`} aria-live="polite">
      {save.kind === 'saving' ? 'Saving…' : save.kind === 'saved' ? 'Saved' : ''}
    </span>
  );
  const failure =
    save.kind === 'failed' ? (
      <FormError>
        {save.message}{' '}
        <button type="button" className="button-link" onClick={() => saveNow(value)}>
          Try again
        </button>
      </FormError>
    ) : null;
  const missingNote =
    field.isMissing && save.kind !== 'saving' ? (
      <span className="field-missing">Needed before you confirm</span>
    ) : null;

  if (field.kind === 'toggle') {
    return (
      <div className="field field-toggle">
        <label className="toggle" htmlFor={inputId}>
          <input
            id={inputId}
            type="checkbox"
            role="switch"
            checked={value === true}
            disabled={!isEditable}
            aria-describedby={describedBy}
            aria-required={field.required}
            onChange={(event) => {
              setValue(event.target.checked);
              saveNow(event.target.checked);
            }}
          />
          <span className="toggle-track" aria-hidden="true" />
          <span className="field-label">
            {field.label}
            {requiredMark}
          </span>
        </label>
        {field.description ? (
          <p id={descriptionId} className="muted field-description">
            {field.description}
          </p>
        ) : null}
        <div className="field-foot">
          {missingNote}
          {status}
        </div>
        {failure}
      </div>
    );
  }

  if (field.kind === 'dropdown') {
    return (
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          {field.label}
          {requiredMark}
        </label>
        {field.description ? (
          <p id={descriptionId} className="muted field-description">
            {field.description}
          </p>
        ) : null}
        <select
          id={inputId}
          className="input"
          value={typeof value === 'string' ? value : ''}
          disabled={!isEditable}
          aria-describedby={describedBy}
          aria-required={field.required}
          onChange={(event) => {
            const next = event.target.value === '' ? null : event.target.value;
            setValue(next);
            saveNow(next);
          }}
        >
          {field.required && value ? null : <option value="">Choose…</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <div className="field-foot">
          {missingNote}
          {status}
        </div>
        {failure}
      </div>
    );
  }

  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        {field.label}
        {requiredMark}
      </label>
      {field.description ? (
        <p id={descriptionId} className="muted field-description">
          {field.description}
        </p>
      ) : null}
      <textarea
        id={inputId}
        className="input textarea"
        rows={2}
        maxLength={2000}
        value={typeof value === 'string' ? value : ''}
        disabled={!isEditable}
        aria-describedby={describedBy}
        aria-required={field.required}
        aria-invalid={save.kind === 'failed' ? true : undefined}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          pending.current = next;
          setSave({ kind: 'idle' });
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            pending.current = undefined;
            saveNow(next);
          }, TEXT_SAVE_DELAY_MS);
        }}
        onBlur={() => {
          pending.current = undefined;
          saveNow(value);
        }}
      />
      <div className="field-foot">
        {missingNote}
        {status}
      </div>
      {failure}
    </div>
  );
}
