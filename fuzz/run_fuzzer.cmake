# One libFuzzer run (scripts/fuzz, scripts/test): FUZZER for
# $ENV{DEPLOYSIM_FUZZ_SECONDS} seconds (default 15), new inputs kept in
# WORK_DIR/corpus/NAME (the next run starts from them), seeded from SEEDS.
# A crash, a leak, a sanitizer report or an input slower than 25 s fails the
# test; the input is saved as WORK_DIR/crashes/NAME-crash-<sha1> and belongs
# in tests/data/fuzz/ with a fix.
set(seconds 15)
if(DEFINED ENV{DEPLOYSIM_FUZZ_SECONDS})
  set(seconds $ENV{DEPLOYSIM_FUZZ_SECONDS})
endif()
file(MAKE_DIRECTORY ${WORK_DIR}/corpus/${NAME} ${WORK_DIR}/crashes)
execute_process(
  COMMAND ${FUZZER} -max_total_time=${seconds} -timeout=25 -max_len=65536 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK_DIR}/crashes/${NAME}-
          ${WORK_DIR}/corpus/${NAME} ${SEEDS}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${out}")
string(REGEX MATCH "Done [0-9]+ runs in [0-9]+ second" done "${out}")
message("${NAME}: ${done}; ${runs}")
if(NOT code EQUAL 0)
  file(GLOB crashes ${WORK_DIR}/crashes/${NAME}-*)
  message(FATAL_ERROR "${NAME}: the fuzzer failed (${code}); inputs: ${crashes}\n${out}")
endif()
