# The layers, held by the build: the engine (engine/) is plain C++ and knows neither Qt nor the
# layers above it; the lessons (lessons/) do not know the app (app/).
#
#   engine/   may not include a Qt header (<Q...>, <Qt...>), "lessons/..." or "app/..."
#   lessons/  may not include "app/..."
#
# Run as a test: cmake -DSOURCE_DIR=<source tree> -P check_layering.cmake
# Every offending include is printed as file:line: text, and the script fails.
if(NOT SOURCE_DIR)
  get_filename_component(SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()

set(include_line "^[ \t]*#[ \t]*include[ \t]*")
set(violations "")
set(files_read "")

# check_layer(<folder> <what the folder may not include> <regular expression after "#include">)
function(check_layer folder what pattern)
  file(GLOB_RECURSE files LIST_DIRECTORIES false
       "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.hpp" "${SOURCE_DIR}/${folder}/*.hh"
       "${SOURCE_DIR}/${folder}/*.c" "${SOURCE_DIR}/${folder}/*.cc" "${SOURCE_DIR}/${folder}/*.cpp"
       "${SOURCE_DIR}/${folder}/*.cxx" "${SOURCE_DIR}/${folder}/*.inl" "${SOURCE_DIR}/${folder}/*.ipp")
  list(SORT files)
  set(found "${violations}")
  set(read "${files_read}")
  foreach(file IN LISTS files)
    list(APPEND read "${file}")
    file(READ "${file}" text)
    # One list element per line, line numbers kept: ';' and brackets would split or join
    # elements, so they are set aside first.
    string(REPLACE ";" "<semicolon>" text "${text}")
    string(REPLACE "[" "<bracket>" text "${text}")
    string(REPLACE "]" "<closing bracket>" text "${text}")
    string(REPLACE "\n" ";" text "${text}")
    file(RELATIVE_PATH name "${SOURCE_DIR}" "${file}")
    set(number 0)
    foreach(line IN LISTS text)
      math(EXPR number "${number} + 1")
      if(line MATCHES "${include_line}${pattern}")
        string(STRIP "${line}" shown)
        list(APPEND found "${name}:${number}: ${shown}   (${folder}/ may not include ${what})")
      endif()
    endforeach()
  endforeach()
  set(violations "${found}" PARENT_SCOPE)
  set(files_read "${read}" PARENT_SCOPE)
endfunction()

check_layer(engine "a Qt header" "<Q[A-Za-z_]")
check_layer(engine "the lessons" "[<\"]lessons/")
check_layer(engine "the app" "[<\"]app/")
check_layer(lessons "the app" "[<\"]app/")

list(REMOVE_DUPLICATES files_read)
list(LENGTH files_read files_count)
if(files_count EQUAL 0)
  message(FATAL_ERROR "No source files found under ${SOURCE_DIR}/engine or ${SOURCE_DIR}/lessons.")
endif()

list(LENGTH violations n)
if(n GREATER 0)
  foreach(v IN LISTS violations)
    string(REPLACE "<semicolon>" ";" v "${v}")
    string(REPLACE "<bracket>" "[" v "${v}")
    string(REPLACE "<closing bracket>" "]" v "${v}")
    message("${v}")
  endforeach()
  message(FATAL_ERROR "${n} include(s) cross the layers (engine/: no Qt, lessons/ or app/; lessons/: no app/).")
endif()
message(STATUS "Layering held: no include crosses the layers (${files_count} files read).")
