/**
 * What the analytics worker does, as a plain object over a ShopDB, so integration tests and the
 * benchmark can drive it without a Worker. Reads only.
 *
 * The overview comes from daily rollups and member indexes (a few small reads). Every other page
 * needs the sales themselves: they are read once, in pages, into compact facts kept in memory until
 * the database changes (Dexie broadcasts every committed write to other contexts, the worker too) —
 * so switching period or page afterwards costs only the computation.
 */
import Dexie from 'dexie';
import { addDays, type IsoDate } from '../domain/clock';
import { DEFAULT_PERIOD, periodFor, previousPeriod, type Period } from '../domain/period';
import type { Sale } from '../domain/sale';
import { rollupsBetween } from '../db/rollups';
import type { ShopDB } from '../db/shop-db';
import { getSettings, getTiers } from '../db/queries/settings';
import type { CareSettings } from '../domain/care';
import type { Baby } from '../domain/baby';
import type { Member } from '../domain/member';
import { matchSegment, type SegmentFilter } from '../domain/segment';
import { behaviour } from './compute/behaviour';
import { careList, type CareEntry } from './compute/care';
import { readCareInput } from './care-input';
import { coPurchaseTable } from './compute/co-purchase';
import { suggestionUptake } from './compute/suggestion-uptake';
import { campaignEffect } from './compute/campaign-effect';
import { churn, type ChurnResult } from './compute/churn';
import { FactsBuilder, type Facts } from './compute/facts';
import { DEFAULT_POINTS_PER_YUAN, health } from './compute/health';
import { lastScoreByMember, satisfaction } from './compute/satisfaction';
import { couponRedemption, pointsExpiring, storedValueSplit, tierMovement } from './compute/programme';
import { overviewFromRollups, repeatFromFacts, repeatPurchase } from './compute/overview';
import { localMidnight, memberCountsCache } from './member-counts';
import { DEFAULT_THRESHOLDS, rfm, RFM_CLASSES, type RfmClass, type RfmMemberRow, type RfmResult } from './compute/rfm';
import type { AnalyticsApi, AnalyticsKind, RequestOf, ResponseOf, RfmScoringKind } from './protocol';


/** "Points expiring soon" looks this many days ahead. */
const EXPIRING_DAYS = 30;

/** Sales are read in pages of this many rows (bounded memory at any shop size). */
const PAGE = 10_000;

type Handlers = { [K in AnalyticsKind]: (req: RequestOf<K>) => Promise<ResponseOf<K>> };

export interface AnalyticsService {
  handle<K extends AnalyticsKind>(kind: K, req: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Forget the facts in memory (the next heavy request reads the database again). */
  invalidate(): void;
  /** Stop listening for database changes. */
  close(): void;
}

export function createAnalyticsService(db: ShopDB): AnalyticsService {
  let facts: { value: Facts; fingerprint: string } | null = null;
  let loading: Promise<Facts> | null = null;
  let generation = 0;
  const memo = new Map<string, unknown>();

  const invalidate = () => {
    generation += 1;
    facts = null;
    memo.clear();
  };
  const prefix = `idb://${db.name}/`;
  // The outreach log and audit trail change with every tap and feed no analysis held in memory.
  const ignored = ['contacts/', 'auditLog/'].map((t) => prefix + t);
  const onMutation = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => k.startsWith(prefix) && !ignored.some((i) => k.startsWith(i)))) invalidate();
  };
  Dexie.on('storagemutated', onMutation);

  /** Cheap signs of new rows: the newest sale and the newest member (two index reads). */
  async function fingerprint(): Promise<string> {
    const [sale, member] = await Promise.all([
      db.sales.orderBy('at').reverse().limit(1).primaryKeys(),
      db.members.orderBy('createdAt').reverse().limit(1).primaryKeys(),
    ]);
    return `${String(sale[0] ?? '')}|${String(member[0] ?? '')}`;
  }

  const overviewCounts = memberCountsCache(db, fingerprint);

  async function loadFacts(): Promise<Facts> {
    const builder = new FactsBuilder();
    await db.transaction('r', [db.members, db.sales], async () => {
      builder.addMembers(await db.members.toArray());
      let last: string | null = null;
      for (;;) {
        const page: Sale[] =
          last === null
            ? await db.sales.orderBy(':id').limit(PAGE).toArray()
            : await db.sales.where(':id').above(last).limit(PAGE).toArray();
        builder.addSales(page);
        if (page.length < PAGE) break;
        last = page[page.length - 1]?.id ?? null;
      }
    });
    return builder.build();
  }

  async function currentFacts(): Promise<Facts> {
    const print = await fingerprint();
    if (facts && facts.fingerprint === print) return facts.value;
    if (facts) invalidate();
    if (!loading) {
      const started = generation;
      loading = loadFacts()
        .then((value) => {
          if (generation === started) facts = { value, fingerprint: print };
          return value;
        })
        .finally(() => {
          loading = null;
        });
    }
    return loading;
  }

  /** Results kept until the next change of the database. */
  async function memoised<T>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = memo.get(key) as T | undefined;
    if (hit !== undefined && facts) return hit;
    const value = await make();
    memo.set(key, value);
    return value;
  }

  function rfmOf(f: Facts, today: IsoDate, scoring: RfmScoringKind): RfmResult {
    return rfm(f, { today, scoring: scoring === 'quintile' ? { kind: 'quintile' } : DEFAULT_THRESHOLDS });
  }

  async function rfmResult(today: IsoDate, scoring: RfmScoringKind): Promise<RfmResult> {
    const f = await currentFacts();
    return memoised(`rfm|${today}|${scoring}`, async () => rfmOf(f, today, scoring));
  }

  async function churnResult(req: { today: IsoDate; inactiveDays: number; factorPct: number }): Promise<ChurnResult> {
    const f = await currentFacts();
    return memoised(`churn|${req.today}|${req.inactiveDays}|${req.factorPct}`, async () =>
      churn(f, { today: req.today, inactiveDays: req.inactiveDays, factorPct: req.factorPct }, lastScoreByMember(await db.feedback.toArray())),
    );
  }

  async function healthOptions(period: Period) {
    const [tiers, settings, staff] = await Promise.all([getTiers(db), getSettings(db), db.staff.toArray()]);
    const perYuan = (settings as unknown as Record<string, unknown>)['pointsPerYuan'];
    return {
      period,
      tiers,
      staff: staff.map((s) => ({ id: s.id, name: typeof s['name'] === 'string' ? s['name'] : s.id })),
      pointsPerYuan: typeof perYuan === 'number' && perYuan > 0 ? perYuan : DEFAULT_POINTS_PER_YUAN,
    };
  }

  /** The care list's inputs besides facts: small tables and the ledgers of members with points due. */
  async function careResult(today: IsoDate, settings: CareSettings): Promise<CareEntry[]> {
    const f = await currentFacts();
    return memoised(`care|${today}|${JSON.stringify(settings)}`, async () => {
      return careList(f, await readCareInput(db, today, settings));
    });
  }

  /** Live members and their babies, kept until the database changes (every filter tap reads them). */
  async function segmentBase(): Promise<{ members: Member[]; babies: Map<string, Baby[]> }> {
    await currentFacts();
    return memoised('segmentBase', async () => {
      const [members, babies] = await db.transaction('r', [db.members, db.babies], () =>
        Promise.all([db.members.toArray(), db.babies.toArray()]),
      );
      const byMember = new Map<string, Baby[]>();
      for (const b of babies) {
        const list = byMember.get(b.memberId);
        if (list) list.push(b);
        else byMember.set(b.memberId, [b]);
      }
      return { members: members.filter((m) => m.deletedAt === undefined), babies: byMember };
    });
  }

  async function segmentMatches(filter: SegmentFilter, today: IsoDate, preview: number) {
    const { members, babies } = await segmentBase();
    const classes =
      filter.rfmClasses.length > 0 ? new Map((await rfmResult(today, 'quintile')).members.map((m) => [m.id, m.cls])) : new Map<string, RfmClass>();
    let count = 0;
    const rows: { id: string; name: string; phone: string; why: NonNullable<ReturnType<typeof matchSegment>> }[] = [];
    for (const m of members) {
      const why = matchSegment(m, babies.get(m.id) ?? [], classes.get(m.id) ?? null, filter, today);
      if (!why) continue;
      count += 1;
      if (rows.length < preview) rows.push({ id: m.id, name: m.name, phone: m.phone, why });
    }
    return { count, members: rows };
  }

  const handlers: Handlers = {
    async campaignEffect({ campaignId, today }) {
      const [f, campaign] = await Promise.all([currentFacts(), db.campaigns.get(campaignId)]);
      const target = campaign?.target;
      if (!campaign || !target) return null;
      return campaignEffect(
        f,
        { running: { from: campaign.startDate, to: campaign.endDate }, costFen: target.costFen, treatedIds: target.treatedIds, holdoutIds: target.holdoutIds },
        today,
      );
    },

    async segment({ filter, today, preview }) {
      return segmentMatches(filter, today, preview);
    },

    async care({ today, settings }) {
      return careResult(today, settings);
    },

    async coPurchase({ minSupport, minConfidencePct }) {
      const f = await currentFacts();
      return memoised(`coPurchase|${minSupport}|${minConfidencePct}`, async () => coPurchaseTable(f, { minSupport, minConfidencePct }));
    },

    async suggestionUptake({ period }) {
      return suggestionUptake(await currentFacts(), period);
    },

    async warmUp({ today }) {
      // What the owner opens first — the dashboard's default period — counted now, at idle.
      if (today) {
        const period = periodFor(DEFAULT_PERIOD, today);
        await overviewCounts(period, previousPeriod(period, DEFAULT_PERIOD), today);
      }
      const [membersTotal] = await Promise.all([db.members.count(), db.dailyRollups.count()]);
      return { membersTotal };
    },

    async overview({ period, previous, today }) {
      // Rollups of the two periods only; the member counts from index counts, kept while nothing changed.
      const from = period.from < previous.from ? period.from : previous.from;
      const to = period.to > previous.to ? period.to : previous.to;
      const [rollups, counts] = await Promise.all([
        db.transaction('r', db.dailyRollups, () => rollupsBetween(db, from, to)),
        overviewCounts(period, previous, today),
      ]);
      return overviewFromRollups({ period, previous, rollups, ...counts });
    },

    async repeat({ period, previous }) {
      if (facts && facts.fingerprint === (await fingerprint()))
        return { current: repeatFromFacts(facts.value, period), before: repeatFromFacts(facts.value, previous) };
      const read = (p: Period) =>
        db.sales
          .where('at')
          .between(localMidnight(p.from), localMidnight(addDays(p.to, 1)), true, false)
          .toArray();
      const [a, b] = await Promise.all([read(period), read(previous)]);
      return { current: repeatPurchase(a), before: repeatPurchase(b) };
    },

    async behaviour({ period, previous }) {
      const f = await currentFacts();
      return memoised(`behaviour|${period.from}|${period.to}|${previous.from}|${previous.to}`, async () =>
        behaviour(f, period, previous),
      );
    },

    async rfm({ today, scoring, preview }) {
      const { members, ...rest } = await rfmResult(today, scoring);
      const byClass = Object.fromEntries(RFM_CLASSES.map((c) => [c, [] as RfmMemberRow[]])) as Record<
        RfmClass,
        RfmMemberRow[]
      >;
      for (const m of members) if (byClass[m.cls].length < preview) byClass[m.cls].push(m);
      return { ...rest, preview: byClass };
    },

    async rfmMembers({ today, scoring, cls }) {
      const { members } = await rfmResult(today, scoring);
      return cls === null ? members : members.filter((m) => m.cls === cls);
    },

    async churn(req) {
      const { members, ...rest } = await churnResult(req);
      return { ...rest, preview: members.slice(0, req.preview) };
    },

    async churnMembers(req) {
      return (await churnResult(req)).members;
    },

    async health({ period }) {
      const [f, opts] = await Promise.all([currentFacts(), healthOptions(period)]);
      return health(f, opts);
    },

    async satisfaction({ period }) {
      return satisfaction(await db.feedback.toArray(), period);
    },

    async programme({ period, today }) {
      const expiringTo = addDays(today, EXPIRING_DAYS);
      // From the start of today: lots that ran out earlier today already have their expiry row.
      const now = localMidnight(today);
      const [f, tiers] = await Promise.all([currentFacts(), getTiers(db)]);
      const withStoredValue = f.members.filter((m) => m.known && !m.deleted && m.storedValueFen !== 0).map((m) => m.id);
      return db.transaction('r', [db.pointsLedger, db.storedValueLedger, db.tierHistory, db.coupons], async () => {
        // Only the members who have a lot due in the window have their ledgers replayed.
        const due = await db.pointsLedger
          .where('expiresAt')
          .between(now, localMidnight(addDays(expiringTo, 1)), false, false)
          .toArray();
        const ledgerOf = (id: string) => db.pointsLedger.where('[memberId+at]').between([id, -Infinity], [id, Infinity]).toArray();
        const svOf = (id: string) => db.storedValueLedger.where('[memberId+at]').between([id, -Infinity], [id, Infinity]).toArray();
        const [ledgers, svRows, changes, coupons] = await Promise.all([
          Promise.all([...new Set(due.map((e) => e.memberId))].map(ledgerOf)),
          Promise.all(withStoredValue.map(svOf)),
          db.tierHistory.toArray(),
          db.coupons.toArray(),
        ]);
        const from = localMidnight(period.from);
        const to = localMidnight(addDays(period.to, 1));
        const inPeriod = (at: number) => at >= from && at < to;
        const order = [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen).map((t) => t.id);
        return {
          expiring: pointsExpiring(ledgers, now, localMidnight(addDays(expiringTo, 1)) - 1),
          expiringTo,
          storedValue: storedValueSplit(svRows.flat()),
          tierMovement: tierMovement(changes.filter((c) => inPeriod(c.at)), order),
          coupons: couponRedemption(coupons.filter((c) => inPeriod(c.issuedAt)), now),
        };
      });
    },

    async full({ today, period, previous }) {
      invalidate();
      const t0 = performance.now();
      const f = await currentFacts();
      const t1 = performance.now();
      const opts = await healthOptions(period);
      behaviour(f, period, previous);
      rfmOf(f, today, 'quintile');
      churn(f, { today });
      health(f, opts);
      repeatFromFacts(f, period);
      const t2 = performance.now();
      return { sales: f.sales.n, members: f.members.length, loadMs: t1 - t0, computeMs: t2 - t1 };
    },
  };

  return {
    handle<K extends AnalyticsKind>(kind: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
      const handler = handlers[kind] as (r: AnalyticsApi[K][0]) => Promise<AnalyticsApi[K][1]>;
      if (typeof handler !== 'function') return Promise.reject(new Error(`unknown analytics request ${String(kind)}`));
      return handler(req);
    },
    invalidate,
    close() {
      Dexie.on.storagemutated.unsubscribe(onMutation);
    },
  };
}
