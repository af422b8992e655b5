import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: ApiError }
  | { state: 'ready'; data: T; reload: () => void };

/** Loads what a page shows, again whenever `deps` change; failures carry the server's words. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => current && setResult({ state: 'ready', data, reload: () => setGeneration((g) => g + 1) }),
      (error: unknown) =>
        current &&
        setResult({
          state: 'failed',
          error: error instanceof ApiError ? error : new ApiError(String(error), 0),
        }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  return result;
}
