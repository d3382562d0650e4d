# annotator stats: text length in code points, UTF-16 units, bytes and lines, entities per label;
# as plain text and as JSON.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P stats.cmake
set(f "${FIXTURES}/native/article.json")
execute_process(COMMAND ${ANNOTATOR} stats "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "file: ${f}
format: native
text: 59 code points, 59 UTF-16 units, 59 bytes, 2 lines
labels: 4
entities: 5
  PER    1
  ORG    1
  LOC    2
  EVENT  1
")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}")
  message(SEND_ERROR "stats: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()

set(f "${FIXTURES}/native/unicode.json")
execute_process(COMMAND ${ANNOTATOR} stats --json "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "{\"file\": \"${f}\", \"format\": \"native\", \"document\": 1, \"code_points\": 86, \"utf16_units\": 92, \"bytes\": 124, \"lines\": 4, \"labels\": 4, \"entities\": 11, \"entities_per_label\": {\"PER\": 3, \"ORG\": 1, \"LOC\": 4, \"MISC\": 3}}\n")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}")
  message(SEND_ERROR "stats --json: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()

execute_process(COMMAND ${ANNOTATOR} stats --from native "${FIXTURES}/broken/empty.json" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT "${err}" STREQUAL "${FIXTURES}/broken/empty.json:1:1: error: the file is empty\n")
  message(SEND_ERROR "stats of a broken file: exit ${rc}\n${err}")
endif()

# A version 2 file: relations per type and the document labels.
set(f "${FIXTURES}/native/relations.json")
execute_process(COMMAND ${ANNOTATOR} stats "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "file: ${f}
format: native
text: 91 code points, 91 UTF-16 units, 91 bytes, 2 lines
labels: 4
entities: 5
  PER   2
  ORG   2
  LOC   1
  MISC  0
relations: 5
  leader_of   2
  met_with    1
  located_in  2
document labels: politics europe
")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}")
  message(SEND_ERROR "stats of relations: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()
execute_process(COMMAND ${ANNOTATOR} stats --json "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "{\"file\": \"${f}\", \"format\": \"native\", \"document\": 1, \"code_points\": 91, \"utf16_units\": 91, \"bytes\": 91, \"lines\": 2, \"labels\": 4, \"entities\": 5, \"entities_per_label\": {\"PER\": 2, \"ORG\": 2, \"LOC\": 1, \"MISC\": 0}, \"relations\": 5, \"relations_per_type\": {\"leader_of\": 2, \"met_with\": 1, \"located_in\": 2}, \"doc_labels\": [\"politics\", \"europe\"]}\n")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}")
  message(SEND_ERROR "stats --json of relations: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()
