// Decides whether uploaded bytes are a logo Portico will store: the type is detected from the bytes (PNG, JPEG or
// SVG), the size is bounded, and an SVG with anything active or external in it is refused, never cleaned.
import { logoMaxBytes } from '@portico/validators/organization';
import { AppError } from '../errors';

export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/svg+xml';
export type CheckedLogo = { contentType: LogoContentType; bytes: Uint8Array };

const USE_INSTEAD = 'Use a PNG, JPEG or SVG image.';

function refuse(message: string): AppError {
  return new AppError('BAD_REQUEST', message, { field: 'logo' });
}

/** Optional `data:<type>;base64,` prefix (a FileReader data URL), then strict base64. */
export function decodeBase64(input: string): Uint8Array {
  const body = input.replace(/^data:[^,]{0,100};base64,/i, '').replace(/\s+/g, '');
  if (body.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
    throw refuse(`The file could not be read (it is not valid base64). ${USE_INSTEAD}`);
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((b, i) => bytes[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const JPEG = [0xff, 0xd8, 0xff] as const;

/** A name for common files that are not logos, so the refusal can say what was uploaded. */
function describeOther(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'a GIF image';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP image';
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (/^\s*<(!doctype\s+html|html[\s>])/i.test(head)) return 'an HTML page';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.slice(4, 12) === 'ftypavif' || head.slice(4, 12) === 'ftypheic') return 'an AVIF or HEIC image';
  return null;
}

/** Refuses anything but a PNG, a JPEG or a safe SVG of at most logoMaxBytes; returns the bytes and their type. */
export function checkLogo(dataBase64: string): CheckedLogo {
  const bytes = decodeBase64(dataBase64);
  if (bytes.length === 0) throw refuse(`The file is empty. ${USE_INSTEAD}`);
  if (bytes.length > logoMaxBytes) throw refuse('The logo is larger than 512 KB. Use a smaller image.');
  if (startsWith(bytes, PNG)) return { contentType: 'image/png', bytes };
  if (startsWith(bytes, JPEG)) return { contentType: 'image/jpeg', bytes };
  const other = describeOther(bytes);
  if (other) throw refuse(`The file is ${other}. ${USE_INSTEAD}`);
  const text = decodeUtf8(bytes);
  if (text === null || !/^\s*(<\?xml[\s?]|<!--|<!doctype\s+svg|<svg[\s>/:])/i.test(stripBom(text))) {
    throw refuse(`The file is not a PNG, JPEG or SVG image. ${USE_INSTEAD}`);
  }
  checkSvg(stripBom(text));
  return { contentType: 'image/svg+xml', bytes };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

// ---- SVG ----

function refuseSvg(reason: string): AppError {
  return refuse(`This SVG can't be used as a logo: ${reason} Remove it, or use a PNG or JPEG instead.`);
}

const notWellFormed = (detail: string) =>
  refuse(`The SVG could not be read (${detail}). Export it again as a plain SVG, or use a PNG or JPEG.`);

const FORBIDDEN_ELEMENTS: Record<string, string> = {
  script: 'it contains a script.',
  handler: 'it contains a script (a <handler> element).',
  listener: 'it contains an event listener.',
  foreignobject: 'it embeds HTML (a <foreignObject> element).',
  iframe: 'it embeds another page (an <iframe> element).',
  embed: 'it embeds other content (an <embed> element).',
  object: 'it embeds other content (an <object> element).',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's character references and its five named entities; anything else is not well-formed without a DTD. */
export function decodeXmlEntities(value: string): string {
  return value.replace(/&([^;&\s]{0,32});/g, (_m, ref: string) => {
    const named = NAMED_ENTITIES[ref];
    if (named !== undefined) return named;
    const hex = /^#x([0-9a-f]{1,6})$/i.exec(ref);
    const dec = /^#([0-9]{1,7})$/.exec(ref);
    const code = hex ? parseInt(hex[1]!, 16) : dec ? parseInt(dec[1]!, 10) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff) throw notWellFormed(`unknown entity &${ref};`);
    return String.fromCodePoint(code);
  });
}

/** Lower-cased with whitespace and control characters removed, as browsers read URL schemes. */
const squash = (value: string) =>
  [...value]
    .filter((c) => c.trim() !== '' && c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .toLowerCase();

function checkUrlValue(value: string, where: string): void {
  const s = squash(value);
  if (s.includes('javascript:') || s.includes('vbscript:')) {
    throw refuseSvg(`${where} contains a javascript: link.`);
  }
  if (s.includes('data:text/html') || s.includes('data:application/xhtml')) {
    throw refuseSvg(`${where} contains an embedded HTML page (data:text/html).`);
  }
}

/** CSS (a style attribute or a <style> element): no imports, no url() to anything but this document's ids. */
function checkCss(css: string, where: string): void {
  if (css.includes('\\'))
    throw refuseSvg(`${where} uses CSS escapes, which could hide an external reference.`);
  const s = css.toLowerCase();
  if (s.includes('@import')) throw refuseSvg(`${where} imports an external style sheet (@import).`);
  if (s.includes('expression(')) throw refuseSvg(`${where} contains a CSS expression.`);
  for (const match of s.matchAll(/url\s*\(\s*(['"]?)\s*([^'")]*)/g)) {
    if (!match[2]!.startsWith('#')) {
      throw refuseSvg(`${where} refers to an external file (url(${match[2]!.slice(0, 60)})).`);
    }
  }
}

// sticky: each matches exactly at lastIndex, so the tokenizer never copies the rest of the file
const NAME = /[A-Za-z_][\w.:-]*/y;
const CLOSING_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const TAG_END = /\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s=/>"']+)\s*=\s*("([^"]*)"|'([^']*)')/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1).toLowerCase();

/**
 * A small XML tokenizer, enough to see every element, attribute and text run of a logo: the document must be
 * one <svg> root (after an optional XML declaration and comments) with balanced tags.
 */
export function checkSvg(text: string): void {
  const stack: string[] = [];
  let sawRoot = false;
  let rootClosed = false;
  let inStyle = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const textRun = lt === -1 ? text.slice(i) : text.slice(i, lt);
    if (textRun.trim() !== '') {
      if (!sawRoot || rootClosed) throw notWellFormed('there is text outside the <svg> element');
      const decoded = decodeXmlEntities(textRun);
      if (inStyle > 0) checkCss(decoded, 'A <style> element');
    }
    if (lt === -1) break;
    i = lt;
    const rest = text.slice(i, i + 12).toLowerCase();
    if (rest.startsWith('<!--')) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) throw notWellFormed('a comment is not closed');
      i = end + 3;
      continue;
    }
    if (rest.startsWith('<![cdata[')) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1 || !sawRoot || rootClosed) throw notWellFormed('a CDATA section is out of place');
      if (inStyle > 0) checkCss(text.slice(i + 9, end), 'A <style> element');
      i = end + 3;
      continue;
    }
    if (rest.startsWith('<!doctype')) throw refuseSvg('it has a <!DOCTYPE>, which can define entities.');
    if (rest.startsWith('<!entity')) throw refuseSvg('it defines entities (<!ENTITY>).');
    if (rest.startsWith('<!')) throw refuseSvg('it has a markup declaration (<!…>).');
    if (rest.startsWith('<?')) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) throw notWellFormed('a processing instruction is not closed');
      const target = /^<\?([^\s?]*)/.exec(text.slice(i, end))![1]!.toLowerCase();
      if (target === 'xml-stylesheet') throw refuseSvg('it links a style sheet (<?xml-stylesheet?>).');
      if (target !== 'xml' || sawRoot || text.slice(0, i).trim() !== '') {
        throw refuseSvg(`it has a processing instruction (<?${target.slice(0, 30)}?>).`);
      }
      i = end + 2;
      continue;
    }
    if (rest.startsWith('</')) {
      const m = matchAt(CLOSING_TAG, text, i);
      if (!m) throw notWellFormed('a closing tag is broken');
      const open = stack.pop();
      if (open !== m[1]) throw notWellFormed(`</${m[1]!.slice(0, 40)}> does not match <${open ?? ''}>`);
      if (localName(m[1]!) === 'style') inStyle--;
      if (stack.length === 0) rootClosed = true;
      i += m[0].length;
      continue;
    }
    // a start tag
    const nameMatch = matchAt(NAME, text, i + 1);
    if (!nameMatch) throw notWellFormed('a "<" does not start a tag');
    const name = nameMatch[0];
    const local = localName(name);
    if (!sawRoot) {
      if (local !== 'svg')
        throw refuse(`The file is not an SVG image (its root is <${name.slice(0, 40)}>). ${USE_INSTEAD}`);
      sawRoot = true;
    } else if (rootClosed) {
      throw notWellFormed('there is an element after the <svg> element');
    }
    const forbidden = FORBIDDEN_ELEMENTS[local];
    if (forbidden) throw refuseSvg(forbidden);
    i += 1 + name.length;
    const seen = new Set<string>();
    for (;;) {
      const close = matchAt(TAG_END, text, i);
      if (close) {
        i += close[0].length;
        if (close[1] === '') {
          stack.push(name);
          if (local === 'style') inStyle++;
        } else if (stack.length === 0) {
          rootClosed = true;
        }
        break;
      }
      const attr = matchAt(ATTRIBUTE, text, i);
      if (!attr)
        throw notWellFormed(`the <${name.slice(0, 40)}> tag has an attribute that is not name="value"`);
      const attrName = attr[1]!;
      const attrLocal = localName(attrName);
      if (seen.has(attrName)) throw notWellFormed(`the attribute ${attrName.slice(0, 40)} appears twice`);
      seen.add(attrName);
      const value = decodeXmlEntities(attr[3] ?? attr[4] ?? '');
      if (attrLocal.startsWith('on')) {
        throw refuseSvg(
          `it has an event handler (the ${attrName.slice(0, 40)} attribute), which runs a script.`,
        );
      }
      if (attrLocal === 'href' || attrLocal === 'src') {
        if (!value.trim().startsWith('#')) {
          checkUrlValue(value, `The ${attrName} attribute`);
          throw refuseSvg(
            `it refers to an external file or link (${attrName}="${value.trim().slice(0, 60)}"); only links inside the SVG (starting with #) are allowed.`,
          );
        }
      }
      checkUrlValue(value, `The ${attrName.slice(0, 40)} attribute`);
      if (attrLocal === 'style') checkCss(value, 'A style attribute');
      else if (/url\s*\(/i.test(value)) checkCss(value, `The ${attrName.slice(0, 40)} attribute`);
      i += attr[0].length;
    }
  }
  if (!sawRoot) throw refuse(`The file is not an SVG image. ${USE_INSTEAD}`);
  if (stack.length > 0) throw notWellFormed(`<${stack[stack.length - 1]!.slice(0, 40)}> is not closed`);
}
