// Applies an organization's brand colors to the page as CSS variables, adjusted so text stays readable.
import { buildBrandTheme } from '@portico/ui/theme';

export function applyBranding(colors: { primaryColor: string; accentColor: string }): void {
  const theme = buildBrandTheme(colors.primaryColor, colors.accentColor);
  const style = document.documentElement.style;
  style.setProperty('--brand-primary', theme.primary);
  style.setProperty('--brand-on-primary', theme.onPrimary);
  style.setProperty('--brand-text', theme.primaryText);
  style.setProperty('--brand-accent', theme.accent);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme.primary);
}
