import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import type { MatchingPolicy } from '../domain/arrival-matching';
import type { EtaPolicy } from '../domain/eta';
import type { CapabilityPolicy } from '../domain/lane-fit';
import type { NoShowPolicy } from '../domain/no-show';
import type { QueuePolicy } from '../domain/queue-order';

/** The yard's rules' parameters, from the validated configuration. */
export interface YardPolicy {
  readonly matching: MatchingPolicy;
  readonly queue: QueuePolicy;
  readonly capabilities: CapabilityPolicy;
  readonly eta: EtaPolicy;
  readonly noShow: NoShowPolicy;
  readonly noShowAfterMs: number;
}

export function yardPolicyOf(config: LogisticsQueueConfig): YardPolicy {
  return {
    matching: { minCameraConfidence: config.QUEUE_MIN_CAMERA_CONFIDENCE },
    queue: {
      perishableChapters: config.QUEUE_PERISHABLE_CHAPTERS,
      onSlotWindowMinutes: config.QUEUE_ON_SLOT_WINDOW_MINUTES,
    },
    capabilities: {
      coldChainChapters: config.QUEUE_COLD_CHAIN_CHAPTERS,
      oversizeGrossKg: config.QUEUE_OVERSIZE_GROSS_KG,
    },
    eta: {
      defaultServiceMinutes: config.QUEUE_DEFAULT_SERVICE_MINUTES,
      sampleSize: config.QUEUE_ETA_SAMPLE_SIZE,
    },
    noShow: { maxNoShows: config.QUEUE_MAX_NO_SHOWS },
    noShowAfterMs: config.QUEUE_NO_SHOW_AFTER_MS,
  };
}
