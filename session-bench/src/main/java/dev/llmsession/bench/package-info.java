/**
 * Benchmark support: {@link dev.llmsession.bench.CorpusGenerator} writes a deterministic, realistic Claude Code
 * {@code ~/.claude/projects} tree of a chosen size together with {@code truth.json}, the exact totals a correct
 * reader must report for it. The harness that times the CLI and ccusage on such a corpus is {@code bench/run.sh}.
 */
package dev.llmsession.bench;
