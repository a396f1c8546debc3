/**
 * Kafka topics of the system (ADR 0003): `cuakhau.<area>.v<major>`, one writer each,
 * key = shipment id. A breaking contract change is a new `v2` topic, never an edit.
 * Every topic has a dead-letter twin `<topic>.dlq` for poison messages.
 */
export const TOPICS = {
  registry: 'cuakhau.registry.v1',
  customs: 'cuakhau.customs.v1',
  borderGuard: 'cuakhau.border-guard.v1',
  quarantine: 'cuakhau.quarantine.v1',
  queue: 'cuakhau.queue.v1',
  audit: 'cuakhau.audit.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Partitions per topic: enough for parallel consumers on a small gate, ordered per shipment. */
export const TOPIC_PARTITIONS = 6;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Every topic the local infrastructure creates, with its dead-letter twin. */
export function allTopics(): string[] {
  return Object.values(TOPICS).flatMap((topic) => [topic, deadLetterTopic(topic)]);
}
