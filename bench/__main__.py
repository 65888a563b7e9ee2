"""Run every benchmark and print its figures."""

from bench.score_bench import main

main()
