# SPDX-License-Identifier: MIT
# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
    # Debian packages live in /usr, whatever prefix the build tree was configured with; /etc and
    # /lib/systemd/system are absolute, so the files are staged with DESTDIR.
    set(CPACK_SET_DESTDIR ON)
    set(CPACK_INSTALL_PREFIX /usr)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    # Each component's description starts with its own synopsis: no project-wide one in front.
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
