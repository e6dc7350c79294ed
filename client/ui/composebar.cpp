// SPDX-License-Identifier: MIT
#include "composebar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Kaiwa::Ui {

ComposeBar::ComposeBar(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("composeBar"));
    m_label->setObjectName(QStringLiteral("composeLabel"));
    m_label->setTextFormat(Qt::PlainText); // a quote is what someone typed: never rich text
    m_label->setForegroundRole(QPalette::PlaceholderText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elided by the layout, not widening it
    m_cancel->setObjectName(QStringLiteral("composeCancel"));
    m_cancel->setAutoRaise(true);
    m_cancel->setText(QStringLiteral("✕"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &ComposeBar::cancelRequested);
    setVisible(false);
    retranslateUi();
}

void ComposeBar::startReply(qint64 id, const QString &quote)
{
    m_mode = Mode::Reply;
    m_targetId = id;
    m_quote = quote;
    retranslateUi();
    setVisible(true);
}

void ComposeBar::startEdit(qint64 id)
{
    m_mode = Mode::Edit;
    m_targetId = id;
    m_quote.clear();
    retranslateUi();
    setVisible(true);
}

void ComposeBar::clear()
{
    m_mode = Mode::Message;
    m_targetId = 0;
    m_quote.clear();
    setVisible(false);
}

void ComposeBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ComposeBar::retranslateUi()
{
    QString quote = m_quote;
    quote.replace(u'\n', u' ');
    switch (m_mode) {
    case Mode::Reply:
        m_label->setText(tr("Replying to %1").arg(quote));
        break;
    case Mode::Edit:
        m_label->setText(tr("Editing your message: Enter saves it"));
        break;
    case Mode::Message:
        m_label->clear();
        break;
    }
    m_cancel->setToolTip(m_mode == Mode::Edit ? tr("Cancel the edit (Esc)") : tr("Cancel the reply (Esc)"));
    m_cancel->setAccessibleName(m_mode == Mode::Edit ? tr("Cancel the edit") : tr("Cancel the reply"));
}

} // namespace Kaiwa::Ui
