import type { Direction, LaneCapability, LaneDirection } from './yard';

export interface CapabilityPolicy {
  /** HS chapters (2 digits) that need a cold-chain lane. */
  readonly coldChainChapters: readonly string[];
  /** Total gross weight above which a truck needs an oversize lane. */
  readonly oversizeGrossKg: number;
}

/** What a truck needs from a lane, from its goods. Sorted, no duplicates. */
export function requiredCapabilities(
  goods: readonly { readonly hsCode: string; readonly grossKg: number }[],
  policy: CapabilityPolicy,
): LaneCapability[] {
  const needs = new Set<LaneCapability>();
  if (goods.some((line) => policy.coldChainChapters.includes(line.hsCode.slice(0, 2)))) {
    needs.add('COLD_CHAIN');
  }
  const gross = goods.reduce((sum, line) => sum + line.grossKg, 0);
  if (gross > policy.oversizeGrossKg) needs.add('OVERSIZE');
  return [...needs].sort();
}

/**
 * A truck fits a lane when the lane serves its direction and has every capability it needs.
 * (The call-next SQL applies the same rule: `direction IN (d, 'BOTH') AND needs <@ caps`.)
 */
export function laneFits(
  lane: { readonly direction: LaneDirection; readonly capabilities: readonly string[] },
  truck: { readonly direction: Direction; readonly needs: readonly string[] },
): boolean {
  const direction = lane.direction === 'BOTH' || lane.direction === truck.direction;
  return direction && truck.needs.every((need) => lane.capabilities.includes(need));
}
