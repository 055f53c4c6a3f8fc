// A Date for a query input that survives being serialized twice. The wire transformer encodes an input in place,
// and httpBatchLink serializes a GET input once to measure the URL (maxURLLength) and again to send it, so a
// plain Date goes out double-encoded and the server refuses it. Remove this once wire.ts stops mutating inputs.
import { wireTransformer } from '@portico/validators/wire';

export function stableDate(date: Date): Date {
  const encoded = wireTransformer.serialize(date);
  // encode() leaves an object without date or marked-string fields alone; JSON.stringify then writes `encoded`
  return { toJSON: () => encoded } as unknown as Date;
}
