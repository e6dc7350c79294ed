// SPDX-License-Identifier: MIT
#include "emojimodel.h"

#include "clientsettings.h"

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

namespace {

QStringList rowsFor(const QStringList &recent)
{
    QStringList rows = recent;
    const QStringList all = EmojiModel::catalog();
    for (const QString &emoji : all) {
        if (!recent.contains(emoji))
            rows.append(emoji);
    }
    return rows;
}

bool isAcceptable(const QString &emoji)
{
    return !emoji.trimmed().isEmpty() && emoji.size() <= EmojiModel::maxEmojiLength;
}

} // namespace

EmojiModel::EmojiModel(ClientSettings &settings, QObject *parent)
    : QAbstractListModel(parent)
    , m_settings(settings)
{
    // A settings file edited by hand may hold anything: keep what could have been picked.
    const QStringList stored = m_settings.recentEmoji();
    for (const QString &emoji : stored) {
        if (isAcceptable(emoji) && !m_recent.contains(emoji) && m_recent.size() < maxRecent)
            m_recent.append(emoji);
    }
    m_rows = rowsFor(m_recent);
}

int EmojiModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant EmojiModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return m_rows.at(index.row());
    case IsRecentRole:
        return index.row() < m_recent.size();
    default:
        return {};
    }
}

QHash<int, QByteArray> EmojiModel::roleNames() const
{
    return {{Qt::DisplayRole, "emoji"}, {IsRecentRole, "isRecent"}};
}

QStringList EmojiModel::catalog()
{
    // Smileys, hands, hearts, celebration, then things people answer with. Emoji whose default is a
    // text glyph (❤, ☺, ✔) carry U+FE0F so that they are drawn as emoji.
    static const QStringList emoji =
        (u"👍 🎉 😀 😂 🙂 😉 😊 😍 🥰 😘 😋 😎 🤔 🤨 😐 😑 "
         u"😶 🙄 😏 😬 😌 😴 😷 🤒 🤯 🥳 😳 🥺 😢 😭 😤 😡 "
         u"😱 😅 😆 🤣 🙃 😇 🤗 🤫 🤭 🙈 🙉 🙊 👎 👌 ✌️ 🤞 "
         u"🤝 👏 🙌 👐 🙏 💪 👋 🤙 👀 🧠 ❤️ 🧡 💛 💚 💙 💜 "
         u"🖤 🤍 💔 💯 ✨ 🔥 ⭐ 🌟 🎊 🎂 🎁 🏆 🥇 ✅ ❌ ⚠️ "
         u"❓ ❗ 💡 📌 📎 📝 📅 ⏰ ☕ 🍵 🍺 🍻 🍕 🍣 🍙 🍜 "
         u"🍰 🍎 🌸 🌻 🌈 ☀️ 🌙 ❄️ ☔ 🐱 🐶 🐼 🦊 🐧 🐢 🚀 "
         u"✈️ 🚗 🏠 💻 📱 🎵 🎮 📚 💤 💬 👻 🤖 🙇 🤷 🙋 🆗 "
         u"🆒"_s)
            .split(u' ');
    return emoji;
}

void EmojiModel::use(const QString &emoji)
{
    if (!isAcceptable(emoji) || m_recent.value(0) == emoji)
        return;
    QStringList recent = m_recent;
    recent.removeAll(emoji);
    recent.prepend(emoji);
    recent = recent.mid(0, maxRecent);
    // Rows move between the recent part and the catalogue (and one may leave): a reset says it simply.
    beginResetModel();
    m_recent = recent;
    m_rows = rowsFor(m_recent);
    endResetModel();
    m_settings.setRecentEmoji(m_recent);
    Q_EMIT recentChanged();
}

} // namespace Kaiwa::Client
