# SPDX-License-Identifier: MIT
# The daemon's libraries, one per folder of server/ (docs/architecture.md, "Libraries"). Each says what it
# links, and two checks make that the truth, so the graph in docs/architecture.md is the one the build keeps:
# - the link check links the library whole (every object, not only those something needs) into an empty
#   program with nothing but what the library declares: a call into a library it does not link is a link error;
# - the include check reads every `#include "<folder>/..."` of its sources: a header of a folder whose
#   library it does not link itself is a build error (what comes along with a library it links is not
#   enough: routing links consumers, which link the layers, and still may not include a layer's header).

# kaiwa_add_server_library(<target> <alias> FOLDER <folder of server/> SOURCES ... [PUBLIC ...] [PRIVATE ...])
function(kaiwa_add_server_library target alias)
    cmake_parse_arguments(arg "" "FOLDER" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
    qt_add_library(${target} STATIC ${arg_SOURCES})
    add_library(${alias} ALIAS ${target})
    # "transport/x.h" from server/, "server/transport/x.h" and "common/x.h" from the project root.
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/server ${PROJECT_SOURCE_DIR})
    target_link_libraries(${target} PUBLIC ${arg_PUBLIC} PRIVATE Kaiwa::Warnings ${arg_PRIVATE})
    set_target_properties(${target} PROPERTIES KAIWA_SERVER_FOLDER ${arg_FOLDER})
    set_property(GLOBAL APPEND PROPERTY KAIWA_SERVER_LIBRARIES ${target})
endfunction()

# The folders of the server libraries (and common/) among `links`.
function(_kaiwa_folders_of links result)
    set(folders)
    foreach(link IN LISTS links)
        if(NOT TARGET ${link})
            continue()
        endif()
        get_target_property(aliased ${link} ALIASED_TARGET)
        if(aliased)
            set(link ${aliased})
        endif()
        get_target_property(folder ${link} KAIWA_SERVER_FOLDER)
        if(folder)
            list(APPEND folders ${folder})
        elseif(link STREQUAL "kaiwa_common")
            list(APPEND folders common)
        endif()
    endforeach()
    set(${result} ${folders} PARENT_SCOPE)
endfunction()

# Call once every server library exists.
function(kaiwa_check_server_libraries)
    get_property(libraries GLOBAL PROPERTY KAIWA_SERVER_LIBRARIES)
    set(main ${CMAKE_CURRENT_BINARY_DIR}/linkcheck.cpp)
    file(GENERATE OUTPUT ${main}
        CONTENT "// Generated: an empty program; what it links is the check.\nint main() { return 0; }\n")
    foreach(library IN LISTS libraries)
        add_executable(${library}_linkcheck ${main})
        set_target_properties(${library}_linkcheck
            PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/linkcheck)
        target_link_libraries(${library}_linkcheck PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,${library}>")

        get_target_property(folder ${library} KAIWA_SERVER_FOLDER)
        get_target_property(directory ${library} SOURCE_DIR)
        get_target_property(entries ${library} SOURCES)
        set(sources)
        foreach(entry IN LISTS entries)
            if(entry MATCHES "\\.(h|cpp)$" AND NOT entry MATCHES "^\\$<")
                cmake_path(ABSOLUTE_PATH entry BASE_DIRECTORY ${directory} OUTPUT_VARIABLE source)
                list(APPEND sources ${source})
            endif()
        endforeach()
        # What it links itself, publicly or privately: a header that comes along with those is not enough.
        get_target_property(links ${library} LINK_LIBRARIES)
        _kaiwa_folders_of("${links}" allowed)
        set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${library}_includecheck.stamp)
        set(arguments ${CMAKE_CURRENT_BINARY_DIR}/${library}_includecheck.cmake)
        file(GENERATE OUTPUT ${arguments} CONTENT
            "set(LIBRARY ${library})\nset(FOLDER ${folder})\nset(ALLOWED ${allowed})\nset(SOURCES ${sources})\n")
        add_custom_command(OUTPUT ${stamp}
            COMMAND ${CMAKE_COMMAND} -DARGUMENTS=${arguments} -DSTAMP=${stamp}
                -P ${PROJECT_SOURCE_DIR}/cmake/KaiwaCheckIncludes.cmake
            DEPENDS ${sources} ${arguments} ${PROJECT_SOURCE_DIR}/cmake/KaiwaCheckIncludes.cmake
            COMMENT "Checking the includes of ${library}" VERBATIM)
        add_custom_target(${library}_includecheck DEPENDS ${stamp})
        add_dependencies(${library} ${library}_includecheck)
    endforeach()
endfunction()
