import { startConsumerGroupsAtTheEnd } from '@cuakhau/local-infra';
import { Client } from 'pg';

/**
 * The consumer groups the services use by default (`<SERVICE>_CONSUMER_GROUP`), i.e. those of
 * the demo gate that `npm start` runs.
 */
export const DEMO_CONSUMER_GROUPS = [
  'registry',
  'customs',
  'border-guard',
  'quarantine',
  'logistics-queue',
  'audit',
] as const;

/** True when the demo gate never ran against this registry database (no inbox table yet). */
export async function isFreshDemo(registryDatabaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: registryDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(
      "select to_regclass('public.messaging_inbox')::text as table",
    );
    return rows[0]?.table === null || rows[0]?.table === undefined;
  } finally {
    await client.end();
  }
}

/**
 * A fresh demo gate starts at the current end of every `cuakhau.*` topic: the local broker
 * also carries what `npm test` published (other gates, other databases), and replaying that
 * history into the demo's empty databases would keep the demo busy for minutes with events
 * about shipments it never had. The services are not running yet, so the groups are empty.
 */
export function startDemoGroupsAtTheEnd(brokers: readonly string[]): Promise<number> {
  return startConsumerGroupsAtTheEnd(brokers, DEMO_CONSUMER_GROUPS);
}
