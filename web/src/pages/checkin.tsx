import { useState } from 'preact/hooks';
import { type Schemas, api, ok } from '../api/client';
import { Field, Scale, Status } from '../components/forms';
import { errorsOf } from '../components/value-card';
import { todayIso } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { formatDay, splitValues } from '../lib/value-history';

type Motivation = Schemas['MotivationQuality'];

// Our own wording of the range from outside pressure to enjoyment (self-determination theory).
const items: { key: keyof Motivation; short: string; legend: string; hint: string }[] = [
  { key: 'enjoyment', short: 'Enjoyed', legend: 'This week, running was a pleasure in itself', hint: '1 not at all, 5 very much' },
  { key: 'chosen', short: 'Chosen', legend: 'I ran because I chose to: it fits what I care about', hint: '1 not at all, 5 very much' },
  { key: 'guilt', short: 'Guilt', legend: 'I ran so as not to feel guilty or lazy', hint: '1 not at all, 5 very much' },
  { key: 'pressure', short: 'Pressure', legend: 'I ran because others expect it, or for how it looks', hint: '1 not at all, 5 very much' },
];

export default function CheckIn() {
  const loaded = useLoad(async () => {
    const [values, checkins] = await Promise.all([ok(api.GET('/api/values')), ok(api.GET('/api/checkins'))]);
    return { values: values.values, checkins: checkins.checkins };
  }, []);
  const [saved, setSaved] = useState('');
  return (
    <>
      <h1>Weekly check-in</h1>
      <Status loaded={loaded}>
        {(data) => {
          const reload = loaded.state === 'ready' ? loaded.reload : () => {};
          const active = splitValues(data.values).active;
          const names = new Map(data.values.map((v) => [v.id, v.name]));
          const past = [...data.checkins].sort((a, b) => b.on.localeCompare(a.on));
          return (
            <>
              {saved && (
                <p class="notice" role="status">
                  {saved}
                </p>
              )}
              <CheckInForm
                values={active}
                onSaved={(on) => {
                  setSaved(`Check-in for ${formatDay(on)} saved.`);
                  reload();
                }}
              />
              <h2>Past check-ins</h2>
              {past.length === 0 ? (
                <p class="muted">None yet.</p>
              ) : (
                <ul class="list">
                  {past.slice(0, 20).map((c) => (
                    <li key={c.id} class="chk-past">
                      <h3>{formatDay(c.on)}</h3>
                      {c.areas.length > 0 && (
                        <ul class="val-tags">
                          {c.areas.map((a) => (
                            <li key={a.value_id} title={a.note || undefined}>
                              {names.get(a.value_id) ?? `#${a.value_id}`} {a.rating}/10
                            </li>
                          ))}
                        </ul>
                      )}
                      <p class="muted">
                        {items
                          .filter((i) => c.motivation[i.key] != null)
                          .map((i) => `${i.short} ${c.motivation[i.key]}/5`)
                          .join(' · ')}
                      </p>
                      {c.areas
                        .filter((a) => a.note)
                        .map((a) => (
                          <p key={a.value_id}>
                            <strong>{names.get(a.value_id)}: </strong>
                            {a.note}
                          </p>
                        ))}
                      {c.note && <p>{c.note}</p>}
                    </li>
                  ))}
                </ul>
              )}
              {past.length > 20 && <p class="muted">And {past.length - 20} earlier; the export has them all.</p>}
            </>
          );
        }}
      </Status>
    </>
  );
}

function CheckInForm(props: { values: Schemas['Value'][]; onSaved: (on: string) => void }) {
  const [on, setOn] = useState(todayIso());
  const [ratings, setRatings] = useState<Record<number, number | null>>({});
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [motivation, setMotivation] = useState<Motivation>({ enjoyment: null, chosen: null, guilt: null, pressure: null });
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const noted = props.values.find((v) => (notes[v.id] ?? '').trim() && ratings[v.id] == null);
    if (noted) {
      setErrors({ [`area-${noted.id}`]: `Rate ${noted.name} too, or leave its note empty.` });
      return;
    }
    const areas = props.values
      .filter((v) => ratings[v.id] != null)
      .map((v) => ({ value_id: v.id, rating: ratings[v.id] as number, note: (notes[v.id] ?? '').trim() }));
    setBusy(true);
    setErrors({});
    try {
      await ok(api.POST('/api/checkins', { body: { on, areas, motivation, note: note.trim() } }));
      setRatings({});
      setNotes({});
      setMotivation({ enjoyment: null, chosen: null, guilt: null, pressure: null });
      setNote('');
      props.onSaved(on);
    } catch (error) {
      const named = errorsOf(error);
      const [field, message] = Object.entries(named)[0];
      const m = /^areas\[(\d+)\]/.exec(field);
      const motive = /^motivation\.(\w+)/.exec(field);
      if (m) setErrors({ [`area-${areas[Number(m[1])]?.value_id}`]: message });
      else if (motive) setErrors({ [`motivation-${motive[1]}`]: message });
      else setErrors(named);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="chk-new">
      <h2 id="chk-new">How is life going?</h2>
      <Field id="chk-on" label="Week ending" error={errors.on}>
        <input id="chk-on" type="date" value={on} onInput={(e) => setOn(e.currentTarget.value)} />
      </Field>
      {props.values.length === 0 ? (
        <p class="muted">
          <a href="/workshop">Name your values</a> to rate how life goes in each of their areas.
        </p>
      ) : (
        <p class="muted">For each of your values: how well is this part of your life going? Skip any you like.</p>
      )}
      {props.values.map((v) => (
        <div key={v.id} class="card">
          <Scale
            name={`area-${v.id}`}
            legend={v.name}
            hint="1 badly, 10 very well"
            from={1}
            to={10}
            value={ratings[v.id]}
            onChange={(n) => setRatings({ ...ratings, [v.id]: n })}
            error={errors[`area-${v.id}`]}
          />
          <Field id={`area-${v.id}-note`} label={`A note on ${v.name} (optional)`}>
            <input
              id={`area-${v.id}-note`}
              value={notes[v.id] ?? ''}
              onInput={(e) => setNotes({ ...notes, [v.id]: e.currentTarget.value })}
            />
          </Field>
        </div>
      ))}
      <h2>Your running this week</h2>
      <div class="card">
        {items.map((item) => (
          <Scale
            key={item.key}
            name={`motivation-${item.key}`}
            legend={item.legend}
            hint={item.hint}
            from={1}
            to={5}
            value={motivation[item.key]}
            onChange={(n) => setMotivation({ ...motivation, [item.key]: n })}
            error={errors[`motivation-${item.key}`]}
          />
        ))}
      </div>
      <Field id="chk-note" label="Anything else" error={errors.note}>
        <textarea id="chk-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      {(errors.form || errors.areas || errors.motivation) && (
        <p class="error" role="alert">
          {errors.form ?? errors.areas ?? errors.motivation}
        </p>
      )}
      <p>
        <button type="submit" disabled={busy}>
          Save the check-in
        </button>
      </p>
    </form>
  );
}
