import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import type { Problem } from '../api/problem';
import type { Shipment } from '../api/types';
import { useApp } from '../app-context';
import { LoadState, problemOf, ProblemAlert, StatusChip, useLoad } from '../components/common';
import { formatDateTime } from '../format/format';
import { driverPageUrl } from '../router';

/** The printable pass: plate, pass code and a QR code of the driver page. */
export function ShipmentPassPage({ id }: { readonly id: string }) {
  const { api } = useApp();
  const [loaded, , replace] = useLoad(() => api.get<Shipment>(`/shipments/${id}`), id);
  return (
    <LoadState loaded={loaded}>
      {(shipment) => <Pass shipment={shipment} replace={replace} />}
    </LoadState>
  );
}

function Pass({
  shipment,
  replace,
}: {
  readonly shipment: Shipment;
  readonly replace: (shipment: Shipment) => void;
}) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [passCode, setPassCode] = useState(() => sessionStorage.getItem(`pass:${shipment.id}`));
  const [qr, setQr] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const plate = shipment.vehicle?.plate ?? '';
  const link = passCode === null ? null : driverPageUrl(window.location.origin, plate, passCode);

  useEffect(() => {
    if (link === null) return;
    let live = true;
    QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 1, width: 320 }).then(
      (url) => {
        if (live) setQr(url);
      },
      () => {
        if (live) setQr(null);
      },
    );
    return () => {
      live = false;
    };
  }, [link]);

  const reissue = async (): Promise<void> => {
    setProblem(null);
    try {
      const answer = await api.post<Shipment>(`/shipments/${shipment.id}/pass`, {
        expectedVersion: shipment.version,
      });
      if (answer.passCode !== undefined) {
        sessionStorage.setItem(`pass:${shipment.id}`, answer.passCode);
        setPassCode(answer.passCode);
      }
      replace(answer);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <section aria-labelledby="pass-title" className="pass-page">
      <ProblemAlert problem={problem} />
      {passCode === null ? (
        <div className="panel no-print">
          <p>{t('pass.unknownCode')}</p>
          <button type="button" className="primary" onClick={() => void reissue()}>
            {t('pass.reissue')}
          </button>
        </div>
      ) : (
        <>
          <div className="actions no-print">
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('pass.print')}
            </button>
            <button type="button" onClick={() => void reissue()}>
              {t('pass.reissue')}
            </button>
          </div>
          <article className="pass">
            <h1 id="pass-title">{t('pass.title')}</h1>
            <p className="pass-gate">
              {t('pass.gate')}: {shipment.gateCode} · {t(`direction.${shipment.direction}`)}
            </p>
            <dl className="pass-facts">
              <dt>{t('shipment.plate')}</dt>
              <dd className="pass-big">{plate}</dd>
              <dt>{t('pass.code')}</dt>
              <dd className="pass-big pass-code">{passCode}</dd>
              <dt>{t('shipment.declarationNumber')}</dt>
              <dd>{shipment.declarationNumber}</dd>
              <dt>{t('shipment.driverName')}</dt>
              <dd>{shipment.driver?.name ?? '—'}</dd>
              <dt>{t('shipment.plannedArrival')}</dt>
              <dd>{formatDateTime(shipment.plannedArrival, language)}</dd>
              <dt>{t('shipment.status')}</dt>
              <dd>
                <StatusChip status={shipment.status} />
              </dd>
            </dl>
            {qr !== null && <img className="pass-qr" src={qr} alt={t('pass.qrAlt', { plate })} />}
            <p className="pass-link">{link}</p>
            <p>{t('pass.instructions')}</p>
          </article>
        </>
      )}
    </section>
  );
}
