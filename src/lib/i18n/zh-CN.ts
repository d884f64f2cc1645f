import { common } from './messages/common.zh-CN';
import { members } from './messages/members.zh-CN';
import { checkout } from './messages/checkout.zh-CN';
import { settings } from './messages/settings.zh-CN';

/** The source of truth: every key exists here first. */
export const zhCN = { ...common, ...members, ...checkout, ...settings } as const;
export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
