// Owns turning an organization's brand colors into a theme people can read: WCAG contrast ratios, and colors
// nudged darker or lighter until text drawn with them (or on them) reaches the ratio. Shared by the portal and
// the desktop admin's live preview and warnings.

export type Rgb = { r: number; g: number; b: number };

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#1f6feb`, `1f6feb` or `#18e` to RGB 0–255; null for anything else. */
export function parseHexColor(value: string): Rgb | null {
  const match = HEX.exec(value.trim());
  if (!match) return null;
  let hex = match[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 0xff };
}

export function toHexColor({ r, g, b }: Rgb): string {
  const part = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** WCAG 2.x relative luminance. */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two colors, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** WCAG AA for normal text. */
export const TEXT_CONTRAST = 4.5;

const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return {
    r: from.r + (to.r - from.r) * amount,
    g: from.g + (to.g - from.g) * amount,
    b: from.b + (to.b - from.b) * amount,
  };
}

/**
 * The color itself when it already reaches `ratio` against `background`; otherwise the nearest shade of it
 * (mixed toward black on light backgrounds, toward white on dark ones) that does. Keeps the hue recognisable.
 */
export function adjustForContrast(color: Rgb, background: Rgb, ratio = TEXT_CONTRAST): Rgb {
  if (contrastRatio(color, background) >= ratio) return color;
  const target = relativeLuminance(background) > 0.18 ? BLACK : WHITE;
  // contrast grows monotonically along the mix, so a binary search finds the smallest change
  let low = 0;
  let high = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (low + high) / 2;
    if (contrastRatio(mix(color, target, mid), background) >= ratio) high = mid;
    else low = mid;
  }
  const adjusted = mix(color, target, high);
  // rounding to whole channels can land a hair under the ratio: step once more if so
  const rounded = parseHexColor(toHexColor(adjusted))!;
  return contrastRatio(rounded, background) >= ratio ? rounded : mix(color, target, Math.min(1, high + 0.01));
}

export type BrandTheme = {
  /** Background of primary buttons and the header mark. */
  primary: string;
  /** Text and icons drawn on `primary`. */
  onPrimary: string;
  /** The primary color as text (links, selected states) on the page's white surface. */
  primaryText: string;
  /** Accent for highlights (badges, the "needs action" stripe), never used for text. */
  accent: string;
  /** True when a color had to be changed to stay readable (admins are warned). */
  wasAdjusted: boolean;
};

/**
 * The theme for an organization's colors on a white surface. Button text is white or near-black, whichever
 * reads better; when neither reaches 4.5:1 on the brand color, the button's color is darkened until white does.
 */
export function buildBrandTheme(primaryHex: string, accentHex: string, surfaceHex = '#ffffff'): BrandTheme {
  const fallback = { r: 31, g: 111, b: 235 };
  const primary = parseHexColor(primaryHex) ?? fallback;
  const accent = parseHexColor(accentHex) ?? { r: 245, g: 158, b: 11 };
  const surface = parseHexColor(surfaceHex) ?? WHITE;
  const ink: Rgb = { r: 17, g: 20, b: 24 };

  let buttonColor = primary;
  let onPrimary = contrastRatio(WHITE, primary) >= contrastRatio(ink, primary) ? WHITE : ink;
  if (contrastRatio(onPrimary, primary) < TEXT_CONTRAST) {
    onPrimary = WHITE;
    buttonColor = adjustForContrast(primary, WHITE);
  }
  const primaryText = adjustForContrast(primary, surface);
  const same = (a: Rgb, b: Rgb) => toHexColor(a) === toHexColor(b);
  return {
    primary: toHexColor(buttonColor),
    onPrimary: toHexColor(onPrimary),
    primaryText: toHexColor(primaryText),
    accent: toHexColor(accent),
    wasAdjusted: !same(buttonColor, primary) || !same(primaryText, primary),
  };
}
