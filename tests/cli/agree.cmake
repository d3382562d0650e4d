# annotator agree: per-label precision/recall/F1, micro average, token-level kappa and one line per
# difference, as text and as JSON; exit 0 even when the files disagree, 1 on unreadable input or
# different texts, 2 without two files.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P agree.cmake
set(a "${FIXTURES}/agree/a.json")
set(b "${FIXTURES}/agree/b.json")

# 9 tokens (the final period too): A: PER O PER O LOC O LOC O O; B: PER O ORG LOC LOC O O MISC O.
# Agreeing 5/9; chance (PER 2*1 + O 5*4 + LOC 2*2) / 81 = 26/81; kappa = (45 - 26) / (81 - 26) = 19/55.
execute_process(COMMAND ${ANNOTATOR} agree "${a}" "${b}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "A: ${a} (4 entities)
B: ${b} (4 entities)

label      A      B   both  precision  recall     F1
PER        2      1      1      1.000   0.500  0.667
LOC        2      1      0      0.000   0.000  0.000
ORG        0      1      0      0.000   0.000  0.000
MISC       0      1      0      0.000   0.000  0.000
micro      4      4      1      0.250   0.250  0.250

tokens: 9, agreeing: 5 (0.556), expected by chance: 0.321, Cohen's kappa: 0.345

differences: 4
  10-16       other label       PER -> ORG \"Lavrov\"
  17-26       other boundaries  A 20-26 LOC \"Geneva\", B 17-26 LOC \"in Geneva\"
  31-36       missing in B      LOC \"Paris\"
  37-42       extra in B        MISC \"today\"
")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}" OR NOT "${err}" STREQUAL "")
  message(SEND_ERROR "agree: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()

execute_process(COMMAND ${ANNOTATOR} agree --json "${a}" "${b}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "{\"a\": \"${a}\", \"b\": \"${b}\",
 \"labels\": [{\"label\": \"PER\", \"in_a\": 2, \"in_b\": 1, \"matched\": 1, \"precision\": 1.0000, \"recall\": 0.5000, \"f1\": 0.6667}, {\"label\": \"LOC\", \"in_a\": 2, \"in_b\": 1, \"matched\": 0, \"precision\": 0.0000, \"recall\": 0.0000, \"f1\": 0.0000}, {\"label\": \"ORG\", \"in_a\": 0, \"in_b\": 1, \"matched\": 0, \"precision\": 0.0000, \"recall\": 0.0000, \"f1\": 0.0000}, {\"label\": \"MISC\", \"in_a\": 0, \"in_b\": 1, \"matched\": 0, \"precision\": 0.0000, \"recall\": 0.0000, \"f1\": 0.0000}],
 \"micro\": {\"in_a\": 4, \"in_b\": 4, \"matched\": 1, \"precision\": 0.2500, \"recall\": 0.2500, \"f1\": 0.2500},
 \"kappa\": {\"tokens\": 9, \"agreeing\": 5, \"observed\": 0.5556, \"expected\": 0.3210, \"kappa\": 0.3455},
 \"differences\": [
  {\"kind\": \"other label\", \"a\": {\"id\": \"e2\", \"start\": 10, \"end\": 16, \"label\": \"PER\", \"text\": \"Lavrov\"}, \"b\": {\"id\": \"e2\", \"start\": 10, \"end\": 16, \"label\": \"ORG\", \"text\": \"Lavrov\"}},
  {\"kind\": \"other boundaries\", \"a\": {\"id\": \"e3\", \"start\": 20, \"end\": 26, \"label\": \"LOC\", \"text\": \"Geneva\"}, \"b\": {\"id\": \"e3\", \"start\": 17, \"end\": 26, \"label\": \"LOC\", \"text\": \"in Geneva\"}},
  {\"kind\": \"missing in B\", \"a\": {\"id\": \"e4\", \"start\": 31, \"end\": 36, \"label\": \"LOC\", \"text\": \"Paris\"}, \"b\": null},
  {\"kind\": \"extra in B\", \"a\": null, \"b\": {\"id\": \"e4\", \"start\": 37, \"end\": 42, \"label\": \"MISC\", \"text\": \"today\"}}]}
")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}")
  message(SEND_ERROR "agree --json: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()

# A file with itself: no differences, kappa 1.
execute_process(COMMAND ${ANNOTATOR} agree "${a}" "${a}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Cohen's kappa: 1.000\n\ndifferences: 0\n$" OR NOT out MATCHES "micro      4      4      4      1.000   1.000  1.000")
  message(SEND_ERROR "agree with itself: exit ${rc}\n${out}${err}")
endif()

execute_process(COMMAND ${ANNOTATOR} agree "${a}" "${FIXTURES}/agree/other_text.json" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT "${out}" STREQUAL "" OR NOT "${err}" STREQUAL "${FIXTURES}/agree/other_text.json: error: the texts differ at code point 31\n")
  message(SEND_ERROR "agree with another text: exit ${rc}\n${out}${err}")
endif()

# Unreadable input: exit 1 with the same messages as validate's.
foreach(broken empty.json bad_spans.json unknown_label.json)
  set(f "${FIXTURES}/broken/${broken}")
  execute_process(COMMAND ${ANNOTATOR} validate "${f}" ERROR_VARIABLE validate_err)
  execute_process(COMMAND ${ANNOTATOR} agree "${a}" "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT "${out}" STREQUAL "" OR "${err}" STREQUAL "" OR NOT "${err}" STREQUAL "${validate_err}")
    message(SEND_ERROR "agree with ${f}: exit ${rc}\n${out}${err}\nvalidate said\n${validate_err}")
  endif()
endforeach()
execute_process(COMMAND ${ANNOTATOR} agree "${WORK}/missing.json" "${b}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT "${err}" STREQUAL "${WORK}/missing.json: error: cannot open: No such file or directory\n")
  message(SEND_ERROR "agree with a missing file: exit ${rc}\n${err}")
endif()

execute_process(COMMAND ${ANNOTATOR} agree "${a}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT "${err}" STREQUAL "annotator: agree needs two files, A and B\nTry 'annotator --help'.\n")
  message(SEND_ERROR "agree with one file: exit ${rc}\n${err}")
endif()

# Relations (issue 16): scored per type on (source span, target span, type); met_with is symmetric, so
# B's e2 -> e1 matches A's e1 -> e2; B's leader_of e2 -> e4 is not A's e2 -> e5; B lacks A's r5.
set(ra "${FIXTURES}/agree/relations_a.json")
set(rb "${FIXTURES}/agree/relations_b.json")
execute_process(COMMAND ${ANNOTATOR} agree "${ra}" "${rb}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "A: ${ra} (5 entities)
B: ${rb} (5 entities)

label      A      B   both  precision  recall     F1
PER        2      2      2      1.000   1.000  1.000
ORG        2      2      2      1.000   1.000  1.000
LOC        1      1      1      1.000   1.000  1.000
micro      5      5      5      1.000   1.000  1.000

tokens: 17, agreeing: 17 (1.000), expected by chance: 0.419, Cohen's kappa: 1.000

relations: 5 in A, 4 in B (same source span, target span and type)
relation        A      B   both  precision  recall     F1
leader_of       2      2      1      0.500   0.500  0.500
met_with        1      1      1      1.000   1.000  1.000
located_in      2      1      1      1.000   0.500  0.667
micro           5      4      3      0.750   0.600  0.667

differences: 0
")
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${want}" OR NOT "${err}" STREQUAL "")
  message(SEND_ERROR "agree with relations: exit ${rc}\n${out}${err}\nexpected\n${want}")
endif()
execute_process(COMMAND ${ANNOTATOR} agree --json "${ra}" "${rb}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${out}" "\"relations\": [{\"type\": \"leader_of\", \"in_a\": 2, \"in_b\": 2, \"matched\": 1, \"precision\": 0.5000, \"recall\": 0.5000, \"f1\": 0.5000}, {\"type\": \"met_with\", \"in_a\": 1, \"in_b\": 1, \"matched\": 1, \"precision\": 1.0000, \"recall\": 1.0000, \"f1\": 1.0000}, {\"type\": \"located_in\", \"in_a\": 2, \"in_b\": 1, \"matched\": 1, \"precision\": 1.0000, \"recall\": 0.5000, \"f1\": 0.6667}],
 \"relations_micro\": {\"in_a\": 5, \"in_b\": 4, \"matched\": 3, \"precision\": 0.7500, \"recall\": 0.6000, \"f1\": 0.6667},
 \"kappa\"" at)
if(NOT rc EQUAL 0 OR at EQUAL -1)
  message(SEND_ERROR "agree --json with relations: exit ${rc}\n${out}${err}")
endif()

# Two annotators of one file (agree --annotators): native/relations_who.json has ana's Merkel and
# ben's Macron; each scored against the other, and an unknown name is an error naming the known ones.
set(w "${FIXTURES}/native/relations_who.json")
execute_process(COMMAND ${ANNOTATOR} agree --annotators ana,ben "${w}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^A: ana in [^\n]*relations_who.json \\(1 entities\\)\nB: ben in [^\n]*relations_who.json \\(1 entities\\)\n" OR NOT out MATCHES "micro      1      1      0      0.000   0.000  0.000")
  message(SEND_ERROR "agree --annotators: exit ${rc}\n${out}${err}")
endif()
execute_process(COMMAND ${ANNOTATOR} agree --annotators ana,cy "${w}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT "${err}" STREQUAL "${w}: error: no entity or relation of the annotator \"cy\" (annotators: ana, ben)\n")
  message(SEND_ERROR "agree --annotators with an unknown name: exit ${rc}\n${out}${err}")
endif()
