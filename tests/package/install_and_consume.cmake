# `cmake --install` of this build into a scratch prefix, then the consumer
# project (tests/package/consumer) configured against that prefix alone,
# built and run: a missing install rule, export, dependency or public header
# fails here.
# Inputs: BUILD_DIR, CONSUMER_DIR, WORK_DIR, GENERATOR, CXX, LAUNCHER (may be
# empty), LINK_FLAGS (what a sanitized build's objects need at link; may be empty).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (${code}):\n${out}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(file bin/deploysim include/deploysim/simulation.hpp include/deploysim/version.hpp
             include/deploysim/detail/engine_inline.hpp)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()

set(options -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX}
            -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(LAUNCHER)
  list(APPEND options -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
if(LINK_FLAGS)
  list(APPEND options "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}")
endif()
run("configuring the consumer" ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build
    -G ${GENERATOR} ${options})
run("building the consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run("the consumer" ${WORK_DIR}/build/consumer)

set(expected "deploysim @VERSION@
engine b 3m
engine a 5m
engine b 6m
engine a 10m
pipeline FAILED at 17m
target staging FAILED WEBHOOK_FAILED
target prod CANCELLED UPSTREAM_FAILED
")
string(REPLACE "@VERSION@" "${VERSION}" expected "${expected}")
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "the consumer printed\n${output}\nexpected\n${expected}")
endif()
