"""Run every benchmark and print its figures."""

from bench import national_bench, parse_bench, plan_bench, score_bench, uncertainty_bench, wait_bench

score_bench.main()
print()
parse_bench.main()
print()
uncertainty_bench.main()
print()
national_bench.main()
print()
plan_bench.main()
print()
wait_bench.main()
