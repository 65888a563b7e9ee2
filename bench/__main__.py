"""Run every benchmark and print its figures."""

from bench import national_bench, parse_bench, score_bench, uncertainty_bench

score_bench.main()
print()
parse_bench.main()
print()
uncertainty_bench.main()
print()
national_bench.main()
