// One notification type in the Admin settings table: on/off and delivery method, each change saved at once
// with its own "Saved" or error (a stale version says someone else changed it and offers a reload).
import { describeClientError, useTRPC } from '@portico/api-client';
import type { NotificationSetting, NotificationTemplate } from '@portico/validators/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  channelNames,
  methodNames,
  typeDescriptions,
  typeNames,
  type Channel,
  type DeliveryMethod,
} from './notification-words';

type RowStatus =
  { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string; isConflict: boolean };

export type TemplateKey = { type: NotificationSetting['type']; channel: Channel };

export function NotificationTypeRow({
  setting,
  templates,
  selected,
  onEdit,
}: {
  setting: NotificationSetting;
  templates: NotificationTemplate[];
  selected: TemplateKey | null;
  onEdit: (key: TemplateKey) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  // what the admin chose and has not seen saved yet; null shows the server's values
  const [draft, setDraft] = useState<{ enabled: boolean; method: DeliveryMethod } | null>(null);
  const [status, setStatus] = useState<RowStatus>({ kind: 'idle' });
  const [isReloading, setIsReloading] = useState(false);
  const update = useMutation(trpc.notifications.updateSetting.mutationOptions());
  const shown = draft ?? { enabled: setting.enabled, method: setting.method };
  const name = typeNames[setting.type];

  const save = (next: { enabled: boolean; method: DeliveryMethod }) => {
    if (update.isPending) return;
    setDraft(next);
    setStatus({ kind: 'idle' });
    update.mutate(
      { type: setting.type, ...next, version: setting.version },
      {
        onSuccess: (saved) => {
          queryClient.setQueryData(trpc.notifications.settings.queryKey(), (old) =>
            old?.map((s) => (s.type === saved.type ? saved : s)),
          );
          setDraft(null);
          setStatus({ kind: 'saved' });
        },
        onError: (error) => {
          const info = describeClientError(error);
          const isConflict = info.code === 'CONFLICT';
          setStatus({
            kind: 'error',
            isConflict,
            message: isConflict
              ? 'Someone else changed this setting. Reload to see their choice, then change it again.'
              : info.message,
          });
        },
      },
    );
  };

  const reload = async () => {
    setIsReloading(true);
    try {
      await queryClient.refetchQueries({ queryKey: trpc.notifications.settings.queryKey() });
      setDraft(null);
      setStatus({ kind: 'idle' });
    } finally {
      setIsReloading(false);
    }
  };

  const channels: Channel[] = ['sms', 'email'];
  return (
    <tr aria-labelledby={`${ids}-name`} className={shown.enabled ? undefined : 'na-row-off'}>
      <th scope="row">
        <span className="na-type-name" id={`${ids}-name`}>
          {name}
        </span>
        <span className="na-type-description">{typeDescriptions[setting.type]}</span>
      </th>
      <td>
        <label className="na-switch">
          <input
            type="checkbox"
            role="switch"
            aria-label={`Send ${name}`}
            checked={shown.enabled}
            disabled={update.isPending}
            onChange={(event) => save({ ...shown, enabled: event.target.checked })}
          />
          <span className="na-switch-track" aria-hidden="true" />
          <span className="na-switch-text">{shown.enabled ? 'On' : 'Off'}</span>
        </label>
      </td>
      <td>
        <select
          aria-label={`Delivery method for ${name}`}
          className="na-select"
          value={shown.method}
          disabled={update.isPending}
          onChange={(event) => save({ ...shown, method: event.target.value as DeliveryMethod })}
        >
          {(Object.keys(methodNames) as DeliveryMethod[]).map((method) => (
            <option key={method} value={method}>
              {methodNames[method]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div className="na-template-links">
          {channels.map((channel) => {
            const template = templates.find((t) => t.type === setting.type && t.channel === channel);
            const isSelected = selected?.type === setting.type && selected.channel === channel;
            return (
              <button
                key={channel}
                type="button"
                className="button button-secondary na-template-button"
                aria-pressed={isSelected}
                aria-label={`Edit the ${channelNames[channel]} template of ${name}`}
                onClick={() => onEdit({ type: setting.type, channel })}
              >
                {channelNames[channel]}
                {template && !template.isDefault ? <span className="na-badge">Edited</span> : null}
              </button>
            );
          })}
        </div>
      </td>
      <td className="na-row-status" aria-live="polite">
        {update.isPending ? (
          <span className="muted">Saving…</span>
        ) : status.kind === 'saved' ? (
          <span className="na-saved">Saved</span>
        ) : status.kind === 'error' ? (
          <span className="na-row-error" role="alert">
            <span className="field-error">{status.message}</span>
            {status.isConflict ? (
              <button
                type="button"
                className="button button-secondary na-small-button"
                disabled={isReloading}
                onClick={() => void reload()}
              >
                {isReloading ? 'Reloading…' : 'Reload'}
              </button>
            ) : null}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
