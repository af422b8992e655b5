import { describe, expect, it } from 'vitest';
import { draftKey, emptyForm, entryBody, formFieldOf, formFromEntry, hasAnswers } from './entry-form';

describe('entry form', () => {
  it('has no answers until one is given', () => {
    expect(hasAnswers(emptyForm)).toBe(false);
    expect(hasAnswers({ ...emptyForm, text: '  ' })).toBe(false);
    expect(hasAnswers({ ...emptyForm, enjoyment: 7 })).toBe(true);
    expect(hasAnswers({ ...emptyForm, alignments: { '3': 8 } })).toBe(true);
  });

  it('becomes the export shape, leaving out values the runner did not rate', () => {
    const body = entryBody(
      { ...emptyForm, moodAfter: 4, enjoyment: 8, alignments: { '3': 9, '5': null }, weather: ' rain ', company: 'alone' },
      12,
    );
    expect(body.run_id).toBe(12);
    expect(body.after).toEqual({ mood: 4, energy: null });
    expect(body.value_alignments).toEqual([{ value_id: 3, rating: 9 }]);
    expect(body.context.weather).toBe('rain');
    expect(body.context.company).toBe('alone');
    expect(entryBody(emptyForm, null)).not.toHaveProperty('run_id');
  });

  it('reads back an entry the watch pre-filled', () => {
    const form = formFromEntry({
      id: 4,
      run_id: 12,
      at: { utc: '2026-05-01T06:00:00Z', zone: 'Europe/Berlin', local: '2026-05-01 08:00' },
      written_at: '2026-05-01T09:00:00Z',
      before: { mood: null, energy: null },
      after: { mood: null, energy: 4 },
      enjoyment: null,
      effort: 6,
      alignment: null,
      cue_rating: null,
      value_alignments: [{ value_id: 2, rating: 7 }],
      motive: { value_id: null, push: null },
      context: { company: null, route: null, setting: null, audio: null, weather: '' },
      text: '',
    });
    expect(form.energyAfter).toBe(4);
    expect(form.effort).toBe(6);
    expect(form.alignments).toEqual({ '2': 7 });
  });

  it('keeps one draft per run and one for an entry of no run', () => {
    expect(draftKey(12)).toBe('entry:run:12');
    expect(draftKey(null)).toBe('entry:day');
  });

  it('puts the server message beside the input it is about', () => {
    const body = entryBody({ ...emptyForm, alignments: { '3': 9, '7': 2 } }, null);
    expect(formFieldOf('after.mood', body)).toBe('moodAfter');
    expect(formFieldOf('value_alignments[1].rating', body)).toBe('alignment:7');
    expect(formFieldOf('nonsense', body)).toBeNull();
  });
});
