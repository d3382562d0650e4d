# annotator convert through every interchange format and back: the entities come back at the same
# code-point offsets (checked with `annotator agree`: no differences); the options that readers
# and writers need (--text, brat's .txt beside its .ann, --in-offsets, --repair, --scheme,
# --doccano-shape, --drop-crossing) reach them; one file per document for single-document formats.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P convert_formats.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)  # run()

function(expect_contains what haystack needle)
  string(FIND "${haystack}" "${needle}" at)
  if(at EQUAL -1)
    message(SEND_ERROR "${what}: expected to contain \"${needle}\", got:\n${haystack}")
  endif()
endfunction()

set(src "${FIXTURES}/native/unicode.json")
# brat writes the text beside the annotations: the text file the other readers need.
run(0 convert "${src}" -o "${WORK}/doc.ann" --to brat)
set(text "${WORK}/doc.txt")
if(NOT EXISTS "${text}")
  message(FATAL_ERROR "convert --to brat did not write ${text}")
endif()

# Every format that holds the text's spacing and all of these entities: a lossless round trip.
foreach(fmt spacy displacy doccano label-studio prodigy w3c brat xml)
  set(converted "${WORK}/doc.${fmt}")
  run(0 convert "${src}" -o "${converted}" --to ${fmt})
  run(0 convert "${converted}" -o "${WORK}/back.${fmt}.json" --from ${fmt} --to native --text "${text}")
  run(0 agree "${src}" "${WORK}/back.${fmt}.json")
  expect_contains("${fmt} round trip" "${out}" "differences: 0")
endforeach()

# brat finds X.txt beside X.ann without --text.
run(0 convert "${WORK}/doc.ann" -o "${WORK}/back.brat2.json" --to native)
run(0 agree "${src}" "${WORK}/back.brat2.json")
expect_contains("brat beside" "${out}" "differences: 0")

# CoNLL: every scheme, aligned to the original text.
foreach(scheme iob1 iob2 bilou)
  run(0 convert "${FIXTURES}/native/article.json" -o "${WORK}/a.${scheme}.conll" --scheme ${scheme})
  run(0 convert "${WORK}/a.${scheme}.conll" -o "${WORK}/a.${scheme}.json" --to native --scheme ${scheme})
  file(READ "${WORK}/a.${scheme}.conll" conll)
  if(scheme STREQUAL "bilou")
    expect_contains("conll bilou" "${conll}" "Merkel L-PER")
  elseif(scheme STREQUAL "iob2")
    expect_contains("conll iob2" "${conll}" "Angela B-PER")
  endif()
endforeach()
run(2 convert "${src}" -o - --to conll --scheme iob3)
expect_contains("bad scheme" "${err}" "unknown scheme \"iob3\" (expected iob1, iob2 or bilou)")

# doccano: both shapes.
run(0 convert "${src}" -o - --to doccano --doccano-shape entities)
expect_contains("doccano entities" "${out}" "\"start_offset\"")
run(0 convert "${src}" -o - --to doccano)
expect_contains("doccano label" "${out}" "\"label\": [[")

# An older UTF-16 export read with --in-offsets utf16 agrees with the code-point fixture.
run(0 convert "${FIXTURES}/label-studio/unicode_utf16.json" -o "${WORK}/ls16.json" --from label-studio --to native --in-offsets utf16)
run(0 convert "${FIXTURES}/label-studio/unicode.json" -o "${WORK}/ls.json" --from label-studio --to native)
run(0 agree "${WORK}/ls.json" "${WORK}/ls16.json")
expect_contains("label studio utf16" "${out}" "differences: 0")

# Inline XML cannot cross: an error naming the spans, or dropped on request with a count.
run(1 convert "${FIXTURES}/cli/crossing.json" -o "${WORK}/x.xml" --to xml)
expect_contains("xml crossing" "${err}" "cross")
run(0 convert "${FIXTURES}/cli/crossing.json" -o "${WORK}/x.xml" --to xml --drop-crossing)
expect_contains("xml drop" "${err}" "warning")

# CSV is written, never read.
run(0 convert "${src}" -o - --to csv)
expect_contains("csv header" "${out}" "id,start,end,label,text")

# --repair re-anchors an entity whose offsets drifted, where its text is unambiguous.
file(WRITE "${WORK}/drift.json" "{\"format\": \"article-annotator\", \"version\": 1, \"offsets\": \"codepoint\", \"text\": \"The city of Paris.\", \"labels\": [{\"name\": \"LOC\", \"color\": \"#feca74\"}], \"entities\": [{\"id\": \"e1\", \"start\": 12, \"end\": 17, \"label\": \"LOC\", \"text\": \"Paris\"}]}")
run(0 convert "${WORK}/drift.json" -o "${WORK}/drift.ls.json" --to label-studio)
file(READ "${WORK}/drift.ls.json" dj)
string(REPLACE "\"start\": 12, \"end\": 17" "\"start\": 13, \"end\": 18" drifted "${dj}")
if("${drifted}" STREQUAL "${dj}")
  message(FATAL_ERROR "the label-studio output has no \"start\": 12, \"end\": 17 to drift:\n${dj}")
endif()
file(WRITE "${WORK}/drift.ls.json" "${drifted}")
run(1 validate "${WORK}/drift.ls.json" --from label-studio)
expect_contains("drift" "${err}" "does not match")
run(0 validate "${WORK}/drift.ls.json" --from label-studio --repair)

# A multi-document input written to a single-document format: one file per document.
run(0 convert "${FIXTURES}/conll/adjacent.iob1.conll" -o "${WORK}/many.json" --to native --scheme iob1)
foreach(i 1 2)
  if(NOT EXISTS "${WORK}/many-${i}.json")
    message(SEND_ERROR "convert of two documents to native did not write many-${i}.json")
  endif()
  run(0 validate "${WORK}/many-${i}.json")
endforeach()
