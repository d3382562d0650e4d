# annotator validate --from view|versions|queue checks the page's own stored state (the view
# settings and the indexes of recent versions and of the document queue, as copied out of the
# browser's storage) against the schemas the page reads them with (io/page_state.hpp): a summary
# for a good one, FILE:LINE:COL per problem, exit 1 for an error, a warning for a value ignored.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P validate_page_state.cmake
set(dir "${FIXTURES}/page-state")
function(expect from file want_rc want_out want_err)
  execute_process(COMMAND ${ANNOTATOR} validate --from ${from} "${dir}/${file}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL ${want_rc} OR NOT "${out}" STREQUAL "${want_out}" OR NOT "${err}" STREQUAL "${want_err}")
    message(SEND_ERROR "validate --from ${from} ${file}: exit ${rc}\nout: ${out}\nerr: ${err}\n"
                       "expected exit ${want_rc}\nout: ${want_out}\nerr: ${want_err}")
  endif()
endfunction()

expect(view view.json 0 "${dir}/view.json: ok, view settings\n" "")
expect(view odd-view.json 0 "${dir}/odd-view.json: ok, view settings\n"
       "${dir}/odd-view.json:1:32: warning: snap_to_words: expected true or false, got a string; ignored\n")
expect(versions versions.json 0 "${dir}/versions.json: ok, recent versions index: 2 versions\n" "")
expect(queue queue.json 0 "${dir}/queue.json: ok, document queue index: 2 documents\n" "")
expect(queue broken-queue.json 1 "" "${dir}/broken-queue.json:2:10: error: docs: expected an array, got 1\n")
# The schema is the one named, whatever the file holds: a queue index is not a versions index.
expect(versions queue.json 1 "" "${dir}/queue.json:1:1: error: expected an array of versions, got an object\n")
