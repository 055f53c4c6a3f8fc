import { describe, expect, it } from 'vitest';
import { adjustForContrast, buildBrandTheme, contrastRatio, parseHexColor, TEXT_CONTRAST } from './theme';

const hex = (value: string) => parseHexColor(value)!;

describe('contrast', () => {
  it('computes the WCAG ratios of known pairs', () => {
    expect(contrastRatio(hex('#000'), hex('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(hex('#fff'), hex('#fff'))).toBeCloseTo(1, 5);
    // #767676 on white is the classic just-passing grey
    expect(contrastRatio(hex('#767676'), hex('#ffffff'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(hex('#777777'), hex('#ffffff'))).toBeLessThan(4.5);
  });

  it('parses only hex colors', () => {
    expect(parseHexColor('#1F6FEB')).toEqual({ r: 31, g: 111, b: 235 });
    expect(parseHexColor('18e')).toEqual({ r: 17, g: 136, b: 238 });
    expect(parseHexColor('red')).toBeNull();
    expect(parseHexColor('#12345')).toBeNull();
  });

  it('leaves a readable color alone and darkens a pale one just enough', () => {
    expect(adjustForContrast(hex('#0b3d91'), hex('#ffffff'))).toEqual(hex('#0b3d91'));
    const pale = hex('#ffd54f');
    const adjusted = adjustForContrast(pale, hex('#ffffff'));
    const ratio = contrastRatio(adjusted, hex('#ffffff'));
    expect(ratio).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(ratio).toBeLessThan(TEXT_CONTRAST + 0.5);
  });

  it('lightens on a dark background', () => {
    const adjusted = adjustForContrast(hex('#1f2a44'), hex('#101010'));
    expect(contrastRatio(adjusted, hex('#101010'))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });
});

describe('brand theme', () => {
  it('keeps a dark brand color and puts white text on it', () => {
    const theme = buildBrandTheme('#0b3d91', '#f59e0b');
    expect(theme).toMatchObject({ primary: '#0b3d91', onPrimary: '#ffffff', primaryText: '#0b3d91' });
    expect(theme.wasAdjusted).toBe(false);
  });

  it('puts dark text on a light brand color that reads well with it', () => {
    const theme = buildBrandTheme('#ffd54f', '#000000');
    expect(theme.onPrimary).toBe('#111418');
    expect(theme.primary).toBe('#ffd54f');
    // as text on white the yellow is unreadable, so the text shade is darkened
    expect(contrastRatio(hex(theme.primaryText), hex('#ffffff'))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(theme.wasAdjusted).toBe(true);
  });

  it('darkens a mid-tone brand color that neither white nor black text can read on', () => {
    const theme = buildBrandTheme('#3c9f40', '#f59e0b');
    expect(contrastRatio(hex(theme.onPrimary), hex(theme.primary))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrastRatio(hex(theme.primaryText), hex('#ffffff'))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it('falls back to the default blue for a color it cannot read', () => {
    expect(buildBrandTheme('not-a-color', '#fff').primary).toBe('#1f6feb');
  });
});
