# One libFuzzer run (scripts/fuzz, scripts/test): FUZZER for
# $ENV{DEPLOYSIM_FUZZ_SECONDS} seconds (default 15), new inputs kept in
# WORK_DIR/corpus/NAME (the next run starts from them), seeded from SEEDS.
# With $ENV{DEPLOYSIM_FUZZ_RUNS} set, a reproducible run instead (scripts/test
# --full, so CI cannot turn red by chance): exactly that many inputs with
# libFuzzer's -seed=1, from the committed seeds only (a fresh corpus folder),
# so the same tree always tries the same inputs.
# A crash, a leak, a sanitizer report or an input slower than 25 s fails the
# test; the input is saved as WORK_DIR/crashes/NAME-crash-<sha1> and belongs
# in tests/data/fuzz/ with a fix.
set(seconds 15)
if(DEFINED ENV{DEPLOYSIM_FUZZ_SECONDS})
  set(seconds $ENV{DEPLOYSIM_FUZZ_SECONDS})
endif()
set(corpus ${WORK_DIR}/corpus/${NAME})
set(budget -max_total_time=${seconds})
if(DEFINED ENV{DEPLOYSIM_FUZZ_RUNS})
  set(corpus ${WORK_DIR}/corpus-reproducible/${NAME})
  file(REMOVE_RECURSE ${corpus})
  set(budget -runs=$ENV{DEPLOYSIM_FUZZ_RUNS} -seed=1)
endif()
file(MAKE_DIRECTORY ${corpus} ${WORK_DIR}/crashes)
execute_process(
  COMMAND ${FUZZER} ${budget} -timeout=25 -max_len=65536 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK_DIR}/crashes/${NAME}-
          ${corpus} ${SEEDS}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${out}")
string(REGEX MATCH "Done [0-9]+ runs in [0-9]+ second" done "${out}")
message("${NAME}: ${done}; ${runs}")
if(NOT code EQUAL 0)
  file(GLOB crashes ${WORK_DIR}/crashes/${NAME}-*)
  message(FATAL_ERROR "${NAME}: the fuzzer failed (${code}); inputs: ${crashes}\n${out}")
endif()
