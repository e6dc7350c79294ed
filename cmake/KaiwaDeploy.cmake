# SPDX-License-Identifier: MIT
# Windows and macOS: `cmake --install` (and cpack) put Qt next to the programs, through the deploy
# scripts Qt 6.3+ generates (windeployqt on Windows, macdeployqt on macOS).
# Written and reviewed on Linux against Qt 6.4.2's Qt6CoreMacros.cmake; not run here
# (docs/packaging.md lists what was verified where).

if(TARGET kaiwa)
    # Windows: bin/kaiwa.exe with the Qt DLLs, plugins (platforms, styles, imageformats, iconengines)
    # and translations beside it. macOS: kaiwa.app made self-contained.
    qt_generate_deploy_app_script(TARGET kaiwa FILENAME_VARIABLE kaiwa_deploy_script)
    install(SCRIPT ${kaiwa_deploy_script} COMPONENT client)
endif()

if(WIN32)
    # kaiwa-server.exe: Qt Core, Network, Sql with the sqldrivers plugins (sqlite, and psql when
    # libpq is found).
    qt_generate_deploy_app_script(TARGET kaiwa-server FILENAME_VARIABLE kaiwa_server_deploy_script)
    install(SCRIPT ${kaiwa_server_deploy_script} COMPONENT server)
    # windeployqt copies only Qt: hiredis.dll (and whatever else is not Windows' own) comes from
    # the directories of the prefixes the build used (vcpkg: <vcpkg>/installed/x64-windows/bin).
    set(kaiwa_dll_dirs "")
    foreach(prefix IN LISTS CMAKE_PREFIX_PATH)
        list(APPEND kaiwa_dll_dirs "${prefix}/bin")
    endforeach()
    install(CODE "
        file(GET_RUNTIME_DEPENDENCIES
            EXECUTABLES \"$<TARGET_FILE:kaiwa-server>\"
            RESOLVED_DEPENDENCIES_VAR kaiwa_dlls
            UNRESOLVED_DEPENDENCIES_VAR kaiwa_missing
            DIRECTORIES ${kaiwa_dll_dirs}
            PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^Qt6\"
            POST_EXCLUDE_REGEXES \".*[/\\\\\\\\][Ss]ystem32[/\\\\\\\\].*\")
        foreach(dll IN LISTS kaiwa_dlls)
            file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\" TYPE SHARED_LIBRARY FILES \"\${dll}\")
        endforeach()
        if(kaiwa_missing)
            message(WARNING \"not found, copy them by hand: \${kaiwa_missing}\")
        endif()
    " COMPONENT server)
elseif(APPLE)
    # macdeployqt works on bundles only (Qt 6.4 refuses non-bundle targets): kaiwa-server is
    # installed as a plain binary that uses the Qt it was built against (e.g. Homebrew's).
    message(STATUS "macOS: kaiwa-server is installed without Qt deployment; kaiwa.app is deployed")
endif()
