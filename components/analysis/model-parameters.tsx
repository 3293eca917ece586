import { money, percent } from './insight-format';
import { durationLabel, modelMeaning, param, type ModelParameters } from './run-format';

/** The fitted population models of a run, each parameter with one line on what it says. */
export function ModelParametersList({ model }: { model: ModelParameters }) {
  const meaning = modelMeaning(model);
  return (
    <dl className="profile model-params" data-testid="model-parameters">
      <dt>BG/NBD r, α</dt>
      <dd>
        <strong>
          {param(model.bg.r)}, {param(model.bg.alpha)}
        </strong>{' '}
        <span className="muted">
          how often customers buy while active: on average r/α = {param(meaning.ordersPerWeek)} orders per
          week
        </span>
      </dd>
      <dt>BG/NBD a, b</dt>
      <dd>
        <strong>
          {param(model.bg.a)}, {param(model.bg.b)}
        </strong>{' '}
        <span className="muted">
          how likely they stop: a/(a+b) = {percent(meaning.dropoutPerOrder)} chance of dropping out after an
          order
        </span>
      </dd>
      <dt>Gamma-Gamma p, q, γ</dt>
      <dd>
        <strong>
          {param(model.gg.p)}, {param(model.gg.q)}, {param(model.gg.gamma)}
        </strong>{' '}
        <span className="muted">
          spend per order (γ in minor units of {model.currency}) and how it varies between customers
          {meaning.averageOrder !== null
            ? `: p·γ/(q−1) = ${money(meaning.averageOrder, model.currency)} average order`
            : ''}
        </span>
      </dd>
      <dt>Customers</dt>
      <dd>
        <strong>{model.customers.toLocaleString('en')}</strong>{' '}
        <span className="muted">with orders and personalization consent, fitted on</span>
      </dd>
      <dt>Category rhythms</dt>
      <dd>
        <strong>{model.categories.toLocaleString('en')}</strong>{' '}
        <span className="muted">categories with enough repeat buyers to predict the next purchase</span>
      </dd>
      <dt>Fit time</dt>
      <dd>
        <strong>{durationLabel(model.fitSeconds)}</strong>
      </dd>
    </dl>
  );
}
