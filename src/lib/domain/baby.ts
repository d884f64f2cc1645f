import { completedMonths, type IsoDate } from './clock';
import type { Id } from './ids';

export type BabyGender = 'girl' | 'boy' | 'unknown';

export interface Baby {
  id: Id;
  memberId: Id;
  nickname: string;
  gender: BabyGender;
  /** Birth date, or the due date while expecting (then `expecting` is true). */
  birthDate: IsoDate;
  expecting: boolean;
  createdAt: number;
  updatedAt: number;
}

export const BABY_STAGES = ['pregnancy', 'm0to6', 'm6to12', 'y1to3', 'y3plus'] as const;
export type BabyStage = (typeof BABY_STAGES)[number];

/**
 * Growth stage on `today`: 孕期 before birth, then 0–6月, 6–12月, 1–3岁, 3岁+ by completed months.
 * A due date that has passed counts as a birth date (the baby has most likely arrived).
 */
export function babyStage(birthDate: IsoDate, today: IsoDate): BabyStage {
  if (birthDate > today) return 'pregnancy';
  const months = completedMonths(birthDate, today);
  if (months < 6) return 'm0to6';
  if (months < 12) return 'm6to12';
  if (months < 36) return 'y1to3';
  return 'y3plus';
}

/** Age in completed months, or null while expecting. */
export function babyAgeMonths(birthDate: IsoDate, today: IsoDate): number | null {
  return birthDate > today ? null : completedMonths(birthDate, today);
}
