// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace Kaiwa::Client {

class ClientSettings;

/**
 * The emoji a picker offers: the ones used lately first (most recent first, remembered in
 * ClientSettings), then a fixed catalogue of common emoji without those. One model serves every
 * picker of the client (the message box's, and the reactions' later), so what is used in one comes
 * first in all.
 */
class EmojiModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles {
        IsRecentRole = Qt::UserRole + 1, ///< bool: among the ones used lately.
    };
    Q_ENUM(Roles)

    /// How many recently used emoji are kept (one row of the picker's grid and a half).
    static constexpr qsizetype maxRecent = 12;
    /// Longest text taken as one emoji (UTF-16 units): a flag, a family or a skin tone fit; a sentence does not.
    static constexpr qsizetype maxEmojiLength = 16;

    /// `settings` holds the recent list; not owned, it must outlive the model.
    explicit EmojiModel(ClientSettings &settings, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The fixed catalogue, in the picker's order.
    static QStringList catalog();
    /// Used lately, most recent first.
    QStringList recent() const { return m_recent; }

    /// Records that `emoji` was used: it moves to the front and is remembered. Empty or over-long text is ignored.
    void use(const QString &emoji);

Q_SIGNALS:
    void recentChanged();

private:
    ClientSettings &m_settings;
    QStringList m_recent;
    QStringList m_rows; ///< m_recent, then the catalogue without them.
};

} // namespace Kaiwa::Client
