// The custom-field builder: the appointment page's questions in page order (drag or keyboard to reorder), an
// editor for one field, retired fields with Restore, and the portal preview showing the unsaved draft.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { CustomField } from '@portico/validators/custom-fields';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormBanner, noErrors, type FormErrors } from '../../../components/form-kit';
import { PortalPreview } from '../preview/portal-preview';
import {
  draftOf,
  kindChoices,
  newDraft,
  payloadOf,
  previewFieldsOf,
  NEW_FIELD_PREVIEW_ID,
  type FieldDraft,
} from './field-draft';
import { FieldEditor } from './field-editor';
import { FieldOrderList } from './field-order-list';
import './custom-fields.css';

const editorFields = ['label', 'description', 'required', 'defaultValue', 'options', 'kind'] as const;

/** A refusal spread over the editor: `options.2` and `options` both land on the options list. */
function editorErrorsOf(error: unknown): FormErrors {
  const info = describeClientError(error);
  const fields: Record<string, string> = {};
  for (const [key, messages] of Object.entries(info.fieldErrors)) {
    const top = key.split('.')[0] ?? key;
    const first = messages[0];
    if (first && (editorFields as readonly string[]).includes(top) && !fields[top]) fields[top] = first;
  }
  const top = info.field?.split('.')[0];
  if (top && (editorFields as readonly string[]).includes(top) && !fields[top]) {
    fields[top] = info.fieldErrors[info.field ?? '']?.[0] ?? info.message;
  }
  return { fields, form: Object.keys(fields).length > 0 ? null : info.message };
}

const CONFLICT_MESSAGE =
  'Someone else changed these fields while you were working. Reload to see their changes.';

export function CustomFieldsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.customFields.list.queryOptions({ includeRetired: true }));
  const settings = useQuery(trpc.organization.get.queryOptions());
  const create = useMutation(trpc.customFields.create.mutationOptions());
  const update = useMutation(trpc.customFields.update.mutationOptions());
  const reorder = useMutation(trpc.customFields.reorder.mutationOptions());
  const retire = useMutation(trpc.customFields.retire.mutationOptions());
  const restore = useMutation(trpc.customFields.restore.mutationOptions());

  const [draft, setDraft] = useState<FieldDraft | null>(null);
  const [isChoosingKind, setIsChoosingKind] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [banner, setBanner] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isConflict, setIsConflict] = useState(false);
  const [confirmRetire, setConfirmRetire] = useState<CustomField | null>(null);
  const isBusy = useRef(false);
  const isPending =
    create.isPending || update.isPending || reorder.isPending || retire.isPending || restore.isPending;

  const fields = list.data ?? [];
  const active = fields.filter((f) => f.retiredAt === null);
  const retired = fields.filter((f) => f.retiredAt !== null);

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: trpc.customFields.list.pathKey() });
  }

  /** One change at a time; CONFLICT asks for a reload, other refusals go to the editor or the banner. */
  async function act(action: () => Promise<void>, onRefused: (error: unknown) => void): Promise<boolean> {
    if (isBusy.current) return false;
    isBusy.current = true;
    setBanner(null);
    setNotice(null);
    try {
      await action();
      return true;
    } catch (error) {
      if (describeClientError(error).code === 'CONFLICT') setIsConflict(true);
      else onRefused(error);
      return false;
    } finally {
      isBusy.current = false;
      await refresh();
    }
  }

  function save() {
    if (!draft) return;
    setErrors(noErrors);
    const current = draft;
    void act(
      async () => {
        if (current.id === null) {
          await create.mutateAsync({ kind: current.kind, ...payloadOf(current) });
          setNotice(`Added “${current.label}”.`);
        } else {
          await update.mutateAsync({ id: current.id, version: current.version, ...payloadOf(current) });
          setNotice(`Saved “${current.label}”.`);
        }
        setDraft(null);
      },
      (error) => setErrors(editorErrorsOf(error)),
    );
  }

  async function saveOrder(ordered: CustomField[]): Promise<boolean> {
    return act(
      async () => {
        await reorder.mutateAsync({ fields: ordered.map((f) => ({ id: f.id, version: f.version })) });
      },
      (error) => setBanner(describeClientError(error).message),
    );
  }

  function retireField(field: CustomField) {
    void act(
      async () => {
        await retire.mutateAsync({ id: field.id, version: field.version });
        setConfirmRetire(null);
        if (draft?.id === field.id) setDraft(null);
        setNotice(`Retired “${field.label}”. Customers no longer see it; answers already given are kept.`);
      },
      (error) => setBanner(describeClientError(error).message),
    );
  }

  function restoreField(field: CustomField) {
    void act(
      async () => {
        await restore.mutateAsync({ id: field.id, version: field.version });
        setNotice(`Restored “${field.label}” at the end of the page.`);
      },
      (error) => setBanner(describeClientError(error).message),
    );
  }

  async function reload() {
    setIsConflict(false);
    setErrors(noErrors);
    await refresh();
    const fresh = queryClient.getQueryData(trpc.customFields.list.queryKey({ includeRetired: true }));
    // the draft starts again from the saved field; a new field keeps what was typed (nothing to clash with)
    if (draft?.id) {
      const saved = fresh?.find((f) => f.id === draft.id && f.retiredAt === null);
      setDraft(saved ? draftOf(saved) : null);
    }
  }

  function startEditing(next: FieldDraft) {
    setDraft(next);
    setErrors(noErrors);
    setIsChoosingKind(false);
    setConfirmRetire(null);
    setNotice(null);
  }

  return (
    <section className="cf-screen" aria-labelledby="cf-title">
      <header className="admin-head">
        <div>
          <h2 id="cf-title">Custom fields</h2>
          <p className="muted">
            The questions and notes customers see on their appointment page, in this order.
          </p>
        </div>
        <button
          type="button"
          className="button"
          disabled={isPending || draft !== null}
          aria-expanded={isChoosingKind}
          onClick={() => setIsChoosingKind((v) => !v)}
        >
          Add field
        </button>
      </header>

      {isConflict ? (
        <div className="banner banner-error cf-conflict" role="alert">
          <span>{CONFLICT_MESSAGE}</span>
          <button type="button" className="button button-secondary" onClick={() => void reload()}>
            Reload
          </button>
        </div>
      ) : null}
      <FormBanner message={banner} />
      {notice ? (
        <p className="cf-notice" role="status">
          {notice}
        </p>
      ) : null}

      <div className="cf-columns">
        <div className="cf-main">
          {isChoosingKind ? (
            <div className="cf-kinds" role="group" aria-label="Choose the kind of field">
              {kindChoices.map((choice) => (
                <button
                  key={choice.kind}
                  type="button"
                  className="cf-kind"
                  onClick={() => startEditing(newDraft(choice.kind))}
                >
                  <strong>{choice.title}</strong>
                  <span>{choice.explain}</span>
                </button>
              ))}
            </div>
          ) : null}

          {draft ? (
            <FieldEditor
              key={draft.id ?? 'new'}
              draft={draft}
              errors={errors}
              isPending={create.isPending || update.isPending}
              onChange={setDraft}
              onSave={save}
              onCancel={() => {
                setDraft(null);
                setErrors(noErrors);
              }}
              onRetire={
                draft.id ? () => setConfirmRetire(active.find((f) => f.id === draft.id) ?? null) : undefined
              }
            />
          ) : null}

          {confirmRetire ? (
            <div className="cu-confirm" role="alertdialog" aria-label="Confirm retiring">
              <p>
                Retire “{confirmRetire.label}”? Customers stop seeing it on their appointment page; answers
                they already gave are kept, and you can restore it later.
              </p>
              <button
                type="button"
                className="button cf-danger-solid"
                disabled={isPending}
                onClick={() => retireField(confirmRetire)}
              >
                {retire.isPending ? 'Retiring…' : 'Retire field'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setConfirmRetire(null)}
              >
                Keep it
              </button>
            </div>
          ) : null}

          <h3 className="cf-subtitle">On the appointment page</h3>
          {list.isPending ? (
            <p className="muted" role="status">
              Loading fields…
            </p>
          ) : list.isError ? (
            <div className="banner banner-error" role="alert">
              {describeClientError(list.error).message}{' '}
              <button type="button" className="button button-secondary" onClick={() => void list.refetch()}>
                Try again
              </button>
            </div>
          ) : (
            <FieldOrderList
              fields={active}
              selectedId={draft?.id ?? null}
              isSaving={isPending}
              onSelect={(field) => startEditing(draftOf(field))}
              onReorder={saveOrder}
            />
          )}

          {retired.length > 0 ? (
            <>
              <h3 className="cf-subtitle">Retired</h3>
              <ul className="cf-retired" aria-label="Retired fields">
                {retired.map((field) => (
                  <li key={field.id} className="cf-retired-row">
                    <span>
                      {field.label}{' '}
                      <span className="muted">· {kindChoices.find((k) => k.kind === field.kind)?.title}</span>
                    </span>
                    <button
                      type="button"
                      className="button button-secondary cf-small"
                      disabled={isPending}
                      onClick={() => restoreField(field)}
                    >
                      Restore
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>

        <aside className="cf-preview" aria-label="Preview of the appointment page">
          <h3 className="cf-subtitle">What the customer sees</h3>
          {settings.data ? (
            <PortalPreview
              settings={settings.data}
              fields={previewFieldsOf(active, draft)}
              highlight={draft ? (draft.id ?? NEW_FIELD_PREVIEW_ID) : undefined}
            />
          ) : settings.isError ? (
            <p className="muted">The preview could not load: {describeClientError(settings.error).message}</p>
          ) : (
            <p className="muted">Loading the preview…</p>
          )}
        </aside>
      </div>
    </section>
  );
}
