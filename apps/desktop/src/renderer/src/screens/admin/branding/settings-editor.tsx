// The editing loop the Branding, Portal wording and Portal policies screens share: the organization's saved
// settings, the admin's edits over them, one save with the version they saw, refusals next to their field, and a
// stale save (another admin saved first) told and reloaded without dropping the person's edits.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import type { OrganizationUpdateInput } from '@portico/validators/organization';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useBlocker, useRouteContext } from '@tanstack/react-router';
import { useCallback, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import './settings.css';
import type { PreviewSettings } from '../preview/portal-preview';

export type OrganizationSettings = RouterOutputs['organization']['get'];
export type SettingsChange = Omit<OrganizationUpdateInput, 'version'>;

type Draft = Record<string, unknown>;

export type Conflict = { message: string; isReloaded: boolean; theirChanges: string[] };

export function useSettingsEditor<D extends Draft>(options: {
  toDraft: (settings: OrganizationSettings) => D;
  /** The update input for the keys the admin changed (keys of the draft). */
  toChange: (draft: D, changedKeys: (keyof D & string)[], settings: OrganizationSettings) => SettingsChange;
  /** Names of the draft's fields, so a server `field` lands next to its input. */
  fieldOf: (serverField: string) => string | null;
  describeKey: (key: keyof D & string) => string;
}) {
  const { toDraft, toChange, fieldOf, describeKey } = options;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.organization.get.queryOptions());
  const settings = query.data;
  /** Only what the admin touched: a reload shows others' changes everywhere else. */
  const [edits, setEdits] = useState<Partial<D>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const update = useMutation(trpc.organization.update.mutationOptions());

  const saved = useMemo(() => (settings ? toDraft(settings) : null), [settings, toDraft]);
  const draft = useMemo(() => (saved ? ({ ...saved, ...edits } as D) : null), [saved, edits]);
  const changedKeys = useMemo(
    () =>
      saved && draft
        ? (Object.keys(edits) as (keyof D & string)[]).filter((key) => !isSame(draft[key], saved[key]))
        : [],
    [saved, draft, edits],
  );
  const isDirty = changedKeys.length > 0;

  useBlocker({
    shouldBlockFn: () =>
      isDirty && !window.confirm('You have unsaved changes here. Leave without saving them?'),
    enableBeforeUnload: () => isDirty,
  });

  const set = useCallback(<K extends keyof D & string>(key: K, value: D[K]) => {
    setEdits((current) => ({ ...current, [key]: value }));
    setIsSaved(false);
    setFieldErrors((current) => {
      if (!(key in current)) return current;
      const next = { ...current };
      delete next[key];
      return next;
    });
  }, []);

  const setFieldError = useCallback((key: string, message: string | null) => {
    setFieldErrors((current) => {
      const next = { ...current };
      if (message) next[key] = message;
      else delete next[key];
      return next;
    });
  }, []);

  /** A fresh copy of the settings (someone else's save, a logo change): the cache and the base move on. */
  const accept = useCallback(
    (next: OrganizationSettings) => {
      queryClient.setQueryData(trpc.organization.get.queryKey(), next);
      void queryClient.invalidateQueries({ queryKey: trpc.organization.get.queryKey() });
    },
    [queryClient, trpc],
  );

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (!settings || !draft || update.isPending) return;
    setFormError(null);
    setFieldErrors({});
    setIsSaved(false);
    if (!isDirty) {
      setEdits({});
      return;
    }
    update.mutate(
      { version: settings.version, ...toChange(draft, changedKeys, settings) },
      {
        onSuccess: (next) => {
          setEdits({});
          setConflict(null);
          setIsSaved(true);
          accept(next);
        },
        onError: (error) => {
          const info = describeClientError(error);
          if (info.code === 'CONFLICT') {
            setConflict({ message: info.message, isReloaded: false, theirChanges: [] });
            return;
          }
          const next: Record<string, string> = {};
          for (const [field, messages] of Object.entries(info.fieldErrors)) {
            const key = fieldOf(field);
            if (key && messages[0] && !next[key]) next[key] = messages[0];
          }
          const key = info.field ? fieldOf(info.field) : null;
          if (key && !next[key]) next[key] = info.fieldErrors[info.field!]?.[0] ?? info.message;
          setFieldErrors(next);
          if (Object.keys(next).length === 0) setFormError(info.message);
        },
      },
    );
  };

  const reload = async () => {
    const before = saved;
    const result = await query.refetch();
    if (!result.data) {
      setFormError(
        result.error ? describeClientError(result.error).message : 'The settings could not be loaded.',
      );
      return;
    }
    const after = toDraft(result.data);
    const theirChanges = before
      ? (Object.keys(after) as (keyof D & string)[]).filter((key) => !isSame(before[key], after[key]))
      : [];
    setConflict({ message: '', isReloaded: true, theirChanges: theirChanges.map(describeKey) });
  };

  const discard = () => {
    setEdits({});
    setFieldErrors({});
    setFormError(null);
    setIsSaved(false);
    if (conflict?.isReloaded) setConflict(null);
  };

  return {
    query,
    settings,
    draft,
    saved,
    set,
    changedKeys,
    isDirty,
    fieldErrors,
    setFieldError,
    formError,
    conflict,
    isSaved,
    isPending: update.isPending,
    save,
    reload,
    discard,
    accept,
  };
}

function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The server's URL (logos are served relative to it). */
export function useServerUrl(): string | undefined {
  const { bridge } = useRouteContext({ from: '__root__' });
  const query = useQuery({
    queryKey: ['desktop', 'serverUrl'],
    queryFn: () => bridge.getServerUrl(),
    staleTime: Infinity,
  });
  return query.data;
}

export function absoluteLogoUrl(logoUrl: string | null, serverUrl: string | undefined): string | null {
  if (!logoUrl || !serverUrl) return null;
  return new URL(logoUrl, serverUrl).href;
}

/** The preview's settings from the saved ones with the screen's edits over them. */
export function previewSettingsOf(
  settings: OrganizationSettings,
  overrides: Partial<PreviewSettings>,
  serverUrl: string | undefined,
): PreviewSettings {
  return {
    name: settings.name,
    primaryColor: settings.primaryColor,
    accentColor: settings.accentColor,
    logoUrl: absoluteLogoUrl(settings.logoUrl, serverUrl),
    labels: settings.labels,
    rescheduleCutoffHours: settings.rescheduleCutoffHours,
    cancelPolicy: settings.cancelPolicy,
    cancelMessage: settings.cancelMessage,
    cancelPhone: settings.cancelPhone,
    hideServiceDetails: settings.hideServiceDetails,
    confirmationFlow: settings.confirmationFlow,
    loginMode: settings.loginMode,
    officePhone: settings.officePhone,
    ...overrides,
  };
}

type EditorFrame = {
  query: {
    isPending: boolean;
    isError: boolean;
    data: unknown;
    error: unknown;
    refetch: () => Promise<unknown>;
  };
  conflict: Conflict | null;
  reload: () => Promise<void>;
  save: (event?: FormEvent) => void;
  discard: () => void;
  formError: string | null;
  isPending: boolean;
  isDirty: boolean;
  isSaved: boolean;
  changedKeys: string[];
};

/** The frame of each settings screen: title, banners, the form with Save/Discard, the preview beside it. */
export function SettingsScreen(props: {
  title: string;
  intro: string;
  editor: EditorFrame;
  preview: ReactNode;
  children: ReactNode;
}) {
  const { editor } = props;
  const { query, conflict } = editor;
  if (query.isPending) {
    return (
      <div className="as-screen">
        <h2 className="as-title">{props.title}</h2>
        <p role="status" className="as-muted">
          Loading the settings…
        </p>
      </div>
    );
  }
  if (query.isError && !query.data) {
    return (
      <div className="as-screen">
        <h2 className="as-title">{props.title}</h2>
        <p className="banner banner-error" role="alert">
          {describeClientError(query.error).message}
        </p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="as-screen">
      <div className="as-form-column">
        <h2 className="as-title">{props.title}</h2>
        <p className="as-muted as-intro">{props.intro}</p>
        {conflict && !conflict.isReloaded ? (
          <div className="banner banner-error as-conflict" role="alert">
            <p>
              <strong>Someone else changed these settings since you opened them.</strong> Your changes were
              not saved. Reload to see theirs; what you typed stays in the form so you can save it again.
            </p>
            <button type="button" className="button" onClick={() => void editor.reload()}>
              Reload
            </button>
          </div>
        ) : null}
        {conflict?.isReloaded ? (
          <div className="banner as-reloaded" role="status">
            Reloaded the latest settings.{' '}
            {conflict.theirChanges.length > 0
              ? `They changed: ${conflict.theirChanges.join(', ')}. `
              : 'No field you see here changed. '}
            {editor.isDirty
              ? 'Your unsaved changes are still marked below: check them, then save again or discard them.'
              : ''}
          </div>
        ) : null}
        <form className="as-form" noValidate onSubmit={editor.save}>
          {props.children}
          {editor.formError ? (
            <p className="banner banner-error" role="alert">
              {editor.formError}
            </p>
          ) : null}
          <div className="as-actions">
            <button type="submit" className="button" disabled={editor.isPending}>
              {editor.isPending ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={editor.isPending || !editor.isDirty}
              onClick={editor.discard}
            >
              Discard changes
            </button>
            <span className="as-save-state" role="status">
              {editor.isSaved
                ? 'Saved'
                : editor.isDirty
                  ? `${editor.changedKeys.length} unsaved change(s)`
                  : ''}
            </span>
          </div>
        </form>
      </div>
      <div className="as-preview-column">{props.preview}</div>
    </div>
  );
}
