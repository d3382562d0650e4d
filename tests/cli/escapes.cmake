# Every message that carries a string from a file (a label, a key, a file name) shows it escaped:
# ESC, BEL, CR and LF cannot move the cursor, ring or forge an "ok" line (core/printable.hpp).
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P escapes.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
string(ASCII 27 ESC)
string(ASCII 7 BEL)

# A hotkey and a label that try to erase the line and print a fake success.
set(f "${WORK}/evil.json")
file(WRITE "${f}" "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"abc\",
 \"labels\": [{\"name\": \"L\", \"key\": \"\\u001b[2K\\rx\"}],
 \"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 1, \"text\": \"a\", \"label\": \"Z\\u0007\\nfake.json: ok\"}]}\n")
execute_process(COMMAND ${ANNOTATOR} validate "${f}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${err}${out}" "${ESC}" esc_at)
string(FIND "${err}${out}" "${BEL}" bel_at)
string(FIND "${err}${out}" "\r" cr_at)
if(NOT rc EQUAL 1 OR NOT esc_at EQUAL -1 OR NOT bel_at EQUAL -1 OR NOT cr_at EQUAL -1)
  message(SEND_ERROR "validate printed control characters raw (exit ${rc}):\n${err}${out}")
endif()
if(err MATCHES "\nfake.json: ok")
  message(SEND_ERROR "a label forged a line:\n${err}")
endif()
if(NOT err MATCHES "hotkey \"\\\\e\\[2K\\\\rx\"")
  message(SEND_ERROR "the hotkey is not named escaped:\n${err}")
endif()

# A file name with control characters, in an error and in the "ok" summary.
set(name "${WORK}/a${ESC}]0;title${BEL}b.json")
file(COPY_FILE "${FIXTURES}/native/article.json" "${name}")
execute_process(COMMAND ${ANNOTATOR} validate "${name}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "${WORK}/a\\e]0;title\\x07b.json: ok, 5 entities, 4 labels, 59 code points\n")
  message(SEND_ERROR "validate of an escaped name: exit ${rc}\n${out}${err}")
endif()
execute_process(COMMAND ${ANNOTATOR} stats "${WORK}/missing${ESC}[31m.json" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err STREQUAL "${WORK}/missing\\e[31m.json: error: cannot open: No such file or directory\n")
  message(SEND_ERROR "a missing file's name: exit ${rc}\n${err}")
endif()
# Usage errors quote what was typed.
execute_process(COMMAND ${ANNOTATOR} convert x --to "n${ESC}[2J" -o - RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "^annotator: unknown format \"n\\\\e\\[2J\"")
  message(SEND_ERROR "an unknown format's name: exit ${rc}\n${err}")
endif()

# stats names the file as given: escaped in its text output.
execute_process(COMMAND ${ANNOTATOR} stats "${name}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT out MATCHES "^file: [^\n]*/a\\\\e]0;title\\\\x07b.json\nformat: native\n")
  message(SEND_ERROR "stats printed a file name raw: exit ${rc}\n${out}${err}")
endif()
