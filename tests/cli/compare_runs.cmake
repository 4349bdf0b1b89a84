# Runs `deploysim run SCENARIO --format json` twice (plus --trace) and fails
# unless both reports and both traces are byte-identical (SEMANTICS R4).
# Inputs: DEPLOYSIM (the binary), SCENARIO, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
foreach(run 1 2)
  execute_process(
    COMMAND ${DEPLOYSIM} run ${SCENARIO} --format json -o ${WORK_DIR}/report${run}.json
            --trace ${WORK_DIR}/trace${run}.jsonl
    RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "deploysim run ${SCENARIO} exited with ${code}")
  endif()
endforeach()
foreach(kind report.json trace.jsonl)
  string(REPLACE "." "1." first ${kind})
  string(REPLACE "." "2." second ${kind})
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/${first} ${WORK_DIR}/${second}
                  RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "two runs of ${SCENARIO} gave different ${kind} files")
  endif()
endforeach()
