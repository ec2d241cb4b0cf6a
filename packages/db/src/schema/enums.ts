import { pgEnum } from 'drizzle-orm/pg-core';
import {
  CALL_STATUSES,
  CALL_TYPES,
  NOTIFICATION_TYPES,
  REMINDER_PRIORITIES,
  ROLES,
  TEAM_ROLES,
} from '@ct/contracts';

export const roleEnum = pgEnum('role', ROLES);
export const callStatusEnum = pgEnum('call_status', CALL_STATUSES);
export const callTypeEnum = pgEnum('call_type', CALL_TYPES);
export const reminderPriorityEnum = pgEnum('reminder_priority', REMINDER_PRIORITIES);
export const notificationTypeEnum = pgEnum('notification_type', NOTIFICATION_TYPES);
export const teamRoleEnum = pgEnum('team_role', TEAM_ROLES);
