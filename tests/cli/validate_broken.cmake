# annotator validate rejects each broken fixture with exit 1 and exactly the FILE:LINE:COL lines of
# its .expected file; several files in one call are each reported; a missing file names the OS error.
# The fixtures are broken native files: --from native, since a .json file without the native mark
# could be one of several JSON formats (detection then lists the candidates, checked at the end).
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P validate_broken.cmake
file(GLOB broken ${FIXTURES}/broken/*.json)
list(LENGTH broken count)
if(count LESS 20)
  message(FATAL_ERROR "expected the broken fixtures in ${FIXTURES}/broken, found ${count}")
endif()

foreach(f ${broken})
  string(REGEX REPLACE "\\.json$" ".expected" expected_file "${f}")
  if(NOT EXISTS "${expected_file}")
    message(FATAL_ERROR "${f} has no .expected file")
  endif()
  file(READ "${expected_file}" expected)
  # Each expected line is "LINE:COL: error: MESSAGE"; validate prefixes the file name.
  string(REGEX REPLACE "([^\n]+)" "${f}:\\1" want "${expected}")
  execute_process(COMMAND ${ANNOTATOR} validate --from native "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 1)
    message(SEND_ERROR "validate ${f}: exit ${rc}, expected 1")
  endif()
  if(NOT "${out}" STREQUAL "")
    message(SEND_ERROR "validate ${f}: unexpected standard output:\n${out}")
  endif()
  if(NOT "${err}" STREQUAL "${want}")
    message(SEND_ERROR "validate ${f}: standard error was\n${err}\nexpected\n${want}")
  endif()
endforeach()

# A good file and a bad one in one call: the good one gets its summary, the exit status is 1.
execute_process(COMMAND ${ANNOTATOR} validate --from native "${FIXTURES}/native/minimal.json" "${FIXTURES}/broken/empty.json"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT "${out}" STREQUAL "${FIXTURES}/native/minimal.json: ok, 2 entities, 2 labels, 28 code points\n"
   OR NOT "${err}" STREQUAL "${FIXTURES}/broken/empty.json:1:1: error: the file is empty\n")
  message(SEND_ERROR "validate good+bad: exit ${rc}\nout: ${out}\nerr: ${err}")
endif()

# A file that cannot be opened: its path and the OS error.
execute_process(COMMAND ${ANNOTATOR} validate "${WORK}/does-not-exist.json" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT "${err}" STREQUAL "${WORK}/does-not-exist.json: error: cannot open: No such file or directory\n")
  message(SEND_ERROR "validate missing file: exit ${rc}, err: ${err}")
endif()

# Without --from, a broken file that still carries the native mark is detected as native ...
execute_process(COMMAND ${ANNOTATOR} validate "${FIXTURES}/broken/bad_spans.json" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "^${FIXTURES}/broken/bad_spans.json:6:38: error: entities\\[0\\].end: 0 is not after start 13\n")
  message(SEND_ERROR "validate bad_spans.json without --from: exit ${rc}\n${err}")
endif()
# ... and one that could be several formats gets the candidates listed.
execute_process(COMMAND ${ANNOTATOR} validate "${FIXTURES}/broken/empty.json" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "^${FIXTURES}/broken/empty.json: error: cannot tell the format of \"[^\"]*\": it could be native[^\n]* \\(name the format\\)\n$")
  message(SEND_ERROR "validate empty.json without --from: exit ${rc}\n${err}")
endif()
