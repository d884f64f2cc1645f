import type { IsoDate } from './clock';
import type { Id } from './ids';
import type { Gender } from './member';
import type { Fen } from './money';

/** A member as another system's file describes her: only the fields the file maps are present. */
export interface ImportedMember {
  /** 1-based data row of the file. */
  row: number;
  name?: string;
  phone: string;
  gender?: Gender;
  birthday?: IsoDate | null;
  joinedOn?: IsoDate;
  points?: number;
  storedValueFen?: Fen;
  tags?: string[];
  notes?: string;
  region?: string;
  address?: string;
  wechat?: string;
  email?: string;
}

/** One row of an import to write: a new member (existingId null) or an update of one on file. */
export interface MemberImportWrite {
  member: ImportedMember;
  existingId: Id | null;
  /** Opening balances to append as ledger rows of kind 'opening' (null: none). */
  openingPoints: number | null;
  openingStoredValueFen: Fen | null;
}

/**
 * An imported opening balance has a fixed id per member, so importing the same file again finds it
 * (and never appends a second one): the import is idempotent.
 */
export function openingPointsId(memberId: Id): Id {
  return `opening-points-${memberId}`;
}

export function openingStoredValueId(memberId: Id): Id {
  return `opening-sv-${memberId}`;
}
