// The Admin "Notifications" screen: each type on or off with its delivery method, and the template editor for
// one type and channel (live checks, variable picker, preview against a real task, send a test).
import { describeClientError, useTRPC } from '@portico/api-client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { NotificationTypeRow, type TemplateKey } from './notification-type-row';
import { notificationTypeOrder } from './notification-words';
import { TemplateEditor } from './template-editor';
import './notifications-admin.css';

export function NotificationSettingsScreen() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.notifications.settings.queryOptions());
  const templates = useQuery(trpc.notifications.templates.queryOptions());
  const [selected, setSelected] = useState<TemplateKey | null>(null);

  const rows = [...(settings.data ?? [])].sort(
    (a, b) => notificationTypeOrder.indexOf(a.type) - notificationTypeOrder.indexOf(b.type),
  );
  const template = selected
    ? (templates.data?.find((t) => t.type === selected.type && t.channel === selected.channel) ?? null)
    : null;

  return (
    <section className="na-screen" aria-labelledby="na-title">
      <header className="na-header">
        <h2 id="na-title">Notifications</h2>
        <p className="muted">
          Choose which messages customers get and how. Changes here are saved as you make them and apply to
          the next message sent.
        </p>
      </header>

      {settings.isPending || templates.isPending ? (
        <p role="status">Loading notification settings…</p>
      ) : settings.isError || templates.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(settings.error ?? templates.error).message}
        </p>
      ) : rows.length === 0 ? (
        <p className="na-empty">No notification types are available.</p>
      ) : (
        <table className="na-table" aria-label="Notification types">
          <thead>
            <tr>
              <th scope="col">Notification</th>
              <th scope="col">Sent</th>
              <th scope="col">Delivery</th>
              <th scope="col">Templates</th>
              <th scope="col">
                <span className="na-visually-hidden">Save status</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((setting) => (
              <NotificationTypeRow
                key={setting.type}
                setting={setting}
                templates={templates.data}
                selected={selected}
                onEdit={setSelected}
              />
            ))}
          </tbody>
        </table>
      )}

      {selected && template ? (
        <TemplateEditor
          // a fresh editor per type and channel, so a draft never leaks from one template into another
          key={`${selected.type}:${selected.channel}`}
          template={template}
          onClose={() => setSelected(null)}
        />
      ) : settings.data && templates.data ? (
        <p className="na-pick-hint muted">Choose SMS or Email on a row to edit that message’s template.</p>
      ) : null}
    </section>
  );
}
