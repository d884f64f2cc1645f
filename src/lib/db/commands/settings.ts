import { DomainError } from '../../domain/errors';
import type { Product, ProductInput } from '../../domain/product';
import { validateSettings, type ShopSettings } from '../../domain/settings';
import { tierAfterPurchaseBy, tierDefaults, validateTiers, type Tier, type TierBasis, type TierInput } from '../../domain/tier';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { getSettings, SETTINGS_KEY } from '../queries/settings';
import { shopStandings } from '../queries/standings';
import type { ShopDB } from '../shop-db';

/**
 * Save the shop's rules. With `ctx`, a change of the tier rule (tierBasis) re-places members in the
 * same transaction, as a tier-list change does: whoever now qualifies higher is upgraded ('rules'
 * history rows); no one is lowered (that is the daily review's job, after the grace period).
 */
export async function saveSettings(db: ShopDB, settings: ShopSettings, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  const errors = validateSettings(settings);
  const field = Object.keys(errors)[0];
  if (field) throw new DomainError({ code: 'invalid', field });
  const row = { key: SETTINGS_KEY, value: { ...settings, storeName: settings.storeName.trim() } };
  await db.transaction('rw', [db.settings, db.members, db.tiers, db.tierHistory, db.sales, db.auditLog], async () => {
    const before = await getSettings(db);
    await db.settings.put(row);
    if (before.tierBasis !== settings.tierBasis) await placeMembers(db, await db.tiers.toArray(), settings.tierBasis, ctx);
    await db.auditLog.add(auditRow(ctx, 'settings', null, changedKeys(before, row.value).join(', ')));
  });
}

/**
 * Inside a transaction over members, tierHistory and sales: move every member up to the tier she
 * qualifies for under `basis` (a member of a tier not in `tiers` goes to the tier she qualifies for),
 * with a 'rules' history row each. Returns how many moved.
 */
async function placeMembers(db: ShopDB, tiers: readonly Tier[], basis: TierBasis, ctx: CommandContext): Promise<number> {
  const now = ctx.clock.now();
  const standingOf = await shopStandings(db, basis, now);
  const known = new Set(tiers.map((t) => t.id));
  const changes: { memberId: string; fromTierId: string; toTierId: string }[] = [];
  await db.members.toCollection().modify((m) => {
    const currentId = known.has(m.tierId) ? m.tierId : null;
    const tier = tierAfterPurchaseBy(tiers, currentId, standingOf(m), basis);
    if (tier.id === m.tierId) return;
    changes.push({ memberId: m.id, fromTierId: m.tierId, toTierId: tier.id });
    m.tierId = tier.id;
    m.updatedAt = now;
  });
  await db.tierHistory.bulkAdd(
    changes.map((h) => ({ id: ctx.newId(), at: now, reason: 'rules' as const, createdAt: now, updatedAt: now, ...h })),
  );
  return changes.length;
}

/**
 * Replace the tier list. Members whose standing (under the shop's tier rule: lifetime spend, or
 * spend / visits of the last 12 months) now qualifies higher are upgraded in the same transaction
 * (a rule change never silently downgrades anyone: that is the review's job, after the grace
 * period); members of a removed tier move to the tier they qualify for.
 */
export async function saveTiers(
  db: ShopDB,
  tiers: (TierInput & { id?: string })[],
  ctx: CommandContext,
): Promise<{ upgraded: number }> {
  requireOwner(ctx, 'settings');
  const check = validateTiers(tiers);
  const badRow = check.rows.findIndex((r) => Object.keys(r).length > 0);
  if (check.list || badRow >= 0) throw new DomainError({ code: 'invalid', field: check.list ?? `tiers[${badRow}]` });
  const now = ctx.clock.now();
  return db.transaction('rw', [db.tiers, db.members, db.tierHistory, db.sales, db.settings, db.auditLog], async () => {
    const before = await db.tiers.toArray();
    const { tierBasis } = await getSettings(db);
    const next: Tier[] = tiers.map((t) => {
      const old = t.id ? before.find((b) => b.id === t.id) : undefined;
      return {
        id: old?.id ?? ctx.newId(),
        name: t.name.trim(),
        thresholdFen: t.thresholdFen,
        discountBp: t.discountBp,
        pointsMultiplierBp: t.pointsMultiplierBp,
        visitThreshold: t.visitThreshold ?? old?.visitThreshold ?? 0,
        freeDelivery: t.freeDelivery ?? old?.freeDelivery ?? false,
        perks: t.perks.trim(),
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
      };
    });
    const keptIds = new Set(next.map((t) => t.id));
    await db.tiers.bulkDelete(before.filter((t) => !keptIds.has(t.id)).map((t) => t.id));
    await db.tiers.bulkPut(next);
    const upgraded = await placeMembers(db, next, tierBasis, ctx);
    await db.auditLog.add(auditRow(ctx, 'settings', null, `tiers: ${next.map((t) => t.name).join(', ')}`));
    return { upgraded };
  });
}

/** Add a product or edit one (matched by id); a SKU already used by another product is refused. */
export async function saveProduct(
  db: ShopDB,
  input: ProductInput & { id?: string },
  ctx: CommandContext,
): Promise<Product> {
  requireOwner(ctx, 'settings');
  const now = ctx.clock.now();
  return db.transaction('rw', db.products, async () => {
    const sku = input.sku.trim();
    const clash = await db.products.where('sku').equals(sku).first();
    if (clash && clash.id !== input.id) throw new DomainError({ code: 'duplicateSku', productId: clash.id });
    const old = input.id ? await db.products.get(input.id) : undefined;
    const product: Product = {
      id: old?.id ?? ctx.newId(),
      sku,
      name: input.name.trim(),
      brand: input.brand.trim(),
      category: input.category.trim(),
      priceFen: input.priceFen,
      formulaStage: input.formulaStage,
      daysPerUnit: input.daysPerUnit,
      active: true,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.products.put(product);
    return product;
  });
}

/** Products are never deleted: past sales keep their snapshots, the list just hides them. */
export async function archiveProduct(db: ShopDB, id: string, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  await db.products.update(id, { active: false, updatedAt: ctx.clock.now() });
}

/** On first start: the default tiers (named in the owner's language) and settings. */
export async function ensureDefaults(
  db: ShopDB,
  defaults: { storeName: string; tiers: TierInput[] },
  ctx: CommandContext,
): Promise<void> {
  const now = ctx.clock.now();
  await db.transaction('rw', [db.tiers, db.settings], async () => {
    if ((await db.tiers.count()) === 0)
      await db.tiers.bulkAdd(defaults.tiers.map((t) => ({ ...tierDefaults, ...t, id: ctx.newId(), createdAt: now, updatedAt: now })));
    if (!(await db.settings.get(SETTINGS_KEY))) {
      const settings = await getSettings(db);
      await db.settings.put({ key: SETTINGS_KEY, value: { ...settings, storeName: defaults.storeName } });
    }
  });
}

/** Which top-level settings a save changed, for the audit log (names only: values may be long). */
function changedKeys(before: ShopSettings, after: ShopSettings): string[] {
  const keys = Object.keys(after) as (keyof ShopSettings)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
