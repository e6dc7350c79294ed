// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;

namespace Kaiwa::Ui {

/**
 * Help > About Kaiwa: the version, the Qt it runs on and the Qt it was built with (they differ when
 * the system's Qt is updated), the licence, the project's page and the credits, in the current
 * language.
 */
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The project's page (the packages' homepage).
    static QString homepage();
    /// The text shown, as rich text (names are escaped; the project's page is a link).
    static QString text();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_text;
};

} // namespace Kaiwa::Ui
