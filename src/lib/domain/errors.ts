import type { Id } from './ids';
import type { CheckoutError } from './checkout';

/** Expected failures of commands, as data the UI turns into words. */
export type DomainErrorDetail =
  | { code: 'duplicatePhone'; memberId: Id }
  | { code: 'duplicateSku'; productId: Id }
  | { code: 'notFound'; entity: 'member' | 'product' | 'sale' | 'tier' }
  | { code: 'checkout'; reason: CheckoutError }
  | { code: 'invalid'; field: string };

export class DomainError extends Error {
  constructor(readonly detail: DomainErrorDetail) {
    super(detail.code);
    this.name = 'DomainError';
  }
}
