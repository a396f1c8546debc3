import { OutboxWriter, PgTransactionRunner } from '../../src';
import type { Pool } from 'pg';
import { probeContract } from '../fixtures/probe.contract';

/** Writes probe events for `key` with sequence numbers `seqs` in ONE transaction through the outbox. */
export async function writeProbes(
  pool: Pool,
  topic: string,
  key: string,
  seqs: readonly number[],
): Promise<void> {
  const contract = probeContract(topic);
  const writer = new OutboxWriter();
  await new PgTransactionRunner(pool).inTransaction((tx) =>
    writer.append(
      tx,
      seqs.map((seq) => ({
        contract,
        key,
        source: '/cuakhau/test',
        message: { key, seq, note: `${key}:${seq}` },
      })),
    ),
  );
}

/**
 * Writes `perKey` events for each of `keys`, `perTransaction` at a time; keys are written
 * concurrently, each key's transactions one after another (so each key's order is defined).
 */
export async function writeProbeSeries(
  pool: Pool,
  topic: string,
  keys: readonly string[],
  perKey: number,
  perTransaction: number,
  firstSeq = 0,
): Promise<void> {
  await Promise.all(
    keys.map(async (key) => {
      for (let start = 0; start < perKey; start += perTransaction) {
        const seqs = Array.from(
          { length: Math.min(perTransaction, perKey - start) },
          (_, i) => firstSeq + start + i,
        );
        await writeProbes(pool, topic, key, seqs);
      }
    }),
  );
}
