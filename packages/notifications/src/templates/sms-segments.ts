// Owns SMS length accounting: GSM-7 vs UCS-2 encoding and how many segments a text is billed as.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export type SmsSegmentCount = {
  encoding: SmsEncoding;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2, an emoji counts 2). */
  characters: number;
  segments: number;
};

// GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1); ESC (0x1B) is not a character a text can use.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Extension table: each is sent as ESC + code, so it takes two septets.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const GSM_SINGLE = 160;
const GSM_CONCATENATED = 153;
const UCS2_SINGLE = 70;
const UCS2_CONCATENATED = 67;

/** Septets a character takes in GSM-7, or null when GSM-7 cannot carry it. */
function gsmSeptets(char: string): 1 | 2 | null {
  if (GSM_BASIC.has(char)) return 1;
  if (GSM_EXTENSION.has(char)) return 2;
  return null;
}

/** The distinct characters that force UCS-2, in order of first appearance. */
export function findNonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (gsmSeptets(char) === null) found.add(char);
  }
  return [...found];
}

/**
 * Packs units into concatenated segments without splitting one character across two segments: handsets
 * cannot split an escape sequence or a surrogate pair, so such a character starts the next segment.
 */
function packSegments(costs: number[], perSegment: number): number {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perSegment) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/** How an SMS text is encoded and how many segments it is billed as. Empty text is 0 segments. */
export function countSmsSegments(text: string): SmsSegmentCount {
  const chars = [...text];
  const gsmCosts: number[] = [];
  let isGsm = true;
  for (const char of chars) {
    const cost = gsmSeptets(char);
    if (cost === null) {
      isGsm = false;
      break;
    }
    gsmCosts.push(cost);
  }

  if (isGsm) {
    const characters = gsmCosts.reduce((sum, cost) => sum + cost, 0);
    if (characters === 0) return { encoding: 'GSM-7', characters: 0, segments: 0 };
    const segments = characters <= GSM_SINGLE ? 1 : packSegments(gsmCosts, GSM_CONCATENATED);
    return { encoding: 'GSM-7', characters, segments };
  }

  const ucsCosts = chars.map((char) => char.length);
  const characters = text.length;
  const segments = characters <= UCS2_SINGLE ? 1 : packSegments(ucsCosts, UCS2_CONCATENATED);
  return { encoding: 'UCS-2', characters, segments };
}

// Look-alikes that our own formatting and typical data entry produce (en dash in time spans, curly
// apostrophes in names, the narrow spaces ICU puts before AM/PM); each one alone would halve what a
// segment holds.
const SMS_LOOKALIKES: Record<string, string> = {
  '\u2013': '-',
  '\u2014': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u02BC': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
};

/** Replaces common typographic look-alikes with their GSM-7 equivalents; everything else is kept. */
export function toSmsFriendlyText(text: string): string {
  let out = '';
  for (const char of text) out += SMS_LOOKALIKES[char] ?? char;
  return out;
}
