import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { itemsOf, type AuditEntry, type Shipment } from '../api/types';
import { useApp } from '../app-context';
import { LoadState, useLoad } from '../components/common';
import { formatDateTime, formatDuration, formatNumber } from '../format/format';
import {
  chartScale,
  clearanceCsv,
  clearanceRowsFromTimelines,
  parseClearanceRows,
  type ClearanceRow,
  type GroupBy,
} from '../supervisor/clearance-stats';
import { ApiError } from '../api/problem';

const GROUPS: readonly GroupBy[] = ['agency', 'step', 'day'];

interface Figures {
  readonly rows: readonly ClearanceRow[];
  readonly source: 'report' | 'timelines';
}

export function ReportsPage() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [groupBy, setGroupBy] = useState<GroupBy>('agency');
  const [loaded, reload] = useLoad<Figures>(async () => {
    try {
      const body = await api.get<unknown>(`/reports/clearance-times?groupBy=${groupBy}`);
      return { rows: parseClearanceRows(body), source: 'report' };
    } catch (error) {
      // Until the audit report lands, the registry's timelines give the same figures.
      if (!(error instanceof ApiError) || ![404, 501, 503].includes(error.problem.status)) {
        throw error;
      }
      // A role that may not list shipments (the supervisor) sees why the report is missing,
      // not the 403 of the fallback.
      const page = await api.get<unknown>('/shipments?limit=200').catch(() => {
        throw error;
      });
      return {
        rows: clearanceRowsFromTimelines(itemsOf<Shipment>(page), groupBy),
        source: 'timelines',
      };
    }
  }, groupBy);

  const groupLabel = (group: string): string =>
    groupBy === 'agency' ? t(`agency.${group}`, { defaultValue: group }) : group;

  const download = (rows: readonly ClearanceRow[]): void => {
    const blob = new Blob([clearanceCsv(rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `clearance-times-${groupBy}.csv`;
    anchor.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <div className="filters" role="group" aria-label={t('reports.groupBy')}>
        {GROUPS.map((group) => (
          <button
            key={group}
            type="button"
            aria-pressed={groupBy === group}
            className={groupBy === group ? 'primary' : ''}
            onClick={() => setGroupBy(group)}
          >
            {t(`reports.by.${group}`)}
          </button>
        ))}
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      <LoadState loaded={loaded}>
        {(figures) => {
          const scale = chartScale(figures.rows);
          const chart = figures.rows.map((row) => ({
            name: groupLabel(row.group),
            p50: Math.round(row.p50Seconds / scale.divisor),
            p90: Math.round(row.p90Seconds / scale.divisor),
          }));
          return (
            <>
              {figures.source === 'timelines' && (
                <p className="alert alert-info">{t('reports.fromTimelines')}</p>
              )}
              {figures.rows.length === 0 ? (
                <p>{t('reports.empty')}</p>
              ) : (
                <>
                  <div className="chart" role="img" aria-label={t('reports.chartLabel')}>
                    <ResponsiveContainer width="100%" height={300}>
                      <BarChart data={chart}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="name" />
                        <YAxis
                          tickFormatter={(value: number) => formatNumber(value, language)}
                          label={{
                            value: t(`reports.${scale.unit}`),
                            angle: -90,
                            position: 'insideLeft',
                          }}
                        />
                        <Tooltip />
                        <Legend />
                        <Bar dataKey="p50" name={t('reports.p50')} fill="#1d5fa8" />
                        <Bar dataKey="p90" name={t('reports.p90')} fill="#b3470d" />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t(`reports.by.${groupBy}`)}</th>
                          <th scope="col">{t('reports.count')}</th>
                          <th scope="col">{t('reports.p50')}</th>
                          <th scope="col">{t('reports.p90')}</th>
                          <th scope="col">{t('reports.max')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {figures.rows.map((row) => (
                          <tr key={row.group}>
                            <td>{groupLabel(row.group)}</td>
                            <td>{formatNumber(row.count, language)}</td>
                            <td>{formatDuration(row.p50Seconds, language)}</td>
                            <td>{formatDuration(row.p90Seconds, language)}</td>
                            <td>{formatDuration(row.maxSeconds, language)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <button type="button" onClick={() => download(figures.rows)}>
                    {t('reports.csv')}
                  </button>
                </>
              )}
            </>
          );
        }}
      </LoadState>
    </section>
  );
}

export function AuditPage({ shipmentId }: { readonly shipmentId: string }) {
  const { t } = useTranslation();
  const { api, language, navigate } = useApp();
  const [input, setInput] = useState(shipmentId);
  const [loaded] = useLoad<readonly AuditEntry[] | null>(
    async () =>
      shipmentId === ''
        ? null
        : itemsOf<AuditEntry>(
            await api.get<unknown>(`/audit?shipmentId=${encodeURIComponent(shipmentId)}`),
            'entries',
          ),
    shipmentId,
  );
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    navigate(`/audit?shipmentId=${encodeURIComponent(input.trim())}`);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <form className="filters" onSubmit={submit} role="search">
        <label htmlFor="audit-shipment">{t('audit.shipmentId')}</label>
        <input
          id="audit-shipment"
          value={input}
          required
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" className="primary">
          {t('audit.search')}
        </button>
      </form>
      <LoadState loaded={loaded}>
        {(entries) =>
          entries === null ? null : entries.length === 0 ? (
            <p>{t('audit.empty')}</p>
          ) : (
            <ol className="timeline">
              {entries.map((entry, index) => (
                <li key={index}>
                  <time>
                    {formatDateTime(
                      typeof entry['eventTime'] === 'string' ? entry['eventTime'] : entry.at,
                      language,
                    )}
                  </time>{' '}
                  <strong>
                    {typeof entry['eventType'] === 'string' ? entry['eventType'] : entry.type}
                  </strong>
                  {typeof entry['signatureStatus'] === 'string' &&
                    entry['signatureStatus'] !== '' && (
                      <span className="muted">
                        {' '}
                        · {t('audit.signature')}:{' '}
                        {t(`audit.signatureStatus.${entry['signatureStatus']}`, {
                          defaultValue: entry['signatureStatus'],
                        })}
                      </span>
                    )}
                </li>
              ))}
            </ol>
          )
        }
      </LoadState>
    </section>
  );
}
