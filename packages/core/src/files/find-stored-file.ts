// Reads one stored file by id for serving at /files/<id>; ids are random uuids and files are public branding.
import { eq, schema, type DbOrTx } from '../internal/db';

export type StoredFile = {
  id: string;
  contentType: string;
  byteSize: number;
  sha256: Uint8Array;
  data: Uint8Array;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** null for anything that is not the id of a stored file (including strings that are not uuids). */
export async function findStoredFile(db: DbOrTx, id: string): Promise<StoredFile | null> {
  if (!uuidPattern.test(id)) return null;
  const f = schema.storedFiles;
  const [row] = await db
    .select({
      id: f.id,
      contentType: f.contentType,
      byteSize: f.byteSize,
      sha256: f.sha256,
      data: f.data,
    })
    .from(f)
    .where(eq(f.id, id.toLowerCase()));
  return row ?? null;
}
