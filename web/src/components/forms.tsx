import type { ComponentChildren } from 'preact';
import type { Loaded } from '../lib/use-load';

/** A scale of whole numbers as chips a thumb can hit; a second tap on the chosen one clears it. */
export function Scale(props: {
  name: string;
  legend: string;
  from: number;
  to: number;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  hint?: string;
  error?: string;
}) {
  const numbers: number[] = [];
  for (let n = props.from; n <= props.to; n += 1) numbers.push(n);
  const errorId = `${props.name}-error`;
  return (
    <fieldset aria-describedby={props.error ? errorId : undefined}>
      <legend>
        {props.legend}
        {props.hint && <span class="muted"> ({props.hint})</span>}
      </legend>
      <div class="scale">
        {numbers.map((n) => (
          <label key={n}>
            <input
              type="radio"
              name={props.name}
              value={n}
              checked={props.value === n}
              onClick={() => props.onChange(props.value === n ? null : n)}
              aria-label={`${props.legend}: ${n}`}
            />
            <span aria-hidden="true">{n}</span>
          </label>
        ))}
      </div>
      {props.error && (
        <p class="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/** A labelled input with the server's message for its field beneath it. */
export function Field(props: { id: string; label: string; error?: string; children: ComponentChildren; hint?: string }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      {props.hint && <p class="muted">{props.hint}</p>}
      {props.children}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** What a page shows while its data loads or when it cannot be loaded. */
export function Status<T>(props: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (props.loaded.state === 'loading') return <p aria-busy="true">Loading…</p>;
  if (props.loaded.state === 'failed') {
    return (
      <p class="error" role="alert">
        {props.loaded.error.message}
      </p>
    );
  }
  return <>{props.children(props.loaded.data)}</>;
}

/** The end of a small form: its error not about one field, Cancel, and the submit button. */
export function FormFooter(props: { error?: string; busy: boolean; submit: string; cancel: () => void }) {
  return (
    <>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <div class="row wk-nav">
        <button type="button" class="secondary" onClick={props.cancel}>
          Cancel
        </button>
        <span class="spacer" />
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
      </div>
    </>
  );
}
