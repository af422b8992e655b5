// Prints each FIT file's sessions as Garmin's official JavaScript SDK (@garmin/fitsdk) reads
// them: sport, start, elapsed and timer time, distance. The independent reference for the
// device's own summary in bench/compare_corpus.py.
//
//   node bench/node/fit_sessions.mjs FILE...   (one JSON object per line)
import { readFileSync } from "node:fs";
import { Decoder, Stream } from "@garmin/fitsdk";

for (const path of process.argv.slice(2)) {
  const decoder = new Decoder(Stream.fromBuffer(readFileSync(path)));
  if (!decoder.isFIT()) {
    console.log(JSON.stringify({ file: path, error: "not a FIT file" }));
    continue;
  }
  let result;
  try {
    result = decoder.read();
  } catch (error) {
    console.log(JSON.stringify({ file: path, error: String(error) }));
    continue;
  }
  const { messages, errors } = result;
  const sessions = (messages.sessionMesgs ?? []).map((s) => ({
    sport: s.sport ?? null,
    start: s.startTime ? new Date(s.startTime).toISOString() : null,
    elapsed_s: s.totalElapsedTime ?? null,
    timer_s: s.totalTimerTime ?? null,
    distance_m: s.totalDistance ?? null,
  }));
  console.log(JSON.stringify({ file: path, sessions, error: errors.length ? errors[0].message : null }));
}
