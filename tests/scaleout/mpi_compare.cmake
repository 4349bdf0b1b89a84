# `mpiexec -n NP deploysim montecarlo --mpi` writes the single-process report
# byte for byte. Open MPI is kept on loopback and shared memory, and allowed
# to run as root (CI does).
# Inputs: DEPLOYSIM, SCENARIO, RUNS, SEED, NP, MPIEXEC, NP_FLAG, PREFLAGS, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

set(ENV{OMPI_MCA_pml} ob1)
set(ENV{OMPI_MCA_btl} self,vader)
set(ENV{OMPI_MCA_oob_tcp_if_include} lo)
set(ENV{OMPI_MCA_btl_tcp_if_include} lo)
set(ENV{HWLOC_COMPONENTS} -gl)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)

set(common ${SCENARIO} --runs ${RUNS} --seed ${SEED} --format json)
execute_process(COMMAND ${DEPLOYSIM} montecarlo ${common} -o ${WORK_DIR}/single.json
                RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "single process: exit ${code}\n${err}")
endif()
# Under the sanitizer build, LeakSanitizer reports what Open MPI allocates in
# MPI_Init and never frees; deploysim's own leaks are covered by every other
# test, so leak checking is off for the ranks only, whether or not the caller
# set ASAN_OPTIONS (later options win; without ASan the variable is unused).
if("$ENV{ASAN_OPTIONS}" STREQUAL "")
  set(ENV{ASAN_OPTIONS} detect_leaks=0)
else()
  set(ENV{ASAN_OPTIONS} "$ENV{ASAN_OPTIONS}:detect_leaks=0")
endif()
separate_arguments(preflags UNIX_COMMAND "${PREFLAGS}")
execute_process(
  COMMAND ${MPIEXEC} ${NP_FLAG} ${NP} --oversubscribe ${preflags}
          ${DEPLOYSIM} montecarlo ${common} --mpi -o ${WORK_DIR}/mpi.json
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "mpiexec: exit ${code}\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/single.json ${WORK_DIR}/mpi.json
                RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "the ${NP}-rank report differs from the single-process one: "
                      "diff ${WORK_DIR}/single.json ${WORK_DIR}/mpi.json")
endif()
