import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api, ok } from '../api/client';
import { Field, Status } from '../components/forms';
import { todayIso } from '../lib/format';
import { useLoad } from '../lib/use-load';
import {
  type Card,
  type Pile,
  type WorkshopState,
  addOwnCard,
  browserZone,
  cardsIn,
  checkStart,
  coreFull,
  coreReady,
  detailsOf,
  fieldOfError,
  importanceAt,
  initialState,
  maxCore,
  minCore,
  moveCore,
  piles,
  removeOwnCard,
  setDetails,
  sortCard,
  startBody,
  toggleCore,
  togglePractice,
  unsortCard,
  unsorted,
} from '../lib/workshop';

type Step = 0 | 1 | 2 | 3;
const stepNames = ['Sort the values', 'Choose your core few', 'Link running to them', 'Units and home zone'];
const draftKey = 'cairn.workshop';

function loadDraft(): WorkshopState | null {
  try {
    const text = localStorage.getItem(draftKey);
    return text ? (JSON.parse(text) as WorkshopState) : null;
  } catch {
    return null;
  }
}

export default function Workshop() {
  const loaded = useLoad(async () => {
    const [catalogue, values] = await Promise.all([ok(api.GET('/api/catalogue')), ok(api.GET('/api/values'))]);
    return { catalogue: catalogue.values, values: values.values };
  }, []);
  return (
    <>
      <h1>Values workshop</h1>
      <Status loaded={loaded}>
        {(data) => {
          const saved = loadDraft();
          return (
            <WorkshopSteps
              initial={saved && saved.cards.length >= data.catalogue.length ? saved : initialState(data.catalogue)}
              held={data.values.map((v) => v.name)}
            />
          );
        }}
      </Status>
    </>
  );
}

function WorkshopSteps(props: { initial: WorkshopState; held: string[] }) {
  const [state, setState] = useState<WorkshopState>(props.initial);
  const [step, setStep] = useState<Step>(0);
  const [valueErrors, setValueErrors] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const toField = useRef(false);

  useEffect(() => {
    try {
      localStorage.setItem(draftKey, JSON.stringify(state));
    } catch {
      /* private mode: the workshop lasts for this visit */
    }
  }, [state]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (toField.current) toField.current = false;
    else heading.current?.focus();
  }, [step]);

  const go = (to: Step) => setStep(to);
  return (
    <>
      {props.held.length > 0 && (
        <p class="notice">
          Your journal already has values. Starting again here adds the values you choose now; to change the ones you
          hold, use <a href="/values">Values</a>.
        </p>
      )}
      <ol class="wk-steps" aria-label="Steps">
        {stepNames.map((name, i) => (
          <li key={name} aria-current={i === step ? 'step' : undefined}>
            {name}
          </li>
        ))}
      </ol>
      <h2 ref={heading} tabIndex={-1}>
        Step {step + 1} of 4: {stepNames[step]}
      </h2>
      {step === 0 && <SortStep state={state} setState={setState} next={() => go(1)} />}
      {step === 1 && <CoreStep state={state} setState={setState} back={() => go(0)} next={() => go(2)} />}
      {step === 2 && (
        <DetailsStep state={state} setState={setState} back={() => go(1)} next={() => go(3)} errors={valueErrors} />
      )}
      {step === 3 && (
        <FinishStep
          state={state}
          held={props.held}
          back={() => go(2)}
          onValueError={(field, message) => {
            setValueErrors({ [field]: message });
            toField.current = true;
            go(2);
          }}
          clearValueErrors={() => setValueErrors({})}
        />
      )}
    </>
  );
}

type StepProps = {
  state: WorkshopState;
  setState: (s: WorkshopState) => void;
  back?: () => void;
  next?: () => void;
  errors?: Record<string, string>;
};

function SortStep({ state, setState, next }: StepProps) {
  const [ownName, setOwnName] = useState('');
  const [ownDescription, setOwnDescription] = useState('');
  const [ownError, setOwnError] = useState('');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const left = unsorted(state);
  // A card sorted from the unsorted list leaves it: keyboard focus moves on to the next card to sort
  // (or, when none is left, to the very important pile) rather than falling back to the page.
  useEffect(() => {
    if (!focusKey) return;
    const target =
      document.querySelector<HTMLElement>(`[data-card="${focusKey}"] button`) ??
      document.getElementById('wk-pile-very');
    target?.focus();
    setFocusKey(null);
  }, [focusKey]);
  const sortFromList = (key: string, pile: Pile) => {
    const at = left.findIndex((c) => c.key === key);
    const next = left[at + 1] ?? left[at - 1];
    setState(sortCard(state, key, pile));
    setFocusKey(next ? next.key : 'none');
  };
  const very = cardsIn(state, 'very').length;
  return (
    <>
      <p>
        For each value, ask: how important is this to me, in my life as it is now? Put each card on a pile; you can move
        it later. Only the very important pile matters for the next step.
      </p>
      <p class="muted" aria-live="polite">
        {left.length} to sort · {very} very important
      </p>
      {left.length > 0 && (
        <section aria-labelledby="wk-unsorted">
          <h3 id="wk-unsorted">To sort</h3>
          <ul class="wk-cards">
            {left.map((card) => (
              <SortCard key={card.key} card={card} state={state} setState={setState} onSort={sortFromList} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="wk-own" class="card">
        <h3 id="wk-own">A value of your own</h3>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const after = addOwnCard(state, ownName, ownDescription);
            if (after !== state) {
              setState(after);
              setOwnName('');
              setOwnDescription('');
              setOwnError('');
            } else {
              const same = state.cards.find((c) => c.name.toLowerCase() === ownName.trim().toLowerCase());
              setOwnError(same ? `${same.name} is already among the cards: sort that one.` : 'Give your value a name.');
            }
          }}
        >
          <Field id="wk-own-name" label="Name" error={ownError}>
            <input id="wk-own-name" value={ownName} onInput={(e) => setOwnName(e.currentTarget.value)} />
          </Field>
          <Field id="wk-own-description" label="What it means to you">
            <input
              id="wk-own-description"
              value={ownDescription}
              onInput={(e) => setOwnDescription(e.currentTarget.value)}
            />
          </Field>
          <p>
            <button type="submit" class="secondary" disabled={!ownName.trim()}>
              Add to very important
            </button>
          </p>
        </form>
      </section>
      {piles.map(({ pile, label }) => {
        const cards = cardsIn(state, pile);
        return (
          <section key={pile} aria-labelledby={`wk-pile-${pile}`}>
            <h3 id={`wk-pile-${pile}`} tabIndex={-1}>
              {label} ({cards.length})
            </h3>
            {cards.length === 0 ? (
              <p class="muted">None yet.</p>
            ) : (
              <ul class="wk-cards">
                {cards.map((card) => (
                  <SortCard key={card.key} card={card} state={state} setState={setState} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <div class="row wk-nav">
        <span class="spacer" />
        <button type="button" onClick={next} disabled={very < minCore}>
          Next: choose your core few
        </button>
      </div>
      {very < minCore && <p class="muted">Put at least {minCore} values on the very important pile to go on.</p>}
    </>
  );
}

function SortCard({
  card,
  state,
  setState,
  onSort,
}: {
  card: Card;
  state: WorkshopState;
  setState: (s: WorkshopState) => void;
  onSort?: (key: string, pile: Pile) => void;
}) {
  const current = state.sorted[card.key];
  const id = `wk-card-${card.key}`;
  return (
    <li class="card wk-card" data-card={card.key}>
      <h4 id={id}>{card.name}</h4>
      {card.description && <p>{card.description}</p>}
      <div class="wk-choice" role="group" aria-labelledby={id}>
        {piles.map(({ pile, label }) => (
          <button
            key={pile}
            type="button"
            class={current === pile ? '' : 'secondary'}
            aria-pressed={current === pile}
            onClick={() => {
              if (current === pile) setState(unsortCard(state, card.key));
              else if (onSort && current === undefined) onSort(card.key, pile);
              else setState(sortCard(state, card.key, pile));
            }}
          >
            {label}
          </button>
        ))}
        {card.own && (
          <button type="button" class="secondary" onClick={() => setState(removeOwnCard(state, card.key))}>
            Remove <span class="visually-hidden">{card.name}</span>
          </button>
        )}
      </div>
    </li>
  );
}

function CoreStep({ state, setState, back, next }: StepProps) {
  const very = cardsIn(state, 'very');
  const cardOf = (key: string) => state.cards.find((c) => c.key === key)!;
  return (
    <>
      <p>
        Of your very important values, choose the {minCore} to {maxCore} you most want running to serve, then put them in
        order: the first is the one that matters most.
      </p>
      <fieldset>
        <legend>Very important ({state.core.length} of at most {maxCore} chosen)</legend>
        <ul class="wk-pick">
          {very.map((card) => {
            const chosen = state.core.includes(card.key);
            return (
              <li key={card.key}>
                <label class="wk-check">
                  <input
                    type="checkbox"
                    checked={chosen}
                    disabled={!chosen && coreFull(state)}
                    onChange={() => setState(toggleCore(state, card.key))}
                  />
                  <span>
                    {card.name}
                    {card.description && <span class="muted"> — {card.description}</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <h3>Your order</h3>
      {state.core.length === 0 ? (
        <p class="muted">Choose values above.</p>
      ) : (
        <ol class="wk-order">
          {state.core.map((key, i) => {
            const card = cardOf(key);
            return (
              <li key={key} class="card">
                <span class="wk-rank">
                  <strong>{card.name}</strong>
                  <span class="muted"> importance {importanceAt(i)}/10</span>
                </span>
                <span class="row">
                  <button
                    type="button"
                    class="secondary"
                    disabled={i === 0}
                    aria-label={`Move ${card.name} up`}
                    onClick={() => setState(moveCore(state, key, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    disabled={i === state.core.length - 1}
                    aria-label={`Move ${card.name} down`}
                    onClick={() => setState(moveCore(state, key, 1))}
                  >
                    ↓
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div class="row wk-nav">
        <button type="button" class="secondary" onClick={back}>
          Back
        </button>
        <span class="spacer" />
        <button type="button" onClick={next} disabled={!coreReady(state)}>
          Next: link running to them
        </button>
      </div>
      {!coreReady(state) && (
        <p class="muted">
          Choose {minCore} to {maxCore} values to go on.
        </p>
      )}
    </>
  );
}

function DetailsStep({ state, setState, back, next, errors }: StepProps) {
  useEffect(() => {
    const first = Object.keys(errors ?? {})[0];
    if (first) document.getElementById(first)?.focus();
  }, [errors]);
  return (
    <>
      <p>For each value: why it matters to you, how running can serve it, and what you could try on a run.</p>
      {state.core.map((key, i) => (
        <ValueDetails key={key} index={i} cardKey={key} state={state} setState={setState} errors={errors} />
      ))}
      <div class="row wk-nav">
        <button type="button" class="secondary" onClick={back}>
          Back
        </button>
        <span class="spacer" />
        <button type="button" onClick={next}>
          Next: units and home zone
        </button>
      </div>
    </>
  );
}

function ValueDetails(props: {
  index: number;
  cardKey: string;
  state: WorkshopState;
  setState: (s: WorkshopState) => void;
  errors?: Record<string, string>;
}) {
  const { index, cardKey, state, setState } = props;
  const err = (f: string) => props.errors?.[`values-${index}-${f}`];
  const card = state.cards.find((c) => c.key === cardKey)!;
  const d = detailsOf(state, cardKey);
  const [practice, setPractice] = useState('');
  const id = (f: string) => `values-${index}-${f}`;
  const offered = [card.practice, ...d.practices].filter((p, i, all) => p && all.indexOf(p) === i);
  return (
    <section class="card" aria-labelledby={id('heading')}>
      <h3 id={id('heading')} tabIndex={-1}>
        {index + 1}. {card.name}
      </h3>
      {err('name') && (
        <p class="field-error" id={id('name')} tabIndex={-1} role="alert">
          {err('name')}
        </p>
      )}
      {card.description && <p class="muted">{card.description}</p>}
      <Field id={id('why')} error={err('why')} label={`Why ${card.name} matters to you`}>
        <textarea id={id('why')} value={d.why} onInput={(e) => setState(setDetails(state, cardKey, { why: e.currentTarget.value }))} />
      </Field>
      <Field id={id('link')} error={err('link')} label="How running can serve it" hint={card.link ? `For example: “${card.link}”` : undefined}>
        <textarea
          id={id('link')}
          value={d.link}
          onInput={(e) => setState(setDetails(state, cardKey, { link: e.currentTarget.value }))}
        />
      </Field>
      <fieldset>
        <legend>Practices to try on a run</legend>
        {offered.length > 0 && (
          <ul class="wk-pick">
            {offered.map((p) => (
              <li key={p}>
                <label class="wk-check">
                  <input
                    type="checkbox"
                    checked={d.practices.includes(p)}
                    onChange={() => setState(togglePractice(state, cardKey, p))}
                  />
                  <span>{p}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <label for={id('practice-new')}>A practice of your own</label>
        <div class="row wk-add">
          <input
            id={id('practice-new')}
            value={practice}
            onInput={(e) => setPractice(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (practice.trim() && !d.practices.includes(practice.trim())) setState(togglePractice(state, cardKey, practice));
                setPractice('');
              }
            }}
          />
          <button
            type="button"
            class="secondary"
            disabled={!practice.trim()}
            onClick={() => {
              if (!d.practices.includes(practice.trim())) setState(togglePractice(state, cardKey, practice));
              setPractice('');
            }}
          >
            Add
          </button>
        </div>
        {err('practices') && (
          <p class="field-error" id={id('practices')} tabIndex={-1} role="alert">
            {err('practices')}
          </p>
        )}
      </fieldset>
      <Field
        id={id('since')}
        error={err('since')}
        label="Since when it has mattered to you"
        hint="A date, however long ago; leave it empty for today."
      >
        <input
          id={id('since')}
          type="date"
          max={todayIso()}
          value={d.since}
          onInput={(e) => setState(setDetails(state, cardKey, { since: e.currentTarget.value }))}
        />
      </Field>
    </section>
  );
}

function FinishStep(props: {
  state: WorkshopState;
  held: string[];
  back: () => void;
  onValueError: (field: string, message: string) => void;
  clearValueErrors: () => void;
}) {
  const { state, back } = props;
  // Miles where the roads are signed in them and runners mostly count in them; kilometres elsewhere.
  const [units, setUnits] = useState<'km' | 'mi'>(() =>
    typeof navigator !== 'undefined' && /^en-(US|LR)$|^my/.test(navigator.language) ? 'mi' : 'km',
  );
  const [zone, setZone] = useState(browserZone());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  const { route } = useLocation();
  const cardName = (i: number) => state.cards.find((c) => c.key === state.core[i])?.name ?? `value ${i + 1}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral('');
    props.clearValueErrors();
    const found = checkStart(state, zone, todayIso(), props.held);
    const valueField = Object.keys(found).find((k) => k.startsWith('values-'));
    if (found.zone) {
      setErrors({ zone: found.zone });
      setBusy(false);
      document.getElementById('zone')?.focus();
      return;
    }
    if (valueField) {
      setBusy(false);
      props.onValueError(valueField, found[valueField]);
      return;
    }
    try {
      await ok(api.POST('/api/start', { body: startBody(state, units, zone) }));
      try {
        localStorage.removeItem(draftKey);
      } catch {
        /* nothing to clear */
      }
      route('/values');
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      const named = error instanceof ApiError ? fieldOfError(error.field) : null;
      if (named && named.index === null && (named.field === 'units' || named.field === 'zone')) {
        setErrors({ [named.field]: message });
      } else if (named && named.index !== null) {
        const f = ['why', 'link', 'practices', 'since'].includes(named.field) ? named.field : 'name';
        props.onValueError(`values-${named.index}-${f}`, message);
      } else {
        setGeneral(message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>Distances in</legend>
        <div class="row">
          {(['km', 'mi'] as const).map((u) => (
            <label key={u} class="wk-check">
              <input type="radio" name="units" value={u} checked={units === u} onChange={() => setUnits(u)} />
              <span>{u === 'km' ? 'Kilometres' : 'Miles'}</span>
            </label>
          ))}
        </div>
        {errors.units && (
          <p class="field-error" role="alert">
            {errors.units}
          </p>
        )}
      </fieldset>
      <Field id="zone" label="Home time zone" hint="Runs without a zone of their own are read in this one." error={errors.zone}>
        <input id="zone" value={zone} onInput={(e) => setZone(e.currentTarget.value)} autoComplete="off" />
      </Field>
      <h3>Your values</h3>
      <ol>
        {state.core.map((key, i) => (
          <li key={key}>
            {cardName(i)} <span class="muted">({importanceAt(i)}/10)</span>
          </li>
        ))}
      </ol>
      {general && (
        <p class="error" role="alert">
          {general}
        </p>
      )}
      <div class="row wk-nav">
        <button type="button" class="secondary" onClick={back}>
          Back
        </button>
        <span class="spacer" />
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Start my journal'}
        </button>
      </div>
    </form>
  );
}
