// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace Kaiwa::Client {
class SearchResultsModel;
class ServerApi;
} // namespace Kaiwa::Client

namespace Kaiwa::Ui {

class SearchResultDelegate;

/**
 * Room > Find Messages (Ctrl+F): a search field over the window, searching the current room, or every
 * room of its server with "All rooms" checked. Results (SearchResultsModel, drawn by SearchResultDelegate)
 * list room, sender, time and the matched text highlighted, newest first; scrolling to the end loads
 * more. Typing searches after a short pause (Enter at once); Enter or a double click on a result, or Enter
 * in the list, asks to go to it (resultActivated()); Down moves from the field to the results. Esc closes.
 * What the search found or why it failed is said in a line under the field.
 */
class SearchBar : public QWidget
{
    Q_OBJECT

public:
    explicit SearchBar(QWidget *parent = nullptr);
    ~SearchBar() override;

    /// Shows the bar for `room` on the server of `api` (not owned), the field focused and its text selected.
    void open(Client::ServerApi *api, const QString &room);
    /// The room (and server) "this room" means now, without taking the focus: searched again if it changed.
    void setScope(Client::ServerApi *api, const QString &room);
    /// Hides the bar and forgets the results.
    void close();

    Client::SearchResultsModel *model() const { return m_model; }
    QLineEdit *field() const { return m_field; }
    QCheckBox *allRoomsBox() const { return m_allRooms; }
    QListView *resultList() const { return m_results; }
    SearchResultDelegate *delegate() const { return m_delegate; }
    /// The line under the field ("Searching…", "No messages found.", an error); empty when it says nothing.
    QString statusText() const;
    /// The room searched when "All rooms" is not checked.
    QString room() const { return m_room; }

    /// Searches now what the field holds (what a pause in typing does).
    void searchNow();

Q_SIGNALS:
    /// Go to the message `id` of `room` (on the server of the api given to open()).
    void resultActivated(const QString &room, qint64 id);
    /// The bar closed (Esc, its button, or close()).
    void closed();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void updateStatus();
    void activate(const QModelIndex &index);

    Client::SearchResultsModel *m_model;
    SearchResultDelegate *m_delegate;
    QLineEdit *m_field;
    QCheckBox *m_allRooms;
    QToolButton *m_closeButton;
    QLabel *m_status;
    QListView *m_results;
    QTimer m_typingPause;
    QString m_room;
};

} // namespace Kaiwa::Ui
