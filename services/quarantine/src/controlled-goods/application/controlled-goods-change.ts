import { EVENTS, quarantineV1 } from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import type { Actor } from '../../cases/domain/quarantine-case';
import { actorToProto, QUARANTINE_SOURCE } from '../../cases/application/decision-events';
import type { ControlKind, ControlledGoodsEntry } from '../domain/controlled-goods';

export type ControlledGoodsActionName = 'ADDED' | 'EXPIRED' | 'REMOVED';

export function controlKindToProto(kind: ControlKind): quarantineV1.ControlKind {
  switch (kind) {
    case 'PLANT':
      return quarantineV1.ControlKind.CONTROL_KIND_PLANT;
    case 'ANIMAL':
      return quarantineV1.ControlKind.CONTROL_KIND_ANIMAL;
    case 'FOOD_SAFETY':
      return quarantineV1.ControlKind.CONTROL_KIND_FOOD_SAFETY;
    default: {
      const unknown: never = kind;
      throw new TypeError(`unknown control kind ${String(unknown)}`);
    }
  }
}

const ACTIONS: Record<ControlledGoodsActionName, quarantineV1.ControlledGoodsAction> = {
  ADDED: quarantineV1.ControlledGoodsAction.CONTROLLED_GOODS_ACTION_ADDED,
  EXPIRED: quarantineV1.ControlledGoodsAction.CONTROLLED_GOODS_ACTION_EXPIRED,
  REMOVED: quarantineV1.ControlledGoodsAction.CONTROLLED_GOODS_ACTION_REMOVED,
};

/** The audit event of a list change: who, why, what (key `controlled-goods:<prefix>`). */
export function controlledGoodsChangedEvent(
  action: ControlledGoodsActionName,
  entry: ControlledGoodsEntry,
  actor: Actor,
  reason: string,
  at: string,
): OutgoingEvent<unknown> {
  return outgoing({
    contract: EVENTS.quarantineControlledGoodsChanged,
    key: `controlled-goods:${entry.hsPrefix}`,
    source: QUARANTINE_SOURCE,
    time: new Date(at),
    message: {
      action: ACTIONS[action],
      hsPrefix: entry.hsPrefix,
      kind: controlKindToProto(entry.kind),
      description: entry.description,
      validFrom: entry.validFrom,
      ...(entry.validUntil === undefined ? {} : { validUntil: entry.validUntil }),
      actor: actorToProto(actor),
      reason,
      changedAt: at,
    },
  });
}
