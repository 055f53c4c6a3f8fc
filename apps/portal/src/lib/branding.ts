// Applies an organization's brand colors to the page as CSS variables, adjusted so text stays readable.
import { buildBrandTheme } from '@portico/ui/theme';

/** --surface-muted in styles.css. */
const PAGE_BACKGROUND = '#f5f6f8';

export function applyBranding(colors: { primaryColor: string; accentColor: string }): void {
  // brand-colored text sits on the page background (the darkest surface), so it is checked against that
  const theme = buildBrandTheme(colors.primaryColor, colors.accentColor, PAGE_BACKGROUND);
  const style = document.documentElement.style;
  style.setProperty('--brand-primary', theme.primary);
  style.setProperty('--brand-on-primary', theme.onPrimary);
  style.setProperty('--brand-text', theme.primaryText);
  style.setProperty('--brand-accent', theme.accent);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme.primary);
}
