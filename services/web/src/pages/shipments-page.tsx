import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageOf, SHIPMENT_STATUSES, type Shipment } from '../api/types';
import { useApp } from '../app-context';
import { Link, LoadMore, LoadState, StatusChip, usePagedLoad } from '../components/common';
import { formatDateTime } from '../format/format';

export function ShipmentsPage() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [status, setStatus] = useState('');
  const query = new URLSearchParams({ limit: '100', ...(status === '' ? {} : { status }) });
  const [loaded, reload, more] = usePagedLoad(async (cursor) => {
    const pageQuery = new URLSearchParams(query);
    if (cursor !== null) pageQuery.set('cursor', cursor);
    return pageOf<Shipment>(await api.get<unknown>(`/shipments?${pageQuery.toString()}`));
  }, query.toString());

  return (
    <section aria-labelledby="shipments-title">
      <div className="title-row">
        <h1 id="shipments-title">{t('shipments.title')}</h1>
        <Link to="/shipments/new" className="button primary">
          {t('shipments.new')}
        </Link>
      </div>
      <div className="filters">
        <label htmlFor="status-filter">{t('shipments.filterStatus')}</label>
        <select
          id="status-filter"
          value={status}
          onChange={(event) => setStatus(event.target.value)}
        >
          <option value="">{t('common.all')}</option>
          {SHIPMENT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      <LoadState loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('shipments.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('shipments.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('shipment.declarationNumber')}</th>
                    <th scope="col">{t('shipment.plate')}</th>
                    <th scope="col">{t('shipment.gateCode')}</th>
                    <th scope="col">{t('shipment.direction')}</th>
                    <th scope="col">{t('shipment.plannedArrival')}</th>
                    <th scope="col">{t('shipment.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((shipment) => (
                    <tr key={shipment.id}>
                      <td>
                        <Link to={`/shipments/${shipment.id}`}>{shipment.declarationNumber}</Link>
                      </td>
                      <td>{shipment.vehicle?.plate ?? '—'}</td>
                      <td>{shipment.gateCode}</td>
                      <td>{t(`direction.${shipment.direction}`)}</td>
                      <td>{formatDateTime(shipment.plannedArrival, language)}</td>
                      <td>
                        <StatusChip status={shipment.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <LoadMore page={page} more={more} />
            </div>
          )
        }
      </LoadState>
    </section>
  );
}
