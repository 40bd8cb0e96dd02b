// `pnpm bench`: every benchmark, promkit side by side with its peers in the same run.
// `pnpm bench <word>` runs only the recording/memory cases whose name contains the word
// (`exemplar`: the exemplar cases).
import { lookupTable, runLookupBenchmarks } from './lookup.mjs';

const only = process.argv[2];
console.log(lookupTable(runLookupBenchmarks({ only })));
// Recording with an exemplar: `pnpm bench exemplar` runs only this and the (empty) table above.
if (!only || only.includes('exemplar')) {
  const { exemplarTable, runExemplarBenchmark } = await import('./exemplar.mjs');
  console.log(`\n${exemplarTable(runExemplarBenchmark())}`);
}
if (only) process.exit(0);

const { runSummaryBenchmark, summaryTable } = await import('./summary.mjs');
console.log(`\n${summaryTable(runSummaryBenchmark())}`);

const { runStallBenchmark, stallTable } = await import('./stall.mjs');
console.log(`\n${stallTable(runStallBenchmark())}`);

const { runParseBenchmark } = await import('./parse.mjs');
const parsed = await runParseBenchmark();
console.log(`\n| parse ${parsed.lines} lines | promkit | parse-prometheus-text-format | ratio |`);
console.log('|---|---:|---:|---:|');
console.log(`| per exposition | ${parsed.promkit} | ${parsed.other} | ${parsed.ratio.toFixed(1)}x |`);

const { FRAMEWORKS, overheadTable, runOverheadBenchmark } = await import('./overhead.mjs');
for (const framework of Object.keys(FRAMEWORKS)) console.log(`\n${overheadTable(framework, await runOverheadBenchmark(framework))}`);

const { remoteWriteTable, runRemoteWriteBenchmark } = await import('./remote-write.mjs');
console.log(`\n${remoteWriteTable(await runRemoteWriteBenchmark())}`);

const { nativeTable, runNativeBenchmark } = await import('./native.mjs');
console.log(`\n${nativeTable(runNativeBenchmark())}`);
