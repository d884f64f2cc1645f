import { common } from './messages/common.zh-CN';
import { members } from './messages/members.zh-CN';
import { checkout } from './messages/checkout.zh-CN';
import { settings } from './messages/settings.zh-CN';
import { analytics } from './messages/analytics.zh-CN';
import { loyalty } from './messages/loyalty.zh-CN';
import { memberLoyalty } from './messages/member-loyalty.zh-CN';
import { backup } from './messages/backup.zh-CN';
import { care } from './messages/care.zh-CN';
import { segments } from './messages/segments.zh-CN';
import { events } from './messages/events.zh-CN';
import { access } from './messages/access.zh-CN';
import { personal } from './messages/personal.zh-CN';
import { importing } from './messages/import.zh-CN';
import { merge } from './messages/merge.zh-CN';

/** The source of truth: every key exists here first. */
export const zhCN = { ...common, ...members, ...checkout, ...settings, ...analytics, ...backup, ...memberLoyalty, ...loyalty, ...care, ...segments, ...events, ...access, ...personal, ...merge, ...importing } as const;
export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
