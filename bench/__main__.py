"""Run every benchmark and print its figures."""

from bench import parse_bench, score_bench, uncertainty_bench

score_bench.main()
print()
parse_bench.main()
print()
uncertainty_bench.main()
