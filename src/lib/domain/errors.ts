import type { Id } from './ids';
import type { CheckoutError } from './checkout';
import type { ReturnError } from './refund';
import type { OwnerAction } from './access';

/** Expected failures of commands, as data the UI turns into words. */
export type DomainErrorDetail =
  | { code: 'duplicatePhone'; memberId: Id }
  | { code: 'duplicateSku'; productId: Id }
  | { code: 'notFound'; entity: 'member' | 'product' | 'sale' | 'tier' | 'coupon' | 'template' | 'gift' | 'campaign' | 'contact' | 'segment' | 'event' | 'signup' | 'staff' }
  | { code: 'checkout'; reason: CheckoutError }
  | { code: 'return'; reason: ReturnError }
  | { code: 'loyalty'; reason: LoyaltyError }
  | { code: 'invalid'; field: string }
  | { code: 'forbidden'; action: OwnerAction }
  | { code: 'access'; reason: 'wrongPin' | 'noStaff' | 'ownerExists' | 'lastOwner' | PinErrorReason; waitMs?: number };

type PinErrorReason = 'pinFormat' | 'pinMismatch' | 'nameRequired' | 'wait';

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
