// Bringing runs in from files: drop them (or a folder, or a Strava export's zip), watch them
// upload and then import file by file, and read what became of each one, with the reason in
// full when a file was skipped or failed.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { describeFiles, filesFromDrop, pickFromFolder, type Picked } from '../lib/import-files';

type Job = Schemas['ImportJob'];
type Summary = Schemas['ImportSummary'];
type FileReport = Schemas['FileReport'];

type Stage =
  | { step: 'choosing' }
  | { step: 'uploading'; sent: number; total: number }
  | { step: 'importing'; job: Job }
  | { step: 'done'; job: Job }
  | { step: 'failed'; message: string };

/** POST /api/imports as multipart/form-data, reporting upload progress; the job the server started. */
function upload(files: Picked[], onProgress: (sent: number, total: number) => void): Promise<Job> {
  const form = new FormData();
  for (const { file, name } of files) form.append('files', file, name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      const body = xhr.response as (Job & { error?: unknown }) | { error?: string; field?: string } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && 'id' in body) resolve(body as Job);
      else {
        const problem = (body ?? {}) as { error?: string; field?: string };
        reject(new ApiError(problem.error ?? `the server answered ${xhr.status}`, xhr.status, problem.field));
      }
    };
    xhr.onerror = () => reject(new ApiError('Cairn cannot be reached: you seem to be offline', 0, undefined, true));
    xhr.send(form);
  });
}

export default function Import() {
  const [files, setFiles] = useState<Picked[]>([]);
  const [aside, setAside] = useState(0);
  const [stage, setStage] = useState<Stage>({ step: 'choosing' });
  const [over, setOver] = useState(false);
  // Changing it empties the file inputs once their files are imported.
  const [round, setRound] = useState(0);
  const alive = useRef(true);
  const status = useRef<HTMLHeadingElement>(null);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const choose = (picked: Picked[], leftAside: number) => {
    setFiles(picked);
    setAside(leftAside);
    setStage({ step: 'choosing' });
  };

  const start = async () => {
    if (files.length === 0) return;
    setStage({ step: 'uploading', sent: 0, total: 0 });
    let job: Job;
    try {
      job = await upload(files, (sent, total) => alive.current && setStage({ step: 'uploading', sent, total }));
    } catch (e) {
      if (alive.current) setStage({ step: 'failed', message: e instanceof ApiError ? e.message : String(e) });
      return;
    }
    // Follow the import every half second until it is done.
    while (alive.current) {
      if (job.state !== 'running') break;
      setStage({ step: 'importing', job });
      await new Promise((r) => setTimeout(r, 500));
      try {
        job = await ok(api.GET('/api/imports/{id}', { params: { path: { id: job.id } } }));
      } catch (e) {
        if (alive.current) setStage({ step: 'failed', message: e instanceof ApiError ? e.message : String(e) });
        return;
      }
    }
    if (!alive.current) return;
    if (job.state === 'failed') setStage({ step: 'failed', message: job.error?.error ?? 'The import failed' });
    else setStage({ step: 'done', job });
    setFiles([]);
    setAside(0);
    setRound((r) => r + 1);
    requestAnimationFrame(() => status.current?.focus());
  };

  const busy = stage.step === 'uploading' || stage.step === 'importing';

  return (
    <>
      <h1>Import runs</h1>
      <p class="muted">
        Files from your watch or app: FIT, GPX, TCX (also zipped or gzipped), or the zip of a Strava export. Runs
        already in your journal are recognised and not added twice.
      </p>

      <section aria-labelledby="import-choose">
        <h2 id="import-choose">Choose files</h2>
        <div
          class={`import-drop${over ? ' import-drop-over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            if (!busy) setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            if (busy || !e.dataTransfer) return;
            void filesFromDrop(e.dataTransfer).then(({ picked, aside: left }) => choose(picked, left));
          }}
        >
          <p class="import-drop-hint" aria-hidden="true">
            Drop files or a folder here, or:
          </p>
          <div class="import-pickers">
            <div>
              <label for="import-files">Files</label>
              <input
                key={`files-${round}`}
                id="import-files"
                type="file"
                multiple
                disabled={busy}
                onChange={(e) => {
                  const list = Array.from(e.currentTarget.files ?? []);
                  choose(
                    list.map((file) => ({ file, name: file.name })),
                    0,
                  );
                }}
              />
            </div>
            <div>
              <label for="import-folder">A whole folder</label>
              <input
                key={`folder-${round}`}
                id="import-folder"
                type="file"
                multiple
                disabled={busy}
                {...{ webkitdirectory: true }}
                onChange={(e) => {
                  const { picked, aside: left } = pickFromFolder(Array.from(e.currentTarget.files ?? []));
                  choose(picked, left);
                }}
              />
            </div>
          </div>
        </div>

        {(files.length > 0 || aside > 0) && stage.step === 'choosing' && (
          <div class="import-chosen">
            <p role="status">
              {files.length > 0 ? `Chosen: ${describeFiles(files)}.` : 'No files Cairn can read were chosen.'}
              {aside > 0 &&
                ` ${aside === 1 ? '1 other file' : `${aside} other files`} in the folder left aside (only .fit, .gpx, .tcx, .csv, .zip and .gz files are sent).`}
            </p>
            {files.length > 0 && files.length <= 12 && (
              <ul class="import-names">
                {files.map((f) => (
                  <li key={f.name}>{f.name}</li>
                ))}
              </ul>
            )}
            {files.length > 0 && (
              <button type="button" onClick={() => void start()}>
                Import {files.length === 1 ? 'the file' : `${files.length} files`}
              </button>
            )}
          </div>
        )}
      </section>

      <Progress stage={stage} />

      {stage.step === 'failed' && (
        <p class="error" role="alert">
          {stage.message}
        </p>
      )}

      {stage.step === 'done' && stage.job.summary && (
        <section aria-labelledby="import-report">
          <h2 id="import-report" tabIndex={-1} ref={status}>
            What happened
          </h2>
          <Report summary={stage.job.summary} />
        </section>
      )}
    </>
  );
}

function Progress(props: { stage: Stage }) {
  const { stage } = props;
  if (stage.step === 'uploading') {
    const percent = stage.total > 0 ? Math.round((stage.sent / stage.total) * 100) : 0;
    return (
      <div class="import-progress" role="status">
        <label for="import-upload-progress">Uploading… {stage.total > 0 ? `${percent}%` : ''}</label>
        <progress id="import-upload-progress" max={100} value={stage.total > 0 ? percent : undefined} />
      </div>
    );
  }
  if (stage.step === 'importing') {
    const { files_done, files_total, current } = stage.job;
    return (
      <div class="import-progress" role="status">
        <label for="import-job-progress">
          Importing: {files_done} of {files_total} {files_total === 1 ? 'file' : 'files'} done
        </label>
        <progress id="import-job-progress" max={Math.max(1, files_total)} value={files_done} />
        {current && <p class="muted import-current">Reading {current}</p>}
      </div>
    );
  }
  return null;
}

const outcomeLabel: Record<FileReport['outcome'], string> = {
  imported: 'Imported',
  already_there: 'Already in your journal',
  skipped: 'Skipped',
  failed: 'Failed',
};

function Report(props: { summary: Summary }) {
  const { summary } = props;
  const counts: Array<[FileReport['outcome'], number]> = [
    ['imported', summary.imported],
    ['already_there', summary.already_there],
    ['skipped', summary.skipped],
    ['failed', summary.failed],
  ];
  const newRuns = summary.files.filter((f) => f.outcome === 'imported').flatMap((f) => f.run_ids);
  return (
    <>
      <dl class="numbers card" aria-label="Files by outcome">
        {counts.map(([outcome, n]) => (
          <div key={outcome}>
            <dt>{outcomeLabel[outcome]}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {summary.zone_data_note && <p class="notice">{summary.zone_data_note}</p>}
      {newRuns.length > 0 && (
        <p>
          <a class="button" href={newRuns.length === 1 ? `/runs/${newRuns[0]}` : '/runs'}>
            {newRuns.length === 1 ? 'See the new run' : `See your runs (${newRuns.length} new)`}
          </a>
        </p>
      )}
      <h3>Each file</h3>
      <ul class="import-files">
        {summary.files.map((f, i) => (
          <li key={`${f.file}-${i}`} class={`card import-file import-${f.outcome}`}>
            <p class="import-file-head">
              <span class="import-outcome">{outcomeLabel[f.outcome]}</span>
              <span class="import-file-name">{f.file}</span>
            </p>
            {f.reason && <p class="import-reason">{f.reason}</p>}
            {f.run_ids.length > 0 && (
              <p>
                {f.run_ids.length === 1 ? 'Run: ' : 'Runs: '}
                {f.run_ids.map((id, k) => (
                  <span key={id}>
                    {k > 0 && ', '}
                    <a href={`/runs/${id}`}>#{id}</a>
                  </span>
                ))}
              </p>
            )}
            {f.merged_run_ids.length > 0 && (
              <p>
                Merged into{' '}
                {f.merged_run_ids.map((id, k) => (
                  <span key={id}>
                    {k > 0 && ', '}
                    <a href={`/runs/${id}`}>run #{id}</a>
                  </span>
                ))}
              </p>
            )}
            <Notes title="Warnings" items={f.warnings} />
            <Notes title="Left out" items={f.left_out} />
            <Notes title="Worth a look" items={f.review} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Notes(props: { title: string; items: string[] }) {
  if (props.items.length === 0) return null;
  return (
    <div class="import-notes">
      <p class="import-notes-title">{props.title}</p>
      <ul>
        {props.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
