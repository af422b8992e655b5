import type { Schemas } from '../api/client';
import { formatDay, groupHistory, kindWord } from '../lib/value-history';

/** How the value set changed over time and why: newest day first, each change with its reason and review. */
export function ValueTimeline(props: { history: Schemas['ValueEvent'][]; reviews: Schemas['Review'][] }) {
  const days = groupHistory(props.history);
  const reviews = new Map(props.reviews.map((r) => [r.id, r]));
  if (days.length === 0) return <p class="muted">No changes yet.</p>;
  return (
    <ol class="val-timeline">
      {days.map((day) => {
        const reviewIds = [...new Set(day.changes.map((c) => c.event.review_id).filter((id): id is number => id != null))];
        return (
          <li key={day.on}>
            <h3>
              <time dateTime={day.on}>{formatDay(day.on)}</time>
            </h3>
            {reviewIds.map((id) => {
              const review = reviews.get(id);
              if (!review) return null;
              return (
                <div key={id} class="notice">
                  <strong>Review{review.trigger ? `: ${review.trigger}` : ''}</strong>
                  {review.notes && <p>{review.notes}</p>}
                </div>
              );
            })}
            <ul>
              {day.changes.map(({ event, what }) => (
                <li key={event.id}>
                  <strong>{event.after.name}</strong> <span class="val-kind">{kindWord(event.kind)}</span>
                  {what.length > 0 && <span class="muted"> · {what.join(' · ')}</span>}
                  {event.reason && <div>“{event.reason}”</div>}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
