import { status as GrpcStatus } from '@grpc/grpc-js';
import { commonV1, EVENTS, registryServiceV1, TOPICS } from '@cuakhau/contracts';
import { eventually } from '@cuakhau/testing';
import {
  failureOf,
  grpcFailure,
  randomPlate,
  readTopicsFromNow,
  registerRequest,
  startRegistryUnderTest,
  type ReadMessage,
  type RegistryUnderTest,
} from './support/registry-test-env';

jest.setTimeout(60_000);

describe('registry gRPC API (real PostgreSQL + Kafka)', () => {
  let registry: RegistryUnderTest;
  let topic: { messages: ReadMessage[]; stop(): Promise<void> };

  beforeAll(async () => {
    registry = await startRegistryUnderTest('grpc');
    topic = await readTopicsFromNow(registry.kafka, [TOPICS.registry]);
  });

  afterAll(async () => {
    await topic?.stop();
    await registry?.stop();
  });

  it('registers a shipment and publishes ShipmentRegistered through the outbox', async () => {
    const request = registerRequest();
    const response = await registry.client.register(request);
    const shipment = response.shipment;
    expect(shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_REGISTERED);
    expect(shipment?.normalisedPlate).toBe('14C12345');
    expect(shipment?.version).toBe(1);
    expect(shipment?.agencies?.customs).toBe(commonV1.AgencyStatus.AGENCY_STATUS_PENDING);
    expect(shipment?.timeline.map((entry) => entry.step)).toEqual([
      registryServiceV1.TimelineStep.TIMELINE_STEP_REGISTERED,
    ]);
    expect(response.passCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const id = shipment?.id ?? '';

    const message = await eventually(() => {
      const found = topic.messages.find((candidate) => candidate.key === id);
      if (!found) throw new Error('ShipmentRegistered not on the topic yet');
      return found;
    });
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'cuakhau.registry.v1.ShipmentRegistered',
      ce_source: '/cuakhau/registry',
      ce_subject: id,
      'content-type': 'application/json',
    });
    const payload = JSON.parse(message.value ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      shipmentId: id,
      organisationId: 'org-1',
      gateCode: 'MONGCAI',
      direction: 'DIRECTION_EXPORT',
      declarationNumber: request.declarationNumber,
      normalisedPlate: '14C12345',
      version: 1,
      registeredBy: { kind: 'ACTOR_KIND_TRADER', id: 'trader1' },
    });
    const decoded = EVENTS.shipmentRegistered.fromJSON(payload);
    expect(decoded.goods[0]?.hsCode).toBe('08109010');
    expect(JSON.stringify(payload)).not.toContain(response.passCode);

    const stored = await registry.pool.query<{ pass_code_hash: string }>(
      'SELECT pass_code_hash FROM shipments WHERE id = $1',
      [id],
    );
    expect(stored.rows[0]?.pass_code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers INVALID_ARGUMENT with every failing field', async () => {
    const failure = await grpcFailure(
      registry.client.register(
        registerRequest({
          organisationId: '',
          gateCode: 'NOWHERE',
          declarationNumber: '12345',
          goods: [
            {
              hsCode: '0810',
              description: 'x',
              quantity: -1,
              unit: 'KGM',
              grossKg: 0,
              valueUsd: 1,
              origin: 'VN',
            },
          ],
        }),
      ),
    );
    expect(failure.status).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(failure.error?.code).toBe('REGISTRY.VALIDATION_FAILED');
    const fields = failure.error?.fields.map((field) => `${field.field} ${field.code}`) ?? [];
    expect(fields).toEqual(
      expect.arrayContaining([
        'organisationId REGISTRY.FIELD_REQUIRED',
        'gateCode REGISTRY.GATE_UNKNOWN',
        'declarationNumber REGISTRY.DECLARATION_NUMBER_INVALID',
        'goods[0].hsCode REGISTRY.HS_CODE_INVALID',
        'goods[0].quantity REGISTRY.QUANTITY_INVALID',
        'goods[0].grossKg REGISTRY.GROSS_WEIGHT_INVALID',
      ]),
    );
  });

  it('refuses a duplicate declaration at the same gate through the unique constraint, even concurrently', async () => {
    const request = registerRequest();
    const outcomes = await Promise.allSettled([
      registry.client.register(request),
      registry.client.register(request),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
    const failure = failureOf(rejected?.status === 'rejected' ? rejected.reason : undefined);
    expect(failure.status).toBe(GrpcStatus.ABORTED);
    expect(failure.error?.code).toBe('REGISTRY.DECLARATION_DUPLICATE');

    // Same number at another gate is another declaration.
    const elsewhere = await registry.client.register({ ...request, gateCode: 'HUUNGHI' });
    expect(elsewhere.shipment?.gateCode).toBe('HUUNGHI');
  });

  it('lets exactly one of five concurrent amendments with the same version win', async () => {
    const registered = await registry.client.register(registerRequest());
    const id = registered.shipment?.id ?? '';
    // The version the trader sees now (an agency elsewhere on a shared broker may have
    // decided already); assertions are on the state, not on fixed version numbers.
    const seen = (await registry.client.get({ shipmentId: id })).shipment?.version ?? 1;
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        registry.client.amend({
          ...registerRequest({ declarationNumber: registered.shipment?.declarationNumber ?? '' }),
          shipmentId: id,
          expectedVersion: seen,
          documents: [{ type: 'INVOICE', number: `INV-${n}` }],
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      const failure = failureOf(outcome.reason);
      expect(failure.status).toBe(GrpcStatus.ABORTED);
      expect(failure.error?.code).toBe('REGISTRY.VERSION_CONFLICT');
    }
    const current = await registry.client.get({ shipmentId: id });
    expect(current.shipment?.version).toBeGreaterThan(seen);
    expect(
      current.shipment?.timeline.filter(
        (entry) => entry.step === registryServiceV1.TimelineStep.TIMELINE_STEP_AMENDED,
      ),
    ).toHaveLength(1);
    await eventually(() => {
      const amended = topic.messages.filter(
        (message) => message.key === id && message.headers.ce_type === EVENTS.shipmentAmended.type,
      );
      expect(amended).toHaveLength(1);
    });
  });

  it('finds the shipment by any form of the plate and the pass code; a wrong or old code is NOT_FOUND', async () => {
    const plate = randomPlate(); // 29C-123.45
    const registered = await registry.client.register(
      registerRequest({ vehicle: { plate, trailerPlate: '', country: 'VN' } }),
    );
    const id = registered.shipment?.id ?? '';
    const compact = plate.replace(/[-.]/g, '');
    for (const typed of [plate, compact, compact.toLowerCase().replace(/^(\d\d)(c)/, '$1$2 ')]) {
      const found = await registry.client.lookupByPlateAndPass({
        plate: typed,
        passCode: registered.passCode.toLowerCase(),
      });
      expect(found.shipment?.shipmentId).toBe(id);
      expect(found.shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_REGISTERED);
    }

    const wrongCode = await grpcFailure(
      registry.client.lookupByPlateAndPass({ plate, passCode: 'AAAA-BBBB-CCCC' }),
    );
    const wrongPlate = await grpcFailure(
      registry.client.lookupByPlateAndPass({ plate: '30A-999.99', passCode: registered.passCode }),
    );
    for (const failure of [wrongCode, wrongPlate]) {
      expect(failure.status).toBe(GrpcStatus.NOT_FOUND);
      expect(failure.error?.code).toBe('REGISTRY.PASS_CODE_MISMATCH');
    }
    expect(wrongCode.error?.message).toBe(wrongPlate.error?.message);

    // The version the trader sees now: on a shared broker, agencies running elsewhere (a
    // developer's npm start) may already have decided on this shipment.
    const seen = await registry.client.get({ shipmentId: id, organisationId: 'org-1' });
    const reissued = await registry.client.reissuePass({
      shipmentId: id,
      organisationId: 'org-1',
      expectedVersion: seen.shipment?.version ?? 1,
    });
    expect(reissued.passCode).not.toBe(registered.passCode);
    const old = await grpcFailure(
      registry.client.lookupByPlateAndPass({ plate, passCode: registered.passCode }),
    );
    expect(old.status).toBe(GrpcStatus.NOT_FOUND);
    const fresh = await registry.client.lookupByPlateAndPass({
      plate,
      passCode: reissued.passCode,
    });
    expect(fresh.shipment?.shipmentId).toBe(id);
  });

  it('hides another organisation’s shipment and pages through a list with a stable cursor', async () => {
    const organisationId = `org-list-${Date.now()}`;
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const response = await registry.client.register(registerRequest({ organisationId }));
      ids.push(response.shipment?.id ?? '');
    }
    const hidden = await grpcFailure(
      registry.client.get({ shipmentId: ids[0] ?? '', organisationId: 'org-other' }),
    );
    expect(hidden.status).toBe(GrpcStatus.NOT_FOUND);
    expect(hidden.error?.code).toBe('REGISTRY.SHIPMENT_NOT_FOUND');

    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await registry.client.list({ organisationId, pageSize: 2, pageToken });
      seen.push(...page.shipments.map((shipment) => shipment.id));
      expect(page.shipments.every((shipment) => shipment.timeline.length === 0)).toBe(true);
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== '' && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());

    const bad = await grpcFailure(registry.client.list({ organisationId, pageToken: 'nonsense' }));
    expect(bad.status).toBe(GrpcStatus.INVALID_ARGUMENT);
  });

  it('cancels with the version the trader saw: ShipmentCancelled + ShipmentStatusChanged; a stale version is ABORTED', async () => {
    const registered = await registry.client.register(registerRequest());
    const id = registered.shipment?.id ?? '';
    const seen = (await registry.client.get({ shipmentId: id })).shipment?.version ?? 1;
    const stale = await grpcFailure(
      registry.client.cancel({ shipmentId: id, expectedVersion: seen + 7, reason: 'x' }),
    );
    expect(stale.status).toBe(GrpcStatus.ABORTED);
    expect(stale.error?.code).toBe('REGISTRY.VERSION_CONFLICT');

    const cancelled = await registry.client.cancel({
      shipmentId: id,
      organisationId: 'org-1',
      expectedVersion: seen,
      reason: 'truck broke down',
    });
    expect(cancelled.shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_CANCELLED);
    await eventually(() => {
      const types = topic.messages
        .filter((message) => message.key === id)
        .map((message) => message.headers.ce_type);
      expect(types).toEqual([
        EVENTS.shipmentRegistered.type,
        EVENTS.shipmentCancelled.type,
        EVENTS.shipmentStatusChanged.type,
      ]);
    });
    const again = await grpcFailure(
      registry.client.amend({
        ...registerRequest(),
        shipmentId: id,
        expectedVersion: cancelled.shipment?.version ?? seen + 1,
      }),
    );
    expect(again.status).toBe(GrpcStatus.ABORTED);
    expect(again.error?.code).toBe('REGISTRY.AMEND_NOT_ALLOWED');
  });
});
