// SPDX-License-Identifier: MIT
#include "emojipicker.h"

#include "emojifont.h"

#include "client/emojimodel.h"

#include <QEvent>
#include <QListView>
#include <QScreen>
#include <QScrollBar>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

namespace {
constexpr int columns = 8;
constexpr int visibleRows = 6;
} // namespace

EmojiPicker::EmojiPicker(Client::EmojiModel *model, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_model(model)
    , m_grid(new QListView(this))
{
    setObjectName(u"emojiPicker"_s);
    setFrameShape(QFrame::StyledPanel);
    m_grid->setObjectName(u"emojiGrid"_s);
    m_grid->setModel(model);
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setFlow(QListView::LeftToRight);
    m_grid->setWrapping(true);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setUniformItemSizes(true);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_grid);
    setFocusProxy(m_grid);

    // A click picks; so does Enter (activated), and a double click, which is a click first.
    connect(m_grid, &QAbstractItemView::clicked, this, &EmojiPicker::choose);
    connect(m_grid, &QAbstractItemView::activated, this, &EmojiPicker::choose);
    updateGrid();
    retranslateUi();
}

void EmojiPicker::popUp(const QWidget *anchor)
{
    updateGrid();
    const QRect area = anchor->screen()->availableGeometry();
    const QPoint topLeft = anchor->mapToGlobal(QPoint(0, 0));
    QPoint position(topLeft.x(), topLeft.y() - height());
    if (position.y() < area.top())
        position.setY(topLeft.y() + anchor->height());
    position.setX(std::clamp(position.x(), area.left(), std::max(area.left(), area.right() - width())));
    move(position);
    show();
    m_grid->setCurrentIndex(m_grid->model()->index(0, 0));
    m_grid->scrollToTop();
    m_grid->setFocus(Qt::PopupFocusReason);
}

void EmojiPicker::choose(const QModelIndex &index)
{
    if (!index.isValid() || !isVisible())
        return;
    const QString emoji = index.data().toString();
    hide();
    if (m_model)
        m_model->use(emoji);
    Q_EMIT emojiChosen(emoji);
}

void EmojiPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::FontChange)
        updateGrid();
    QFrame::changeEvent(event);
}

void EmojiPicker::retranslateUi()
{
    m_grid->setAccessibleName(tr("Emoji"));
    m_grid->setAccessibleDescription(tr("Arrow keys choose, Enter inserts, Escape closes. Recently used first."));
}

void EmojiPicker::updateGrid()
{
    // Emoji a little larger than text, in the colour emoji font, in cells sized for the widest.
    const QFont font = EmojiFont::forEmoji(this->font(), 1.6);
    m_grid->setFont(font);
    const int cell = QFontMetrics(font).height() + 10;
    m_grid->setGridSize(QSize(cell, cell));
    const int scrollBar = m_grid->verticalScrollBar()->sizeHint().width();
    m_grid->setFixedSize(columns * cell + scrollBar + 4, visibleRows * cell + 4);
    adjustSize();
}

} // namespace Kaiwa::Ui
