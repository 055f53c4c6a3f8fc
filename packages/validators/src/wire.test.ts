import { describe, expect, it } from 'vitest';
import { wireTransformer } from './wire';

const { input, output } = wireTransformer;

// output.serialize encodes in place (see wire.ts), so each round trip works on a copy of what the test keeps
const roundTrip = (value: unknown) =>
  output.deserialize(JSON.parse(JSON.stringify(output.serialize(structuredClone(value)))));

describe('wire transformer', () => {
  it('carries dates as dates, nested in objects and arrays', () => {
    const at = new Date('2026-03-08T07:30:00.123Z');
    const out = roundTrip({ a: at, list: [{ b: at, c: null }], n: 1, s: 'x' }) as {
      a: Date;
      list: { b: Date; c: null }[];
    };
    expect(out.a).toBeInstanceOf(Date);
    expect(out.a.toISOString()).toBe(at.toISOString());
    expect(out.list[0]!.b.getTime()).toBe(at.getTime());
    expect(out).toMatchObject({ n: 1, s: 'x', list: [{ c: null }] });
  });

  it('keeps strings that look like the date tag or an ISO date as strings', () => {
    const tricky = [
      '\u0001d:2026-01-01T00:00:00.000Z',
      '\u0001',
      '\u0001\u0001x',
      '2026-01-01T00:00:00.000Z',
    ];
    expect(roundTrip(tricky)).toEqual(tricky);
  });

  it('drops undefined properties and never produces a __proto__ key', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as unknown;
    const out = output.deserialize(parsed) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(roundTrip({ a: undefined, b: 2 })).toEqual({ b: 2 });
  });

  it('sends an invalid date as null rather than throwing', () => {
    expect(roundTrip({ d: new Date(Number.NaN) })).toEqual({ d: null });
  });
});

describe('wire transformer on inputs', () => {
  it("encodes a copy and leaves the caller's value alone, so serializing twice sends the same thing", () => {
    const from = new Date('2026-03-08T07:30:00.000Z');
    const value = { from, nested: [{ at: from }], s: '\u0001x' };
    const first = JSON.stringify(input.serialize(value));
    const second = JSON.stringify(input.serialize(value));
    expect(second).toBe(first);
    expect(value.from).toBe(from);
    expect(value.nested[0]!.at).toBeInstanceOf(Date);
    const back = input.deserialize(JSON.parse(first)) as typeof value;
    expect(back.from.getTime()).toBe(from.getTime());
    expect(back.s).toBe('\u0001x');
  });
});

describe('wire transformer on shared shapes', () => {
  it('encodes arrays of records with mixed values', () => {
    const at = new Date('2026-11-01T06:30:00.000Z');
    const page = { items: [{ id: 'a', n: 1, ok: true, none: null, at, tags: ['x', '\u0001y'] }], next: null };
    const out = roundTrip(page) as { items: { at: Date; tags: string[] }[] };
    expect(out.items[0]!.at.getTime()).toBe(at.getTime());
    expect(out.items[0]!.tags).toEqual(['x', '\u0001y']);
    expect(out).toMatchObject({ items: [{ id: 'a', n: 1, ok: true, none: null }], next: null });
  });
});
