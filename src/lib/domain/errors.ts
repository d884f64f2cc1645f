import type { Id } from './ids';
import type { CheckoutError } from './checkout';
import type { ReturnError } from './refund';

/** Expected failures of commands, as data the UI turns into words. */
export type DomainErrorDetail =
  | { code: 'duplicatePhone'; memberId: Id }
  | { code: 'duplicateSku'; productId: Id }
  | { code: 'notFound'; entity: 'member' | 'product' | 'sale' | 'tier' | 'coupon' | 'template' | 'gift' | 'campaign' | 'contact' | 'segment' | 'event' | 'signup' }
  | { code: 'checkout'; reason: CheckoutError }
  | { code: 'return'; reason: ReturnError }
  | { code: 'loyalty'; reason: LoyaltyError }
  | { code: 'invalid'; field: string };

export class DomainError extends Error {
  constructor(readonly detail: DomainErrorDetail) {
    super(detail.code);
    this.name = 'DomainError';
  }
}

/** Refusals of the loyalty commands outside checkout. */
export type LoyaltyError =
  | 'amountRange'
  | 'pointsOverBalance'
  | 'outOfStock'
  | 'storedValueSpent'
  | 'notATopUp'
  | 'alreadyRefunded'
  | 'reasonRequired'
  | 'templateInactive'
  | 'noPaidPlan';
