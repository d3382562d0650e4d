# annotator convert writes what annotator validate accepts, in every offset unit and layout; -o -
# writes to standard output; "-" reads standard input; converting back to code points restores the
# golden file byte for byte.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P convert_roundtrip.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)  # run()

file(GLOB goldens ${FIXTURES}/native/*.json)
foreach(f ${goldens})
  get_filename_component(name "${f}" NAME_WE)
  run(0 validate "${f}")
  string(REPLACE "${f}: " "" summary "${out}")
  foreach(variant codepoint utf16 utf8 compact)
    set(o "${WORK}/${name}.${variant}.json")
    if(variant STREQUAL "compact")
      run(0 convert "${f}" -o "${o}" --compact --force)
    else()
      run(0 convert "${f}" -o "${o}" --offsets ${variant} --force)  # unicode and unicode.utf16 share a stem
    endif()
    run(0 validate "${o}")
    string(REPLACE "${o}: " "" summary2 "${out}")
    if(NOT "${summary2}" STREQUAL "${summary}")
      message(SEND_ERROR "${o}: ${summary2} differs from the original's ${summary}")
    endif()
    # Back to code points, pretty: the same bytes as converting the original.
    run(0 convert "${o}" -o "${WORK}/${name}.${variant}.back.json" --force)
    run(0 convert "${f}" -o "${WORK}/${name}.direct.json" --force)  # the same file each variant
    file(READ "${WORK}/${name}.${variant}.back.json" back)
    file(READ "${WORK}/${name}.direct.json" direct)
    if(NOT "${back}" STREQUAL "${direct}")
      message(SEND_ERROR "${name}: ${variant} and back differs from a direct conversion")
    endif()
  endforeach()
endforeach()

# Goldens written by the project's layout come back byte for byte, on standard output.
foreach(name article unicode)
  run(0 convert "${FIXTURES}/native/${name}.json" -o -)
  file(READ "${FIXTURES}/native/${name}.json" golden)
  if(NOT "${out}" STREQUAL "${golden}")
    message(SEND_ERROR "convert ${name}.json -o - differs from the file:\n${out}")
  endif()
endforeach()
run(0 convert "${FIXTURES}/native/unicode.json" -o - --offsets utf16)
file(READ "${FIXTURES}/native/unicode.utf16.json" golden)
if(NOT "${out}" STREQUAL "${golden}")
  message(SEND_ERROR "convert unicode.json --offsets utf16 differs from unicode.utf16.json")
endif()

# Standard input to standard output.
execute_process(COMMAND ${ANNOTATOR} convert - -o - --from native INPUT_FILE "${FIXTURES}/native/article.json"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
file(READ "${FIXTURES}/native/article.json" golden)
if(NOT rc EQUAL 0 OR NOT "${out}" STREQUAL "${golden}")
  message(SEND_ERROR "convert - -o - (exit ${rc}) did not copy article.json:\n${out}")
endif()

# Broken input: nothing written, the problems reported, exit 1.
run(1 convert "${FIXTURES}/broken/bad_spans.json" -o "${WORK}/never.json")
if(EXISTS "${WORK}/never.json")
  message(SEND_ERROR "convert of a broken file wrote ${WORK}/never.json")
endif()
if(NOT err MATCHES "bad_spans.json:6:38: error: entities\\[0\\].end: 0 is not after start 13\n")
  message(SEND_ERROR "convert of a broken file: ${err}")
endif()

# Output format: from the extension, else --to; unknown ones are usage errors (exit 2).
run(2 convert "${FIXTURES}/native/article.json" -o "${WORK}/x.txt")
if(NOT err MATCHES "^annotator: cannot tell the output format from \"[^\"]*/x.txt\": use --to \\(known formats: native[^)]*\\)\nTry 'annotator --help'.\n$")
  message(SEND_ERROR "unknown output extension: ${err}")
endif()
run(0 convert "${FIXTURES}/native/article.json" -o "${WORK}/x.txt" --to native)
run(0 validate --from native "${WORK}/x.txt")
run(2 convert "${FIXTURES}/native/article.json" -o - --to yaml)
run(2 convert "${FIXTURES}/native/article.json" -o - --offsets bytes)
