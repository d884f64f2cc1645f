import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AuditEntry, Staff } from '../domain/access';
import type { Baby } from '../domain/baby';
import type { Campaign } from '../domain/campaign';
import type { Contact } from '../domain/care';
import type { Segment } from '../domain/segment';
import type { EventSignup, Feedback, MemberEvent } from '../domain/event';
import type { Coupon, CouponTemplate } from '../domain/coupon';
import type { Gift } from '../domain/gift';
import type { GrowthEntry } from '../domain/growth';
import type { PaidMembership } from '../domain/paid-membership';
import type { StoredValueEntry } from '../domain/stored-value';
import type { Member } from '../domain/member';
import type { PointsEntry } from '../domain/points';
import type { Product } from '../domain/product';
import type { Sale, TierChange } from '../domain/sale';
import type { Tier } from '../domain/tier';

/** Rows of tables that later features fill; declared now so schema version 1 holds every table. */
export interface GenericRow {
  id: string;
  createdAt: number;
  updatedAt: number;
  [field: string]: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'huiyuanbao';

/**
 * Version 1. Every later version(n) is added below it and kept; its upgrade lives in migrations/.
 * Indexes are few on purpose: each one costs 10–25 % of write speed.
 * - members.phoneRev answers "phone ends with 5678" as a prefix query.
 * - sales/pointsLedger [memberId+at] serve a member's timeline in order; walk-ins (null) are not indexed.
 */
export const SCHEMA_V1 = {
  members: 'id, &phone, phoneRev, name, tierId, lastPurchaseAt, joinedOn, createdAt, referrerId',
  babies: 'id, memberId, birthDate',
  products: 'id, &sku, name, category, brand',
  sales: 'id, at, [memberId+at], refundOf',
  pointsLedger: 'id, [memberId+at], saleId, expiresAt',
  storedValueLedger: 'id, [memberId+at], saleId',
  tiers: 'id',
  tierHistory: 'id, [memberId+at]',
  couponTemplates: 'id',
  coupons: 'id, memberId, &code, expiresAt, templateId',
  gifts: 'id',
  campaigns: 'id, startDate',
  events: 'id, date',
  eventSignups: 'id, eventId, memberId',
  contacts: 'id, [memberId+at], at',
  segments: 'id',
  feedback: 'id, [memberId+at]',
  paidMemberships: 'id, memberId, endsOn',
  growthLedger: 'id, [memberId+at]',
  staff: 'id',
  dailyRollups: 'date',
  auditLog: 'id, at',
  settings: 'key',
} as const;

export class ShopDB extends Dexie {
  members!: EntityTable<Member, 'id'>;
  babies!: EntityTable<Baby, 'id'>;
  products!: EntityTable<Product, 'id'>;
  sales!: EntityTable<Sale, 'id'>;
  pointsLedger!: EntityTable<PointsEntry, 'id'>;
  storedValueLedger!: EntityTable<StoredValueEntry, 'id'>;
  tiers!: EntityTable<Tier, 'id'>;
  tierHistory!: EntityTable<TierChange, 'id'>;
  couponTemplates!: EntityTable<CouponTemplate, 'id'>;
  coupons!: EntityTable<Coupon, 'id'>;
  gifts!: EntityTable<Gift, 'id'>;
  campaigns!: EntityTable<Campaign, 'id'>;
  events!: EntityTable<MemberEvent, 'id'>;
  eventSignups!: EntityTable<EventSignup, 'id'>;
  contacts!: EntityTable<Contact, 'id'>;
  segments!: EntityTable<Segment, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  paidMemberships!: EntityTable<PaidMembership, 'id'>;
  growthLedger!: EntityTable<GrowthEntry, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  dailyRollups!: Table<{ date: string; [field: string]: unknown }, string>;
  auditLog!: EntityTable<AuditEntry, 'id'>;
  settings!: Table<SettingRow, string>;

  constructor(name: string = DB_NAME) {
    // Money and points: a crash must not lose the last confirmed sale (Chrome's default is relaxed).
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
  }
}
