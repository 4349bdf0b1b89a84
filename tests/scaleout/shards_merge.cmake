# Shards 0..K-1 of a run, merged, give the unsharded report byte for byte
# (JSON, text and HTML). Shard 1 takes its index from JOB_COMPLETION_INDEX
# (--shard auto/K), as in a Kubernetes Indexed Job.
# Inputs: DEPLOYSIM (the binary), SCENARIO, RUNS, SEED, K, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(deploysim)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "exit ${code}: ${ARGN}\n${err}")
  endif()
endfunction()

set(common ${SCENARIO} --runs ${RUNS} --seed ${SEED})
deploysim(${DEPLOYSIM} montecarlo ${common} --format json -o ${WORK_DIR}/whole.json
          --html ${WORK_DIR}/whole.html)
deploysim(${DEPLOYSIM} montecarlo ${common} --format text -o ${WORK_DIR}/whole.txt)

math(EXPR last "${K} - 1")
set(parts)
foreach(i RANGE ${last})
  if(i EQUAL 1)
    deploysim(${CMAKE_COMMAND} -E env --unset=SLURM_ARRAY_TASK_ID JOB_COMPLETION_INDEX=${i}
              ${DEPLOYSIM} montecarlo ${common} --threads 1 --shard auto/${K}
              -o ${WORK_DIR}/part-${i}.json)
  else()
    deploysim(${DEPLOYSIM} montecarlo ${common} --threads 1 --shard ${i}/${K}
              -o ${WORK_DIR}/part-${i}.json)
  endif()
  list(PREPEND parts ${WORK_DIR}/part-${i}.json)  # reversed: the order must not matter
endforeach()

deploysim(${DEPLOYSIM} merge ${parts} --format json -o ${WORK_DIR}/merged.json
          --html ${WORK_DIR}/merged.html)
deploysim(${DEPLOYSIM} merge ${parts} -o ${WORK_DIR}/merged.txt)

foreach(kind json html txt)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/whole.${kind} ${WORK_DIR}/merged.${kind}
    RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "merged ${kind} differs from the unsharded run: "
                        "diff ${WORK_DIR}/whole.${kind} ${WORK_DIR}/merged.${kind}")
  endif()
endforeach()
