// The server address form: checked with main's own rule before it is sent, saved by main, then the app reloads
// (signed out: a session belongs to the server that issued it). Usable outside the signed-in app too.
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DesktopBridge } from '../../../../shared/bridge';
import { serverUrlSchema } from '../../../../shared/ipc-payloads';

export const serverUrlQueryKey = ['desktop', 'server-url'] as const;
export const appInfoQueryKey = ['desktop', 'app-info'] as const;

/** The words of a refusal from main, without Electron's "Error invoking remote method '…': Error:" prefix. */
function describeBridgeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const reason = text.replace(/^Error invoking remote method '[^']*': (Error: )?/, '');
  return reason.replace(/^Refused: invalid payload on [^:]+: /, '') || 'The address could not be saved.';
}

export function ServerUrlForm({
  bridge,
  reload = () => window.location.reload(),
}: {
  bridge: DesktopBridge;
  /** After a change: starts the app afresh against the new server. */
  reload?: () => void;
}) {
  const ids = { input: useId(), hint: useId(), error: useId() };
  const serverUrl = useQuery({ queryKey: serverUrlQueryKey, queryFn: () => bridge.getServerUrl() });
  const appInfo = useQuery({ queryKey: appInfoQueryKey, queryFn: () => bridge.getAppInfo() });
  // null: untouched, showing the current server; a string: what the person typed (kept if saving fails).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (serverUrl.isPending || appInfo.isPending) {
    return <p className="muted settings-loading">Loading the server address…</p>;
  }
  if (serverUrl.isError || appInfo.isError) {
    return (
      <p className="banner banner-error" role="alert">
        The server address could not be read. Restart Portico.
      </p>
    );
  }

  const current = serverUrl.data;
  if (appInfo.data.runtime === 'browser') {
    return (
      <div className="settings-server">
        <p className="settings-value" data-testid="server-url">
          {current}
        </p>
        <p className="muted">
          In a browser, Portico talks to the server this page was opened from; open the page from another
          server to use that one. The desktop app lets you choose the server here.
        </p>
      </div>
    );
  }

  const isLocked = appInfo.data.isServerUrlFromEnvironment;
  const value = draft ?? current;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSaving) return;
    const parsed = serverUrlSchema.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter the server’s address.');
      setNotice(null);
      return;
    }
    setError(null);
    if (parsed.data === current) {
      setDraft(null);
      setNotice('Portico already uses this server.');
      return;
    }
    setIsSaving(true);
    try {
      await bridge.setServerUrl(parsed.data);
      reload();
    } catch (failure) {
      setError(describeBridgeError(failure));
      setIsSaving(false);
    }
  }

  function resetOnEscape(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Escape' || draft === null) return;
    event.preventDefault();
    setDraft(null);
    setError(null);
    setNotice(null);
  }

  return (
    <form className="settings-server" noValidate onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor={ids.input}>Server address</label>
        <input
          id={ids.input}
          name="serverUrl"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={value}
          readOnly={isLocked}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
            setNotice(null);
          }}
          onKeyDown={resetOnEscape}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? ids.error : null, ids.hint].filter(Boolean).join(' ')}
        />
        {error ? (
          <p className="field-error" id={ids.error} role="alert">
            {error}
          </p>
        ) : null}
        <p className="muted settings-hint" id={ids.hint}>
          {isLocked
            ? 'Set by PORTICO_SERVER_URL when Portico was started; change or unset it and restart to choose here.'
            : 'For example https://portico.example.com (plain http only for localhost). Saving signs you out: your session belongs to the current server.'}
        </p>
      </div>
      {notice ? (
        <p className="banner" role="status">
          {notice}
        </p>
      ) : null}
      {isLocked ? null : (
        <div className="settings-actions">
          <button type="submit" className="button" disabled={isSaving || draft === null}>
            {isSaving ? 'Saving…' : 'Save and reconnect'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={isSaving || draft === null}
            onClick={() => {
              setDraft(null);
              setError(null);
              setNotice(null);
            }}
          >
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
