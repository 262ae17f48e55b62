import { useEffect, useRef, useState } from 'react';
import { statusOf } from '../../providers/apiErrors';
import { importApi, newIdempotencyKey, type ImportJob, type ImportRequest } from './importApi';
import { phaseOf, refusalOf, signatureOf, type Phase } from './importPhase';

const POLL_MS = 500;
/** Consecutive failed polls (network hiccups) tolerated before giving up on the job. */
const MAX_POLL_FAILURES = 20;

/**
 * Uploads a file to an import endpoint (with an Idempotency-Key, reused when the same file and options are
 * sent again after a failure, so a retry is safe) and follows the job until it ends. `onImported` runs once
 * a real (not dry-run) import has written its rows.
 */
export function useImportJob(endpoint: string, onImported: () => void) {
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  /** The key of the submission in flight: reused when the same file and options are sent again after a failure. */
  const keyRef = useRef<{ signature: string; key: string } | null>(null);

  const settle = (request: ImportRequest, job: ImportJob) => {
    if (job.state !== 'queued' && job.state !== 'running') keyRef.current = null;
    setPhase(phaseOf(request, job));
  };

  const submit = async (request: ImportRequest) => {
    const signature = signatureOf(request);
    if (keyRef.current?.signature !== signature) keyRef.current = { signature, key: newIdempotencyKey() };
    setPhase({ step: 'uploading', request });
    try {
      settle(request, await importApi.upload(endpoint, request, keyRef.current.key));
    } catch (error) {
      const refusal = refusalOf(error);
      // A refusal is final for this key; a lost connection or a server error keeps it, so "try again" is safe.
      if (typeof refusal.kind === 'number') keyRef.current = null;
      setPhase({ step: 'choose', refusal });
    }
  };

  const runningJobId = phase.step === 'running' ? phase.job.id : null;
  const runningRequest = phase.step === 'running' ? phase.request : null;
  useEffect(() => {
    if (!runningJobId || !runningRequest) return;
    let cancelled = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const job = await importApi.job(runningJobId);
        if (cancelled) return;
        failures = 0;
        if (job.state === 'queued' || job.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else keyRef.current = null;
        setPhase(phaseOf(runningRequest, job));
      } catch (error) {
        if (cancelled) return;
        failures++;
        if (statusOf(error) === 404 || failures >= MAX_POLL_FAILURES) {
          setPhase({ step: 'lost', request: runningRequest });
        } else {
          timer = setTimeout(() => void poll(), POLL_MS);
        }
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [runningJobId, runningRequest]);

  // Once a real import has written its rows, the grid behind the dialog reloads.
  const importedJobId = phase.step === 'completed' && !phase.request.dryRun ? phase.job.id : null;
  const notifiedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!importedJobId || notifiedRef.current === importedJobId) return;
    notifiedRef.current = importedJobId;
    onImported();
  }, [importedJobId, onImported]);

  const reset = () => setPhase({ step: 'choose' });
  return { phase, submit, reset };
}
