# SPDX-License-Identifier: MIT
# cmake -DARGUMENTS=<file setting LIBRARY, FOLDER, ALLOWED, SOURCES> -DSTAMP=<file> -P KaiwaCheckIncludes.cmake
# Fails when a source of a server library includes a header of a folder whose library it does not link
# (see KaiwaServerLibrary.cmake); touches STAMP when every include is allowed.
cmake_minimum_required(VERSION 3.25)
include(${ARGUMENTS})
set(errors)
foreach(source IN LISTS SOURCES)
    file(STRINGS ${source} lines REGEX "^[ \t]*#[ \t]*include[ \t]+\"")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([^\"]*)\".*$" "\\1" header "${line}")
        string(REGEX REPLACE "^server/" "" header "${header}")
        if(header MATCHES "^([^/]+)/" AND NOT CMAKE_MATCH_1 STREQUAL FOLDER AND NOT CMAKE_MATCH_1 IN_LIST ALLOWED)
            list(APPEND errors
                "${source}: #include \"${header}\": ${LIBRARY} does not link the library of ${CMAKE_MATCH_1}/")
        endif()
    endforeach()
endforeach()
if(errors)
    list(JOIN errors "\n" text)
    message(FATAL_ERROR "${text}\n(docs/architecture.md, \"Libraries\": link the library in "
                        "server/${FOLDER}/CMakeLists.txt if the graph allows it)")
endif()
file(TOUCH ${STAMP})
