"""Run every benchmark and print its figures."""

from bench import plan_bench, score_bench, uncertainty_bench, wait_bench

score_bench.main()
print()
uncertainty_bench.main()
print()
plan_bench.main()
print()
wait_bench.main()
