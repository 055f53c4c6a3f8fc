// The logo gate: types detected from the bytes, the size limit, and each way an SVG could carry script or
// reach outside itself refused with a reason.
import { logoMaxBytes } from '@portico/validators/organization';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkLogo } from './check-logo';

const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64');
const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const svg = (inner: string, rootAttrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${rootAttrs}>${inner}</svg>`;

function refusal(data: string): AppError {
  try {
    checkLogo(data);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.field).toBe('logo');
    return e;
  }
  throw new Error('expected the logo to be refused');
}
const svgRefusal = (text: string) => refusal(b64(text)).message;

describe('checkLogo: types from the bytes', () => {
  it('accepts PNG and JPEG by their signatures, whatever the file was called', () => {
    expect(checkLogo(b64(png)).contentType).toBe('image/png');
    expect(checkLogo(b64(jpeg)).contentType).toBe('image/jpeg');
    expect(checkLogo(`data:image/gif;base64,${b64(png)}`).contentType).toBe('image/png');
    expect([...checkLogo(b64(png)).bytes]).toEqual([...png]);
  });

  it('accepts a clean SVG, with an XML declaration, comments, gradients and internal references', () => {
    const clean =
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n' +
      svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>' +
          '<style><![CDATA[ .a { fill: url(#g); } ]]></style></defs>' +
          '<rect class="a" width="10" height="10" fill="url(#g)" style="opacity: .5"/>' +
          '<use href="#g" xlink:href="#g"/><text x="1" y="5">A &amp; B &#x41;</text>',
        ' xmlns:xlink="http://www.w3.org/1999/xlink"',
      );
    expect(checkLogo(b64(clean)).contentType).toBe('image/svg+xml');
    expect(checkLogo(b64('<svg xmlns="http://www.w3.org/2000/svg"/>')).contentType).toBe('image/svg+xml');
  });

  it.each([
    ['GIF', b64('GIF89a\x01\x00\x01\x00'), 'a GIF image'],
    ['WebP', b64('RIFF\x10\x00\x00\x00WEBPVP8 '), 'a WebP image'],
    ['PDF', b64('%PDF-1.7\n'), 'a PDF document'],
    ['HTML', b64('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'an HTML page'],
    ['HTML without doctype', b64('<html><body></body></html>'), 'an HTML page'],
  ])('refuses a %s, naming what it is and what to use', (_name, data, what) => {
    const message = refusal(data).message;
    expect(message).toContain(what);
    expect(message).toContain('PNG, JPEG or SVG');
  });

  it('refuses plain text, XML with another root, an empty file and bad base64', () => {
    expect(refusal(b64('just some words')).message).toContain('PNG, JPEG or SVG');
    expect(refusal(b64('<?xml version="1.0"?><note/>')).message).toContain('not an SVG image');
    expect(refusal(b64('')).message).toContain('empty');
    expect(refusal('not base64 at all!').message).toContain('base64');
    expect(refusal('abcde').message).toContain('base64');
  });

  it('refuses a file larger than 512 KB after decoding, and takes one of exactly 512 KB', () => {
    const exact = new Uint8Array(logoMaxBytes);
    exact.set(png);
    expect(checkLogo(b64(exact)).contentType).toBe('image/png');
    const over = new Uint8Array(logoMaxBytes + 1);
    over.set(png);
    expect(refusal(b64(over)).message).toContain('larger than 512 KB');
  });
});

describe('checkLogo: SVG refused, never cleaned', () => {
  it.each([
    ['a script element', svg('<script>alert(1)</script>'), 'script'],
    ['a script element in upper case', svg('<SCRIPT>alert(1)</SCRIPT>'), 'script'],
    ['a namespaced script element', svg('<svg:script>alert(1)</svg:script>'), 'script'],
    ['an empty script with a src', svg('<script href="https://evil.example/x.js"/>'), 'script'],
    ['onload on the root', svg('', ' onload="alert(1)"'), 'event handler'],
    ['an event handler in upper case', svg('<rect ONCLICK="alert(1)"/>'), 'event handler'],
    [
      'an event handler with a newline before =',
      svg('<rect onmouseover\n  =\n"alert(1)"/>'),
      'event handler',
    ],
    ['an event handler after a newline', svg('<rect\nwidth="1"\n\tonfocus=\'x()\'/>'), 'event handler'],
    ['a namespaced event handler', svg('<rect ev:onclick="x()"/>'), 'event handler'],
    [
      'foreignObject',
      svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
      'foreignObject',
    ],
    ['foreignobject in lower case', svg('<foreignobject/>'), 'foreignObject'],
    ['an iframe', svg('<iframe src="https://evil.example"/>'), 'iframe'],
    ['an embed', svg('<embed src="x.swf"/>'), 'embed'],
    ['an object', svg('<object data="x.html"/>'), 'object'],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><rect/></a>'), 'javascript:'],
    [
      'a JavaScript: link with tabs and case',
      svg('<a xlink:href=" Java\tScript:alert(1)"><rect/></a>'),
      'javascript:',
    ],
    [
      'an entity-encoded javascript: link',
      svg('<a href="&#x6A;avascript:alert(1)"><rect/></a>'),
      'javascript:',
    ],
    [
      'a decimal-entity javascript: link',
      svg('<a href="&#106;&#97;vascript:alert(1)"><rect/></a>'),
      'javascript:',
    ],
    [
      'a javascript: link split by an encoded newline',
      svg('<a href="jav&#x0A;ascript:alert(1)"><rect/></a>'),
      'javascript:',
    ],
    [
      'javascript: in another attribute',
      svg('<animate attributeName="href" values="javascript:alert(1)"/>'),
      'javascript:',
    ],
    ['data:text/html', svg('<rect filter="data:text/html,&lt;script&gt;"/>'), 'data:text/html'],
    ['an external href', svg('<use href="https://evil.example/sprite.svg#a"/>'), 'external'],
    ['an external xlink:href', svg('<image xlink:href="http://evil.example/x.png"/>'), 'external'],
    ['a data: image href', svg('<image href="data:image/png;base64,AAAA"/>'), 'external'],
    ['a relative href', svg('<use href="other.svg#a"/>'), 'external'],
    ['a DOCTYPE', `<!DOCTYPE svg [<!ENTITY x "y">]>${svg('')}`, 'DOCTYPE'],
    ['an ENTITY', `${svg('')}<!ENTITY x "y">`, 'ENTITY'],
    [
      'an xml-stylesheet',
      `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/a.css"?>${svg('')}`,
      'xml-stylesheet',
    ],
    ['@import in a style element', svg('<style>@import url(https://evil.example/a.css);</style>'), '@import'],
    ['@IMPORT in a CDATA style', svg('<style><![CDATA[@IMPORT "x.css";]]></style>'), '@import'],
    ['an entity-encoded @import', svg('<style>&#64;import "x.css";</style>'), '@import'],
    [
      'an external url() in a style element',
      svg('<style>rect { fill: url(https://evil.example/p.svg#a) }</style>'),
      'external',
    ],
    [
      'an external url() in a style attribute',
      svg('<rect style="background:URL( \'//evil.example/x\' )"/>'),
      'external',
    ],
    [
      'an external url() in a presentation attribute',
      svg('<rect fill="url(https://evil.example/a.svg#g)"/>'),
      'external',
    ],
    ['CSS escapes', svg('<rect style="fill: u\\72l(https://evil.example)"/>'), 'escapes'],
  ])('refuses %s and says why', (_name, text, reason) => {
    const message = svgRefusal(text);
    expect(message.toLowerCase()).toContain(reason.toLowerCase());
    expect(message).toMatch(/SVG/);
  });

  it.each([
    ['an unclosed element', svg('<g>')],
    ['mismatched tags', svg('<g></a>')],
    ['an unquoted attribute', svg('<rect width=1/>')],
    ['an unknown named entity', svg('<text>&nbsp;</text>')],
    ['text after the root', `${svg('')}<script>alert(1)</script>`],
    ['a second element after the root', `${svg('')}<svg/>`],
    ['a duplicate attribute', svg('<rect width="1" width="2"/>')],
    ['an unclosed comment', svg('<!-- ')],
  ])('refuses an SVG that is not well-formed: %s', (_name, text) => {
    expect(svgRefusal(text)).toMatch(/SVG|PNG/);
  });

  it('reads a large clean SVG quickly (the tokenizer is linear)', () => {
    const many = '<rect x="1" y="1" width="1" height="1" fill="#123456"/>'.repeat(8000);
    const started = performance.now();
    expect(checkLogo(b64(svg(many))).contentType).toBe('image/svg+xml');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
