import type { members as source } from './members.zh-CN';

export const members: Record<keyof typeof source, string> = {
};
