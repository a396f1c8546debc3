import { loadSync } from '@grpc/proto-loader';
import {
  EVENT_CONTRACTS,
  EVENTS,
  contractForType,
  contractsForTopic,
  type EventContract,
  type EventMessage,
} from './events';
import * as auditV1 from './generated/cuakhau/audit/v1/events';
import * as borderGuardV1 from './generated/cuakhau/border_guard/v1/events';
import * as commonV1 from './generated/cuakhau/common/v1/common';
import * as customsV1 from './generated/cuakhau/customs/v1/events';
import * as quarantineV1 from './generated/cuakhau/quarantine/v1/events';
import * as queueV1 from './generated/cuakhau/queue/v1/events';
import { grpcLoaderOptions } from './grpc';
import { TOPICS } from './topics';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const AT = '2026-12-01T01:30:00.000Z';
const LATER = '2026-12-01T02:45:10.250Z';

const officer: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
  id: 'customs1',
  displayName: 'Trần Thị Bình',
};
const signature: commonV1.DecisionSignature = {
  keyId: 'customs-2026-01',
  algorithm: 'Ed25519',
  signature: 'c2lnbmF0dXJl',
};
const shipmentData = {
  shipmentId: '0193a8f0-0000-7000-8000-000000000001',
  organisationId: 'org-1',
  gateCode: 'MONGCAI',
  direction: commonV1.Direction.DIRECTION_EXPORT,
  declarationNumber: '305123456780',
  plannedArrival: AT,
  vehicle: { plate: '14C-123.45', trailerPlate: '14R-006.78', country: 'VN' },
  normalisedPlate: '14C12345',
  driver: {
    name: 'Nguyễn Văn An',
    documentNumber: 'C1234567',
    nationality: 'VN',
    phone: '+84912345678',
  },
  goods: [
    {
      hsCode: '08109010',
      description: 'Vải tươi / fresh lychee',
      quantity: 20000.5,
      unit: 'KGM',
      grossKg: 21000,
      valueUsd: 18000,
      origin: 'VN',
    },
  ],
  documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
  version: 1,
};

/** One fully populated sample per event of the catalogue. */
const SAMPLES: { [Name in keyof typeof EVENTS]: EventMessage<Name> } = {
  shipmentRegistered: {
    ...shipmentData,
    registeredAt: AT,
    registeredBy: { kind: commonV1.ActorKind.ACTOR_KIND_TRADER, id: 'trader1', displayName: 'A' },
  },
  shipmentAmended: { ...shipmentData, version: 2, amendedAt: LATER, amendedBy: officer },
  shipmentCancelled: {
    shipmentId: shipmentData.shipmentId,
    reason: 'truck broke down',
    cancelledBy: officer,
    cancelledAt: LATER,
    version: 3,
  },
  shipmentStatusChanged: {
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    fromStatus: commonV1.ShipmentStatus.SHIPMENT_STATUS_IN_REVIEW,
    toStatus: commonV1.ShipmentStatus.SHIPMENT_STATUS_HELD,
    agencies: {
      customs: commonV1.AgencyStatus.AGENCY_STATUS_HOLD,
      borderGuard: commonV1.AgencyStatus.AGENCY_STATUS_CLEARED,
      quarantine: commonV1.AgencyStatus.AGENCY_STATUS_PENDING,
    },
    causeEventId: '0193a8f0-0000-7000-8000-0000000000aa',
    reason: 'invoice missing',
    version: 4,
    changedAt: LATER,
  },
  shipmentCleared: {
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    normalisedPlate: '14C12345',
    clearedAt: LATER,
    version: 5,
    hsCodes: ['08109010', '08045020'],
    plannedArrival: AT,
    direction: commonV1.Direction.DIRECTION_IMPORT,
  },
  customsDecisionRecorded: {
    shipmentId: shipmentData.shipmentId,
    caseId: 'case-1',
    decision: commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
    reason: 'document check',
    actor: officer,
    decidedAt: LATER,
    caseVersion: 2,
    signature,
    gateCode: 'MONGCAI',
    channel: customsV1.Channel.CHANNEL_YELLOW,
  },
  customsCaseOpened: {
    shipmentId: shipmentData.shipmentId,
    caseId: '0193a8f0-0000-7000-8000-0000000000c1',
    gateCode: 'MONGCAI',
    organisationId: 'org-1',
    declarationNumber: '305123456780',
    shipmentVersion: 1,
    openedAt: AT,
    caseVersion: 1,
    sourceEventId: '0193a8f0-0000-7000-8000-0000000000aa',
  },
  customsChannelAssigned: {
    shipmentId: shipmentData.shipmentId,
    caseId: '0193a8f0-0000-7000-8000-0000000000c1',
    gateCode: 'MONGCAI',
    channel: customsV1.Channel.CHANNEL_RED,
    previousChannel: customsV1.Channel.CHANNEL_YELLOW,
    source: customsV1.ChannelSource.CHANNEL_SOURCE_ASSESSMENT,
    assessment: {
      channel: customsV1.Channel.CHANNEL_RED,
      ruleChannel: customsV1.Channel.CHANNEL_YELLOW,
      reasons: [
        {
          source: customsV1.ReasonSource.REASON_SOURCE_RULE,
          ruleId: 'hs-02-meat-red',
          ruleVersion: 3,
          kind: 'HS_CODE_PREFIX',
          channel: customsV1.Channel.CHANNEL_YELLOW,
          goodsLineNumbers: [1, 3],
          text: { vi: 'Thịt', en: 'Meat' },
        },
      ],
      ruleSetVersion: 12,
      assessedAt: AT,
      sampling: {
        algorithm: 'cyrb128-sfc32-v1',
        seed: 'ab12',
        draw: 0.0125,
        rate: 0.02,
        selected: true,
      },
    },
    officerReason: '',
    actor: { kind: commonV1.ActorKind.ACTOR_KIND_SYSTEM, id: 'customs.risk', displayName: '' },
    assignedAt: AT,
    caseVersion: 2,
    revision: 2,
  },
  customsInspectionRecorded: {
    shipmentId: shipmentData.shipmentId,
    caseId: '0193a8f0-0000-7000-8000-0000000000c1',
    gateCode: 'MONGCAI',
    findings: 'goods as declared',
    seals: ['VN-0001'],
    photos: [{ documentId: 'doc-1', caption: 'rear door' }],
    inspectedBy: officer,
    inspectedAt: LATER,
    revision: 1,
    caseVersion: 3,
  },
  customsRiskRuleChanged: {
    rule: {
      id: 'hs-02-meat-red',
      version: 2,
      effectiveFrom: AT,
      effectiveTo: LATER,
      channel: customsV1.Channel.CHANNEL_RED,
      title: { vi: 'Thịt', en: 'Meat' },
      direction: commonV1.Direction.DIRECTION_IMPORT,
      gateCode: 'MONGCAI',
      hsCodePrefix: { hsPrefix: '02' },
    },
    change: customsV1.RiskRuleChange.RISK_RULE_CHANGE_UPDATED,
    previousVersion: 1,
    ruleSetVersion: 13,
    reason: 'African swine fever alert',
    actor: officer,
    changedAt: LATER,
  },
  borderGuardDecisionRecorded: {
    shipmentId: shipmentData.shipmentId,
    caseId: 'case-2',
    decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
    reason: '',
    actor: { kind: commonV1.ActorKind.ACTOR_KIND_SYSTEM, id: 'border-guard.auto', displayName: '' },
    decidedAt: LATER,
    caseVersion: 1,
    signature,
    gateCode: 'MONGCAI',
  },
  borderGuardCrossingRecorded: {
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    plate: '14C12345',
    direction: commonV1.Direction.DIRECTION_EXPORT,
    laneId: 'lane-3',
    crossedAt: LATER,
    actor: officer,
  },
  borderGuardWatchListEntryAdded: {
    entry: {
      entryId: 'entry-1',
      subject: borderGuardV1.WatchListSubject.WATCH_LIST_SUBJECT_PERSON,
      fullName: 'Nguyễn Văn An',
      documentNumber: 'C1234567',
      nationality: 'VN',
      dateOfBirth: '1980-02-03',
      plate: '',
      reason: 'notice 2026/17',
      expiresAt: LATER,
    },
    actor: officer,
    addedAt: LATER,
  },
  borderGuardWatchListEntryExpired: {
    entryId: 'entry-1',
    reason: 'inquiry closed',
    actor: officer,
    expiredAt: LATER,
  },
  borderGuardWatchListEntryRemoved: {
    entryId: 'entry-1',
    reason: 'recorded in error',
    actor: officer,
    removedAt: LATER,
  },
  quarantineDecisionRecorded: {
    shipmentId: shipmentData.shipmentId,
    caseId: 'case-3',
    decision: commonV1.AgencyDecision.AGENCY_DECISION_NOT_REQUIRED,
    reason: '',
    actor: officer,
    decidedAt: LATER,
    caseVersion: 1,
    signature,
    gateCode: 'MONGCAI',
    controlledHsCodes: ['08109010'],
  },
  quarantineControlledGoodsChanged: {
    action: quarantineV1.ControlledGoodsAction.CONTROLLED_GOODS_ACTION_ADDED,
    hsPrefix: '0810',
    kind: quarantineV1.ControlKind.CONTROL_KIND_PLANT,
    description: 'Other fruit, fresh',
    validFrom: AT,
    validUntil: LATER,
    actor: officer,
    reason: 'phytosanitary alert',
    changedAt: AT,
  },
  truckArrived: {
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    plate: '14C12345',
    source: queueV1.ArrivalSource.ARRIVAL_SOURCE_ANPR,
    cameraId: 'cam-1',
    confidence: 0.97,
    arrivedAt: AT,
    arrivalId: 'arr-1',
  },
  truckCalled: {
    shipmentId: shipmentData.shipmentId,
    laneId: 'lane-3',
    calledAt: AT,
    deadline: LATER,
    gateCode: 'MONGCAI',
    plate: '14C12345',
  },
  truckNoShow: {
    shipmentId: shipmentData.shipmentId,
    laneId: 'lane-3',
    noShowCount: 2,
    noShowAt: LATER,
    gateCode: 'MONGCAI',
    requeued: true,
  },
  laneOpened: { laneId: 'MONGCAI-L1', gateCode: 'MONGCAI', openedAt: AT, actor: 'yard1' },
  laneClosed: { laneId: 'MONGCAI-L1', gateCode: 'MONGCAI', closedAt: LATER, actor: 'yard1' },
  auditSlaBreached: {
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    rule: 'GREEN_CLEARED_AFTER_ARRIVAL',
    agency: commonV1.Agency.AGENCY_UNSPECIFIED,
    thresholdMinutes: 15,
    observedMinutes: 22,
    startedAt: AT,
    detectedAt: LATER,
  },
  auditSignatureInvalid: {
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    agency: commonV1.Agency.AGENCY_CUSTOMS,
    eventId: '0193a8f0-0000-7000-8000-0000000000aa',
    eventType: 'cuakhau.customs.v1.DecisionRecorded',
    reason: 'BAD_SIGNATURE',
    keyId: 'customs-2026-01',
    entrySeq: '42',
    detectedAt: LATER,
  },
  auditFeedbackSubmitted: {
    feedbackId: '0193a8f0-0000-7000-8000-0000000000fb',
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    kind: auditV1.FeedbackKind.FEEDBACK_KIND_COMPLAINT,
    agency: auditV1.FeedbackAgency.FEEDBACK_AGENCY_YARD,
    organisationId: 'org-1',
    author: { kind: commonV1.ActorKind.ACTOR_KIND_DRIVER, id: '14C12345', displayName: '' },
    message: 'Chờ quá lâu ở bãi',
    submittedAt: AT,
  },
  auditFeedbackAnswered: {
    feedbackId: '0193a8f0-0000-7000-8000-0000000000fb',
    shipmentId: shipmentData.shipmentId,
    gateCode: 'MONGCAI',
    agency: auditV1.FeedbackAgency.FEEDBACK_AGENCY_YARD,
    answeredBy: officer,
    answer: 'Đã mở thêm làn',
    submittedAt: AT,
    answeredAt: LATER,
    responseSeconds: '4510',
  },
  probe: { id: 'p-1', sequence: '9007199254740993', payload: 'x'.repeat(32), createdAt: AT },
};

/** What travels on Kafka: toJSON, then JSON text, then parsed again. */
function overTheWire<T>(contract: EventContract<T>, message: T): unknown {
  return JSON.parse(JSON.stringify(contract.toJSON(message))) as unknown;
}

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)]);
}

describe('event catalogue', () => {
  it.each(Object.keys(EVENTS) as (keyof typeof EVENTS)[])(
    '%s survives toJSON → JSON text → fromJSON unchanged, with lowerCamel keys',
    (name) => {
      const contract = EVENTS[name] as EventContract<unknown>;
      const json = overTheWire(contract, SAMPLES[name]);
      expect(contract.fromJSON(json)).toEqual(SAMPLES[name]);
      const keys = keysDeep(json);
      expect(keys.length).toBeGreaterThan(3);
      expect(keys.filter((key) => !/^[a-z][a-zA-Z0-9]*$/.test(key))).toEqual([]);
    },
  );

  it('writes the proto3 JSON mapping: camelCase names, enum names, RFC 3339 times', () => {
    const json = overTheWire(EVENTS.shipmentRegistered, SAMPLES.shipmentRegistered);
    expect(json).toMatchObject({
      shipmentId: shipmentData.shipmentId,
      organisationId: 'org-1',
      gateCode: 'MONGCAI',
      direction: 'DIRECTION_EXPORT',
      declarationNumber: '305123456780',
      plannedArrival: AT,
      normalisedPlate: '14C12345',
      vehicle: { plate: '14C-123.45', trailerPlate: '14R-006.78', country: 'VN' },
      driver: { documentNumber: 'C1234567' },
      goods: [{ hsCode: '08109010', quantity: 20000.5, grossKg: 21000, valueUsd: 18000 }],
      documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
      version: 1,
      registeredAt: AT,
      registeredBy: { kind: 'ACTOR_KIND_TRADER', id: 'trader1', displayName: 'A' },
    });
    const changed = overTheWire(EVENTS.shipmentStatusChanged, SAMPLES.shipmentStatusChanged);
    expect(changed).toMatchObject({
      fromStatus: 'SHIPMENT_STATUS_IN_REVIEW',
      toStatus: 'SHIPMENT_STATUS_HELD',
      agencies: {
        customs: 'AGENCY_STATUS_HOLD',
        borderGuard: 'AGENCY_STATUS_CLEARED',
        quarantine: 'AGENCY_STATUS_PENDING',
      },
    });
    expect(String((changed as { changedAt: unknown }).changedAt)).toMatch(RFC3339);
  });

  it('writes int64 as a JSON string and keeps values beyond 2^53 exact', () => {
    const json = overTheWire(EVENTS.probe, SAMPLES.probe) as Record<string, unknown>;
    expect(json['sequence']).toBe('9007199254740993');
    expect(EVENTS.probe.fromJSON({ sequence: 42 }).sequence).toBe('42');
  });

  it('reads snake_case proto names and numeric enums too, as proto3 JSON parsers must', () => {
    const parsed = EVENTS.truckCalled.fromJSON({ shipment_id: 's-1', lane_id: 'lane-1' });
    expect(parsed).toMatchObject({ shipmentId: 's-1', laneId: 'lane-1' });
    expect(EVENTS.shipmentCleared.fromJSON({ direction: 2 }).direction).toBe(
      commonV1.Direction.DIRECTION_IMPORT,
    );
  });

  it('refuses a payload that is not a JSON object', () => {
    expect(() => EVENTS.truckArrived.fromJSON(null)).toThrow(/must be a JSON object/);
    expect(() => EVENTS.truckArrived.fromJSON('{"shipmentId":"s"}')).toThrow(TypeError);
    expect(() => EVENTS.truckArrived.fromJSON([])).toThrow(TypeError);
  });

  it('finds contracts by ce_type and by topic', () => {
    expect(contractForType('cuakhau.registry.v1.ShipmentCleared')).toBe(EVENTS.shipmentCleared);
    expect(contractForType('cuakhau.registry.v1.NoSuchEvent')).toBeUndefined();
    expect(contractsForTopic(TOPICS.borderGuard).map((c) => c.type)).toEqual([
      'cuakhau.border_guard.v1.DecisionRecorded',
      'cuakhau.border_guard.v1.CrossingRecorded',
      'cuakhau.border_guard.v1.WatchListEntryAdded',
      'cuakhau.border_guard.v1.WatchListEntryExpired',
      'cuakhau.border_guard.v1.WatchListEntryRemoved',
    ]);
    expect(contractsForTopic(TOPICS.queue)).toHaveLength(5);
  });

  it('names every event by its proto full name and lists every event message of proto/', () => {
    const eventFiles = [
      'cuakhau/registry/v1/events.proto',
      'cuakhau/customs/v1/events.proto',
      'cuakhau/border_guard/v1/events.proto',
      'cuakhau/quarantine/v1/events.proto',
      'cuakhau/queue/v1/events.proto',
      'cuakhau/audit/v1/events.proto',
      'cuakhau/platform/v1/probe.proto',
    ];
    const definition = loadSync(eventFiles, grpcLoaderOptions());
    const messages = Object.entries(definition)
      .filter(
        ([, entry]) => 'format' in entry && entry.format === 'Protocol Buffer 3 DescriptorProto',
      )
      .map(([name]) => name)
      .filter((name) => !name.startsWith('google.') && !name.startsWith('cuakhau.common.'))
      .filter((name) => !partsOfEvents(definition).has(name))
      .sort();
    expect(EVENT_CONTRACTS.map((contract) => contract.type).sort()).toEqual(messages);
    expect(new Set(EVENT_CONTRACTS.map((contract) => contract.type)).size).toBe(
      EVENT_CONTRACTS.length,
    );
  });
});

/**
 * Messages of an events file that other messages of the same package embed as a field
 * (e.g. customs' `Assessment` inside `ChannelAssigned`): parts of events, not events.
 */
function partsOfEvents(definition: ReturnType<typeof loadSync>): ReadonlySet<string> {
  const parts = new Set<string>();
  for (const [name, entry] of Object.entries(definition)) {
    if (!('format' in entry) || entry.format !== 'Protocol Buffer 3 DescriptorProto') continue;
    const pkg = name.slice(0, name.lastIndexOf('.'));
    const fields = (entry.type as { field?: { typeName?: string }[] }).field ?? [];
    for (const field of fields) {
      const typeName = field.typeName ?? '';
      if (typeName !== '' && !typeName.includes('.')) parts.add(`${pkg}.${typeName}`);
    }
  }
  return parts;
}
