// Helpers the list procedures share: escaped ILIKE patterns and id cursors for keyset paging.
import { idSchema } from '@portico/validators/common';
import { AppError } from '../errors';

/** `%term%` for ILIKE, with the term's own %, _ and \ matched literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}

/** The digits of a search that looks like a phone number, so "(512) 555-01" finds +1512555014x. */
export function phoneDigits(term: string): string | null {
  const digits = term.replace(/\D/g, '');
  return digits.length >= 3 && /^[\d\s()+.-]+$/.test(term) ? digits : null;
}

/**
 * The cursor of a page is the id of its last row; the next page starts after that row's sort key, which is
 * read again, so cursors stay short whatever the names hold.
 */
export function parseCursor(cursor: string | null | undefined): string | null {
  if (cursor == null || cursor === '') return null;
  if (!idSchema.safeParse(cursor).success) {
    throw new AppError('BAD_REQUEST', 'This page link is not valid. Start again from the first page.', {
      field: 'cursor',
    });
  }
  return cursor;
}

export const cursorGone = () =>
  new AppError('BAD_REQUEST', 'This page link is not valid any more. Start again from the first page.', {
    field: 'cursor',
  });
