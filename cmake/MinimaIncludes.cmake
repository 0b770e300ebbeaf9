# Include roots: a library shows the targets that link it its own headers, and no others.
#
# Headers are included from the top of the tree ("engine/nn/mlp.h", "lessons/common/lab.h"), so
# each library gets a root of its own in the build tree, ${MINIMA_INCLUDE_ROOTS}/<target>, that
# holds under the same names symbolic links to just the folders (or files) the library owns.
# The root of minima_lessons_common, for instance, is a real directory lessons/ with one link
# in it, lessons/common -> <source tree>/lessons/common: a target that links the lessons'
# common library sees "lessons/common/..." and none of the lessons.
#
# minima_include_root(<target> <INTERFACE|PUBLIC|PRIVATE> [BASE <dir>] <path>...)
#   links each <path> (relative to BASE, by default the top of the source tree) to the same
#   name in the target's root and adds the root to the target's include directories.
#   The links are made (or put right) when CMake configures.

set(MINIMA_INCLUDE_ROOTS ${CMAKE_BINARY_DIR}/include)

function(minima_include_root target scope)
  cmake_parse_arguments(R "" "BASE" "" ${ARGN})
  if(NOT R_BASE)
    set(R_BASE ${PROJECT_SOURCE_DIR})
  endif()
  if(NOT R_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "minima_include_root(${target}): no path to show")
  endif()
  set(root ${MINIMA_INCLUDE_ROOTS}/${target})
  foreach(path IN LISTS R_UNPARSED_ARGUMENTS)
    set(original ${R_BASE}/${path})
    set(link ${root}/${path})
    if(NOT EXISTS ${original})
      message(FATAL_ERROR "minima_include_root(${target}): ${original} does not exist")
    endif()
    set(current "")
    if(IS_SYMLINK ${link})
      file(READ_SYMLINK ${link} current)
    endif()
    if(NOT current STREQUAL original)
      if(IS_SYMLINK ${link})
        file(REMOVE ${link})
      elseif(EXISTS ${link})
        message(FATAL_ERROR "minima_include_root(${target}): ${link} is in the way (not a link)")
      endif()
      get_filename_component(parent ${link} DIRECTORY)
      file(MAKE_DIRECTORY ${parent})
      file(CREATE_LINK ${original} ${link} RESULT result SYMBOLIC)
      if(NOT result EQUAL 0)
        message(FATAL_ERROR "minima_include_root(${target}): cannot link ${link} -> ${original}: ${result}")
      endif()
    endif()
  endforeach()
  target_include_directories(${target} ${scope} ${root})
endfunction()
