import { Injectable } from '@nestjs/common';
import {
  borderGuardServiceV1,
  commonV1,
  customsServiceV1,
  customsV1,
  quarantineServiceV1,
} from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';
import { assertCaseInScope, type AgencyScope } from '../domain/agency-scope';
import { withShortEnums } from '../domain/short-enums';
import {
  BorderGuardClient,
  CustomsClient,
  QuarantineClient,
} from '../infrastructure/agency.clients';
import type { DecisionBody } from '../transport/agency.dto';

/** A case as public JSON (short enum names). */
export type CaseView = Record<string, unknown>;

export interface CasePage {
  readonly items: readonly CaseView[];
  readonly nextCursor: string | null;
}

/** The officer acting (from the token). */
export function officerActor(principal: Principal): commonV1.Actor {
  if (principal.kind !== 'user') {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'an API key may not act on cases');
  }
  return {
    kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
    id: principal.userId,
    displayName: principal.displayName,
  };
}

function view(value: object | undefined): CaseView {
  return (withShortEnums(value ?? {}) as CaseView) ?? {};
}

function decisionOf(decision: DecisionBody['decision']): commonV1.AgencyDecision {
  return `AGENCY_DECISION_${decision}` as commonV1.AgencyDecision;
}

/**
 * The three agencies' cases behind one face: scope (gate) checked here from the token,
 * the services' rules and codes (409 on a stale version, …) passed through.
 */
@Injectable()
export class AgencyCases {
  constructor(
    private readonly customs: CustomsClient,
    private readonly borderGuard: BorderGuardClient,
    private readonly quarantine: QuarantineClient,
  ) {}

  async list(
    scope: AgencyScope,
    query: { status: readonly string[]; limit: number; cursor?: string | undefined },
  ): Promise<CasePage> {
    const common = {
      gateCode: scope.gateCode ?? '',
      pageSize: query.limit,
      pageToken: query.cursor ?? '',
    };
    const page = await this.listOf(scope, common, query.status);
    return {
      items: page.cases.map(view),
      nextCursor: page.nextPageToken === '' ? null : page.nextPageToken,
    };
  }

  private async listOf(
    scope: AgencyScope,
    common: { gateCode: string; pageSize: number; pageToken: string },
    status: readonly string[],
  ): Promise<{ cases: object[]; nextPageToken: string }> {
    switch (scope.agency) {
      case 'customs':
        return this.customs.listCases({
          ...common,
          statuses: status.map((s) => `CASE_STATUS_${s}` as customsServiceV1.CaseStatus),
        });
      case 'border-guard':
        return this.borderGuard.listCases({
          ...common,
          statuses: status.map((s) => `CASE_STATUS_${s}` as borderGuardServiceV1.CaseStatus),
        });
      case 'quarantine':
        return this.quarantine.listCases({
          ...common,
          statuses: status.map((s) => `CASE_STATUS_${s}` as quarantineServiceV1.CaseStatus),
        });
      default: {
        const unknownAgency: never = scope.agency;
        throw new TypeError(`unknown agency ${String(unknownAgency)}`);
      }
    }
  }

  /** The case of a shipment, or 404 when it is at another gate. */
  async get(scope: AgencyScope, shipmentId: string): Promise<CaseView> {
    return view(await this.rawCase(scope, shipmentId));
  }

  private async rawCase(scope: AgencyScope, shipmentId: string): Promise<{ gateCode: string }> {
    let found: { gateCode: string } | undefined;
    switch (scope.agency) {
      case 'customs':
        found = (await this.customs.getCase({ shipmentId })).case;
        break;
      case 'border-guard':
        found = (await this.borderGuard.getCase({ shipmentId })).case;
        break;
      case 'quarantine':
        found = (await this.quarantine.getCase({ shipmentId, gateCode: scope.gateCode ?? '' }))
          .case;
        break;
      default: {
        const unknownAgency: never = scope.agency;
        throw new TypeError(`unknown agency ${String(unknownAgency)}`);
      }
    }
    assertCaseInScope(scope, found?.gateCode);
    return found as { gateCode: string };
  }

  async decide(
    scope: AgencyScope,
    shipmentId: string,
    body: DecisionBody,
    actor: commonV1.Actor,
    requestId: string,
  ): Promise<CaseView> {
    // The gate is checked before acting: an officer never touches another gate's case.
    await this.rawCase(scope, shipmentId);
    const common = {
      shipmentId,
      expectedVersion: body.expectedVersion,
      decision: decisionOf(body.decision),
      reason: body.reason,
      actor,
    };
    switch (scope.agency) {
      case 'customs':
        return view((await this.customs.recordDecision({ ...common, requestId })).case);
      case 'border-guard':
        return view((await this.borderGuard.recordDecision(common)).case);
      case 'quarantine':
        return view(
          (await this.quarantine.recordDecision({ ...common, gateCode: scope.gateCode ?? '' }))
            .case,
        );
      default: {
        const unknownAgency: never = scope.agency;
        throw new TypeError(`unknown agency ${String(unknownAgency)}`);
      }
    }
  }

  async recordInspection(
    scope: AgencyScope,
    shipmentId: string,
    input: {
      findings: string;
      seals: string[];
      photos: { documentId: string; caption: string }[];
      expectedVersion: number;
    },
    actor: commonV1.Actor,
    requestId: string,
  ): Promise<CaseView> {
    await this.rawCase(scope, shipmentId);
    const { case: updated } = await this.customs.recordInspection({
      shipmentId,
      ...input,
      actor,
      requestId,
    });
    return view(updated);
  }

  async changeChannel(
    scope: AgencyScope,
    shipmentId: string,
    input: { channel: 'GREEN' | 'YELLOW' | 'RED'; reason: string; expectedVersion: number },
    actor: commonV1.Actor,
    requestId: string,
  ): Promise<CaseView> {
    await this.rawCase(scope, shipmentId);
    const { case: updated } = await this.customs.changeChannel({
      shipmentId,
      expectedVersion: input.expectedVersion,
      channel: `CHANNEL_${input.channel}` as customsV1.Channel,
      reason: input.reason,
      actor,
      requestId,
    });
    return view(updated);
  }

  async recordSample(
    scope: AgencyScope,
    shipmentId: string,
    input: { sampleId: string; labReference: string; expectedVersion: number },
    actor: commonV1.Actor,
  ): Promise<CaseView> {
    const { case: updated } = await this.quarantine.recordSample({
      shipmentId,
      gateCode: scope.gateCode ?? (await this.rawCase(scope, shipmentId)).gateCode,
      ...input,
      actor,
    });
    return view(updated);
  }

  async recordLabResult(
    scope: AgencyScope,
    shipmentId: string,
    sampleId: string,
    input: { result: 'PASS' | 'FAIL'; notes: string; expectedVersion: number },
    actor: commonV1.Actor,
  ): Promise<CaseView> {
    const { case: updated } = await this.quarantine.recordLabResult({
      shipmentId,
      gateCode: scope.gateCode ?? (await this.rawCase(scope, shipmentId)).gateCode,
      sampleId,
      ...input,
      actor,
    });
    return view(updated);
  }

  /** The border guard opens the barrier: the case must be at the officer's gate. */
  async recordCrossing(
    scope: AgencyScope,
    shipmentId: string,
    actor: commonV1.Actor,
  ): Promise<CaseView> {
    await this.rawCase(scope, shipmentId);
    const { case: updated } = await this.borderGuard.recordCrossing({ shipmentId, actor });
    return view(updated);
  }
}
