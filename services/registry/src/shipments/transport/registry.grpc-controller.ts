import { Controller } from '@nestjs/common';
import { registryServiceV1 } from '@cuakhau/contracts';
import { AmendShipmentHandler } from '../application/amend-shipment.handler';
import { CancelShipmentHandler } from '../application/cancel-shipment.handler';
import { GetShipmentHandler } from '../application/get-shipment.handler';
import { ListShipmentsHandler } from '../application/list-shipments.handler';
import { LookupByPlateAndPassHandler } from '../application/lookup-by-plate-and-pass.handler';
import { shipmentStatusFromProto } from '../application/proto-values.mapper';
import { RegisterShipmentHandler } from '../application/register-shipment.handler';
import { ReissuePassCodeHandler } from '../application/reissue-pass-code.handler';
import type { ShipmentStatus } from '../domain/shipment';
import {
  actorTextOf,
  registrationInputFromProto,
  shipmentToProto,
  summaryToProto,
} from './shipment.mapper';

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** gRPC `cuakhau.registry.v1.RegistryService`: map the request, call one use case, map the answer. */
@Controller()
@registryServiceV1.RegistryServiceControllerMethods()
export class RegistryGrpcController implements registryServiceV1.RegistryServiceController {
  constructor(
    private readonly registerShipment: RegisterShipmentHandler,
    private readonly getShipment: GetShipmentHandler,
    private readonly listShipments: ListShipmentsHandler,
    private readonly amendShipment: AmendShipmentHandler,
    private readonly cancelShipment: CancelShipmentHandler,
    private readonly reissuePassCode: ReissuePassCodeHandler,
    private readonly lookupByPlateAndPassCode: LookupByPlateAndPassHandler,
  ) {}

  async register(
    request: registryServiceV1.RegisterRequest,
  ): Promise<registryServiceV1.RegisterResponse> {
    const { shipment, passCode } = await this.registerShipment.execute({
      organisationId: request.organisationId,
      registration: registrationInputFromProto(request),
      actor: actorTextOf(request.actor),
      idempotencyKey: request.idempotencyKey,
    });
    // A replay (same idempotency key, same request) answers the first call's shipment with an
    // empty pass_code: the clear code was given out once (RegisterShipmentHandler).
    return { shipment: shipmentToProto(shipment, true), passCode };
  }

  async get(request: registryServiceV1.GetRequest): Promise<registryServiceV1.GetResponse> {
    const shipment = await this.getShipment.execute({
      shipmentId: request.shipmentId,
      ...(request.organisationId === '' ? {} : { organisationId: request.organisationId }),
    });
    return { shipment: shipmentToProto(shipment, true) };
  }

  async list(request: registryServiceV1.ListRequest): Promise<registryServiceV1.ListResponse> {
    const statuses = request.statuses
      .map(shipmentStatusFromProto)
      .filter((status): status is ShipmentStatus => status !== undefined);
    const page = await this.listShipments.execute({
      filter: {
        organisationId: optional(request.organisationId),
        statuses,
        gateCode: optional(request.gateCode.trim().toUpperCase()),
        plannedArrivalFrom: request.plannedArrivalFrom,
        plannedArrivalTo: request.plannedArrivalTo,
      },
      pageSize: request.pageSize,
      pageToken: request.pageToken,
    });
    return {
      shipments: page.shipments.map((shipment) => shipmentToProto(shipment, false)),
      nextPageToken: page.nextPageToken,
    };
  }

  async amend(request: registryServiceV1.AmendRequest): Promise<registryServiceV1.AmendResponse> {
    const shipment = await this.amendShipment.execute({
      shipmentId: request.shipmentId,
      organisationId: request.organisationId,
      expectedVersion: request.expectedVersion,
      registration: registrationInputFromProto(request),
      actor: actorTextOf(request.actor),
    });
    return { shipment: shipmentToProto(shipment, true) };
  }

  async cancel(
    request: registryServiceV1.CancelRequest,
  ): Promise<registryServiceV1.CancelResponse> {
    const shipment = await this.cancelShipment.execute({
      shipmentId: request.shipmentId,
      organisationId: request.organisationId,
      expectedVersion: request.expectedVersion,
      reason: request.reason,
      actor: actorTextOf(request.actor),
    });
    return { shipment: shipmentToProto(shipment, true) };
  }

  async reissuePass(
    request: registryServiceV1.ReissuePassRequest,
  ): Promise<registryServiceV1.ReissuePassResponse> {
    const { shipment, passCode } = await this.reissuePassCode.execute({
      shipmentId: request.shipmentId,
      organisationId: request.organisationId,
      expectedVersion: request.expectedVersion,
      actor: actorTextOf(request.actor),
    });
    return { shipment: shipmentToProto(shipment, true), passCode };
  }

  async lookupByPlateAndPass(
    request: registryServiceV1.LookupByPlateAndPassRequest,
  ): Promise<registryServiceV1.LookupByPlateAndPassResponse> {
    const shipment = await this.lookupByPlateAndPassCode.execute({
      plate: request.plate,
      passCode: request.passCode,
    });
    return { shipment: summaryToProto(shipment) };
  }
}
