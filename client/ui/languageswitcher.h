// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTranslator>

#include <memory>

namespace Kaiwa::Ui {

/**
 * Installs the application's translators: Kaiwa's own (embedded as :/i18n/kaiwa_<lang>.qm) and Qt's
 * for standard dialogs. "" follows the system locale. Installing a translator sends
 * QEvent::LanguageChange to every widget, which retranslates itself.
 */
class LanguageSwitcher : public QObject
{
    Q_OBJECT

public:
    explicit LanguageSwitcher(QObject *parent = nullptr);
    ~LanguageSwitcher() override;

    /// Language codes with a translation, e.g. {"en", "ja"}.
    static QStringList availableLanguages();
    /// The language's own name for it ("English", "日本語").
    static QString nativeName(const QString &language);

    /// "" for the system locale, or one of availableLanguages().
    QString choice() const { return m_choice; }
    /// The language in effect after resolving "" against the system locale.
    QString effectiveLanguage() const { return m_effective; }

    void setLanguage(const QString &choice);

Q_SIGNALS:
    void languageChanged(const QString &choice);

private:
    QString m_choice;
    QString m_effective;
    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
};

} // namespace Kaiwa::Ui
