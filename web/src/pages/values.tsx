import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok } from '../api/client';
import { Status } from '../components/forms';
import { ValueAdd } from '../components/value-add';
import { ValueCard } from '../components/value-card';
import { ValueTimeline } from '../components/value-history';
import { ReviewForm } from '../components/value-review';
import { useLoad } from '../lib/use-load';
import { splitValues } from '../lib/value-history';

export default function Values() {
  const loaded = useLoad(async () => {
    const [values, history, reviews] = await Promise.all([
      ok(api.GET('/api/values')),
      ok(api.GET('/api/value-history')),
      ok(api.GET('/api/reviews')),
    ]);
    return { values: values.values, history: history.history, reviews: reviews.reviews };
  }, []);
  // /values?review opens the review; /values?review&prompt=N picks the insights' prompt N as its trigger.
  const { query } = useLocation();
  const [mode, setMode] = useState<'list' | 'review' | 'add'>('review' in query ? 'review' : 'list');
  const promptIndex = query.prompt != null && /^\d+$/.test(query.prompt) ? Number(query.prompt) : undefined;
  const reviewing = mode === 'review';
  const setReviewing = (on: boolean) => setMode(on ? 'review' : 'list');
  const [saved, setSaved] = useState('');

  return (
    <>
      <h1>Your values</h1>
      <Status loaded={loaded}>
        {(data) => {
          const reload = loaded.state === 'ready' ? loaded.reload : () => {};
          const { active, retired } = splitValues(data.values);
          if (data.values.length === 0) {
            return (
              <div class="notice">
                <p>You have not named your values yet.</p>
                <p>
                  <a class="button" href="/workshop">
                    Start the values workshop
                  </a>
                </p>
              </div>
            );
          }
          return (
            <>
              {saved && (
                <p class="notice" role="status">
                  {saved}
                </p>
              )}
              {reviewing ? (
                <ReviewForm
                  values={active}
                  prompt={promptIndex}
                  done={() => setReviewing(false)}
                  onSaved={() => {
                    setReviewing(false);
                    setSaved('Review saved: the changes are in the history below.');
                    reload();
                  }}
                />
              ) : mode === 'add' ? (
                <ValueAdd
                  held={data.values}
                  done={() => setMode('list')}
                  onAdded={() => {
                    setMode('list');
                    setSaved('Value added.');
                    reload();
                  }}
                />
              ) : (
                <>
                  <p class="muted">Most important first. Every change is kept with its reason.</p>
                  <div class="row">
                    <button type="button" onClick={() => (setSaved(''), setReviewing(true))}>
                      Review my values
                    </button>
                    <button type="button" class="secondary" onClick={() => (setSaved(''), setMode('add'))}>
                      Add a value
                    </button>
                  </div>
                </>
              )}
              <section aria-labelledby="in-force">
                <h2 id="in-force">In force ({active.length})</h2>
                {active.map((v) => (
                  <ValueCard key={`${v.id}-${v.importance}-${v.name}`} value={v} onChanged={reload} />
                ))}
              </section>
              {retired.length > 0 && (
                <section aria-labelledby="retired">
                  <h2 id="retired">Retired ({retired.length})</h2>
                  {retired.map((v) => (
                    <ValueCard key={v.id} value={v} onChanged={reload} />
                  ))}
                </section>
              )}
              <section aria-labelledby="history">
                <h2 id="history">How your values changed</h2>
                <ValueTimeline history={data.history} reviews={data.reviews} />
              </section>
            </>
          );
        }}
      </Status>
    </>
  );
}
