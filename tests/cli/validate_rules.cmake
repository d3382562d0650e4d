# annotator validate checks a rules file of the Suggest panel (X.rules.json) against its schema:
# a summary for a good one, FILE:LINE:COL per problem and exit 1 for a broken one. The same schema
# inside a native file ("suggest") is checked with the document (broken/bad_suggest.json).
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P validate_rules.cmake
execute_process(COMMAND ${ANNOTATOR} validate "${FIXTURES}/rules/annotator.rules.json"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${err}" STREQUAL ""
   OR NOT "${out}" STREQUAL "${FIXTURES}/rules/annotator.rules.json: ok, rules file: 1 rules, 2 gazetteer terms\n")
  message(SEND_ERROR "validate good rules: exit ${rc}\nout: ${out}\nerr: ${err}")
endif()

set(bad "${FIXTURES}/rules/broken.rules.json")
execute_process(COMMAND ${ANNOTATOR} validate "${bad}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "${bad}:1:45: error: rules[0].label: expected a string, got 2\n${bad}:2:16: error: gazetteers: expected an array, got an object\n")
if(NOT rc EQUAL 1 OR NOT "${out}" STREQUAL "" OR NOT "${err}" STREQUAL "${want}")
  message(SEND_ERROR "validate broken rules: exit ${rc}\nout: ${out}\nerr: ${err}\nexpected:\n${want}")
endif()

# --from rules names the schema whatever the file is called; --from native reads it as a document.
execute_process(COMMAND ${ANNOTATOR} validate --from rules "${FIXTURES}/native/minimal.json"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err MATCHES "minimal.json:1:12: warning: format: unknown field \\(ignored\\)")
  message(SEND_ERROR "validate --from rules: exit ${rc}\nout: ${out}\nerr: ${err}")
endif()
