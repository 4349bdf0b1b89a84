# A `deploysim montecarlo` scale-out request that must be refused: exit 2 and
# an `error:` line containing EXPECT, nothing on stdout.
# Inputs: DEPLOYSIM, SCENARIO, CASE, EXPECT.
if(CASE STREQUAL "auto_without_index")
  unset(ENV{JOB_COMPLETION_INDEX})
  unset(ENV{SLURM_ARRAY_TASK_ID})
  set(args --shard auto/3)
elseif(CASE STREQUAL "mpi_without_mpi")
  set(args --mpi)
elseif(CASE STREQUAL "shard_and_mpi")
  set(args --shard 0/2 --mpi)
elseif(CASE STREQUAL "shard_with_sweep")
  set(args --shard 0/2 --sweep webhooks.Check-Logs.outcome.failure=0,0.1)
else()
  message(FATAL_ERROR "unknown CASE ${CASE}")
endif()
execute_process(COMMAND ${DEPLOYSIM} montecarlo ${SCENARIO} --runs 10 ${args}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 2 OR NOT err MATCHES "error: " OR NOT err MATCHES "${EXPECT}" OR
   NOT out STREQUAL "")
  message(FATAL_ERROR "${CASE}: exit ${code}, expected 2 and an error with '${EXPECT}':\n${err}")
endif()
