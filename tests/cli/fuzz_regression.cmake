# One input that once crashed deploysim (tests/data/fuzz/, issue 20): the
# command must end with exit 0, 1 or 2 (never a signal or 3), print its
# problems as short one-line messages and, when EXPECT is given, print a line
# matching it.
# Inputs: DEPLOYSIM, COMMAND (validate|test|run), FILE, EXIT (the exit code),
# EXPECT (a regular expression for stdout+stderr; may be empty).
execute_process(
  COMMAND ${DEPLOYSIM} ${COMMAND} ${FILE}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT code STREQUAL "${EXIT}")
  message(FATAL_ERROR "deploysim ${COMMAND} ${FILE}: exit '${code}', expected ${EXIT}\n${err}")
endif()
# A message quotes an excerpt of a long value, never the value itself.
string(REPLACE "\n" ";" lines "${out}${err}")
foreach(line IN LISTS lines)
  string(LENGTH "${line}" length)
  if(length GREATER 400)
    message(FATAL_ERROR "a line of ${length} characters:\n${line}")
  endif()
endforeach()
if(NOT EXPECT STREQUAL "" AND NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "no line matches '${EXPECT}':\n${out}${err}")
endif()
