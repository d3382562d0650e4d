# Losses the CLI used to make silently (issue 12, item 8): a BOM at the start of a --text file is
# skipped and said (it shifted every offset by one); --repair and --in-offsets say that they do
# nothing for native input.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P silent_losses.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# brat's merkel.ann with its text behind a BOM: the entities land on the same words as without.
execute_process(COMMAND sh -c "printf '\\357\\273\\277' > '${WORK}/bom.txt' && cat '${FIXTURES}/brat/merkel.txt' >> '${WORK}/bom.txt'")
execute_process(COMMAND ${ANNOTATOR} convert "${FIXTURES}/brat/merkel.ann" --text "${WORK}/bom.txt" -o - --to native
                RESULT_VARIABLE rc OUTPUT_VARIABLE with_bom ERROR_VARIABLE err)
execute_process(COMMAND ${ANNOTATOR} convert "${FIXTURES}/brat/merkel.ann" --text "${FIXTURES}/brat/merkel.txt" -o -
                --to native OUTPUT_VARIABLE without ERROR_QUIET)
if(NOT rc EQUAL 0 OR NOT "${with_bom}" STREQUAL "${without}")
  message(SEND_ERROR "a BOM in --text changed the result (exit ${rc}):\n${with_bom}\n${err}")
endif()
if(NOT err MATCHES "^${WORK}/bom.txt: warning: the byte order mark \\(U\\+FEFF\\) at the start is not part of the text: skipped\n")
  message(SEND_ERROR "the BOM was skipped without a word:\n${err}")
endif()

execute_process(COMMAND ${ANNOTATOR} convert "${FIXTURES}/native/article.json" --repair --in-offsets utf16 -o -
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
set(f "${FIXTURES}/native/article.json")
if(NOT rc EQUAL 0 OR NOT err STREQUAL "${f}: warning: --repair has no effect on native input (its entities' texts are checked)\n${f}: warning: --in-offsets has no effect on native input (its \"offsets\" field says)\n")
  message(SEND_ERROR "--repair / --in-offsets on native input: exit ${rc}\n${err}")
endif()
