// SPDX-License-Identifier: MIT
#include "languageswitcher.h"

#include "uilogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

LanguageSwitcher::LanguageSwitcher(QObject *parent)
    : QObject(parent)
{
}

LanguageSwitcher::~LanguageSwitcher()
{
    if (m_appTranslator)
        QCoreApplication::removeTranslator(m_appTranslator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
}

QStringList LanguageSwitcher::availableLanguages()
{
    return {u"en"_s, u"ja"_s};
}

QString LanguageSwitcher::nativeName(const QString &language)
{
    const QLocale locale(language);
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name[0].toUpper(); // "english" on some systems
    return name;
}

void LanguageSwitcher::setLanguage(const QString &choice)
{
    const QStringList available = availableLanguages();
    QString effective = available.contains(choice) ? choice : QString();
    if (effective.isEmpty()) {
        // The first of the user's preferred languages that Kaiwa speaks; English otherwise.
        const QStringList preferred = QLocale::system().uiLanguages();
        for (const QString &language : preferred) {
            const QString code = QLocale(language).name().section(u'_', 0, 0);
            if (available.contains(code)) {
                effective = code;
                break;
            }
        }
        if (effective.isEmpty())
            effective = u"en"_s;
    }
    m_choice = available.contains(choice) ? choice : QString();

    // Dates and times follow the chosen language too; "System" restores the system's formats.
    QLocale::setDefault(m_choice.isEmpty() ? QLocale::system() : QLocale(m_choice));

    if (effective != m_effective) {
        m_effective = effective;
        if (m_appTranslator)
            QCoreApplication::removeTranslator(m_appTranslator.get());
        if (m_qtTranslator)
            QCoreApplication::removeTranslator(m_qtTranslator.get());
        m_appTranslator = std::make_unique<QTranslator>();
        if (m_appTranslator->load(u"kaiwa_%1"_s.arg(effective), u":/i18n"_s))
            QCoreApplication::installTranslator(m_appTranslator.get());
        else
            qCWarning(lcUi) << "no translation for" << effective;
        m_qtTranslator = std::make_unique<QTranslator>();
        if (m_qtTranslator->load(QLocale(effective), u"qtbase"_s, u"_"_s,
                                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qtTranslator.get());
        qCDebug(lcUi) << "language" << effective << (m_choice.isEmpty() ? "(system)" : "(chosen)");
    }
    Q_EMIT languageChanged(m_choice);
}

} // namespace Kaiwa::Ui
