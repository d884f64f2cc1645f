import type { Messages } from './zh-CN';
import { common } from './messages/common.en';
import { members } from './messages/members.en';
import { checkout } from './messages/checkout.en';
import { settings } from './messages/settings.en';
import { analytics } from './messages/analytics.en';
import { loyalty } from './messages/loyalty.en';
import { memberLoyalty } from './messages/member-loyalty.en';
import { backup } from './messages/backup.en';
import { care } from './messages/care.en';
import { segments } from './messages/segments.en';
import { events } from './messages/events.en';
import { access } from './messages/access.en';
import { personal } from './messages/personal.en';
import { importing } from './messages/import.en';
import { merge } from './messages/merge.en';

// Each area file is typed against its zh-CN twin, so a missing key fails the type check.
export const en: Messages = { ...common, ...members, ...checkout, ...settings, ...analytics, ...backup, ...memberLoyalty, ...loyalty, ...care, ...segments, ...events, ...access, ...personal, ...merge, ...importing };
