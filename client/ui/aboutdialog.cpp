// SPDX-License-Identifier: MIT
#include "aboutdialog.h"

#include "appicon.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_text(new QLabel(this))
{
    setObjectName(u"aboutDialog"_s);
    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    m_text->setObjectName(u"aboutText"_s);
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setOpenExternalLinks(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction); // the link by keyboard too, the text selectable
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    retranslateUi();
}

QString AboutDialog::homepage()
{
    return QStringLiteral(KAIWA_HOMEPAGE);
}

QString AboutDialog::text()
{
    const QString page = homepage().toHtmlEscaped();
    const auto paragraph = [](const QString &text) { return u"<p>%1</p>"_s.arg(text.toHtmlEscaped()); };
    QString html = u"<h3>%1</h3>"_s.arg(tr("Kaiwa %1").arg(QCoreApplication::applicationVersion()).toHtmlEscaped());
    html += paragraph(tr("A desktop client for Kaiwa and Django Channels chat rooms."));
    html += paragraph(
        tr("Running on Qt %1, built with Qt %2.").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    html += paragraph(tr("Free software under the MIT licence."));
    html += u"<p><a href=\"%1\">%1</a></p>"_s.arg(homepage().toHtmlEscaped());
    html += paragraph(tr("Written by the Kaiwa authors. Built with Qt and QtKeychain; emoji drawn with Google's "
                         "Noto Color Emoji; the chat follows the protocol of the Django Channels tutorial."));
    return html;
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About Kaiwa"));
    m_text->setText(text());
}

} // namespace Kaiwa::Ui
