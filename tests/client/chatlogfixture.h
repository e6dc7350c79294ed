// SPDX-License-Identifier: MIT
#pragma once

#include "client/chatlogmodel.h"
#include "client/ui/chatlogview.h"

#include <QAbstractItemModelTester>
#include <QPalette>

#include <memory>

namespace KaiwaTest {

/// Tuesday 24 November 2026, 21:10 in Tokyo: "now" for every chat log test.
extern const QTimeZone s_tokyo;
extern const QDateTime s_now;
/// A sender's name too long for a narrow window.
extern const QString s_longName;

/// `time` on the day `daysAgo` days before s_now, in Tokyo, as UTC.
QDateTime at(int daysAgo, QTime time);
Kaiwa::ChatMessage message(qint64 id, const QString &user, const QDateTime &time, const QString &text,
                           const QString &clientId = {}, bool verified = false);
/// A log over 400 days: who wrote what, grouped or not, own messages, links, Japanese, a very long name.
void fillStory(Kaiwa::Client::ChatLogModel &model);
/// A dark palette as a naive dark theme leaves it: the link colour pure blue.
QPalette darkPalette();
QString textOf(const Kaiwa::Client::ChatLogModel &model, int row);
/// Where the text position `offset` of `row` is, in viewport coordinates.
QPoint pointOf(Kaiwa::Ui::ChatLogView &view, int row, int offset);
/// Presses the left button at `from`, moves to `to` and releases it there.
void drag(Kaiwa::Ui::ChatLogView &view, const QPoint &from, const QPoint &to);

/**
 * A chat log model (under QAbstractItemModelTester) and the view of it a test shows, with "now", the time
 * zone (s_tokyo) and the language fixed. Screenshots go to <build>/tests/client/screenshots/.
 */
class ChatLogFixture
{
public:
    ChatLogFixture();
    ~ChatLogFixture();

    Kaiwa::Client::ChatLogModel &model() { return *m_model; }
    /// A new view of the model, shown and active.
    Kaiwa::Ui::ChatLogView &showView(int width, int height);
    /// Saves chatlog-<language>-<scale>x-<name>.png.
    QString screenshot(QWidget &widget, const QString &language, const QString &name);

private:
    std::unique_ptr<Kaiwa::Client::ChatLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<Kaiwa::Ui::ChatLogView> m_view;
};

} // namespace KaiwaTest
