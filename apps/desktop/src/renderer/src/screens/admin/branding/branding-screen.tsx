// Admin › Branding: the logo and the two brand colors, with a warning where a color is too light (or dark) for
// text and what the portal does about it, and the portal's appointment page previewed beside the form.
import { describeClientError, useTRPC } from '@portico/api-client';
import { buildBrandTheme, contrastRatio, parseHexColor, TEXT_CONTRAST } from '@portico/ui/theme';
import { logoMaxBytes } from '@portico/validators/organization';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { PortalPreview } from '../preview/portal-preview';
import {
  absoluteLogoUrl,
  previewSettingsOf,
  SettingsScreen,
  useServerUrl,
  useSettingsEditor,
  type OrganizationSettings,
  type SettingsChange,
} from './settings-editor';

type BrandingDraft = { primaryColor: string; accentColor: string };

const HEX = /^#[0-9a-fA-F]{6}$/;
const COLOR_MESSAGE = 'Use a color like #1f6feb.';
/** The portal's page background (apps/portal/src/styles.css --surface-muted): brand-colored text sits on it. */
const PORTAL_PAGE_BACKGROUND = '#f5f6f8';
const LOGO_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.svg'];
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];

const toDraft = (s: OrganizationSettings): BrandingDraft => ({
  primaryColor: s.primaryColor,
  accentColor: s.accentColor,
});
const toChange = (draft: BrandingDraft, keys: (keyof BrandingDraft)[]): SettingsChange => {
  const change: SettingsChange = {};
  for (const key of keys) change[key] = draft[key];
  return change;
};
const fieldOf = (field: string) => (field === 'primaryColor' || field === 'accentColor' ? field : null);
const describeKey = (key: keyof BrandingDraft) => (key === 'primaryColor' ? 'primary color' : 'accent color');

export function BrandingScreen() {
  const editor = useSettingsEditor({ toDraft, toChange, fieldOf, describeKey });
  const serverUrl = useServerUrl();
  const { settings, draft, saved } = editor;

  const validOr = (value: string | undefined, fallback: string) =>
    value && HEX.test(value.trim()) ? value.trim() : fallback;
  const preview =
    settings && draft ? (
      <PortalPreview
        settings={previewSettingsOf(
          settings,
          {
            primaryColor: validOr(draft.primaryColor, settings.primaryColor),
            accentColor: validOr(draft.accentColor, settings.accentColor),
          },
          serverUrl,
        )}
      />
    ) : null;

  return (
    <SettingsScreen
      title="Branding"
      intro="Your logo and colors on the customer portal. The preview shows the appointment page as you change them."
      editor={editor}
      preview={preview}
    >
      {settings && draft && saved ? (
        <>
          <LogoSection
            settings={settings}
            serverUrl={serverUrl}
            error={editor.fieldErrors.logo}
            onError={(message) => editor.setFieldError('logo', message)}
            onSaved={editor.accept}
          />
          <section className="as-section" aria-labelledby="branding-colors">
            <h3 id="branding-colors">Colors</h3>
            <ColorField
              label="Primary color"
              explain="Buttons, the progress bar and links on the portal."
              value={draft.primaryColor}
              isChanged={draft.primaryColor !== saved.primaryColor}
              error={editor.fieldErrors.primaryColor}
              onChange={(value) => editor.set('primaryColor', value)}
              warning={primaryWarning(draft.primaryColor, draft.accentColor)}
            />
            <ColorField
              label="Accent color"
              explain="Highlights only: the stripe on appointments that need the customer, the logo mark's blend."
              value={draft.accentColor}
              isChanged={draft.accentColor !== saved.accentColor}
              error={editor.fieldErrors.accentColor}
              onChange={(value) => editor.set('accentColor', value)}
              warning={accentWarning(draft.accentColor)}
            />
          </section>
        </>
      ) : null}
    </SettingsScreen>
  );
}

function ColorField(props: {
  label: string;
  explain: string;
  value: string;
  isChanged: boolean;
  error: string | undefined;
  warning: string | null;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const isValid = HEX.test(props.value.trim());
  // the typed value is checked as it is typed; the server's refusal (same words) replaces it after a save
  const error = props.error ?? (isValid ? undefined : COLOR_MESSAGE);
  const describedBy = [`${id}-explain`, error ? `${id}-error` : null, props.warning ? `${id}-warning` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="cu-field">
      <label htmlFor={`${id}-hex`}>
        {props.label}
        {props.isChanged ? <span className="as-changed">Changed</span> : null}
      </label>
      <div className="as-color">
        <input
          type="color"
          aria-label={`${props.label} picker`}
          value={isValid ? props.value.trim().toLowerCase() : '#000000'}
          onChange={(event) => props.onChange(event.target.value)}
        />
        <input
          id={`${id}-hex`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          maxLength={20}
          value={props.value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
      <p className="as-explain" id={`${id}-explain`}>
        {props.explain}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.warning ? (
        <p className="as-warning" id={`${id}-warning`} role="note">
          {props.warning}
        </p>
      ) : null}
    </div>
  );
}

const ratio = (n: number) => `${n.toFixed(1)}:1`;

/** What fails WCAG AA (4.5:1) and what the portal does instead, in one or two sentences; null when all passes. */
function primaryWarning(primaryHex: string, accentHex: string): string | null {
  const primary = parseHexColor(primaryHex);
  if (!primary || !HEX.test(primaryHex.trim())) return null;
  const white = { r: 255, g: 255, b: 255 };
  const page = parseHexColor(PORTAL_PAGE_BACKGROUND)!;
  const theme = buildBrandTheme(
    primaryHex,
    HEX.test(accentHex.trim()) ? accentHex : '#f59e0b',
    PORTAL_PAGE_BACKGROUND,
  );
  const parts: string[] = [];
  const onWhite = contrastRatio(white, primary);
  if (onWhite < TEXT_CONTRAST) {
    parts.push(
      theme.onPrimary === '#ffffff'
        ? `White button text on this color reaches only ${ratio(onWhite)} (4.5:1 needed), so the portal darkens the buttons to ${theme.primary}.`
        : `White button text on this color reaches only ${ratio(onWhite)} (4.5:1 needed), so the portal writes button text in near-black.`,
    );
  }
  const asText = contrastRatio(primary, page);
  if (asText < TEXT_CONTRAST) {
    parts.push(
      `As text on the portal's light background it reaches only ${ratio(asText)}, so links and secondary buttons use the darker ${theme.primaryText}.`,
    );
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function accentWarning(accentHex: string): string | null {
  const accent = parseHexColor(accentHex);
  if (!accent || !HEX.test(accentHex.trim())) return null;
  const onWhite = contrastRatio(accent, { r: 255, g: 255, b: 255 });
  if (onWhite >= TEXT_CONTRAST) return null;
  return `As text on white it would reach only ${ratio(onWhite)}; the portal never writes text in the accent, it only uses it for stripes and highlights.`;
}

/** The logo: shown as it is now, replaced by picking a file (sent at once), or removed. */
function LogoSection(props: {
  settings: OrganizationSettings;
  serverUrl: string | undefined;
  error: string | undefined;
  onError: (message: string | null) => void;
  onSaved: (next: OrganizationSettings) => void;
}) {
  const { settings, onError, onSaved } = props;
  const trpc = useTRPC();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [isReading, setIsReading] = useState(false);
  const upload = useMutation(trpc.organization.uploadLogo.mutationOptions());
  const remove = useMutation(trpc.organization.removeLogo.mutationOptions());
  const isBusy = isReading || upload.isPending || remove.isPending;
  const logoUrl = absoluteLogoUrl(settings.logoUrl, props.serverUrl);

  const handlers = {
    onSuccess: (next: OrganizationSettings) => {
      onError(null);
      onSaved(next);
    },
    onError: (error: unknown) => {
      const info = describeClientError(error);
      onError(
        info.code === 'CONFLICT'
          ? `${info.message} Reload the page to see their changes, then try again.`
          : (info.fieldErrors.dataBase64?.[0] ?? info.fieldErrors.fileName?.[0] ?? info.message),
      );
    },
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const name = file.name.toLowerCase();
    // a quick answer for the obvious cases; the server checks the bytes themselves and has the last word
    if (
      !LOGO_EXTENSIONS.some((ext) => name.endsWith(ext)) ||
      (file.type && !LOGO_TYPES.includes(file.type))
    ) {
      onError('Use a PNG, JPEG or SVG image for the logo.');
      return;
    }
    if (file.size > logoMaxBytes) {
      onError('The logo is larger than 512 KB. Use a smaller image.');
      return;
    }
    onError(null);
    setIsReading(true);
    try {
      const dataBase64 = await readBase64(file);
      upload.mutate({ version: settings.version, fileName: file.name, dataBase64 }, handlers);
    } catch {
      onError('The file could not be read. Choose it again.');
    } finally {
      setIsReading(false);
    }
  };

  return (
    <section className="as-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Logo</h3>
      <div className="as-logo">
        <div className="as-logo-box">
          {logoUrl ? (
            <img src={logoUrl} alt="Current logo" data-testid="current-logo" />
          ) : (
            <span>No logo</span>
          )}
        </div>
        <div className="as-logo-actions">
          <div className="cu-field">
            <label htmlFor={`${id}-file`}>{logoUrl ? 'Replace the logo' : 'Upload a logo'}</label>
            <input
              ref={inputRef}
              id={`${id}-file`}
              className="as-file"
              type="file"
              accept=".png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml"
              disabled={isBusy}
              aria-invalid={props.error ? true : undefined}
              aria-describedby={`${id}-explain${props.error ? ` ${id}-error` : ''}`}
              onChange={(event) => void choose(event)}
            />
          </div>
          <p className="as-explain" id={`${id}-explain`}>
            PNG, JPEG or SVG up to 512 KB; shown at the top of every portal page. It is saved as soon as you
            pick it.
          </p>
          {isBusy ? (
            <p className="as-explain" role="status">
              {remove.isPending ? 'Removing…' : 'Uploading…'}
            </p>
          ) : null}
          {props.error ? (
            <p className="field-error" id={`${id}-error`}>
              {props.error}
            </p>
          ) : null}
          {logoUrl ? (
            <div>
              <button
                type="button"
                className="button button-secondary"
                disabled={isBusy}
                onClick={() => remove.mutate({ version: settings.version }, handlers)}
              >
                Remove logo
              </button>
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result);
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}
