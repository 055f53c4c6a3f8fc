// Admin › Portal wording: every customer-facing wording the portal lets an organization change, with its default,
// grouped by where it appears, searchable, each resettable, saved together; the preview marks the one in focus.
import { portalLabelDefaults, portalLabelIds, type PortalLabelId } from '@portico/validators/portal-labels';
import { useId, useState } from 'react';
import { PortalPreview } from '../preview/portal-preview';
import {
  previewSettingsOf,
  SettingsScreen,
  useServerUrl,
  useSettingsEditor,
  type OrganizationSettings,
  type SettingsChange,
} from './settings-editor';

type LabelsDraft = Record<PortalLabelId, string>;

/** Where each group's wording appears (the key's prefix). */
const groups: Record<string, { title: string; where: string }> = {
  portal: { title: 'Portal', where: 'On the list of appointments.' },
  appointments: { title: 'Appointment list', where: 'On the list of appointments.' },
  appointment: { title: 'Appointment page', where: 'On the appointment page (shown in the preview).' },
  fields: { title: 'Additional information', where: 'Above your custom fields on the appointment page.' },
  signIn: { title: 'Sign-in', where: 'On the sign-in page.' },
  office: { title: 'Office', where: 'Where customers are asked to call you.' },
};

/** Wording drawn in the preview, so focusing it can point at it there. */
const inPreview = new Set<PortalLabelId>([
  'appointment.window',
  'appointment.technician',
  'appointment.address',
  'appointment.serviceDetails',
  'appointment.reschedule',
  'appointment.cancel',
  'appointment.confirm',
  'appointment.addToCalendar',
  'fields.title',
  'office.call',
]);

const toDraft = (s: OrganizationSettings): LabelsDraft =>
  Object.fromEntries(portalLabelIds.map((id) => [id, s.labels[id] ?? ''])) as LabelsDraft;

/** The whole overrides map: blank or default-equal wording is dropped (the default shows), other keys kept. */
function overridesOf(draft: LabelsDraft, saved: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(saved)) {
    if (!(portalLabelIds as string[]).includes(key)) labels[key] = value;
  }
  for (const id of portalLabelIds) {
    const value = draft[id].trim();
    if (value !== '' && value !== portalLabelDefaults[id]) labels[id] = value;
  }
  return labels;
}

const toChange = (
  draft: LabelsDraft,
  _keys: PortalLabelId[],
  settings: OrganizationSettings,
): SettingsChange => ({
  labels: overridesOf(draft, settings.labels),
});
const fieldOf = (field: string) => (field === 'labels' || field.startsWith('labels.') ? 'labels' : null);
const describeKey = (key: PortalLabelId) => `“${portalLabelDefaults[key]}”`;

export function LabelsScreen() {
  const editor = useSettingsEditor({ toDraft, toChange, fieldOf, describeKey });
  const serverUrl = useServerUrl();
  const { settings, draft, saved } = editor;
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState<PortalLabelId | null>(null);
  const searchId = useId();

  const needle = search.trim().toLowerCase();
  const visible = portalLabelIds.filter(
    (id) =>
      needle === '' ||
      id.toLowerCase().includes(needle) ||
      portalLabelDefaults[id].toLowerCase().includes(needle) ||
      (draft?.[id] ?? '').toLowerCase().includes(needle),
  );
  const byGroup = new Map<string, PortalLabelId[]>();
  for (const id of visible) {
    const prefix = id.split('.')[0]!;
    byGroup.set(prefix, [...(byGroup.get(prefix) ?? []), id]);
  }

  const preview =
    settings && draft ? (
      <PortalPreview
        settings={previewSettingsOf(settings, { labels: overridesOf(draft, settings.labels) }, serverUrl)}
        {...(focused ? { highlight: focused } : {})}
      />
    ) : null;

  return (
    <SettingsScreen
      title="Portal wording"
      intro="The words customers read in the portal. Leave a wording empty to use the default."
      editor={editor}
      preview={preview}
    >
      {draft && saved ? (
        <>
          <div className="cu-field">
            <label htmlFor={searchId}>Find a wording</label>
            <input
              id={searchId}
              className="as-search"
              type="search"
              placeholder="Search by wording or key"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          {editor.fieldErrors.labels ? <p className="field-error">{editor.fieldErrors.labels}</p> : null}
          {visible.length === 0 ? <p className="as-muted">No wording matches “{search.trim()}”.</p> : null}
          {[...byGroup.entries()].map(([prefix, ids]) => (
            <section key={prefix} className="as-section" aria-label={groups[prefix]?.title ?? prefix}>
              <div>
                <h3>{groups[prefix]?.title ?? prefix}</h3>
                <p className="as-explain">{groups[prefix]?.where}</p>
              </div>
              {ids.map((id) => (
                <LabelRow
                  key={id}
                  id={id}
                  value={draft[id]}
                  isChanged={draft[id].trim() !== saved[id].trim()}
                  onChange={(value) => editor.set(id, value)}
                  onFocus={() => setFocused(id)}
                  onBlur={() => setFocused((current) => (current === id ? null : current))}
                />
              ))}
            </section>
          ))}
        </>
      ) : null}
    </SettingsScreen>
  );
}

function LabelRow(props: {
  id: PortalLabelId;
  value: string;
  isChanged: boolean;
  onChange: (value: string) => void;
  onFocus: () => void;
  onBlur: () => void;
}) {
  const inputId = useId();
  const fallback = portalLabelDefaults[props.id];
  const isOverridden = props.value.trim() !== '' && props.value.trim() !== fallback;
  return (
    <div className="as-label-row">
      <div className="cu-field">
        <label htmlFor={inputId}>
          {fallback}
          <span className="as-label-key"> · {props.id}</span>
          {props.isChanged ? <span className="as-changed">Changed</span> : null}
        </label>
        <input
          id={inputId}
          type="text"
          maxLength={500}
          placeholder={fallback}
          value={props.value}
          aria-describedby={`${inputId}-hint`}
          onChange={(event) => props.onChange(event.target.value)}
          onFocus={props.onFocus}
          onBlur={props.onBlur}
        />
        <span className="cu-hint" id={`${inputId}-hint`}>
          {isOverridden ? `Default: ${fallback}` : 'Uses the default.'}
          {inPreview.has(props.id) ? '' : ' Not on the appointment page, so not in the preview.'}
        </span>
      </div>
      <button
        type="button"
        className="button button-secondary"
        disabled={props.value === ''}
        aria-label={`Reset “${fallback}” to default`}
        onClick={() => props.onChange('')}
      >
        Reset to default
      </button>
    </div>
  );
}
