#include "core/appinfo.h"

#include "sds/version.h"

#include <QCoreApplication>

namespace sds::appinfo {

QString name()
{
    return QStringLiteral("System Design Studio");
}

QString version()
{
    return QStringLiteral(SDS_VERSION_STRING);
}

QString appId()
{
    return QStringLiteral(SDS_APP_ID);
}

QString summary()
{
    return QStringLiteral("Learn to design large-scale systems: read every topic, build an "
                          "architecture and simulate its traffic, and remember it with "
                          "spaced-repetition flashcards.");
}

QString primerUrl()
{
    return QStringLiteral("https://github.com/donnemartin/system-design-primer");
}

QString licenceUrl()
{
    return QStringLiteral("https://creativecommons.org/licenses/by/4.0/");
}

void registerWithApplication()
{
    // No organisation: data lands in ~/.local/share/sdstudio, not in a
    // vendor folder a user would not look for.
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationName(QStringLiteral("sdstudio"));
    QCoreApplication::setApplicationVersion(version());
}

QString licenceHtml()
{
    return QStringLiteral("<p>The program is free software under the MIT licence. Our topic "
                          "pages, exercises and flashcards are under <a href=\"%1\">CC BY "
                          "4.0</a>, like the primer they are built around.</p>")
        .arg(licenceUrl());
}

QString primerCreditText()
{
    return QStringLiteral("Built around The System Design Primer by Donne Martin and its "
                          "contributors (%1), used under the Creative Commons Attribution 4.0 "
                          "International licence, CC BY 4.0 (%2). Our pages, exercises and cards "
                          "are written in our own words; facts, figures and links come from the "
                          "primer and its sources.")
        .arg(primerUrl(), licenceUrl());
}

QString primerCreditHtml()
{
    return QStringLiteral("<p>Built around <a href=\"%1\"><i>The System Design Primer</i></a> "
                          "by Donne Martin and its contributors, used under the "
                          "<a href=\"%2\">Creative Commons Attribution 4.0 International "
                          "licence (CC BY 4.0)</a>.</p>"
                          "<p>Our pages, exercises and cards are written in our own words; "
                          "facts, figures and links come from the primer and its sources.</p>")
        .arg(primerUrl(), licenceUrl());
}

} // namespace sds::appinfo
