import { MessagingSchema1767225600000 } from './migrations/1767225600000-messaging-schema';
import { ControlledGoodsAndCases1767225600001 } from './migrations/1767225600001-controlled-goods-and-cases';

/** Every migration of quarantine, oldest first (append only). */
export const QUARANTINE_MIGRATIONS = [
  MessagingSchema1767225600000,
  ControlledGoodsAndCases1767225600001,
];
