import { OutboxWriter } from '../src';
import { probeContract } from './fixtures/probe.contract';

const contract = probeContract('test.probe.v1');
const event = (key: string, seq: number) => ({
  contract,
  key,
  source: '/cuakhau/test',
  message: { key, seq, note: '' },
});

describe('OutboxWriter.cte (events written by the same statement as their state change)', () => {
  const writer = new OutboxWriter();

  it('numbers its parameters from firstParameter and keeps the events in order', () => {
    const cte = writer.cte([event('S-1', 1), event('S-2', 2), event('S-1', 3)], {
      firstParameter: 49,
      keysIn: { relation: 'inserted', column: 'id' },
    });
    expect(cte.sql).toMatch(/^outbox_rows AS \(/);
    expect(cte.sql).toContain(
      'unnest($49::uuid[], $50::text[], $51::text[], $52::jsonb[], $53::text[])',
    );
    expect(cte.sql).not.toContain('$48');
    expect(cte.sql).not.toContain('$54');
    expect(cte.sql).toContain('WHERE e.message_key IN (SELECT id::text FROM inserted)');
    expect(cte.sql).toContain('ORDER BY n');
    const [ids, topics, keys, headers, payloads] = cte.parameters as string[][];
    expect(ids).toEqual(cte.encoded.map((encoded) => encoded.id));
    expect(topics).toEqual(['test.probe.v1', 'test.probe.v1', 'test.probe.v1']);
    expect(keys).toEqual(['S-1', 'S-2', 'S-1']);
    expect(headers?.map((text) => (JSON.parse(text) as { ce_id: string }).ce_id)).toEqual(ids);
    expect(payloads?.map((text) => (JSON.parse(text) as { seq: number }).seq)).toEqual([1, 2, 3]);
  });

  it('refuses anything but plain identifiers as the relation and column it filters by', () => {
    const build = (relation: string, column: string) =>
      writer.cte([event('S-1', 1)], { firstParameter: 1, keysIn: { relation, column } });
    expect(() => build('inserted', 'id')).not.toThrow();
    expect(() => build('inserted; DROP TABLE shipments', 'id')).toThrow(/relation and a column/);
    expect(() => build('inserted', 'id) OR (true')).toThrow(/relation and a column/);
    expect(() => build('Inserted', 'id')).toThrow(/relation and a column/);
  });
});
