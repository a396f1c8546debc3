import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, type FieldProblem, type Problem } from '../api/problem';
import type { Shipment } from '../api/types';
import { useApp } from '../app-context';
import { FieldError, LoadState, problemOf, ProblemAlert, useLoad } from '../components/common';
import {
  emptyGoodsLine,
  emptyShipmentForm,
  formFieldPaths,
  formFromShipment,
  requestBodyOf,
  validateShipmentForm,
  type GoodsLineForm,
  type ShipmentForm,
} from '../shipments/shipment-form';

/** The new-shipment form, or the amendment of `id`. */
export function ShipmentFormPage({ id }: { readonly id?: string }) {
  const { api } = useApp();
  const [loaded] = useLoad<Shipment | null>(
    () => (id === undefined ? Promise.resolve(null) : api.get<Shipment>(`/shipments/${id}`)),
    id ?? 'new',
  );
  return (
    <LoadState loaded={loaded}>
      {(shipment) => <ShipmentFormView key={shipment?.version ?? 0} shipment={shipment} />}
    </LoadState>
  );
}

export function ShipmentFormView({ shipment }: { readonly shipment: Shipment | null }) {
  const { t } = useTranslation();
  const { api, navigate } = useApp();
  const [form, setForm] = useState<ShipmentForm>(() =>
    shipment === null ? emptyShipmentForm() : formFromShipment(shipment),
  );
  const [errors, setErrors] = useState<Readonly<Record<string, FieldProblem>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const update = (change: (draft: ShipmentForm) => void): void =>
    setForm((current) => {
      const draft = structuredClone(current);
      change(draft);
      return draft;
    });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    const local = validateShipmentForm(form);
    if (local.length > 0) {
      setErrors(fieldErrorsOf({ status: 400, code: '', title: '', detail: '', errors: local }));
      document.getElementById(`f-${local[0]?.field ?? ''}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const body = requestBodyOf(form);
      const saved =
        shipment === null
          ? await api.post<Shipment>('/shipments', body, { 'idempotency-key': idempotencyKey })
          : await api.patch<Shipment>(`/shipments/${shipment.id}`, {
              ...body,
              expectedVersion: shipment.version,
            });
      if (saved.passCode !== undefined) {
        sessionStorage.setItem(`pass:${saved.id}`, saved.passCode);
      }
      navigate(`/shipments/${saved.id}`);
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      setErrors(fieldErrorsOf(found));
    } finally {
      setBusy(false);
    }
  };

  const field = (
    path: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    options: { type?: string; required?: boolean; hint?: string; autoComplete?: string } = {},
  ): ReactNode => {
    const id = `f-${path}`;
    const error = errors[path];
    const describedBy = [
      error === undefined ? '' : `${id}-error`,
      options.hint === undefined ? '' : `${id}-hint`,
    ]
      .filter((part) => part !== '')
      .join(' ');
    return (
      <div className={`field${error === undefined ? '' : ' field-invalid'}`}>
        <label htmlFor={id}>
          {label}
          {options.required === false ? '' : ' *'}
        </label>
        <input
          id={id}
          type={options.type ?? 'text'}
          value={value}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          autoComplete={options.autoComplete ?? 'off'}
          onChange={(event) => onChange(event.target.value)}
        />
        {options.hint !== undefined && (
          <span id={`${id}-hint`} className="hint">
            {options.hint}
          </span>
        )}
        <FieldError id={`${id}-error`} code={error?.code} />
      </div>
    );
  };

  const goodsField = (index: number, key: keyof GoodsLineForm, line: GoodsLineForm) =>
    field(`goods[${index}].${key}`, t(`goods.${key}`), line[key], (value) =>
      update((draft) => {
        const target = draft.goods[index];
        if (target !== undefined) target[key] = value;
      }),
    );

  const shown = formFieldPaths(form);
  const unknownFields = Object.keys(errors).filter((path) => !shown.has(path));

  return (
    <section aria-labelledby="form-title">
      <h1 id="form-title">
        {shipment === null ? t('shipmentForm.newTitle') : t('shipmentForm.editTitle')}
      </h1>
      <p className="hint">{t('shipmentForm.requiredHint')}</p>
      <ProblemAlert problem={problem} />
      {unknownFields.length > 0 && (
        <ul className="alert alert-error" role="alert">
          {unknownFields.map((path) => (
            <li key={path}>
              <code>{path}</code>: {t(`errors.field.${errors[path]?.code ?? 'INVALID'}`)}
            </li>
          ))}
        </ul>
      )}
      <form className="form wide" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>{t('shipmentForm.general')}</legend>
          <div className="grid">
            {field('gateCode', t('shipment.gateCode'), form.gateCode, (value) =>
              update((draft) => {
                draft.gateCode = value;
              }),
            )}
            <div className="field">
              <label htmlFor="f-direction">{t('shipment.direction')} *</label>
              <select
                id="f-direction"
                value={form.direction}
                onChange={(event) =>
                  update((draft) => {
                    draft.direction = event.target.value === 'IMPORT' ? 'IMPORT' : 'EXPORT';
                  })
                }
              >
                <option value="EXPORT">{t('direction.EXPORT')}</option>
                <option value="IMPORT">{t('direction.IMPORT')}</option>
              </select>
            </div>
            {field(
              'declarationNumber',
              t('shipment.declarationNumber'),
              form.declarationNumber,
              (value) =>
                update((draft) => {
                  draft.declarationNumber = value;
                }),
            )}
            {field(
              'plannedArrival',
              t('shipment.plannedArrival'),
              form.plannedArrival,
              (value) =>
                update((draft) => {
                  draft.plannedArrival = value;
                }),
              { type: 'datetime-local', hint: t('shipmentForm.gateTime') },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('shipmentForm.vehicle')}</legend>
          <div className="grid">
            {field('vehicle.plate', t('shipment.plate'), form.vehicle.plate, (value) =>
              update((draft) => {
                draft.vehicle.plate = value;
              }),
            )}
            {field(
              'vehicle.trailerPlate',
              t('shipment.trailerPlate'),
              form.vehicle.trailerPlate,
              (value) =>
                update((draft) => {
                  draft.vehicle.trailerPlate = value;
                }),
              { required: false },
            )}
            {field(
              'vehicle.country',
              t('shipment.country'),
              form.vehicle.country,
              (value) =>
                update((draft) => {
                  draft.vehicle.country = value;
                }),
              { hint: t('shipmentForm.countryHint') },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('shipmentForm.driver')}</legend>
          <div className="grid">
            {field('driver.name', t('shipment.driverName'), form.driver.name, (value) =>
              update((draft) => {
                draft.driver.name = value;
              }),
            )}
            {field(
              'driver.documentNumber',
              t('shipment.documentNumber'),
              form.driver.documentNumber,
              (value) =>
                update((draft) => {
                  draft.driver.documentNumber = value;
                }),
            )}
            {field(
              'driver.nationality',
              t('shipment.nationality'),
              form.driver.nationality,
              (value) =>
                update((draft) => {
                  draft.driver.nationality = value;
                }),
              { hint: t('shipmentForm.countryHint') },
            )}
            {field(
              'driver.phone',
              t('shipment.phone'),
              form.driver.phone,
              (value) =>
                update((draft) => {
                  draft.driver.phone = value;
                }),
              { type: 'tel', required: false, hint: t('shipmentForm.phoneHint') },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('shipmentForm.goods')}</legend>
          {form.goods.map((line, index) => (
            <div className="goods-line" key={index}>
              <h3>{t('shipmentForm.goodsLine', { number: index + 1 })}</h3>
              <div className="grid">
                {goodsField(index, 'hsCode', line)}
                {goodsField(index, 'description', line)}
                {goodsField(index, 'quantity', line)}
                {goodsField(index, 'unit', line)}
                {goodsField(index, 'grossKg', line)}
                {goodsField(index, 'valueUsd', line)}
                {goodsField(index, 'origin', line)}
              </div>
              {form.goods.length > 1 && (
                <button
                  type="button"
                  onClick={() =>
                    update((draft) => {
                      draft.goods.splice(index, 1);
                    })
                  }
                >
                  {t('shipmentForm.removeLine', { number: index + 1 })}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              update((draft) => {
                draft.goods.push(emptyGoodsLine());
              })
            }
          >
            {t('shipmentForm.addLine')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('shipmentForm.documents')}</legend>
          {form.documents.map((document, index) => (
            <div className="grid" key={index}>
              {field(`documents[${index}].type`, t('documents.type'), document.type, (value) =>
                update((draft) => {
                  const target = draft.documents[index];
                  if (target !== undefined) target.type = value;
                }),
              )}
              {field(
                `documents[${index}].number`,
                t('documents.number'),
                document.number,
                (value) =>
                  update((draft) => {
                    const target = draft.documents[index];
                    if (target !== undefined) target.number = value;
                  }),
              )}
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              update((draft) => {
                draft.documents.push({ type: '', number: '' });
              })
            }
          >
            {t('shipmentForm.addDocument')}
          </button>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy
              ? t('common.working')
              : shipment === null
                ? t('shipmentForm.submitNew')
                : t('shipmentForm.submitEdit')}
          </button>
        </div>
      </form>
    </section>
  );
}
