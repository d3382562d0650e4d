# Output files on a real disk (cli/output.hpp): a regular file is replaced atomically through an
# exclusive random temporary file and nothing else in the directory is touched; a fifo or a device
# is written through; a symlink is followed and its target replaced; an input is never an output;
# existing outputs (split OUT-N files, brat's .txt) need --force and are named.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P output_files.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(article "${FIXTURES}/native/article.json")
file(READ "${article}" article_bytes)

function(run expect_rc)
  execute_process(COMMAND ${ANNOTATOR} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(SEND_ERROR "annotator ${ARGN}: exit ${rc}, expected ${expect_rc}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()
function(expect_err want)
  if(NOT "${err}" STREQUAL "${want}")
    message(SEND_ERROR "stderr was\n${err}\nexpected\n${want}")
  endif()
endfunction()
function(expect_file path want)
  file(READ "${path}" got)
  if(NOT "${got}" STREQUAL "${want}")
    message(SEND_ERROR "${path} holds\n${got}\nexpected\n${want}")
  endif()
endfunction()
# The directory holds exactly these names (no temporary file left, nothing created elsewhere).
function(expect_listing dir)
  file(GLOB got RELATIVE "${dir}" LIST_DIRECTORIES true "${dir}/*" "${dir}/.*")
  list(SORT got)
  set(want ${ARGN})
  list(SORT want)
  if(NOT "${got}" STREQUAL "${want}")
    message(SEND_ERROR "${dir} holds [${got}], expected [${want}]")
  endif()
endfunction()

# 1. A symlink planted at the old predictable temporary name redirects nothing.
set(d "${WORK}/planted")
file(MAKE_DIRECTORY "${d}")
file(WRITE "${d}/victim" "precious\n")
file(CREATE_LINK "${d}/victim" "${d}/out.json.annotator-tmp" SYMBOLIC)
file(CREATE_LINK "${d}/victim" "${d}/.out.json.tmp" SYMBOLIC)
run(0 convert "${article}" -o "${d}/out.json")
expect_file("${d}/victim" "precious\n")
expect_file("${d}/out.json" "${article_bytes}")
expect_listing("${d}" .out.json.tmp out.json out.json.annotator-tmp victim)

# 2. A symlink as OUT: its target is replaced (with --force, as it exists), the link stays a link.
set(d "${WORK}/link")
file(MAKE_DIRECTORY "${d}/real")
file(WRITE "${d}/real/target.json" "old\n")
file(CREATE_LINK "real/target.json" "${d}/out.json" SYMBOLIC)
run(1 convert "${article}" -o "${d}/out.json")
expect_err("annotator: error: ${d}/out.json would be replaced; nothing was written (--force replaces it)\n")
run(0 convert "${article}" -o "${d}/out.json" --force)
if(NOT IS_SYMLINK "${d}/out.json")
  message(SEND_ERROR "the symlink ${d}/out.json was replaced by a file")
endif()
expect_file("${d}/real/target.json" "${article_bytes}")
expect_listing("${d}" out.json real)
expect_listing("${d}/real" target.json)
# A dangling symlink is refused: its target's directory may not be the one the user thinks.
file(CREATE_LINK "${d}/nowhere/x.json" "${d}/dangling.json" SYMBOLIC)
run(1 convert "${article}" -o "${d}/dangling.json")
expect_err("${d}/dangling.json: error: is a symbolic link to a missing file; give the target's name or remove the link\n")

# 3. A named pipe is written through (a reader gets the bytes), not replaced by a file.
set(d "${WORK}/fifo")
file(MAKE_DIRECTORY "${d}")
execute_process(COMMAND mkfifo "${d}/pipe" RESULT_VARIABLE rc)
if(rc EQUAL 0)
  # Both commands run at once: cat opens the fifo for reading while annotator writes to it.
  execute_process(COMMAND ${ANNOTATOR} convert "${article}" -o "${d}/pipe" --to native
                  COMMAND cat "${d}/pipe" OUTPUT_VARIABLE piped RESULTS_VARIABLE rcs TIMEOUT 20)
  if(NOT "${rcs}" STREQUAL "0;0" OR NOT "${piped}" STREQUAL "${article_bytes}")
    message(SEND_ERROR "convert -o FIFO: exits ${rcs}, the reader got\n${piped}")
  endif()
  execute_process(COMMAND test -p "${d}/pipe" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(SEND_ERROR "the fifo ${d}/pipe was replaced")
  endif()
  expect_listing("${d}" pipe)
endif()

# 4. A character device (a private /dev/null made with mknod when allowed, else /dev/null itself
#    only if this is not root: then the old rename could not have replaced it anyway).
set(d "${WORK}/device")
file(MAKE_DIRECTORY "${d}")
execute_process(COMMAND mknod "${d}/null" c 1 3 RESULT_VARIABLE rc ERROR_QUIET)
if(rc EQUAL 0)
  run(0 convert "${article}" -o "${d}/null" --to native)
  execute_process(COMMAND test -c "${d}/null" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(SEND_ERROR "the device ${d}/null was replaced by a file")
  endif()
  expect_listing("${d}" null)
  # brat's text file goes beside a file, never beside a device (it would be null.txt here).
  run(0 convert "${FIXTURES}/brat/merkel.ann" -o "${d}/null" --to brat)
  expect_listing("${d}" null)
endif()
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT uid STREQUAL "0")
  run(0 convert "${article}" -o /dev/null --to native)
endif()

# 5. A directory is refused by name.
run(1 convert "${article}" -o "${WORK}/device" --to native)
expect_err("${WORK}/device: error: is a directory\n")

# 6. An input is never an output, with or without --force: itself, through a symlink or a hard
#    link, or as one of the split files (export-1.json holding 3 Label Studio tasks -> native).
set(d "${WORK}/inputs")
file(MAKE_DIRECTORY "${d}")
set(tasks "[{\"data\": {\"text\": \"one\"}}, {\"data\": {\"text\": \"two\"}}, {\"data\": {\"text\": \"three\"}}]\n")
file(WRITE "${d}/export-1.json" "${tasks}")
run(1 convert --from label-studio "${d}/export-1.json" -o "${d}/export.json" --to native --force)
expect_err("${d}/export-1.json: error: is the input file; choose another output name\n")
expect_file("${d}/export-1.json" "${tasks}")
expect_listing("${d}" export-1.json)
file(COPY_FILE "${article}" "${d}/a.json")
run(1 convert "${d}/a.json" -o "${d}/a.json" --force)
expect_err("${d}/a.json: error: is the input file; choose another output name\n")
file(CREATE_LINK "a.json" "${d}/alias.json" SYMBOLIC)
file(CREATE_LINK "${d}/a.json" "${d}/hard.json")
run(1 convert "${d}/alias.json" -o "${d}/hard.json" --force)
expect_err("${d}/hard.json: error: is the input file ${d}/alias.json; choose another output name\n")
expect_file("${d}/a.json" "${article_bytes}")
# The text of --text is an input too.
file(COPY_FILE "${FIXTURES}/brat/merkel.txt" "${d}/t.txt")
run(1 convert "${FIXTURES}/brat/merkel.ann" --text "${d}/t.txt" -o "${d}/t.ann" --force)
expect_err("${FIXTURES}/brat/merkel.ann: note: read as brat: the extension .ann, and the content does not rule it out (--from names the format)\n${d}/t.txt: error: is the input file; choose another output name\n")

# 7. Existing split outputs are refused and named, all at once; nothing is written; --force
#    replaces them.
set(d "${WORK}/split")
file(MAKE_DIRECTORY "${d}")
file(WRITE "${d}/tasks.json" "${tasks}")
file(WRITE "${d}/out-1.json" "mine 1\n")
file(WRITE "${d}/out-3.json" "mine 3\n")
run(1 convert --from label-studio "${d}/tasks.json" -o "${d}/out.json" --to native)
expect_err("annotator: error: ${d}/out-1.json, ${d}/out-3.json would be replaced; nothing was written (--force replaces them)\n")
expect_file("${d}/out-1.json" "mine 1\n")
expect_listing("${d}" out-1.json out-3.json tasks.json)
run(0 convert --from label-studio "${d}/tasks.json" -o "${d}/out.json" --to native --force)
expect_err("wrote ${d}/out-1.json\nwrote ${d}/out-2.json\nwrote ${d}/out-3.json\n")
expect_listing("${d}" out-1.json out-2.json out-3.json tasks.json)
file(READ "${d}/out-3.json" three)
if(NOT three MATCHES "\"text\": \"three\"")
  message(SEND_ERROR "--force did not replace out-3.json:\n${three}")
endif()

# 8. brat writes X.txt beside X.ann: an existing X.txt is named too.
set(d "${WORK}/brat")
file(MAKE_DIRECTORY "${d}")
file(WRITE "${d}/x.txt" "my notes\n")
run(1 convert "${FIXTURES}/brat/merkel.ann" -o "${d}/x.ann")
expect_err("${FIXTURES}/brat/merkel.ann: note: read as brat: the extension .ann, and the content does not rule it out (--from names the format)\nannotator: error: ${d}/x.txt would be replaced; nothing was written (--force replaces it)\n")
expect_listing("${d}" x.txt)

# 9. A new file gets the usual permissions (0666 less the umask), not the temporary file's 0600;
#    a replaced file keeps its own.
set(d "${WORK}/mode")
file(MAKE_DIRECTORY "${d}")
execute_process(COMMAND sh -c "umask 022 && '${ANNOTATOR}' convert '${article}' -o '${d}/new.json' && stat -c %a '${d}/new.json'"
                OUTPUT_VARIABLE mode OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT mode STREQUAL "644")
  message(SEND_ERROR "a new output has mode ${mode}, expected 644")
endif()
execute_process(COMMAND chmod 640 "${d}/new.json")
execute_process(COMMAND sh -c "'${ANNOTATOR}' convert '${article}' -o '${d}/new.json' --force && stat -c %a '${d}/new.json'"
                OUTPUT_VARIABLE mode OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT mode STREQUAL "640")
  message(SEND_ERROR "a replaced output has mode ${mode}, expected its own 640")
endif()
