import type { checkout as source } from './checkout.zh-CN';

export const checkout: Record<keyof typeof source, string> = {
};
