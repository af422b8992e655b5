// Reads each FIT file named on the command line with Garmin's official JavaScript SDK
// (@garmin/fitsdk), as `cairn inspect` reads it with Cairn's decoder: the whole file decoded
// (chained parts included) with the SDK's default options (scale and offset applied,
// components and subfields expanded, heart rates merged), then one line per file with the
// counts. A peer in Cairn's reading benchmark: see bench/read_speed.py.
//
//   node bench/node/read_fit.mjs FILE...
import { readFileSync } from "node:fs";
import { Decoder, Stream } from "@garmin/fitsdk";

let failed = 0;
for (const path of process.argv.slice(2)) {
  const stream = Stream.fromBuffer(readFileSync(path));
  const decoder = new Decoder(stream);
  if (!decoder.isFIT()) {
    console.log(`${path}: not a FIT file`);
    failed += 1;
    continue;
  }
  const { messages, errors } = decoder.read();
  const count = (name) => (messages[name] ?? []).length;
  console.log(
    `${path}: records=${count("recordMesgs")} laps=${count("lapMesgs")} ` +
      `sessions=${count("sessionMesgs")}` + (errors.length ? ` error=${errors[0].message}` : ""),
  );
  if (errors.length) failed += 1;
}
process.exitCode = failed ? 2 : 0;
