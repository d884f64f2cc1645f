import type { settings as source } from './settings.zh-CN';

export const settings: Record<keyof typeof source, string> = {
};
