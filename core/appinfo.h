#pragma once

#include <QString>

/**
 * Facts about the application that every front end shows the same way: its
 * name, version, desktop id and the credit owed to The System Design Primer,
 * the CC BY 4.0 work the application is built around. The GUI's About box,
 * `--version` of both executables and the README all say the same thing, so
 * the text lives here once.
 */
namespace sds::appinfo {

/** Human-readable application name, "System Design Studio". */
QString name();
/** Version from the CMake project, e.g. "0.1.0". */
QString version();
/** Reverse-DNS desktop id, matching the .desktop and metainfo files. */
QString appId();
/** One-sentence description of what the application is for. */
QString summary();
/** Web address of The System Design Primer. */
QString primerUrl();
/** Web address of the CC BY 4.0 licence text. */
QString licenceUrl();
/**
 * Sets the QCoreApplication identity (application name "sdstudio", version)
 * that QStandardPaths and QSettings derive their folders from, so the window
 * and the command line tool find the same data. Call once, after the
 * application object exists.
 */
void registerWithApplication();
/** The credit to the primer as plain text (for terminals). */
QString primerCreditText();
/** The credit to the primer as HTML with links (for the About box). */
QString primerCreditHtml();
/** How the app itself is licensed: the code under MIT, our written content under CC BY 4.0. */
QString licenceHtml();

} // namespace sds::appinfo
