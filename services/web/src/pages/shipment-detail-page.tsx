import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import type { Shipment } from '../api/types';
import { useApp } from '../app-context';
import {
  AgencyChip,
  Link,
  LoadState,
  problemOf,
  ProblemAlert,
  StatusChip,
  useLoad,
} from '../components/common';
import { formatDateTime, formatNumber, formatUsd, formatWeightKg } from '../format/format';
import { canAmend, canCancel, canPrintPass } from '../shipments/shipment-form';

export function ShipmentDetailPage({ id }: { readonly id: string }) {
  const { api } = useApp();
  const [loaded, reload, replace] = useLoad(() => api.get<Shipment>(`/shipments/${id}`), id);
  return (
    <LoadState loaded={loaded}>
      {(shipment) => <ShipmentDetail shipment={shipment} reload={reload} replace={replace} />}
    </LoadState>
  );
}

export function ShipmentDetail({
  shipment,
  reload,
  replace,
}: {
  readonly shipment: Shipment;
  readonly reload: () => void;
  readonly replace: (shipment: Shipment) => void;
}) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [cancelKey] = useState(() => crypto.randomUUID());

  const cancel = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    try {
      replace(
        await api.post<Shipment>(
          `/shipments/${shipment.id}/cancel`,
          { reason: reason.trim(), expectedVersion: shipment.version },
          { 'idempotency-key': cancelKey },
        ),
      );
      setCancelling(false);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const totalKg = shipment.goods.reduce((sum, line) => sum + line.grossKg, 0);

  return (
    <section aria-labelledby="detail-title">
      <div className="title-row">
        <h1 id="detail-title">
          {t('detail.title', { number: shipment.declarationNumber })}{' '}
          <StatusChip status={shipment.status} />
        </h1>
        <div className="actions">
          <button type="button" onClick={reload}>
            {t('common.refresh')}
          </button>
          {canPrintPass(shipment.status) && (
            <Link to={`/shipments/${shipment.id}/pass`} className="button primary">
              {t('detail.printPass')}
            </Link>
          )}
          {canAmend(shipment.status) && (
            <Link to={`/shipments/${shipment.id}/edit`} className="button">
              {t('detail.amend')}
            </Link>
          )}
          {canCancel(shipment.status) && !cancelling && (
            <button type="button" className="danger" onClick={() => setCancelling(true)}>
              {t('detail.cancel')}
            </button>
          )}
        </div>
      </div>
      <ProblemAlert problem={problem} />
      {cancelling && (
        <form className="form panel" onSubmit={(event) => void cancel(event)}>
          <label htmlFor="cancel-reason">{t('detail.cancelReason')} *</label>
          <textarea
            id="cancel-reason"
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="danger" disabled={reason.trim() === ''}>
              {t('detail.confirmCancel')}
            </button>
            <button type="button" onClick={() => setCancelling(false)}>
              {t('common.back')}
            </button>
          </div>
        </form>
      )}

      <h2>{t('detail.agencies')}</h2>
      <ul className="agency-list">
        <li>
          {t('agency.customs')}: <AgencyChip status={shipment.agencies.customs} />
        </li>
        <li>
          {t('agency.border-guard')}: <AgencyChip status={shipment.agencies.borderGuard} />
        </li>
        <li>
          {t('agency.quarantine')}: <AgencyChip status={shipment.agencies.quarantine} />
        </li>
      </ul>

      <div className="columns">
        <div>
          <h2>{t('detail.summary')}</h2>
          <dl className="facts">
            <dt>{t('shipment.gateCode')}</dt>
            <dd>{shipment.gateCode}</dd>
            <dt>{t('shipment.direction')}</dt>
            <dd>{t(`direction.${shipment.direction}`)}</dd>
            <dt>{t('shipment.plannedArrival')}</dt>
            <dd>{formatDateTime(shipment.plannedArrival, language)}</dd>
            <dt>{t('shipment.plate')}</dt>
            <dd>
              {shipment.vehicle?.plate ?? '—'}
              {shipment.vehicle?.trailerPlate ? ` / ${shipment.vehicle.trailerPlate}` : ''} (
              {shipment.vehicle?.country ?? ''})
            </dd>
            <dt>{t('shipment.driverName')}</dt>
            <dd>
              {shipment.driver?.name ?? '—'} ({shipment.driver?.nationality ?? ''})
            </dd>
            <dt>{t('detail.totalWeight')}</dt>
            <dd>{formatWeightKg(totalKg, language)}</dd>
            <dt>{t('detail.version')}</dt>
            <dd>{formatNumber(shipment.version, language)}</dd>
          </dl>
        </div>
        <div>
          <h2>{t('detail.timeline')}</h2>
          <ol className="timeline">
            {shipment.timeline.map((entry, index) => (
              <li key={index}>
                <time dateTime={entry.at ?? undefined}>{formatDateTime(entry.at, language)}</time>{' '}
                <strong>{t(`step.${entry.step}`, { defaultValue: t('step.OTHER') })}</strong>
                {entry.agency !== undefined && <> · {t(`agency.${entry.agency}`)}</>}
                {entry.decision !== undefined && (
                  <>
                    {' '}
                    · <AgencyChip status={entry.decision} />
                  </>
                )}
                {entry.actor !== null && (
                  <span className="muted">
                    {' '}
                    · {entry.actor.kind === 'SYSTEM' ? t('detail.system') : entry.actor.displayName}
                  </span>
                )}
                {entry.reason !== undefined && <p className="reason">{entry.reason}</p>}
              </li>
            ))}
          </ol>
        </div>
      </div>

      <h2>{t('shipmentForm.goods')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('goods.hsCode')}</th>
              <th scope="col">{t('goods.description')}</th>
              <th scope="col">{t('goods.quantity')}</th>
              <th scope="col">{t('goods.grossKg')}</th>
              <th scope="col">{t('goods.valueUsd')}</th>
              <th scope="col">{t('goods.origin')}</th>
            </tr>
          </thead>
          <tbody>
            {shipment.goods.map((line, index) => (
              <tr key={index}>
                <td>{line.hsCode}</td>
                <td>{line.description}</td>
                <td>
                  {formatNumber(line.quantity, language)} {line.unit}
                </td>
                <td>{formatWeightKg(line.grossKg, language)}</td>
                <td>{formatUsd(line.valueUsd, language)}</td>
                <td>{line.origin}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shipment.documents.length > 0 && (
        <>
          <h2>{t('shipmentForm.documents')}</h2>
          <ul>
            {shipment.documents.map((document, index) => (
              <li key={index}>
                {document.type}: {document.number}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
