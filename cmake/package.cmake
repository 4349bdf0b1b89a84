# What deploysim installs, and the Debian package made from it.
#
#   cmake --install build --prefix P     the `deploysim` binary, the man page and
#                                        the examples (component `runtime`), the
#                                        public headers, the static libraries and
#                                        the CMake package (component `development`)
#   cpack -G DEB (in build/)             deploysim_<version>_amd64.deb: the runtime
#                                        component under /usr, Depends found by
#                                        dpkg-shlibdeps
#
# Another project then writes
#   find_package(deploysim CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE deploysim::deploysim)
# and gets the public headers (include/deploysim/), C++20 and every library
# behind them. deploysim::live (the networking of `deploysim live`, with
# OpenSSL) is in the same export set, because the CLI library links it for
# `live` and `run --replay`; `COMPONENTS live` is still accepted.
# tests/package/ checks both from the installed tree.
include(CMakePackageConfigHelpers)

# deploysim::deploysim: the public API, every library but the networking one.
add_library(deploysim_deploysim INTERFACE)
add_library(deploysim::deploysim ALIAS deploysim_deploysim)
set_target_properties(deploysim_deploysim PROPERTIES EXPORT_NAME deploysim)
target_link_libraries(deploysim_deploysim INTERFACE
  deploysim::cli deploysim::explore deploysim::compare deploysim::stream deploysim::calibrate deploysim::scaleout deploysim::report
  deploysim::config
  deploysim::montecarlo deploysim::model deploysim::engine deploysim::headers)

set(DEPLOYSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/deploysim)

install(TARGETS deploysim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS deploysim_headers deploysim_engine deploysim_model deploysim_config
                deploysim_montecarlo deploysim_scaleout deploysim_report deploysim_calibrate
                deploysim_stream deploysim_compare deploysim_explore deploysim_live deploysim_cli deploysim_deploysim
        EXPORT deploysimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(DIRECTORY include/deploysim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT development FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/deploysim/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/deploysim COMPONENT development)
install(EXPORT deploysimTargets NAMESPACE deploysim:: DESTINATION ${DEPLOYSIM_CMAKE_DIR}
        COMPONENT development)
configure_package_config_file(cmake/deploysimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/deploysimConfig.cmake INSTALL_DESTINATION ${DEPLOYSIM_CMAKE_DIR})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/deploysimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/deploysimConfig.cmake
              ${PROJECT_BINARY_DIR}/deploysimConfigVersion.cmake
        DESTINATION ${DEPLOYSIM_CMAKE_DIR} COMPONENT development)

# The examples (a scenario and its deploy file) and the JSON Schemas.
install(DIRECTORY scenarios/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        COMPONENT runtime)
install(DIRECTORY schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/deploysim/schemas
        COMPONENT runtime FILES_MATCHING PATTERN "*.json")

# The man page, made from `deploysim --help` at build time (never committed).
find_program(DEPLOYSIM_HELP2MAN help2man)
if(DEPLOYSIM_HELP2MAN)
  set(man_page ${PROJECT_BINARY_DIR}/man/deploysim.1)
  add_custom_command(OUTPUT ${man_page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${DEPLOYSIM_HELP2MAN} --no-info --no-discard-stderr
            --name "simulate progressive-delivery deploy files on a virtual clock"
            --output ${man_page} $<TARGET_FILE:deploysim>
    COMMAND gzip -9nf ${man_page}
    DEPENDS deploysim
    COMMENT "man page deploysim.1 from deploysim --help")
  add_custom_target(deploysim_man ALL DEPENDS ${man_page}.gz)
  install(FILES ${man_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
else()
  message(STATUS "deploysim: no help2man, no man page (Debian: apt-get install help2man)")
endif()

if(NOT PROJECT_IS_TOP_LEVEL)
  return()
endif()

# The Debian package: the runtime component only (a tool, not a -dev package).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME deploysim)
set(CPACK_PACKAGE_VENDOR deploysim)
set(CPACK_PACKAGE_CONTACT "deploysim maintainers <deploysim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "discrete-event simulator of progressive delivery (CD-as-a-Service deploy files)")
set(CPACK_PACKAGE_DESCRIPTION
    "deploysim plays a CD-as-a-Service deploy file (targets, canary and blue/green strategies, \
analysis, approvals, webhooks) out on a virtual clock, with injected latencies and failures, \
and reports what happened to every environment and why. Monte Carlo what-ifs, scenario \
tests for CI, calibration from CI history.")
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};deploysim;runtime;/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # deploysim_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from dpkg-shlibdeps (dpkg-dev)
include(CPack)
