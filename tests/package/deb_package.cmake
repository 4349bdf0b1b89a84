# `cpack -G DEB` from this build: the file name, the Depends line that
# dpkg-shlibdeps found, the files, the man page; then the package unpacked
# with `dpkg-deb -x` into a scratch folder and its binary run on the example
# it ships, which must print what the build's binary prints.
# Inputs: CPACK, BUILD_DIR, WORK_DIR, VERSION, EXAMPLES (scenarios/examples),
# DEPLOYSIM (the build's binary).
file(REMOVE_RECURSE ${WORK_DIR})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (${code}):\n${out}${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run("cpack" ${CPACK} --config ${BUILD_DIR}/CPackConfig.cmake -G DEB -B ${WORK_DIR})
run("dpkg --print-architecture" dpkg --print-architecture)
string(STRIP "${output}" arch)
set(deb ${WORK_DIR}/deploysim_${VERSION}_${arch}.deb)
if(NOT EXISTS ${deb})
  file(GLOB made ${WORK_DIR}/*.deb)
  message(FATAL_ERROR "no ${deb}; cpack made: ${made}")
endif()

run("dpkg-deb -I" dpkg-deb -I ${deb})
foreach(field "Package: deploysim" "Version: ${VERSION}" "Architecture: ${arch}")
  string(FIND "${output}" " ${field}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no '${field}' in the control file:\n${output}")
  endif()
endforeach()
# dpkg-shlibdeps: the C++ runtime and yaml-cpp, each with a minimum version.
if(NOT output MATCHES "\n Depends: [^\n]*libstdc\\+\\+6 \\(>= [^\n]*\n"
   OR NOT output MATCHES "\n Depends: [^\n]*libyaml-cpp[0-9.]+ \\(>= [^\n]*\n")
  message(FATAL_ERROR "the Depends line lacks libstdc++6 or libyaml-cpp:\n${output}")
endif()

run("dpkg-deb -c" dpkg-deb -c ${deb})
foreach(file ./usr/bin/deploysim ./usr/share/man/man1/deploysim.1.gz
             ./usr/share/doc/deploysim/examples/pipeline.yml
             ./usr/share/doc/deploysim/examples/deploy.yml
             ./usr/share/deploysim/schemas/deploy.schema.json)
  string(FIND "${output}" " ${file}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${file} is not in the package:\n${output}")
  endif()
endforeach()
# A tool's package: the headers, libraries and CMake files are for `cmake --install`.
if(output MATCHES "/include/|\\.a\n|/cmake/")
  message(FATAL_ERROR "development files in the package:\n${output}")
endif()

set(root ${WORK_DIR}/root)
run("dpkg-deb -x" dpkg-deb -x ${deb} ${root})
run("the man page" gzip -dc ${root}/usr/share/man/man1/deploysim.1.gz)
if(NOT output MATCHES "\\.TH DEPLOYSIM \"1\"" OR NOT output MATCHES "montecarlo")
  message(FATAL_ERROR "the man page is not deploysim's --help:\n${output}")
endif()

run("deploysim --version from the package" ${root}/usr/bin/deploysim --version)
if(NOT output STREQUAL "deploysim ${VERSION}\n")
  message(FATAL_ERROR "deploysim --version printed '${output}'")
endif()
set(example ${root}/usr/share/doc/deploysim/examples/pipeline.yml)
run("deploysim run from the package" ${root}/usr/bin/deploysim run ${example} --seed 1 --format json)
string(REPLACE "${root}/usr/share/doc/deploysim/examples" "EXAMPLES" packaged "${output}")
run("deploysim run from the build" ${DEPLOYSIM} run ${EXAMPLES}/pipeline.yml --seed 1 --format json)
string(REPLACE "${EXAMPLES}" "EXAMPLES" built "${output}")
if(NOT packaged STREQUAL built OR NOT packaged MATCHES "\"pipeline\": {\n *\"status\": \"SUCCEEDED\"")
  message(FATAL_ERROR "the packaged binary printed\n${packaged}\nthe build's\n${built}")
endif()
