import type { RegistryClient } from '../infrastructure/registry.client';
import type { TraderContext } from './trader-context';

/** The version to guard a write with: the client's, else the shipment's current one. */
export async function versionToExpect(
  registry: RegistryClient,
  context: TraderContext,
  shipmentId: string,
  given: number | undefined,
): Promise<number> {
  if (given !== undefined) return given;
  const { shipment } = await registry.get({ shipmentId, organisationId: context.organisationId });
  return shipment?.version ?? 0;
}
