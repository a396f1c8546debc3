import { Controller } from '@nestjs/common';
import { queueServiceV1 } from '@cuakhau/contracts';
import { CallNextHandler } from '../application/call-next.handler';
import { RecordArrivalHandler } from '../application/record-arrival.handler';
import {
  ConfirmUnmatchedHandler,
  DismissUnmatchedHandler,
} from '../application/resolve-unmatched.handlers';
import { SetLaneOpenHandler } from '../application/set-lane-open.handler';
import { YardQueries } from '../application/yard-queries';
import { requestedShipmentIds } from './positions-request';
import { laneToProto, positionToProto, sourceFromProto, unmatchedToProto } from './queue.mapper';

function gate(code: string): string {
  return code.trim().toUpperCase();
}

function actorOf(actor: string): string {
  return actor.trim() === '' ? 'operator:unknown' : actor.trim();
}

/** gRPC `cuakhau.queue.v1.QueueService`: map the request, call one use case, map the answer. */
@Controller()
@queueServiceV1.QueueServiceControllerMethods()
export class QueueGrpcController implements queueServiceV1.QueueServiceController {
  constructor(
    private readonly recordArrivalHandler: RecordArrivalHandler,
    private readonly confirmHandler: ConfirmUnmatchedHandler,
    private readonly dismissHandler: DismissUnmatchedHandler,
    private readonly callNextHandler: CallNextHandler,
    private readonly setLaneOpenHandler: SetLaneOpenHandler,
    private readonly queries: YardQueries,
  ) {}

  async recordArrival(
    request: queueServiceV1.RecordArrivalRequest,
  ): Promise<queueServiceV1.RecordArrivalResponse> {
    const result = await this.recordArrivalHandler.execute({
      gateCode: request.gateCode,
      plate: request.plate,
      source: sourceFromProto(request.source),
      cameraId: request.cameraId,
      confidence: request.confidence,
      arrivedAt: request.arrivedAt === undefined ? new Date() : new Date(request.arrivedAt),
      shipmentIdHint: request.shipmentId,
    });
    return result.matched
      ? { matched: true, shipmentId: result.shipmentId, duplicate: result.duplicate }
      : {
          matched: false,
          shipmentId: '',
          unmatched: unmatchedToProto(result.unmatched),
          duplicate: false,
        };
  }

  async listUnmatched(
    request: queueServiceV1.ListUnmatchedRequest,
  ): Promise<queueServiceV1.ListUnmatchedResponse> {
    const rows = await this.queries.unmatched(gate(request.gateCode));
    return { arrivals: rows.map(unmatchedToProto) };
  }

  async confirmUnmatched(
    request: queueServiceV1.ConfirmUnmatchedRequest,
  ): Promise<queueServiceV1.ConfirmUnmatchedResponse> {
    const row = await this.confirmHandler.execute({
      unmatchedId: request.unmatchedId,
      shipmentId: request.shipmentId,
      actor: actorOf(request.actor),
    });
    return { arrival: unmatchedToProto(row) };
  }

  async dismissUnmatched(
    request: queueServiceV1.DismissUnmatchedRequest,
  ): Promise<queueServiceV1.DismissUnmatchedResponse> {
    const row = await this.dismissHandler.execute({
      unmatchedId: request.unmatchedId,
      actor: actorOf(request.actor),
    });
    return { arrival: unmatchedToProto(row) };
  }

  async listQueue(
    request: queueServiceV1.ListQueueRequest,
  ): Promise<queueServiceV1.ListQueueResponse> {
    const views = await this.queries.queue(gate(request.gateCode));
    return { positions: views.map(positionToProto) };
  }

  async getPosition(
    request: queueServiceV1.GetPositionRequest,
  ): Promise<queueServiceV1.GetPositionResponse> {
    return { position: positionToProto(await this.queries.position(request.shipmentId)) };
  }

  async getPositions(
    request: queueServiceV1.GetPositionsRequest,
  ): Promise<queueServiceV1.GetPositionsResponse> {
    const answer = await this.queries.positions(requestedShipmentIds(request.shipmentIds));
    return { positions: answer.positions.map(positionToProto), notInQueue: answer.notInQueue };
  }

  async listLanes(
    request: queueServiceV1.ListLanesRequest,
  ): Promise<queueServiceV1.ListLanesResponse> {
    const lanes = await this.queries.lanes(gate(request.gateCode));
    return { lanes: lanes.map(laneToProto) };
  }

  async setLaneOpen(
    request: queueServiceV1.SetLaneOpenRequest,
  ): Promise<queueServiceV1.SetLaneOpenResponse> {
    const changed = await this.setLaneOpenHandler.execute({
      laneId: request.laneId,
      open: request.open,
      actor: actorOf(request.actor),
    });
    const lanes = await this.queries.lanes(changed.gateCode);
    const lane = lanes.find((candidate) => candidate.id === request.laneId);
    return lane === undefined ? {} : { lane: laneToProto(lane) };
  }

  async callNext(
    request: queueServiceV1.CallNextRequest,
  ): Promise<queueServiceV1.CallNextResponse> {
    const call = await this.callNextHandler.execute({
      laneId: request.laneId,
      actor: actorOf(request.actor),
    });
    return {
      shipmentId: call.shipmentId,
      plate: call.plate,
      laneId: call.laneId,
      calledAt: call.calledAt.toISOString(),
      deadline: call.deadline.toISOString(),
    };
  }

  async listDepartures(
    request: queueServiceV1.ListDeparturesRequest,
  ): Promise<queueServiceV1.ListDeparturesResponse> {
    const rows = await this.queries.departures(gate(request.gateCode), request.limit || 50);
    return {
      departures: rows.map((row) => ({
        shipmentId: row.shipmentId,
        plate: row.plate,
        laneId: row.laneId ?? '',
        arrivedAt: row.arrivedAt.toISOString(),
        calledAt: row.calledAt?.toISOString(),
        crossedAt: row.crossedAt.toISOString(),
      })),
    };
  }

  async getEtaAccuracy(
    request: queueServiceV1.GetEtaAccuracyRequest,
  ): Promise<queueServiceV1.GetEtaAccuracyResponse> {
    const accuracy = await this.queries.etaAccuracy(gate(request.gateCode));
    return {
      samples: accuracy.samples,
      p50ErrorMinutes: accuracy.p50,
      p90ErrorMinutes: accuracy.p90,
      meanBiasMinutes: accuracy.bias,
    };
  }
}
