// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>
#include <QPointer>

class QListView;

namespace Kaiwa::Client {
class EmojiModel;
}

namespace Kaiwa::Ui {

/**
 * A small popup grid of emoji (EmojiModel: the ones used lately first). Arrow keys move, Enter or a
 * click picks, Escape closes. A pick is recorded in the model (so it comes first next time, in every
 * picker) and handed on with emojiChosen(); the caller decides where it goes (the message box's
 * cursor, a reaction).
 */
class EmojiPicker : public QFrame
{
    Q_OBJECT

public:
    /// `model` is not owned; it must outlive the picker.
    explicit EmojiPicker(Client::EmojiModel *model, QWidget *parent = nullptr);

    QListView *grid() const { return m_grid; }

    /// Shows the picker over `anchor` (above it, or below when there is no room above), its first
    /// emoji current, the keyboard in the grid.
    void popUp(const QWidget *anchor);

Q_SIGNALS:
    void emojiChosen(const QString &emoji);

protected:
    void changeEvent(QEvent *event) override;

private:
    void choose(const QModelIndex &index);
    void retranslateUi();
    void updateGrid();

    QPointer<Client::EmojiModel> m_model;
    QListView *m_grid;
};

} // namespace Kaiwa::Ui
