// Editing an existing task: service type and description, technician and the appointment, saved by one
// tasks.edit call with the version the form was read at (all of it or none of it); a stale version offers a
// reload that keeps what the dispatcher typed.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { Task, TaskDetail } from '@portico/validators/tasks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useRef, useState, type FormEvent } from 'react';
import { fieldMessagesOf, type FieldMessages } from './form-errors';
import { DescriptionField, ServiceTypeField, TechnicianField, WindowPicker, type Slot } from './task-fields';

type Values = { serviceType: string; description: string; technicianId: string; slot: Slot | null };

function valuesOf(task: Task): Values {
  return {
    serviceType: task.serviceType,
    description: task.description ?? '',
    technicianId: task.technicianId ?? '',
    slot:
      task.appointmentDate && task.windowId ? { date: task.appointmentDate, windowId: task.windowId } : null,
  };
}

const sameSlot = (a: Slot | null, b: Slot | null) => a?.date === b?.date && a?.windowId === b?.windowId;

export function TaskEditScreen({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const task = useQuery(trpc.tasks.get.queryOptions({ id: taskId }));
  if (task.isPending) {
    return (
      <section className="panel" aria-busy="true">
        <p className="muted">Loading the task…</p>
      </section>
    );
  }
  if (task.isError) {
    return (
      <section className="panel" aria-labelledby="task-edit-title">
        <h1 id="task-edit-title">Edit task</h1>
        <p className="banner banner-error" role="alert">
          {describeClientError(task.error).message}
        </p>
        <Link to="/tasks">Back to the task list</Link>
      </section>
    );
  }
  return <TaskEditForm task={task.data} onReload={() => task.refetch()} />;
}

function TaskEditForm({
  task,
  onReload,
}: {
  task: TaskDetail;
  onReload: () => Promise<{ data?: TaskDetail | undefined }>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const ids = { service: useId(), description: useId(), technician: useId(), appointment: useId() };

  // What the server holds as far as this form knows: the diff base and the version the save is sent with.
  const [base, setBase] = useState<{ values: Values; version: number }>(() => ({
    values: valuesOf(task),
    version: task.version,
  }));
  const [values, setValues] = useState<Values>(() => valuesOf(task));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  // `saving` reaches the button a render late: a second Enter or click in between is caught here
  const submitting = useRef(false);

  // one call for the whole form: the server applies every change or none (tasks.edit)
  const edit = useMutation(trpc.tasks.edit.mutationOptions());

  const allowed = new Set(task.allowedActions);
  const canEdit = allowed.has('edit');
  const canAssign = allowed.has('assign') || allowed.has('unassign');
  const canSchedule = allowed.has('book') || allowed.has('reschedule');
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  async function reload() {
    const { data } = await onReload();
    if (!data) return;
    // the typed values stay; only the base moves, so saving again applies them over the latest version
    setBase({ values: valuesOf(data), version: data.version });
    setStale(false);
    setFormError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) return;
    submitting.current = true;
    setSaving(true);
    setFormError(null);
    setErrors({});
    const current = base;
    try {
      const aboutChanged =
        values.serviceType !== current.values.serviceType ||
        values.description !== current.values.description;
      const saved = await edit.mutateAsync({
        id: task.id,
        version: current.version,
        ...(aboutChanged ? { serviceType: values.serviceType, description: values.description } : {}),
        ...(values.technicianId !== current.values.technicianId
          ? { technicianId: values.technicianId || null }
          : {}),
        ...(values.slot && !sameSlot(values.slot, current.values.slot) ? { appointment: values.slot } : {}),
      });
      setBase({ values: valuesOf(saved), version: saved.version });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: task.id }) }),
        queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.windows.availability.pathKey() }),
      ]);
      await navigate({ to: '/tasks/$taskId', params: { taskId: task.id } });
    } catch (error) {
      const info = describeClientError(error);
      const messages = fieldMessagesOf(info);
      const appointment = messages.date ?? messages.windowId;
      if (appointment) messages.appointment ??= appointment;
      if (info.code === 'CONFLICT' && Object.keys(messages).length === 0) {
        setStale(true);
        setFormError(info.message);
      } else {
        setErrors(messages);
        setFormError(
          Object.keys(messages).length > 0
            ? 'The task was not saved: check the highlighted fields.'
            : info.message,
        );
      }
      if (messages.appointment)
        void queryClient.invalidateQueries({ queryKey: trpc.windows.availability.pathKey() });
    } finally {
      submitting.current = false;
      setSaving(false);
    }
  }

  return (
    <section className="tk-task-form-screen" aria-labelledby="task-edit-title">
      <header className="tk-tasks-header">
        <h1 id="task-edit-title">
          Edit T-{task.number} · {task.customer.name}
        </h1>
        <Link to="/tasks/$taskId" params={{ taskId: task.id }} className="tk-link-button">
          Back to the task
        </Link>
      </header>
      <form className="tk-task-form" noValidate onSubmit={(event) => void submit(event)}>
        {formError ? (
          <div className="banner banner-error tk-edit-banner" role="alert">
            <span>{formError}</span>
            {stale ? (
              <button type="button" className="button button-secondary" onClick={() => void reload()}>
                Reload the task
              </button>
            ) : null}
          </div>
        ) : null}
        {!canEdit ? (
          <p className="muted">This task is {task.status.replace(/_/g, ' ')}: it can no longer be edited.</p>
        ) : null}

        <fieldset className="tk-form-section" disabled={!canEdit}>
          <legend>The job</legend>
          <div className="tk-form-grid">
            <ServiceTypeField
              id={ids.service}
              value={values.serviceType}
              onChange={(v) => set('serviceType', v)}
              error={errors.serviceType}
              autoFocus
            />
            <TechnicianField
              id={ids.technician}
              value={values.technicianId}
              onChange={(v) => set('technicianId', v)}
              error={errors.technicianId}
              disabled={!canAssign}
            />
            <DescriptionField
              id={ids.description}
              value={values.description}
              onChange={(v) => set('description', v)}
              error={errors.description}
            />
          </div>
        </fieldset>

        {canSchedule ? (
          <fieldset className="tk-form-section">
            <legend>Appointment</legend>
            <WindowPicker
              id={ids.appointment}
              siteId={task.site.id}
              timeZone={task.site.timeZone}
              slot={values.slot}
              onPick={(picked) => set('slot', picked)}
              error={errors.appointment}
            />
          </fieldset>
        ) : null}

        <div className="tk-form-actions">
          <button type="submit" className="button" disabled={saving || !canEdit}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <Link to="/tasks/$taskId" params={{ taskId: task.id }} className="button button-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
