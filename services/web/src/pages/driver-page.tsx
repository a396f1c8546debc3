import { useEffect, useReducer, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isShipmentStatus, type QueuePosition } from '../api/types';
import { useApp } from '../app-context';
import { StatusChip } from '../components/common';
import {
  nextStreamState,
  explanationIn,
  parsePositionEvent,
  positionStreamPath,
  type StreamState,
} from '../driver/position-stream';
import { DriverFeedback } from '../feedback/driver-feedback';
import { formatMinutes, formatNumber } from '../format/format';

export const API_BASE = '/api/v1';

/** The driver's page: public, phone-first, live over SSE. */
export function DriverPage({
  plate: initialPlate,
  passCode: initialCode,
}: {
  readonly plate: string;
  readonly passCode: string;
}) {
  const { t } = useTranslation();
  const { navigate } = useApp();
  const [plate, setPlate] = useState(initialPlate);
  const [passCode, setPassCode] = useState(initialCode);
  const watching = initialPlate !== '' && initialCode !== '';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const query = new URLSearchParams({ plate: plate.trim(), passCode: passCode.trim() });
    navigate(`/driver?${query.toString()}`);
  };

  return (
    <section className="driver" aria-labelledby="driver-title">
      <h1 id="driver-title">{t('driver.title')}</h1>
      {watching ? (
        <LivePosition
          key={`${initialPlate}|${initialCode}`}
          plate={initialPlate}
          passCode={initialCode}
        />
      ) : (
        <form className="form" onSubmit={submit}>
          <p>{t('driver.intro')}</p>
          <label htmlFor="driver-plate">{t('shipment.plate')}</label>
          <input
            id="driver-plate"
            required
            autoCapitalize="characters"
            value={plate}
            onChange={(event) => setPlate(event.target.value)}
          />
          <label htmlFor="driver-code">{t('pass.code')}</label>
          <input
            id="driver-code"
            required
            autoCapitalize="characters"
            value={passCode}
            onChange={(event) => setPassCode(event.target.value)}
          />
          <button type="submit" className="primary big">
            {t('driver.show')}
          </button>
        </form>
      )}
    </section>
  );
}

function LivePosition({ plate, passCode }: { readonly plate: string; readonly passCode: string }) {
  const { t } = useTranslation();
  const { language, navigate } = useApp();
  const [state, dispatch] = useReducer(nextStreamState, 'connecting' as StreamState);
  const [position, setPosition] = useState<QueuePosition | null>(null);

  useEffect(() => {
    const source = new EventSource(`${API_BASE}${positionStreamPath(plate, passCode)}`);
    source.onopen = () => dispatch({ kind: 'open' });
    source.addEventListener('position', (event: MessageEvent<string>) => {
      const view = parsePositionEvent(event.data);
      if (view !== undefined) {
        setPosition(view);
        dispatch({ kind: 'position' });
      }
    });
    source.addEventListener('gone', () => {
      dispatch({ kind: 'gone' });
      source.close();
    });
    source.onerror = () =>
      dispatch({ kind: 'error', closed: source.readyState === EventSource.CLOSED });
    return () => source.close();
  }, [plate, passCode]);

  const called = position?.status === 'CALLED';
  return (
    <div className={called ? 'driver-called' : ''}>
      <p className={`connection connection-${state}`} role="status" aria-live="polite">
        <span aria-hidden="true">●</span> {t(`driver.connection.${state}`)}
      </p>
      <p className="driver-plate">
        {t('shipment.plate')}: <strong>{plate}</strong>
      </p>
      {state === 'gone' && position === null && (
        <div className="alert alert-error" role="alert">
          {t('driver.notFound')}
        </div>
      )}
      {position !== null && (
        <div aria-live="polite">
          {called && position.lane !== null ? (
            <div className="lane-call" role="alert">
              <p>{t('driver.goToLane')}</p>
              <p className="lane-big">{position.lane}</p>
            </div>
          ) : (
            <>
              <p>
                <StatusChip status={position.status} />
              </p>
              {position.position !== null && (
                <p className="driver-position">
                  {t('driver.position')}{' '}
                  <strong className="big-number">
                    {formatNumber(position.position, language)}
                  </strong>
                </p>
              )}
              {position.etaMinutes !== null && (
                <p className="driver-eta">
                  {t('driver.eta')} <strong>{formatMinutes(position.etaMinutes, language)}</strong>
                </p>
              )}
            </>
          )}
          <p className="driver-explanation">
            {isShipmentStatus(position.status)
              ? t(`driver.explain.${position.status}`)
              : t('status.UNKNOWN')}
          </p>
          {explanationIn(position, language) !== '' && (
            <p className="muted">
              {t('driver.details')}: {explanationIn(position, language)}
            </p>
          )}
        </div>
      )}
      {position !== null && <DriverFeedback plate={plate} passCode={passCode} />}
      <button type="button" onClick={() => navigate('/driver')}>
        {t('driver.other')}
      </button>
    </div>
  );
}
