// The one way pages talk to the server: openapi-fetch typed by the API's own OpenAPI
// document (schema.d.ts is generated from src/api/openapi.json by `npm run types`), and one
// error type carrying the field the server named, so a form can show it beside its input.

import createClient from 'openapi-fetch';
import { takeEarly } from '../lib/early';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

// A request the app asked for early, as it started (lib/early.ts), takes that answer.
export const api = createClient<paths>({
  baseUrl: '',
  fetch: (request: Request) => takeEarly(request.method, request.url) ?? fetch(request),
});

/** A refusal from the server ({error, kind, field}) or a network failure (offline). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly offline = false,
  ) {
    super(message);
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer, else an ApiError with the server's words. */
export async function ok<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch {
    throw new ApiError('Cairn cannot be reached: you seem to be offline', 0, undefined, true);
  }
  if (answer.error !== undefined || !answer.response.ok) {
    const problem = (answer.error ?? {}) as { error?: string; field?: string };
    throw new ApiError(
      problem.error ?? `the server answered ${answer.response.status}`,
      answer.response.status,
      problem.field,
    );
  }
  return answer.data as T;
}
