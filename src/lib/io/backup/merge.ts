/**
 * Merge, step 2 of 3 (after inspectBackup checked the file, before applyMerge writes): compare every
 * row of the other device's backup with this device's and decide, row by row, by the rules of
 * merge-rules.ts. Reads only; the plan holds the rows to write and the summary the owner confirms.
 */
import { allRows, memberRows, mergedMembers, rowsByKey, rowsByUnique } from '../../db/queries/merge';
import type { ShopDB } from '../../db/shop-db';
import { BACKUP_TABLES, tableSpec, type TableSpec } from '../csv/backup-columns';
import type { Row } from '../csv/rows';
import { foldMember } from '../../domain/member-merge';
import type { Member } from '../../domain/member';
import type { Progress } from './export';
import {
  emptyCounts,
  jobKey,
  MERGE_RULES,
  repointRow,
  rowOutcome,
  type MergeConflict,
  type MergeSummary,
  type TableMergeCounts,
} from './merge-rules';
import type { InspectedBackup } from './restore';
import { rowChunks } from './restore';

export interface TableWrites {
  /** Rows this device lacks (bulkAdd: one that appeared meanwhile fails the merge, nothing written). */
  add: Row[];
  /** Rows that replace this device's (newer, or a member folded with her double). */
  put: Row[];
}

export interface MergePlan {
  summary: MergeSummary;
  writes: Map<string, TableWrites>;
  /** The other device's member ids that become one of ours (same phone, or merged before). */
  memberMap: Map<string, string>;
  /** Members whose cached balances are recounted after the write. */
  touched: Set<string>;
}

/** Tables with a memberId whose written rows change her balances or standing. */
const BALANCE_TABLES = new Set(['sales', 'pointsLedger', 'storedValueLedger', 'growthLedger']);

export async function planMerge(
  backup: InspectedBackup,
  db: ShopDB,
  opts: { now: number; onProgress?: Progress; chunkBytes?: number },
): Promise<MergePlan> {
  const counts: Record<string, TableMergeCounts> = {};
  const conflicts: MergeConflict[] = [];
  const writes = new Map<string, TableWrites>();
  const memberMap = new Map<string, string>(Object.entries(await mergedMembers(db)));
  const productMap = new Map<string, string>();
  const tierMap = await tiersByName(backup, db, opts.chunkBytes);
  const maps = { members: memberMap, products: productMap, tiers: tierMap };
  const touched = new Set<string>();
  const total = Object.values(backup.counts).reduce((a, b) => a + b, 0);
  let done = 0;

  for (const spec of BACKUP_TABLES) {
    const bytes = backup.files.get(spec.table);
    const rule = MERGE_RULES[spec.table] ?? 'keepLocal';
    const c = (counts[spec.table] = emptyCounts());
    const w: TableWrites = { add: [], put: [] };
    writes.set(spec.table, w);
    if (!bytes) continue;
    for (const chunk of rowChunks(spec, bytes, opts.chunkBytes, backup.migrations)) {
      done += chunk.length;
      if (rule === 'rebuilt') {
        c.skipped += chunk.length;
        continue;
      }
      // Members are re-pointed (referrerId) only once every member has been matched, below.
      const rows = spec.table === 'members' ? chunk : chunk.map((r) => repointRow(spec.table, r, maps));
      if (spec.table === 'members') await matchMembers(db, rows, memberMap, conflicts, c, w, opts.now);
      else if (spec.table === 'products') await matchBySku(db, rows, productMap, conflicts, c, w, opts.now);
      else if (spec.table === 'tiers') await matchById(db, spec, keepOurTiers(rows, tierMap, conflicts, c), conflicts, c, w);
      else await matchById(db, spec, rows, conflicts, c, w);
      opts.onProgress?.(done, total);
    }
    if (spec.table === 'members') {
      w.add = w.add.map((r) => repointRow('members', r, maps));
      w.put = w.put.map((r) => repointRow('members', r, maps));
      for (const r of [...w.add, ...w.put]) touched.add(String(r.id));
    }
    if (BALANCE_TABLES.has(spec.table))
      for (const r of [...w.add, ...w.put]) if (typeof r.memberId === 'string') touched.add(r.memberId);
  }
  for (const local of memberMap.values()) touched.add(local);
  return {
    summary: { storeName: backup.manifest.storeName, createdAt: backup.manifest.createdAt, counts, conflicts, membersTouched: touched.size },
    writes,
    memberMap,
    touched,
  };
}

/**
 * Two devices set up on their own each made the default tiers, under other ids: the other device's
 * tier of the same name as one of ours (and not ours by id) is ours, and every row naming it follows.
 */
async function tiersByName(backup: InspectedBackup, db: ShopDB, chunkBytes?: number): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const spec = tableSpec('tiers');
  const bytes = backup.files.get('tiers');
  if (!spec || !bytes) return map;
  const ours = await allRows(db, 'tiers');
  const ourIds = new Set(ours.map((t) => String(t.id)));
  const byName = new Map(ours.map((t) => [String(t.name).trim(), String(t.id)]));
  for (const chunk of rowChunks(spec, bytes, chunkBytes, backup.migrations))
    for (const t of chunk) {
      const local = byName.get(String(t.name).trim());
      if (!ourIds.has(String(t.id)) && local !== undefined) map.set(String(t.id), local);
    }
  return map;
}

/** The other device's tiers that are ours by name are kept as ours (conflicts say so); the rest go on. */
function keepOurTiers(rows: Row[], tierMap: ReadonlyMap<string, string>, conflicts: MergeConflict[], c: TableMergeCounts): Row[] {
  return rows.filter((row) => {
    const localId = tierMap.get(String(row.id));
    if (localId === undefined) return true;
    conflicts.push({ kind: 'sameTier', name: String(row.name), localId, incomingId: String(row.id) });
    c.keptLocal += 1;
    return false;
  });
}

function record(outcome: ReturnType<typeof rowOutcome>, row: Row, c: TableMergeCounts, w: TableWrites): void {
  c[outcome] += 1;
  if (outcome === 'add') w.add.push(row);
  else if (outcome === 'update') w.put.push(row);
}

async function matchMembers(
  db: ShopDB,
  rows: Row[],
  memberMap: Map<string, string>,
  conflicts: MergeConflict[],
  c: TableMergeCounts,
  w: TableWrites,
  now: number,
): Promise<void> {
  const locals = await rowsByKey(db, 'members', rows.map((r) => String(r.id)));
  const byPhone = await rowsByUnique(db, 'members', 'phone', rows.map((r) => String(r.phone)));
  rows.forEach((row, i) => {
    const id = String(row.id);
    if (memberMap.has(id)) {
      // Merged into one of ours before: her rows follow that member; her old record is not brought back.
      c.skipped += 1;
      return;
    }
    const local = locals[i];
    const holder = byPhone.get(String(row.phone));
    if (local) {
      const outcome = rowOutcome('newerWins', local, row);
      if (outcome === 'update' && holder && holder.id !== id) {
        conflicts.push({ kind: 'phoneTaken', phone: String(row.phone), localId: String(holder.id), incomingId: id, name: String(row.name) });
        c.keptLocal += 1;
      } else record(outcome, row, c, w);
    } else if (holder) {
      // The same phone registered on both devices: one member, ours, with the other's details filled in.
      memberMap.set(id, String(holder.id));
      conflicts.push({
        kind: 'samePhone',
        phone: String(row.phone),
        localId: String(holder.id),
        localName: String(holder.name),
        incomingId: id,
        incomingName: String(row.name),
      });
      w.put.push({ ...foldMember(holder as unknown as Member, row as unknown as Member), updatedAt: now });
      c.update += 1;
    } else record('add', row, c, w);
  });
}

async function matchBySku(
  db: ShopDB,
  rows: Row[],
  productMap: Map<string, string>,
  conflicts: MergeConflict[],
  c: TableMergeCounts,
  w: TableWrites,
  now: number,
): Promise<void> {
  const locals = await rowsByKey(db, 'products', rows.map((r) => String(r.id)));
  const bySku = await rowsByUnique(db, 'products', 'sku', rows.map((r) => String(r.sku)));
  rows.forEach((row, i) => {
    const local = locals[i];
    const holder = bySku.get(String(row.sku));
    if (local || !holder) {
      record(rowOutcome('newerWins', local, row), row, c, w);
      return;
    }
    // The same sku entered on both devices: one product (ours), the newer details under our id.
    productMap.set(String(row.id), String(holder.id));
    conflicts.push({ kind: 'sameSku', sku: String(row.sku), localId: String(holder.id), incomingId: String(row.id), name: String(holder.name) });
    const incoming = { ...row, id: holder.id, createdAt: holder.createdAt };
    const outcome = rowOutcome('newerWins', holder, incoming);
    if (outcome === 'update') w.put.push({ ...incoming, updatedAt: Math.max(now, Number(row.updatedAt)) });
    c[outcome === 'add' ? 'update' : outcome] += 1;
  });
}

async function matchById(
  db: ShopDB,
  spec: TableSpec,
  rows: Row[],
  conflicts: MergeConflict[],
  c: TableMergeCounts,
  w: TableWrites,
): Promise<void> {
  const rule = MERGE_RULES[spec.table] ?? 'keepLocal';
  const locals = await rowsByKey(db, spec.table, rows.map((r) => String(r[spec.key])));
  const byCode = spec.table === 'coupons' ? await rowsByUnique(db, 'coupons', 'code', rows.map((r) => String(r.code))) : null;
  const fresh: Row[] = [];
  rows.forEach((row, i) => {
    const outcome = rowOutcome(rule, locals[i], row);
    const clash = byCode?.get(String(row.code));
    if (outcome === 'add' && clash && clash.id !== row.id) {
      conflicts.push({ kind: 'sameCode', code: String(row.code), incomingId: String(row.id) });
      c.skipped += 1;
    } else if (outcome === 'add') fresh.push(row);
    else record(outcome, row, c, w);
  });
  // A job both devices ran (an expiry, months of membership …) is counted once: ours.
  const keyed = fresh.filter((r) => jobKey(spec.table, r) !== null);
  const ours = new Set(
    keyed.length === 0
      ? []
      : (await memberRows(db, spec.table, new Set(keyed.map((r) => String(r.memberId))))).map((r) => jobKey(spec.table, r)),
  );
  for (const row of fresh) {
    const key = jobKey(spec.table, row);
    if (key !== null && ours.has(key)) c.skipped += 1;
    else record('add', row, c, w);
  }
}
