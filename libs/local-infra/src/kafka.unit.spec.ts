import { TOPIC_PARTITIONS } from '@cuakhau/contracts';
import { isLocalKafkaManaged, kafkaServerProperties, newClusterId, parseJavaMajor } from './kafka';

function parseProperties(text: string): Map<string, string> {
  return new Map(
    text
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as [string, string];
      }),
  );
}

describe('local Kafka broker settings', () => {
  const properties = parseProperties(kafkaServerProperties('/data/kafka'));

  it('runs broker and controller in one KRaft node on 127.0.0.1', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(properties.get('log.dirs')).toBe('/data/kafka');
  });

  it('never creates topics on the fly and defaults to the system partition count', () => {
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('num.partitions')).toBe(String(TOPIC_PARTITIONS));
  });

  it('uses replication 1 for internal topics (single node) and no rebalance delay', () => {
    expect(properties.get('offsets.topic.replication.factor')).toBe('1');
    expect(properties.get('transaction.state.log.min.isr')).toBe('1');
    expect(properties.get('group.initial.rebalance.delay.ms')).toBe('0');
  });
});

describe('parseJavaMajor', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.13" 2024-10-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_401"')).toBe(8);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('no java here')).toBeUndefined();
  });
});

describe('newClusterId', () => {
  it('is 22 URL-safe base64 characters, never starting with "-"', () => {
    for (let i = 0; i < 200; i += 1) {
      expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});

describe('isLocalKafkaManaged', () => {
  it('is true without KAFKA_BROKERS, false with an external cluster', () => {
    expect(isLocalKafkaManaged({})).toBe(true);
    expect(isLocalKafkaManaged({ KAFKA_BROKERS: 'kafka.prod:9092' })).toBe(false);
  });

  it('stays true when the tool handed the local broker down to a test worker', () => {
    expect(isLocalKafkaManaged({ KAFKA_BROKERS: '127.0.0.1:9092', CUAKHAU_LOCAL_KAFKA: '1' })).toBe(
      true,
    );
  });
});
