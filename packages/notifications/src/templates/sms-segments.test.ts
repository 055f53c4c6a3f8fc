import { describe, expect, it } from 'vitest';
import { countSmsSegments, findNonGsmCharacters, toSmsFriendlyText } from './sms-segments';

describe('countSmsSegments', () => {
  it('counts empty text as 0 segments', () => {
    expect(countSmsSegments('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0 });
  });

  it('fits 160 GSM-7 characters in one segment and splits 161 into two', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(countSmsSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', characters: 306, segments: 2 });
    expect(countSmsSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', characters: 307, segments: 3 });
  });

  it('treats the whole GSM basic set (accents, Greek capitals, newline) as one septet each', () => {
    expect(countSmsSegments('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r')).toEqual({
      encoding: 'GSM-7',
      characters: 44,
      segments: 1,
    });
  });

  it('counts extension characters as two septets', () => {
    expect(countSmsSegments('^{}\\[~]|€\f')).toEqual({ encoding: 'GSM-7', characters: 20, segments: 1 });
    expect(countSmsSegments('a'.repeat(158) + '€')).toMatchObject({ characters: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(159) + '€')).toMatchObject({ characters: 161, segments: 2 });
  });

  it('never splits an extension character across the 153 boundary', () => {
    // 152 + 2 = 154 septets: the € cannot straddle septets 153/154, so it opens segment 2.
    expect(countSmsSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toEqual({
      encoding: 'GSM-7',
      characters: 306,
      segments: 3,
    });
    // Same total length with the € fully inside segment 1 fits in two.
    expect(countSmsSegments('a'.repeat(151) + '€' + 'a'.repeat(153))).toEqual({
      encoding: 'GSM-7',
      characters: 306,
      segments: 2,
    });
  });

  it('switches to UCS-2 for any character outside GSM-7: 70 in one segment, 67 per part after', () => {
    expect(countSmsSegments('’' + 'a'.repeat(69))).toEqual({
      encoding: 'UCS-2',
      characters: 70,
      segments: 1,
    });
    expect(countSmsSegments('’' + 'a'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      characters: 71,
      segments: 2,
    });
    expect(countSmsSegments('á'.repeat(134))).toEqual({ encoding: 'UCS-2', characters: 134, segments: 2 });
    expect(countSmsSegments('á'.repeat(135))).toEqual({ encoding: 'UCS-2', characters: 135, segments: 3 });
  });

  it('counts an emoji as two UTF-16 units and keeps its pair in one segment', () => {
    expect(countSmsSegments('👍')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1 });
    expect(countSmsSegments('a'.repeat(68) + '👍')).toEqual({
      encoding: 'UCS-2',
      characters: 70,
      segments: 1,
    });
    expect(countSmsSegments('a'.repeat(69) + '👍')).toEqual({
      encoding: 'UCS-2',
      characters: 71,
      segments: 2,
    });
    // 66 + 2 would end at unit 68: the pair moves to part 2, which then holds 2 + 65 = 67.
    expect(countSmsSegments('a'.repeat(66) + '👍' + 'a'.repeat(66))).toEqual({
      encoding: 'UCS-2',
      characters: 134,
      segments: 3,
    });
    expect(countSmsSegments('a'.repeat(65) + '👍' + 'a'.repeat(67))).toEqual({
      encoding: 'UCS-2',
      characters: 134,
      segments: 2,
    });
  });

  it('counts extension characters as one unit once the text is UCS-2', () => {
    expect(countSmsSegments('€'.repeat(69) + 'ç')).toEqual({
      encoding: 'UCS-2',
      characters: 70,
      segments: 1,
    });
  });
});

describe('findNonGsmCharacters', () => {
  it('lists each character that forces UCS-2 once', () => {
    expect(findNonGsmCharacters('We’re here – it’s 8:00 €')).toEqual(['’', '–']);
    expect(findNonGsmCharacters('plain text')).toEqual([]);
  });
});

describe('toSmsFriendlyText', () => {
  it('replaces dashes, curly quotes and narrow spaces with GSM-7 equivalents', () => {
    const text = toSmsFriendlyText('O’Brien “Jr” 8:00\u202FAM – 12:00\u00A0PM…');
    expect(text).toBe('O\'Brien "Jr" 8:00 AM - 12:00 PM...');
    expect(countSmsSegments(text).encoding).toBe('GSM-7');
  });

  it('keeps characters it has no equivalent for', () => {
    expect(toSmsFriendlyText('Zoë 👍')).toBe('Zoë 👍');
  });
});
