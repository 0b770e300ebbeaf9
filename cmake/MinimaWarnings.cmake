# Warnings on, none left: every target of ours calls this.
function(minima_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                           -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual)
  endif()
endfunction()
