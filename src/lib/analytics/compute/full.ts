/** Every heavy analysis at once, over facts already built: what "a full recompute" means in the bench. */
import type { IsoDate } from '../../domain/clock';
import type { Period } from '../../domain/period';
import { behaviour, type BehaviourResult } from './behaviour';
import { churn, type ChurnResult } from './churn';
import type { Facts } from './facts';
import { health, type HealthOptions, type HealthResult } from './health';
import { repeatFromFacts, type RepeatFigures } from './overview';
import { rfm, type RfmResult } from './rfm';

export interface FullResult {
  behaviour: BehaviourResult;
  rfm: RfmResult;
  churn: ChurnResult;
  health: HealthResult;
  repeat: RepeatFigures;
}

export function fullRecompute(
  facts: Facts,
  opts: { today: IsoDate; period: Period; previous: Period } & Omit<HealthOptions, 'period'>,
): FullResult {
  return {
    behaviour: behaviour(facts, opts.period, opts.previous),
    rfm: rfm(facts, { today: opts.today }),
    churn: churn(facts, { today: opts.today }),
    health: health(facts, opts),
    repeat: repeatFromFacts(facts, opts.period),
  };
}
